import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { testDatabase } from '../../test/db.js';
import { buildWorld, signIn, testApp, type Client, type World } from '../../test/fixtures.js';
import type { Database } from '../../platform/db/index.js';
import type { App } from '../../platform/http/context.js';
import { upload } from './http-testing.js';

let database: Database;
let app: App;
let world: World;
let region: Client;
let team: Client;

const csv = (year: number, rows: Array<[string, number, number, number]>) =>
  Buffer.from(
    [
      'ОО;Код ОО;Предмет;Приняли участие;Не набрали минимальный балл;Средний балл',
      ...rows.map((r) => `${r[0]};${r[0]};Русский язык;${r[1]};${r[2]};${String(r[3]).replace('.', ',')}`),
    ].join('\n'),
  );

beforeAll(async () => {
  database = await testDatabase();
  world = await buildWorld(database);
  app = await testApp(database);
  region = await signIn(app, 'region');
  team = await signIn(app, 'team');
  for (const [year, rows] of [
    [
      2023,
      [
        ['A-1', 10, 5, 40],
        ['A-2', 30, 3, 60],
        ['B-1', 60, 0, 70],
      ],
    ],
    [
      2024,
      [
        ['A-1', 12, 3, 45],
        ['A-2', 28, 2, 62],
        ['B-1', 58, 1, 71],
      ],
    ],
  ] as const) {
    const res = await upload(
      region,
      { name: `ege-ru-${year}.csv`, data: csv(year, rows as never) },
      { procedure: 'EGE', year },
    );
    const { id, view } = res.json();
    expect(view.canCommit, JSON.stringify(view.problems)).toBe(true);
    expect((await region.call('POST', `/api/results/imports/${id}/commit`)).statusCode).toBe(200);
  }
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('results of a school beside its municipality and the region', () => {
  it('sums counts for the municipality and the region (never averages percentages)', async () => {
    const res = await team.call('GET', `/api/results/schools/${world.schools.a1}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.school).toMatchObject({ id: world.schools.a1, code: 'A-1' });
    expect(body.series).toHaveLength(1);
    const s = body.series[0];
    expect(s).toMatchObject({
      procedure: 'EGE',
      procedureName: 'ЕГЭ',
      subject: 'ru',
      subjectName: 'Русский язык',
      grade: 11,
    });
    const p2023 = s.points.find((p: { year: number }) => p.year === 2023);
    expect(p2023.school).toMatchObject({ participants: 10, belowMin: 5, belowMinShare: 50, meanScore: 40 });
    // municipality A: (5 + 3) / (10 + 30) = 20 %, not (50 % + 10 %) / 2
    expect(p2023.municipality).toMatchObject({
      schools: 2,
      participants: 40,
      belowMin: 8,
      belowMinShare: 20,
      meanScore: 55,
    });
    expect(p2023.region).toMatchObject({
      schools: 3,
      participants: 100,
      belowMin: 8,
      belowMinShare: 8,
      meanScore: 64,
    });
    expect(s.points.map((p: { year: number }) => p.year)).toEqual([2023, 2024]);
  });

  it('is readable only within the school scope', async () => {
    expect((await team.call('GET', `/api/results/schools/${world.schools.b1}`)).statusCode).toBe(404);
    expect((await region.call('GET', `/api/results/schools/${world.schools.b1}`)).statusCode).toBe(200);
  });

  it('exports the school table to XLSX', async () => {
    const res = await team.call('GET', `/api/results/schools/${world.schools.a1}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Результаты ОО');
    const header = ws.getRow(3).values as unknown[];
    expect(header).toEqual(expect.arrayContaining(['Процедура', 'Год', 'Доля ниже минимума, %']));
    const values = ws.getRow(4).values as unknown[];
    expect(values).toEqual(expect.arrayContaining(['ЕГЭ', 'Русский язык', 2023, 50, 20, 8]));
  });
});

describe('summaries', () => {
  const q = '/api/results/summary?procedure=EGE&subject=ru&grade=11&year=2023';
  it('lists schools sorted, with municipality and region totals', async () => {
    const res = await region.call('GET', `${q}&sort=belowMinShare&order=desc`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items.map((i: { code: string }) => i.code)).toEqual(['A-1', 'A-2', 'B-1']);
    expect(body.region).toMatchObject({ participants: 100, belowMinShare: 8 });
    expect(
      body.municipalities.map((m: { municipalityId: number; belowMinShare: number }) => [
        m.municipalityId,
        m.belowMinShare,
      ]),
    ).toEqual([
      [world.municipalities.a, 20],
      [world.municipalities.b, 0],
    ]);
    const asc = (await region.call('GET', `${q}&sort=meanScore&order=asc`)).json();
    expect(asc.items.map((i: { meanScore: number }) => i.meanScore)).toEqual([40, 60, 70]);
    const muniOnly = (await region.call('GET', `${q}&municipalityId=${world.municipalities.a}`)).json();
    expect(muniOnly.total).toBe(2);
    expect(muniOnly.municipality).toMatchObject({ belowMinShare: 20 });
  });

  it('shows per-school rows only within the scope, totals for all', async () => {
    const body = (await team.call('GET', q)).json();
    expect(body.items.map((i: { schoolId: number }) => i.schoolId)).toEqual([world.schools.a1]);
    expect(body.region.participants).toBe(100);
  });

  it('exports the summary and lists the datasets', async () => {
    const res = await region.call(
      'GET',
      `/api/results/summary/export?procedure=EGE&subject=ru&grade=11&year=2024`,
    );
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    expect(wb.worksheets[0]!.rowCount).toBeGreaterThan(6);
    const ds = (await team.call('GET', '/api/results/datasets')).json();
    expect(ds).toEqual([
      expect.objectContaining({
        procedure: 'EGE',
        subject: 'ru',
        grade: 11,
        year: 2023,
        schools: 3,
        participants: 100,
      }),
      expect.objectContaining({ year: 2024, schools: 3 }),
    ]);
  });
});

describe('thresholds and subjects', () => {
  it('the region edits thresholds and subjects; others may only read', async () => {
    const list = (await team.call('GET', '/api/results/thresholds')).json();
    expect(
      list.find((t: { procedure: string; subject: string }) => t.procedure === 'EGE' && t.subject === 'ru'),
    ).toMatchObject({ minValue: 24, kind: 'score' });
    const put = await region.call('PUT', '/api/results/thresholds', {
      procedure: 'EGE',
      subject: 'ru',
      year: 2025,
      kind: 'score',
      minValue: 25,
      note: 'проверка',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(
      (
        await team.call('PUT', '/api/results/thresholds', {
          procedure: 'EGE',
          subject: 'ru',
          year: 2025,
          kind: 'score',
          minValue: 1,
        })
      ).statusCode,
    ).toBe(403);
    const subj = await region.call('PUT', '/api/results/subjects/astronomy', {
      name: 'Астрономия',
      synonyms: ['Астрономия', 'астр.'],
    });
    expect(subj.json()).toMatchObject({
      code: 'astronomy',
      synonyms: ['астрономия', 'астр'],
      builtin: false,
    });
    const bad = await region.call('PUT', '/api/results/thresholds', {
      procedure: 'EGE',
      subject: 'nope',
      kind: 'score',
      minValue: 1,
    });
    expect(bad.statusCode).toBe(400);
  });
});
