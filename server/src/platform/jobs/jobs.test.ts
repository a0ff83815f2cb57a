import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { buildWorld, signIn, testApp, type World } from '../../test/fixtures.js';
import type { Database } from '../db/index.js';
import type { App } from '../http/context.js';
import { AppError } from '../errors.js';
import { enqueue, runPendingJobs, startWorker, wakeWorkers } from './queue.js';
import { jobsRepository } from './repository.js';

let database: Database;
let world: World;
let app: App;

beforeAll(async () => {
  database = await testDatabase();
  world = await buildWorld(database);
  app = await testApp(database);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const waitFor = async (cond: () => Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timeout');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('job queue', () => {
  it('runs a job with progress and a result; the owner polls it over HTTP, others get 404', async () => {
    const owner = world.users.region!.id;
    const id = await enqueue(database.db, { kind: 'test.sum', payload: { a: 2, b: 3 }, ownerId: owner });
    let seen = 0;
    const n = await runPendingJobs(database, {
      'test.sum': async (ctx) => {
        await ctx.progress(0.5, 'results.stage.reading', { percent: 50 });
        seen = (await jobsRepository(database.db).get(ctx.id))!.progress;
        return { sum: Number(ctx.payload.a) + Number(ctx.payload.b) };
      },
    });
    expect(n).toBe(1);
    expect(seen).toBe(0.5);
    const region = await signIn(app, 'region');
    const res = await region.call('GET', `/api/jobs/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'done', progress: 1, result: { sum: 5 }, error: null });
    const muni = await signIn(app, 'muni');
    expect((await muni.call('GET', `/api/jobs/${id}`)).statusCode).toBe(404);
  });

  it('records a failure with its message, without retry by default; retries when asked', async () => {
    const failing = await enqueue(database.db, {
      kind: 'test.fail',
      payload: {},
      ownerId: world.users.region!.id,
    });
    let calls = 0;
    await runPendingJobs(database, {
      'test.fail': async () => {
        calls++;
        throw new AppError('results.unknownProcedureCode', { code: 'X' });
      },
    });
    expect(calls).toBe(1);
    const job = (await jobsRepository(database.db).get(failing))!;
    expect(job).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { key: 'results.unknownProcedureCode', params: { code: 'X' } },
    });
    const region = await signIn(app, 'region');
    expect((await region.call('GET', `/api/jobs/${failing}`)).json().error.message).toMatch(/X/);

    const retried = await enqueue(database.db, {
      kind: 'test.flaky',
      payload: {},
      ownerId: null,
      maxAttempts: 2,
    });
    await runPendingJobs(database, {
      'test.flaky': async () => {
        throw new Error('boom');
      },
    });
    const after = (await jobsRepository(database.db).get(retried))!;
    expect(after).toMatchObject({ status: 'queued', attempts: 1 });
    expect(after.run_after.getTime()).toBeGreaterThan(Date.now());
  });

  it('a worker loop takes queued jobs, one claim per job, and stops cleanly', async () => {
    const done: number[] = [];
    const handlers = {
      'test.echo': async (ctx: { payload: Record<string, unknown> }) => {
        done.push(Number(ctx.payload.n));
        return null;
      },
    };
    const workers = [
      startWorker(database, handlers, { pollMs: 50 }),
      startWorker(database, handlers, { pollMs: 50 }),
    ];
    const ids: number[] = [];
    for (let i = 0; i < 6; i++)
      ids.push(await enqueue(database.db, { kind: 'test.echo', payload: { n: i }, ownerId: null }));
    wakeWorkers();
    await waitFor(async () => done.length === 6);
    await Promise.all(workers.map((w) => w.stop()));
    expect(done.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (const id of ids) expect((await jobsRepository(database.db).get(id))!.status).toBe('done');
  });

  it('gives back jobs whose worker vanished', async () => {
    const repo = jobsRepository(database.db);
    const id = await enqueue(database.db, { kind: 'test.lost', payload: {}, ownerId: null });
    expect((await repo.claim('dead-worker', ['test.lost']))!.id).toBe(id);
    expect(await repo.claim('other', ['test.lost'])).toBeUndefined();
    expect(await repo.recoverStale(0)).toBeGreaterThanOrEqual(1);
    expect((await repo.get(id))!).toMatchObject({ status: 'failed', error: { key: 'jobs.abandoned' } });
  });
});
