/**
 * Import of the region's school registry (schools and their yearly social context) from a
 * table read by `readTable`: field catalogue, column-mapping suggestion and validation of every
 * row into a plan that the repository commits all-or-nothing.
 *
 * Pure functions: the reference data (municipalities, existing school codes, region-defined
 * indicators) is passed in.
 */
import { translate } from '../../../../../common/src/i18n/index.js';
import { SCHOOL_TYPES } from '../../../../../common/src/schemas/org.js';
import {
  columnLetter,
  fillMerged,
  normaliseHeader,
  parseNumberRu,
  type Cell,
  type Sheet,
  type Workbook,
} from '../../../platform/tabular/read.js';

// ---------------------------------------------------------------------------------------------
// value types

export { SCHOOL_TYPES };
export type SchoolType = (typeof SCHOOL_TYPES)[number];
export type Locality = 'urban' | 'rural';

/** The attributes of a school as imported (null: the cell is empty or the column is not mapped). */
export interface SchoolAttributes {
  code: string;
  parentCode: string | null;
  inn: string | null;
  fullName: string;
  shortName: string;
  type: SchoolType | null;
  locality: Locality | null;
  settlement: string;
  address: string | null;
  isSmall: boolean | null;
  shifts: number | null;
  studentsNoo: number | null;
  studentsOoo: number | null;
  studentsSoo: number | null;
  teachers: number | null;
  vacancies: number | null;
  psychologists: number | null;
  speechTherapists: number | null;
  defectologists: number | null;
  socialPedagogues: number | null;
  internetMbps: number | null;
}

/** The seven shares of the social context, in percent 0..100 (null: not given). */
export interface ContextShares {
  lowIncome: number | null;
  singleParent: number | null;
  parentsHigherEd: number | null;
  ovz: number | null;
  disabled: number | null;
  registered: number | null;
  nonRussian: number | null;
}

/** Where a planned record came from: sheet name and 1-based row as Excel shows it. */
export interface SourceRef {
  sheet: string;
  row: number;
}

export interface PlannedSchool extends SchoolAttributes {
  municipalityId: number;
  /** The code is not among `existingSchoolCodes`: the commit creates the school. */
  isNew: boolean;
  source: SourceRef;
}

export interface PlannedContext extends ContextShares {
  schoolCode: string;
  /** The first calendar year of the school year: 2023 for 2023/2024. */
  schoolYear: number;
  /** Values of region-defined indicators by indicator code (every mapped indicator; null when empty). */
  extra: Record<string, number | null>;
  source: SourceRef;
}

export interface RowProblem {
  sheet: string;
  /** 1-based as Excel shows it; 0 for a problem of the file or of the mapping as a whole. */
  row: number;
  /** Excel column letter, e.g. 'C', or '' when the problem is not about one column. */
  column: string;
  /** Field key (`code`, `extra:<code>`...) or '' . */
  field: string;
  /** i18n key (`registry.*`). */
  key: string;
  params: Record<string, string | number>;
}

export interface RegistryPlan {
  schools: PlannedSchool[];
  contexts: PlannedContext[];
  problems: RowProblem[];
  /** rows: non-empty data rows read (on every mapped sheet); skippedEmpty: empty rows and section-title rows skipped. */
  stats: { rows: number; schools: number; contexts: number; skippedEmpty: number };
}

/** The mapping of one sheet. */
export interface SheetMapping {
  sheet: string;
  /** 0-based index of the (last) header row: data starts on the next row. */
  headerRow: number;
  /** How many rows the header spans, ending at `headerRow` (1 or 2; informational, default 1). */
  headerRows?: number;
  /** Column index (0-based) → field key or `extra:<indicator code>`. Unlisted columns are ignored. */
  columns: Record<number, string>;
}

export interface ColumnMapping extends SheetMapping {
  /**
   * An optional second sheet with one row per school and year (school code, school year,
   * shares, extra indicators), as written by `exportRegistryXlsx` on «Контекст».
   */
  context?: SheetMapping;
}

export interface RegistryRef {
  municipalities: { id: number; code: string; name: string }[];
  existingSchoolCodes: Set<string>;
  extraIndicators: { code: string; name: string }[];
}

// ---------------------------------------------------------------------------------------------
// the field catalogue

export const SCHOOL_FIELD_KEYS = [
  'code',
  'municipality',
  'parentCode',
  'inn',
  'fullName',
  'shortName',
  'type',
  'locality',
  'settlement',
  'address',
  'isSmall',
  'shifts',
  'studentsNoo',
  'studentsOoo',
  'studentsSoo',
  'teachers',
  'vacancies',
  'psychologists',
  'speechTherapists',
  'defectologists',
  'socialPedagogues',
  'internetMbps',
] as const;
export const SHARE_KEYS = [
  'lowIncome',
  'singleParent',
  'parentsHigherEd',
  'ovz',
  'disabled',
  'registered',
  'nonRussian',
] as const satisfies ReadonlyArray<keyof ContextShares>;
export const CONTEXT_FIELD_KEYS = ['schoolYear', ...SHARE_KEYS] as const;

type SchoolFieldKey = (typeof SCHOOL_FIELD_KEYS)[number];
type ShareKey = (typeof SHARE_KEYS)[number];
export type RegistryFieldKey = SchoolFieldKey | (typeof CONTEXT_FIELD_KEYS)[number];

const REQUIRED: ReadonlySet<string> = new Set([
  'code',
  'municipality',
  'fullName',
  'shortName',
  'settlement',
]);
/** Not required in a file, but a school that is not yet in the registry cannot be created without them. */
const REQUIRED_FOR_NEW = ['type', 'locality'] as const;

/**
 * Header variants per field. The first entries win when two columns claim the same field
 * (so a «Код муниципалитета» column is preferred to a «Муниципалитет» name column).
 * The field's Russian label (the export's header) is added at the end; all are normalised
 * with `normaliseHeader`.
 */
const SYNONYMS: Record<RegistryFieldKey, string[]> = {
  code: [
    'код оо',
    'код школы',
    'код организации',
    'код образовательной организации',
    'код',
    'code',
    'school code',
  ],
  municipality: [
    'код муниципалитета',
    'код мо',
    'код муниципального образования',
    'код муниципального района',
    'муниципалитет',
    'муниципальное образование',
    'мо',
    'муниципальный район',
    'муниципальный район городской округ',
    'муниципальный район (городской округ)',
    'район',
    'район город',
    'municipality',
    'municipality code',
  ],
  parentCode: [
    'код основной оо',
    'код основной оо для филиала',
    'код основной организации',
    'код головной организации',
    'код головной оо',
    'код юридического лица',
    'филиал от',
    'parent code',
  ],
  inn: ['инн', 'инн оо', 'инн организации', 'inn'],
  fullName: [
    'полное наименование',
    'полное наименование оо',
    'полное наименование организации',
    'полное наименование образовательной организации',
    'полное наименование общеобразовательной организации',
    'наименование оо полное',
    'наименование',
    'наименование оо',
    'наименование организации',
    'наименование образовательной организации',
    'наименование общеобразовательной организации',
    'full name',
  ],
  shortName: [
    'краткое наименование',
    'краткое наименование оо',
    'сокращенное наименование',
    'сокращенное наименование оо',
    'сокращенное наименование организации',
    'краткое название',
    'short name',
  ],
  type: ['тип оо', 'тип', 'тип организации', 'тип школы', 'вид оо', 'вид организации', 'type'],
  locality: [
    'местность',
    'тип местности',
    'городская сельская',
    'городская/сельская',
    'город село',
    'городская или сельская',
    'расположение',
    'тип поселения',
    'locality',
  ],
  settlement: ['населенный пункт', 'нас пункт', 'поселение', 'settlement'],
  address: [
    'адрес',
    'адрес оо',
    'юридический адрес',
    'фактический адрес',
    'адрес места нахождения',
    'адрес местонахождения',
    'почтовый адрес',
    'address',
  ],
  isSmall: [
    'малокомплектная',
    'малокомплектная оо',
    'малокомплектная школа',
    'малокомплектность',
    'is small',
  ],
  shifts: ['число смен', 'количество смен', 'смены', 'смен', 'сменность', 'shifts'],
  studentsNoo: [
    'обучающихся 1-4 классов',
    'обучающихся ноо',
    'численность обучающихся ноо',
    'численность обучающихся 1-4 классов',
    'количество обучающихся 1-4 классов',
    'обучающиеся 1-4 классов',
    'ноо',
    '1-4 классы',
    '1-4 кл',
    '1-4',
    'students noo',
  ],
  studentsOoo: [
    'обучающихся 5-9 классов',
    'обучающихся ооо',
    'численность обучающихся ооо',
    'численность обучающихся 5-9 классов',
    'количество обучающихся 5-9 классов',
    'обучающиеся 5-9 классов',
    'ооо',
    '5-9 классы',
    '5-9 кл',
    '5-9',
    'students ooo',
  ],
  studentsSoo: [
    'обучающихся 10-11 классов',
    'обучающихся соо',
    'численность обучающихся соо',
    'численность обучающихся 10-11 классов',
    'количество обучающихся 10-11 классов',
    'обучающиеся 10-11 классов',
    'соо',
    '10-11 классы',
    '10-11 кл',
    '10-11',
    '10-12',
    'students soo',
  ],
  teachers: [
    'педагогических работников',
    'численность педагогических работников',
    'количество педагогических работников',
    'педагогические работники',
    'педагогов',
    'количество педагогов',
    'учителей',
    'количество учителей',
    'teachers',
  ],
  vacancies: [
    'вакансий педагогов',
    'вакансии',
    'вакансий',
    'количество вакансий',
    'вакансии педагогов',
    'количество вакансий педагогических работников',
    'вакансии педагогических работников',
    'vacancies',
  ],
  psychologists: [
    'педагоги-психологи',
    'педагог-психолог',
    'психологи',
    'психолог',
    'ставки педагога-психолога',
    'psychologists',
  ],
  speechTherapists: [
    'учителя-логопеды',
    'учитель-логопед',
    'логопеды',
    'логопед',
    'ставки учителя-логопеда',
    'speech therapists',
  ],
  defectologists: [
    'учителя-дефектологи',
    'учитель-дефектолог',
    'дефектологи',
    'дефектолог',
    'ставки учителя-дефектолога',
    'defectologists',
  ],
  socialPedagogues: [
    'социальные педагоги',
    'социальный педагог',
    'соцпедагог',
    'ставки социального педагога',
    'social pedagogues',
  ],
  internetMbps: [
    'скорость интернета',
    'скорость интернета мбит/с',
    'скорость подключения к интернету',
    'скорость доступа к интернету',
    'интернет мбит/с',
    'интернет',
    'internet mbps',
  ],
  schoolYear: ['учебный год', 'год', 'уч год', 'school year', 'year'],
  lowIncome: [
    'доля обучающихся из малообеспеченных семей',
    'доля детей из малообеспеченных семей',
    'малообеспеченные семьи',
    'малообеспеченные',
    'low income',
  ],
  singleParent: [
    'доля обучающихся из неполных семей',
    'доля детей из неполных семей',
    'неполные семьи',
    'single parent',
  ],
  parentsHigherEd: [
    'доля родителей с высшим образованием',
    'родители с высшим образованием',
    'доля обучающихся, у которых хотя бы один родитель имеет высшее образование',
    'доля семей, где хотя бы один родитель имеет высшее образование',
    'высшее образование родителей',
    'parents higher education',
  ],
  ovz: ['доля обучающихся с овз', 'доля детей с овз', 'обучающиеся с овз', 'дети с овз', 'овз', 'ovz'],
  disabled: ['доля детей-инвалидов', 'доля обучающихся-инвалидов', 'дети-инвалиды', 'инвалиды', 'disabled'],
  registered: [
    'доля обучающихся на профилактическом учете',
    'доля обучающихся, состоящих на учете',
    'доля обучающихся, состоящих на учете (пдн, кдн, внутришкольный)',
    'на профилактическом учете',
    'состоящие на учете',
    'учет кдн пдн',
    'registered',
  ],
  nonRussian: [
    'доля обучающихся, для которых русский язык не родной',
    'доля обучающихся, для которых русский язык не является родным',
    'русский язык не родной',
    'неродной русский язык',
    'non-russian',
  ],
};

export interface RegistryField {
  key: string;
  labelKey: string;
  required: boolean;
  synonyms: string[];
}

export const REGISTRY_FIELDS: RegistryField[] = [...SCHOOL_FIELD_KEYS, ...CONTEXT_FIELD_KEYS].map((key) => {
  const labelKey = `registry.field.${key}`;
  const synonyms: string[] = [];
  for (const s of [...SYNONYMS[key], translate('ru', labelKey)]) {
    const n = normaliseHeader(s);
    if (n && !synonyms.includes(n)) synonyms.push(n);
  }
  return { key, labelKey, required: REQUIRED.has(key), synonyms };
});

const FIELD_BY_KEY = new Map(REGISTRY_FIELDS.map((f) => [f.key, f]));

/** The Russian label of a field (or an extra indicator's name). */
function fieldLabel(field: string, extras: ReadonlyMap<string, string>): string {
  if (field.startsWith('extra:')) return extras.get(field.slice(6)) ?? field.slice(6);
  const f = FIELD_BY_KEY.get(field);
  return f ? translate('ru', f.labelKey) : field;
}

/** The Russian header written by the export for a field: its label. */
export function fieldHeader(key: RegistryFieldKey): string {
  return translate('ru', `registry.field.${key}`);
}

/** The header written by the export for an extra indicator: «name [code]». */
export function extraHeader(ind: { code: string; name: string }): string {
  return `${ind.name} [${ind.code}]`;
}

// ---------------------------------------------------------------------------------------------
// header matching

const STOP_WORDS = new Set([
  'в',
  'во',
  'на',
  'и',
  'с',
  'со',
  'из',
  'по',
  'от',
  'для',
  'к',
  'о',
  'об',
  'а',
  'или',
  'не',
  'чел',
  'ед',
  'шт',
  'кол',
  'количество',
  'число',
  'численность',
  'доля',
  'всего',
]);

function tokens(s: string): string[] {
  return s.split(/[^\p{L}\p{N}]+/u).filter((t) => t && !STOP_WORDS.has(t));
}

/** Same word up to a Russian ending: 'обучающихся' ~ 'обучающиеся', 'муниципального' ~ 'муниципальное'. */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 4) return false;
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  return p >= Math.max(a.length, b.length) - 3 && p >= 3;
}

interface FieldMatcher {
  field: string;
  exact: string[];
  fuzzy: Array<{ tokens: string[]; index: number }>;
}

function matchers(extras: { code: string; name: string }[]): FieldMatcher[] {
  const list: FieldMatcher[] = REGISTRY_FIELDS.map((f) => ({
    field: f.key,
    exact: f.synonyms,
    fuzzy: f.synonyms
      .map((s, index) => ({ tokens: tokens(s), index }))
      .filter((s) => s.tokens.length >= 2 || (s.tokens[0]?.length ?? 0) >= 6),
  }));
  for (const ind of extras) {
    const exact = [normaliseHeader(ind.name), normaliseHeader(ind.code)].filter(Boolean);
    list.push({ field: `extra:${ind.code}`, exact, fuzzy: [] });
  }
  return list;
}

/** Match quality of one header text against the catalogue (0: no match). Exact > part exact > fuzzy. */
function bestMatch(
  parts: { full: string; top: string; bottom: string; raw: string },
  ms: FieldMatcher[],
  extraCodes: ReadonlySet<string>,
): { field: string; quality: number } | null {
  const bracket = /\[([^\]]+)\]\s*$/.exec(parts.raw);
  if (bracket && extraCodes.has(bracket[1]!.trim()))
    return { field: `extra:${bracket[1]!.trim()}`, quality: 4000 };
  let best: { field: string; quality: number } | null = null;
  const consider = (field: string, quality: number) => {
    if (!best || quality > best.quality) best = { field, quality };
  };
  const headerTokens = tokens(parts.full);
  for (const m of ms) {
    m.exact.forEach((syn, i) => {
      if (syn === parts.full) consider(m.field, 3000 - i);
      else if (parts.bottom && syn === parts.bottom) consider(m.field, 2000 - i);
      else if (parts.top && syn === parts.top) consider(m.field, 1900 - i);
    });
    if (headerTokens.length === 0) continue;
    for (const f of m.fuzzy) {
      if (!f.tokens.every((t) => headerTokens.some((h) => sameWord(t, h)))) continue;
      const covered = headerTokens.filter((h) => f.tokens.some((t) => sameWord(t, h))).length;
      consider(m.field, 1000 + 50 * covered - 10 * (headerTokens.length - covered) - f.index / 100);
    }
  }
  return best;
}

function cellText(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return formatDate(v);
  return String(v);
}

function formatDate(d: Date): string {
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}.${mm}.${d.getUTCFullYear()}`;
}

interface Candidate {
  sheetIndex: number;
  mapping: SheetMapping;
  score: number;
  quality: number;
  preferred: boolean;
}

const HEADER_SEARCH_ROWS = 30;

function candidatesOf(
  sheet: Sheet,
  sheetIndex: number,
  ms: FieldMatcher[],
  extraCodes: ReadonlySet<string>,
  allowed: (field: string) => boolean,
): Candidate[] {
  const filled = fillMerged(sheet);
  const out: Candidate[] = [];
  const last = Math.min(filled.length, HEADER_SEARCH_ROWS);
  // A header row whose cells are merged downwards or across (group headings) continues on the next row;
  // a row reached by a merge from above is the second row of a header.
  const continues = (r: number) =>
    sheet.merges.some((m) => m.top === r && (m.bottom > m.top || m.right > m.left));
  const continued = (r: number) => sheet.merges.some((m) => m.top < r && m.bottom >= r);
  for (let r = 0; r < last; r++) {
    for (const span of [1, 2]) {
      if (span === 2 && r === 0) continue;
      const row = filled[r] ?? [];
      const above = span === 2 ? (filled[r - 1] ?? []) : [];
      const width = Math.max(row.length, above.length);
      const found: Array<{ col: number; field: string; quality: number }> = [];
      for (let c = 0; c < width; c++) {
        const bottomRaw = cellText(row[c]);
        const topRaw = span === 2 ? cellText(above[c]) : '';
        const bottom = normaliseHeader(bottomRaw);
        const top = normaliseHeader(topRaw);
        if (!bottom && !top) continue;
        const full =
          span === 2 && top && top !== bottom ? normaliseHeader(`${topRaw} ${bottomRaw}`) : bottom || top;
        const raw = bottomRaw || topRaw;
        const m = bestMatch(
          { full, top: span === 2 ? top : '', bottom: span === 2 ? bottom : '', raw },
          ms,
          extraCodes,
        );
        if (m && allowed(m.field)) found.push({ col: c, ...m });
      }
      found.sort((a, b) => b.quality - a.quality || a.col - b.col);
      const columns: Record<number, string> = {};
      const usedFields = new Set<string>();
      let quality = 0;
      for (const f of found) {
        if (usedFields.has(f.field) || columns[f.col] !== undefined) continue;
        usedFields.add(f.field);
        columns[f.col] = f.field;
        quality += f.quality;
      }
      if (usedFields.size === 0) continue;
      const preferred = span === 2 ? continues(r - 1) : !continues(r) && !continued(r);
      const mapping: SheetMapping = { sheet: sheet.name, headerRow: r, columns };
      if (span === 2) mapping.headerRows = 2;
      out.push({ sheetIndex, mapping, score: usedFields.size, quality, preferred });
    }
  }
  return out;
}

function better(a: Candidate, b: Candidate | null): boolean {
  if (!b) return true;
  if (a.score !== b.score) return a.score > b.score;
  if (a.preferred !== b.preferred) return a.preferred;
  if (a.sheetIndex !== b.sheetIndex) return a.sheetIndex < b.sheetIndex;
  if (a.quality !== b.quality) return a.quality > b.quality;
  return a.mapping.headerRow < b.mapping.headerRow;
}

const CONTEXT_SHEET_FIELDS: ReadonlySet<string> = new Set(['code', ...CONTEXT_FIELD_KEYS]);
const isContextSheetField = (f: string) => CONTEXT_SHEET_FIELDS.has(f) || f.startsWith('extra:');

/**
 * Guess the mapping: the sheet and header row (headers may span two rows) with the most
 * recognised columns; unknown columns stay unmapped. When that sheet has no school-year column,
 * another sheet with code + school year + context columns becomes the `context` mapping.
 */
export function suggestMapping(
  wb: Workbook,
  extraIndicators: { code: string; name: string }[],
): ColumnMapping {
  const ms = matchers(extraIndicators);
  const extraCodes = new Set(extraIndicators.map((i) => i.code));
  let best: Candidate | null = null;
  wb.sheets.forEach((sheet, i) => {
    for (const c of candidatesOf(sheet, i, ms, extraCodes, () => true)) if (better(c, best)) best = c;
  });
  const main = best as Candidate | null;
  if (!main) return { sheet: wb.sheets[0]?.name ?? '', headerRow: 0, columns: {} };
  const result: ColumnMapping = { ...main.mapping };
  if (!Object.values(main.mapping.columns).includes('schoolYear')) {
    let ctx: Candidate | null = null;
    wb.sheets.forEach((sheet, i) => {
      if (i === main.sheetIndex) return;
      for (const c of candidatesOf(sheet, i, ms, extraCodes, isContextSheetField)) {
        const fields = Object.values(c.mapping.columns);
        const usable =
          fields.includes('code') &&
          fields.includes('schoolYear') &&
          fields.some((f) => (SHARE_KEYS as readonly string[]).includes(f) || f.startsWith('extra:'));
        if (usable && better(c, ctx)) ctx = c;
      }
    });
    const found = ctx as Candidate | null;
    if (found) result.context = found.mapping;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// value parsing

type Parsed<T> = { ok: true; value: T } | { ok: false; key: string; params: Record<string, string | number> };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (key: string, params: Record<string, string | number> = {}): Parsed<never> => ({
  ok: false,
  key,
  params,
});

/** A comparable key: lower case, ё → е, every non-letter/digit run → one space. */
function wordKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function isEmpty(v: Cell | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

function textOf(v: Cell): string {
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  return cellText(v)
    .replace(/[\s\u00A0]+/g, ' ')
    .trim();
}

function parseText(v: Cell, max: number): Parsed<string> {
  const s = textOf(v);
  return s.length > max ? bad('registry.tooLong', { max }) : ok(s);
}

function parseInn(v: Cell): Parsed<string> {
  let s = typeof v === 'number' ? v.toFixed(0) : textOf(v).replace(/\s/g, '');
  // Excel drops the leading zero of an INN typed as a number (regions 01–09).
  if (typeof v === 'number' && (s.length === 9 || s.length === 11)) s = `0${s}`;
  return /^(\d{10}|\d{12})$/.test(s) ? ok(s) : bad('registry.badInn');
}

const TYPE_SYNONYMS: Array<[SchoolType, string[]]> = [
  [
    'СОШ с УИОП',
    [
      'сош с уиоп',
      'сош уиоп',
      'средняя общеобразовательная школа с углубленным изучением отдельных предметов',
      'средняя школа с углубленным изучением отдельных предметов',
      'сош с углубленным изучением отдельных предметов',
      'школа с углубленным изучением отдельных предметов',
    ],
  ],
  ['СОШ', ['сош', 'средняя общеобразовательная школа', 'средняя школа', 'средняя']],
  ['ООШ', ['оош', 'основная общеобразовательная школа', 'основная школа', 'основная']],
  ['НОШ', ['нош', 'начальная общеобразовательная школа', 'начальная школа', 'начальная']],
  ['лицей', ['лицей']],
  ['гимназия', ['гимназия']],
  ['центр образования', ['центр образования', 'цо']],
  [
    'вечерняя школа',
    [
      'вечерняя школа',
      'вечерняя сменная школа',
      'вечерняя сменная общеобразовательная школа',
      'вечерняя общеобразовательная школа',
      'в с ош',
      'всош',
      'вош',
      'вечерняя',
    ],
  ],
  ['школа-интернат', ['школа интернат', 'интернат', 'общеобразовательная школа интернат', 'ши']],
];
const TYPE_BY_KEY = new Map<string, SchoolType>();
for (const [t, syns] of TYPE_SYNONYMS) for (const s of [t, ...syns]) TYPE_BY_KEY.set(wordKey(s), t);

function parseType(v: Cell): Parsed<SchoolType> {
  const t = TYPE_BY_KEY.get(wordKey(textOf(v)));
  return t ? ok(t) : bad('registry.unknownType', { allowed: SCHOOL_TYPES.join(', ') });
}

const LOCALITY_BY_KEY = new Map<string, Locality>();
for (const s of [
  'urban',
  'город',
  'городская',
  'городской',
  'г',
  'гор',
  'городская местность',
  'городское поселение',
  'пгт',
  'поселок городского типа',
]) {
  LOCALITY_BY_KEY.set(wordKey(s), 'urban');
}
for (const s of [
  'rural',
  'село',
  'сельская',
  'сельский',
  'с',
  'сел',
  'сельская местность',
  'сельское поселение',
  'деревня',
  'д',
]) {
  LOCALITY_BY_KEY.set(wordKey(s), 'rural');
}

function parseLocality(v: Cell): Parsed<Locality> {
  const l = LOCALITY_BY_KEY.get(wordKey(textOf(v)));
  return l ? ok(l) : bad('registry.badLocality');
}

const TRUE_WORDS = new Set([
  'да',
  'д',
  'yes',
  'y',
  'true',
  'истина',
  '1',
  '+',
  'малокомплектная',
  'является',
]);
const FALSE_WORDS = new Set(['нет', 'н', 'no', 'n', 'false', 'ложь', '0', '-', '–', '—', '−', 'не является']);

function parseBool(v: Cell): Parsed<boolean> {
  if (typeof v === 'boolean') return ok(v);
  if (typeof v === 'number') return v === 1 ? ok(true) : v === 0 ? ok(false) : bad('registry.badBoolean');
  const s = textOf(v).toLowerCase().replace(/ё/g, 'е');
  if (TRUE_WORDS.has(s)) return ok(true);
  if (FALSE_WORDS.has(s)) return ok(false);
  return bad('registry.badBoolean');
}

/** A number in range; `undefined` for the markers of no data (`-`, `—`, `нет данных`). */
function parseNumber(v: Cell, min: number, max: number, integer: boolean): Parsed<number | undefined> {
  const n = parseNumberRu(v);
  if (n === null) return ok(undefined);
  if (n === 'invalid') return bad('registry.notNumber');
  if (integer && !Number.isInteger(n)) return bad('registry.notInteger');
  if (n < min || n > max) return bad('registry.outOfRange', { min, max });
  return ok(n);
}

const YEAR_RE = /^(\d{4})(?:\s*[-/\\]\s*(\d{4}|\d{2}))?(?:\s*(?:уч\s*г|уч\s*год|учебный\s*год|г|год|гг))?$/;

function parseYear(v: Cell): Parsed<number> {
  let first: number;
  if (typeof v === 'number') {
    first = v;
  } else if (typeof v === 'string') {
    const s = v
      .toLowerCase()
      .replace(/[\u2010-\u2015\u2212]/g, '-')
      .replace(/[\s\u00A0]+/g, ' ')
      .replace(/\./g, ' ')
      .trim();
    const m = YEAR_RE.exec(s);
    if (!m) return bad('registry.badYear');
    first = Number(m[1]);
    if (m[2] !== undefined) {
      const second = Number(m[2]);
      const expected = m[2].length === 2 ? (first + 1) % 100 : first + 1;
      if (second !== expected) return bad('registry.badYear');
    }
  } else {
    return bad('registry.badYear');
  }
  if (!Number.isInteger(first) || first < 2000 || first > 2100) return bad('registry.badYear');
  return ok(first);
}

function normName(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s\u00A0]+/g, ' ')
    .trim();
}

function municipalityResolver(list: RegistryRef['municipalities']): (v: Cell) => Parsed<number> {
  const byCode = new Map<string, number>();
  const byNumericCode = new Map<number, number>();
  const byName = new Map<string, number[]>();
  for (const m of list) {
    byCode.set(normName(m.code), m.id);
    if (/^\d+$/.test(m.code.trim())) byNumericCode.set(Number(m.code.trim()), m.id);
    const k = normName(m.name);
    byName.set(k, [...(byName.get(k) ?? []), m.id]);
  }
  return (v) => {
    const s = normName(textOf(v));
    const id = byCode.get(s) ?? (/^\d+$/.test(s) ? byNumericCode.get(Number(s)) : undefined);
    if (id !== undefined) return ok(id);
    const ids = byName.get(s) ?? byName.get(normName(s.replace(/["«»„“”]/g, '')));
    if (ids && ids.length === 1) return ok(ids[0]!);
    if (ids && ids.length > 1) return bad('registry.ambiguousMunicipality');
    return bad('registry.unknownMunicipality');
  };
}

const COUNT_MAX = 100_000;
/** Staff rates are stored as numeric(5,2). */
const RATE_MAX = 999;

function parserFor(
  field: string,
  resolveMunicipality: (v: Cell) => Parsed<number>,
): (v: Cell) => Parsed<unknown> {
  switch (field) {
    case 'code':
    case 'parentCode':
      return (v) => parseText(v, 50);
    case 'municipality':
      return resolveMunicipality;
    case 'inn':
      return parseInn;
    case 'fullName':
      return (v) => parseText(v, 1000);
    case 'shortName':
    case 'settlement':
      return (v) => parseText(v, 300);
    case 'address':
      return (v) => parseText(v, 1000);
    case 'type':
      return parseType;
    case 'locality':
      return parseLocality;
    case 'isSmall':
      return parseBool;
    case 'shifts':
      return (v) => parseNumber(v, 1, 3, true);
    case 'studentsNoo':
    case 'studentsOoo':
    case 'studentsSoo':
    case 'teachers':
    case 'vacancies':
      return (v) => parseNumber(v, 0, COUNT_MAX, true);
    case 'psychologists':
    case 'speechTherapists':
    case 'defectologists':
    case 'socialPedagogues':
      return (v) => parseNumber(v, 0, RATE_MAX, false);
    case 'internetMbps':
      return (v) => parseNumber(v, 0, COUNT_MAX, false);
    case 'schoolYear':
      return parseYear;
    default:
      if ((SHARE_KEYS as readonly string[]).includes(field)) return (v) => parseNumber(v, 0, 100, false);
      // extra indicators: any finite number
      return (v) => parseNumber(v, -Number.MAX_VALUE, Number.MAX_VALUE, false);
  }
}

// ---------------------------------------------------------------------------------------------
// validation

interface FieldValue {
  col: number;
  raw: Cell;
  /** undefined: empty cell; otherwise the parsed value (or the raw value when invalid). */
  value: unknown;
  valid: boolean;
}

interface RowState {
  sheet: string;
  sheetIndex: number;
  row: number; // 1-based
  values: Map<string, FieldValue>;
  problems: number; // count of problems on this row
}

interface SchoolGroup {
  code: string;
  first: RowState;
  /** Values by field: the first non-empty value seen for the school, with the row it came from. */
  attrs: Map<string, { value: unknown; raw: Cell; row: RowState; valid: boolean }>;
  years: Map<number, RowState>;
}

/**
 * Validate every row against the reference data and build the plan. Every problem of every row
 * is reported (not only the first), with its sheet, row and column as Excel shows them; rows
 * with problems are left out of `schools` / `contexts`. The plan may be committed only when
 * `problems` is empty.
 */
export function validateRegistry(wb: Workbook, mapping: ColumnMapping, ref: RegistryRef): RegistryPlan {
  const problems: Array<RowProblem & { order: [number, number, number] }> = [];
  const extras = new Map(ref.extraIndicators.map((i) => [i.code, i.name]));
  const stats = { rows: 0, schools: 0, contexts: 0, skippedEmpty: 0 };
  const resolveMunicipality = municipalityResolver(ref.municipalities);
  const label = (field: string) => fieldLabel(field, extras);
  const sheetIndexOf = (name: string) => wb.sheets.findIndex((s) => s.name === name);

  const fileProblem = (
    sheet: string,
    field: string,
    key: string,
    params: Record<string, string | number>,
    col = -1,
  ) => {
    problems.push({
      sheet,
      row: 0,
      column: col >= 0 ? columnLetter(col) : '',
      field,
      key,
      params,
      order: [-1, 0, col],
    });
  };
  const rowProblem = (
    st: RowState,
    field: string,
    col: number,
    key: string,
    params: Record<string, string | number>,
  ) => {
    st.problems++;
    problems.push({
      sheet: st.sheet,
      row: st.row,
      column: col >= 0 ? columnLetter(col) : '',
      field,
      key,
      params,
      order: [st.sheetIndex, st.row, col],
    });
  };

  // ---- the mapping itself
  const checkMapping = (m: SheetMapping, isContext: boolean): Array<[number, string]> | null => {
    const sheet = wb.sheets.find((s) => s.name === m.sheet);
    if (!sheet) {
      fileProblem(m.sheet, '', 'registry.mapping.noSheet', { sheet: m.sheet });
      return null;
    }
    const cols: Array<[number, string]> = [];
    const seen = new Map<string, number>();
    for (const [k, field] of Object.entries(m.columns)) {
      const col = Number(k);
      if (!field || !Number.isInteger(col) || col < 0) continue;
      if (field.startsWith('extra:')) {
        if (!extras.has(field.slice(6))) {
          fileProblem(
            m.sheet,
            field,
            'registry.mapping.unknownIndicator',
            { value: field.slice(6), column: columnLetter(col) },
            col,
          );
          continue;
        }
      } else if (!FIELD_BY_KEY.has(field)) {
        fileProblem(
          m.sheet,
          field,
          'registry.mapping.unknownField',
          { value: field, column: columnLetter(col) },
          col,
        );
        continue;
      } else if (isContext && !CONTEXT_SHEET_FIELDS.has(field)) {
        fileProblem(
          m.sheet,
          field,
          'registry.mapping.notContextField',
          { field: label(field), column: columnLetter(col) },
          col,
        );
        continue;
      }
      const prev = seen.get(field);
      if (prev !== undefined) {
        fileProblem(
          m.sheet,
          field,
          'registry.mapping.duplicateField',
          {
            field: label(field),
            columns: `${columnLetter(prev)}, ${columnLetter(col)}`,
          },
          col,
        );
        continue;
      }
      seen.set(field, col);
      cols.push([col, field]);
    }
    cols.sort((a, b) => a[0] - b[0]);
    const required = isContext
      ? ['code', 'schoolYear']
      : REGISTRY_FIELDS.filter((f) => f.required).map((f) => f.key);
    for (const f of required) {
      if (!seen.has(f)) fileProblem(m.sheet, f, 'registry.mapping.missingField', { field: label(f) });
    }
    const hasContextValues = [...seen.keys()].some(
      (f) => (SHARE_KEYS as readonly string[]).includes(f) || f.startsWith('extra:'),
    );
    if (!isContext && hasContextValues && !seen.has('schoolYear')) {
      fileProblem(m.sheet, 'schoolYear', 'registry.mapping.yearRequired', { field: label('schoolYear') });
    }
    return cols;
  };

  // ---- reading rows
  const readRows = (m: SheetMapping, cols: Array<[number, string]>): RowState[] => {
    const sheet = wb.sheets.find((s) => s.name === m.sheet)!;
    const sheetIndex = sheetIndexOf(m.sheet);
    const rows = fillVertical(sheet);
    const parsers = new Map(cols.map(([, f]) => [f, parserFor(f, resolveMunicipality)]));
    const out: RowState[] = [];
    for (let r = Math.max(0, m.headerRow + 1); r < rows.length; r++) {
      const cells = rows[r] ?? [];
      if (cols.every(([c]) => isEmpty(cells[c])) || isSectionTitle(sheet, r, cells)) {
        stats.skippedEmpty++;
        continue;
      }
      stats.rows++;
      const st: RowState = { sheet: m.sheet, sheetIndex, row: r + 1, values: new Map(), problems: 0 };
      for (const [c, field] of cols) {
        const raw = cells[c] ?? null;
        if (isEmpty(raw)) {
          st.values.set(field, { col: c, raw: null, value: undefined, valid: true });
          continue;
        }
        const p = parsers.get(field)!(raw);
        if (p.ok && p.value === undefined) {
          st.values.set(field, { col: c, raw: null, value: undefined, valid: true });
        } else if (p.ok) {
          st.values.set(field, { col: c, raw, value: p.value, valid: true });
        } else {
          st.values.set(field, { col: c, raw, value: raw, valid: false });
          rowProblem(st, field, c, p.key, { field: label(field), value: textOf(raw), ...p.params });
        }
      }
      out.push(st);
    }
    return out;
  };

  const mainCols = checkMapping(mapping, false);
  const ctxCols = mapping.context ? checkMapping(mapping.context, true) : null;
  const mainRows = mainCols ? readRows(mapping, mainCols) : [];
  const ctxRows = mapping.context && ctxCols ? readRows(mapping.context, ctxCols) : [];
  if (mainCols && mainRows.length === 0)
    fileProblem(mapping.sheet, '', 'registry.noRows', { sheet: mapping.sheet });

  // ---- grouping by school code
  const groups = new Map<string, SchoolGroup>();
  const contextRows: Array<{ st: RowState; code: string; year: number }> = [];
  const yearOwner = new Map<string, RowState>(); // `${code}|${year}` → row

  const contextOf = (st: RowState, code: string) => {
    const yearV = st.values.get('schoolYear');
    const hasValues = [...st.values].some(
      ([f, v]) =>
        v.value !== undefined && ((SHARE_KEYS as readonly string[]).includes(f) || f.startsWith('extra:')),
    );
    if (!yearV || yearV.value === undefined) {
      if (hasValues && yearV) {
        rowProblem(st, 'schoolYear', yearV.col, 'registry.yearRequired', { field: label('schoolYear') });
      }
      return null;
    }
    if (!yearV.valid) return null;
    const year = yearV.value as number;
    const k = `${code}|${year}`;
    const prev = yearOwner.get(k);
    if (prev) {
      rowProblem(st, 'schoolYear', yearV.col, 'registry.duplicateYear', {
        field: label('schoolYear'),
        code,
        value: textOf(yearV.raw),
        previousSheet: prev.sheet,
        previousRow: prev.row,
      });
      return year;
    }
    yearOwner.set(k, st);
    if (hasValues) contextRows.push({ st, code, year });
    return year;
  };

  for (const st of mainRows) {
    const codeV = st.values.get('code');
    const code = codeV && codeV.valid && codeV.value !== undefined ? (codeV.value as string) : null;
    if (code === null) {
      if (codeV && codeV.value === undefined) {
        rowProblem(st, 'code', codeV.col, 'registry.required', { field: label('code') });
      }
      // Still report the other required fields of this row.
      for (const f of REQUIRED) {
        const v = st.values.get(f);
        if (f !== 'code' && v && v.value === undefined)
          rowProblem(st, f, v.col, 'registry.required', { field: label(f) });
      }
      continue;
    }
    let group = groups.get(code);
    if (!group) {
      group = { code, first: st, attrs: new Map(), years: new Map() };
      groups.set(code, group);
      for (const f of REQUIRED) {
        const v = st.values.get(f);
        if (v && v.value === undefined) rowProblem(st, f, v.col, 'registry.required', { field: label(f) });
      }
      if (!ref.existingSchoolCodes.has(code)) {
        // A new school needs a type and a locality (an existing one keeps its own when they are empty).
        for (const f of REQUIRED_FOR_NEW) {
          const v = st.values.get(f);
          if (!v || v.value === undefined) {
            rowProblem(st, f, v ? v.col : -1, 'registry.requiredForNew', { field: label(f), code });
          }
        }
      }
      for (const [f, v] of st.values) {
        if ((SCHOOL_FIELD_KEYS as readonly string[]).includes(f) && v.value !== undefined) {
          group.attrs.set(f, { value: v.value, raw: v.raw, row: st, valid: v.valid });
        }
      }
      contextOf(st, code);
      continue;
    }
    // A later row of the same school: its attributes must agree with the earlier ones.
    for (const [f, v] of st.values) {
      if (f === 'code' || !(SCHOOL_FIELD_KEYS as readonly string[]).includes(f) || v.value === undefined)
        continue;
      const prev = group.attrs.get(f);
      if (!prev) {
        group.attrs.set(f, { value: v.value, raw: v.raw, row: st, valid: v.valid });
        continue;
      }
      if (!prev.valid || !v.valid) continue;
      if (!sameValue(prev.value, v.value)) {
        rowProblem(st, f, v.col, 'registry.conflict', {
          field: label(f),
          value: textOf(v.raw),
          previous: textOf(prev.raw),
          previousRow: prev.row.row,
          code,
        });
      }
    }
    const yearV = st.values.get('schoolYear');
    if (!yearV || yearV.value === undefined) {
      const hasValues = [...st.values].some(
        ([f, v]) =>
          v.value !== undefined && ((SHARE_KEYS as readonly string[]).includes(f) || f.startsWith('extra:')),
      );
      if (yearV && hasValues) {
        rowProblem(st, 'schoolYear', yearV.col, 'registry.yearRequired', { field: label('schoolYear') });
      } else {
        rowProblem(st, 'code', codeV!.col, 'registry.duplicateCode', {
          field: label('code'),
          value: code,
          previousRow: group.first.row,
        });
      }
      continue;
    }
    contextOf(st, code);
  }

  // ---- the context sheet
  for (const st of ctxRows) {
    const codeV = st.values.get('code');
    const yearV = st.values.get('schoolYear');
    if (codeV && codeV.value === undefined)
      rowProblem(st, 'code', codeV.col, 'registry.required', { field: label('code') });
    if (yearV && yearV.value === undefined)
      rowProblem(st, 'schoolYear', yearV.col, 'registry.required', { field: label('schoolYear') });
    if (!codeV || !codeV.valid || codeV.value === undefined) continue;
    const code = codeV.value as string;
    if (!groups.has(code) && !ref.existingSchoolCodes.has(code)) {
      rowProblem(st, 'code', codeV.col, 'registry.unknownSchool', {
        field: label('code'),
        value: code,
        sheet: mapping.sheet,
      });
      continue;
    }
    if (yearV && yearV.value !== undefined) contextOf(st, code);
  }

  // ---- branches
  for (const g of groups.values()) {
    const p = g.attrs.get('parentCode');
    if (!p || !p.valid) continue;
    const parent = p.value as string;
    const col = p.row.values.get('parentCode')!.col;
    const params = { field: label('parentCode'), value: parent };
    if (parent === g.code) rowProblem(p.row, 'parentCode', col, 'registry.parentSelf', params);
    else if (groups.has(parent)) {
      const pp = groups.get(parent)!.attrs.get('parentCode');
      if (pp && pp.valid) rowProblem(p.row, 'parentCode', col, 'registry.parentIsBranch', params);
    } else if (!ref.existingSchoolCodes.has(parent))
      rowProblem(p.row, 'parentCode', col, 'registry.unknownParent', params);
  }

  // ---- the plan
  const schools: PlannedSchool[] = [];
  for (const g of groups.values()) {
    const rowsOfSchool = new Set<RowState>([g.first, ...[...g.attrs.values()].map((a) => a.row)]);
    if ([...rowsOfSchool].some((r) => r.problems > 0)) continue;
    const a = (f: SchoolFieldKey) => g.attrs.get(f)?.value;
    const municipalityId = a('municipality');
    if (typeof municipalityId !== 'number') continue;
    const str = (f: SchoolFieldKey) => (a(f) as string | undefined) ?? null;
    const num = (f: SchoolFieldKey) => (a(f) as number | undefined) ?? null;
    schools.push({
      code: g.code,
      municipalityId,
      parentCode: str('parentCode'),
      inn: str('inn'),
      fullName: (a('fullName') as string | undefined) ?? '',
      shortName: (a('shortName') as string | undefined) ?? '',
      type: (a('type') as SchoolType | undefined) ?? null,
      locality: (a('locality') as Locality | undefined) ?? null,
      settlement: (a('settlement') as string | undefined) ?? '',
      address: str('address'),
      isSmall: (a('isSmall') as boolean | undefined) ?? null,
      shifts: num('shifts'),
      studentsNoo: num('studentsNoo'),
      studentsOoo: num('studentsOoo'),
      studentsSoo: num('studentsSoo'),
      teachers: num('teachers'),
      vacancies: num('vacancies'),
      psychologists: num('psychologists'),
      speechTherapists: num('speechTherapists'),
      defectologists: num('defectologists'),
      socialPedagogues: num('socialPedagogues'),
      internetMbps: num('internetMbps'),
      isNew: !ref.existingSchoolCodes.has(g.code),
      source: { sheet: g.first.sheet, row: g.first.row },
    });
  }

  const contexts: PlannedContext[] = [];
  for (const { st, code, year } of contextRows) {
    if (st.problems > 0) continue;
    const share = (f: ShareKey) => (st.values.get(f)?.value as number | undefined) ?? null;
    const extra: Record<string, number | null> = {};
    for (const [f, v] of st.values)
      if (f.startsWith('extra:')) extra[f.slice(6)] = (v.value as number | undefined) ?? null;
    contexts.push({
      schoolCode: code,
      schoolYear: year,
      lowIncome: share('lowIncome'),
      singleParent: share('singleParent'),
      parentsHigherEd: share('parentsHigherEd'),
      ovz: share('ovz'),
      disabled: share('disabled'),
      registered: share('registered'),
      nonRussian: share('nonRussian'),
      extra,
      source: { sheet: st.sheet, row: st.row },
    });
  }

  problems.sort((x, y) => x.order[0] - y.order[0] || x.order[1] - y.order[1] || x.order[2] - y.order[2]);
  stats.schools = schools.length;
  stats.contexts = contexts.length;
  return {
    schools,
    contexts,
    problems: problems.map(({ order: _order, ...p }) => p),
    stats,
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return normName(a) === normName(b);
  return a === b;
}

/**
 * The rows with vertically merged ranges filled down (a municipality merged over its schools'
 * rows, a school's attributes merged over its yearly rows). Ranges one row high are not filled:
 * their value stays in the left cell.
 */
function fillVertical(sheet: Sheet): Cell[][] {
  return fillMerged({ ...sheet, merges: sheet.merges.filter((m) => m.bottom > m.top) });
}

/** A row whose only content is one cell merged across three or more columns (a section heading such as a district name). */
function isSectionTitle(sheet: Sheet, r: number, cells: Cell[]): boolean {
  const filled = cells.map((c, i) => (isEmpty(c) ? -1 : i)).filter((i) => i >= 0);
  if (filled.length !== 1) return false;
  const c = filled[0]!;
  return sheet.merges.some((m) => m.top === r && m.bottom === r && m.left === c && m.right - m.left >= 2);
}
