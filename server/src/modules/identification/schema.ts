import type { ColumnType, Generated } from 'kysely';
import type { Category, DisplayCategory } from './domain/types.js';

/** Kysely table types of the identification module (declared into the shared DB interface). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type ListStatus = 'draft' | 'proposed' | 'approved';

export interface IdentificationParamSetTable {
  id: Generated<number>;
  name: string;
  params: Json<unknown>;
  is_default: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface IdentificationRunTable {
  id: Generated<number>;
  year: number;
  param_set_id: number | null;
  params: Json<unknown>;
  fingerprint: string;
  status: Generated<'running' | 'done' | 'failed'>;
  summary: Json<unknown>;
  fit: Json<unknown>;
  school_count: Generated<number>;
  created_by: number | null;
  created_at: Timestamp;
  list_status: Generated<ListStatus>;
  order_number: string | null;
  order_date: string | null;
  approved_by: number | null;
  approved_at: Date | null;
  /** The job computing the run (migration 006). */
  job_id: number | null;
  /** Why the run failed: an i18n key with parameters (migration 006). */
  error: Json<{ key: string; params: Record<string, string | number> }> | null;
}

export interface IdentificationProposalTable {
  run_id: number;
  municipality_id: number;
  proposed_by: number | null;
  proposed_at: Timestamp;
  note: string | null;
}

export interface IdentificationRunSchoolTable {
  run_id: number;
  school_id: number;
  municipality_id: number;
  display: DisplayCategory;
  categories: Category[];
  in_list: boolean;
  rule_status: string;
  participants: number;
  share: number | null;
  shrunken: number | null;
  expected: number | null;
  residual_z: number | null;
  context_index: number | null;
  /** JSON text (see migration 007): parsed by the service when read. */
  figures: string;
  explanation: Json<string[]>;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    identification_param_set: IdentificationParamSetTable;
    identification_run: IdentificationRunTable;
    identification_proposal: IdentificationProposalTable;
    identification_run_school: IdentificationRunSchoolTable;
  }
}
