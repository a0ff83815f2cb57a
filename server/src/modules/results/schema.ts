/**
 * Kysely types of the results tables (migration 002_results), added to the shared `DB`
 * interface by declaration merging so that the module keeps its tables to itself.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | T, string | T>;
/** A JSON column with a database default. */
type JsonD<T> = ColumnType<T, string | T | undefined, string | T>;

export type ImportStatus =
  'uploaded' | 'parsing' | 'parsed' | 'failed' | 'committed' | 'rolled_back' | 'discarded';
export type ImportKind = 'aggregate' | 'student' | 'mixed' | 'demo';

export interface AssessmentProcedureTable {
  code: string;
  name: string;
  short_name: string;
  scale: 'mark' | 'score' | 'percent';
  default_grade: number | null;
  synonyms: Json<string[]>;
  sort_order: Generated<number>;
}

export interface SubjectTable {
  code: string;
  name: string;
  synonyms: Json<string[]>;
  builtin: Generated<boolean>;
  sort_order: Generated<number>;
}

export interface ResultThresholdTable {
  id: Generated<number>;
  procedure: string;
  subject: Generated<string>;
  year: Generated<number>;
  kind: 'score' | 'mark';
  min_value: number;
  note: string | null;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface ResultTemplateTable {
  id: Generated<number>;
  name: string;
  signature: string;
  mapping: Json<Record<string, unknown>>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface ResultImportTable {
  id: Generated<number>;
  file_name: string;
  file_size: Generated<number>;
  fingerprint: string;
  format: ColumnType<'xlsx' | 'csv' | null, 'xlsx' | 'csv' | null | undefined>;
  kind: ColumnType<ImportKind | null, ImportKind | null | undefined>;
  status: ImportStatus;
  options: JsonD<Record<string, unknown>>;
  template_id: number | null;
  job_id: number | null;
  summary: JsonD<Record<string, unknown>>;
  problems: JsonD<unknown[]>;
  problem_count: Generated<number>;
  error_count: Generated<number>;
  municipality_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
  committed_by: ColumnType<number | null, number | null | undefined>;
  committed_at: ColumnType<Date | null, Date | null | undefined>;
  rolled_back_by: ColumnType<number | null, number | null | undefined>;
  rolled_back_at: ColumnType<Date | null, Date | null | undefined>;
}

export interface ResultUploadChunkTable {
  import_id: number;
  seq: number;
  data: string;
}

export interface ResultImportSchoolTable {
  import_id: number;
  key: number;
  code: string | null;
  name: string;
  municipality: string | null;
  norm_name: string;
  norm_municipality: string;
  municipality_id: number | null;
  school_id: number | null;
  status: 'code' | 'name' | 'memory' | 'manual' | 'unmatched' | 'ambiguous' | 'excluded' | 'forbidden';
  candidates: Json<unknown[]>;
  rows: number;
  errors: number;
  sheet: string | null;
  row: number | null;
  decided_by: number | null;
}

interface FiguresColumns {
  participants: number;
  below_min: number | null;
  mark2: number | null;
  mark3: number | null;
  mark4: number | null;
  mark5: number | null;
  mean_score: number | null;
  high_80_99: number | null;
  high_100: number | null;
}

export interface ResultImportGroupTable extends FiguresColumns {
  import_id: number;
  school_key: number;
  procedure: string;
  subject: string;
  grade: number;
  year: number;
  from_students: boolean;
  digest: string;
  sheet: string | null;
  row: number | null;
  outcome: 'new' | 'unchanged' | null;
}

export interface ResultImportCoverageTable {
  import_id: number;
  procedure: string;
  subject: string;
  grade: number;
  year: number;
}

export interface ResultAggregateTable extends FiguresColumns {
  id: Generated<number>;
  school_id: number;
  procedure: string;
  subject: string;
  grade: number;
  year: number;
  from_students: boolean;
  digest: string;
  import_id: number;
  superseded_by: number | null;
}

export interface ResultStudentTable {
  import_id: number;
  school_key: number;
  school_id: number | null;
  student_key: string;
  class_name: string | null;
  procedure: string;
  subject: string;
  grade: number;
  year: number;
  primary_score: number | null;
  test_score: number | null;
  mark: number | null;
  journal_mark: number | null;
}

export interface ResultSchoolMatchTable {
  norm_name: string;
  norm_municipality: string;
  school_id: number | null;
  decided_by: number | null;
  decided_at: Timestamp;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    assessment_procedure: AssessmentProcedureTable;
    subject: SubjectTable;
    result_threshold: ResultThresholdTable;
    result_template: ResultTemplateTable;
    result_import: ResultImportTable;
    result_upload_chunk: ResultUploadChunkTable;
    result_import_school: ResultImportSchoolTable;
    result_import_group: ResultImportGroupTable;
    result_import_coverage: ResultImportCoverageTable;
    result_aggregate: ResultAggregateTable;
    result_student: ResultStudentTable;
    result_school_match: ResultSchoolMatchTable;
  }
}
