import { sql } from 'kysely';
import { openDatabase, type Database } from '../server/src/platform/db/index.js';
import { migrate } from '../server/src/platform/migrations/index.js';
import { seedDemo } from '../server/src/modules/org/demo/seed.js';
export { startServer, type RunningServer } from '../server/src/test/process.js';

export const PG_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** A database URL for a throw-away database on the benchmark server (dropped and created anew). */
export async function freshPgDatabase(name: string): Promise<string> {
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function login(baseURL: string, login = 'region', password = 'rost-demo-2026') {
  const res = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/**
 * A demo region of `schools` schools (seed `seed`) in the benchmark database `name`, cached: reused
 * while its meta table holds the same seed and size (BENCH_REBUILD=1 rebuilds it), else seeded anew,
 * with `extra` run once after the seed (e.g. approved lists), then analysed.
 */
export async function cachedDemoDatabase(
  name: string,
  opts: { schools: number; seed: number; extra?: (database: Database) => Promise<void> },
): Promise<Database> {
  const pg = (await import('pg')).default;
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  let reuse = false;
  if (exists && !process.env.BENCH_REBUILD) {
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    try {
      const r = await c.query<{ seed: number; schools: number }>('select seed, schools from bench_meta');
      reuse = r.rows[0]?.seed === opts.seed && r.rows[0]?.schools === opts.schools;
    } catch {
      reuse = false;
    } finally {
      await c.end();
    }
  }
  if (!reuse) {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  }
  await admin.end();
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  await migrate(database.db);
  if (reuse) {
    console.log(`Данные: ${name} (seed ${opts.seed}, ${opts.schools} школ) — из кэша.`);
    return database;
  }
  const t0 = performance.now();
  process.stdout.write(`Данные: генерация ${opts.schools} школ и 4 лет результатов всех процедур… `);
  await seedDemo(database, { schools: opts.schools, seed: opts.seed });
  await opts.extra?.(database);
  await sql`create table bench_meta (seed integer not null, schools integer not null)`.execute(database.db);
  await sql`insert into bench_meta values (${opts.seed}, ${opts.schools})`.execute(database.db);
  await sql`analyze`.execute(database.db);
  console.log(`${((performance.now() - t0) / 1000).toFixed(1)} с.`);
  return database;
}
