/**
 * Deterministic generator of a fictional demo region («Северная область») with municipalities, schools,
 * their yearly social context and a hidden ground truth for testing identification models.
 * Pure TypeScript, no I/O; every random draw comes from seeded mulberry32 streams (see rng.ts).
 */
import {
  capitalize,
  genitiveOfPlace,
  ruCompare,
  settlementAdjective,
  settlementAdjectiveMasculine,
} from './grammar.js';
import {
  RURAL_STREETS,
  URBAN_STREETS,
  VillageRegistry,
  districtName,
  districtShort,
  randomCentreVillageName,
  randomPgtName,
  randomTownName,
  type RuralLabel,
} from './names.js';
import { Random, allocate, deriveSeed } from './rng.js';

// ---------------------------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------------------------

export interface GenerateOptions {
  /** PRNG seed, default 42. */
  seed?: number;
  /** Number of schools, default 500, 1…45 000. */
  schools?: number;
  /**
   * Number of municipalities. Default: round(schools / 17), at least 3, at most 250 (≈ 30 for 500 schools).
   * Any value is clamped to 1…min(500, floor(schools / 3)) so that every municipality has schools.
   */
  municipalities?: number;
  /** School years as the autumn year, default [2022, 2023, 2024, 2025] (2022/23 … 2025/26). */
  years?: number[];
}

export type MunicipalityKind = 'district' | 'city' | 'okrug';

export interface DemoMunicipality {
  code: string;
  name: string;
  kind: MunicipalityKind;
}

export type DemoSchoolType =
  | 'СОШ'
  | 'ООШ'
  | 'НОШ'
  | 'лицей'
  | 'гимназия'
  | 'центр образования'
  | 'вечерняя школа'
  | 'школа-интернат'
  | 'СОШ с УИОП';

export interface DemoContext {
  schoolYear: number;
  lowIncome: number;
  singleParent: number;
  parentsHigherEd: number;
  ovz: number;
  disabled: number;
  registered: number;
  nonRussian: number;
  /** Region-defined indicators keyed by `DemoRegion.contextIndicators[].code`. */
  extra: Record<string, number>;
}

export interface DemoSchool {
  code: string;
  municipalityCode: string;
  parentCode: string | null;
  inn: string | null;
  fullName: string;
  shortName: string;
  type: DemoSchoolType;
  locality: 'urban' | 'rural';
  settlement: string;
  address: string;
  isSmall: boolean;
  shifts: 1 | 2;
  studentsNoo: number;
  studentsOoo: number;
  studentsSoo: number;
  teachers: number;
  vacancies: number;
  psychologists: number;
  speechTherapists: number;
  defectologists: number;
  socialPedagogues: number;
  internetMbps: number;
  context: DemoContext[];
  truth: { latentQuality: number; contextEffect: number };
}

export interface DemoContextIndicator {
  code: string;
  name: string;
  unit: 'percent' | 'count' | 'number' | 'boolean';
}

export interface DemoRegion {
  region: { code: string; name: string };
  municipalities: DemoMunicipality[];
  schools: DemoSchool[];
  /** Definitions of the region-defined indicators found in `DemoContext.extra` (the fixed fields are not listed). */
  contextIndicators: DemoContextIndicator[];
}

export const DEMO_REGION = { code: '01', name: 'Северная область', addressName: 'Северная обл.' } as const;
export const DEMO_CAPITAL = 'Северогорск';
export const MAX_DEMO_SCHOOLS = 45_000;
export const MAX_DEMO_MUNICIPALITIES = 500;
export const DEFAULT_DEMO_YEARS: readonly number[] = [2022, 2023, 2024, 2025];

export const DEMO_CONTEXT_INDICATORS: readonly DemoContextIndicator[] = [
  {
    code: 'long_commute',
    name: 'Доля обучающихся, проживающих далее 5 км от школы (подвоз)',
    unit: 'percent',
  },
  { code: 'no_internet_home', name: 'Доля обучающихся без доступа к интернету дома', unit: 'percent' },
  {
    code: 'risk_families',
    name: 'Доля обучающихся из семей, находящихся в социально опасном положении',
    unit: 'percent',
  },
  { code: 'orphans', name: 'Число детей-сирот и детей, оставшихся без попечения родителей', unit: 'count' },
  {
    code: 'distance_to_center_km',
    name: 'Расстояние от школы до административного центра муниципалитета, км',
    unit: 'number',
  },
  {
    code: 'hard_to_reach',
    name: 'Школа расположена в труднодоступной (отдалённой) местности',
    unit: 'boolean',
  },
];

/** The percent-valued fields of DemoContext (the fixed ones). */
export const DEMO_CONTEXT_FIELDS = [
  'lowIncome',
  'singleParent',
  'parentsHigherEd',
  'ovz',
  'disabled',
  'registered',
  'nonRussian',
] as const;

/**
 * Coefficients of the ground-truth context effect (see expectedResultShift): for each indicator the effect is
 * `coef × (value − centre)`, values in percent. Fixed fields by name, extras by their code in `extra`
 * (a missing extra counts as its centre, i.e. contributes 0).
 */
export const CONTEXT_EFFECT_TERMS: readonly { key: string; coef: number; centre: number }[] = [
  { key: 'lowIncome', coef: -0.02, centre: 25 },
  { key: 'singleParent', coef: -0.006, centre: 22 },
  { key: 'parentsHigherEd', coef: 0.015, centre: 26 },
  { key: 'ovz', coef: -0.02, centre: 7 },
  { key: 'disabled', coef: -0.01, centre: 2 },
  { key: 'registered', coef: -0.03, centre: 2.5 },
  { key: 'nonRussian', coef: -0.01, centre: 7.5 },
  { key: 'long_commute', coef: -0.004, centre: 14 },
  { key: 'no_internet_home', coef: -0.008, centre: 13.5 },
  { key: 'risk_families', coef: -0.02, centre: 5 },
];

/**
 * Expected shift of a school's results caused by its social context, in standard deviations of the
 * school-level result scale (0 = a typical school of the region, negative = disadvantaged). Linear:
 *
 *   shift = − 0.020 · (lowIncome − 25)        − 0.006 · (singleParent − 22)
 *           + 0.015 · (parentsHigherEd − 26)  − 0.020 · (ovz − 7)
 *           − 0.010 · (disabled − 2)          − 0.030 · (registered − 2.5)
 *           − 0.010 · (nonRussian − 7.5)      − 0.004 · (extra.long_commute − 14)
 *           − 0.008 · (extra.no_internet_home − 13.5) − 0.020 · (extra.risk_families − 5)
 *
 * (all values in percent; the coefficients are CONTEXT_EFFECT_TERMS). A school's `truth.contextEffect` is this
 * function applied to the mean of its context rows over all generated years (equal to the mean of the yearly
 * shifts, as the function is linear), rounded to 4 decimals. The simulated result of a school is meant to be
 * `truth.latentQuality + truth.contextEffect + noise`; `latentQuality` ~ N(0, 1) is drawn independently of context.
 */
export function expectedResultShift(ctx: DemoContext): number {
  let s = 0;
  for (const t of CONTEXT_EFFECT_TERMS) {
    const v = fieldValue(ctx, t.key) ?? t.centre;
    s += t.coef * (v - t.centre);
  }
  return s;
}

function fieldValue(ctx: DemoContext, key: string): number | undefined {
  switch (key) {
    case 'lowIncome':
      return ctx.lowIncome;
    case 'singleParent':
      return ctx.singleParent;
    case 'parentsHigherEd':
      return ctx.parentsHigherEd;
    case 'ovz':
      return ctx.ovz;
    case 'disabled':
      return ctx.disabled;
    case 'registered':
      return ctx.registered;
    case 'nonRussian':
      return ctx.nonRussian;
    default:
      return ctx.extra[key];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Internals
// ---------------------------------------------------------------------------------------------------------------

type Legal = 'МБОУ' | 'МАОУ' | 'МКОУ';
type Cat = 'town' | 'pgt' | 'ruralCentre' | 'rural';
type SettlementLabel = 'г.' | 'пгт' | RuralLabel;

const LEGAL: Record<Legal, { full: string; genitive: string }> = {
  МБОУ: {
    full: 'Муниципальное бюджетное общеобразовательное учреждение',
    genitive: 'муниципального бюджетного общеобразовательного учреждения',
  },
  МАОУ: {
    full: 'Муниципальное автономное общеобразовательное учреждение',
    genitive: 'муниципального автономного общеобразовательного учреждения',
  },
  МКОУ: {
    full: 'Муниципальное казённое общеобразовательное учреждение',
    genitive: 'муниципального казённого общеобразовательного учреждения',
  },
};

/** Short and full labels of a school type; `gender` agrees the village adjective (Ивановский центр образования). */
const TYPE_LABEL: Record<DemoSchoolType, { short: string; full: string; gender: 'm' | 'f' }> = {
  СОШ: { short: 'СОШ', full: 'средняя общеобразовательная школа', gender: 'f' },
  ООШ: { short: 'ООШ', full: 'основная общеобразовательная школа', gender: 'f' },
  НОШ: { short: 'НОШ', full: 'начальная общеобразовательная школа', gender: 'f' },
  'СОШ с УИОП': {
    short: 'СОШ с УИОП',
    full: 'средняя общеобразовательная школа с углублённым изучением отдельных предметов',
    gender: 'f',
  },
  лицей: { short: 'лицей', full: 'лицей', gender: 'm' },
  гимназия: { short: 'гимназия', full: 'гимназия', gender: 'f' },
  'центр образования': { short: 'центр образования', full: 'центр образования', gender: 'm' },
  'вечерняя школа': { short: 'В(С)ОШ', full: 'вечерняя (сменная) общеобразовательная школа', gender: 'f' },
  'школа-интернат': {
    short: 'школа-интернат',
    full: 'средняя общеобразовательная школа-интернат',
    gender: 'f',
  },
};

interface Settlement {
  label: SettlementLabel;
  name: string;
  adjF: string | null;
  postal: string;
  drafts: Draft[];
}

interface MunPlan {
  index: number;
  code: string;
  kind: MunicipalityKind;
  name: string;
  /** Town of a city/okrug or the centre of a district. */
  centre: Settlement;
  centreCat: Cat;
  /** Adjective (masculine) of a district, e.g. «Ивановский». */
  adjM: string | null;
  remoteness: number;
  socialOffset: number;
  ethnic: boolean;
  kazShare: number;
  autonomousShare: number;
  urbanCount: number;
  ruralCount: number;
  registry: VillageRegistry;
  villages: Settlement[];
  drafts: Draft[];
}

interface Draft {
  mun: MunPlan;
  cat: Cat;
  isSmall: boolean;
  popScore: number;
  settlement: Settlement | null;
  type: DemoSchoolType;
  legal: Legal;
  number: number | null;
  withPlace: boolean;
  parent: Draft | null;
  branchCount: number;
  innerShort: string;
  innerFull: string;
  shortName: string;
  fullName: string;
  code: string;
  total: number;
  disadvantage: number;
}

interface Resolved {
  seed: number;
  schools: number;
  municipalities: number;
  years: number[];
}

function resolveOptions(opts: GenerateOptions): Resolved {
  const seed = opts.seed ?? 42;
  if (!Number.isFinite(seed)) throw new RangeError('seed must be a finite number');
  const schools = opts.schools ?? 500;
  if (!Number.isInteger(schools) || schools < 1 || schools > MAX_DEMO_SCHOOLS) {
    throw new RangeError(`schools must be an integer in 1…${MAX_DEMO_SCHOOLS}`);
  }
  let municipalities = opts.municipalities ?? Math.min(250, Math.max(3, Math.round(schools / 17)));
  if (!Number.isInteger(municipalities) || municipalities < 1) {
    throw new RangeError('municipalities must be a positive integer');
  }
  municipalities = Math.min(municipalities, MAX_DEMO_MUNICIPALITIES, Math.max(1, Math.floor(schools / 3)));
  const years = [...new Set(opts.years ?? DEFAULT_DEMO_YEARS)].sort((a, b) => a - b);
  if (years.length === 0 || years.some((y) => !Number.isInteger(y) || y < 2000 || y > 2100)) {
    throw new RangeError('years must be a non-empty list of autumn years (2000…2100)');
  }
  return { seed: Math.trunc(seed), schools, municipalities, years };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const round1 = (x: number): number => Math.round(x * 10) / 10;
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const halfSteps = (x: number): number => Math.round(x * 2) / 2;

/** Check digit of a 10-digit legal-entity INN. */
export function innCheckDigit(first9: string): number {
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (weights[i] ?? 0) * Number(first9.charAt(i));
  return (sum % 11) % 10;
}

export function isValidLegalInn(inn: string): boolean {
  return /^\d{10}$/.test(inn) && innCheckDigit(inn.slice(0, 9)) === Number(inn.charAt(9));
}

// ---------------------------------------------------------------------------------------------------------------

export function generateDemoRegion(opts: GenerateOptions = {}): DemoRegion {
  const o = resolveOptions(opts);
  const rStruct = new Random(deriveSeed(o.seed, 'structure'));
  const rNames = new Random(deriveSeed(o.seed, 'names'));
  const rSchool = new Random(deriveSeed(o.seed, 'schools'));
  const rCtx = new Random(deriveSeed(o.seed, 'context'));
  const rTruth = new Random(deriveSeed(o.seed, 'truth'));

  const muns = buildMunicipalities(o, rStruct, rNames);
  allocateSchools(o, muns, rStruct);
  const drafts = buildDrafts(o, muns, rStruct);
  placeSchools(muns, rNames, rSchool);
  assignBranches(o, drafts, rSchool);
  nameSchools(muns, rNames);
  const schools = materialise(o, muns, rSchool, rCtx, rTruth);

  return {
    region: { code: DEMO_REGION.code, name: DEMO_REGION.name },
    municipalities: muns.map((m) => ({ code: m.code, name: m.name, kind: m.kind })),
    schools,
    contextIndicators: DEMO_CONTEXT_INDICATORS.map((c) => ({ ...c })),
  };
}

// --- municipalities ---------------------------------------------------------------------------------------------

function buildMunicipalities(o: Resolved, rng: Random, rNames: Random): MunPlan[] {
  const M = o.municipalities;
  const C = M >= 2 ? clamp(Math.round(M * 0.12), 1, M - 1) : 0;
  const townNames = new Set<string>();
  const adjectives = new Set<string>();
  const reserveName = (name: string): void => {
    townNames.add(name.toLowerCase());
    const adj = settlementAdjectiveMasculine(name);
    if (adj) adjectives.add(adj.toLowerCase());
  };

  const cities: MunPlan[] = [];
  for (let i = 0; i < C; i++) {
    let name = DEMO_CAPITAL;
    if (i > 0) {
      name = uniqueName(
        () => randomTownName(rNames),
        (n) => isFreshTown(n, townNames, adjectives),
        400,
      );
    }
    reserveName(name);
    const kind: MunicipalityKind = i % 2 === 0 ? 'okrug' : 'city';
    const centre: Settlement = {
      label: 'г.',
      name,
      adjF: settlementAdjective(name, 'f'),
      postal: '',
      drafts: [],
    };
    cities.push({
      ...emptyPlan(centre, 'town'),
      kind,
      name: kind === 'okrug' ? `городской округ ${name}` : `г. ${name}`,
      remoteness: rng.normal(-1, 0.2),
      socialOffset: i === 0 ? -0.15 : rng.normal(0, 0.2),
      ethnic: rng.chance(0.05),
      kazShare: rng.uniform(0.02, 0.15),
      autonomousShare: rng.uniform(0.1, 0.35),
    });
  }

  const districts: MunPlan[] = [];
  for (let i = 0; i < M - C; i++) {
    let cat: Cat =
      M === 1
        ? 'town'
        : rng.weighted<Cat>([
            ['town', 55],
            ['pgt', 30],
            ['ruralCentre', 15],
          ]);
    let name: string | null = null;
    for (const attempt of [cat, 'ruralCentre', 'pgt', 'town'] as const) {
      cat = attempt;
      const make =
        attempt === 'town'
          ? () => randomTownName(rNames)
          : attempt === 'pgt'
            ? () => randomPgtName(rNames)
            : () => randomCentreVillageName(rNames);
      // A пгт gives its name to the district only in the -ский form («Первомайский муниципальный район»).
      // District names are -ский/-цкий adjectives: no «Заречный муниципальный район» from г. Заречный.
      const ok = (n: string): boolean =>
        isFreshTown(n, townNames, adjectives) &&
        (attempt !== 'pgt' || n.endsWith('ский')) &&
        /[сц]кий$/.test(settlementAdjectiveMasculine(n) ?? '');
      name = tryUniqueName(make, ok, 300);
      if (name) break;
    }
    if (!name) throw new Error('demo generator ran out of municipality names; use fewer municipalities');
    reserveName(name);
    const adjM = settlementAdjectiveMasculine(name);
    if (!adjM) throw new Error(`no adjective for ${name}`);
    const label: SettlementLabel = cat === 'town' ? 'г.' : cat === 'pgt' ? 'пгт' : 'с.';
    const centre: Settlement = { label, name, adjF: settlementAdjective(name, 'f'), postal: '', drafts: [] };
    const remoteness = rng.normal(0, 0.5);
    districts.push({
      ...emptyPlan(centre, cat),
      kind: 'district',
      name: districtName(adjM),
      adjM,
      remoteness,
      socialOffset: rng.normal(0.1 * remoteness, 0.3),
      ethnic: rng.chance(0.15),
      kazShare: rng.uniform(0.15, 0.75),
      autonomousShare: rng.uniform(0.02, 0.12),
    });
  }

  const sortedCities = [
    ...cities.slice(0, 1),
    ...cities.slice(1).sort((a, b) => ruCompare(a.centre.name, b.centre.name)),
  ];
  const sortedDistricts = districts.sort((a, b) => ruCompare(a.name, b.name));
  const all = [...sortedCities, ...sortedDistricts];
  const width = Math.max(2, String(all.length).length);
  all.forEach((m, i) => {
    m.index = i;
    m.code = DEMO_REGION.code + pad(i + 1, width);
    m.centre.postal = postalIndex(i, 0);
    m.registry.reserve(m.centre.name);
  });
  return all;
}

function emptyPlan(centre: Settlement, centreCat: Cat): MunPlan {
  return {
    index: 0,
    code: '',
    kind: 'district',
    name: '',
    centre,
    centreCat,
    adjM: null,
    remoteness: 0,
    socialOffset: 0,
    ethnic: false,
    kazShare: 0.3,
    autonomousShare: 0.05,
    urbanCount: 0,
    ruralCount: 0,
    registry: new VillageRegistry(),
    villages: [],
    drafts: [],
  };
}

function isFreshTown(name: string, towns: Set<string>, adjectives: Set<string>): boolean {
  const adj = settlementAdjectiveMasculine(name);
  return adj !== null && !towns.has(name.toLowerCase()) && !adjectives.has(adj.toLowerCase());
}

function tryUniqueName(make: () => string, ok: (n: string) => boolean, tries: number): string | null {
  for (let i = 0; i < tries; i++) {
    const n = make();
    if (ok(n)) return n;
  }
  return null;
}

function uniqueName(make: () => string, ok: (n: string) => boolean, tries: number): string {
  const n = tryUniqueName(make, ok, tries);
  if (!n) throw new Error('demo generator ran out of town names; use fewer municipalities');
  return n;
}

/** Fictional 6-digit postal index: 40 indices per municipality from 620000 on. */
function postalIndex(munIndex: number, offset: number): string {
  return String(620_000 + munIndex * 40 + (offset % 40));
}

// --- how many schools where -------------------------------------------------------------------------------------

function allocateSchools(o: Resolved, muns: MunPlan[], rng: Random): void {
  const N = o.schools;
  const U = Math.round(N * (0.375 + rng.uniform(-0.01, 0.01)));
  const R = N - U;
  const cities = muns.filter((m) => m.kind !== 'district');
  const districts = muns.filter((m) => m.kind === 'district');
  const urbanDistricts = districts.filter((m) => m.centreCat === 'town' || m.centreCat === 'pgt');

  let Uc = 0;
  if (cities.length > 0) Uc = urbanDistricts.length === 0 ? U : Math.max(cities.length, Math.round(U * 0.62));
  Uc = Math.min(Uc, U);
  const Ud = U - Uc;

  const cityCounts = allocate(
    Uc,
    cities.map((_, i) => (i === 0 ? 5 : rng.logNormal(1, 0.45))),
    cities.map(() => (Uc >= cities.length ? 1 : 0)),
  );
  cities.forEach((m, i) => (m.urbanCount = cityCounts[i] ?? 0));

  const dCounts = allocate(
    Ud,
    urbanDistricts.map((m) => rng.logNormal(m.centreCat === 'town' ? 1 : 0.5, 0.4)),
    urbanDistricts.map(() => (Ud >= urbanDistricts.length ? 1 : 0)),
  );
  urbanDistricts.forEach((m, i) => (m.urbanCount = dCounts[i] ?? 0));

  const ruralHolders = muns.filter((m) => m.kind !== 'city');
  const ruralWeights = ruralHolders.map((m) =>
    m.kind === 'district' ? rng.logNormal(1, 0.4) * Math.exp(0.2 * m.remoteness) : 0.12,
  );
  // Every district gets at least one rural school when there are enough; those without a town school must.
  const everyDistrict = ruralHolders.map((m): number => (m.kind === 'district' ? 1 : 0));
  const needed = ruralHolders.map((m): number => (m.kind === 'district' && m.urbanCount === 0 ? 1 : 0));
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  const ruralMin =
    sum(everyDistrict) <= R ? everyDistrict : sum(needed) <= R ? needed : ruralHolders.map(() => 0);
  const rCounts = allocate(R, ruralWeights, ruralMin);
  ruralHolders.forEach((m, i) => (m.ruralCount = rCounts[i] ?? 0));
}

// --- school skeletons and «малокомплектные» ---------------------------------------------------------------------

function newDraft(mun: MunPlan, cat: Cat): Draft {
  return {
    mun,
    cat,
    isSmall: false,
    popScore: Number.POSITIVE_INFINITY,
    settlement: null,
    type: 'СОШ',
    legal: 'МБОУ',
    number: null,
    withPlace: true,
    parent: null,
    branchCount: 0,
    innerShort: '',
    innerFull: '',
    shortName: '',
    fullName: '',
    code: '',
    total: 0,
    disadvantage: 0,
  };
}

function buildDrafts(o: Resolved, muns: MunPlan[], rng: Random): Draft[] {
  const all: Draft[] = [];
  for (const m of muns) {
    const urbanCat: Cat = m.kind !== 'district' ? 'town' : m.centreCat;
    for (let i = 0; i < m.urbanCount; i++) m.drafts.push(newDraft(m, urbanCat));
    const centreSchools =
      m.centreCat === 'ruralCentre' ? Math.min(m.ruralCount, m.ruralCount >= 12 ? 2 : 1) : 0;
    for (let i = 0; i < m.ruralCount; i++) {
      const d = newDraft(m, i < centreSchools ? 'ruralCentre' : 'rural');
      if (d.cat === 'rural') {
        d.popScore = Math.exp(rng.normal(0, 1) - 0.8 * m.remoteness) * (m.kind === 'okrug' ? 1.5 : 1);
      }
      m.drafts.push(d);
    }
    all.push(...m.drafts);
  }
  // Exactly K small schools: the rural schools in the smallest villages.
  const rural = all.filter((d) => d.cat === 'rural');
  const K = Math.min(rural.length, Math.round(o.schools * (0.275 + rng.uniform(-0.008, 0.008))));
  const bySize = rural.map((d, i) => [d.popScore, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let k = 0; k < K; k++) {
    const idx = bySize[k]?.[1];
    const d = idx === undefined ? undefined : rural[idx];
    if (d) d.isSmall = true;
  }
  return all;
}

// --- settlements, types, legal forms ------------------------------------------------------------------------------

function placeSchools(muns: MunPlan[], rNames: Random, rng: Random): void {
  for (const m of muns) {
    let villageNo = 0;
    const okrugVillagePostal = (): string => postalIndex(m.index, 30 + (villageNo++ % 10));
    const districtVillagePostal = (): string => postalIndex(m.index, 3 + (villageNo++ % 37));
    for (const d of m.drafts) {
      if (d.cat === 'town' || d.cat === 'pgt' || d.cat === 'ruralCentre') {
        d.settlement = m.centre;
        m.centre.drafts.push(d);
        continue;
      }
      const label = rng.weighted(d.isSmall ? LABELS_SMALL : LABELS_RURAL);
      const v = m.registry.next(rNames, label);
      let s: Settlement;
      if (v) {
        s = {
          label: v.label,
          name: v.name,
          adjF: v.adjF,
          postal: m.kind === 'okrug' ? okrugVillagePostal() : districtVillagePostal(),
          drafts: [],
        };
        m.villages.push(s);
      } else {
        // Out of fresh names (only at extreme sizes): a second school in an existing village, numbered.
        const candidates = m.villages.length > 0 ? m.villages : [m.centre];
        s = rNames.pick(candidates);
      }
      d.settlement = s;
      s.drafts.push(d);
    }
    for (const d of m.drafts) {
      d.type = pickType(d, rng);
      d.legal = pickLegal(d, rng);
    }
  }
}

type Weighted<T> = readonly (readonly [T, number])[];

const TYPES_TOWN: Weighted<DemoSchoolType> = [
  ['СОШ', 62],
  ['СОШ с УИОП', 6],
  ['лицей', 8],
  ['гимназия', 9],
  ['центр образования', 5],
  ['вечерняя школа', 3],
  ['школа-интернат', 2],
  ['ООШ', 4],
  ['НОШ', 1],
];
/** пгт: no лицеи and гимназии (they are only in towns). */
const TYPES_PGT: Weighted<DemoSchoolType> = [
  ['СОШ', 84],
  ['СОШ с УИОП', 2],
  ['ООШ', 8],
  ['центр образования', 3],
  ['вечерняя школа', 1.5],
  ['школа-интернат', 1.5],
];
const TYPES_RURAL_CENTRE: Weighted<DemoSchoolType> = [
  ['СОШ', 85],
  ['СОШ с УИОП', 5],
  ['центр образования', 5],
  ['школа-интернат', 5],
];
const TYPES_SMALL: Weighted<DemoSchoolType> = [
  ['НОШ', 25],
  ['ООШ', 45],
  ['СОШ', 30],
];
const TYPES_RURAL: Weighted<DemoSchoolType> = [
  ['СОШ', 76],
  ['ООШ', 17],
  ['центр образования', 3],
  ['школа-интернат', 3],
  ['СОШ с УИОП', 1],
];
const LABELS_SMALL: Weighted<RuralLabel> = [
  ['д.', 50],
  ['с.', 40],
  ['п.', 10],
];
const LABELS_RURAL: Weighted<RuralLabel> = [
  ['с.', 70],
  ['п.', 20],
  ['д.', 10],
];

function pickType(d: Draft, rng: Random): DemoSchoolType {
  if (d.cat === 'town') return rng.weighted(TYPES_TOWN);
  if (d.cat === 'pgt') return rng.weighted(TYPES_PGT);
  if (d.cat === 'ruralCentre') return rng.weighted(TYPES_RURAL_CENTRE);
  return rng.weighted(d.isSmall ? TYPES_SMALL : TYPES_RURAL);
}

function pickLegal(d: Draft, rng: Random): Legal {
  if (d.type === 'лицей' || d.type === 'гимназия') return rng.chance(0.55) ? 'МАОУ' : 'МБОУ';
  const kaz = Math.min(0.9, d.mun.kazShare * (d.isSmall ? 1.3 : 1));
  const aut = d.mun.autonomousShare * (d.isSmall ? 0.3 : 1);
  return rng.weighted<Legal>([
    ['МКОУ', kaz],
    ['МАОУ', aut],
    ['МБОУ', Math.max(0.05, 1 - kaz - aut)],
  ]);
}

// --- branches -----------------------------------------------------------------------------------------------------

function assignBranches(o: Resolved, drafts: Draft[], rng: Random): void {
  const target = Math.round(o.schools * 0.03);
  const candidates = rng.shuffle(drafts.filter((d) => d.isSmall && (d.type === 'НОШ' || d.type === 'ООШ')));
  const parentPool = new Map<MunPlan, Draft[]>();
  for (const d of drafts) {
    if (d.isSmall || !['СОШ', 'СОШ с УИОП', 'центр образования', 'ООШ'].includes(d.type)) continue;
    const list = parentPool.get(d.mun) ?? [];
    list.push(d);
    parentPool.set(d.mun, list);
  }
  let made = 0;
  const fits = (p: Draft, b: Draft): boolean => p.branchCount < 3 && (p.type !== 'ООШ' || b.type === 'НОШ');
  for (const b of candidates) {
    if (made >= target) break;
    const pool = parentPool.get(b.mun) ?? [];
    // Prefer a rural parent (a central village school) 70 % of the time; random probes, then a full scan.
    const wantRural = rng.chance(0.7);
    let parent: Draft | null = null;
    for (let i = 0; i < 30 && pool.length > 0 && !parent; i++) {
      const p = rng.pick(pool);
      if (fits(p, b) && (!wantRural || (p.cat !== 'town' && p.cat !== 'pgt'))) parent = p;
    }
    parent ??= pool.find((p) => fits(p, b)) ?? null;
    if (!parent) continue;
    b.parent = parent;
    b.legal = parent.legal;
    parent.branchCount++;
    made++;
  }
}

// --- names --------------------------------------------------------------------------------------------------------

function nameSchools(muns: MunPlan[], rng: Random): void {
  for (const m of muns) {
    const settlements = [m.centre, ...m.villages];
    for (const s of settlements) {
      if (s.drafts.length === 0) continue;
      if (s.label === 'г.' || (s.label === 'пгт' && s.drafts.length > 1)) numberUrban(s, m, rng);
      else if (s.drafts.length > 1) s.drafts.forEach((d, i) => (d.number = i + 1));
    }
    // Main schools first: a branch's name contains its parent's.
    for (const branchPass of [false, true]) {
      for (const s of settlements) {
        for (const d of s.drafts) {
          if ((d.parent !== null) !== branchPass) continue;
          setInnerName(d, s);
          const legal = LEGAL[d.legal];
          if (d.parent) {
            d.shortName = `Филиал ${d.parent.shortName} – "${d.innerShort}"`;
            d.fullName = `Филиал ${legal.genitive} "${d.parent.innerFull}" – "${d.innerFull}"`;
          } else {
            d.shortName = `${d.legal} "${d.innerShort}"`;
            d.fullName = `${legal.full} "${d.innerFull}"`;
          }
        }
      }
    }
  }
}

/** Town schools: one shared number sequence with gaps (closed schools); evening and boarding schools separately. */
function numberUrban(s: Settlement, m: MunPlan, rng: Random): void {
  const main = s.drafts.filter((d) => d.type !== 'вечерняя школа' && d.type !== 'школа-интернат');
  const gaps = Math.floor(main.length * 0.12);
  const numbers = rng
    .shuffle(Array.from({ length: main.length + gaps }, (_, i) => i + 1))
    .slice(0, main.length);
  main.forEach((d, i) => {
    d.number = numbers[i] ?? i + 1;
    d.withPlace = !['лицей', 'гимназия', 'центр образования'].includes(d.type) || rng.chance(0.4);
  });
  for (const t of ['вечерняя школа', 'школа-интернат'] as const) {
    const list = s.drafts.filter((d) => d.type === t);
    const isCapital = m.index === 0;
    list.forEach((d, i) => {
      d.number = list.length > 1 || isCapital ? i + 1 : null;
      d.withPlace = d.number === null || t === 'вечерняя школа' || rng.chance(0.4);
    });
  }
}

function placePhrase(s: Settlement): string {
  if (s.label === 'г.') return `г. ${genitiveOfPlace(s.name)}`;
  return `${s.label} ${s.name}`;
}

function setInnerName(d: Draft, s: Settlement): void {
  const t = TYPE_LABEL[d.type];
  const num = d.number !== null ? ` № ${d.number}` : '';
  const urbanNumbered = s.label === 'г.' || (s.label === 'пгт' && s.drafts.length > 1);
  const adjective = s.adjF ? (t.gender === 'f' ? s.adjF : settlementAdjective(s.name, 'm')) : null;
  if (!urbanNumbered && adjective) {
    // «Ивановская СОШ», «Ивановская СОШ № 2», «Ивановский центр образования», «Заречная СОШ» (single school of a пгт)
    d.innerShort = `${adjective} ${t.short}${num}`;
    d.innerFull = `${adjective} ${t.full}${num}`;
    return;
  }
  const place = d.withPlace || !urbanNumbered ? ` ${placePhrase(s)}` : '';
  if (d.type === 'СОШ с УИОП') {
    // «СОШ № 7 с УИОП г. Северогорска» is also common; we use «СОШ с УИОП № 7 г. Северогорска».
    d.innerShort = `СОШ с УИОП${num}${place}`;
    d.innerFull = `Средняя общеобразовательная школа с углублённым изучением отдельных предметов${num}${place}`;
    return;
  }
  d.innerShort = `${capitalize(t.short)}${num}${place}`;
  d.innerFull = `${capitalize(t.full)}${num}${place}`;
}

// --- numbers, staff, context, truth ---------------------------------------------------------------------------------

function materialise(o: Resolved, muns: MunPlan[], rng: Random, rCtx: Random, rTruth: Random): DemoSchool[] {
  // Order inside a municipality: centre schools (by number), other settlements, branches last.
  const ordered = new Map<MunPlan, Draft[]>();
  let maxCount = 1;
  for (const m of muns) {
    const centre = [...m.centre.drafts].sort(
      (a, b) => urbanGroup(a) - urbanGroup(b) || (a.number ?? 0) - (b.number ?? 0),
    );
    const mains = centre.filter((d) => !d.parent);
    const seen = new Set(mains);
    for (const v of m.villages) {
      for (const d of v.drafts) {
        if (d.parent || seen.has(d)) continue;
        seen.add(d);
        mains.push(d);
      }
    }
    const branches = m.drafts.filter((d) => d.parent);
    const list = [...mains, ...branches];
    ordered.set(m, list);
    maxCount = Math.max(maxCount, list.length);
  }
  const width = Math.max(3, String(maxCount).length);
  for (const m of muns) (ordered.get(m) ?? []).forEach((d, i) => (d.code = m.code + pad(i + 1, width)));

  const inns = innAssigner(muns, ordered, rng);
  const out: DemoSchool[] = [];
  for (const m of muns) {
    for (const d of ordered.get(m) ?? []) {
      out.push(buildSchool(o, d, rng, rCtx, rTruth, inns));
    }
  }
  assignSecondShift(out, rng);
  return out;
}

/**
 * Exactly 10 % of the town and пгт day schools work in two shifts, bigger ones more likely
 * (weighted sampling without replacement: the largest keys u^(1/w) win).
 */
function assignSecondShift(schools: DemoSchool[], rng: Random): void {
  const eligible = schools.filter(
    (s) => s.locality === 'urban' && s.type !== 'вечерняя школа' && s.type !== 'школа-интернат',
  );
  const k = Math.round(eligible.length * 0.1);
  const keyed = eligible.map((s, i) => {
    const w = 0.05 + Math.min(1.8, (s.studentsNoo + s.studentsOoo + s.studentsSoo) / 700);
    return { s, i, key: rng.next() ** (1 / w) };
  });
  keyed.sort((a, b) => b.key - a.key || a.i - b.i);
  for (let j = 0; j < k; j++) {
    const x = keyed[j];
    if (x) x.s.shifts = 2;
  }
}

function urbanGroup(d: Draft): number {
  return d.type === 'вечерняя школа' ? 1 : d.type === 'школа-интернат' ? 2 : 0;
}

/** 10-digit INN «01» + 2-digit tax office (one per ~3 municipalities) + 5-digit serial + check digit. */
function innAssigner(
  muns: MunPlan[],
  ordered: Map<MunPlan, Draft[]>,
  rng: Random,
): (d: Draft) => string | null {
  const officeOf = (m: MunPlan): number => (Math.floor(m.index / 3) % 99) + 1;
  const counts = new Map<number, number>();
  for (const m of muns) {
    const n = (ordered.get(m) ?? []).filter((d) => !d.parent).length;
    counts.set(officeOf(m), (counts.get(officeOf(m)) ?? 0) + n);
  }
  const serials = new Map<number, number>();
  return (d) => {
    if (d.parent) return null;
    const office = officeOf(d.mun);
    const maxGap = Math.max(1, Math.min(40, Math.floor(80_000 / (counts.get(office) ?? 1))));
    const prev = serials.get(office) ?? rng.int(100, 3000);
    const serial = prev + rng.int(1, maxGap);
    serials.set(office, serial);
    const first9 = DEMO_REGION.code + pad(office, 2) + pad(serial, 5);
    return first9 + String(innCheckDigit(first9));
  };
}

function studentTotal(d: Draft, rng: Random): number {
  const ln = (median: number, sigma: number, lo: number, hi: number): number =>
    Math.round(clamp(rng.logNormal(median, sigma), lo, hi));
  const t = d.type;
  if (d.isSmall) {
    if (t === 'НОШ') return 10 + Math.floor(rng.next() ** 1.5 * 31);
    if (t === 'ООШ') return 15 + Math.floor(rng.next() * 76);
    return 35 + Math.floor(rng.next() * 56);
  }
  if (t === 'вечерняя школа') return d.cat === 'town' ? ln(150, 0.4, 50, 350) : ln(90, 0.4, 40, 250);
  if (t === 'школа-интернат') return d.cat === 'town' ? ln(220, 0.35, 100, 450) : ln(150, 0.3, 91, 320);
  switch (d.cat) {
    case 'town':
      return t === 'ООШ' || t === 'НОШ' ? ln(420, 0.25, 300, 800) : ln(720, 0.38, 300, 1500);
    case 'pgt':
      return t === 'ООШ' ? ln(260, 0.3, 120, 500) : ln(480, 0.35, 200, 1100);
    case 'ruralCentre':
      return ln(380, 0.3, 150, 900);
    case 'rural':
      return t === 'ООШ' ? ln(130, 0.3, 91, 300) : ln(210, 0.4, 91, 650);
  }
}

function splitLevels(type: DemoSchoolType, total: number, rng: Random): [number, number, number] {
  if (type === 'НОШ') return [total, 0, 0];
  if (type === 'ООШ') {
    const noo = clamp(Math.round(total * rng.uniform(0.4, 0.5)), 1, total - 1);
    return [noo, total - noo, 0];
  }
  if (type === 'вечерняя школа') {
    const soo = clamp(Math.round(total * rng.uniform(0.45, 0.65)), 1, total - 1);
    return [0, total - soo, soo];
  }
  const [nooShare, sooShare] =
    type === 'лицей' || type === 'гимназия'
      ? [rng.uniform(0.25, 0.34), rng.uniform(0.15, 0.22)]
      : [rng.uniform(0.35, 0.43), rng.uniform(0.08, 0.14)];
  const soo = clamp(Math.round(total * sooShare), 2, total - 2);
  const noo = clamp(Math.round(total * nooShare), 1, total - soo - 1);
  return [noo, total - soo - noo, soo];
}

const TYPE_DISADVANTAGE: Partial<Record<DemoSchoolType, number>> = {
  'вечерняя школа': 1.0,
  'школа-интернат': 0.7,
  лицей: -0.5,
  гимназия: -0.5,
  'СОШ с УИОП': -0.35,
};

/** Staff rates (ставки) by school size: [≥ 300 students, mid-size, small]. */
const NO_RATE: Weighted<number> = [[0, 1]];
const PSYCHOLOGIST_RATES: readonly Weighted<number>[] = [
  [],
  [
    [0, 0.3],
    [0.5, 0.45],
    [1, 0.25],
  ],
  [
    [0, 0.8],
    [0.5, 0.2],
  ],
];
/** Speech therapists by primary roll: [≥ 150 in НОО, 40–149, fewer]. */
const SPEECH_RATES: readonly Weighted<number>[] = [
  [
    [0.5, 0.25],
    [1, 0.6],
    [1.5, 0.1],
    [0, 0.05],
  ],
  [
    [0, 0.35],
    [0.5, 0.5],
    [1, 0.15],
  ],
  [
    [0, 0.85],
    [0.5, 0.15],
  ],
];
const DEFECTOLOGIST_RATES: readonly Weighted<number>[] = [
  [
    [0, 0.65],
    [0.5, 0.2],
    [1, 0.15],
  ],
  [
    [0, 0.9],
    [0.5, 0.1],
  ],
  [
    [0, 0.97],
    [0.5, 0.03],
  ],
];
const SOCIAL_PEDAGOGUE_RATES: readonly Weighted<number>[] = [
  [
    [0.5, 0.2],
    [1, 0.7],
    [1.5, 0.1],
  ],
  [
    [0, 0.4],
    [0.5, 0.35],
    [1, 0.25],
  ],
  [
    [0, 0.7],
    [0.5, 0.3],
  ],
];
const TOWN_INTERNET: readonly number[] = [50, 60, 80, 100, 100, 100, 150, 200];
const PGT_INTERNET: readonly number[] = [20, 30, 50, 50, 80, 100];
const HOUSE_LETTERS: readonly string[] = ['а', 'б', 'в'];

function buildSchool(
  o: Resolved,
  d: Draft,
  rng: Random,
  rCtx: Random,
  rTruth: Random,
  inn: (d: Draft) => string | null,
): DemoSchool {
  const m = d.mun;
  const s = d.settlement;
  if (!s) throw new Error('school without a settlement');
  const urban = d.cat === 'town' || d.cat === 'pgt';
  const total = studentTotal(d, rng);
  d.total = total;
  const [studentsNoo, studentsOoo, studentsSoo] = splitLevels(d.type, total, rng);

  const ratio = d.isSmall
    ? rng.normal(4.5, 0.8)
    : d.cat === 'town'
      ? rng.normal(17, 2)
      : d.cat === 'pgt'
        ? rng.normal(14, 2)
        : rng.normal(10, 1.5);
  const minTeachers = d.type === 'НОШ' ? 2 : d.type === 'ООШ' ? 7 : d.type === 'вечерняя школа' ? 6 : 11;
  const teachers = Math.max(minTeachers, Math.round(total / Math.max(3, ratio)));

  // Latent social disadvantage of the school (drives context and staff shortages).
  const catOffset =
    d.cat === 'town'
      ? -0.35
      : d.cat === 'pgt'
        ? 0.05
        : d.cat === 'ruralCentre'
          ? 0.25
          : d.isSmall
            ? 0.6
            : 0.45;
  d.disadvantage = rCtx.normal(0, 0.8) + m.socialOffset + catOffset + (TYPE_DISADVANTAGE[d.type] ?? 0);

  const vacancyRate = urban ? 0.025 : d.isSmall ? 0.06 : 0.045;
  const vacancies = rng.poisson(teachers * vacancyRate * Math.exp(0.3 * d.disadvantage));

  const big = total >= 300;
  const size = big ? 0 : d.isSmall ? 2 : 1;
  const psychologists =
    size === 0
      ? rng.chance(0.1)
        ? 0
        : clamp(halfSteps(total / 450 + rng.uniform(-0.3, 0.3)), 0.5, 3)
      : rng.weighted(PSYCHOLOGIST_RATES[size] ?? NO_RATE);
  const speechTherapists = rng.weighted(
    SPEECH_RATES[studentsNoo >= 150 ? 0 : studentsNoo >= 40 ? 1 : 2] ?? NO_RATE,
  );
  const defectologists = rng.weighted(DEFECTOLOGIST_RATES[size] ?? NO_RATE);
  const socialPedagogues =
    d.type === 'вечерняя школа' || d.type === 'школа-интернат'
      ? 1
      : rng.weighted(SOCIAL_PEDAGOGUE_RATES[size] ?? NO_RATE);

  const remote = Math.exp(0.3 * m.remoteness);
  const internetMbps =
    d.cat === 'town'
      ? rng.pick(TOWN_INTERNET)
      : d.cat === 'pgt'
        ? rng.pick(PGT_INTERNET)
        : rng.chance(d.isSmall ? 0.04 : 0.1)
          ? 100
          : Math.round(clamp(rng.logNormal(d.isSmall ? 8 : 15, 0.7) / remote, 2, 50));

  // Second shift: town/пгт schools are chosen afterwards (assignSecondShift); a few big rural ones here.
  const shifts: 1 | 2 = !urban && !d.isSmall && total > 250 && rng.chance(0.05) ? 2 : 1;

  const street = rng.pick(urban ? URBAN_STREETS : RURAL_STREETS);
  const house = rng.int(1, urban ? 150 : 60);
  const letter = rng.chance(0.06) ? rng.pick(HOUSE_LETTERS) : '';
  const munPart =
    m.kind === 'district'
      ? `${districtShort(m.adjM ?? '')}, `
      : s !== m.centre
        ? `г.о. ${m.centre.name}, `
        : '';
  const postal =
    s === m.centre && s.label === 'г.' && m.kind !== 'district'
      ? postalIndex(m.index, rng.int(0, 29))
      : s.postal;
  const address = `${postal}, ${DEMO_REGION.addressName}, ${munPart}${s.label} ${s.name}, ${street}, д. ${house}${letter}`;

  const context = buildContext(o, d, rCtx);
  const latentQuality = round4(rTruth.normal(0, 1));
  const contextEffect = round4(expectedResultShift(meanContext(context)));

  return {
    code: d.code,
    municipalityCode: m.code,
    parentCode: d.parent ? d.parent.code : null,
    inn: inn(d),
    fullName: d.fullName,
    shortName: d.shortName,
    type: d.type,
    locality: urban ? 'urban' : 'rural',
    settlement: `${s.label} ${s.name}`,
    address,
    isSmall: d.isSmall,
    shifts,
    studentsNoo,
    studentsOoo,
    studentsSoo,
    teachers,
    vacancies,
    psychologists,
    speechTherapists,
    defectologists,
    socialPedagogues,
    internetMbps,
    context,
    truth: { latentQuality, contextEffect },
  };
}

// --- context --------------------------------------------------------------------------------------------------------

interface IndicatorModel {
  key: string;
  /** logit intercept at disadvantage 0 in a town */
  a: number;
  /** slope on the latent disadvantage */
  b: number;
  /** extra shift for rural schools (half of it for пгт) */
  c: number;
  /** sd of the persistent school-specific deviation */
  s: number;
  /** trend per year (logit) */
  t: number;
}

const SHARE_MODELS: readonly IndicatorModel[] = [
  { key: 'lowIncome', a: -1.55, b: 0.75, c: 0.35, s: 0.25, t: -0.03 },
  { key: 'singleParent', a: -1.3, b: 0.3, c: -0.15, s: 0.25, t: 0.01 },
  { key: 'parentsHigherEd', a: -0.7, b: -0.65, c: -0.7, s: 0.25, t: 0.03 },
  { key: 'ovz', a: -2.95, b: 0.35, c: 0.1, s: 0.35, t: 0.05 },
  { key: 'disabled', a: -4.0, b: 0.25, c: 0, s: 0.35, t: 0.03 },
  { key: 'registered', a: -3.9, b: 0.6, c: -0.1, s: 0.4, t: -0.02 },
  { key: 'nonRussian', a: -3.5, b: 0.25, c: 0, s: 0.5, t: 0.04 },
  { key: 'long_commute', a: 0, b: 0.15, c: 0, s: 0.4, t: 0 },
  { key: 'no_internet_home', a: -2.7, b: 0.55, c: 0.9, s: 0.35, t: -0.08 },
  { key: 'risk_families', a: -3.4, b: 0.7, c: 0.1, s: 0.4, t: 0 },
];

const SCRATCH_BASE: number[] = SHARE_MODELS.map(() => 0);
const SCRATCH_WALK: number[] = SHARE_MODELS.map(() => 0);
const SCRATCH_VALUES: number[] = SHARE_MODELS.map(() => 0);
const K_OVZ = 3;
const K_REGISTERED = 5;
const K_NON_RUSSIAN = 6;
const K_COMMUTE = 7;

function buildContext(o: Resolved, d: Draft, rng: Random): DemoContext[] {
  const m = d.mun;
  const total = Math.max(1, d.total);
  const ruralness = d.cat === 'town' ? 0 : d.cat === 'pgt' ? 0.5 : 1;
  const n = SHARE_MODELS.length;
  const base = SCRATCH_BASE;
  const walk = SCRATCH_WALK;
  const v = SCRATCH_VALUES;
  walk.fill(0);
  for (let k = 0; k < n; k++) {
    const x = SHARE_MODELS[k] as IndicatorModel;
    base[k] = x.a + x.b * d.disadvantage + x.c * ruralness + rng.normal(0, x.s);
  }
  if (d.type === 'школа-интернат') base[K_OVZ] = (base[K_OVZ] ?? 0) + 0.9;
  if (d.type === 'вечерняя школа') base[K_REGISTERED] = (base[K_REGISTERED] ?? 0) + 1.6;
  base[K_NON_RUSSIAN] = (base[K_NON_RUSSIAN] ?? 0) + (m.ethnic ? 2.3 : 0) + (rng.chance(0.07) ? 1.8 : 0);
  const commuteBase =
    d.cat === 'town'
      ? -4.2
      : d.cat === 'pgt'
        ? -2.8
        : d.cat === 'ruralCentre'
          ? -0.7
          : d.isSmall
            ? -2.3
            : -1.0;
  base[K_COMMUTE] = (base[K_COMMUTE] ?? 0) + commuteBase + (d.type === 'школа-интернат' ? 1.5 : 0);
  const sd = 0.08 + 0.5 / Math.sqrt(total);

  const distance =
    d.settlement === m.centre
      ? 0
      : m.kind === 'okrug'
        ? round1(rng.uniform(5, 40))
        : round1(clamp(rng.logNormal(28 * Math.exp(0.4 * m.remoteness), 0.6), 3, 220));
  const hardToReach = distance > 70 || (d.isSmall && m.remoteness > 0.6) ? 1 : 0;
  const orphanRate = 0.008 * Math.exp(0.5 * d.disadvantage) * (d.type === 'школа-интернат' ? 3 : 1);

  const rows: DemoContext[] = [];
  let prevYear = o.years[0] ?? 0;
  for (let yi = 0; yi < o.years.length; yi++) {
    const year = o.years[yi] ?? prevYear;
    const step = sd * Math.sqrt(yi === 0 ? 1 : Math.max(1, year - prevYear));
    prevYear = year;
    for (let k = 0; k < n; k++) {
      const x = SHARE_MODELS[k] as IndicatorModel;
      walk[k] = (walk[k] ?? 0) + rng.normal(0, step);
      const share = sigmoid((base[k] ?? 0) + (walk[k] ?? 0) + x.t * (year - 2022));
      // a share of real students: whole students over the school's roll, then percent with 1 decimal
      v[k] = clamp(round1((Math.round(share * total) / total) * 100), 0, 100);
    }
    rows.push({
      schoolYear: year,
      lowIncome: v[0] ?? 0,
      singleParent: v[1] ?? 0,
      parentsHigherEd: v[2] ?? 0,
      ovz: v[3] ?? 0,
      disabled: v[4] ?? 0,
      registered: v[5] ?? 0,
      nonRussian: v[6] ?? 0,
      extra: {
        long_commute: v[7] ?? 0,
        no_internet_home: v[8] ?? 0,
        risk_families: v[9] ?? 0,
        orphans: rng.poisson(total * orphanRate),
        distance_to_center_km: distance,
        hard_to_reach: hardToReach,
      },
    });
  }
  return rows;
}

/** Mean of the context rows (fixed fields and extras), as used for `truth.contextEffect`. */
export function meanContext(rows: readonly DemoContext[]): DemoContext {
  const n = Math.max(1, rows.length);
  const mean: DemoContext = {
    schoolYear: rows[0]?.schoolYear ?? 0,
    lowIncome: 0,
    singleParent: 0,
    parentsHigherEd: 0,
    ovz: 0,
    disabled: 0,
    registered: 0,
    nonRussian: 0,
    extra: {},
  };
  for (const r of rows) {
    mean.lowIncome += r.lowIncome / n;
    mean.singleParent += r.singleParent / n;
    mean.parentsHigherEd += r.parentsHigherEd / n;
    mean.ovz += r.ovz / n;
    mean.disabled += r.disabled / n;
    mean.registered += r.registered / n;
    mean.nonRussian += r.nonRussian / n;
    for (const k in r.extra) mean.extra[k] = (mean.extra[k] ?? 0) + (r.extra[k] ?? 0) / n;
  }
  return mean;
}
