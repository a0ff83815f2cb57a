import type { Database } from '../../platform/db/index.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { World } from '../../test/fixtures.js';
import type { ProgrammesAccessFixture } from '../programmes/access-fixtures.js';
import { insertResults } from '../identification/testing.js';
import { indicatorsService } from './service.js';
import { postgresFileStore } from '../../platform/files/index.js';

/**
 * Target indicators for the access matrix (test/access-matrix.test.ts), on the programmes fixture's
 * school programme of a1 (in progress) and its completed one (writes there are refused for everyone
 * with a 409, so the matrix can call them repeatedly).
 */
export interface IndicatorsAccessFixture {
  computed: number;
  manual: number;
  completedManual: number;
}

type Who = 'anonymous' | 'region' | 'muni' | 'team' | 'curator' | 'expert' | 'teacher' | 'observer';
export interface IndicatorsAccessCase {
  route: string;
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: (w: World) => string;
  body?: (w: World, who: Who) => unknown;
  allowed: Who[];
}

const SYSTEM: Principal = {
  id: 0,
  login: 'test',
  fullName: 'Тест',
  role: 'regional_coordinator',
  municipalityId: null,
  schoolId: null,
  assignedSchoolIds: [],
  locale: 'ru',
};

export async function buildIndicatorsAccessFixture(
  database: Database,
  w: World,
  px: ProgrammesAccessFixture,
): Promise<IndicatorsAccessFixture> {
  const s = indicatorsService(database);
  await insertResults(database, [
    {
      schoolId: w.schools.a1,
      procedure: 'OGE',
      subject: 'ru',
      grade: 9,
      year: 2024,
      participants: 20,
      belowMin: 3,
    },
  ]);
  const computed = await s.addIndicator(
    SYSTEM,
    px.schoolA1,
    { code: 'oge_below_min_share', baseline: null, baselineYear: null, targets: [] },
    'ru',
  );
  await s.compute(SYSTEM, computed.id, 2024);
  const manual = await s.addIndicator(
    SYSTEM,
    px.schoolA1,
    { code: 'teachers_qualification', baseline: null, baselineYear: null, targets: [] },
    'ru',
  );
  await s.setManual(SYSTEM, manual.id, 2024, { value: 50, source: 'Отчёт', comment: null });
  await s.attachEvidence(
    SYSTEM,
    manual.id,
    2024,
    { name: 'otchet.txt', data: Buffer.from('Отчёт') },
    postgresFileStore(),
    1024 * 1024,
  );
  // the completed programme: written directly (the service refuses changes to completed programmes)
  const { db } = database;
  const done = await db
    .insertInto('programme_indicator')
    .values({
      programme_id: px.completedA1,
      name: 'Показатель завершённой программы',
      unit: '%',
      targets: '[]',
      sort_order: 10,
      calculation: null,
      code: null,
      updated_by: null,
      params: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('indicator_value')
    .values({
      indicator_id: done.id,
      year: 2024,
      method: 'manual',
      value: 10,
      numerator: null,
      denominator: null,
      no_data: null,
      source: 'Отчёт',
      evidence_file_id: null,
      comment: null,
      fingerprint: null,
      computed_by: null,
    })
    .execute();
  return { computed: computed.id, manual: manual.id, completedManual: done.id };
}

const everyone: Who[] = ['region', 'muni', 'team', 'curator', 'expert', 'teacher', 'observer'];
const editorsA1: Who[] = ['region', 'muni', 'team'];
let seq = 0;

/** The matrix cases of every indicators endpoint; `x()` gives the fixture once it is built. */
export function indicatorsAccessCases(
  x: () => IndicatorsAccessFixture,
  px: () => ProgrammesAccessFixture,
): IndicatorsAccessCase[] {
  return [
    {
      route: 'GET /api/indicators/catalogue',
      name: 'indicator catalogue',
      method: 'GET',
      url: () => '/api/indicators/catalogue',
      allowed: everyone,
    },
    {
      route: 'POST /api/indicators/catalogue',
      name: 'define an indicator',
      method: 'POST',
      url: () => '/api/indicators/catalogue',
      body: (_w, who) => ({
        code: `own_${who}_${seq++}`,
        name: 'Свой показатель',
        unit: 'count',
        method: 'manual',
      }),
      allowed: ['region'],
    },
    {
      route: 'PATCH /api/indicators/catalogue/:code',
      name: 'edit a catalogue indicator (stale version)',
      method: 'PATCH',
      url: () => '/api/indicators/catalogue/teachers_qualification',
      body: () => ({ version: 0, name: 'Другое название' }),
      allowed: ['region'],
    },
    {
      route: 'DELETE /api/indicators/catalogue/:code',
      name: 'delete a built-in indicator (refused)',
      method: 'DELETE',
      url: () => '/api/indicators/catalogue/teachers_qualification',
      allowed: ['region'],
    },
    {
      route: 'GET /api/programmes/:id/indicators',
      name: 'a1 indicators',
      method: 'GET',
      url: () => `/api/programmes/${px().schoolA1}/indicators`,
      allowed: everyone,
    },
    {
      route: 'POST /api/programmes/:id/indicators',
      name: 'add an indicator to a1',
      method: 'POST',
      url: () => `/api/programmes/${px().schoolA1}/indicators`,
      body: () => ({ code: 'students_iom' }),
      allowed: editorsA1,
    },
    {
      route: 'POST /api/programmes/:id/indicators/compute',
      name: 'compute a1 indicators',
      method: 'POST',
      url: () => `/api/programmes/${px().schoolA1}/indicators/compute`,
      body: () => ({ year: 2024 }),
      allowed: editorsA1,
    },
    {
      route: 'GET /api/programmes/:id/indicators.xlsx',
      name: 'a1 indicators xlsx',
      method: 'GET',
      url: () => `/api/programmes/${px().schoolA1}/indicators.xlsx`,
      allowed: everyone,
    },
    {
      route: 'PATCH /api/indicators/:id',
      name: 'edit an a1 indicator (stale version)',
      method: 'PATCH',
      url: () => `/api/indicators/${x().manual}`,
      body: () => ({ version: 0, baseline: 10 }),
      allowed: editorsA1,
    },
    {
      route: 'DELETE /api/indicators/:id',
      name: 'delete an indicator of a completed programme (refused)',
      method: 'DELETE',
      url: () => `/api/indicators/${x().completedManual}`,
      allowed: editorsA1,
    },
    {
      route: 'POST /api/indicators/:id/compute',
      name: 'compute an a1 indicator',
      method: 'POST',
      url: () => `/api/indicators/${x().computed}/compute`,
      body: () => ({ year: 2024 }),
      allowed: editorsA1,
    },
    {
      route: 'PUT /api/indicators/:id/values/:year',
      name: 'enter an a1 value without its version (conflict)',
      method: 'PUT',
      url: () => `/api/indicators/${x().manual}/values/2024`,
      body: () => ({ value: 60, source: 'Отчёт ОО' }),
      allowed: editorsA1,
    },
    {
      route: 'DELETE /api/indicators/:id/values/:year',
      name: 'delete a value of a completed programme (refused)',
      method: 'DELETE',
      url: () => `/api/indicators/${x().completedManual}/values/2024`,
      allowed: editorsA1,
    },
    {
      route: 'POST /api/indicators/:id/values/:year/evidence',
      name: 'attach evidence to an a1 value',
      method: 'POST',
      url: () => `/api/indicators/${x().manual}/values/2024/evidence`,
      body: () => ({}), // not multipart: allowed roles get 406, others are refused before reading it
      allowed: editorsA1,
    },
    {
      route: 'GET /api/indicators/:id/values/:year/evidence',
      name: 'evidence of an a1 value',
      method: 'GET',
      url: () => `/api/indicators/${x().manual}/values/2024/evidence`,
      allowed: everyone,
    },
    {
      route: 'GET /api/indicators/:id/values/:year/breakdown',
      name: 'a1 indicator breakdown',
      method: 'GET',
      url: () => `/api/indicators/${x().computed}/values/2024/breakdown`,
      allowed: everyone,
    },
    {
      route: 'GET /api/indicators/:id/values/:year/basis',
      name: 'a1 indicator basis of a1',
      method: 'GET',
      url: (w) => `/api/indicators/${x().computed}/values/2024/basis?schoolId=${w.schools.a1}`,
      allowed: everyone,
    },
  ];
}
