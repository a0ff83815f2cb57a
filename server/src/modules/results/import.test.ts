import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { buildWorld, signIn, testApp, type Client, type World } from '../../test/fixtures.js';
import type { Database } from '../../platform/db/index.js';
import type { App } from '../../platform/http/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { runPendingJobs } from '../../platform/jobs/queue.js';
import {
  egeReportXlsx,
  nationalTestCsv,
  studentCsv,
  type EgeFigures,
  type FixtureSchool,
} from './testing.js';
import { upload } from './http-testing.js';
import { resultsImportService } from './import-service.js';

let database: Database;
let app: App;
let world: World;
let region: Client;
let muni: Client;

beforeAll(async () => {
  database = await testDatabase();
  world = await buildWorld(database);
  app = await testApp(database);
  region = await signIn(app, 'region');
  muni = await signIn(app, 'muni');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const schools: FixtureSchool[] = [
  {
    municipality: 'Альфинский район',
    name: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа №1 с.Ивановка»',
  },
  { municipality: 'Альфинский район', name: 'МБОУ Петровская СОШ' },
  { municipality: 'город Бетинск', name: 'МБОУ "СОШ № 5 г.Бетинска"' },
  { municipality: 'город Бетинск', name: 'ФКОУ "СОШ УФСИН"' },
];
const fig =
  (delta = 0) =>
  (year: number, i: number, k: number): EgeFigures | null =>
    i === 3 && k > 0
      ? null
      : {
          participants: 10 + i + k,
          below: k === 1 ? 2 : 0,
          high80: 1,
          high100: 0,
          mean: 55.5 + i + (year - 2022) + delta,
        };

const current = async () =>
  (
    await database.db
      .selectFrom('result_aggregate')
      .select(['id', 'school_id', 'subject', 'year', 'participants', 'below_min', 'mean_score', 'import_id'])
      .where('superseded_by', 'is', null)
      .orderBy('school_id')
      .orderBy('subject')
      .orderBy('year')
      .execute()
  ).map((r) => ({ ...r }));

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

describe('importing a regional ЕГЭ report', () => {
  let firstId = 0;
  let file: { name: string; data: Buffer };

  it('previews without writing, refuses the commit while a school is unresolved, then commits after exclusion', async () => {
    file = { name: 'ЕГЭ по школам 2022-2023.xlsx', data: await egeReportXlsx(schools, [2022, 2023], fig()) };
    const res = await upload(region, file);
    expect(res.statusCode, res.body).toBe(200);
    const { id, view } = res.json();
    firstId = id;
    expect(view).toMatchObject({
      status: 'parsed',
      format: 'xlsx',
      kind: 'aggregate',
      canCommit: false,
      fileName: file.name,
    });
    expect(view.counts).toMatchObject({ schools: 4, matched: 3, unresolved: 1, groups: 20 });
    const fed = view.schools.find((s: { status: string }) => s.status === 'unmatched');
    expect(fed.name).toMatch(/УФСИН/);
    expect(
      view.problems.some(
        (p: { key: string; message: string }) =>
          p.key === 'results.schoolUnmatched' && /УФСИН/.test(p.message),
      ),
    ).toBe(true);
    expect(
      view.problems.some(
        (p: { sheet: string; key: string }) => p.sheet === '2024' && p.key === 'results.noResultColumns',
      ),
    ).toBe(true);
    expect(await current()).toEqual([]);

    const rows = await region.call('GET', `/api/results/imports/${id}/rows?pageSize=100`);
    expect(rows.json().total).toBe(20);

    const refused = await region.call('POST', `/api/results/imports/${id}/commit`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/Ничего не записано/);
    expect(refused.json().details[0]).toMatchObject({ key: 'results.schoolUnmatched', sheet: '2023' });
    expect(await current()).toEqual([]);

    const resolved = await region.call('POST', `/api/results/imports/${id}/resolve`, {
      decisions: [{ key: fed.key, exclude: true }],
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ canCommit: true, counts: { excluded: 1, unresolved: 0 } });

    const commit = await region.call('POST', `/api/results/imports/${id}/commit`);
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json()).toMatchObject({ inserted: 18, replaced: 0, unchanged: 0, excluded: 1 });
    const rowsNow = await current();
    expect(rowsNow).toHaveLength(18);
    const a1ru2023 = rowsNow.find(
      (r) => r.school_id === world.schools.a1 && r.subject === 'ru' && r.year === 2023,
    )!;
    expect(a1ru2023).toMatchObject({ participants: 10, below_min: 0, mean_score: 56.5 });
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'entity'])
      .where('entity', '=', 'result_import')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['upload', 'resolve', 'import']));
  });

  it('the same file twice changes nothing, and the exclusion is remembered', async () => {
    const before = await current();
    const res = await upload(region, file);
    const { id, view } = res.json();
    expect(view.duplicateOf).toBe(firstId);
    expect(view.problems[0].key).toBe('results.duplicateFile');
    expect(view.schools.find((s: { name: string }) => /УФСИН/.test(s.name)).status).toBe('excluded');
    expect(view.canCommit).toBe(true);
    const commit = await region.call('POST', `/api/results/imports/${id}/commit`);
    expect(commit.json()).toMatchObject({ inserted: 0, replaced: 0, unchanged: 18 });
    expect(await current()).toEqual(before);
  });

  let correctionId = 0;
  it('a corrected file replaces the figures of its procedure, year and schools; roll-back restores them', async () => {
    const before = await current();
    const corrected = {
      name: 'ЕГЭ исправленный.xlsx',
      data: await egeReportXlsx(schools, [2023], (y, i, k) =>
        i === 0 && k === 0 ? { ...fig()(y, i, k)!, participants: 12, mean: 70 } : fig()(y, i, k),
      ),
    };
    const { id } = (await upload(region, corrected)).json();
    correctionId = id;
    const outcomes = async () => {
      const rows = await region.call('GET', `/api/results/imports/${id}/rows?pageSize=100`);
      const items = rows.json().items as Array<{
        outcome: string | null;
        participants: number;
        status: string;
      }>;
      return items.filter((r) => r.status !== 'excluded').map((r) => `${r.participants}:${r.outcome}`);
    };
    expect((await outcomes()).every((o) => o.endsWith(':null'))).toBe(true);
    const commit = await region.call('POST', `/api/results/imports/${id}/commit`);
    expect(commit.json()).toMatchObject({ inserted: 1, replaced: 1, unchanged: 8 });
    // the changed group reads as new once committed, the others as unchanged (excluded schools aside)
    const after1 = await outcomes();
    expect(after1.filter((o) => o.endsWith(':new'))).toEqual(['12:new']);
    expect(after1.filter((o) => o.endsWith(':unchanged'))).toHaveLength(8);
    const after = await current();
    expect(
      after.find((r) => r.school_id === world.schools.a1 && r.subject === 'ru' && r.year === 2023),
    ).toMatchObject({
      participants: 12,
      mean_score: 70,
      import_id: id,
    });
    expect(after.filter((r) => r.year === 2022)).toEqual(before.filter((r) => r.year === 2022));

    const rb = await region.call('POST', `/api/results/imports/${id}/rollback`);
    expect(rb.json()).toMatchObject({ status: 'rolled_back', removed: 1, restored: 1 });
    expect(await outcomes()).toEqual(after1); // what the commit did stays readable
    expect(await current()).toEqual(before);
    expect((await region.call('POST', `/api/results/imports/${id}/rollback`)).statusCode).toBe(409);
  });

  it('rolling back the first import removes its rows', async () => {
    const rb = await region.call('POST', `/api/results/imports/${firstId}/rollback`);
    expect(rb.json()).toMatchObject({ removed: 18 });
    expect(await current()).toEqual([]);
    const history = (await region.call('GET', '/api/results/imports')).json();
    expect(history.items.map((i: { id: number; status: string }) => [i.id, i.status])).toEqual(
      expect.arrayContaining([
        [firstId, 'rolled_back'],
        [correctionId, 'rolled_back'],
      ]),
    );
    // the muni coordinator sees only their own imports
    expect((await muni.call('GET', '/api/results/imports')).json().total).toBe(0);
  });
});

describe('matching and review', () => {
  it("refuses to commit two of the file's schools chosen as one school, naming both", async () => {
    const list = [
      { municipality: 'Альфинский район', name: 'МБОУ Петровская СОШ' },
      { municipality: 'Альфинский район', name: 'Петровская школа (филиал)' },
    ];
    const data = nationalTestCsv('inline', 2017, list, () => ({ participants: 14, mean: 40 }));
    const up = (
      await upload(region, { name: 'diag-2017.csv', data }, { procedure: 'REGIONAL', grade: 7 })
    ).json();
    const branch = up.view.schools.find((k: { name: string }) => /филиал/.test(k.name));
    await region.call('POST', `/api/results/imports/${up.id}/resolve`, {
      decisions: [{ key: branch.key, schoolId: world.schools.a2 }],
    });
    const before = await current();
    const refused = await region.call('POST', `/api/results/imports/${up.id}/commit`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details[0]).toMatchObject({ key: 'results.duplicateSchool' });
    expect(refused.json().details[0].message).toMatch(/Петровская школа \(филиал\)/);
    expect(await current()).toEqual(before);
    await region.call('POST', `/api/results/imports/${up.id}/discard`);
  });

  it('suggests candidates for an unmatched name, remembers the choice for the next file', async () => {
    const list = [{ municipality: 'Альфинский район', name: 'Петровская школа' }];
    const file = (y: number) => ({
      name: `diag-${y}.csv`,
      data: nationalTestCsv('inline', y, list, () => ({ participants: 14, mean: 40 })),
    });
    const first = (await upload(region, file(2018), { procedure: 'REGIONAL', grade: 7 })).json();
    const key = first.view.schools[0];
    expect(key.status).toBe('unmatched');
    expect(key.candidates[0]).toMatchObject({ schoolId: world.schools.a2 });
    const bad = await region.call('POST', `/api/results/imports/${first.id}/resolve`, {
      decisions: [{ key: key.key, schoolId: 999999 }],
    });
    expect(bad.statusCode).toBe(400);
    await region.call('POST', `/api/results/imports/${first.id}/resolve`, {
      decisions: [{ key: key.key, schoolId: world.schools.a2 }],
    });
    expect((await region.call('POST', `/api/results/imports/${first.id}/commit`)).json()).toMatchObject({
      inserted: 2,
    });

    const second = (await upload(region, file(2019), { procedure: 'REGIONAL', grade: 7 })).json();
    expect(second.view.schools[0]).toMatchObject({ status: 'memory', schoolId: world.schools.a2 });
    expect(second.view.canCommit).toBe(true);
    await region.call('POST', `/api/results/imports/${second.id}/discard`);
    expect((await region.call('GET', `/api/results/imports/${second.id}`)).json().status).toBe('discarded');
  });

  it('a municipal coordinator imports only their schools', async () => {
    const list = [
      { municipality: 'Альфинский район', name: 'СОШ № 1 с. Ивановка', code: 'A-1' },
      { municipality: 'город Бетинск', name: 'СОШ № 5 г. Бетинска', code: 'B-1' },
    ];
    const res = await upload(
      muni,
      { name: 'diag.csv', data: nationalTestCsv('above', 2023, list, () => ({ participants: 9, mean: 50 })) },
      { procedure: 'REGIONAL', grade: 7 },
    );
    const { id, view } = res.json();
    expect(view.schools.map((s: { status: string }) => s.status)).toEqual(['code', 'forbidden']);
    expect(
      (
        await muni.call('POST', `/api/results/imports/${id}/resolve`, {
          decisions: [{ key: 2, schoolId: world.schools.b1 }],
        })
      ).statusCode,
    ).toBe(400);
    await muni.call('POST', `/api/results/imports/${id}/resolve`, { decisions: [{ key: 2, exclude: true }] });
    expect((await muni.call('POST', `/api/results/imports/${id}/commit`)).json()).toMatchObject({
      inserted: 2,
      excluded: 1,
    });
    // the region may see and roll back the municipality's import; another municipality may not
    expect((await region.call('GET', `/api/results/imports/${id}`)).statusCode).toBe(200);
    const other = await signIn(app, 'muni_b');
    expect((await other.call('GET', `/api/results/imports/${id}`)).statusCode).toBe(404);
    await muni.call('POST', `/api/results/imports/${id}/rollback`);
  });
});

describe('other shapes and paths', () => {
  it('imports student-level records and derives the aggregates', async () => {
    const rows = ['S1', 'S2', 'S3', 'S4'].map((s, i) => ({
      schoolCode: 'A-1',
      student: s,
      className: '4А',
      subject: 'Русский язык',
      primary: 10 + i * 5,
      mark: 2 + i,
      journal: 4,
    }));
    const res = await upload(
      region,
      { name: 'vpr-4-ru-2024.csv', data: studentCsv(rows) },
      { procedure: 'VPR', year: 2024 },
    );
    const { id, view } = res.json();
    expect(view).toMatchObject({ kind: 'student', canCommit: true, counts: { students: 4, groups: 1 } });
    expect((await region.call('POST', `/api/results/imports/${id}/commit`)).json()).toMatchObject({
      inserted: 1,
    });
    const agg = await database.db
      .selectFrom('result_aggregate')
      .selectAll()
      .where('import_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(agg).toMatchObject({
      school_id: world.schools.a1,
      procedure: 'VPR',
      grade: 4,
      participants: 4,
      below_min: 1,
      mark2: 1,
      mark5: 1,
      from_students: true,
    });
    const students = await database.db
      .selectFrom('result_student')
      .select(['student_key', 'school_id'])
      .where('import_id', '=', id)
      .execute();
    expect(students).toHaveLength(4);
    expect(students.every((s) => s.school_id === world.schools.a1)).toBe(true);
    // re-importing the same students in another order changes nothing
    const again = (
      await upload(
        region,
        { name: 'vpr-again.csv', data: studentCsv([...rows].reverse()) },
        { procedure: 'VPR', year: 2024 },
      )
    ).json();
    expect((await region.call('POST', `/api/results/imports/${again.id}/commit`)).json()).toMatchObject({
      inserted: 0,
      unchanged: 1,
    });
    expect(
      await database.db
        .selectFrom('result_student')
        .select('import_id')
        .where('import_id', '=', again.id)
        .execute(),
    ).toEqual([]);
  });

  it('stages what the sequential reading stages when parse workers read a large student list', async () => {
    const codes = ['A-1', 'A-2', 'B-1', 'X-404'];
    const rows = Array.from({ length: 900 }, (_, i) => ({
      schoolCode: codes[i % 4]!,
      student: `P${i}`,
      className: i % 97 === 0 ? 'Кружок' : `${5 + (i % 3)}В`,
      subject: i % 2 ? 'Математика' : 'Русский язык',
      primary: 5 + (i % 20),
      mark: i % 101 === 0 ? null : 2 + (i % 4),
      journal: 3,
    }));
    const data = studentCsv(rows);
    const source = {
      size: data.length,
      async *open() {
        for (let i = 0; i < data.length; i += 500) yield data.subarray(i, i + 500);
      },
    };
    const p = { ...SYSTEM, id: world.users.region!.id, login: 'region' };
    const staged = async (parseWorkers: number) => {
      const service = resultsImportService(database, {
        parseWorkers,
        parallelMinBytes: 0,
        parseChunkBytes: 2048,
      });
      const id = await service.importSource(p, 'vpr-list.csv', source, { procedure: 'VPR', year: 2024 });
      const view = await service.view(p, id, 'ru');
      const groups = await database.db
        .selectFrom('result_import_group')
        .select([
          'school_key',
          'subject',
          'grade',
          'participants',
          'below_min',
          'mark2',
          'mean_score',
          'digest',
          'row',
        ])
        .where('import_id', '=', id)
        .orderBy('school_key')
        .orderBy('subject')
        .orderBy('grade')
        .execute();
      const students = await database.db
        .selectFrom('result_student')
        .select(['school_key', 'school_id', 'student_key', 'class_name', 'grade', 'primary_score', 'mark'])
        .where('import_id', '=', id)
        .orderBy('student_key')
        .execute();
      await service.discard(p, id);
      return {
        counts: view.counts,
        problems: view.problems.map((x) => [x.row, x.key, x.schoolKey]),
        schools: view.schools.map((k) => [k.key, k.status, k.rows]),
        groups,
        students: students.map((s) => ({ ...s, primary_score: Number(s.primary_score) })),
      };
    };
    const parallel = await staged(2);
    expect(parallel.counts).toMatchObject({ students: 890, groups: 12 });
    expect(parallel.problems.length).toBeGreaterThan(0);
    expect(parallel).toEqual(await staged(1));
  });

  it('parses a large file as a background job with progress', async () => {
    const service = resultsImportService(database, { syncMaxBytes: 0 });
    const p = { ...SYSTEM, id: world.users.region!.id, login: 'region' };
    const data = nationalTestCsv(
      'below',
      2021,
      [{ municipality: 'Альфинский район', name: 'СОШ № 1 с. Ивановка', code: 'A-1' }],
      () => ({ participants: 5, mean: 44 }),
    );
    async function* stream() {
      yield data;
    }
    const { id, jobId } = await service.upload(p, 'big.csv', stream(), {
      procedure: 'REGIONAL',
      grade: 7,
      year: 2021,
    });
    expect(jobId).not.toBeNull();
    expect((await region.call('GET', `/api/results/imports/${id}`)).json().status).toBe('parsing');
    expect(await runPendingJobs(database, service.jobHandlers())).toBe(1);
    const job = (await region.call('GET', `/api/jobs/${jobId}`)).json();
    expect(job).toMatchObject({ status: 'done', progress: 1, result: { importId: id, groups: 2 } });
    expect((await region.call('GET', `/api/results/imports/${id}`)).json()).toMatchObject({
      status: 'parsed',
      canCommit: true,
    });
  });

  it('re-parses with a subject chosen for an unknown header and saves the options as a template', async () => {
    const csv = 'ОО;Код;Астрономия;\n;;участников;средний балл\nСОШ № 1;A-1;7;51\n';
    const first = (
      await upload(region, { name: 'astro.csv', data: Buffer.from(csv) }, { procedure: 'EGE', year: 2023 })
    ).json();
    expect(first.view.problems.map((p: { key: string }) => p.key)).toContain('results.noKnownSubject');
    expect(first.view.canCommit).toBe(false);
    const label = 'астрономия';
    const re = await region.call('POST', `/api/results/imports/${first.id}/reparse`, {
      procedure: 'EGE',
      year: 2023,
      subjects: { [label]: 'social' },
    });
    expect(re.statusCode, re.body).toBe(200);
    const view = (await region.call('GET', `/api/results/imports/${first.id}`)).json();
    expect(view).toMatchObject({ canCommit: true, counts: { groups: 1 } });
    const t = await region.call('POST', '/api/results/templates', {
      name: 'Астрономия как обществознание',
      importId: first.id,
    });
    expect(t.statusCode, t.body).toBe(201);
    // a file of the same format is parsed with the template
    const next = (
      await upload(
        region,
        { name: 'astro-2024.csv', data: Buffer.from(csv.replace('51', '53')) },
        { year: 2024 },
      )
    ).json();
    expect(next.view).toMatchObject({ templateId: t.json().id, canCommit: true });
    expect((await region.call('GET', '/api/results/templates')).json()).toHaveLength(1);
    expect((await region.call('DELETE', `/api/results/templates/${t.json().id}`)).statusCode).toBe(200);
  });

  it('refuses unreadable files and bad options with a Russian message', async () => {
    const res = await upload(region, {
      name: 'old.xls',
      data: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2]),
    });
    expect(res.json().view.problems[0]).toMatchObject({
      key: 'table.legacyXls',
      message: expect.stringMatching(/\.xlsx/),
    });
    const bad = await upload(
      region,
      { name: 'x.csv', data: Buffer.from('a;b\n1;2\n') },
      { procedure: 'NOPE' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/NOPE/);
  });
});
