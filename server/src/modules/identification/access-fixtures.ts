import type { Database } from '../../platform/db/index.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { World } from '../../test/fixtures.js';
import { identificationService } from './service.js';
import { insertResults } from './testing.js';

/**
 * Identification for the access matrix (test/access-matrix.test.ts): results for a1 and b1, a draft
 * run, an approved run (writes on it are refused for everyone with a 409, so the matrix can call
 * them repeatedly), a parameter set to edit and one to delete.
 */
export interface IdentificationAccessFixture {
  draft: number;
  approved: number;
  paramSet: number;
  deletable: number;
}

type Who = 'anonymous' | 'region' | 'muni' | 'team' | 'curator' | 'expert' | 'teacher' | 'observer';
export interface IdentificationAccessCase {
  route: string;
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: (w: World) => string;
  body?: (w: World, who: Who) => unknown;
  allowed: Who[];
  leak?: (w: World, who: Who, body: unknown) => boolean;
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

export async function buildIdentificationAccessFixture(
  database: Database,
  w: World,
): Promise<IdentificationAccessFixture> {
  await insertResults(database, [
    {
      schoolId: w.schools.a1,
      procedure: 'VPR',
      subject: 'ru',
      grade: 5,
      year: 2030,
      participants: 40,
      belowMin: 16,
    },
    {
      schoolId: w.schools.a1,
      procedure: 'OGE',
      subject: 'ru',
      grade: 9,
      year: 2030,
      participants: 40,
      belowMin: 16,
    },
    {
      schoolId: w.schools.b1,
      procedure: 'VPR',
      subject: 'ru',
      grade: 5,
      year: 2030,
      participants: 40,
      belowMin: 2,
    },
  ]);
  const service = identificationService(database);
  const paramSet = (await service.createParamSet(SYSTEM, { name: 'Набор', params: {} })).id;
  const deletable = (await service.createParamSet(SYSTEM, { name: 'Удаляемый набор', params: {} })).id;
  const draft = (await service.run(SYSTEM, { year: 2030 })).runId;
  const approved = (await service.run(SYSTEM, { year: 2030 })).runId;
  await service.approve(SYSTEM, approved, { orderNumber: '1', orderDate: '2030-09-01' });
  return { draft, approved, paramSet, deletable };
}

const readers: Who[] = ['region', 'muni', 'observer'];
const everyone: Who[] = ['region', 'muni', 'team', 'curator', 'expert', 'teacher', 'observer'];
const schoolIds = (body: unknown) => {
  const b = body as { items?: Array<{ schoolId: number }>; points?: Array<{ schoolId: number }> };
  return (b.items ?? b.points ?? []).map((x) => x.schoolId);
};
/** Nobody but the region sees b1 (municipality B). */
const leaksB1 = (w: World, who: Who, body: unknown) =>
  who !== 'region' && schoolIds(body).includes(w.schools.b1);

export function identificationAccessCases(x: () => IdentificationAccessFixture): IdentificationAccessCase[] {
  const P = '/api/identification';
  return [
    {
      route: `GET ${P}/params`,
      name: 'parameter sets',
      method: 'GET',
      url: () => `${P}/params`,
      allowed: readers,
    },
    {
      route: `POST ${P}/params`,
      name: 'create a parameter set',
      method: 'POST',
      url: () => `${P}/params`,
      body: () => ({ name: 'Строже', params: { threshold: 0.4 } }),
      allowed: ['region'],
    },
    {
      route: `PATCH ${P}/params/:id`,
      name: 'edit a parameter set',
      method: 'PATCH',
      url: () => `${P}/params/${x().paramSet}`,
      body: () => ({ name: 'Набор (изменён)' }),
      allowed: ['region'],
    },
    {
      route: `DELETE ${P}/params/:id`,
      name: 'delete a parameter set',
      method: 'DELETE',
      url: () => `${P}/params/${x().deletable}`,
      allowed: ['region'],
    },
    { route: `GET ${P}/runs`, name: 'runs', method: 'GET', url: () => `${P}/runs`, allowed: readers },
    {
      route: `POST ${P}/runs`,
      name: 'start a run',
      method: 'POST',
      url: () => `${P}/runs`,
      body: () => ({ year: 2030 }),
      allowed: ['region'],
    },
    {
      route: `GET ${P}/runs/:id`,
      name: 'run summary',
      method: 'GET',
      url: () => `${P}/runs/${x().draft}`,
      allowed: readers,
    },
    {
      route: `DELETE ${P}/runs/:id`,
      name: 'delete an approved run (refused)',
      method: 'DELETE',
      url: () => `${P}/runs/${x().approved}`,
      allowed: ['region'],
    },
    {
      route: `GET ${P}/runs/:id/schools`,
      name: 'schools of a run',
      method: 'GET',
      url: () => `${P}/runs/${x().draft}/schools`,
      allowed: readers,
      leak: leaksB1,
    },
    {
      route: `GET ${P}/runs/:id/schools/:schoolId`,
      name: 'outcome of a1 in an approved list',
      method: 'GET',
      url: (w) => `${P}/runs/${x().approved}/schools/${w.schools.a1}`,
      allowed: everyone,
    },
    {
      route: `GET ${P}/runs/:id/schools/:schoolId`,
      name: 'outcome of a1 in a draft run',
      method: 'GET',
      url: (w) => `${P}/runs/${x().draft}/schools/${w.schools.a1}`,
      allowed: readers,
    },
    {
      route: `GET ${P}/runs/:id/schools/:schoolId`,
      name: 'outcome of b1 (out of scope)',
      method: 'GET',
      url: (w) => `${P}/runs/${x().approved}/schools/${w.schools.b1}`,
      allowed: ['region'],
    },
    {
      route: `GET ${P}/runs/:id/scatter`,
      name: 'scatter chart',
      method: 'GET',
      url: () => `${P}/runs/${x().draft}/scatter`,
      allowed: readers,
      leak: leaksB1,
    },
    {
      route: `POST ${P}/runs/:id/whatif`,
      name: 'what-if',
      method: 'POST',
      url: () => `${P}/runs/${x().draft}/whatif`,
      body: () => ({ params: { threshold: 0.5 } }),
      allowed: ['region'],
    },
    {
      route: `GET ${P}/runs/:id/diff`,
      name: 'difference from last year',
      method: 'GET',
      url: () => `${P}/runs/${x().draft}/diff`,
      allowed: readers,
    },
    {
      route: `POST ${P}/runs/:id/propose`,
      name: 'propose the list',
      method: 'POST',
      url: () => `${P}/runs/${x().draft}/propose`,
      body: () => ({ note: null }),
      allowed: ['muni'],
    },
    {
      route: `POST ${P}/runs/:id/approve`,
      name: 'approve an approved list (refused)',
      method: 'POST',
      url: () => `${P}/runs/${x().approved}/approve`,
      body: () => ({ orderNumber: '2', orderDate: '2030-09-02' }),
      allowed: ['region'],
    },
    {
      route: `GET ${P}/runs/:id/list.docx`,
      name: 'list as DOCX',
      method: 'GET',
      url: () => `${P}/runs/${x().approved}/list.docx`,
      allowed: readers,
    },
    {
      route: `GET ${P}/runs/:id/list.xlsx`,
      name: 'list as XLSX',
      method: 'GET',
      url: () => `${P}/runs/${x().approved}/list.xlsx`,
      allowed: readers,
    },
    {
      route: 'GET /api/schools/:id/identification',
      name: 'category history of a1',
      method: 'GET',
      url: (w) => `/api/schools/${w.schools.a1}/identification`,
      allowed: everyone,
    },
    {
      route: 'GET /api/schools/:id/identification',
      name: 'category history of b1 (out of scope)',
      method: 'GET',
      url: (w) => `/api/schools/${w.schools.b1}/identification`,
      allowed: ['region'],
    },
  ];
}
