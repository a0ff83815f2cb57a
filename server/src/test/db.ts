import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../platform/db/index.js';
import { migrate } from '../platform/migrations/index.js';

/**
 * A fresh, migrated database for one test file: PGlite in memory by default,
 * or a throw-away schema on the PostgreSQL server named by DATABASE_URL.
 */
export async function testDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrate(database.db);
    return database;
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ databaseUrl: url, poolSize: 1 });
  await sql.raw(`create schema ${schema}`).execute(admin.db);
  await admin.close();
  const database = await openDatabase({ databaseUrl: url, searchPath: `${schema},public`, poolSize: 4 });
  await migrate(database.db);
  return {
    ...database,
    close: async () => {
      await sql.raw(`drop schema ${schema} cascade`).execute(database.db);
      await database.close();
    },
  };
}
