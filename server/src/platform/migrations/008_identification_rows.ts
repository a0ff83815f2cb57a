/**
 * A run's rows without foreign keys (issue 4): `identification_run_school` is written 45,000 rows
 * at once by the run's own transaction, and the per-row checks of its two foreign keys were a third
 * of PostgreSQL's time storing a national run (≈0.37 s), besides a key-share lock written on every
 * school's row at every run.
 *
 * - The run: its rows are written only under the run's lock (`copyRun`, `insertRunSchools`) and
 *   deleted with it in one transaction (`deleteRun`), as the cascade did.
 * - The school: a run's rows are the registry as the run read it, in the snapshot of its input;
 *   schools are deactivated, never deleted, and an approved list keeps its schools whatever the
 *   registry becomes (a cascade would have taken them out of a list approved by an order).
 */
export const identificationRows: string[] = [
  `alter table identification_run_school drop constraint if exists identification_run_school_run_id_fkey`,
  `alter table identification_run_school drop constraint if exists identification_run_school_school_id_fkey`,
];
