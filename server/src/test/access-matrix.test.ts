import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from './db.js';
import { buildWorld, signIn, testApp, type Client, type World } from './fixtures.js';
import type { Database } from '../platform/db/index.js';
import type { App } from '../platform/http/context.js';
import {
  buildResultsAccessFixture,
  resultsAccessCases,
  type ResultsAccessFixture,
} from '../modules/results/access-fixtures.js';
import {
  buildProgrammesAccessFixture,
  programmesAccessCases,
  type ProgrammesAccessFixture,
} from '../modules/programmes/access-fixtures.js';
import {
  buildIdentificationAccessFixture,
  identificationAccessCases,
  type IdentificationAccessFixture,
} from '../modules/identification/access-fixtures.js';
import {
  buildIndicatorsAccessFixture,
  indicatorsAccessCases,
  type IndicatorsAccessFixture,
} from '../modules/indicators/access-fixtures.js';

/**
 * Every API endpoint called as every role, on a target in the user's scope and one outside it.
 * A case lists which roles may succeed; any other role must get 401/403/404 and no data.
 * The test also fails when an endpoint exists that no case covers.
 */
type Who = 'anonymous' | 'region' | 'muni' | 'team' | 'curator' | 'expert' | 'teacher' | 'observer';
const ROLES: Who[] = ['anonymous', 'region', 'muni', 'team', 'curator', 'expert', 'teacher', 'observer'];

interface Case {
  route: string; // 'METHOD /path/pattern' as registered
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: (w: World) => string;
  body?: (w: World, who: Who) => unknown;
  allowed: Who[];
  /** For a list: ids that must never appear for the given user. */
  leak?: (w: World, who: Who, body: unknown) => boolean;
}

const schoolBody = (municipalityId: number, code: string) => ({
  municipalityId,
  code,
  inn: null,
  fullName: 'Муниципальное бюджетное общеобразовательное учреждение "СОШ № 9"',
  shortName: 'МБОУ "СОШ № 9"',
  type: 'СОШ',
  locality: 'urban',
  settlement: 'г. Тест',
  address: null,
  isSmall: false,
  shifts: 1,
  studentsNoo: 1,
  studentsOoo: 1,
  studentsSoo: 1,
  teachers: 1,
  vacancies: 0,
  psychologists: null,
  speechTherapists: null,
  defectologists: null,
  socialPedagogues: null,
  internetMbps: null,
  parentId: null,
});
const ctx = {
  lowIncome: 10,
  singleParent: 10,
  parentsHigherEd: 10,
  ovz: 1,
  disabled: 1,
  registered: 1,
  nonRussian: 1,
  extra: {},
};
let seq = 0;
const uniq = () => `${Date.now().toString(36)}${seq++}`;

const visibleA1: Who[] = ['region', 'muni', 'team', 'curator', 'expert', 'teacher', 'observer'];
const ids = (body: unknown) =>
  ((body as { items?: Array<{ id: number }> }).items ?? (body as Array<{ id: number }>)).map((x) => x.id);

const CASES: Case[] = [
  { route: 'GET /api/auth/me', name: 'me', method: 'GET', url: () => '/api/auth/me', allowed: visibleA1 },
  {
    route: 'GET /api/region',
    name: 'region summary',
    method: 'GET',
    url: () => '/api/region',
    allowed: visibleA1,
  },
  {
    route: 'GET /api/municipalities',
    name: 'municipalities',
    method: 'GET',
    url: () => '/api/municipalities',
    allowed: visibleA1,
    leak: (w, who, body) => who !== 'region' && ids(body).includes(w.municipalities.b),
  },
  {
    route: 'GET /api/schools',
    name: 'school list',
    method: 'GET',
    url: () => '/api/schools?pageSize=200',
    allowed: visibleA1,
    leak: (w, who, body) => {
      const seen = ids(body);
      if (who === 'region') return false;
      if (seen.includes(w.schools.b1)) return true;
      return ['team', 'curator', 'expert', 'teacher'].includes(who) && seen.some((id) => id !== w.schools.a1);
    },
  },
  {
    route: 'GET /api/schools/:id',
    name: 'card in scope',
    method: 'GET',
    url: (w) => `/api/schools/${w.schools.a1}`,
    allowed: visibleA1,
  },
  {
    route: 'GET /api/schools/:id',
    name: 'card out of scope',
    method: 'GET',
    url: (w) => `/api/schools/${w.schools.b1}`,
    allowed: ['region'],
  },
  {
    route: 'GET /api/schools/:id',
    name: 'card of another school in the municipality',
    method: 'GET',
    url: (w) => `/api/schools/${w.schools.a2}`,
    allowed: ['region', 'muni', 'observer'],
  },
  {
    route: 'PATCH /api/schools/:id',
    name: 'edit in scope',
    method: 'PATCH',
    url: (w) => `/api/schools/${w.schools.a1}`,
    body: () => ({ version: -1, teachers: 5 }), // a wrong version: allowed roles get 409, others 403/404
    allowed: ['region', 'muni', 'team'],
  },
  {
    route: 'PATCH /api/schools/:id',
    name: 'edit out of scope',
    method: 'PATCH',
    url: (w) => `/api/schools/${w.schools.b1}`,
    body: () => ({ version: -1, teachers: 5 }),
    allowed: ['region'],
  },
  {
    route: 'POST /api/schools',
    name: 'create in A',
    method: 'POST',
    url: () => '/api/schools',
    body: (w) => schoolBody(w.municipalities.a, `M-${uniq()}`),
    allowed: ['region', 'muni'],
  },
  {
    route: 'POST /api/schools',
    name: 'create in B',
    method: 'POST',
    url: () => '/api/schools',
    body: (w) => schoolBody(w.municipalities.b, `M-${uniq()}`),
    allowed: ['region'],
  },
  {
    route: 'PUT /api/schools/:id/context/:year',
    name: 'context in scope',
    method: 'PUT',
    url: (w) => `/api/schools/${w.schools.a1}/context/2030`,
    body: () => ({ ...ctx, version: -1 }),
    allowed: ['region', 'muni', 'team'],
  },
  {
    route: 'PUT /api/schools/:id/context/:year',
    name: 'context out of scope',
    method: 'PUT',
    url: (w) => `/api/schools/${w.schools.b1}/context/2030`,
    body: () => ({ ...ctx, version: -1 }),
    allowed: ['region'],
  },
  {
    route: 'GET /api/schools/:id/history',
    name: 'history in scope',
    method: 'GET',
    url: (w) => `/api/schools/${w.schools.a1}/history`,
    allowed: visibleA1,
  },
  {
    route: 'GET /api/schools/:id/history',
    name: 'history out of scope',
    method: 'GET',
    url: (w) => `/api/schools/${w.schools.b1}/history`,
    allowed: ['region'],
  },
  {
    route: 'GET /api/context-indicators',
    name: 'indicators',
    method: 'GET',
    url: () => '/api/context-indicators',
    allowed: visibleA1,
  },
  {
    route: 'POST /api/context-indicators',
    name: 'define indicator',
    method: 'POST',
    url: () => '/api/context-indicators',
    body: () => ({ code: `x_${uniq()}`, name: 'Показатель', unit: 'percent' }),
    allowed: ['region'],
  },
  {
    route: 'GET /api/users',
    name: 'users',
    method: 'GET',
    url: () => '/api/users',
    allowed: ['region', 'muni'],
    leak: (w, who, body) => who === 'muni' && ids(body).includes(w.users.muni_b!.id),
  },
  {
    route: 'GET /api/users/:id',
    name: 'user in A',
    method: 'GET',
    url: (w) => `/api/users/${w.users.teacher!.id}`,
    allowed: ['region', 'muni'],
  },
  {
    route: 'GET /api/users/:id',
    name: 'user in B',
    method: 'GET',
    url: (w) => `/api/users/${w.users.muni_b!.id}`,
    allowed: ['region'],
  },
  {
    route: 'POST /api/users',
    name: 'create a teacher in A',
    method: 'POST',
    url: () => '/api/users',
    body: (w) => ({
      login: `u${uniq()}`,
      fullName: 'Новый Учитель',
      password: 'long-enough-password',
      role: 'teacher',
      schoolId: w.schools.a1,
    }),
    allowed: ['region', 'muni'],
  },
  {
    route: 'POST /api/users',
    name: 'create a teacher in B',
    method: 'POST',
    url: () => '/api/users',
    body: (w) => ({
      login: `u${uniq()}`,
      fullName: 'Новый Учитель',
      password: 'long-enough-password',
      role: 'teacher',
      schoolId: w.schools.b1,
    }),
    allowed: ['region'],
  },
  {
    route: 'POST /api/users',
    name: 'create a regional coordinator',
    method: 'POST',
    url: () => '/api/users',
    body: () => ({
      login: `u${uniq()}`,
      fullName: 'Новый Координатор',
      password: 'long-enough-password',
      role: 'regional_coordinator',
    }),
    allowed: ['region'],
  },
  {
    route: 'PATCH /api/users/:id',
    name: 'change a role in B',
    method: 'PATCH',
    url: (w) => `/api/users/${w.users.muni_b!.id}`,
    body: () => ({ version: -1, role: 'observer' }),
    allowed: ['region'],
  },
  {
    route: 'PATCH /api/users/:id',
    name: 'change a role in A',
    method: 'PATCH',
    url: (w) => `/api/users/${w.users.teacher!.id}`,
    body: () => ({ version: -1, active: true }),
    allowed: ['region', 'muni'],
  },
  {
    route: 'GET /api/registry/export',
    name: 'registry export',
    method: 'GET',
    url: () => '/api/registry/export',
    allowed: ['region', 'muni', 'observer'],
  },
  {
    route: 'POST /api/registry/import/preview',
    name: 'registry import preview',
    method: 'POST',
    url: () => '/api/registry/import/preview',
    body: () => ({}), // not multipart: allowed roles get 400/406, others are refused before reading it
    allowed: ['region', 'muni'],
  },
  {
    route: 'POST /api/registry/import/commit',
    name: 'registry import commit',
    method: 'POST',
    url: () => '/api/registry/import/commit',
    body: () => ({}),
    allowed: ['region', 'muni'],
  },
  { route: 'GET /api/audit', name: 'audit log', method: 'GET', url: () => '/api/audit', allowed: ['region'] },
  // results (issue 3): reference data, imports, reads, jobs
  ...(['procedures', 'subjects', 'thresholds', 'datasets'] as const).map((what): Case => ({
    route: `GET /api/results/${what}`,
    name: `results ${what}`,
    method: 'GET',
    url: () => `/api/results/${what}`,
    allowed: visibleA1,
  })),
  {
    route: 'PUT /api/results/subjects/:code',
    name: 'results subject edit',
    method: 'PUT',
    url: () => '/api/results/subjects/astronomy',
    body: () => ({ name: 'Астрономия', synonyms: ['астрономия'] }),
    allowed: ['region'],
  },
  {
    route: 'PUT /api/results/thresholds',
    name: 'results threshold edit',
    method: 'PUT',
    url: () => '/api/results/thresholds',
    body: () => ({ procedure: 'EGE', subject: 'ru', year: 2030, kind: 'score', minValue: 24 }),
    allowed: ['region'],
  },
  {
    route: 'GET /api/results/templates',
    name: 'results templates',
    method: 'GET',
    url: () => '/api/results/templates',
    allowed: ['region', 'muni'],
  },
  {
    route: 'POST /api/results/templates',
    name: 'results template save',
    method: 'POST',
    url: () => '/api/results/templates',
    body: () => ({ name: `t-${uniq()}`, importId: rx.ready }),
    allowed: ['region', 'muni'],
  },
  {
    route: 'DELETE /api/results/templates/:id',
    name: "results template delete (the region's)",
    method: 'DELETE',
    url: () => `/api/results/templates/${rx.template}`,
    allowed: ['region'],
  },
  {
    route: 'POST /api/results/imports',
    name: 'results upload',
    method: 'POST',
    url: () => '/api/results/imports',
    body: () => ({}), // not multipart: allowed roles get 406, others are refused before reading it
    allowed: ['region', 'muni'],
  },
  {
    route: 'GET /api/results/imports',
    name: 'results import history',
    method: 'GET',
    url: () => '/api/results/imports',
    allowed: ['region', 'muni'],
  },
  {
    route: 'GET /api/results/imports/:id',
    name: "results import preview (the municipality's import)",
    method: 'GET',
    url: () => `/api/results/imports/${rx.parsed}`,
    allowed: ['region', 'muni'],
  },
  {
    route: 'GET /api/results/imports/:id/rows',
    name: 'results import rows',
    method: 'GET',
    url: () => `/api/results/imports/${rx.parsed}/rows`,
    allowed: ['region', 'muni'],
  },
  {
    route: 'POST /api/results/imports/:id/resolve',
    name: 'results import resolve',
    method: 'POST',
    url: () => `/api/results/imports/${rx.parsed}/resolve`,
    body: () => ({ decisions: [{ key: 2, exclude: true }] }),
    allowed: ['region', 'muni'],
  },
  {
    route: 'POST /api/results/imports/:id/reparse',
    name: 'results import reparse',
    method: 'POST',
    url: () => `/api/results/imports/${rx.parsed}/reparse`,
    body: () => ({ procedure: 'EGE', year: 2019 }),
    allowed: ['region', 'muni'],
  },
  {
    route: 'POST /api/results/imports/:id/commit',
    name: 'results import commit',
    method: 'POST',
    url: () => `/api/results/imports/${rx.ready}/commit`,
    allowed: ['region', 'muni'],
  },
  {
    route: 'POST /api/results/imports/:id/discard',
    name: 'results import discard',
    method: 'POST',
    url: () => `/api/results/imports/${rx.discardable}/discard`,
    allowed: ['region', 'muni'],
  },
  {
    route: 'POST /api/results/imports/:id/rollback',
    name: 'results import rollback',
    method: 'POST',
    url: () => `/api/results/imports/${rx.committed}/rollback`,
    allowed: ['region', 'muni'],
  },
  {
    route: 'GET /api/results/schools/:id',
    name: 'results of a school in scope',
    method: 'GET',
    url: (w) => `/api/results/schools/${w.schools.a1}`,
    allowed: visibleA1,
  },
  {
    route: 'GET /api/results/schools/:id',
    name: 'results of a school out of scope',
    method: 'GET',
    url: (w) => `/api/results/schools/${w.schools.b1}`,
    allowed: ['region'],
  },
  {
    route: 'GET /api/results/schools/:id/export',
    name: 'results export of a school in scope',
    method: 'GET',
    url: (w) => `/api/results/schools/${w.schools.a1}/export`,
    allowed: visibleA1,
  },
  {
    route: 'GET /api/results/schools/:id/export',
    name: 'results export of a school out of scope',
    method: 'GET',
    url: (w) => `/api/results/schools/${w.schools.b1}/export`,
    allowed: ['region'],
  },
  {
    route: 'GET /api/results/summary',
    name: 'results summary',
    method: 'GET',
    url: () => '/api/results/summary?procedure=EGE&subject=ru&grade=11&year=2021',
    allowed: visibleA1,
    leak: (w, who, body) => {
      const seen = (body as { items: Array<{ schoolId: number }> }).items.map((i) => i.schoolId);
      if (who === 'region') return false;
      if (seen.includes(w.schools.b1)) return true;
      return ['team', 'curator', 'expert', 'teacher'].includes(who) && seen.some((id) => id !== w.schools.a1);
    },
  },
  {
    route: 'GET /api/results/summary/export',
    name: 'results summary export',
    method: 'GET',
    url: () => '/api/results/summary/export?procedure=EGE&subject=ru&grade=11&year=2021',
    allowed: visibleA1,
  },
  {
    route: 'GET /api/jobs/:id',
    name: 'job of the region',
    method: 'GET',
    url: () => `/api/jobs/${rx.job}`,
    allowed: ['region'],
  },
  ...resultsAccessCases(() => rx),
  // programmes (issue 5): passports, roadmaps, activities, evidence, notifications
  ...programmesAccessCases(() => px),
  // identification (issue 4): parameter sets, runs, lists, documents, a school's history
  ...identificationAccessCases(() => ix),
  // target indicators (issue 6): catalogue, a programme's indicators, values, drill-down
  ...indicatorsAccessCases(
    () => nx,
    () => px,
  ),
  {
    route: 'POST /api/auth/logout',
    name: 'logout',
    method: 'POST',
    url: () => '/api/auth/logout',
    allowed: [...visibleA1, 'anonymous'],
  },
];
/** Endpoints open by design (sign-in itself) or covered elsewhere. */
const PUBLIC = new Set(['POST /api/auth/login', 'GET /api/health']);

let database: Database;
let app: App;
let world: World;
let rx: ResultsAccessFixture;
let px: ProgrammesAccessFixture;
let ix: IdentificationAccessFixture;
let nx: IndicatorsAccessFixture;
const clients = new Map<Who, Client | null>();

beforeAll(async () => {
  database = await testDatabase();
  world = await buildWorld(database);
  rx = await buildResultsAccessFixture(database, world);
  px = await buildProgrammesAccessFixture(database, world);
  ix = await buildIdentificationAccessFixture(database, world);
  nx = await buildIndicatorsAccessFixture(database, world, px);
  app = await testApp(database);
  for (const who of ROLES) clients.set(who, who === 'anonymous' ? null : await signIn(app, who));
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function call(who: Who, c: Case) {
  const client = clients.get(who)!;
  const body = c.body?.(world, who);
  if (!client)
    return app.inject({
      method: c.method,
      url: c.url(world),
      ...(body !== undefined ? { payload: body as object } : {}),
    });
  return client.call(c.method, c.url(world), body);
}

describe('access matrix', () => {
  for (const c of CASES) {
    for (const who of ROLES) {
      const allowed = c.allowed.includes(who);
      it(`${c.name}: ${who} ${allowed ? 'may' : 'may not'}`, async () => {
        const res = await call(who, c);
        if (allowed) {
          // 409 for a deliberately stale version still proves the user passed the access check.
          expect([200, 201, 409, 400, 406], res.body).toContain(res.statusCode);
          if (c.leak && res.statusCode === 200) expect(c.leak(world, who, res.json())).toBe(false);
        } else {
          expect(who === 'anonymous' ? [401] : [403, 404], res.body).toContain(res.statusCode);
          const text = res.body;
          expect(text).not.toMatch(/"items"|"shortName"|"login":|"before"/);
        }
      });
    }
  }

  it('covers every API endpoint', async () => {
    const covered = new Set(CASES.map((c) => c.route));
    const missing = registeredRoutes(app).filter((r) => !covered.has(r) && !PUBLIC.has(r));
    expect(missing).toEqual([]);
  });
});

function registeredRoutes(a: App): string[] {
  return a.routeList.filter((r) => / \/api\//.test(r) && !r.startsWith('HEAD ') && !r.includes('/api/docs'));
}
