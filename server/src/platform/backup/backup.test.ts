import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { seedDemo } from '../../modules/org/demo/seed.js';
import type { Database, Db } from '../db/index.js';
import { backup, restore } from './backup.js';

let source: Database;
let target: Database;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rost-backup-'));

/** Every row of every application table, as JSON text: what "identical data" means. */
async function snapshot(db: Db): Promise<Record<string, string>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
      and table_name not in ('session', 'login_failure', 'schema_migration') order by table_name`.execute(db);
  const out: Record<string, string> = {};
  for (const { table_name } of tables.rows) {
    const rows = await sql<{
      j: unknown;
    }>`select to_jsonb(t) as j from ${sql.table(table_name)} t order by 1::text`.execute(db);
    out[table_name] = rows.rows
      .map((r) => JSON.stringify(r.j))
      .sort()
      .join('\n');
  }
  return out;
}

beforeAll(async () => {
  source = await testDatabase();
  target = await testDatabase();
  await seedDemo(source, { seed: 7, schools: 60 });
  // a branch whose main school has a larger id, to prove the restore orders self-references
  const [a, b] = await source.db
    .selectFrom('school')
    .select(['id', 'municipality_id'])
    .where('parent_id', 'is', null)
    .orderBy('id', 'desc')
    .limit(2)
    .execute();
  await source.db
    .updateTable('school')
    .set({ parent_id: a!.id, municipality_id: a!.municipality_id })
    .where('id', '=', b!.id)
    .execute();
});
afterAll(async () => {
  await source.close();
  await target.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('gives back identical data, and new rows continue after the restored ids', async () => {
    const file = path.join(dir, 'full.ndjson.gz');
    const summary = await backup(source.db, file);
    expect(summary.tables.school).toBeGreaterThanOrEqual(60);
    await target.db.insertInto('region').values({ code: 'zz', name: 'будет заменено' }).execute();
    await restore(target.db, file);
    expect(await snapshot(target.db)).toEqual(await snapshot(source.db));
    const maxId = await target.db
      .selectFrom('school')
      .select(sql<number>`max(id)`.as('m'))
      .executeTakeFirstOrThrow();
    const muni = await target.db.selectFrom('municipality').select('id').executeTakeFirstOrThrow();
    const inserted = await target.db
      .insertInto('school')
      .values({
        municipality_id: muni.id,
        code: 'new-1',
        full_name: 'Новая школа',
        short_name: 'Новая',
        type: 'СОШ',
        locality: 'urban',
        settlement: 'г. Н',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(inserted.id).toBeGreaterThan(Number(maxId.m));
  });

  it('a corrupt backup changes nothing', async () => {
    const good = path.join(dir, 'good.ndjson.gz');
    await backup(source.db, good);
    const text = zlib.gunzipSync(fs.readFileSync(good)).toString('utf8');
    const lines = text.split('\n');
    const broken = path.join(dir, 'broken.ndjson.gz');
    fs.writeFileSync(
      broken,
      zlib.gzipSync(lines.slice(0, Math.floor(lines.length * 0.8)).join('\n') + '\n{not json'),
    );
    const before = await snapshot(target.db);
    await expect(restore(target.db, broken)).rejects.toThrow(/повреждена/);
    expect(await snapshot(target.db)).toEqual(before);
    fs.writeFileSync(path.join(dir, 'other.ndjson.gz'), zlib.gzipSync('{"hello":1}\n'));
    await expect(restore(target.db, path.join(dir, 'other.ndjson.gz'))).rejects.toThrow(
      /не является резервной копией Rost/,
    );
  });
});
