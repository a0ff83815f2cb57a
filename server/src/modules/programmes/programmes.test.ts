import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import ExcelJS from 'exceljs';
import nodemailer from 'nodemailer';
import { testDatabase } from '../../test/db.js';
import { buildWorld, signIn, testApp, type Client, type World } from '../../test/fixtures.js';
import type { Database } from '../../platform/db/index.js';
import type { App } from '../../platform/http/context.js';
import { mailerFromTransport, remindersService } from './reminders.js';
import { programmesService } from './service.js';

let database: Database;
let app: App;
let world: World;
let region: Client;
let muni: Client;
let team: Client;
let curator: Client;
let teacher: Client;

beforeAll(async () => {
  database = await testDatabase();
  world = await buildWorld(database);
  app = await testApp(database);
  region = await signIn(app, 'region');
  muni = await signIn(app, 'muni');
  team = await signIn(app, 'team');
  curator = await signIn(app, 'curator');
  teacher = await signIn(app, 'teacher');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

function multipart(file: { name: string; data: Buffer }, fields: Record<string, string> = {}) {
  const boundary = '----rost' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
const upload = (
  c: Client,
  url: string,
  file: { name: string; data: Buffer },
  fields?: Record<string, string>,
) => {
  const m = multipart(file, fields);
  return c.call('POST', url, m.payload, m.headers);
};

const T = '\t';
const ROADMAP = [
  'Приложение к приказу директора от 01.09.2023 № 101-од',
  'Программа перехода МБОУ "СОШ № 1" в эффективный режим работы на 2023/2024 учебный год',
  'Цель: повышение образовательных результатов.',
  '',
  `№${T}Мероприятия${T}Сроки${T}Ответственные${T}Продукт`,
  `1. Управление${T}${T}${T}${T}`,
  `1.1${T}Педагогический совет по итогам ВПР${T}До 01.11.2023${T}Директор${T}Протокол`,
  `1.2${T}Заседания рабочей группы${T}ежеквартально${T}Зам. директора${T}Протокол`,
  `1.3${T}Мониторинг успеваемости${T}по итогам четверти${T}Зам. директора${T}Справка`,
  `2. Кадры${T}${T}${T}${T}`,
  `2.1${T}Курсы повышения квалификации${T}когда получится${T}Учителя${T}Сертификат`,
].join('\n');

describe('programmes API', () => {
  let municipal: number;
  let programmeId: number;

  it('creates the municipal programme and refuses a school outside the scope', async () => {
    const passport = {
      name: 'Муниципальная программа поддержки ШНОР на 2023-2024 годы',
      orderIssuer: 'управления образования',
      orderNumber: '15',
      orderDate: '2023-05-24',
      developers: null,
      executors: null,
      goals: 'Повышение качества',
      tasks: ['Методическое сопровождение'],
      expectedResults: null,
      periodFrom: '2023-09-01',
      periodTo: '2024-08-31',
      stages: [],
      controllers: null,
    };
    const res = await muni.call('POST', '/api/programmes', {
      ...passport,
      level: 'municipality',
      municipalityId: world.municipalities.a,
    });
    expect(res.statusCode, res.body).toBe(201);
    municipal = res.json().id;
    const other = await muni.call('POST', '/api/programmes', {
      ...passport,
      level: 'municipality',
      municipalityId: world.municipalities.b,
    });
    expect(other.statusCode).toBe(403);
    const bad = await muni.call('POST', '/api/programmes', {
      ...passport,
      level: 'school',
      schoolId: world.schools.a1,
      parentId: municipal,
      targetSchoolIds: [world.schools.b1],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/не входит в охват/);
  });

  it('parses a roadmap (nothing saved) and imports the corrected structure', async () => {
    const file = { name: 'дорожная карта.txt', data: Buffer.from(ROADMAP, 'utf8') };
    const parsed = await upload(team, '/api/programmes/import/parse', file);
    expect(parsed.statusCode, parsed.body).toBe(200);
    const body = parsed.json();
    expect(body.passport).toMatchObject({
      orderNumber: '101-од',
      orderDate: '2023-09-01',
      periodFrom: '2023-09-01',
      periodTo: '2024-08-31',
    });
    expect(body.activities).toHaveLength(4);
    const unknown = body.problems.find((p: { key: string }) => p.key === 'programmes.parse.deadlineUnknown');
    expect(unknown.message).toBe('Мероприятие № 2.1: срок «когда получится» не распознан, уточните его.');
    expect(await database.db.selectFrom('programme').select('id').execute()).toHaveLength(1);

    // the user fixes the deadline and saves
    body.activities[3].deadlineText = 'Декабрь 2023';
    const imported = await team.call('POST', '/api/programmes/import', {
      target: { level: 'school', schoolId: world.schools.a1 },
      passport: body.passport,
      sections: body.sections.map(({ row: _r, ...s }: { row: number }) => s),
      activities: body.activities.map(
        ({
          row: _r,
          deadline: _d,
          deadlineLabel: _l,
          ...a
        }: {
          row: number;
          deadline: unknown;
          deadlineLabel: unknown;
        }) => a,
      ),
      indicators: body.indicators.map(({ row: _r, ...i }: { row: number }) => i),
    });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toMatchObject({ sections: 2, activities: 4 });
    programmeId = imported.json().programmeId;
    const card = (await team.call('GET', `/api/programmes/${programmeId}`)).json();
    expect(card).toMatchObject({
      level: 'school',
      parentId: municipal,
      status: 'draft',
      orderNumber: '101-од',
    });
    const road = (await team.call('GET', `/api/programmes/${programmeId}/roadmap`)).json();
    expect(road.sections.map((s: { title: string }) => s.title)).toEqual(['Управление', 'Кадры']);
    expect(road.activities.map((a: { deadlineLabel: string }) => a.deadlineLabel)).toEqual([
      'до 01.11.2023',
      'ежеквартально',
      'по четвертям',
      'декабрь 2023',
    ]);
    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'programme')
      .where('action', '=', 'import')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses a file that is not a roadmap', async () => {
    const res = await upload(team, '/api/programmes/import/parse', {
      name: 'фото.png',
      data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/не распознан/);
    const none = await upload(team, '/api/programmes/import/parse', {
      name: 'письмо.txt',
      data: Buffer.from('Добрый день!\nВысылаем план.'),
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toMatch(/не найдена таблица мероприятий/);
  });

  it('gives recurring activities one period each, with its own status', async () => {
    const road = (await team.call('GET', `/api/programmes/${programmeId}/roadmap`)).json();
    const quarterly = road.activities[1];
    expect(quarterly.recurring).toBe(true);
    const card = (await team.call('GET', `/api/activities/${quarterly.id}`)).json();
    expect(card.occurrences.map((o: { label: string }) => o.label)).toEqual([
      'III квартал 2023',
      'IV квартал 2023',
      'I квартал 2024',
      'II квартал 2024',
      'III квартал 2024',
    ]);
    const refused = await team.call('POST', `/api/activities/${quarterly.id}/status`, {
      status: 'done',
      version: card.version,
    });
    expect(refused.statusCode).toBe(409);
    const o = card.occurrences[1];
    const done = await team.call('PATCH', `/api/activities/${quarterly.id}/occurrences/${o.id}`, {
      status: 'done',
      version: o.version,
      completionNote: 'Протокол № 2',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().occurrences[1]).toMatchObject({ status: 'done', completionNote: 'Протокол № 2' });
    const stale = await team.call('PATCH', `/api/activities/${quarterly.id}/occurrences/${o.id}`, {
      status: 'planned',
      version: o.version,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('refuses the second of two concurrent edits with a conflict', async () => {
    const road = (await team.call('GET', `/api/programmes/${programmeId}/roadmap`)).json();
    const a = road.activities[0];
    const first = await team.call('PATCH', `/api/activities/${a.id}`, {
      version: a.version,
      text: 'Педагогический совет по итогам ВПР-2023',
    });
    expect(first.statusCode, first.body).toBe(200);
    const second = await muni.call('PATCH', `/api/activities/${a.id}`, {
      version: a.version,
      deadlineText: 'До 15.11.2023',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toMatch(/Пользователь team/);
    // a new deadline text is parsed again
    const third = await muni.call('PATCH', `/api/activities/${a.id}`, {
      version: first.json().version,
      deadlineText: 'До 15.11.2023',
    });
    expect(third.json()).toMatchObject({ dueTo: '2023-11-15', deadlineLabel: 'до 15.11.2023' });
  });

  it('accepts allowed evidence and refuses forbidden types and oversized files in Russian', async () => {
    const road = (await team.call('GET', `/api/programmes/${programmeId}/roadmap`)).json();
    const a = road.activities[0];
    const exe = await upload(team, `/api/activities/${a.id}/evidence`, {
      name: 'virus.exe',
      data: Buffer.from('MZ....'),
    });
    expect(exe.statusCode).toBe(415);
    expect(exe.json().message).toMatch(/тип «exe» не допускается/);
    const fake = await upload(team, `/api/activities/${a.id}/evidence`, {
      name: 'протокол.pdf',
      data: Buffer.from('not a pdf'),
    });
    expect(fake.statusCode).toBe(415);
    const big = await upload(team, `/api/activities/${a.id}/evidence`, {
      name: 'скан.pdf',
      data: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(11 * 1024 * 1024)]),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toMatch(/не более 10 МБ/);
    const teacherRes = await upload(teacher, `/api/activities/${a.id}/evidence`, {
      name: 'протокол.pdf',
      data: Buffer.from('%PDF-1.4 ok'),
    });
    expect(teacherRes.statusCode).toBe(403);
    const ok = await upload(
      team,
      `/api/activities/${a.id}/evidence`,
      { name: 'протокол педсовета.pdf', data: Buffer.from('%PDF-1.4 протокол') },
      { title: 'Протокол педсовета' },
    );
    expect(ok.statusCode, ok.body).toBe(201);
    const ev = ok.json().evidence[0];
    expect(ev).toMatchObject({
      kind: 'file',
      title: 'Протокол педсовета',
      reviewStatus: 'pending',
      file: { name: 'протокол педсовета.pdf' },
    });
    const file = await curator.call('GET', `/api/evidence/${ev.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.toString()).toBe('%PDF-1.4 протокол');
    expect(await database.db.selectFrom('stored_file').select('id').execute()).toHaveLength(1);
  });

  it('lets the curator return and accept evidence, and tells the author', async () => {
    const road = (await team.call('GET', `/api/programmes/${programmeId}/roadmap`)).json();
    const a = road.activities[0];
    const link = await team.call('POST', `/api/activities/${a.id}/evidence/link`, {
      url: 'https://school1.example.ru/news/pedsovet',
      title: 'Новость на сайте',
    });
    expect(link.statusCode, link.body).toBe(201);
    const ev = link.json().evidence.find((e: { kind: string }) => e.kind === 'link');
    expect(
      (await team.call('POST', `/api/evidence/${ev.id}/review`, { decision: 'accepted' })).statusCode,
    ).toBe(403);
    const noComment = await curator.call('POST', `/api/evidence/${ev.id}/review`, { decision: 'returned' });
    expect(noComment.statusCode).toBe(400);
    const returned = await curator.call('POST', `/api/evidence/${ev.id}/review`, {
      decision: 'returned',
      comment: 'Нужна ссылка на протокол',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    const accepted = await curator.call('POST', `/api/evidence/${ev.id}/review`, { decision: 'accepted' });
    expect(accepted.json().evidence.find((e: { id: number }) => e.id === ev.id)).toMatchObject({
      reviewStatus: 'accepted',
      reviewedBy: 'Пользователь curator',
    });
    expect((await team.call('DELETE', `/api/evidence/${ev.id}`)).statusCode).toBe(409);
    const notes = (await team.call('GET', '/api/notifications')).json();
    expect(notes.items.map((n: { message: string }) => n.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/возвращено: Нужна ссылка на протокол/),
        expect.stringMatching(/принято/),
      ]),
    );
    const curatorNotes = (await curator.call('GET', '/api/notifications?unread=true')).json();
    expect(curatorNotes.unread).toBeGreaterThan(0);
    expect((await curator.call('POST', '/api/notifications/read-all')).json().updated).toBe(
      curatorNotes.unread,
    );
  });

  it('marks done, lists overdue and due soon, counts progress', async () => {
    const service = programmesService(database, { now: () => new Date('2023-11-20T09:00:00Z') });
    const team_ = {
      id: world.users.team!.id,
      login: 'team',
      fullName: '',
      role: 'school_team' as const,
      municipalityId: world.municipalities.a,
      schoolId: world.schools.a1,
      assignedSchoolIds: [],
      locale: 'ru' as const,
    };
    const regionP = {
      ...team_,
      id: world.users.region!.id,
      role: 'regional_coordinator' as const,
      municipalityId: null,
      schoolId: null,
    };
    const road = await service.roadmap(team_, programmeId, {});
    const a = road.activities[0]!;
    await service.setActivityStatus(team_, a.id, {
      status: 'done',
      completionNote: 'Проведён',
      version: a.version,
    });
    const overdue = await service.overdue(regionP, { days: 14, limit: 100, offset: 0 });
    // the per-term period I (ended 27.10) and the quarterly III quarter are overdue; 1.1 is done
    expect(overdue.items.map((i) => [i.number, i.periodLabel])).toEqual([
      ['1.2', 'III квартал 2023'],
      ['1.3', 'I четверть 2023/24'],
    ]);
    expect(overdue.items[0]!.daysOverdue).toBe(51);
    const soon = await service.dueSoon(regionP, { days: 14, limit: 100, offset: 0 });
    expect(soon.total).toBe(0);
    const progress = await service.progress(team_, programmeId);
    expect(progress).toMatchObject({ done: 2, overdue: 2, dueByNow: 4 });
    const byMuni = await service.progressBy(regionP, 'municipality', {});
    expect(byMuni).toEqual([expect.objectContaining({ id: world.municipalities.a, done: 2, overdue: 2 })]);
    const tasks = await service.myTasks(team_, 100, 0);
    expect(tasks.items.some((t) => t.number === '2.1')).toBe(true);
    expect(tasks.items.every((t) => t.status !== 'done')).toBe(true);
  });

  it('sends reminders in-app and by e-mail (JSON transport), once per item', async () => {
    await region.call('POST', `/api/programmes/${programmeId}/status`, {
      status: 'approved',
      version: (await team.call('GET', `/api/programmes/${programmeId}`)).json().version,
    });
    await database.db
      .updateTable('app_user')
      .set({ email: 'team@school1.example.ru' })
      .where('login', '=', 'team')
      .execute();
    const sent: Array<{ to: string; subject: string; text: string }> = [];
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const mailer = mailerFromTransport(transport, 'rost@example.ru');
    const spy = {
      send: async (m: { to: string; subject: string; text: string }) => {
        sent.push(m);
        await mailer.send(m);
      },
    };
    const reminders = remindersService(database, {
      now: () => new Date('2023-11-20T09:00:00Z'),
      daysBefore: 45,
      mailer: spy,
    });
    const r = await reminders.run();
    expect(r.overdueMarked).toBe(2);
    expect(r.notified).toBeGreaterThanOrEqual(3);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe('team@school1.example.ru');
    expect(sent[0]!.text).toMatch(/просрочено: срок истёк 30\.09\.2023/);
    expect(sent[0]!.text).toMatch(/наступает 31\.12\.2023/);
    const again = await reminders.run();
    expect(again).toMatchObject({ overdueMarked: 0, notified: 0, emailed: 0 });
  });

  it('writes the programme as DOCX and XLSX, and the progress report', async () => {
    const docx = await team.call('GET', `/api/programmes/${programmeId}/document.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toMatch(/filename\*=UTF-8''/);
    const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(text).toMatch(/Приложение/);
    expect(text).toMatch(/к приказу директора/);
    expect(text).toMatch(/от 01\.09\.2023 № 101-од/);
    expect(text).toMatch(/Педагогический совет по итогам ВПР-2023/);
    expect(text).toMatch(/1\. Управление/);
    const xlsx = await team.call('GET', `/api/programmes/${programmeId}/document.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const rows: string[] = [];
    wb.getWorksheet('Дорожная карта')!.eachRow((r) =>
      rows.push(String(r.getCell(2).value ?? r.getCell(1).value)),
    );
    expect(rows).toContain('Заседания рабочей группы');
    const report = await team.call('GET', `/api/programmes/${programmeId}/report.docx`);
    const rtext = (await mammoth.extractRawText({ buffer: report.rawPayload })).value;
    expect(rtext).toMatch(/Отчёт о ходе реализации программы/);
    expect(rtext).toMatch(/Протокол педсовета/);
    expect(rtext).toMatch(/Выполненные мероприятия/);
  });

  it('keeps other municipalities out', async () => {
    const muniB = await signIn(app, 'muni_b');
    expect((await muniB.call('GET', `/api/programmes/${programmeId}`)).statusCode).toBe(404);
    const list = (await muniB.call('GET', '/api/programmes')).json();
    expect(list).toEqual([]);
    expect((await muniB.call('GET', '/api/programmes/overdue')).json().total).toBe(0);
  });
});
