import type { Database } from '../../platform/db/index.js';
import type { World } from '../../test/fixtures.js';
import './schema.js';

/**
 * Programmes for the access matrix (test/access-matrix.test.ts): a regional programme, municipality
 * A's programme, school a1's programme in progress (an activity with a period, accepted evidence and
 * the teacher as executor), a completed programme of a1 (deletes there are refused for everyone
 * with a 409, so the matrix can call them repeatedly), and school b1's programme (out of scope).
 */
export interface ProgrammesAccessFixture {
  region: number;
  muniA: number;
  schoolA1: number;
  completedA1: number;
  schoolB1: number;
  section: number;
  completedSection: number;
  activity: number;
  recurringActivity: number;
  completedActivity: number;
  occurrence: number;
  evidence: number;
  notification: number;
}

export async function buildProgrammesAccessFixture(
  database: Database,
  w: World,
): Promise<ProgrammesAccessFixture> {
  const { db } = database;
  const programme = async (
    level: 'region' | 'municipality' | 'school',
    status: 'draft' | 'in_progress' | 'completed',
    municipality_id: number | null,
    school_id: number | null,
    parent_id: number | null,
  ) =>
    (
      await db
        .insertInto('programme')
        .values({
          level,
          status,
          municipality_id,
          school_id,
          parent_id,
          name: `Программа (${level})`,
          tasks: '[]',
          stages: '[]',
          period_from: '2023-09-01',
          period_to: '2024-08-31',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const region = await programme('region', 'in_progress', null, null, null);
  const muniA = await programme('municipality', 'in_progress', w.municipalities.a, null, region);
  const schoolA1 = await programme('school', 'in_progress', w.municipalities.a, w.schools.a1, muniA);
  const completedA1 = await programme('school', 'completed', w.municipalities.a, w.schools.a1, muniA);
  const schoolB1 = await programme('school', 'in_progress', w.municipalities.b, w.schools.b1, null);
  const section = async (programme_id: number) =>
    (
      await db
        .insertInto('roadmap_section')
        .values({ programme_id, number: '1', title: 'Раздел', tasks: '[]', sort_order: 10 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const s = await section(schoolA1);
  const cs = await section(completedA1);
  const activity = async (programme_id: number, section_id: number, recurring: boolean) =>
    (
      await db
        .insertInto('activity')
        .values({
          programme_id,
          section_id,
          number: '1.1',
          sort_order: 10,
          text: 'Педагогический совет',
          deadline_text: recurring ? 'ежегодно' : 'До 01.11.2023',
          deadline_kind: recurring ? 'recurring' : 'date',
          deadline_review: false,
          due_to: recurring ? '2024-08-31' : '2023-11-01',
          due_from: recurring ? '2023-09-01' : null,
          recurring,
          executors: 'Директор',
          planned_result: null,
          product_text: null,
          product_type: null,
          task: null,
          level: 'school',
          completion_mark: null,
          completion_note: null,
          completed_at: null,
          deadline: null,
          updated_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const a = await activity(schoolA1, s, false);
  const r = await activity(schoolA1, s, true);
  const ca = await activity(completedA1, cs, false);
  await db.insertInto('activity_executor').values({ activity_id: a, user_id: w.users.teacher!.id }).execute();
  await db.insertInto('activity_executor').values({ activity_id: r, user_id: w.users.teacher!.id }).execute();
  const occ = await db
    .insertInto('activity_occurrence')
    .values({
      activity_id: r,
      idx: 0,
      label: '2023/24 уч. год',
      due_from: '2023-09-01',
      due_to: '2024-08-31',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const file = await db
    .insertInto('stored_file')
    .values({
      name: 'протокол.pdf',
      mime: 'application/pdf',
      size: 8,
      sha256: '-',
      data: Buffer.from('%PDF-1.4'),
      location: null,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ev = await db
    .insertInto('evidence')
    .values({
      activity_id: a,
      occurrence_id: null,
      kind: 'file',
      file_id: file.id,
      url: null,
      title: 'Протокол',
      review_status: 'accepted',
      review_comment: null,
      reviewed_by: null,
      reviewed_at: null,
      created_by: w.users.team!.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const n = await db
    .insertInto('notification')
    .values({
      user_id: w.users.team!.id,
      kind: 'due_soon',
      message_key: 'notify.dueSoon',
      params: JSON.stringify({ activity: 'Педсовет', programme: 'Программа', due: '01.11.2023' }),
      programme_id: schoolA1,
      activity_id: a,
      occurrence_id: null,
      dedupe_key: 'matrix',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    region,
    muniA,
    schoolA1,
    completedA1,
    schoolB1,
    section: s,
    completedSection: cs,
    activity: a,
    recurringActivity: r,
    completedActivity: ca,
    occurrence: occ.id,
    evidence: ev.id,
    notification: n.id,
  };
}

type Who = 'anonymous' | 'region' | 'muni' | 'team' | 'curator' | 'expert' | 'teacher' | 'observer';
export interface ProgrammesAccessCase {
  route: string;
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: (w: World) => string;
  body?: (w: World, who: Who) => unknown;
  allowed: Who[];
  leak?: (w: World, who: Who, body: unknown) => boolean;
}

const everyone: Who[] = ['region', 'muni', 'team', 'curator', 'expert', 'teacher', 'observer'];
const editorsA1: Who[] = ['region', 'muni', 'team'];
const executorsA1: Who[] = ['region', 'muni', 'team', 'teacher'];
const coordinators: Who[] = ['region', 'muni', 'curator'];

const passport = {
  name: 'Программа перехода в эффективный режим работы',
  orderIssuer: null,
  orderNumber: null,
  orderDate: null,
  developers: null,
  executors: null,
  goals: null,
  tasks: [],
  expectedResults: null,
  periodFrom: '2023-09-01',
  periodTo: '2024-08-31',
  stages: [],
  controllers: null,
};

/** The matrix cases of every programmes endpoint; `x()` gives the fixture once it is built. */
export function programmesAccessCases(x: () => ProgrammesAccessFixture): ProgrammesAccessCase[] {
  const P = '/api/programmes';
  return [
    {
      route: `GET ${P}`,
      name: 'programme list',
      method: 'GET',
      url: () => P,
      allowed: everyone,
      leak: (_w, who, body) =>
        who !== 'region' && (body as Array<{ id: number }>).some((p) => p.id === x().schoolB1),
    },
    {
      route: `POST ${P}`,
      name: 'create a school programme in A',
      method: 'POST',
      url: () => P,
      body: (w) => ({ ...passport, level: 'school', schoolId: w.schools.a1 }),
      allowed: editorsA1,
    },
    {
      route: `POST ${P}`,
      name: 'create a school programme in B',
      method: 'POST',
      url: () => P,
      body: (w) => ({ ...passport, level: 'school', schoolId: w.schools.b1 }),
      allowed: ['region'],
    },
    {
      route: `GET ${P}/overdue`,
      name: 'overdue list',
      method: 'GET',
      url: () => `${P}/overdue`,
      allowed: coordinators,
    },
    {
      route: `GET ${P}/due-soon`,
      name: 'due-soon list',
      method: 'GET',
      url: () => `${P}/due-soon`,
      allowed: coordinators,
    },
    {
      route: `GET ${P}/progress`,
      name: 'progress by municipality',
      method: 'GET',
      url: () => `${P}/progress`,
      allowed: coordinators,
    },
    {
      route: `POST ${P}/import/parse`,
      name: 'roadmap parse',
      method: 'POST',
      url: () => `${P}/import/parse`,
      body: () => ({}), // not multipart: allowed roles get 406, others are refused before reading it
      allowed: editorsA1,
    },
    {
      route: `POST ${P}/import`,
      name: 'roadmap import into a1',
      method: 'POST',
      url: () => `${P}/import`,
      body: (w) => ({
        target: { level: 'school', schoolId: w.schools.a1 },
        passport,
        sections: [],
        activities: [
          {
            sectionKey: null,
            number: '1',
            text: 'Мероприятие',
            level: null,
            task: null,
            deadlineText: 'ежегодно',
            executors: null,
            plannedResult: null,
            product: null,
            productType: null,
            completionMark: null,
          },
        ],
        indicators: [],
      }),
      allowed: editorsA1,
    },
    {
      route: `POST ${P}/reminders/run`,
      name: 'run reminders',
      method: 'POST',
      url: () => `${P}/reminders/run`,
      allowed: ['region'],
    },
    {
      route: `GET ${P}/:id`,
      name: 'regional programme',
      method: 'GET',
      url: () => `${P}/${x().region}`,
      allowed: everyone,
    },
    {
      route: `GET ${P}/:id`,
      name: 'school programme a1',
      method: 'GET',
      url: () => `${P}/${x().schoolA1}`,
      allowed: everyone,
    },
    {
      route: `GET ${P}/:id`,
      name: 'school programme b1',
      method: 'GET',
      url: () => `${P}/${x().schoolB1}`,
      allowed: ['region'],
    },
    {
      route: `GET ${P}/:id`,
      name: 'municipal programme A',
      method: 'GET',
      url: () => `${P}/${x().muniA}`,
      allowed: ['region', 'muni', 'team', 'curator', 'teacher', 'observer'],
    },
    {
      route: `PATCH ${P}/:id`,
      name: 'edit a1 passport',
      method: 'PATCH',
      url: () => `${P}/${x().schoolA1}`,
      body: () => ({ version: -1, goals: 'Цель' }),
      allowed: editorsA1,
    },
    {
      route: `PATCH ${P}/:id`,
      name: 'edit the regional passport',
      method: 'PATCH',
      url: () => `${P}/${x().region}`,
      body: () => ({ version: -1, goals: 'Цель' }),
      allowed: ['region'],
    },
    {
      route: `DELETE ${P}/:id`,
      name: 'delete a1 programme (not a draft)',
      method: 'DELETE',
      url: () => `${P}/${x().schoolA1}?version=-1&content=-`,
      allowed: editorsA1,
    },
    {
      route: `POST ${P}/:id/status`,
      name: 'a1 status',
      method: 'POST',
      url: () => `${P}/${x().schoolA1}/status`,
      body: () => ({ status: 'approved', version: -1 }),
      allowed: editorsA1,
    },
    {
      route: `GET ${P}/:id/roadmap`,
      name: 'a1 roadmap',
      method: 'GET',
      url: () => `${P}/${x().schoolA1}/roadmap`,
      allowed: everyone,
    },
    {
      route: `GET ${P}/:id/roadmap`,
      name: 'b1 roadmap',
      method: 'GET',
      url: () => `${P}/${x().schoolB1}/roadmap`,
      allowed: ['region'],
    },
    {
      route: `POST ${P}/:id/sections`,
      name: 'a1 add section',
      method: 'POST',
      url: () => `${P}/${x().schoolA1}/sections`,
      body: () => ({ parentId: null, number: '9', title: 'Раздел', tasks: [] }),
      allowed: editorsA1,
    },
    {
      route: `PATCH ${P}/:id/sections/:sectionId`,
      name: 'a1 edit section',
      method: 'PATCH',
      url: () => `${P}/${x().schoolA1}/sections/${x().section}`,
      body: () => ({ version: 'stale', title: 'Организационные меры' }), // allowed roles get 409
      allowed: editorsA1,
    },
    {
      route: `POST ${P}/:id/sections/:sectionId/move`,
      name: 'a1 move section',
      method: 'POST',
      url: () => `${P}/${x().schoolA1}/sections/${x().section}/move`,
      body: () => ({ direction: 'up', version: 'stale' }), // allowed roles get 409
      allowed: editorsA1,
    },
    {
      route: `DELETE ${P}/:id/sections/:sectionId`,
      name: 'delete a section of a completed programme',
      method: 'DELETE',
      url: () => `${P}/${x().completedA1}/sections/${x().completedSection}?version=stale`,
      allowed: editorsA1,
    },
    {
      route: `POST ${P}/:id/activities`,
      name: 'a1 add activity',
      method: 'POST',
      url: () => `${P}/${x().schoolA1}/activities`,
      body: () => ({ text: 'Новое мероприятие', deadlineText: 'Март 2024' }),
      allowed: editorsA1,
    },
    {
      route: `GET ${P}/:id/progress`,
      name: 'a1 progress',
      method: 'GET',
      url: () => `${P}/${x().schoolA1}/progress`,
      allowed: everyone,
    },
    {
      route: `GET ${P}/:id/progress`,
      name: 'b1 progress',
      method: 'GET',
      url: () => `${P}/${x().schoolB1}/progress`,
      allowed: ['region'],
    },
    {
      route: `GET ${P}/:id/document.docx`,
      name: 'a1 docx',
      method: 'GET',
      url: () => `${P}/${x().schoolA1}/document.docx`,
      allowed: everyone,
    },
    {
      route: `GET ${P}/:id/document.xlsx`,
      name: 'b1 xlsx',
      method: 'GET',
      url: () => `${P}/${x().schoolB1}/document.xlsx`,
      allowed: ['region'],
    },
    {
      route: `GET ${P}/:id/report.docx`,
      name: 'a1 report',
      method: 'GET',
      url: () => `${P}/${x().schoolA1}/report.docx`,
      allowed: everyone,
    },
    {
      route: 'GET /api/activities/:id',
      name: 'a1 activity',
      method: 'GET',
      url: () => `/api/activities/${x().activity}`,
      allowed: everyone,
    },
    {
      route: 'PATCH /api/activities/:id',
      name: 'edit a1 activity',
      method: 'PATCH',
      url: () => `/api/activities/${x().activity}`,
      body: () => ({ version: -1, text: 'Педсовет' }),
      allowed: editorsA1,
    },
    {
      route: 'DELETE /api/activities/:id',
      name: 'delete an activity of a completed programme',
      method: 'DELETE',
      url: () => `/api/activities/${x().completedActivity}?version=-1`,
      allowed: editorsA1,
    },
    {
      route: 'POST /api/activities/:id/status',
      name: 'a1 activity status',
      method: 'POST',
      url: () => `/api/activities/${x().activity}/status`,
      body: () => ({ status: 'done', version: -1 }),
      allowed: executorsA1,
    },
    {
      route: 'PATCH /api/activities/:id/occurrences/:occurrenceId',
      name: 'a1 period status',
      method: 'PATCH',
      url: () => `/api/activities/${x().recurringActivity}/occurrences/${x().occurrence}`,
      body: () => ({ status: 'done', version: -1 }),
      allowed: executorsA1,
    },
    {
      route: 'POST /api/activities/:id/evidence',
      name: 'a1 evidence upload',
      method: 'POST',
      url: () => `/api/activities/${x().activity}/evidence`,
      body: () => ({}), // not multipart: allowed roles get 406
      allowed: executorsA1,
    },
    {
      route: 'POST /api/activities/:id/evidence/link',
      name: 'a1 evidence link',
      method: 'POST',
      url: () => `/api/activities/${x().activity}/evidence/link`,
      body: () => ({ url: 'https://school.example.ru/news/1', title: 'Новость' }),
      allowed: executorsA1,
    },
    {
      route: 'GET /api/evidence/:id/file',
      name: 'a1 evidence file',
      method: 'GET',
      url: () => `/api/evidence/${x().evidence}/file`,
      allowed: everyone,
    },
    {
      route: 'POST /api/evidence/:id/review',
      name: 'a1 evidence review',
      method: 'POST',
      url: () => `/api/evidence/${x().evidence}/review`,
      body: () => ({ decision: 'accepted' }),
      allowed: coordinators,
    },
    {
      route: 'DELETE /api/evidence/:id',
      name: 'delete accepted evidence',
      method: 'DELETE',
      url: () => `/api/evidence/${x().evidence}`,
      allowed: editorsA1,
    },
    {
      route: 'GET /api/me/tasks',
      name: 'my tasks',
      method: 'GET',
      url: () => '/api/me/tasks',
      allowed: everyone,
    },
    {
      route: 'GET /api/notifications',
      name: 'notifications',
      method: 'GET',
      url: () => '/api/notifications',
      allowed: everyone,
    },
    {
      route: 'POST /api/notifications/:id/read',
      name: "read the team's notification",
      method: 'POST',
      url: () => `/api/notifications/${x().notification}/read`,
      allowed: ['team'],
    },
    {
      route: 'POST /api/notifications/read-all',
      name: 'read all notifications',
      method: 'POST',
      url: () => '/api/notifications/read-all',
      allowed: everyone,
    },
  ];
}
