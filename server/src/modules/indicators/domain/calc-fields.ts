import { z } from 'zod';
import { RESULT_NUMERATORS, resultsSum } from './calc-results.js';
import {
  contribution,
  gradeSchema,
  noDataContribution,
  procedureCode,
  subjectCode,
  subjectGroupsSchema,
} from './common.js';
import type { BasisRecord, Calculation, Message, SchoolRow } from './types.js';

/* ------------------------------------------------------------------------------------------------
 * The fields a region may build shares from: registry columns of the school and context indicators.
 * ---------------------------------------------------------------------------------------------- */

/** What a field holds: a count of people/things, another number (Mbit/s), a percent, a flag, or a text code. */
export type FieldKind = 'count' | 'number' | 'percent' | 'boolean' | 'text';
export interface FieldInfo {
  /** Path as written in params: a registry column (`teachers`) or `context.<code>`. */
  field: string;
  unit: FieldKind;
  source: 'school' | 'context';
  /** i18n key of the field's name. */
  titleKey: string;
  /** Allowed values of a text field. */
  values?: string[];
}

const school = (field: string, unit: FieldKind, values?: string[]): FieldInfo => ({
  field,
  unit,
  source: 'school',
  titleKey: `indicators.field.${field}`,
  ...(values ? { values } : {}),
});
const ctx = (code: string): FieldInfo => ({
  field: `context.${code}`,
  unit: 'percent',
  source: 'context',
  titleKey: `indicators.field.context.${code}`,
});

/** Registry and context fields known to the catalogue. Other `context.<code>` paths (the region's extra codes) are allowed as percents. */
export const FIELD_CATALOGUE: readonly FieldInfo[] = Object.freeze([
  school('students_noo', 'count'),
  school('students_ooo', 'count'),
  school('students_soo', 'count'),
  school('teachers', 'count'),
  school('vacancies', 'count'),
  school('psychologists', 'count'),
  school('speech_therapists', 'count'),
  school('defectologists', 'count'),
  school('social_pedagogues', 'count'),
  school('internet_mbps', 'number'),
  school('is_small', 'boolean'),
  school('shifts', 'count'),
  school('locality', 'text', ['urban', 'rural']),
  ctx('low_income'),
  ctx('single_parent'),
  ctx('parents_higher_ed'),
  ctx('ovz'),
  ctx('disabled'),
  ctx('registered'),
  ctx('non_russian'),
]);

const BY_FIELD = new Map(FIELD_CATALOGUE.map((f) => [f.field, f]));
const CONTEXT_PATH = /^context\.([a-z][a-z0-9_]{0,40})$/;

/** The catalogue entry of a field path, or an extra context code (percent); null when unknown. */
export function fieldInfo(path: string): FieldInfo | null {
  const known = BY_FIELD.get(path);
  if (known) return known;
  const m = CONTEXT_PATH.exec(path);
  return m
    ? { field: path, unit: 'percent', source: 'context', titleKey: 'indicators.field.contextExtra' }
    : null;
}

/** A field's value for a school: null when unknown (or the school has no context row for the year). */
export function fieldValue(school: SchoolRow, path: string): number | string | boolean | null {
  const m = CONTEXT_PATH.exec(path);
  if (m) return school.context ? (school.context[m[1]!] ?? null) : null;
  return school.fields[path] ?? null;
}

const FIELD_LABELS = new Map<string, string | Message>();

/**
 * The field's name (extra context codes show their code): a message rendered in the reader's language,
 * shared across schools; an unknown path stays as it is.
 */
export function fieldLabel(path: string): string | Message {
  let label = FIELD_LABELS.get(path);
  if (label === undefined) {
    const info = fieldInfo(path);
    label = !info
      ? path
      : info.titleKey === 'indicators.field.contextExtra'
        ? Object.freeze({ key: info.titleKey, params: { code: path.slice('context.'.length) } })
        : Object.freeze({ key: info.titleKey });
    if (FIELD_LABELS.size > 10_000) FIELD_LABELS.clear();
    FIELD_LABELS.set(path, label);
  }
  return label;
}

/* ------------------------------------------------------------------------------------------------
 * Parameters.
 * ---------------------------------------------------------------------------------------------- */

const OPS = ['>=', '>', '<=', '<', '=', '!='] as const;
type Op = (typeof OPS)[number];

const fieldPath = z
  .string()
  .refine((p) => fieldInfo(p) !== null, { message: 'indicators.params.unknownField' });

const Condition = z
  .strictObject({
    field: fieldPath,
    op: z.enum(OPS),
    value: z.union([z.number().finite(), z.string().max(100), z.boolean()]),
  })
  .superRefine((c, ctx) => {
    const info = fieldInfo(c.field);
    if (!info) return;
    const ordered = c.op !== '=' && c.op !== '!=';
    const ok =
      info.unit === 'boolean'
        ? typeof c.value === 'boolean' && !ordered
        : info.unit === 'text'
          ? typeof c.value === 'string' && !ordered && (!info.values || info.values.includes(c.value))
          : typeof c.value === 'number';
    if (!ok)
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: 'indicators.params.valueType',
        params: { field: c.field },
      });
  });
export type Condition = z.output<typeof Condition>;

const numericField = fieldPath.refine(
  (p) => {
    const k = fieldInfo(p)?.unit;
    return k === 'count' || k === 'number' || k === 'percent';
  },
  { message: 'indicators.params.notNumeric' },
);

export const FieldShareParams = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('schools'), condition: Condition, among: Condition.optional() }),
  z.strictObject({ kind: z.literal('sum'), numerator: numericField, denominator: numericField }),
  z.strictObject({
    kind: z.literal('results_sum'),
    procedure: procedureCode,
    subjects: z.array(subjectCode).min(1).optional(),
    grade: gradeSchema.optional(),
    subjectGroups: subjectGroupsSchema,
    numerator: z.enum(RESULT_NUMERATORS),
    denominator: z.literal('participants').default('participants'),
  }),
]);
export type FieldShareParams = z.output<typeof FieldShareParams>;

function test(v: number | string | boolean, op: Op, target: number | string | boolean): boolean {
  switch (op) {
    case '=':
      return v === target;
    case '!=':
      return v !== target;
    case '>=':
      return (v as number) >= (target as number);
    case '>':
      return (v as number) > (target as number);
    case '<=':
      return (v as number) <= (target as number);
    case '<':
      return (v as number) < (target as number);
  }
}

function fieldRecord(school: SchoolRow, path: string, counted?: boolean): BasisRecord {
  return {
    kind: 'field',
    label: fieldLabel(path),
    figures: { [path]: fieldValue(school, path) },
    ...(counted === undefined ? {} : { counted }),
  };
}

/**
 * field_share — a share of two counts the region defines:
 * - `schools`: 1/1 when the school meets the condition, 0/1 when not; schools not meeting `among`
 *   are outside the indicator (no data «не относится»); an empty field is no data;
 * - `sum`: the school's numerator field over its denominator field (e.g. vacancies / teachers);
 * - `results_sum`: Σ a result figure over Σ participants of the year's rows.
 */
export const fieldShare: Calculation<FieldShareParams> = {
  name: 'field_share',
  units: ['percent', 'count'],
  needs: ['context', 'results'],
  resultYears: [0],
  needsFor: (p) => (p.kind === 'results_sum' ? ['results'] : ['context']),
  parseParams: (p) => FieldShareParams.parse(p ?? {}),
  compute(params, data) {
    if (params.kind === 'results_sum') return resultsSum(params, data);
    if (params.kind === 'sum')
      return data.schools.map((s) => {
        const n = fieldValue(s, params.numerator);
        const d = fieldValue(s, params.denominator);
        const basis = [fieldRecord(s, params.numerator, true), fieldRecord(s, params.denominator)];
        const empty =
          typeof n !== 'number' ? params.numerator : typeof d !== 'number' ? params.denominator : null;
        if (empty !== null)
          return noDataContribution(
            s,
            { key: 'indicators.noData.fieldNull', params: { field: fieldLabel(empty) } },
            basis,
          );
        return contribution(s, n as number, d as number, basis);
      });
    const { condition, among } = params;
    return data.schools.map((s) => {
      const basis: BasisRecord[] = [];
      if (among) {
        const v = fieldValue(s, among.field);
        basis.push(fieldRecord(s, among.field));
        if (v === null)
          return noDataContribution(
            s,
            { key: 'indicators.noData.fieldNull', params: { field: fieldLabel(among.field) } },
            basis,
          );
        if (!test(v, among.op, among.value))
          return noDataContribution(
            s,
            {
              key: 'indicators.noData.notAmong',
              params: { field: fieldLabel(among.field), op: among.op, value: String(among.value) },
            },
            basis,
          );
      }
      const v = fieldValue(s, condition.field);
      if (v === null) {
        basis.push(fieldRecord(s, condition.field));
        return noDataContribution(
          s,
          { key: 'indicators.noData.fieldNull', params: { field: fieldLabel(condition.field) } },
          basis,
        );
      }
      const ok = test(v, condition.op, condition.value);
      basis.push(fieldRecord(s, condition.field, ok));
      return contribution(s, ok ? 1 : 0, 1, basis);
    });
  },
};
