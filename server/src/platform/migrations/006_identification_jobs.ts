/**
 * Identification runs as background jobs (issue 4): the job that computes a run and, when it
 * fails, the error as an i18n key with parameters. A run is inserted as 'running' when it is
 * requested and becomes 'done' (with its schools) or 'failed' when the job ends.
 *
 * The per-school figures become `json` (kept as text): they are written once per run for every
 * school (45,000 at national scale) and only ever read whole, and parsing ~80 MB of numbers into
 * jsonb took most of the time a run spent storing them. Rows stay uncompressed up to 4 kB.
 */
export const identificationJobs: string[] = [
  `alter table identification_run add column job_id integer references job(id) on delete set null`,
  `alter table identification_run add column error jsonb`,
  `alter table identification_run_school alter column figures type json using figures::json`,
  `alter table identification_run_school set (toast_tuple_target = 4080)`,
];
