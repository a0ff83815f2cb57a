import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { PGliteDialect } from './pglite-dialect.js';
import { acquirePidLock } from './pid-lock.js';
import type { DB } from './schema.js';

export type Db = Kysely<DB>;
export type StorageKind = 'postgres' | 'pglite';

export interface Database {
  db: Db;
  kind: StorageKind;
  /** Where the data lives, for messages: the data folder or the server (without password). */
  location: string;
  /** The node-postgres pool on PostgreSQL (for COPY streams); absent on PGlite. */
  pgPool?: pg.Pool;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;

/** int8 and numeric come back as JS numbers on both storages (ids and counts fit in 2^53). */
const parseNumber = (v: string) => (v === null ? null : Number(v));

let pgParsersSet = false;
function setPgParsers() {
  if (pgParsersSet) return;
  pg.types.setTypeParser(INT8, parseNumber);
  pg.types.setTypeParser(NUMERIC, parseNumber);
  pgParsersSet = true;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data folder; 'memory://' for a throw-away in-memory database. */
  dataDir?: string;
  /** PostgreSQL schema to use (tests isolate themselves in a schema of their own). */
  searchPath?: string;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    setPgParsers();
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      ...(opts.searchPath ? { options: `-c search_path=${opts.searchPath}` } : {}),
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    await sql`select 1`.execute(db);
    const url = new URL(opts.databaseUrl);
    url.password = '';
    return { db, kind: 'postgres', location: url.toString(), pgPool: pool, close: () => db.destroy() };
  }
  const dataDir = opts.dataDir ?? './data';
  const inMemory = dataDir.startsWith('memory://');
  const dir = inMemory ? dataDir : path.resolve(dataDir, 'pgdata');
  const release = inMemory ? () => {} : acquirePidLock(path.resolve(dataDir));
  try {
    const pglite = await PGlite.create(dir, {
      parsers: { [pgliteTypes.INT8]: parseNumber, [pgliteTypes.NUMERIC]: parseNumber },
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      kind: 'pglite',
      location: inMemory ? dataDir : path.resolve(dataDir),
      close: async () => {
        await db.destroy();
        await pglite.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
