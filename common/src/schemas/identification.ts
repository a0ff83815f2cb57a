import { z } from 'zod';

/** Shared schemas of the identification API (issue 4): runs, lists, outcomes. */

export const DisplayCategory = z.enum([
  'both',
  'low_results',
  'resilient',
  'unfavourable',
  'below_expected',
  'insufficient_data',
  'none',
]);
export const CategoryCode = z.enum([
  'low_results',
  'unfavourable',
  'resilient',
  'below_expected',
  'insufficient_data',
]);
export const ListStatus = z.enum(['draft', 'proposed', 'approved']);

/** Parameters as the domain validates them (Russian messages on error): a plain object here. */
export const ParamsInput = z.record(z.string(), z.unknown());

export const ParamSet = z.object({
  id: z.number(),
  name: z.string(),
  params: z.unknown(),
  isDefault: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ParamSetList = z.object({ defaults: z.unknown(), items: z.array(ParamSet) });
export const ParamSetCreate = z.object({
  name: z.string().trim().min(1).max(200),
  params: ParamsInput,
  isDefault: z.boolean().optional(),
});
export const ParamSetPatch = ParamSetCreate.partial();

export const Run = z.object({
  id: z.number(),
  year: z.number(),
  paramSetId: z.number().nullable(),
  paramSetName: z.string().nullable(),
  status: z.enum(['running', 'done', 'failed']),
  /** The background job computing the run (polled through /api/jobs/:id by its author). */
  jobId: z.number().nullable(),
  /** Why the run failed, in the request's language. */
  error: z.string().nullable(),
  fingerprint: z.string(),
  /** Schools of the run in the viewer's scope. */
  schoolCount: z.number(),
  /** Municipalities with schools in the run, in the viewer's scope. */
  municipalityCount: z.number(),
  /** How many of those municipalities proposed the list. */
  proposedCount: z.number(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  listStatus: ListStatus,
  orderNumber: z.string().nullable(),
  orderDate: z.string().nullable(),
  approvedAt: z.string().nullable(),
});
export const RunStart = z.object({
  year: z.number().int().min(2001).max(2100),
  paramSetId: z.number().int().positive().optional(),
  params: ParamsInput.optional(),
});
const Counts = z.record(z.string(), z.number());
export const RunSummary = z.object({
  run: Run,
  params: z.unknown(),
  total: z.number(),
  inList: z.number(),
  byCategory: Counts,
  byDisplay: Counts,
  byMunicipality: z.array(
    z.object({
      municipalityId: z.number(),
      name: z.string(),
      total: z.number(),
      inList: z.number(),
      byDisplay: Counts,
    }),
  ),
  proposals: z.array(
    z.object({
      municipalityId: z.number(),
      municipalityName: z.string(),
      proposedByName: z.string().nullable(),
      proposedAt: z.string(),
      note: z.string().nullable(),
    }),
  ),
  fit: z.unknown(),
});
export const RunSchoolsQuery = z.object({
  municipalityId: z.coerce.number().int().positive().optional(),
  category: z.union([DisplayCategory, CategoryCode]).optional(),
  search: z.string().trim().max(200).optional(),
  inList: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const RunSchool = z.object({
  schoolId: z.number(),
  code: z.string(),
  shortName: z.string(),
  municipalityId: z.number(),
  municipalityName: z.string(),
  display: DisplayCategory,
  categories: z.array(CategoryCode),
  inList: z.boolean(),
  ruleStatus: z.string(),
  participants: z.number(),
  share: z.number().nullable(),
  residualZ: z.number().nullable(),
  contextIndex: z.number().nullable(),
  explanation: z.array(z.string()),
});
export const RunSchoolPage = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(RunSchool),
});
export const SchoolOutcome = z.object({
  run: Run,
  schoolId: z.number(),
  code: z.string(),
  shortName: z.string(),
  municipalityId: z.number(),
  municipalityName: z.string(),
  display: DisplayCategory,
  categories: z.array(CategoryCode),
  inList: z.boolean(),
  explanation: z.array(z.string()),
  figures: z.unknown(),
});
export const SchoolHistoryItem = z.object({
  runId: z.number(),
  year: z.number(),
  listStatus: ListStatus,
  orderNumber: z.string().nullable(),
  orderDate: z.string().nullable(),
  createdAt: z.string(),
  display: DisplayCategory,
  categories: z.array(CategoryCode),
  inList: z.boolean(),
  explanation: z.array(z.string()),
});
export const Scatter = z.object({
  line: z.object({ intercept: z.number(), slope: z.number() }).nullable(),
  points: z.array(
    z.object({
      schoolId: z.number(),
      shortName: z.string(),
      municipalityId: z.number(),
      display: DisplayCategory,
      participants: z.number(),
      contextIndex: z.number().nullable(),
      share: z.number().nullable(),
      shrunken: z.number().nullable(),
      expected: z.number().nullable(),
      residualZ: z.number().nullable(),
    }),
  ),
});
export const Change = z.object({
  schoolId: z.number(),
  shortName: z.string(),
  municipalityId: z.number(),
  municipalityName: z.string(),
  displayBefore: DisplayCategory,
  displayAfter: DisplayCategory,
  changed: z.boolean(),
});
export const Comparison = z.object({
  entered: z.array(Change),
  left: z.array(Change),
  stayed: z.array(Change),
});
export const WhatIf = Comparison.extend({
  summary: z.object({ total: z.number(), byCategory: Counts, byDisplay: Counts }),
  fingerprint: z.string(),
});
export const Diff = Comparison.extend({ previousRun: Run.nullable() });
export const Approve = z.object({
  orderNumber: z.string().trim().min(1).max(50),
  orderDate: z.iso.date(),
});
export const Propose = z.object({ note: z.string().trim().max(2000).nullable().optional() });
