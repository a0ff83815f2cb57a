import { z } from 'zod';

/** Programmes, roadmaps, activities, evidence, notifications: the API's shapes. */

export const PROGRAMME_LEVELS = ['region', 'municipality', 'school'] as const;
export const PROGRAMME_STATUSES = ['draft', 'approved', 'in_progress', 'completed'] as const;
export const ACTIVITY_STATUSES = ['planned', 'in_progress', 'done', 'overdue', 'cancelled'] as const;
export const ACTIVITY_LEVELS = ['regional', 'municipal', 'school'] as const;
export const PRODUCT_TYPES = [
  'order',
  'reference',
  'plan',
  'contract',
  'certificate',
  'screenshot',
  'minutes',
  'other',
] as const;
export const REVIEW_STATUSES = ['pending', 'accepted', 'returned'] as const;

export const ProgrammeLevel = z.enum(PROGRAMME_LEVELS);
export const ProgrammeStatus = z.enum(PROGRAMME_STATUSES);
export const ActivityStatus = z.enum(ACTIVITY_STATUSES);
export const ActivityLevel = z.enum(ACTIVITY_LEVELS);
export const ProductType = z.enum(PRODUCT_TYPES);
export const ReviewStatus = z.enum(REVIEW_STATUSES);

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ГГГГ-ММ-ДД');
const text = (max: number) => z.string().trim().max(max).nullable();

export const ParsedDeadline = z.object({
  original: z.string(),
  kind: z.enum(['date', 'period', 'recurring', 'continuous', 'by_plan', 'unknown']),
  from: z.string().nullable(),
  to: z.string().nullable(),
  recurrence: z
    .enum(['yearly', 'half_yearly', 'quarterly', 'monthly', 'weekly', 'per_term', 'times_per_year'])
    .nullable(),
  timesPerYear: z.number().optional(),
  yearInferred: z.boolean(),
  note: z.string().nullable(),
  needsReview: z.boolean(),
  parts: z.array(z.object({ from: z.string().nullable(), to: z.string() })).optional(),
  within: z
    .array(
      z.object({
        from: z.object({ month: z.number().nullable(), day: z.number().nullable() }).nullable(),
        to: z.object({ month: z.number().nullable(), day: z.number().nullable() }),
      }),
    )
    .optional(),
});

export const Passport = z.object({
  name: z.string().trim().min(3).max(1000),
  orderIssuer: text(300),
  orderNumber: text(60),
  orderDate: IsoDate.nullable(),
  developers: text(4000),
  executors: text(4000),
  goals: text(8000),
  tasks: z.array(z.string().trim().min(1).max(2000)).max(100),
  expectedResults: text(8000),
  periodFrom: IsoDate.nullable(),
  periodTo: IsoDate.nullable(),
  stages: z.array(z.string().trim().min(1).max(2000)).max(50),
  controllers: text(4000),
});
export type Passport = z.infer<typeof Passport>;

export const ProgrammeCreate = Passport.extend({
  level: ProgrammeLevel,
  municipalityId: z.number().int().nullable().optional(),
  schoolId: z.number().int().nullable().optional(),
  parentId: z.number().int().nullable().optional(),
  targetSchoolIds: z.array(z.number().int()).max(5000).optional(),
});
export type ProgrammeCreate = z.infer<typeof ProgrammeCreate>;

export const ProgrammePatch = Passport.partial().extend({
  version: z.number().int(),
  parentId: z.number().int().nullable().optional(),
  targetSchoolIds: z.array(z.number().int()).max(5000).optional(),
});
export type ProgrammePatch = z.infer<typeof ProgrammePatch>;

export const ProgressFigures = z.object({
  /** Work items: single-deadline activities plus each period of recurring ones; cancelled excluded. */
  total: z.number(),
  done: z.number(),
  doneOnTime: z.number(),
  overdue: z.number(),
  cancelled: z.number(),
  /** Items whose deadline has passed, or that are done. */
  dueByNow: z.number(),
  dueSoon: z.number(),
  /** done / total */
  shareDone: z.number().nullable(),
  /** doneOnTime / dueByNow */
  shareDoneOnTime: z.number().nullable(),
  /** overdue / dueByNow */
  shareOverdue: z.number().nullable(),
});
export type ProgressFigures = z.infer<typeof ProgressFigures>;

export const ProgrammeListItem = z.object({
  id: z.number(),
  level: ProgrammeLevel,
  name: z.string(),
  status: ProgrammeStatus,
  parentId: z.number().nullable(),
  municipalityId: z.number().nullable(),
  municipalityName: z.string().nullable(),
  schoolId: z.number().nullable(),
  schoolName: z.string().nullable(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  activities: z.number(),
  updatedAt: z.string(),
});

export const Programme = Passport.extend({
  id: z.number(),
  level: ProgrammeLevel,
  status: ProgrammeStatus,
  parentId: z.number().nullable(),
  parentName: z.string().nullable(),
  municipalityId: z.number().nullable(),
  municipalityName: z.string().nullable(),
  schoolId: z.number().nullable(),
  schoolName: z.string().nullable(),
  targetSchools: z.array(z.object({ id: z.number(), shortName: z.string() })),
  children: z.array(
    z.object({ id: z.number(), name: z.string(), level: ProgrammeLevel, status: ProgrammeStatus }),
  ),
  progress: ProgressFigures,
  version: z.number(),
  updatedAt: z.string(),
  /**
   * A stamp of what is under the programme (sections, activities and their occurrences and
   * evidence, indicators and their values, target schools): a draft is deleted only with the stamp
   * the user saw, so that nobody's roadmap or indicators go with it unseen. Empty when the
   * programme is not a draft.
   */
  contentStamp: z.string(),
  permissions: z.object({ edit: z.boolean(), review: z.boolean() }),
});

export const StatusChange = z.object({ status: ProgrammeStatus, version: z.number().int() });

export const Section = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  number: z.string().nullable(),
  title: z.string(),
  tasks: z.array(z.string()),
  sortOrder: z.number(),
  /** What the client saw (a fingerprint of the section): send it back with a change or a deletion. */
  version: z.string(),
});
const SectionFields = z.object({
  parentId: z.number().int().nullable(),
  number: z.string().trim().max(20).nullable(),
  title: z.string().trim().min(1).max(1000),
  tasks: z.array(z.string().trim().min(1).max(2000)).max(50),
  sortOrder: z.number().int().optional(),
});
export const SectionInput = SectionFields.extend({ tasks: SectionFields.shape.tasks.default([]) });
/** A section's version as received with it (a change by someone else meanwhile is a 409). */
export const SectionVersion = z.string().trim().min(1).max(64);
/** Only the fields given change (no defaults: a rename keeps the section's tasks). */
export const SectionPatch = SectionFields.partial().extend({ version: SectionVersion });

export const ActivityFields = z.object({
  sectionId: z.number().int().nullable(),
  number: z.string().trim().max(20).nullable(),
  text: z.string().trim().min(1).max(8000),
  level: ActivityLevel.nullable(),
  task: text(2000),
  deadlineText: z.string().trim().max(500),
  executors: text(4000),
  executorUserIds: z.array(z.number().int()).max(50),
  schoolIds: z.array(z.number().int()).max(5000),
  plannedResult: text(8000),
  productText: text(2000),
  productType: ProductType.nullable(),
  sortOrder: z.number().int().optional(),
});
export const ActivityCreate = ActivityFields.partial().extend({
  text: z.string().trim().min(1).max(8000),
  deadlineText: z.string().trim().max(500),
});
export const ActivityPatch = ActivityFields.partial().extend({ version: z.number().int() });
export const ActivityStatusInput = z.object({
  status: ActivityStatus,
  completionNote: z.string().trim().max(4000).nullable().optional(),
  version: z.number().int(),
});

export const Occurrence = z.object({
  id: z.number(),
  index: z.number(),
  label: z.string(),
  dueFrom: z.string(),
  dueTo: z.string(),
  status: ActivityStatus,
  overdue: z.boolean(),
  completionNote: z.string().nullable(),
  completedAt: z.string().nullable(),
  version: z.number(),
});

export const Activity = z.object({
  id: z.number(),
  programmeId: z.number(),
  sectionId: z.number().nullable(),
  number: z.string().nullable(),
  sortOrder: z.number(),
  text: z.string(),
  level: ActivityLevel.nullable(),
  task: z.string().nullable(),
  deadlineText: z.string(),
  deadline: ParsedDeadline.nullable(),
  deadlineLabel: z.string(),
  deadlineReview: z.boolean(),
  dueFrom: z.string().nullable(),
  dueTo: z.string().nullable(),
  recurring: z.boolean(),
  executors: z.string().nullable(),
  executorUsers: z.array(z.object({ id: z.number(), fullName: z.string() })),
  schools: z.array(z.object({ id: z.number(), shortName: z.string() })),
  plannedResult: z.string().nullable(),
  productText: z.string().nullable(),
  productType: ProductType.nullable(),
  completionMark: z.string().nullable(),
  status: ActivityStatus,
  /** True when the deadline (or a period's) has passed and the work is not done. */
  overdue: z.boolean(),
  completionNote: z.string().nullable(),
  completedAt: z.string().nullable(),
  evidenceCount: z.number(),
  version: z.number(),
  updatedAt: z.string(),
});

export const Evidence = z.object({
  id: z.number(),
  activityId: z.number(),
  occurrenceId: z.number().nullable(),
  kind: z.enum(['file', 'link']),
  title: z.string(),
  url: z.string().nullable(),
  file: z.object({ name: z.string(), size: z.number(), mime: z.string() }).nullable(),
  reviewStatus: ReviewStatus,
  reviewComment: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

export const ActivityCard = Activity.extend({
  programmeName: z.string(),
  programmeStatus: ProgrammeStatus,
  occurrences: z.array(Occurrence),
  evidence: z.array(Evidence),
  permissions: z.object({ edit: z.boolean(), execute: z.boolean(), review: z.boolean() }),
});

export const Roadmap = z.object({
  programmeId: z.number(),
  sections: z.array(Section),
  activities: z.array(Activity),
  total: z.number(),
});
export const RoadmapQuery = z.object({
  status: z.union([ActivityStatus, z.literal('open')]).optional(),
  level: ActivityLevel.optional(),
  schoolId: z.coerce.number().int().optional(),
  executorId: z.coerce.number().int().optional(),
  owner: z.string().trim().max(200).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

export const OccurrencePatch = z.object({
  status: ActivityStatus,
  completionNote: z.string().trim().max(4000).nullable().optional(),
  version: z.number().int(),
});

export const EvidenceLink = z.object({
  url: z.string().trim().min(8).max(2000),
  title: z.string().trim().min(1).max(500),
  occurrenceId: z.number().int().nullable().optional(),
});
export const Review = z.object({
  decision: z.enum(['accepted', 'returned']),
  comment: z.string().trim().max(2000).nullable().optional(),
});

export const TaskItem = z.object({
  activityId: z.number(),
  occurrenceId: z.number().nullable(),
  programmeId: z.number(),
  programmeName: z.string(),
  programmeLevel: ProgrammeLevel,
  municipalityName: z.string().nullable(),
  schoolName: z.string().nullable(),
  number: z.string().nullable(),
  text: z.string(),
  periodLabel: z.string().nullable(),
  dueTo: z.string().nullable(),
  status: ActivityStatus,
  overdue: z.boolean(),
  daysOverdue: z.number(),
  executors: z.string().nullable(),
});
export const TaskList = z.object({ total: z.number(), items: z.array(TaskItem) });
export const CoordinationQuery = z.object({
  municipalityId: z.coerce.number().int().optional(),
  schoolId: z.coerce.number().int().optional(),
  level: ProgrammeLevel.optional(),
  days: z.coerce.number().int().min(1).max(120).default(14),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ProgressRow = ProgressFigures.extend({ id: z.number(), name: z.string() });

export const Notification = z.object({
  id: z.number(),
  kind: z.string(),
  message: z.string(),
  programmeId: z.number().nullable(),
  activityId: z.number().nullable(),
  occurrenceId: z.number().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const NotificationList = z.object({ unread: z.number(), items: z.array(Notification) });

export const Indicator = z.object({
  number: z.string().nullable(),
  name: z.string().trim().min(1).max(2000),
  unit: z.string().trim().max(50).nullable(),
  baseline: z.number().nullable(),
  baselineYear: z.number().int().nullable(),
  targets: z.array(z.object({ year: z.number().int().nullable(), value: z.number().nullable() })).max(30),
});

// import: the parsed structure (preview) and the corrected structure sent back to save it
export const ImportSection = z.object({
  key: z.string().min(1).max(40),
  parentKey: z.string().max(40).nullable(),
  number: z.string().trim().max(20).nullable(),
  title: z.string().trim().min(1).max(1000),
  tasks: z.array(z.string().trim().min(1).max(2000)).max(50),
});
export const ImportActivity = z.object({
  sectionKey: z.string().max(40).nullable(),
  number: z.string().trim().max(20).nullable(),
  text: z.string().trim().min(1).max(8000),
  level: ActivityLevel.nullable(),
  task: text(2000),
  deadlineText: z.string().trim().max(500),
  executors: text(4000),
  participants: text(4000).optional(),
  plannedResult: text(8000),
  product: text(2000),
  productType: ProductType.nullable(),
  completionMark: text(2000),
});
export const ImportProblem = z.object({
  row: z.number(),
  sheet: z.string().optional(),
  column: z.string().nullable(),
  key: z.string(),
  severity: z.enum(['warning', 'error']),
  message: z.string(),
});
export const ParsedRoadmap = z.object({
  fileName: z.string(),
  format: z.enum(['text', 'docx', 'xlsx', 'csv']),
  passport: Passport.extend({ name: z.string() }),
  columns: z.record(z.string(), z.string()),
  sections: z.array(ImportSection.extend({ row: z.number() })),
  activities: z.array(
    ImportActivity.extend({
      row: z.number(),
      deadline: ParsedDeadline,
      deadlineLabel: z.string(),
      participants: z.string().nullable(),
    }),
  ),
  indicators: z.array(Indicator.extend({ row: z.number() })),
  problems: z.array(ImportProblem),
});
export const ImportTarget = z.object({
  level: ProgrammeLevel,
  municipalityId: z.number().int().nullable().optional(),
  schoolId: z.number().int().nullable().optional(),
  parentId: z.number().int().nullable().optional(),
});
export const ImportBody = z.object({
  target: ImportTarget,
  passport: Passport,
  sections: z.array(ImportSection).max(500),
  activities: z.array(ImportActivity).min(1).max(3000),
  indicators: z.array(Indicator).max(300).default([]),
});
export type ImportBody = z.infer<typeof ImportBody>;
export const ImportResult = z.object({
  programmeId: z.number(),
  sections: z.number(),
  activities: z.number(),
  occurrences: z.number(),
  indicators: z.number(),
});
