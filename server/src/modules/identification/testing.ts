/** Test helpers of the identification: results and context rows written straight into the tables. */
import type { Database } from '../../platform/db/index.js';
import { runPendingJobs } from '../../platform/jobs/queue.js';
import { identificationService } from './service.js';
import '../results/schema.js';

/** Run the queued identification jobs now (tests run them inline, deterministically). */
export const runIdentificationJobs = (database: Database) =>
  runPendingJobs(database, identificationService(database).jobHandlers());

export interface TestResult {
  schoolId: number;
  procedure: string;
  subject: string;
  grade?: number;
  year: number;
  participants: number;
  /** null: the procedure has no threshold (cannot be judged). */
  belowMin: number | null;
}

/** One committed import holding the given aggregates. */
export async function insertResults(database: Database, rows: TestResult[]): Promise<void> {
  const { db } = database;
  const imp = await db
    .insertInto('result_import')
    .values({
      file_name: 'test',
      fingerprint: `test:${Date.now()}:${Math.random()}`,
      kind: 'demo',
      status: 'committed',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('result_aggregate')
    .values(
      rows.map((r, i) => ({
        school_id: r.schoolId,
        procedure: r.procedure,
        subject: r.subject,
        grade: r.grade ?? 0,
        year: r.year,
        participants: r.participants,
        below_min: r.belowMin,
        mark2: null,
        mark3: null,
        mark4: null,
        mark5: null,
        mean_score: null,
        high_80_99: null,
        high_100: null,
        from_students: false,
        superseded_by: null,
        digest: `d${i}`,
        import_id: imp.id,
      })),
    )
    .execute();
}

export async function insertContext(
  database: Database,
  schoolId: number,
  schoolYear: number,
  values: { low_income: number; single_parent: number; parents_higher_ed: number },
): Promise<void> {
  await database.db
    .insertInto('school_context')
    .values({
      school_id: schoolId,
      school_year: schoolYear,
      ovz: 2,
      disabled: 1,
      registered: 1,
      non_russian: 1,
      extra: '{}',
      ...values,
    })
    .execute();
}
