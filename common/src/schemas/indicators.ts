import { z } from 'zod';

/** Target indicators (issue 6): the API's shapes, shared by the server (routes) and the web client. */

export const IndicatorUnit = z.enum(['percent', 'count', 'score', 'boolean']);
export const IndicatorDirection = z.enum(['higher', 'lower']);
export const IndicatorLevel = z.enum(['school', 'municipality', 'region']);
export const IndicatorMethod = z.enum(['manual', 'computed']);
export const Achievement = z.enum(['achieved', 'close', 'not_achieved', 'no_data', 'no_target']);

/** Why there is no value: the message in the user's language, with its key and parameters. */
export const NoDataOut = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  message: z.string(),
});

const Code = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,60}$/);
const Text = (max: number) => z.string().trim().max(max);
const Year = z.number().int().min(2000).max(2100);

export const Definition = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  unit: IndicatorUnit,
  direction: IndicatorDirection,
  level: IndicatorLevel,
  method: IndicatorMethod,
  calculation: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  numeratorLabel: z.string().nullable(),
  denominatorLabel: z.string().nullable(),
  dataNote: z.string().nullable(),
  builtin: z.boolean(),
  version: z.number(),
  uses: z.number(),
});

/** The editable fields of a definition (no defaults: a patch changes only what it names). */
const DefinitionFields = z.object({
  name: Text(2000).min(1),
  description: Text(4000).nullable(),
  unit: IndicatorUnit,
  direction: IndicatorDirection,
  level: IndicatorLevel,
  method: IndicatorMethod,
  calculation: z.string().max(60).nullable(),
  params: z.record(z.string(), z.unknown()),
  numeratorLabel: Text(500).nullable(),
  denominatorLabel: Text(500).nullable(),
  dataNote: Text(2000).nullable(),
});
export const DefinitionInput = DefinitionFields.extend({
  code: Code,
  description: DefinitionFields.shape.description.default(null),
  direction: IndicatorDirection.default('higher'),
  level: IndicatorLevel.default('school'),
  calculation: DefinitionFields.shape.calculation.default(null),
  params: DefinitionFields.shape.params.default({}),
  numeratorLabel: DefinitionFields.shape.numeratorLabel.default(null),
  denominatorLabel: DefinitionFields.shape.denominatorLabel.default(null),
  dataNote: DefinitionFields.shape.dataNote.default(null),
});
export const DefinitionPatch = DefinitionFields.partial().extend({ version: z.number().int() });

/** The calculations the code offers, with the fields a region may use in its own shares. */
export const CalculationInfo = z.object({
  name: z.string(),
  title: z.string(),
  units: z.array(IndicatorUnit),
});
export const FieldInfo = z.object({
  field: z.string(),
  title: z.string(),
  source: z.string(),
  unit: z.string(),
  /** The allowed values of a text field (locality: urban, rural), else null. */
  values: z.array(z.string()).nullable(),
});
export const Catalogue = z.object({
  definitions: z.array(Definition),
  calculations: z.array(CalculationInfo),
  fields: z.array(FieldInfo),
});

export const Target = z.object({ year: Year, value: z.number() });

/** The editable fields of a programme's indicator (no defaults: a patch changes only what it names). */
const IndicatorFields = z.object({
  number: Text(20).nullable(),
  name: Text(2000).min(1),
  unit: IndicatorUnit,
  direction: IndicatorDirection,
  level: IndicatorLevel,
  method: IndicatorMethod,
  calculation: z.string().max(60).nullable(),
  params: z.record(z.string(), z.unknown()),
  baseline: z.number().nullable(),
  baselineYear: Year.nullable(),
  targets: z.array(Target).max(30),
});
export const ProgrammeIndicatorInput = IndicatorFields.partial().extend({
  /** A catalogue code: name, unit, direction and method are taken from the catalogue unless given. */
  code: Code.nullable().default(null),
  baseline: IndicatorFields.shape.baseline.default(null),
  baselineYear: IndicatorFields.shape.baselineYear.default(null),
  targets: IndicatorFields.shape.targets.default([]),
});
export const ProgrammeIndicatorPatch = IndicatorFields.partial().extend({ version: z.number().int() });

export const IndicatorValue = z.object({
  year: z.number(),
  method: IndicatorMethod,
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  counted: z.number(),
  missing: z.number(),
  noData: NoDataOut.nullable(),
  source: z.string().nullable(),
  comment: z.string().nullable(),
  evidenceFileId: z.number().nullable(),
  evidenceName: z.string().nullable(),
  fingerprint: z.string().nullable(),
  computedAt: z.string(),
  computedByName: z.string().nullable(),
  version: z.number(),
  target: z.number().nullable(),
  achievement: Achievement,
});

export const IndicatorRow = z.object({
  id: z.number(),
  programmeId: z.number(),
  code: z.string().nullable(),
  number: z.string().nullable(),
  name: z.string(),
  unit: IndicatorUnit,
  unitLabel: z.string(),
  direction: IndicatorDirection,
  level: IndicatorLevel,
  method: IndicatorMethod,
  calculation: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  numeratorLabel: z.string().nullable(),
  denominatorLabel: z.string().nullable(),
  dataNote: z.string().nullable(),
  baseline: z.number().nullable(),
  baselineYear: z.number().nullable(),
  targets: z.array(z.object({ year: z.number().nullable(), value: z.number().nullable() })),
  values: z.array(IndicatorValue),
  version: z.number(),
});

export const IndicatorTable = z.object({
  programmeId: z.number(),
  years: z.array(z.number()),
  canEdit: z.boolean(),
  indicators: z.array(IndicatorRow),
});

export const ManualValueInput = z.object({
  value: z.number(),
  source: Text(1000).min(3),
  comment: Text(2000).nullable().default(null),
  /** The version of the value being replaced (absent when there is none yet). */
  version: z.number().int().optional(),
});

export const ComputeInput = z.object({ year: Year });
export const ComputeResult = z.object({
  computed: z.number(),
  ms: z.number(),
  values: z.array(
    z.object({
      indicatorId: z.number(),
      name: z.string(),
      year: z.number(),
      value: z.number().nullable(),
      noData: NoDataOut.nullable(),
    }),
  ),
});

const PartFigure = {
  numerator: z.number(),
  denominator: z.number(),
  value: z.number().nullable(),
  noData: NoDataOut.nullable(),
};
export const Breakdown = z.object({
  indicatorId: z.number(),
  year: z.number(),
  unit: IndicatorUnit,
  value: IndicatorValue,
  municipalities: z.array(
    z.object({ municipalityId: z.number().nullable(), name: z.string(), ...PartFigure }),
  ),
  schools: z.object({
    total: z.number(),
    items: z.array(
      z.object({
        schoolId: z.number(),
        code: z.string(),
        name: z.string(),
        municipalityId: z.number().nullable(),
        ...PartFigure,
      }),
    ),
  }),
});
export const BreakdownQuery = z.object({
  municipalityId: z.coerce.number().int().optional(),
  noData: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const BasisRecordOut = z.object({
  kind: z.string(),
  label: z.string(),
  figures: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  counted: z.boolean().optional(),
});
export const SchoolBasis = z.object({
  schoolId: z.number().nullable(),
  name: z.string(),
  ...PartFigure,
  basis: z.array(BasisRecordOut),
  /** The current data no longer give the stored figure: recompute the indicator. */
  changed: z.boolean(),
});
