/**
 * Faster storing of identification runs (issue 4): a national run writes 45,000 rows at once.
 *
 * - The per-school figures become `text`: they are written by the service as JSON (one
 *   `JSON.stringify` per school) and only ever read whole, by the service, which parses them;
 *   checking ~65 MB of JSON on the way in was a third of PostgreSQL's time storing a run.
 * - The index on (run_id, display) goes: nothing reads by it (the filter by category also matches
 *   `categories`, and the counts per municipality and display use the (run_id, municipality_id,
 *   display) index), while every stored row paid for it.
 */
export const identificationSpeed: string[] = [
  `alter table identification_run_school alter column figures type text using figures::text`,
  `drop index if exists identification_run_school_display_idx`,
];
