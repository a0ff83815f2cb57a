import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { testDatabase } from '../../test/db.js';
import { buildWorld, signIn, testApp, type Client, type World } from '../../test/fixtures.js';
import type { Database } from '../../platform/db/index.js';
import type { App } from '../../platform/http/context.js';
import { insertContext, insertResults, runIdentificationJobs } from './testing.js';
import { identificationRepository } from './repository.js';
import { computeOutcome } from './service.js';
import { explainOutcomeSchool, type IdentificationParams } from './domain/index.js';

/**
 * A run end-to-end on the small test world (municipality A: a1, a2; B: b1, plus c1 without any
 * data): the ШНОР rule by clause А (a1) and Б (b1), a procedure without a threshold (a2), missing
 * context and results (b1, c1), what-if, the list workflow, the difference from last year, documents.
 */
let database: Database;
let app: App;
let w: World;
let c1: number;
let region: Client;
let muni: Client;
let team: Client;

beforeAll(async () => {
  database = await testDatabase();
  w = await buildWorld(database);
  const m = await database.db
    .selectFrom('school')
    .select('municipality_id')
    .where('id', '=', w.schools.b1)
    .executeTakeFirstOrThrow();
  c1 = (
    await database.db
      .insertInto('school')
      .values({
        municipality_id: m.municipality_id,
        code: 'B-2',
        full_name: 'МБОУ "ООШ № 2"',
        short_name: 'ООШ № 2',
        type: 'ООШ',
        locality: 'urban',
        settlement: 'г. Бетинск',
        students_noo: 10,
        students_ooo: 10,
        students_soo: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const { a1, a2, b1 } = w.schools;
  await insertResults(database, [
    // a1: clause А in 2025 (ВПР and ОГЭ, 40 %), fine in 2024
    { schoolId: a1, procedure: 'VPR', subject: 'ru', grade: 5, year: 2025, participants: 40, belowMin: 16 },
    { schoolId: a1, procedure: 'OGE', subject: 'math', grade: 9, year: 2025, participants: 20, belowMin: 8 },
    { schoolId: a1, procedure: 'VPR', subject: 'ru', grade: 5, year: 2024, participants: 40, belowMin: 4 },
    // a2: bad in 2024 only, fine in 2025; a regional diagnostic without a threshold
    { schoolId: a2, procedure: 'VPR', subject: 'ru', grade: 5, year: 2024, participants: 30, belowMin: 12 },
    { schoolId: a2, procedure: 'VPR', subject: 'ru', grade: 5, year: 2025, participants: 30, belowMin: 3 },
    { schoolId: a2, procedure: 'OGE', subject: 'ru', grade: 9, year: 2025, participants: 30, belowMin: 2 },
    {
      schoolId: a2,
      procedure: 'REGIONAL',
      subject: 'ru',
      grade: 6,
      year: 2025,
      participants: 25,
      belowMin: null,
    },
    // b1: clause Б (ВПР in 2024 and 2025, 35 %), no context row
    { schoolId: b1, procedure: 'VPR', subject: 'math', grade: 6, year: 2024, participants: 20, belowMin: 7 },
    { schoolId: b1, procedure: 'VPR', subject: 'math', grade: 6, year: 2025, participants: 20, belowMin: 7 },
    // last year's data for the 2024 list: a2 flagged in 2023+2024
    { schoolId: a2, procedure: 'VPR', subject: 'ru', grade: 5, year: 2023, participants: 30, belowMin: 12 },
  ]);
  await insertContext(database, a1, 2024, { low_income: 30, single_parent: 20, parents_higher_ed: 10 });
  await insertContext(database, a2, 2024, { low_income: 10, single_parent: 10, parents_higher_ed: 40 });
  await insertContext(database, a1, 2023, { low_income: 30, single_parent: 20, parents_higher_ed: 10 });
  await insertContext(database, a2, 2023, { low_income: 10, single_parent: 10, parents_higher_ed: 40 });
  app = await testApp(database);
  region = await signIn(app, 'region');
  muni = await signIn(app, 'muni');
  team = await signIn(app, 'team');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

type Item = {
  schoolId: number;
  display: string;
  categories: string[];
  inList: boolean;
  explanation: string[];
};
const items = async (c: Client, runId: number, query = '') => {
  const res = await c.call('GET', `/api/identification/runs/${runId}/schools?pageSize=100${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Item[] }).items;
};

describe('identification runs', () => {
  let run2024: number;
  let run2025: number;

  it('refuses invalid parameters with a Russian message', async () => {
    const res = await region.call('POST', '/api/identification/params', {
      name: 'bad',
      params: { threshold: 2, foo: 1 },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { message: string; details: { errors: string[] } };
    expect(body.message).toMatch(/Параметры отбора заданы неверно/);
    expect(body.details.errors.join(' ')).toMatch(/не больше 1/);
    expect(body.details.errors.join(' ')).toMatch(/неизвестный параметр/);
    const run = await region.call('POST', '/api/identification/runs', {
      year: 2025,
      params: { mode: 'exact' },
    });
    expect(run.statusCode).toBe(400);
  });

  it('stores a parameter set and runs with it; every school gets a category and an explanation', async () => {
    const set = await region.call('POST', '/api/identification/params', {
      name: 'Опубликованное правило',
      params: {},
      isDefault: true,
    });
    expect(set.statusCode, set.body).toBe(201);
    const res = await region.call('POST', '/api/identification/runs', { year: 2024 });
    expect(res.statusCode, res.body).toBe(201);
    run2024 = (res.json() as { run: { id: number } }).run.id;
    const res2 = await region.call('POST', '/api/identification/runs', { year: 2025 });
    expect(res2.statusCode, res2.body).toBe(201);
    // The run is requested: 'running' with its job, computed by the job (run inline here).
    const started = res2.json() as {
      run: { id: number; status: string; createdByName: string | null };
      jobId: number;
      total: number;
    };
    expect(started.run.status).toBe('running');
    expect(started.run.createdByName).not.toBeNull();
    expect(started.jobId).toBeGreaterThan(0);
    expect(started.total).toBe(0);
    run2025 = started.run.id;
    expect(await runIdentificationJobs(database)).toBe(2);
    const job = await region.call('GET', `/api/jobs/${started.jobId}`);
    expect((job.json() as { status: string }).status).toBe('done');
    const summary = (await region.call('GET', `/api/identification/runs/${run2025}`)).json() as {
      run: { id: number; paramSetId: number; fingerprint: string; status: string };
      total: number;
      inList: number;
    };
    expect(summary.run.status).toBe('done');
    expect(summary.run.paramSetId).toBe((set.json() as { id: number }).id);
    expect(summary.run.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.total).toBe(4);

    const all = await items(region, run2025);
    const of = (id: number) => all.find((i) => i.schoolId === id)!;
    expect(of(w.schools.a1).categories).toContain('low_results');
    expect(of(w.schools.a1).explanation.join(' ')).toMatch(/40,0\s%/);
    expect(of(w.schools.b1).categories).toContain('low_results');
    expect(of(w.schools.b1).categories).toContain('insufficient_data'); // no context row
    expect(of(w.schools.a2).categories).not.toContain('low_results');
    expect(of(w.schools.a2).explanation.join(' ')).toMatch(/Не оценено: региональная диагностика/);
    expect(of(c1).display).toBe('insufficient_data');
    expect(of(c1).explanation.length).toBeGreaterThan(0);

    const low = await items(region, run2025, '&category=low_results');
    expect(low.map((i) => i.schoolId).sort()).toEqual([w.schools.a1, w.schools.b1].sort());
    const search = await items(region, run2025, `&search=${encodeURIComponent('петровская')}`);
    expect(search.map((i) => i.schoolId)).toEqual([w.schools.a2]);
  });

  it('renders explanations on read from the stored figures, as the domain words them, in either language', async () => {
    const run = (await identificationRepository(database.db).getRun(run2025))!;
    const params = run.params as IdentificationParams;
    const input = await identificationRepository(database.db).loadInput(2025, params);
    const { outcome, notes } = computeOutcome(2025, params, input, { explain: true });
    const all = await items(region, run2025);
    for (const s of outcome.schools) {
      const expected = [...s.explanation, ...(notes.get(s.schoolId) ?? []).map(() => expect.any(String))];
      expect(all.find((i) => i.schoolId === s.schoolId)!.explanation).toEqual(expected);
    }
    const en = await region.call('GET', `/api/identification/runs/${run2025}/schools?pageSize=100&lang=en`);
    const a1 = (en.json() as { items: Item[] }).items.find((i) => i.schoolId === w.schools.a1)!;
    const s1 = outcome.schools.find((s) => s.schoolId === w.schools.a1)!;
    expect(a1.explanation).toEqual(explainOutcomeSchool(outcome, s1, 'en'));
    expect(a1.explanation.join(' ')).toMatch(/40\.0\s%/);
  });

  it('shows a municipal coordinator only their schools, a school its own outcome once approved', async () => {
    const seen = await items(muni, run2025);
    expect(seen.map((i) => i.schoolId).sort()).toEqual([w.schools.a1, w.schools.a2].sort());
    const summary = (await muni.call('GET', `/api/identification/runs/${run2025}`)).json() as {
      total: number;
    };
    expect(summary.total).toBe(2);
    const scatter = (await muni.call('GET', `/api/identification/runs/${run2025}/scatter`)).json() as {
      points: Array<{ schoolId: number; contextIndex: number | null }>;
    };
    expect(scatter.points.map((p) => p.schoolId).sort()).toEqual([w.schools.a1, w.schools.a2].sort());
    expect(scatter.points.every((p) => p.contextIndex !== null)).toBe(true);
    expect(
      (await team.call('GET', `/api/identification/runs/${run2025}/schools/${w.schools.a1}`)).statusCode,
    ).toBe(404);
    expect((await team.call('GET', `/api/schools/${w.schools.a1}/identification`)).json()).toEqual([]);
  });

  it('what-if: a higher threshold removes a ШНОР school from the list without saving anything', async () => {
    const before = (await region.call('GET', '/api/identification/runs')).json() as unknown[];
    const res = await region.call('POST', `/api/identification/runs/${run2025}/whatif`, {
      params: { threshold: 0.45 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as { entered: Item[]; left: Item[]; stayed: Item[] };
    // b1 is only ШНОР: it leaves; a1 is also ШНСУ: it stays, no longer ШНОР
    expect(r.left.map((x) => x.schoolId)).toEqual([w.schools.b1]);
    expect(r.stayed).toEqual([
      expect.objectContaining({
        schoolId: w.schools.a1,
        displayBefore: 'both',
        displayAfter: 'unfavourable',
      }),
    ]);
    expect(r.entered).toEqual([]);
    expect(((await region.call('GET', '/api/identification/runs')).json() as unknown[]).length).toBe(
      before.length,
    );
    const bad = await region.call('POST', `/api/identification/runs/${run2025}/whatif`, {
      params: { threshold: -1 },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('the list workflow: proposal, approval, read-only, difference from last year', async () => {
    expect(
      (
        await region.call('POST', `/api/identification/runs/${run2024}/approve`, {
          orderNumber: '12-од',
          orderDate: '2024-09-01',
        })
      ).statusCode,
    ).toBe(200);
    const prop = await muni.call('POST', `/api/identification/runs/${run2025}/propose`, {
      note: 'Согласовано',
    });
    expect(prop.statusCode, prop.body).toBe(200);
    const s = (await region.call('GET', `/api/identification/runs/${run2025}`)).json() as {
      run: { listStatus: string; proposedCount: number; municipalityCount: number };
      proposals: Array<{ municipalityId: number }>;
    };
    // The region sees one of the two municipalities proposing; the list is proposed per municipality.
    expect(s.run).toMatchObject({ listStatus: 'proposed', proposedCount: 1, municipalityCount: 2 });
    expect(s.proposals.map((p) => p.municipalityId)).toEqual([w.municipalities.a]);
    type ListedRun = { id: number; listStatus: string; schoolCount: number; proposedCount: number };
    const mine = ((await muni.call('GET', '/api/identification/runs')).json() as ListedRun[]).find(
      (r) => r.id === run2025,
    )!;
    expect(mine).toMatchObject({ listStatus: 'proposed', schoolCount: 2, proposedCount: 1 });
    const theirs = ((await region.call('GET', '/api/identification/runs')).json() as ListedRun[]).find(
      (r) => r.id === run2025,
    )!;
    expect(theirs.schoolCount).toBe(4);
    const other = ((await muni.call('GET', '/api/identification/runs')).json() as ListedRun[]).find(
      (r) => r.id === run2024,
    )!;
    expect(other).toMatchObject({ listStatus: 'approved', schoolCount: 2 });

    const diff = (await region.call('GET', `/api/identification/runs/${run2025}/diff`)).json() as {
      previousRun: { id: number };
      entered: Item[];
      left: Item[];
      stayed: Item[];
    };
    expect(diff.previousRun.id).toBe(run2024);
    const ids = (l: Item[]) => l.map((x) => x.schoolId);
    expect(ids(diff.entered)).toEqual([w.schools.b1]);
    expect(ids(diff.stayed)).toEqual([w.schools.a1]);
    expect(ids(diff.left)).toEqual([w.schools.a2]);

    const ok = await region.call('POST', `/api/identification/runs/${run2025}/approve`, {
      orderNumber: '345',
      orderDate: '2025-09-15',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const again = await region.call('POST', `/api/identification/runs/${run2025}/approve`, {
      orderNumber: '346',
      orderDate: '2025-09-16',
    });
    expect(again.statusCode).toBe(409);
    expect((again.json() as { message: string }).message).toBe(
      'Перечень утверждён приказом № 345 от 15.09.2025 и не может быть изменён.',
    );
    expect((await region.call('DELETE', `/api/identification/runs/${run2025}`)).statusCode).toBe(409);
    expect((await muni.call('POST', `/api/identification/runs/${run2025}/propose`, {})).statusCode).toBe(409);

    const history = (await team.call('GET', `/api/schools/${w.schools.a1}/identification`)).json() as Array<{
      runId: number;
      display: string;
    }>;
    expect(history.map((h) => h.runId)).toEqual([run2025, run2024]);
    expect(
      (await team.call('GET', `/api/identification/runs/${run2025}/schools/${w.schools.a1}`)).statusCode,
    ).toBe(200);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'entity'])
      .where('entity', 'like', 'identification%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'propose', 'approve']));
  });

  it('a run whose job fails is marked failed with the message; its list cannot be proposed', async () => {
    const res = await region.call('POST', '/api/identification/runs', { year: 2025 });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as { run: { id: number } }).run.id;
    // parameters that no longer pass the checks (stored before a rule change, say)
    await database.db
      .updateTable('identification_run')
      .set({ params: JSON.stringify({ threshold: 5 }) })
      .where('id', '=', id)
      .execute();
    expect(await runIdentificationJobs(database)).toBe(1);
    const s = (await region.call('GET', `/api/identification/runs/${id}`)).json() as {
      run: { status: string; error: string | null };
      total: number;
    };
    expect(s.run.status).toBe('failed');
    expect(s.run.error).toMatch(/Параметры отбора заданы неверно/);
    expect(s.total).toBe(0);
    const en = (await region.call('GET', `/api/identification/runs/${id}?lang=en`)).json() as {
      run: { error: string };
    };
    expect(en.run.error).toMatch(/parameters are invalid/);
    expect((await muni.call('POST', `/api/identification/runs/${id}/propose`, {})).statusCode).toBe(409);
    expect((await region.call('DELETE', `/api/identification/runs/${id}`)).statusCode).toBe(200);

    // a job the queue gave up on (its worker died): the run is failed when it is next read
    const again = await region.call('POST', '/api/identification/runs', { year: 2025 });
    const started = again.json() as { run: { id: number }; jobId: number };
    await database.db
      .updateTable('job')
      .set({ status: 'failed', error: JSON.stringify({ key: 'jobs.abandoned', params: {} }) })
      .where('id', '=', started.jobId)
      .execute();
    const gone = (await region.call('GET', `/api/identification/runs/${started.run.id}`)).json() as {
      run: { status: string; error: string | null };
    };
    expect(gone.run.status).toBe('failed');
    expect(gone.run.error).toBeTruthy();
    expect(await runIdentificationJobs(database)).toBe(0);
    expect((await region.call('DELETE', `/api/identification/runs/${started.run.id}`)).statusCode).toBe(200);
  });

  it('deletes a run that is not approved with all its schools (they have no foreign key to it)', async () => {
    const started = (await region.call('POST', '/api/identification/runs', { year: 2025 })).json() as {
      run: { id: number };
    };
    expect(await runIdentificationJobs(database)).toBe(1);
    const rows = () =>
      database.db
        .selectFrom('identification_run_school')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('run_id', '=', started.run.id)
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    expect(await rows()).toBeGreaterThan(0);
    expect((await region.call('DELETE', `/api/identification/runs/${started.run.id}`)).statusCode).toBe(200);
    expect(await rows()).toBe(0);
    expect((await region.call('GET', `/api/identification/runs/${started.run.id}`)).statusCode).toBe(404);
    // migration 008 dropped them by their generated names: none is left under another
    const fks = await sql<{ n: number }>`select count(*)::int as n from pg_constraint
      where conrelid = 'identification_run_school'::regclass and contype = 'f'`.execute(database.db);
    expect(fks.rows[0]!.n).toBe(0);
  });

  it('exports the list with explanations to XLSX and DOCX', async () => {
    const x = await region.call('GET', `/api/identification/runs/${run2025}/list.xlsx`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const text = wb.worksheets[0]!.getSheetValues().flat().map(String).join(' ');
    expect(text).toMatch(/от 15\.09\.2025 № 345/);
    expect(text).toMatch(/Перечень общеобразовательных организаций/);
    expect(text).toMatch(/СОШ № 1 с\. Ивановка/);
    const d = await region.call('GET', `/api/identification/runs/${run2025}/list.docx`);
    expect(d.statusCode).toBe(200);
    expect(d.headers['content-type']).toMatch(/wordprocessingml/);
    expect(d.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
