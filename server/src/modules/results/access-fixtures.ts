/**
 * Results data for the access-matrix test: imports in each state owned by the municipal
 * coordinator of municipality A, a template of the region, committed results, a job of the region.
 */
import type { Database } from '../../platform/db/index.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { World } from '../../test/fixtures.js';
import { enqueue } from '../../platform/jobs/queue.js';
import { resultsImportService } from './import-service.js';
import { resultsCatalogService } from './catalog-service.js';
import { bufferSource } from './reader.js';

export interface ResultsAccessFixture {
  /** Parsed, with an unmatched school (key 2). */
  parsed: number;
  /** Parsed, ready to commit. */
  ready: number;
  /** Parsed, to be discarded. */
  discardable: number;
  /** Committed, to be rolled back. */
  committed: number;
  /** A template saved by the region. */
  template: number;
  /** A job of the regional coordinator. */
  job: number;
  /** A threshold row of the region, to be deleted. */
  threshold: number;
  /** A second template of the region, to be renamed (the first one is deleted by its case). */
  renamable: number;
}

const csv = (rows: string[]) =>
  Buffer.from(['ОО;Код ОО;Предмет;Участников;Средний балл', ...rows].join('\n') + '\n');

export async function buildResultsAccessFixture(
  database: Database,
  world: World,
): Promise<ResultsAccessFixture> {
  const base = { fullName: 'test', schoolId: null, assignedSchoolIds: [], locale: 'ru' as const };
  const region: Principal = {
    ...base,
    id: world.users.region!.id,
    login: 'region',
    role: 'regional_coordinator',
    municipalityId: null,
  };
  const muni: Principal = {
    ...base,
    id: world.users.muni!.id,
    login: 'muni',
    role: 'municipal_coordinator',
    municipalityId: world.municipalities.a,
  };
  const imports = resultsImportService(database);
  const src = (rows: string[]) => bufferSource(csv(rows));
  const opts = (year: number) => ({ procedure: 'EGE', year });
  const parsed = await imports.importSource(
    muni,
    'matrix-parsed.csv',
    src(['A-1;A-1;Русский язык;10;50', 'Школа, которой нет;;Русский язык;5;40']),
    opts(2019),
  );
  const ready = await imports.importSource(
    muni,
    'matrix-ready.csv',
    src(['A-1;A-1;Русский язык;10;50']),
    opts(2020),
  );
  const discardable = await imports.importSource(
    muni,
    'matrix-discard.csv',
    src(['A-1;A-1;Русский язык;11;50']),
    opts(2020),
  );
  const committed = await imports.importSource(
    muni,
    'matrix-committed.csv',
    src(['A-2;A-2;Русский язык;12;50']),
    opts(2018),
  );
  await imports.commit(muni, committed, 'ru');
  const reads = await imports.importSource(
    region,
    'matrix-reads.csv',
    src(['A-1;A-1;Русский язык;10;50', 'A-2;A-2;Русский язык;20;55', 'B-1;B-1;Русский язык;30;60']),
    opts(2021),
  );
  await imports.commit(region, reads, 'ru');
  const { id: template } = await resultsCatalogService(database).saveTemplate(region, {
    name: 'matrix',
    importId: reads,
  });
  const job = await enqueue(database.db, { kind: 'matrix.noop', payload: {}, ownerId: region.id });
  const { id: threshold } = await resultsCatalogService(database).putThreshold(region, {
    procedure: 'EGE',
    subject: 'ru',
    year: 2031,
    kind: 'score',
    minValue: 30,
    note: null,
  });
  const { id: renamable } = await resultsCatalogService(database).saveTemplate(region, {
    name: 'matrix to rename',
    importId: reads,
  });
  return { parsed, ready, discardable, committed, template, job, threshold, renamable };
}

type Who = 'anonymous' | 'region' | 'muni' | 'team' | 'curator' | 'expert' | 'teacher' | 'observer';

export interface ResultsAccessCase {
  route: string;
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: (w: World) => string;
  body?: (w: World, who: Who) => unknown;
  allowed: Who[];
  leak?: (w: World, who: Who, body: unknown) => boolean;
}

/** Matrix cases of the results endpoints added for the reference-data screens and the paged preview. */
export function resultsAccessCases(x: () => ResultsAccessFixture): ResultsAccessCase[] {
  return [
    {
      route: 'PATCH /api/results/templates/:id',
      name: "results template rename (the region's)",
      method: 'PATCH',
      url: () => `/api/results/templates/${x().renamable}`,
      body: (_w, who) => ({ name: `matrix ${who}` }),
      allowed: ['region'],
    },
    {
      route: 'DELETE /api/results/thresholds/:id',
      name: 'results threshold delete',
      method: 'DELETE',
      url: () => `/api/results/thresholds/${x().threshold}`,
      allowed: ['region'],
    },
    {
      route: 'GET /api/results/imports/:id/schools',
      name: "results import schools (the municipality's import)",
      method: 'GET',
      url: () => `/api/results/imports/${x().parsed}/schools?review=open`,
      allowed: ['region', 'muni'],
    },
  ];
}
