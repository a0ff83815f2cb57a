import { z } from 'zod';

/** Schemas of the results API (assessment results, imports, thresholds). */

export const Scale = z.enum(['mark', 'score', 'percent']);

export const Procedure = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  scale: Scale,
  defaultGrade: z.number().nullable(),
  synonyms: z.array(z.string()),
});

export const Subject = z.object({
  code: z.string(),
  name: z.string(),
  synonyms: z.array(z.string()),
  builtin: z.boolean(),
});
export const SubjectPut = z.object({
  name: z.string().trim().min(2).max(200),
  synonyms: z.array(z.string().trim().min(1).max(100)).max(50),
});

export const Threshold = z.object({
  id: z.number(),
  procedure: z.string(),
  subject: z.string(),
  year: z.number(),
  kind: z.enum(['score', 'mark']),
  minValue: z.number(),
  note: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export const ThresholdPut = z.object({
  procedure: z.string().min(1).max(40),
  subject: z.string().min(1).max(41).default('*'),
  year: z
    .number()
    .int()
    .refine((y) => y === 0 || (y >= 2000 && y <= 2100), 'год 0 или 2000–2100')
    .default(0),
  kind: z.enum(['score', 'mark']),
  minValue: z.number().min(0).max(1000),
  note: z.string().trim().max(500).nullable().default(null),
});

/** Fields a column can be mapped to (identification, aggregate figures, student-level values). */
export const RESULT_FIELD_KEYS = [
  'schoolCode',
  'schoolName',
  'municipality',
  'settlement',
  'region',
  'year',
  'grade',
  'subject',
  'procedure',
  'studentKey',
  'className',
  'personal',
  'participants',
  'belowMin',
  'belowMinPct',
  'successPct',
  'mark2',
  'mark3',
  'mark4',
  'mark5',
  'mark2Pct',
  'mark3Pct',
  'mark4Pct',
  'mark5Pct',
  'mean',
  'high80',
  'high100',
  'primaryScore',
  'testScore',
  'mark',
  'journalMark',
] as const;
export const FieldKey = z.enum(RESULT_FIELD_KEYS);
export const ImportOptions = z.object({
  procedure: z.string().max(40).optional(),
  year: z.number().int().min(2000).max(2100).optional(),
  grade: z.number().int().min(1).max(11).optional(),
  subject: z.string().max(41).optional(),
  templateId: z.number().int().positive().optional(),
  /** Group label (normalised words) → subject code, or null to skip its columns. */
  subjects: z.record(z.string(), z.string().nullable()).optional(),
  /** Column letter → field, or null to skip the column. */
  columns: z
    .record(
      z.string().regex(/^[A-Z]{1,3}$/),
      z.object({ field: FieldKey, subject: z.string().nullable().optional() }).nullable(),
    )
    .optional(),
});
export type ImportOptions = z.infer<typeof ImportOptions>;

export const Totals = z.object({
  schools: z.number(),
  participants: z.number(),
  belowMin: z.number().nullable(),
  /** % of participants below the minimum (of the rows that give it). */
  belowMinShare: z.number().nullable(),
  meanScore: z.number().nullable(),
  /** Shares of marks 2–5, %. */
  marks: z.object({ 2: z.number(), 3: z.number(), 4: z.number(), 5: z.number() }).nullable(),
  /** % of participants scoring 80–100. */
  highShare: z.number().nullable(),
});

export const SchoolResults = z.object({
  school: z.object({
    id: z.number(),
    code: z.string(),
    shortName: z.string(),
    municipalityId: z.number(),
    municipalityName: z.string(),
  }),
  series: z.array(
    z.object({
      procedure: z.string(),
      procedureName: z.string(),
      subject: z.string(),
      subjectName: z.string(),
      grade: z.number(),
      points: z.array(
        z.object({
          year: z.number(),
          importId: z.number(),
          fromStudents: z.boolean(),
          school: Totals,
          municipality: Totals,
          region: Totals,
        }),
      ),
    }),
  ),
});

export const SummarySortKeys = [
  'name',
  'code',
  'municipality',
  'participants',
  'belowMinShare',
  'meanScore',
  'mark2Share',
  'mark5Share',
  'highShare',
] as const;

export const SliceQuery = z.object({
  procedure: z.string().min(1),
  subject: z.string().min(1),
  grade: z.coerce.number().int().min(0).max(11).default(0),
  year: z.coerce.number().int().min(2000).max(2100),
  municipalityId: z.coerce.number().int().positive().optional(),
  sort: z.enum(SummarySortKeys).default('belowMinShare'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const SummaryQuery = SliceQuery.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
});

export const Summary = z.object({
  slice: z.object({
    procedure: z.string(),
    subject: z.string(),
    grade: z.number(),
    year: z.number(),
    municipalityId: z.number().nullable(),
  }),
  region: Totals,
  municipality: Totals.nullable(),
  municipalities: z.array(Totals.extend({ municipalityId: z.number(), municipalityName: z.string() })),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(
    Totals.extend({
      schoolId: z.number(),
      code: z.string(),
      shortName: z.string(),
      municipalityId: z.number(),
      municipalityName: z.string(),
      importId: z.number(),
    }),
  ),
});

export const Dataset = z.object({
  procedure: z.string(),
  procedureName: z.string(),
  subject: z.string(),
  subjectName: z.string(),
  grade: z.number(),
  year: z.number(),
  schools: z.number(),
  participants: z.number(),
});

export const ImportStatus = z.enum([
  'uploaded',
  'parsing',
  'parsed',
  'failed',
  'committed',
  'rolled_back',
  'discarded',
]);
export const MatchStatus = z.enum([
  'code',
  'name',
  'memory',
  'manual',
  'unmatched',
  'ambiguous',
  'excluded',
  'forbidden',
]);

export const ResultProblem = z.object({
  file: z.string(),
  sheet: z.string(),
  row: z.number(),
  column: z.string(),
  field: z.string(),
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  severity: z.enum(['error', 'warning']),
  schoolKey: z.number().nullable(),
  message: z.string(),
});

export const SheetSummary = z.object({
  sheet: z.string(),
  kind: z.enum(['aggregate', 'student']).nullable(),
  signature: z.string().nullable(),
  headerRows: z.tuple([z.number(), z.number()]).nullable(),
  procedure: z.string().nullable(),
  year: z.number().nullable(),
  grade: z.number().nullable(),
  subjects: z.array(z.string()),
  columns: z.array(
    z.object({
      letter: z.string(),
      header: z.string(),
      field: z.string().nullable(),
      subject: z.string().nullable(),
    }),
  ),
  template: z.number().nullable(),
});

/** How many schools the preview carries; the rest are read page by page. */
export const VIEW_SCHOOLS = 300;

/** A school the file names, with its match in the registry. */
export const ImportSchool = z.object({
  key: z.number(),
  name: z.string(),
  code: z.string().nullable(),
  municipality: z.string().nullable(),
  municipalityId: z.number().nullable(),
  municipalityName: z.string().nullable(),
  rows: z.number(),
  errors: z.number(),
  sheet: z.string().nullable(),
  row: z.number().nullable(),
  status: MatchStatus,
  statusLabel: z.string(),
  schoolId: z.number().nullable(),
  schoolName: z.string().nullable(),
  schoolCode: z.string().nullable(),
  candidates: z.array(
    z.object({
      schoolId: z.number(),
      code: z.string(),
      name: z.string(),
      municipalityId: z.number(),
      score: z.number(),
    }),
  ),
});

/** Which schools of an import to list: those waiting for a decision, or those and the decided ones. */
export const ImportSchoolsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
  review: z.enum(['all', 'open', 'decided']).default('all'),
});

export const ImportView = z.object({
  id: z.number(),
  fileName: z.string(),
  fileSize: z.number(),
  format: z.enum(['xlsx', 'csv']).nullable(),
  kind: z.enum(['aggregate', 'student', 'mixed', 'demo']).nullable(),
  status: ImportStatus,
  statusLabel: z.string(),
  jobId: z.number().nullable(),
  templateId: z.number().nullable(),
  options: ImportOptions,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  committedAt: z.string().nullable(),
  committedBy: z.string().nullable(),
  rolledBackAt: z.string().nullable(),
  rolledBackBy: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  sheets: z.array(SheetSummary),
  stats: z
    .object({
      rows: z.number(),
      records: z.number(),
      students: z.number(),
      aggregates: z.number(),
      skippedTotals: z.number(),
      skippedEmpty: z.number(),
      sheets: z.number(),
      sheetsSkipped: z.number(),
    })
    .nullable(),
  counts: z.object({
    schools: z.number(),
    matched: z.number(),
    unresolved: z.number(),
    excluded: z.number(),
    groups: z.number(),
    students: z.number(),
    problems: z.number(),
    /** Problems that prevent the commit. */
    blocking: z.number(),
  }),
  result: z
    .object({
      inserted: z.number(),
      replaced: z.number(),
      unchanged: z.number(),
      excluded: z.number().optional(),
    })
    .nullable(),
  duplicateOf: z.number().nullable(),
  canCommit: z.boolean(),
  /** The first schools of the file (VIEW_SCHOOLS); all of them page by page from …/schools. */
  schools: z.array(ImportSchool),
  problems: z.array(ResultProblem),
});

export const UploadAccepted = z.object({
  id: z.number(),
  /** The background job parsing the file (poll GET /api/jobs/{id}); null when parsed in the request. */
  jobId: z.number().nullable(),
  view: ImportView.nullable(),
});

export const ImportRow = z.object({
  schoolKey: z.number(),
  fileName: z.string(),
  status: MatchStatus,
  schoolId: z.number().nullable(),
  schoolName: z.string().nullable(),
  schoolCode: z.string().nullable(),
  procedure: z.string(),
  subject: z.string(),
  grade: z.number(),
  year: z.number(),
  participants: z.number(),
  belowMin: z.number().nullable(),
  mark2: z.number().nullable(),
  mark3: z.number().nullable(),
  mark4: z.number().nullable(),
  mark5: z.number().nullable(),
  meanScore: z.number().nullable(),
  high80: z.number().nullable(),
  high100: z.number().nullable(),
  fromStudents: z.boolean(),
  outcome: z.enum(['new', 'unchanged']).nullable(),
  sheet: z.string().nullable(),
  row: z.number().nullable(),
});

export const ImportListItem = z.object({
  id: z.number(),
  fileName: z.string(),
  fileSize: z.number(),
  format: z.enum(['xlsx', 'csv']).nullable(),
  kind: z.enum(['aggregate', 'student', 'mixed', 'demo']).nullable(),
  status: ImportStatus,
  statusLabel: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  committedAt: z.string().nullable(),
  rolledBackAt: z.string().nullable(),
  schools: z.number(),
  groups: z.number(),
  students: z.number(),
  problems: z.number(),
  inserted: z.number().nullable(),
  replaced: z.number().nullable(),
  unchanged: z.number().nullable(),
  jobId: z.number().nullable(),
});

export const Decisions = z.object({
  decisions: z
    .array(
      z.object({
        key: z.number().int().positive(),
        schoolId: z.number().int().positive().nullable().optional(),
        exclude: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(5000),
});

export const CommitResult = z.object({
  id: z.number(),
  status: z.literal('committed'),
  inserted: z.number(),
  replaced: z.number(),
  unchanged: z.number(),
  excluded: z.number(),
});
export const RollbackResult = z.object({
  id: z.number(),
  status: z.literal('rolled_back'),
  removed: z.number(),
  restored: z.number(),
});

export const Template = z.object({
  id: z.number(),
  name: z.string(),
  signature: z.string(),
  mapping: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  canDelete: z.boolean(),
});
export const TemplateRename = z.object({
  name: z.string().trim().min(2).max(200),
});
export const ThresholdSaved = z.object({ id: z.number(), recomputed: z.number() });
export const TemplateCreate = z.object({
  name: z.string().trim().min(2).max(200),
  importId: z.number().int().positive(),
});
