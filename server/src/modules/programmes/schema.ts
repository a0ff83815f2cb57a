import type { ColumnType, Generated, Selectable } from 'kysely';
import type { ParsedDeadline } from './domain/deadline.js';

/** Kysely table types of the programmes module (declared into the shared DB interface). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | T, string | T>;

export type ProgrammeLevel = 'region' | 'municipality' | 'school';
export type ProgrammeStatus = 'draft' | 'approved' | 'in_progress' | 'completed';
export type ActivityLevel = 'regional' | 'municipal' | 'school';
export type ActivityStatus = 'planned' | 'in_progress' | 'done' | 'overdue' | 'cancelled';
export type ProductType =
  'order' | 'reference' | 'plan' | 'contract' | 'certificate' | 'screenshot' | 'minutes' | 'other';
export type ReviewStatus = 'pending' | 'accepted' | 'returned';

export interface ProgrammeTable {
  id: Generated<number>;
  level: ProgrammeLevel;
  parent_id: number | null;
  municipality_id: number | null;
  school_id: number | null;
  name: string;
  order_issuer: string | null;
  order_number: string | null;
  order_date: string | null;
  developers: string | null;
  executors: string | null;
  goals: string | null;
  tasks: Json<string[]>;
  expected_results: string | null;
  period_from: string | null;
  period_to: string | null;
  stages: Json<string[]>;
  controllers: string | null;
  status: Generated<ProgrammeStatus>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  created_by: number | null;
  updated_by: number | null;
}

export interface ProgrammeTargetSchoolTable {
  programme_id: number;
  school_id: number;
}

export interface RoadmapSectionTable {
  id: Generated<number>;
  programme_id: number;
  parent_id: number | null;
  number: string | null;
  title: string;
  tasks: Json<string[]>;
  sort_order: number;
}

export interface ActivityTable {
  id: Generated<number>;
  programme_id: number;
  section_id: number | null;
  number: string | null;
  sort_order: number;
  text: string;
  level: ActivityLevel | null;
  task: string | null;
  deadline_text: string;
  deadline: Json<ParsedDeadline> | null;
  deadline_kind: ParsedDeadline['kind'];
  deadline_review: boolean;
  due_from: string | null;
  due_to: string | null;
  recurring: boolean;
  executors: string | null;
  planned_result: string | null;
  product_text: string | null;
  product_type: ProductType | null;
  completion_mark: string | null;
  status: Generated<ActivityStatus>;
  completion_note: string | null;
  completed_at: Date | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface ActivityExecutorTable {
  activity_id: number;
  user_id: number;
}
export interface ActivitySchoolTable {
  activity_id: number;
  school_id: number;
}

export interface ActivityOccurrenceTable {
  id: Generated<number>;
  activity_id: number;
  idx: number;
  label: string;
  due_from: string;
  due_to: string;
  status: Generated<ActivityStatus>;
  completion_note: string | null;
  completed_at: Date | null;
  version: Generated<number>;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface EvidenceTable {
  id: Generated<number>;
  activity_id: number;
  occurrence_id: number | null;
  kind: 'file' | 'link';
  file_id: number | null;
  url: string | null;
  title: string;
  review_status: Generated<ReviewStatus>;
  review_comment: string | null;
  reviewed_by: number | null;
  reviewed_at: Date | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  message_key: string;
  params: Json<Record<string, string | number>>;
  programme_id: number | null;
  activity_id: number | null;
  occurrence_id: number | null;
  dedupe_key: string;
  created_at: Timestamp;
  read_at: Date | null;
  emailed_at: Date | null;
}

export interface ProgrammeIndicatorTable {
  id: Generated<number>;
  programme_id: number;
  number: string | null;
  name: string;
  unit: string | null;
  baseline: number | null;
  baseline_year: number | null;
  targets: Json<Record<string, number | null>>;
  sort_order: number;
  /** Added by 005_indicators: the catalogue code and how the indicator is obtained. */
  code: string | null;
  unit_kind: Generated<'percent' | 'count' | 'score' | 'boolean'>;
  direction: Generated<'higher' | 'lower'>;
  level: Generated<'school' | 'municipality' | 'region'>;
  method: Generated<'manual' | 'computed'>;
  calculation: string | null;
  params: ColumnType<Record<string, unknown>, string | undefined, string>;
  version: Generated<number>;
  updated_at: Generated<Date>;
  updated_by: number | null;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    programme: ProgrammeTable;
    programme_target_school: ProgrammeTargetSchoolTable;
    roadmap_section: RoadmapSectionTable;
    activity: ActivityTable;
    activity_executor: ActivityExecutorTable;
    activity_school: ActivitySchoolTable;
    activity_occurrence: ActivityOccurrenceTable;
    evidence: EvidenceTable;
    notification: NotificationTable;
    programme_indicator: ProgrammeIndicatorTable;
  }
}

export type Programme = Selectable<ProgrammeTable>;
export type Activity = Selectable<ActivityTable>;
export type Occurrence = Selectable<ActivityOccurrenceTable>;
export type Evidence = Selectable<EvidenceTable>;
