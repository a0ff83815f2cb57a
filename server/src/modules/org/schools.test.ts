import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { buildWorld, signIn, testApp, type Client, type World } from '../../test/fixtures.js';
import type { Database } from '../../platform/db/index.js';
import type { App } from '../../platform/http/context.js';
import { expectConflict } from '../../test/conflict.js';

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

describe('school registry', () => {
  it('lists, searches, filters, sorts and paginates', async () => {
    const all = (await region.call('GET', '/api/schools')).json();
    expect(all.total).toBe(3);
    const search = (await region.call('GET', `/api/schools?q=${encodeURIComponent('петровская')}`)).json();
    expect(search.items.map((s: { code: string }) => s.code)).toEqual(['A-2']);
    const rural = (await region.call('GET', '/api/schools?locality=rural&sort=code&order=desc')).json();
    expect(rural.items.map((s: { code: string }) => s.code)).toEqual(['A-2', 'A-1']);
    const page2 = (await region.call('GET', '/api/schools?sort=code&pageSize=2&page=2')).json();
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items.map((s: { code: string }) => s.code)).toEqual(['B-1']);
    const bad = await region.call('GET', '/api/schools?pageSize=100000');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('Проверьте введённые данные');
  });

  it('creates a school and refuses a duplicate code', async () => {
    const body = {
      municipalityId: world.municipalities.a,
      code: 'A-3',
      inn: null,
      fullName: 'Муниципальное казённое общеобразовательное учреждение "Берёзовская ООШ"',
      shortName: 'МКОУ "Берёзовская ООШ"',
      type: 'ООШ',
      locality: 'rural',
      settlement: 'д. Берёзовка',
      address: null,
      isSmall: true,
      shifts: 1,
      studentsNoo: 12,
      studentsOoo: 20,
      studentsSoo: null,
      teachers: 9,
      vacancies: 1,
      psychologists: 0,
      speechTherapists: 0,
      defectologists: 0,
      socialPedagogues: 0.5,
      internetMbps: 10,
      parentId: null,
    };
    const res = await muni.call('POST', '/api/schools', body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      code: 'A-3',
      municipalityName: 'Альфинский муниципальный район',
      isSmall: true,
    });
    const dup = await muni.call('POST', '/api/schools', body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toBe('Школа с кодом A-3 уже есть в реестре.');
    const other = await muni.call('POST', '/api/schools', {
      ...body,
      code: 'B-9',
      municipalityId: world.municipalities.b,
    });
    expect(other.statusCode).toBe(403);
  });

  it('edits with optimistic locking: the second save of the same version is refused, nothing lost', async () => {
    const card = (await region.call('GET', `/api/schools/${world.schools.a2}`)).json();
    const first = await muni.call('PATCH', `/api/schools/${world.schools.a2}`, {
      version: card.version,
      teachers: 31,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().teachers).toBe(31);
    const second = await region.call('PATCH', `/api/schools/${world.schools.a2}`, {
      version: card.version,
      teachers: 40,
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toContain('Запись уже изменил другой пользователь (Пользователь muni');
    expectConflict(second, 'Пользователь muni');
    const now = (await region.call('GET', `/api/schools/${world.schools.a2}`)).json();
    expect(now.teachers).toBe(31);
    expect(now.version).toBe(card.version + 1);
  });

  it('validates edits with field names', async () => {
    const card = (await region.call('GET', `/api/schools/${world.schools.a1}`)).json();
    const res = await region.call('PATCH', `/api/schools/${world.schools.a1}`, {
      version: card.version,
      shifts: 5,
      inn: '12',
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['shifts', 'inn']));
    expect(res.json().message).toContain('Число смен: Слишком большое значение');
  });

  it('keeps context per school year, never overwriting another year, with a version check', async () => {
    const values = {
      lowIncome: 30.5,
      singleParent: 20,
      parentsHigherEd: 15,
      ovz: 4,
      disabled: 1,
      registered: 2,
      nonRussian: 0,
      extra: {},
    };
    const y23 = await region.call('PUT', `/api/schools/${world.schools.a1}/context/2023`, {
      ...values,
      version: null,
    });
    expect(y23.statusCode).toBe(200);
    const y24 = await region.call('PUT', `/api/schools/${world.schools.a1}/context/2024`, {
      ...values,
      lowIncome: 28,
      version: null,
    });
    expect(y24.statusCode).toBe(200);
    const ctx = y24.json().context;
    expect(ctx.map((c: { schoolYear: number; lowIncome: number }) => [c.schoolYear, c.lowIncome])).toEqual([
      [2023, 30.5],
      [2024, 28],
    ]);
    const stale = await muni.call('PUT', `/api/schools/${world.schools.a1}/context/2024`, {
      ...values,
      version: null,
    });
    // the context row keeps no author: who changed it comes from its audit record
    expectConflict(stale, 'Пользователь region');
    const ok = await muni.call('PUT', `/api/schools/${world.schools.a1}/context/2024`, {
      ...values,
      lowIncome: 27,
      version: ctx[1].version,
    });
    expect(ok.statusCode).toBe(200);
    const outOfRange = await muni.call('PUT', `/api/schools/${world.schools.a1}/context/2024`, {
      ...values,
      lowIncome: 127,
      version: 2,
    });
    expect(outOfRange.statusCode).toBe(400);
  });

  it('records every write in the audit log with before and after, shown in the school history', async () => {
    const history = (await region.call('GET', `/api/schools/${world.schools.a2}/history`)).json();
    const edit = history.find(
      (h: { action: string; entity: string }) => h.action === 'update' && h.entity === 'school',
    );
    expect(edit).toMatchObject({ userLogin: 'muni', before: { teachers: null }, after: { teachers: 31 } });
    const audit = (await region.call('GET', '/api/audit?entity=school_context')).json();
    expect(audit.total).toBeGreaterThanOrEqual(3);
    expect(audit.items[0]).toMatchObject({
      entityId: `${world.schools.a1}:2024`,
      before: { lowIncome: 28 },
      after: { lowIncome: 27 },
    });
  });

  it('counts only the schools a curator sees', async () => {
    const curator = await signIn(app, 'curator');
    const list = (await curator.call('GET', '/api/municipalities')).json();
    expect(list.map((m: { code: string; schools: number }) => [m.code, m.schools])).toEqual([['A', 1]]);
    expect((await curator.call('GET', '/api/region')).json()).toMatchObject({
      municipalities: 1,
      schools: 1,
    });
  });

  it('lists municipalities with their counts', async () => {
    const list = (await region.call('GET', '/api/municipalities')).json();
    expect(list.map((m: { code: string; schools: number }) => [m.code, m.schools])).toEqual([
      ['A', 3],
      ['B', 1],
    ]);
  });
});
