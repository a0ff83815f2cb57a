import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { testDatabase } from '../../test/db.js';
import { buildWorld, signIn, testApp, type Client, type World } from '../../test/fixtures.js';
import type { Database } from '../../platform/db/index.js';
import type { App } from '../../platform/http/context.js';
import { insertResults } from '../identification/testing.js';
import { indicatorsService } from './service.js';
import { expectConflict } from '../../test/conflict.js';

/**
 * Target indicators over HTTP on both storages: catalogue indicators added to a programme, computed
 * from results against hand-computed figures, rolled up by summing numerators and denominators,
 * manual values with a source, validation, versions, scope of the drill-down, the XLSX export.
 *
 * The data: a regional programme over a1, a2 (municipality A) and b1 (B). ОГЭ below-minimum counts:
 *   a1: ru 5/20 → 2/20, math 6/20 → 3/20 (both decreased: positive dynamics)
 *   a2: ru 1/10 → 3/10, math 2/10 → 1/10 (Russian rose: not positive when all subjects must fall)
 *   b1: only 2024 (no data for the dynamics), ru 4/40, math 8/40
 */
let database: Database;
let app: App;
let world: World;
let region: Client;
let muni: Client;
let team: Client;
let programmeId: number;
let emptyProgrammeId: number;

type Table = {
  years: number[];
  canEdit: boolean;
  indicators: Array<{
    id: number;
    code: string | null;
    name: string;
    unit: string;
    version: number;
    targets: Array<{ year: number; value: number }>;
    values: Array<{
      year: number;
      value: number | null;
      numerator: number | null;
      denominator: number | null;
      counted: number;
      missing: number;
      noData: { message: string } | null;
      method: string;
      source: string | null;
      fingerprint: string | null;
      achievement: string;
      target: number | null;
      version: number;
    }>;
  }>;
};

async function table(c: Client = region, id = programmeId): Promise<Table> {
  const r = await c.call('GET', `/api/programmes/${id}/indicators`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Table;
}
async function add(body: unknown, id = programmeId) {
  const r = await region.call('POST', `/api/programmes/${id}/indicators`, body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as Table['indicators'][number];
}

beforeAll(async () => {
  database = await testDatabase();
  world = await buildWorld(database);
  app = await testApp(database);
  region = await signIn(app, 'region');
  muni = await signIn(app, 'muni');
  team = await signIn(app, 'team');
  const { db } = database;
  const prog = (name: string) =>
    db
      .insertInto('programme')
      .values({
        level: 'region',
        status: 'in_progress',
        name,
        tasks: '[]',
        stages: '[]',
        period_from: '2023-09-01',
        period_to: '2026-08-31',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  programmeId = (await prog('Региональная программа')).id;
  emptyProgrammeId = (await prog('Программа без школ')).id;
  await db
    .insertInto('programme_target_school')
    .values(
      [world.schools.a1, world.schools.a2, world.schools.b1].map((s) => ({
        programme_id: programmeId,
        school_id: s,
      })),
    )
    .execute();
  const { a1, a2, b1 } = world.schools;
  const r = (schoolId: number, subject: string, year: number, participants: number, belowMin: number) => ({
    schoolId,
    procedure: 'OGE',
    subject,
    grade: 9,
    year,
    participants,
    belowMin,
  });
  await insertResults(database, [
    r(a1, 'ru', 2023, 20, 5),
    r(a1, 'ru', 2024, 20, 2),
    r(a1, 'math', 2023, 20, 6),
    r(a1, 'math', 2024, 20, 3),
    r(a2, 'ru', 2023, 10, 1),
    r(a2, 'ru', 2024, 10, 3),
    r(a2, 'math', 2023, 10, 2),
    r(a2, 'math', 2024, 10, 1),
    r(b1, 'ru', 2024, 40, 4),
    r(b1, 'math', 2024, 40, 8),
  ]);
  await db.updateTable('school').set({ internet_mbps: 10 }).where('id', '=', a1).execute();
  await db.updateTable('school').set({ internet_mbps: 0.5 }).where('id', '=', a2).execute();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('catalogue', () => {
  it('is preloaded with computed and manual indicators, and lists the calculations and fields', async () => {
    const r = await region.call('GET', '/api/indicators/catalogue');
    expect(r.statusCode).toBe(200);
    const c = r.json() as {
      definitions: Array<{ code: string; method: string; dataNote: string | null; builtin: boolean }>;
      calculations: Array<{ name: string; title: string }>;
      fields: Array<{ field: string }>;
    };
    const codes = c.definitions.map((d) => d.code);
    expect(codes).toEqual(
      expect.arrayContaining(['oge_positive_dynamics', 'teachers_qualification', 'internet_1mbps']),
    );
    const manual = c.definitions.find((d) => d.code === 'teachers_qualification')!;
    expect(manual.method).toBe('manual');
    expect(manual.dataNote).toBeTruthy();
    expect(c.calculations.map((x) => x.name)).toContain('field_share');
    expect(c.calculations.every((x) => x.title && !x.title.startsWith('indicators.'))).toBe(true);
    expect(c.fields.map((f) => f.field)).toContain('internet_mbps');
  });

  it('lets the region define its own share, refusing bad parameters with the field named', async () => {
    const bad = await region.call('POST', '/api/indicators/catalogue', {
      code: 'own_psychologists',
      name: 'Доля школ с педагогом-психологом',
      unit: 'percent',
      method: 'computed',
      calculation: 'field_share',
      params: { kind: 'schools', condition: { field: 'no_such_field', op: '>', value: 0 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/params/);
    const ok = await region.call('POST', '/api/indicators/catalogue', {
      code: 'own_psychologists',
      name: 'Доля школ с педагогом-психологом',
      unit: 'percent',
      method: 'computed',
      calculation: 'field_share',
      params: { kind: 'schools', condition: { field: 'psychologists', op: '>', value: 0 } },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(
      (
        await muni.call('POST', '/api/indicators/catalogue', {
          code: 'x_muni',
          name: 'x',
          unit: 'count',
          method: 'manual',
        })
      ).statusCode,
    ).toBe(403);
    const stale = await region.call('PATCH', '/api/indicators/catalogue/own_psychologists', {
      version: 0,
      name: 'Другое',
    });
    expectConflict(stale, 'Пользователь region');
    const renamed = await region.call('PATCH', '/api/indicators/catalogue/own_psychologists', {
      version: 1,
      name: 'Доля школ с психологом',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Доля школ с психологом', version: 2, uses: 0 });
    const badParams = await region.call('PATCH', '/api/indicators/catalogue/own_psychologists', {
      version: 2,
      params: { kind: 'schools', condition: { field: 'psychologists', op: '~', value: 0 } },
    });
    expect(badParams.statusCode).toBe(400);
    expect((badParams.json() as { details: Array<{ field: string }> }).details[0]!.field).toMatch(
      /^params\.condition/,
    );
    expect((await region.call('DELETE', '/api/indicators/catalogue/oge_positive_dynamics')).statusCode).toBe(
      409,
    );
    expect((await region.call('DELETE', '/api/indicators/catalogue/own_psychologists')).statusCode).toBe(200);
  });
});

describe('computed indicators', () => {
  it('positive dynamics on ОГЭ: one of two schools with data, b1 without data (not a zero)', async () => {
    const ind = await add({
      code: 'oge_positive_dynamics',
      baseline: 40,
      baselineYear: 2023,
      targets: [
        { year: 2024, value: 45 },
        { year: 2025, value: 60 },
      ],
    });
    const r = await region.call('POST', `/api/indicators/${ind.id}/compute`, { year: 2024 });
    expect(r.statusCode, r.body).toBe(200);
    const v = (await table()).indicators.find((x) => x.id === ind.id)!.values.find((x) => x.year === 2024)!;
    expect(v).toMatchObject({
      value: 50,
      numerator: 1,
      denominator: 2,
      counted: 2,
      missing: 1,
      method: 'computed',
      target: 45,
    });
    expect(v.achievement).toBe('achieved');
    expect(v.fingerprint).toMatch(/^[0-9a-f]{16,}$/);

    const b = await region.call('GET', `/api/indicators/${ind.id}/values/2024/breakdown`);
    expect(b.statusCode, b.body).toBe(200);
    const body = b.json() as {
      municipalities: Array<{
        municipalityId: number;
        numerator: number;
        denominator: number;
        value: number | null;
        noData: unknown;
      }>;
      schools: {
        total: number;
        items: Array<{ schoolId: number; value: number | null; noData: { message: string } | null }>;
      };
    };
    const a = body.municipalities.find((m) => m.municipalityId === world.municipalities.a)!;
    expect(a).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    const bm = body.municipalities.find((m) => m.municipalityId === world.municipalities.b)!;
    expect(bm.value).toBeNull();
    expect(bm.noData).not.toBeNull();
    // the sum of the parts is the whole
    expect(body.municipalities.reduce((s, m) => s + m.numerator, 0)).toBe(1);
    expect(body.municipalities.reduce((s, m) => s + m.denominator, 0)).toBe(2);
    expect(body.schools.total).toBe(3);
    const b1 = body.schools.items.find((s) => s.schoolId === world.schools.b1)!;
    expect(b1.value).toBeNull();
    expect(b1.noData!.message).toMatch(/2023/);

    const basis = await region.call(
      'GET',
      `/api/indicators/${ind.id}/values/2024/basis?schoolId=${world.schools.a1}`,
    );
    expect(basis.statusCode, basis.body).toBe(200);
    const recs = (basis.json() as { basis: Array<{ label: string; figures: Record<string, unknown> }> })
      .basis;
    expect(recs.length).toBeGreaterThanOrEqual(4);
    expect(recs.map((x) => x.label).join(' ')).toMatch(/ОГЭ/);
    expect(recs[0]!.label).toBe('ОГЭ, русский язык, все классы, 2023');
    expect(b1.noData).toMatchObject({
      key: 'indicators.noData.noResultsYear',
      params: { procedure: 'ОГЭ', subject: 'русский язык', year: 2023 },
      message: 'Нет результатов ОГЭ по предмету «русский язык» за 2023 г.',
    });

    // the English screen: reasons, their params and the basis labels in the reader's language
    const en = (
      await region.call('GET', `/api/indicators/${ind.id}/values/2024/breakdown?lang=en`)
    ).json() as {
      municipalities: Array<{ municipalityId: number; noData: { message: string } | null }>;
      schools: { items: Array<{ schoolId: number; noData: { params: unknown; message: string } | null }> };
    };
    const enB1 = en.schools.items.find((s) => s.schoolId === world.schools.b1)!;
    expect(enB1.noData).toMatchObject({
      key: 'indicators.noData.noResultsYear',
      params: { procedure: 'OGE', subject: 'Russian', year: 2023 },
      message: 'No OGE results in "Russian" for 2023.',
    });
    expect(en.municipalities.find((m) => m.municipalityId === world.municipalities.b)!.noData!.message).toBe(
      'No OGE results in "Russian" for 2023.',
    );
    const enBasis = await region.call(
      'GET',
      `/api/indicators/${ind.id}/values/2024/basis?schoolId=${world.schools.a1}&lang=en`,
    );
    expect(enBasis.statusCode, enBasis.body).toBe(200);
    const enLabels = (enBasis.json() as { basis: Array<{ label: string }> }).basis.map((x) => x.label);
    expect(enLabels[0]).toBe('OGE, Russian, all grades, 2023');
    expect(enLabels.join(' ')).not.toMatch(/[а-яё]/i);
  });

  it('the share of students below the minimum sums counts: never the mean of school percentages', async () => {
    const ind = await add({ code: 'oge_below_min_share', targets: [{ year: 2024, value: 5 }] });
    await region.call('POST', `/api/indicators/${ind.id}/compute`, { year: 2024 });
    const v = (await table()).indicators.find((x) => x.id === ind.id)!.values[0]!;
    // (2+3) + (3+1) + (4+8) = 21 below of 40 + 20 + 80 = 140 → 15 %
    expect(v).toMatchObject({ numerator: 21, denominator: 140, value: 15 });
    // schools: 12.5 %, 20 %, 15 %: their mean would be 15.83…; municipality A: 9/60 = 15 %
    expect(v.value).not.toBeCloseTo((12.5 + 20 + 15) / 3, 1);
    // lower is better: 15 against a target of 5 is not achieved (outside the close band)
    expect(v.achievement).toBe('not_achieved');
    const b = (await region.call('GET', `/api/indicators/${ind.id}/values/2024/breakdown`)).json() as {
      municipalities: Array<{ municipalityId: number; numerator: number; denominator: number }>;
    };
    expect(b.municipalities.find((m) => m.municipalityId === world.municipalities.a)).toMatchObject({
      numerator: 9,
      denominator: 60,
    });
  });

  it('a registry share: schools with internet of at least 1 Мбит/с; unknown speed is no data', async () => {
    const ind = await add({ code: 'internet_1mbps' });
    const r = await region.call('POST', `/api/programmes/${programmeId}/indicators/compute`, { year: 2024 });
    expect(r.statusCode, r.body).toBe(200);
    const v = (await table()).indicators.find((x) => x.id === ind.id)!.values[0]!;
    expect(v).toMatchObject({ numerator: 1, denominator: 2, value: 50, missing: 1 });
  });

  it('an approved-list indicator without an approved list is no data with the reason', async () => {
    const ind = await add({ code: 'no_longer_flagged' });
    await region.call('POST', `/api/indicators/${ind.id}/compute`, { year: 2024 });
    const v = (await table()).indicators.find((x) => x.id === ind.id)!.values[0]!;
    expect(v.value).toBeNull();
    expect(v.noData!.message.length).toBeGreaterThan(10);
    expect(v.achievement).toBe('no_data');
  });

  it('a programme without schools gets «нет данных», not zero', async () => {
    const ind = await add({ code: 'oge_below_min_share' }, emptyProgrammeId);
    await region.call('POST', `/api/indicators/${ind.id}/compute`, { year: 2024 });
    const v = (await table(region, emptyProgrammeId)).indicators[0]!.values[0]!;
    expect(v.value).toBeNull();
    expect(v.noData!.message).toMatch(/школ/i);
    const en = (
      await region.call('GET', `/api/programmes/${emptyProgrammeId}/indicators?lang=en`)
    ).json() as Table;
    expect(en.indicators[0]!.values[0]!.noData!.message).toBe(
      'The programme has no schools to compute the indicator over.',
    );
  });

  it('recomputing unchanged data keeps the fingerprint; changed data changes it', async () => {
    const ind = (await table()).indicators.find((x) => x.code === 'oge_below_min_share')!;
    const before = ind.values[0]!.fingerprint;
    await region.call('POST', `/api/indicators/${ind.id}/compute`, { year: 2024 });
    expect((await table()).indicators.find((x) => x.id === ind.id)!.values[0]!.fingerprint).toBe(before);
    await database.db
      .updateTable('result_aggregate')
      .set({ below_min: 2 })
      .where('school_id', '=', world.schools.b1)
      .where('subject', '=', 'ru')
      .execute();
    // the records shown for b1 are computed from today's data: they say the stored figure is stale
    const stale = await region.call(
      'GET',
      `/api/indicators/${ind.id}/values/2024/basis?schoolId=${world.schools.b1}`,
    );
    expect(stale.json()).toMatchObject({ numerator: 12, changed: true });
    await region.call('POST', `/api/indicators/${ind.id}/compute`, { year: 2024 });
    const fresh = await region.call(
      'GET',
      `/api/indicators/${ind.id}/values/2024/basis?schoolId=${world.schools.b1}`,
    );
    expect(fresh.json()).toMatchObject({ numerator: 10, changed: false });
    const after = (await table()).indicators.find((x) => x.id === ind.id)!.values[0]!;
    expect(after.fingerprint).not.toBe(before);
    expect(after.numerator).toBe(19);
  });

  it('the command line computes every programme with computed indicators', async () => {
    const out = await indicatorsService(database).computeAll(2024);
    expect(out.length).toBeGreaterThanOrEqual(5);
    expect(out.every((v) => v.value !== null || v.noData !== null)).toBe(true);
  });
});

describe('manual values, targets and versions', () => {
  it('names the default unit in the reader’s language; a unit as written stays', async () => {
    const ind = await add({ name: 'Число педагогов-наставников', unit: 'count', method: 'manual' });
    const unitIn = async (lang: string) =>
      (
        (await region.call('GET', `/api/programmes/${programmeId}/indicators?lang=${lang}`)).json() as {
          indicators: Array<{ id: number; unitLabel: string }>;
        }
      ).indicators.find((x) => x.id === ind.id)!.unitLabel;
    expect(await unitIn('ru')).toBe('ед.');
    expect(await unitIn('en')).toBe('units');
  });

  it('refuses a target outside the unit range, naming the field and year', async () => {
    const r = await region.call('POST', `/api/programmes/${programmeId}/indicators`, {
      code: 'teachers_qualification',
      targets: [
        { year: 2024, value: 80 },
        { year: 2025, value: 120 },
      ],
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/^Целевое значение \(2025 г\.\).*120/);
    expect((r.json() as { details: Array<{ field: string }> }).details[0]!.field).toBe('targets[1].value');
  });

  it('takes a manual value only with a source, and detects a concurrent edit', async () => {
    const ind = await add({
      code: 'teachers_qualification',
      baseline: 76,
      baselineYear: 2023,
      targets: [
        { year: 2024, value: 80 },
        { year: 2025, value: 95 },
      ],
    });
    const noSource = await region.call('PUT', `/api/indicators/${ind.id}/values/2024`, { value: 79 });
    expect(noSource.statusCode).toBe(400);
    const tooBig = await region.call('PUT', `/api/indicators/${ind.id}/values/2024`, {
      value: 101,
      source: 'Отчёт ОО-1',
    });
    expect(tooBig.statusCode).toBe(400);
    const ok = await region.call('PUT', `/api/indicators/${ind.id}/values/2024`, {
      value: 79,
      source: 'Отчёт ОО-1 за 2024 год, раздел 3',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const v = (await table()).indicators.find((x) => x.id === ind.id)!.values[0]!;
    expect(v).toMatchObject({
      value: 79,
      method: 'manual',
      source: 'Отчёт ОО-1 за 2024 год, раздел 3',
      achievement: 'close',
    });
    // a second writer who did not see the first value is refused
    const blind = await region.call('PUT', `/api/indicators/${ind.id}/values/2024`, {
      value: 81,
      source: 'Другой отчёт',
    });
    expectConflict(blind);
    const seen = await region.call('PUT', `/api/indicators/${ind.id}/values/2024`, {
      value: 81,
      source: 'Уточнённый отчёт',
      version: v.version,
    });
    expect(seen.statusCode, seen.body).toBe(200);
    // a file behind the value: checked like roadmap evidence, downloadable, kept when the value changes
    const boundary = '----rostind';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="otchet.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      Buffer.from('%PDF-1.4 test'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await region.call('POST', `/api/indicators/${ind.id}/values/2024/evidence`, body, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(up.statusCode, up.body).toBe(200);
    const down = await region.call('GET', `/api/indicators/${ind.id}/values/2024/evidence`);
    expect(down.statusCode).toBe(200);
    expect(down.body).toMatch(/^%PDF/);
    const withFile = (await table()).indicators.find((x) => x.id === ind.id)!.values[0]!;
    const again = await region.call('PUT', `/api/indicators/${ind.id}/values/2024`, {
      value: 82,
      source: 'Уточнённый отчёт',
      version: withFile.version,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect((await region.call('GET', `/api/indicators/${ind.id}/values/2024/evidence`)).statusCode).toBe(200);
    // computing a manual indicator is refused
    expect((await region.call('POST', `/api/indicators/${ind.id}/compute`, { year: 2024 })).statusCode).toBe(
      409,
    );

    const stale = await region.call('PATCH', `/api/indicators/${ind.id}`, {
      version: ind.version - 1,
      baseline: 70,
    });
    expectConflict(stale);
    const patched = await region.call('PATCH', `/api/indicators/${ind.id}`, {
      version: ind.version,
      baseline: 70,
    });
    expect(patched.statusCode, patched.body).toBe(200);
  });
});

describe('access and documents', () => {
  it('a municipal coordinator sees the municipal parts of the region programme but only its own schools', async () => {
    const ind = (await table()).indicators.find((x) => x.code === 'oge_positive_dynamics')!;
    const b = await muni.call('GET', `/api/indicators/${ind.id}/values/2024/breakdown`);
    expect(b.statusCode).toBe(200);
    const body = b.json() as {
      municipalities: Array<{ municipalityId: number }>;
      schools: { items: Array<{ schoolId: number }> };
    };
    expect(body.schools.items.map((s) => s.schoolId).sort()).toEqual(
      [world.schools.a1, world.schools.a2].sort(),
    );
    expect(body.municipalities.map((m) => m.municipalityId)).toEqual([world.municipalities.a]);
    const foreign = await muni.call(
      'GET',
      `/api/indicators/${ind.id}/values/2024/basis?schoolId=${world.schools.b1}`,
    );
    expect(foreign.statusCode).toBe(404);
    expect((await team.call('POST', `/api/indicators/${ind.id}/compute`, { year: 2024 })).statusCode).toBe(
      403,
    );
    expect((await table(team)).canEdit).toBe(false);
  });

  it('exports the indicator table to XLSX with targets and actual values', async () => {
    const r = await region.call('GET', `/api/programmes/${programmeId}/indicators.xlsx`);
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as never);
    const ws = wb.worksheets[0]!;
    const text = ws
      .getSheetValues()
      .flat()
      .map((x) =>
        x === null || x === undefined ? '' : typeof x === 'object' ? JSON.stringify(x) : String(x),
      )
      .join(' ');
    expect(text).toMatch(/Доля/);
    expect(text).toMatch(/2024/);
    expect(wb.worksheets[1]!.rowCount).toBeGreaterThan(3);
  });

  it('prints targets with actual values in the programme DOCX, and the achievement in the progress report', async () => {
    const doc = await region.call('GET', `/api/programmes/${programmeId}/document.docx`);
    expect(doc.statusCode, doc.body.slice(0, 200)).toBe(200);
    const text = (await mammoth.extractRawText({ buffer: doc.rawPayload })).value;
    expect(text).toMatch(/Целевые показатели/);
    expect(text).toMatch(/факт: 50/);
    const rep = await region.call('GET', `/api/programmes/${programmeId}/report.docx`);
    expect(rep.statusCode).toBe(200);
    const rtext = (await mammoth.extractRawText({ buffer: rep.rawPayload })).value;
    expect(rtext).toMatch(/Достижение целевых показателей/);
    expect(rtext).toMatch(/рассчитано: 1 из 2/);
  });
});
