import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { JobTable } from './schema.js';
import type { Selectable } from 'kysely';
import './schema.js';

export type Job = Selectable<JobTable>;

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  ownerId: number | null;
  /** 1 (default) means no retry. */
  maxAttempts?: number;
  runAfter?: Date;
}

/** SQL of the job queue. Every statement is a single one (PGlite's one-statement rule). */
export function jobsRepository(db: Db) {
  return {
    async insert(tx: Db, j: NewJob): Promise<number> {
      const row = await tx
        .insertInto('job')
        .values({
          kind: j.kind,
          payload: JSON.stringify(j.payload),
          owner_id: j.ownerId,
          max_attempts: j.maxAttempts ?? 1,
          ...(j.runAfter ? { run_after: j.runAfter } : {}),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /**
     * Take the oldest runnable job of the given kinds. `for update skip locked` lets several
     * workers (app instances) poll the same table without taking the same job twice.
     */
    async claim(worker: string, kinds: string[]): Promise<Job | undefined> {
      if (!kinds.length) return undefined;
      const r = await sql<Job>`
        update job set status = 'running', attempts = attempts + 1, worker = ${worker},
          started_at = now(), heartbeat_at = now(), error = null
        where id = (
          select id from job
          where status = 'queued' and run_after <= now() and kind in (${sql.join(kinds)})
          order by run_after, id
          limit 1
          for update skip locked
        )
        returning *`.execute(db);
      return r.rows[0];
    },

    async progress(
      id: number,
      fraction: number,
      stage: string | null,
      params: Record<string, string | number> | null,
    ) {
      await db
        .updateTable('job')
        .set({
          progress: Math.max(0, Math.min(1, fraction)),
          stage,
          stage_params: params === null ? null : JSON.stringify(params),
          heartbeat_at: new Date(),
        })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .execute();
    },

    async heartbeat(id: number) {
      await db
        .updateTable('job')
        .set({ heartbeat_at: new Date() })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .execute();
    },

    async complete(id: number, result: unknown) {
      await db
        .updateTable('job')
        .set({
          status: 'done',
          progress: 1,
          result: JSON.stringify(result ?? null),
          finished_at: new Date(),
          heartbeat_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
    },

    /** Record a failure: back to the queue when attempts remain, otherwise failed for good. */
    async fail(id: number, error: { key: string; params: Record<string, string | number>; detail?: string }) {
      await sql`
        update job set
          status = case when attempts < max_attempts then 'queued' else 'failed' end,
          run_after = case when attempts < max_attempts
            then now() + make_interval(secs => 5 * power(2, attempts - 1)) else run_after end,
          finished_at = case when attempts < max_attempts then null else now() end,
          error = ${JSON.stringify(error)}::jsonb,
          heartbeat_at = now()
        where id = ${id}`.execute(db);
    },

    /** Jobs whose worker stopped sending heartbeats: requeued when attempts remain, otherwise failed. */
    async recoverStale(staleSeconds: number): Promise<number> {
      const error = JSON.stringify({ key: 'jobs.abandoned', params: {} });
      const r = await sql`
        update job set
          status = case when attempts < max_attempts then 'queued' else 'failed' end,
          finished_at = case when attempts < max_attempts then null else now() end,
          error = ${error}::jsonb
        where status = 'running' and heartbeat_at < now() - make_interval(secs => ${staleSeconds})`.execute(
        db,
      );
      return Number(r.numAffectedRows ?? 0);
    },

    get(id: number) {
      return db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
    },
  };
}
export type JobsRepository = ReturnType<typeof jobsRepository>;
