import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { buildWorld, testApp } from '../../../test/fixtures.js';
import type { Database } from '../../../platform/db/index.js';
import type { App } from '../../../platform/http/context.js';
import { seedDemo } from './seed.js';
import { DEMO_SEED_AUDIT } from './status.js';

/** /api/health tells the sign-in page whether the demo region (and its demo logins) is loaded. */
let plain: Database;
let demo: Database;
let plainApp: App;
let demoApp: App;

beforeAll(async () => {
  [plain, demo] = await Promise.all([testDatabase(), testDatabase()]);
  await buildWorld(plain);
  await seedDemo(demo, { schools: 40, seed: 3 });
  [plainApp, demoApp] = await Promise.all([testApp(plain), testApp(demo)]);
});
afterAll(async () => {
  await Promise.all([plainApp.close(), demoApp.close()]);
  await Promise.all([plain.close(), demo.close()]);
});

const health = async (app: App) => {
  const res = await app.inject({ method: 'GET', url: '/api/health?lang=ru' });
  expect(res.statusCode).toBe(200);
  return res.json() as { ok: boolean; storage: string; demo: boolean };
};

describe('GET /api/health: the demo flag', () => {
  it('is true, without signing in, when the demo region is seeded', async () => {
    expect(await health(demoApp)).toEqual({ ok: true, storage: demo.kind, demo: true });
  });

  it('is false for a database without the demo region', async () => {
    expect(await health(plainApp)).toEqual({ ok: true, storage: plain.kind, demo: false });
  });

  it('is false when the seeded region no longer exists (a stale marker)', async () => {
    await plain.db
      .insertInto('audit_log')
      .values({ ...DEMO_SEED_AUDIT, entity_id: '987654', user_login: 'system', summary: 'Демо-регион' })
      .execute();
    expect((await health(plainApp)).demo).toBe(false);
  });
});
