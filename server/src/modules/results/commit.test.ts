import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabase } from '../../test/db.js';
import { buildWorld, type World } from '../../test/fixtures.js';
import type { Database } from '../../platform/db/index.js';
import type { Principal } from '../../platform/auth/principal.js';
import { egeReportXlsx, type EgeFigures, type FixtureSchool } from './testing.js';
import { resultsImportService } from './import-service.js';
import { bufferSource } from './reader.js';

/** The commit and the roll-back as transactions: all or nothing, and corrections undone in any order. */
let database: Database;
let world: World;

beforeAll(async () => {
  database = await testDatabase();
  world = await buildWorld(database);
});
afterAll(async () => {
  await database.close();
});

const SYSTEM: Principal = {
  id: 0,
  login: 'test',
  fullName: 'test',
  role: 'regional_coordinator',
  municipalityId: null,
  schoolId: null,
  assignedSchoolIds: [],
  locale: 'ru',
};
const schools: FixtureSchool[] = [
  { municipality: 'Альфинский район', name: 'СОШ № 1 с. Ивановка' },
  { municipality: 'Альфинский район', name: 'МБОУ Петровская СОШ' },
  { municipality: 'город Бетинск', name: 'МБОУ "СОШ № 5 г.Бетинска"' },
];
const fig =
  () =>
  (year: number, i: number, k: number): EgeFigures => ({
    participants: 10 + i + k,
    below: k === 1 ? 2 : 0,
    high80: 1,
    high100: 0,
    mean: 55.5 + i + (year - 2022),
  });
const current = () =>
  database.db
    .selectFrom('result_aggregate')
    .select(['id', 'school_id', 'subject', 'year', 'participants', 'below_min', 'mean_score', 'import_id'])
    .where('superseded_by', 'is', null)
    .execute();

describe('commit', () => {
  it('a crash in the middle of the commit leaves nothing written', async () => {
    const service = resultsImportService(database, {
      afterCommitWrites: async (tx) => {
        // a failing insert inside the commit transaction
        await sql`insert into result_aggregate (school_id, procedure, subject, year, participants, digest, import_id)
          values (${world.schools.a1}, 'EGE', 'ru', 1999, 1, 'x', 1)`.execute(tx);
      },
    });
    const id = await service.importSource(
      SYSTEM,
      'crash.xlsx',
      bufferSource(await egeReportXlsx(schools, [2022], fig())),
      {},
    );
    await expect(service.commit(SYSTEM, id, 'ru')).rejects.toThrow();
    expect(await current()).toEqual([]);
    const imp = await database.db
      .selectFrom('result_import')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(imp.status).toBe('parsed');
    // and it can still be committed once the fault is gone
    expect(await resultsImportService(database).commit(SYSTEM, id, 'ru')).toMatchObject({ inserted: 9 });
    await resultsImportService(database).rollback({ ...SYSTEM, id: world.users.region!.id }, id);
  });
});

describe('roll-back in a chain of corrections', () => {
  it('rolling back a middle import hands its replaced rows to the newer import, and the oldest comes back last', async () => {
    const service = resultsImportService(database);
    const p = { ...SYSTEM, id: world.users.region!.id, login: 'region' };
    const file = (mean: number) =>
      bufferSource(
        Buffer.from(`ОО;Код ОО;Предмет;Участников;Средний балл\nA-2;A-2;Русский язык;20;${mean}\n`),
      );
    const w = await service.importSource(p, 'w.csv', file(40), { procedure: 'EGE', year: 2020 });
    await service.commit(p, w, 'ru');
    const x = await service.importSource(p, 'x.csv', file(41), { procedure: 'EGE', year: 2020 });
    await service.commit(p, x, 'ru');
    const y = await service.importSource(p, 'y.csv', file(42), { procedure: 'EGE', year: 2020 });
    await service.commit(p, y, 'ru');
    const slice = () =>
      database.db
        .selectFrom('result_aggregate')
        .select(['import_id', 'mean_score', 'superseded_by'])
        .where('school_id', '=', world.schools.a2)
        .where('procedure', '=', 'EGE')
        .where('year', '=', 2020)
        .orderBy('import_id')
        .execute();
    await service.rollback(p, x);
    expect(await slice()).toEqual([
      { import_id: w, mean_score: 40, superseded_by: y },
      { import_id: y, mean_score: 42, superseded_by: null },
    ]);
    await service.rollback(p, y);
    expect(await slice()).toEqual([{ import_id: w, mean_score: 40, superseded_by: null }]);
    await service.rollback(p, w);
    expect(await slice()).toEqual([]);
  });
});
