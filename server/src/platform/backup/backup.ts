import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { once } from 'node:events';
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import { AppError } from '../errors.js';

/**
 * Logical backup of every application table as gzip-compressed NDJSON:
 * a header line, then for each table a line naming its columns followed by one line per row.
 * Tables are found in the catalogue and ordered by their foreign keys, so that new modules'
 * tables are included without touching this file. Sessions and login failures are not kept.
 */
const SKIP = new Set(['session', 'login_failure', 'schema_migration']);
const BATCH = 2000;
const FORMAT = 'rost-backup';

interface TableInfo {
  name: string;
  columns: string[];
  jsonColumns: Set<string>;
  /** Timestamps and numerics are copied as text: a JS Date or double would lose microseconds or digits. */
  textColumns: Set<string>;
  primaryKey: string[];
  identity: string[];
  /** A column referencing the table itself (a school's main school), if any. */
  selfRef: { column: string; target: string } | null;
}

async function tables(db: Db): Promise<TableInfo[]> {
  const cols = await sql<{ table_name: string; column_name: string; data_type: string; is_identity: string }>`
    select c.table_name, c.column_name, c.data_type, c.is_identity
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.is_generated <> 'ALWAYS'
    order by c.table_name, c.ordinal_position`.execute(db);
  const fks = await sql<{ table_name: string; column_name: string; ref_table: string; ref_column: string }>`
    select cl.relname as table_name, a.attname as column_name, rcl.relname as ref_table, ra.attname as ref_column
    from pg_constraint con
    join pg_class cl on cl.oid = con.conrelid
    join pg_class rcl on rcl.oid = con.confrelid
    join pg_namespace n on n.oid = cl.relnamespace
    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
    join pg_attribute ra on ra.attrelid = con.confrelid and ra.attnum = con.confkey[1]
    where con.contype = 'f' and n.nspname = current_schema()`.execute(db);
  const pks = await sql<{ table_name: string; column_name: string }>`
    select cl.relname as table_name, a.attname as column_name
    from pg_constraint con
    join pg_class cl on cl.oid = con.conrelid
    join pg_namespace n on n.oid = cl.relnamespace
    join lateral unnest(con.conkey) with ordinality as k(attnum, ord) on true
    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
    where con.contype = 'p' and n.nspname = current_schema()
    order by cl.relname, k.ord`.execute(db);

  const byName = new Map<string, TableInfo>();
  for (const c of cols.rows) {
    if (SKIP.has(c.table_name)) continue;
    let t = byName.get(c.table_name);
    if (!t) {
      t = {
        name: c.table_name,
        columns: [],
        jsonColumns: new Set(),
        textColumns: new Set(),
        primaryKey: [],
        identity: [],
        selfRef: null,
      };
      byName.set(c.table_name, t);
    }
    t.columns.push(c.column_name);
    if (c.data_type === 'jsonb' || c.data_type === 'json') t.jsonColumns.add(c.column_name);
    if (/^(timestamp|date|time|numeric|interval|bytea)/.test(c.data_type)) t.textColumns.add(c.column_name);
    if (c.is_identity === 'YES') t.identity.push(c.column_name);
  }
  for (const pk of pks.rows) byName.get(pk.table_name)?.primaryKey.push(pk.column_name);
  const deps = new Map<string, Set<string>>([...byName.keys()].map((n) => [n, new Set<string>()]));
  for (const fk of fks.rows) {
    const t = byName.get(fk.table_name);
    if (!t) continue;
    if (fk.ref_table === fk.table_name) t.selfRef = { column: fk.column_name, target: fk.ref_column };
    else if (byName.has(fk.ref_table)) deps.get(fk.table_name)!.add(fk.ref_table);
  }
  // Topological order: a table after every table it references.
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  const visit = (n: string, path: Set<string>) => {
    if (done.has(n) || path.has(n)) return;
    path.add(n);
    for (const d of [...deps.get(n)!].sort()) visit(d, path);
    done.add(n);
    ordered.push(byName.get(n)!);
  };
  for (const n of [...byName.keys()].sort()) visit(n, new Set());
  return ordered;
}

async function migrations(db: Db): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from schema_migration order by name`.execute(db);
  return r.rows.map((x) => x.name);
}

/** Rows of a self-referencing table in an order where each row comes after the row it points to. */
function parentsFirst(rows: Record<string, unknown>[], ref: { column: string; target: string }) {
  const placed = new Set<unknown>();
  const out: Record<string, unknown>[] = [];
  let pending = rows;
  while (pending.length) {
    const next: Record<string, unknown>[] = [];
    for (const r of pending) {
      const parent = r[ref.column];
      if (parent === null || parent === undefined || placed.has(parent)) {
        out.push(r);
        placed.add(r[ref.target]);
      } else next.push(r);
    }
    if (next.length === pending.length) return [...out, ...next]; // a cycle: let the database say so
    pending = next;
  }
  return out;
}

export interface BackupSummary {
  file: string;
  tables: Record<string, number>;
  migrations: string[];
}

export async function backup(db: Db, file: string): Promise<BackupSummary> {
  const infos = await tables(db);
  const mig = await migrations(db);
  const tmp = `${file}.partial`;
  const gzip = zlib.createGzip();
  const out = fs.createWriteStream(tmp);
  gzip.pipe(out);
  const write = async (obj: unknown) => {
    if (!gzip.write(JSON.stringify(obj) + '\n')) await once(gzip, 'drain');
  };
  const counts: Record<string, number> = {};
  // One snapshot for the whole backup.
  await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      await write({ format: FORMAT, version: 1, createdAt: new Date().toISOString(), migrations: mig });
      for (const t of infos) {
        await write({ table: t.name, columns: t.columns });
        const order = t.primaryKey.length ? t.primaryKey : t.columns;
        let offset = 0;
        counts[t.name] = 0;
        for (;;) {
          const r = await sql<
            Record<string, unknown>
          >`select ${sql.join(t.columns.map((c) => (t.textColumns.has(c) ? sql`${sql.ref(c)}::text as ${sql.ref(c)}` : sql.ref(c))))} from ${sql.table(t.name)}
          order by ${sql.join(order.map((c) => sql.ref(c)))} limit ${BATCH} offset ${offset}`.execute(tx);
          for (const row of r.rows) await write(t.columns.map((c) => row[c] ?? null));
          counts[t.name] = (counts[t.name] ?? 0) + r.rows.length;
          offset += r.rows.length;
          if (r.rows.length < BATCH) break;
        }
      }
    });
  gzip.end();
  await once(out, 'finish');
  fs.renameSync(tmp, file);
  return { file, tables: counts, migrations: mig };
}

/**
 * Replace the whole content of the (migrated) database with a backup, in one transaction:
 * if anything fails, the database is left as it was.
 */
export async function restore(db: Db, file: string): Promise<BackupSummary> {
  if (!fs.existsSync(file)) throw new AppError('backup.notFound', { file });
  const infos = await tables(db);
  const info = new Map(infos.map((t) => [t.name, t]));
  const mig = await migrations(db);
  const counts: Record<string, number> = {};
  let sawHeader = false;
  await db.transaction().execute(async (tx) => {
    await sql`truncate table ${sql.join(infos.map((t) => sql.table(t.name)))} restart identity cascade`.execute(
      tx,
    );
    let current: TableInfo | null = null;
    let columns: string[] = [];
    let batch: Record<string, unknown>[] = [];
    const flush = async () => {
      if (!current || batch.length === 0) return;
      const t: TableInfo = current;
      await tx
        .insertInto(t.name as never)
        .values(batch as never)
        .execute();
      counts[t.name] = (counts[t.name] ?? 0) + batch.length;
      batch = [];
    };
    let selfRefRows: Record<string, unknown>[] = [];
    const finishTable = async () => {
      if (current?.selfRef) {
        batch = parentsFirst(selfRefRows, current.selfRef);
        for (let i = 0; i < batch.length; i += 500) {
          const part = batch.slice(i, i + 500);
          await tx
            .insertInto(current.name as never)
            .values(part as never)
            .execute();
          counts[current.name] = (counts[current.name] ?? 0) + part.length;
        }
        batch = [];
        selfRefRows = [];
      } else await flush();
    };
    try {
      // Created only now: a readline interface made before an await may emit lines nobody reads.
      const lines = readline.createInterface({
        input: fs.createReadStream(file).pipe(zlib.createGunzip()),
        crlfDelay: Infinity,
      });
      for await (const line of lines) {
        if (!line) continue;
        const obj = JSON.parse(line) as unknown;
        if (!sawHeader) {
          sawHeader = true;
          const header = obj as { format?: string; migrations?: string[] };
          if (header?.format !== FORMAT) throw new AppError('backup.badFormat', { file });
          if (JSON.stringify(header.migrations) !== JSON.stringify(mig)) {
            throw new AppError('backup.schemaMismatch', {
              file,
              backup: (header.migrations ?? []).at(-1) ?? '—',
              database: mig.at(-1) ?? '—',
            });
          }
          continue;
        }
        if (!Array.isArray(obj)) {
          await finishTable();
          const { table, columns: cols } = obj as { table: string; columns: string[] };
          current = info.get(table) ?? null;
          if (!current) throw new AppError('backup.unknownTable', { file, table });
          columns = cols;
          counts[table] = 0;
          continue;
        }
        const t = current!;
        const row: Record<string, unknown> = {};
        columns.forEach((c, i) => {
          const v = obj[i];
          row[c] = t.jsonColumns.has(c) && v !== null ? JSON.stringify(v) : v;
        });
        if (t.selfRef) selfRefRows.push(row);
        else {
          batch.push(row);
          if (batch.length >= 500) await flush();
        }
      }
      await finishTable();
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (e instanceof SyntaxError || (e as NodeJS.ErrnoException).code === 'Z_DATA_ERROR') {
        throw new AppError('backup.corrupt', { file, detail: (e as Error).message });
      }
      throw e;
    }
    if (!sawHeader) throw new AppError('backup.badFormat', { file });
    // Identity sequences continue after the restored ids.
    for (const t of infos) {
      for (const c of t.identity) {
        await sql`select setval(pg_get_serial_sequence(${t.name}, ${c}), coalesce((select max(${sql.ref(c)}) from ${sql.table(t.name)}), 0) + 1, false)`.execute(
          tx,
        );
      }
    }
  });
  return { file, tables: counts, migrations: mig };
}
