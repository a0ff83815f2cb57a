import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import { foundation } from './001_foundation.js';
import { results } from './002_results.js';
import { programmes } from './003_programmes.js';
import { identification } from './004_identification.js';
import { indicators } from './005_indicators.js';
import { identificationJobs } from './006_identification_jobs.js';
import { identificationSpeed } from './007_identification_speed.js';
import { identificationRows } from './008_identification_rows.js';

/** Ordered migrations: name and the statements it runs (one statement each, as PGlite needs). */
export const MIGRATIONS: Array<{ name: string; statements: string[] }> = [
  { name: '001_foundation', statements: foundation },
  { name: '002_results', statements: results },
  { name: '003_programmes', statements: programmes },
  { name: '004_identification', statements: identification },
  { name: '005_indicators', statements: indicators },
  { name: '006_identification_jobs', statements: identificationJobs },
  { name: '007_identification_speed', statements: identificationSpeed },
  { name: '008_identification_rows', statements: identificationRows },
];

const LOCK_KEY = 7_340_001;

/** Apply pending migrations, each in its own transaction, under an advisory lock. Returns the applied names. */
export async function migrate(db: Db): Promise<string[]> {
  await sql`create table if not exists schema_migration (
    name text primary key, applied_at timestamptz not null default now())`.execute(db);
  const applied: string[] = [];
  for (const m of MIGRATIONS) {
    const done = await db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(tx);
      const row = await sql<{
        name: string;
      }>`select name from schema_migration where name = ${m.name}`.execute(tx);
      if (row.rows.length > 0) return false;
      for (const statement of m.statements) await sql.raw(statement).execute(tx);
      await sql`insert into schema_migration (name) values (${m.name})`.execute(tx);
      return true;
    });
    if (done) applied.push(m.name);
  }
  return applied;
}
