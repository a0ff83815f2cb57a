import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Database, Db } from '../db/index.js';
import { AppError } from '../errors.js';
import { jobsRepository, type Job, type NewJob } from './repository.js';

/**
 * A job queue that lives in PostgreSQL (table `job`), so that it works on both storages and across
 * app instances: `enqueue` in the caller's transaction, workers `claim` with `for update skip locked`,
 * report progress, and record a result or an error. Retries are off unless a job asks for them
 * (`maxAttempts`). On PGlite one worker runs in the server process.
 */

export interface JobContext {
  id: number;
  payload: Record<string, unknown>;
  ownerId: number | null;
  /** Report progress (0..1) and the current stage (an i18n key with parameters); throttled. */
  progress(fraction: number, stage?: string, params?: Record<string, string | number>): Promise<void>;
  /** Aborted when the worker stops: long handlers should check it between chunks. */
  signal: AbortSignal;
}
export type JobHandler = (ctx: JobContext) => Promise<unknown>;
export type JobHandlers = Record<string, JobHandler>;

/** Put a job in the queue (in the caller's transaction when given one). Call `wakeWorkers()` after commit. */
export function enqueue(tx: Db, job: NewJob): Promise<number> {
  return jobsRepository(tx).insert(tx, job);
}

const wakers = new Set<() => void>();
/** Tell the workers of this process to poll now instead of at their next tick. */
export function wakeWorkers(): void {
  for (const w of wakers) w();
}

export interface WorkerOptions {
  /** How often an idle worker polls the queue. */
  pollMs?: number;
  /** A running job without a heartbeat for this long is considered abandoned. */
  staleSeconds?: number;
  /** Minimal interval between two progress writes of one job. */
  progressEveryMs?: number;
  log?: (message: string) => void;
}

export interface Worker {
  readonly id: string;
  /** Stop polling, abort the running job's signal and wait for it to settle. */
  stop(): Promise<void>;
}

function errorOf(e: unknown) {
  if (e instanceof AppError) return { key: e.code, params: toParams(e.params) };
  return { key: 'error.internal', params: {}, detail: e instanceof Error ? e.message : String(e) };
}
function toParams(p: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p)) if (v !== null && v !== undefined) out[k] = v as string | number;
  return out;
}

/** Run one job with its handler; never throws. */
async function execute(
  db: Db,
  job: Job,
  handlers: JobHandlers,
  signal: AbortSignal,
  progressEveryMs: number,
): Promise<void> {
  const repo = jobsRepository(db);
  const handler = handlers[job.kind];
  if (!handler) {
    await repo.fail(job.id, { key: 'jobs.unknownKind', params: { kind: job.kind } });
    return;
  }
  let last = 0;
  const beat = setInterval(() => void repo.heartbeat(job.id).catch(() => {}), 10_000);
  beat.unref();
  try {
    const result = await handler({
      id: job.id,
      payload: job.payload,
      ownerId: job.owner_id,
      signal,
      async progress(fraction, stage, params) {
        const now = Date.now();
        if (now - last < progressEveryMs && fraction < 1) return;
        last = now;
        await repo.progress(job.id, fraction, stage ?? null, params ?? null);
      },
    });
    await repo.complete(job.id, result);
  } catch (e) {
    const error = signal.aborted ? { key: 'jobs.interrupted', params: {} } : errorOf(e);
    await repo.fail(job.id, error).catch(() => {});
  } finally {
    clearInterval(beat);
  }
}

/**
 * Process queued jobs of the known kinds until none is left (used by tests and the command line,
 * where no worker loop runs). Returns how many jobs ran.
 */
export async function runPendingJobs(database: Database, handlers: JobHandlers): Promise<number> {
  const repo = jobsRepository(database.db);
  const worker = `inline-${process.pid}`;
  let n = 0;
  for (;;) {
    const job = await repo.claim(worker, Object.keys(handlers));
    if (!job) return n;
    await execute(database.db, job, handlers, new AbortController().signal, 0);
    n++;
  }
}

/** Start the worker loop of this process. */
export function startWorker(database: Database, handlers: JobHandlers, opts: WorkerOptions = {}): Worker {
  const pollMs = opts.pollMs ?? 1000;
  const staleSeconds = opts.staleSeconds ?? 300;
  const progressEveryMs = opts.progressEveryMs ?? 300;
  const repo = jobsRepository(database.db);
  const id = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const abort = new AbortController();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let wake: (() => void) | null = null;
  let polls = 0;

  const sleep = () =>
    new Promise<void>((resolve) => {
      wake = () => {
        if (timer) clearTimeout(timer);
        wake = null;
        resolve();
      };
      timer = setTimeout(() => wake?.(), pollMs);
    });
  const waker = () => wake?.();
  wakers.add(waker);

  const loop = (async () => {
    while (!stopped) {
      try {
        if (polls++ % 60 === 0) {
          const n = await repo.recoverStale(staleSeconds);
          if (n) opts.log?.(`Задания без отклика возвращены или завершены с ошибкой: ${n}`);
        }
        const job = await repo.claim(id, Object.keys(handlers));
        if (job) {
          await execute(database.db, job, handlers, abort.signal, progressEveryMs);
          continue;
        }
      } catch (e) {
        if (stopped) break;
        opts.log?.(`Ошибка очереди заданий: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!stopped) await sleep();
    }
  })();

  return {
    id,
    async stop() {
      stopped = true;
      wakers.delete(waker);
      abort.abort();
      (wake as (() => void) | null)?.();
      await loop;
    },
  };
}
