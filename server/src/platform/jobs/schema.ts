import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | T, string | T>;

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<JobStatus>;
  /** 0..1 */
  progress: Generated<number>;
  /** i18n key of the current stage, with its parameters. */
  stage: string | null;
  stage_params: Json<Record<string, string | number>> | null;
  result: Json<unknown> | null;
  /** `{ key, params }` of an AppError, or `{ key: 'error.internal', detail }`. */
  error: Json<{ key: string; params: Record<string, string | number>; detail?: string }> | null;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  owner_id: number | null;
  worker: string | null;
  run_after: Timestamp;
  created_at: Timestamp;
  started_at: Date | null;
  heartbeat_at: Date | null;
  finished_at: Date | null;
}

declare module '../db/schema.js' {
  interface DB {
    job: JobTable;
  }
}
