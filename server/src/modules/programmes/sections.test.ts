import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { buildWorld, signIn, testApp, type Client, type World } from '../../test/fixtures.js';
import type { Database } from '../../platform/db/index.js';
import type { App } from '../../platform/http/context.js';

/** Version checks of sections and activity deletion, renumbering, and the conflict's time (gaps of issue 5). */
let database: Database;
let app: App;
let world: World;
let muni: Client;
let team: Client;

beforeAll(async () => {
  database = await testDatabase();
  world = await buildWorld(database);
  app = await testApp(database);
  muni = await signIn(app, 'muni');
  team = await signIn(app, 'team');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

interface SectionJson {
  id: number;
  parentId: number | null;
  number: string | null;
  title: string;
  tasks: string[];
  version: string;
}
interface ActivityJson {
  id: number;
  sectionId: number | null;
  number: string | null;
  version: number;
}

describe('roadmap sections and activities under concurrent edits', () => {
  let programmeId: number;
  const road = async () =>
    (await team.call('GET', `/api/programmes/${programmeId}/roadmap`)).json() as {
      sections: SectionJson[];
      activities: ActivityJson[];
    };
  const section = async (id: number) => (await road()).sections.find((s) => s.id === id)!;
  const addSection = async (parentId: number | null, number: string, title: string, tasks: string[] = []) => {
    const r = await team.call('POST', `/api/programmes/${programmeId}/sections`, {
      parentId,
      number,
      title,
      tasks,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as SectionJson;
  };
  const addActivity = async (sectionId: number, number: string | null, text: string) => {
    const r = await team.call('POST', `/api/programmes/${programmeId}/activities`, {
      sectionId,
      number,
      text,
      deadlineText: 'До 01.12.2023',
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as ActivityJson;
  };

  /** A draft programme of school a1 by its team, the passport empty but for `name` and `period`. */
  const createProgramme = (name: string, period: { periodFrom?: string; periodTo?: string } = {}) =>
    team.call('POST', '/api/programmes', {
      name,
      level: 'school',
      schoolId: world.schools.a1,
      orderIssuer: null,
      orderNumber: null,
      orderDate: null,
      developers: null,
      executors: null,
      goals: null,
      expectedResults: null,
      controllers: null,
      periodFrom: period.periodFrom ?? null,
      periodTo: period.periodTo ?? null,
      tasks: [],
      stages: [],
    });

  beforeAll(async () => {
    const res = await createProgramme('Программа перехода школы в эффективный режим работы', {
      periodFrom: '2023-09-01',
      periodTo: '2024-08-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    programmeId = res.json().id;
  });

  it('refuses a stale section edit with 409 naming who changed it, with an ISO time for the client', async () => {
    const s = await addSection(null, '1', 'Управление', ['Выстроить работу команды']);
    expect(s.version).toMatch(/^\S+$/);
    const first = await team.call('PATCH', `/api/programmes/${programmeId}/sections/${s.id}`, {
      version: s.version,
      title: 'Управление школой',
    });
    expect(first.statusCode, first.body).toBe(200);
    // a rename keeps the section's tasks (the patch has no defaults)
    expect(first.json()).toMatchObject({ title: 'Управление школой', tasks: ['Выстроить работу команды'] });
    expect(first.json().version).not.toBe(s.version);

    const second = await muni.call('PATCH', `/api/programmes/${programmeId}/sections/${s.id}`, {
      version: s.version,
      title: 'Управление и кадры',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('error.conflict');
    expect(second.json().message).toMatch(/Запись уже изменил другой пользователь \(Пользователь team, /);
    const at = second.json().details.conflict.at as string;
    expect(second.json().details.conflict.by).toBe('Пользователь team');
    expect(at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(Math.abs(Date.parse(at) - Date.now())).toBeLessThan(60_000);
    expect((await section(s.id)).title).toBe('Управление школой');

    // with the version just received it goes through
    const third = await muni.call('PATCH', `/api/programmes/${programmeId}/sections/${s.id}`, {
      version: first.json().version,
      title: 'Управление и кадры',
    });
    expect(third.statusCode, third.body).toBe(200);
    // the version is required
    const none = await muni.call('PATCH', `/api/programmes/${programmeId}/sections/${s.id}`, {
      title: 'Без версии',
    });
    expect(none.statusCode).toBe(400);
  });

  it('lets exactly one of two simultaneous edits of the same version through', async () => {
    const s = await addSection(null, '6', 'Одновременная правка');
    const url = `/api/programmes/${programmeId}/sections/${s.id}`;
    const [x, y] = await Promise.all([
      team.call('PATCH', url, { version: s.version, title: 'Правка команды' }),
      muni.call('PATCH', url, { version: s.version, title: 'Правка муниципалитета' }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const winner = x.statusCode === 200 ? x : y;
    expect((await section(s.id)).title).toBe(winner.json().title);
  });

  it('refuses a stale section deletion, and deletes with the current version', async () => {
    const s = await addSection(null, '9', 'Временный раздел');
    const renamed = await team.call('PATCH', `/api/programmes/${programmeId}/sections/${s.id}`, {
      version: s.version,
      title: 'Временный раздел (переименован)',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const stale = await muni.call(
      'DELETE',
      `/api/programmes/${programmeId}/sections/${s.id}?version=${s.version}`,
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('error.conflict');
    expect((await section(s.id)).title).toBe('Временный раздел (переименован)');
    const none = await muni.call('DELETE', `/api/programmes/${programmeId}/sections/${s.id}`);
    expect(none.statusCode).toBe(400);
    const ok = await muni.call(
      'DELETE',
      `/api/programmes/${programmeId}/sections/${s.id}?version=${renamed.json().version}`,
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await road()).sections.some((x) => x.id === s.id)).toBe(false);
  });

  it('still refuses to delete a section with activities (409 of its own)', async () => {
    const s = await addSection(null, '8', 'Раздел с мероприятием');
    await addActivity(s.id, '8.1', 'Мероприятие');
    const r = await team.call(
      'DELETE',
      `/api/programmes/${programmeId}/sections/${s.id}?version=${s.version}`,
    );
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('programmes.sectionNotEmpty');
  });

  it('refuses a stale activity deletion, and deletes with the current version', async () => {
    const s = await addSection(null, '7', 'Кадры');
    const a = await addActivity(s.id, '7.1', 'Курсы повышения квалификации');
    const edited = await team.call('PATCH', `/api/activities/${a.id}`, {
      version: a.version,
      text: 'Курсы (уточнено)',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const stale = await muni.call('DELETE', `/api/activities/${a.id}?version=${a.version}`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toMatch(/Пользователь team/);
    expect(stale.json().details.conflict.at).toMatch(/Z$/);
    expect((await team.call('GET', `/api/activities/${a.id}`)).statusCode).toBe(200);
    expect((await muni.call('DELETE', `/api/activities/${a.id}`)).statusCode).toBe(400);
    const ok = await muni.call('DELETE', `/api/activities/${a.id}?version=${edited.json().version}`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await team.call('GET', `/api/activities/${a.id}`)).statusCode).toBe(404);
  });

  it('carries a new section number down to nested sections and activities', async () => {
    const top = await addSection(null, '2.', 'Методическая работа');
    // created by another user: a stale edit of it must name the renumbering, not the creation
    const created = await muni.call('POST', `/api/programmes/${programmeId}/sections`, {
      parentId: top.id,
      number: '2.1',
      title: 'Методические объединения',
      tasks: [],
    });
    expect(created.statusCode, created.body).toBe(201);
    const sub = created.json() as SectionJson;
    const deep = await addSection(sub.id, '2.1.1', 'Предметные МО');
    const other = await addSection(null, '3', 'Соседний раздел');
    const a1 = await addActivity(top.id, '2.1.', 'Совещание');
    const a2 = await addActivity(sub.id, '2.1.3', 'Заседание МО');
    const a3 = await addActivity(deep.id, '2.1.1.1', 'Открытые уроки');
    const own = await addActivity(sub.id, 'А-5', 'Своя нумерация');
    const outside = await addActivity(other.id, '2.5', 'Чужой раздел, похожий номер');

    // someone has the nested section open: the renumbering makes its version stale
    const res = await team.call('PATCH', `/api/programmes/${programmeId}/sections/${top.id}`, {
      version: top.version,
      number: '4',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().number).toBe('4');
    const after = await road();
    const num = (id: number) => after.sections.find((s) => s.id === id)!.number;
    const act = (id: number) => after.activities.find((a) => a.id === id)!;
    expect([num(sub.id), num(deep.id), num(other.id)]).toEqual(['4.1', '4.1.1', '3']);
    expect([act(a1.id).number, act(a2.id).number, act(a3.id).number]).toEqual(['4.1.', '4.1.3', '4.1.1.1']);
    expect([act(own.id).number, act(outside.id).number]).toEqual(['А-5', '2.5']);
    // renumbered activities got a new version; untouched ones kept theirs
    expect(act(a2.id).version).toBe(a2.version + 1);
    expect(act(own.id).version).toBe(own.version);

    const staleSub = await muni.call('PATCH', `/api/programmes/${programmeId}/sections/${sub.id}`, {
      version: sub.version,
      title: 'МО',
    });
    expect(staleSub.statusCode).toBe(409);
    expect(staleSub.json().details.conflict.by).toBe('Пользователь team');
    const staleAct = await muni.call('PATCH', `/api/activities/${a2.id}`, {
      version: a2.version,
      text: 'МО',
    });
    expect(staleAct.statusCode).toBe(409);

    // the audit record lists what was renumbered
    const log = await database.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('entity', '=', 'roadmap_section')
      .where('entity_id', '=', String(top.id))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(log.after).toMatchObject({
      number: '4',
      renumbered: { sections: expect.arrayContaining([{ id: sub.id, from: '2.1', to: '4.1' }]) },
    });
  });

  it('refuses a stale deletion of a draft programme, and deletes with the current version', async () => {
    const draft = await createProgramme('Черновик программы на удаление');
    expect(draft.statusCode, draft.body).toBe(201);
    const g = draft.json() as { id: number; version: number; contentStamp: string };
    const del = (version: number, content: string) =>
      team.call(
        'DELETE',
        `/api/programmes/${g.id}?version=${version}&content=${encodeURIComponent(content)}`,
      );
    const edited = await muni.call('PATCH', `/api/programmes/${g.id}`, { version: g.version, goals: 'Цель' });
    expect(edited.statusCode, edited.body).toBe(200);
    const stale = await del(g.version, g.contentStamp);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.conflict.by).toBe('Пользователь muni');
    expect((await team.call('GET', `/api/programmes/${g.id}`)).statusCode).toBe(200);

    // A section added meanwhile (the passport's version does not change): not deleted unseen.
    const seen = edited.json() as { version: number; contentStamp: string };
    const added = await muni.call('POST', `/api/programmes/${g.id}/sections`, {
      parentId: null,
      number: '1',
      title: 'Раздел, добавленный другим',
    });
    expect(added.statusCode, added.body).toBe(201);
    const unseen = await del(seen.version, seen.contentStamp);
    expect(unseen.statusCode, unseen.body).toBe(409);
    expect(unseen.json().details.conflict.by).toBe('Пользователь muni');
    expect((await team.call('GET', `/api/programmes/${g.id}/roadmap`)).json().sections).toHaveLength(1);

    const fresh = (await team.call('GET', `/api/programmes/${g.id}`)).json() as typeof seen;
    expect(fresh.contentStamp).not.toBe(seen.contentStamp);
    const ok = await del(fresh.version, fresh.contentStamp);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await team.call('GET', `/api/programmes/${g.id}`)).statusCode).toBe(404);
  });

  it('moves a section up and down among its siblings, with the version the user saw', async () => {
    const parent = await addSection(null, '20', 'Раздел с подразделами');
    const a = await addSection(parent.id, '20.1', 'Первый');
    const b = await addSection(parent.id, '20.2', 'Второй');
    const c = await addSection(parent.id, '20.3', 'Третий');
    const order = async () =>
      (await road()).sections.filter((x) => x.parentId === parent.id).map((x) => x.title);
    const move = (id: number, direction: 'up' | 'down', version: string) =>
      team.call('POST', `/api/programmes/${programmeId}/sections/${id}/move`, { direction, version });
    const up = await move(c.id, 'up', c.version);
    expect(up.statusCode, up.body).toBe(200);
    expect(await order()).toEqual(['Первый', 'Третий', 'Второй']);
    // the version the user saw before the move is stale now
    expect((await move(c.id, 'up', c.version)).statusCode).toBe(409);
    const again = await move(c.id, 'up', up.json().version);
    expect(again.statusCode, again.body).toBe(200);
    expect(await order()).toEqual(['Третий', 'Первый', 'Второй']);
    // at the edge nothing changes
    const edge = await move(c.id, 'up', again.json().version);
    expect(edge.statusCode).toBe(200);
    expect(await order()).toEqual(['Третий', 'Первый', 'Второй']);
    const down = await move(a.id, 'down', (await section(a.id)).version);
    expect(down.statusCode, down.body).toBe(200);
    expect(await order()).toEqual(['Третий', 'Второй', 'Первый']);
    expect(b.id).toBeGreaterThan(0);
    // moving among subsections leaves the top level as it was
    expect((await road()).sections.filter((x) => x.parentId === null).map((x) => x.id)).toContain(parent.id);
    expect(
      (
        await muni.call('POST', `/api/programmes/${programmeId}/sections/${a.id}/move`, {
          direction: 'sideways',
          version: 'x',
        })
      ).statusCode,
    ).toBe(400);
  });

  it('does not let a section move under its own subsection', async () => {
    const top = await addSection(null, '5', 'Родитель');
    const sub = await addSection(top.id, '5.1', 'Потомок');
    const r = await team.call('PATCH', `/api/programmes/${programmeId}/sections/${top.id}`, {
      version: top.version,
      parentId: sub.id,
    });
    expect(r.statusCode).toBe(400);
    expect((await section(top.id)).parentId).toBeNull();
  });
});
