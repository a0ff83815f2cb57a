/**
 * A roadmap document's rows (see grid.ts) read into a programme: the passport, nested sections,
 * activities with their deadlines as written and as parsed, the target indicators, and the problems
 * a person should look at before saving. Pure: no I/O, no clock (today comes in the options).
 */
import { parseNumberRu } from '../../../platform/tabular/read.js';
import { formatDeadlineRu, parseDeadline, type DeadlineContext, type ParsedDeadline } from './deadline.js';
import { RoadmapReadError, type DocFormat, type DocGrid, type DocRow } from './grid.js';

export type ActivityLevel = 'regional' | 'municipal' | 'school';
export type ProductType =
  'order' | 'reference' | 'plan' | 'contract' | 'certificate' | 'screenshot' | 'minutes' | 'other';

export interface PassportDraft {
  name: string;
  orderIssuer: string | null;
  orderNumber: string | null;
  orderDate: string | null;
  developers: string | null;
  executors: string | null;
  goals: string | null;
  tasks: string[];
  expectedResults: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  stages: string[];
  controllers: string | null;
}

export interface SectionDraft {
  key: string;
  parentKey: string | null;
  number: string | null;
  title: string;
  tasks: string[];
  row: number;
}

export interface ActivityDraft {
  sectionKey: string | null;
  number: string | null;
  text: string;
  level: ActivityLevel | null;
  task: string | null;
  deadlineText: string;
  deadline: ParsedDeadline;
  /** The deadline as the system understood it, in Russian («до 01.11.2023», «ежегодно»). */
  deadlineLabel: string;
  executors: string | null;
  participants: string | null;
  plannedResult: string | null;
  product: string | null;
  productType: ProductType | null;
  completionMark: string | null;
  row: number;
}

export interface IndicatorDraft {
  number: string | null;
  name: string;
  unit: string | null;
  baseline: number | null;
  baselineYear: number | null;
  /** Target per year; `year` null when the document gives one target without a year. */
  targets: Array<{ year: number | null; value: number | null }>;
  row: number;
}

export interface ParseProblem {
  row: number;
  sheet?: string;
  column: string | null;
  key: string;
  params: Record<string, string | number>;
  severity: 'warning' | 'error';
}

export interface ParsedRoadmap {
  format: DocFormat;
  passport: PassportDraft;
  sections: SectionDraft[];
  activities: ActivityDraft[];
  indicators: IndicatorDraft[];
  /** The column each field was read from (header text), for showing the user what was recognised. */
  columns: Partial<Record<Field, string>>;
  problems: ParseProblem[];
}

export interface ParseOptions {
  /** ISO date; used only when the document names no period and no year at all. */
  today: string;
  /** The period when the caller knows it better than the document (overrides the document's). */
  period?: { from: string; to: string };
  /** The current school year (autumn year), for months written without a year. */
  schoolYear?: number;
}

// ---------------------------------------------------------------------------------------------
// vocabulary

type Field =
  | 'number'
  | 'text'
  | 'deadline'
  | 'executors'
  | 'result'
  | 'product'
  | 'mark'
  | 'participants'
  | 'task'
  | 'level';

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s\u00A0]+/g, ' ')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .trim();

/** Header patterns, tried in this order; each column takes the first field that matches and is free. */
const HEADER: Array<[Field, RegExp]> = [
  ['number', /^(№|n|no|номер)(?![а-яёa-z])|^№|п\/п/],
  ['deadline', /срок|^дата|период (исполнения|проведения|реализации)/],
  ['mark', /отметк|^выполнени|^исполнени/],
  [
    'result',
    /(планируем|прогнозируем|ожидаем)[а-яёa-z0-9_]*( \/ (планируем|прогнозируем|ожидаем)[а-яёa-z0-9_]*)? (\/ )?результат|^результат[а-яёa-z0-9_]* (реализации|мероприятия)|^показател[а-яёa-z0-9_]* результ/,
  ],
  ['product', /продукт|форм[а-яёa-z0-9_]* (отчет|подтвержд|предоставлен)|подтвержда|^результат|документ/],
  ['executors', /ответствен|исполнител/],
  ['participants', /участник/],
  ['task', /^задач/],
  ['level', /^уровень/],
  ['text', /мероприяти|содержание|наименование (работ|действ)|^действи|^направлени/],
];

const LEVEL_HEADINGS: Array<[ActivityLevel, RegExp]> = [
  ['regional', /^(региональн[а-яёa-z0-9_]* уровень|уровень (субъекта|региона))/],
  [
    'municipal',
    /^(муниципальн[а-яёa-z0-9_]* уровень|уровень (муниципалитета|муниципального (района|образования|округа)))/,
  ],
  [
    'school',
    /^(уровень (общеобразовательн[а-яёa-z0-9_]* (учреждени|организаци)[а-яёa-z0-9_]*|оо|школ[а-яёa-z0-9_]*|образовательн[а-яёa-z0-9_]* (учреждени|организаци)[а-яёa-z0-9_]*)|школьный уровень)/,
  ],
];

const PRODUCT_WORDS: Array<[ProductType, RegExp]> = [
  ['order', /приказ|распоряжени|постановлени/],
  ['minutes', /протокол/],
  ['contract', /договор|соглашени/],
  ['certificate', /сертификат|удостоверени|свидетельств|диплом/],
  ['screenshot', /скриншот|скрин|снимок экрана/],
  ['reference', /справк|отчет|аналитическ/],
  ['plan', /план|программ|маршрут|график/],
];

/** The kind of document that proves an activity, from the words of its product cell. */
export function classifyProduct(text: string | null): ProductType | null {
  if (!text || !text.trim()) return null;
  const t = norm(text);
  for (const [type, re] of PRODUCT_WORDS) if (re.test(t)) return type;
  return 'other';
}

const NUMBER_RE = /^\d{1,3}(\.\d{1,3})*\.?$/;
const SECTION_RE = /^((?:\d{1,3}\.)*\d{1,3})\.?\s+(\S[\s\S]*)$/;
const ROMAN_RE = /^([IVXLC]+)\.?\s+(\S[\s\S]*)$/;
const TASKS_RE = /^задач[аи]\s*:?\s*/i;

const oneLine = (s: string) =>
  s
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
const stripMarkup = (s: string) =>
  s
    .replace(/<[^>]+>/g, ' ')
    .replace(/\*\*/g, '')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
const normNumber = (s: string) => s.replace(/\s+/g, '').replace(/\.$/, '');

/** Split a list written in one cell or paragraph («1. …; 2. …», «- …», one item per line). */
export function splitList(text: string): string[] {
  const t = stripMarkup(text);
  let items = t.split(/\n+/);
  if (items.length === 1) items = t.split(/(?:^|[;.]?\s+)(?=\d{1,2}[.)]\s+\S)/);
  return items
    .map((x) =>
      x
        .replace(/^\s*(?:[-–—•·*]|\d{1,2}[.)])\s*/, '')
        .replace(/[;,.]\s*$/, '')
        .trim(),
    )
    .filter((x) => x.length > 1);
}

// ---------------------------------------------------------------------------------------------
// header detection

interface Columns {
  map: Partial<Record<Field, number>>;
  names: Partial<Record<Field, string>>;
}

function roadmapHeader(row: DocRow): Columns | null {
  if (row.table < 0) return null;
  const nonEmpty = row.cells.filter((c) => c.trim()).length;
  if (nonEmpty < 2 || NUMBER_RE.test(row.cells[0]?.trim() ?? '')) return null;
  const map: Partial<Record<Field, number>> = {};
  const names: Partial<Record<Field, string>> = {};
  row.cells.forEach((cell, i) => {
    const h = norm(stripMarkup(cell));
    if (!h || h.length > 80) return;
    for (const [field, re] of HEADER) {
      if (map[field] === undefined && re.test(h)) {
        map[field] = i;
        names[field] = oneLine(cell);
        return;
      }
    }
  });
  if (map.text === undefined) return null;
  if (map.deadline === undefined && map.executors === undefined && map.result === undefined) return null;
  // «Результат» with no planned-result column is the planned result (its product type is read from it)
  if (
    map.result === undefined &&
    map.product !== undefined &&
    /^результат/.test(norm(row.cells[map.product]!))
  ) {
    map.result = map.product;
    names.result = names.product;
    delete map.product;
    delete names.product;
  }
  return { map, names };
}

interface IndicatorColumns {
  number?: number;
  name: number;
  unit?: number;
  baseline?: number;
  baselineYear: number | null;
  years: Array<{ col: number; year: number | null }>;
}

function indicatorHeader(row: DocRow): IndicatorColumns | null {
  if (row.table < 0) return null;
  const cells = row.cells.map((c) => norm(stripMarkup(c)));
  if (cells.filter(Boolean).length < 2) return null;
  if (cells.some((c) => c.length > 80) || NUMBER_RE.test(cells[0] ?? '')) return null;
  if (cells.some((c) => /мероприяти/.test(c))) return null;
  const name = cells.findIndex((c) => /показател|индикатор/.test(c) && /наименован|показател/.test(c));
  const nameCol = name >= 0 ? name : cells.findIndex((c) => /^наименовани/.test(c));
  if (nameCol < 0) return null;
  const out: IndicatorColumns = { name: nameCol, baselineYear: null, years: [] };
  cells.forEach((c, i) => {
    if (i === nameCol || !c) return;
    const year = /(?:^|\D)(20\d\d)(?:\D|$)/.exec(c);
    if (/^(№|n|no)(?![а-яёa-z])|^№|п\/п/.test(c)) out.number = i;
    else if (/ед[а-яёa-z0-9_]*\.? ?изм|единиц/.test(c)) out.unit = i;
    else if (/базов|исходн|на начало|текущ/.test(c)) {
      out.baseline = i;
      out.baselineYear = year ? Number(year[1]) : null;
    } else if (year) out.years.push({ col: i, year: Number(year[1]) });
    else if (/индикатор|целев|планов|значени|показател/.test(c)) out.years.push({ col: i, year: null });
  });
  if (out.years.length === 0 && out.baseline === undefined) return null;
  return out;
}

// ---------------------------------------------------------------------------------------------
// passport

const MONTHS: Record<string, number> = {
  янв: 1,
  фев: 2,
  мар: 3,
  апр: 4,
  мая: 5,
  май: 5,
  июн: 6,
  июл: 7,
  авг: 8,
  сен: 9,
  окт: 10,
  ноя: 11,
  дек: 12,
};
const pad = (n: number) => String(n).padStart(2, '0');

/** «Приложение к приказу отдела образования от 24.05.2023 № 177 - од» → issuer, date, number. */
export function parseOrder(
  text: string,
): { issuer: string | null; date: string | null; number: string | null } | null {
  const t = oneLine(stripMarkup(text));
  const m =
    /приказ[а-яёa-z0-9_]*\s*(.*?)\s*от\s*«?\s*(\d{1,2})\s*»?[\s.]*(\d{1,2}|[а-яё]+)[\s.]*(\d{4})\s*(?:г\.?|года)?\s*(?:№|N|no)\s*([0-9A-Za-zА-Яа-яЁё]+(?:\s*[-/–]\s*[0-9A-Za-zА-Яа-яЁё]+)*)/i.exec(
      t,
    );
  if (!m) return null;
  const day = Number(m[2]);
  const monthRaw = m[3]!.toLowerCase();
  const month = /^\d+$/.test(monthRaw)
    ? Number(monthRaw)
    : (MONTHS[monthRaw.slice(0, 3)] ?? MONTHS[monthRaw] ?? 0);
  const year = Number(m[4]);
  const valid = month >= 1 && month <= 12 && day >= 1 && day <= 31;
  return {
    issuer: m[1]?.trim() || null,
    date: valid ? `${year}-${pad(month)}-${pad(day)}` : null,
    number: m[5]!.replace(/\s*([-/–])\s*/g, '-').trim(),
  };
}

/** «на 2023 – 2024 годы», «2019-2024 гг.», «2023/2024 учебный год», «на 2024 год» → ISO period. */
export function parsePeriod(text: string): { from: string; to: string } | null {
  const t = oneLine(stripMarkup(text)).toLowerCase();
  let m = /(20\d\d)\s*[/]\s*(20\d\d|\d\d)\s*(?:уч|учебн)/.exec(t);
  if (m) {
    const a = Number(m[1]);
    return { from: `${a}-09-01`, to: `${a + 1}-08-31` };
  }
  m =
    /(20\d\d)\s*[-–—]\s*(20\d\d)\s*(?:гг|годы|год|г(?![а-яё])|уч)/.exec(t) ??
    /на\s+(20\d\d)\s*[-–—]\s*(20\d\d)/.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (b < a) return null;
    if (/уч/.test(t.slice(m.index, m.index + m[0].length + 3)))
      return { from: `${a}-09-01`, to: `${b}-08-31` };
    return { from: `${a}-01-01`, to: `${b}-12-31` };
  }
  m = /на\s+(20\d\d)\s*(?:год|г(?![а-яё]))/.exec(t);
  if (m) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  return null;
}

type PassportField =
  | 'name'
  | 'basis'
  | 'developers'
  | 'executors'
  | 'goals'
  | 'tasks'
  | 'results'
  | 'period'
  | 'stages'
  | 'controllers'
  | 'indicators';
const PASSPORT_LABELS: Array<[PassportField, RegExp]> = [
  ['name', /^(полное )?наименование( программы)?$/],
  ['basis', /^(основани|нормативн|правов)/],
  ['developers', /^разработчик/],
  ['executors', /^(основные )?(исполнител|участник|соисполнител)/],
  ['goals', /^(цел[ьи])(?![а-яё])/],
  ['tasks', /^задач/],
  ['results', /^(ожидаем|планируем|конечн)[а-яёa-z0-9_]*( конечн[а-яёa-z0-9_]*)? результат/],
  ['period', /^(срок|период)[а-яёa-z0-9_]*( и этапы)?( реализации)?/],
  ['stages', /^этап/],
  ['controllers', /^(система )?(организаци[а-яёa-z0-9_]* )?(контрол|управлени[а-яёa-z0-9_]* и контрол)/],
  ['indicators', /^(целев|важнейш)[а-яёa-z0-9_]* (показател|индикатор)/],
];

function passportLabel(text: string): PassportField | null {
  const t = norm(stripMarkup(text)).replace(/[:.]$/, '');
  if (t.length > 90) return null;
  for (const [f, re] of PASSPORT_LABELS) if (re.test(t)) return f;
  return null;
}

function readPassport(
  rows: DocRow[],
  problems: ParseProblem[],
): { passport: PassportDraft; explicitPeriod: boolean } {
  const p: PassportDraft = {
    name: '',
    orderIssuer: null,
    orderNumber: null,
    orderDate: null,
    developers: null,
    executors: null,
    goals: null,
    tasks: [],
    expectedResults: null,
    periodFrom: null,
    periodTo: null,
    stages: [],
    controllers: null,
  };
  let period: { from: string; to: string } | null = null;
  const set = (f: PassportField, value: string) => {
    const v = stripMarkup(value).trim();
    if (!v) return;
    switch (f) {
      case 'name':
        if (!p.name) p.name = oneLine(v);
        break;
      case 'basis': {
        const o = parseOrder(v);
        if (o && !p.orderNumber) {
          p.orderIssuer = o.issuer;
          p.orderDate = o.date;
          p.orderNumber = o.number;
        }
        break;
      }
      case 'developers':
        p.developers = p.developers ? `${p.developers}\n${v}` : v;
        break;
      case 'executors':
        p.executors = p.executors ? `${p.executors}\n${v}` : v;
        break;
      case 'goals':
        p.goals = p.goals ? `${p.goals}\n${v}` : v;
        break;
      case 'tasks':
        p.tasks.push(...splitList(v));
        break;
      case 'results':
        p.expectedResults = p.expectedResults ? `${p.expectedResults}\n${v}` : v;
        break;
      case 'period':
        period = period ?? parsePeriod(v);
        break;
      case 'stages':
        p.stages.push(...splitList(v));
        break;
      case 'controllers':
        p.controllers = p.controllers ? `${p.controllers}\n${v}` : v;
        break;
      case 'indicators':
        break;
    }
  };

  // the order: «Приложение к приказу … от … № …», often over several short lines at the top
  const top = rows
    .slice(0, 20)
    .map((r) => r.cells.join(' '))
    .join('\n');
  const order = parseOrder(top);
  if (order) {
    p.orderIssuer = order.issuer;
    p.orderDate = order.date;
    p.orderNumber = order.number;
  }

  let open: PassportField | null = null; // a label whose value continues on the following paragraphs
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const filled = r.cells.map((c) => c.trim()).filter(Boolean);
    if (filled.length === 0) continue;
    // two-column passport table: label | value
    if (r.table >= 0 && filled.length >= 2) {
      const f = passportLabel(filled[0]!);
      if (f) set(f, filled.slice(1).join('\n'));
      open = null;
      continue;
    }
    const text = filled[0]!;
    // the title: the first paragraph that names a programme or a plan, with the lines that continue it
    if (
      !p.name &&
      /программ|план мероприятий|дорожн[а-яёa-z0-9_]* карт/i.test(text) &&
      !/^(приложени|цел|задач|[IVX]+\.)/i.test(text) &&
      text.length >= 15
    ) {
      let title = text;
      let last = r.source;
      for (let j = i + 1; j < rows.length; j++) {
        const n = rows[j]!;
        if (n.cells.filter((x) => x.trim()).length !== 1 || n.source !== last + 1) break;
        if (/(\*\*|годы|год|гг\.?)\s*$/i.test(stripMarkup(title).trim()) && !title.trim().startsWith('**'))
          break;
        if (title.includes('**') && /\*\*\s*$/.test(title.trim()) && title.trim().length > 2) break;
        if (passportLabel(n.cells[0]!.split(':')[0]!) || /^[IVX]+\.\s/.test(n.cells[0]!)) break;
        title += `\n${n.cells[0]}`;
        last = n.source;
        i = j;
      }
      p.name = oneLine(stripMarkup(title));
      open = null;
      continue;
    }
    const colon = text.indexOf(':');
    const label = colon > 0 ? passportLabel(text.slice(0, colon)) : passportLabel(text);
    if (label) {
      open = label;
      if (colon > 0) set(label, text.slice(colon + 1));
      continue;
    }
    if (/^[IVX]+\.\s/.test(text)) {
      open = null;
      continue;
    }
    if (open === 'tasks' || open === 'stages') {
      if (/^\s*(?:[-–—•·*]|\d{1,2}[.)])\s*\S/.test(text)) {
        set(open, text);
        continue;
      }
      open = null;
    } else if (open && open !== 'name') {
      set(open, text);
    }
  }
  if (!p.name) {
    problems.push({
      row: rows[0]?.source ?? 1,
      column: null,
      key: 'programmes.parse.noName',
      params: {},
      severity: 'warning',
    });
  }
  period = period ?? (p.name ? parsePeriod(p.name) : null);
  if (period) {
    p.periodFrom = period.from;
    p.periodTo = period.to;
  }
  return { passport: p, explicitPeriod: period !== null };
}

// ---------------------------------------------------------------------------------------------
// the roadmap

/** Years written in the deadlines, for a period the document does not name. */
function yearsIn(texts: string[]): number[] {
  const out: number[] = [];
  for (const t of texts) for (const m of t.matchAll(/(?:^|\D)(20[0-9]{2})(?!\d)/g)) out.push(Number(m[1]));
  return out;
}

interface RawActivity {
  row: DocRow;
  cells: Partial<Record<Field, string>>;
  sectionKey: string | null;
  level: ActivityLevel | null;
}

export function parseRoadmap(grid: DocGrid, opts: ParseOptions): ParsedRoadmap {
  const problems: ParseProblem[] = [];
  const rows = grid.rows;
  const headerAt = rows.findIndex((r) => roadmapHeader(r) !== null);
  if (headerAt < 0) throw new RoadmapReadError('programmes.parse.noTable', {});

  const { passport, explicitPeriod } = readPassport(rows.slice(0, headerAt), problems);
  const sections: SectionDraft[] = [];
  const raws: RawActivity[] = [];
  const indicators: IndicatorDraft[] = [];
  let cols = roadmapHeader(rows[headerAt]!)!;
  const names: Partial<Record<Field, string>> = { ...cols.names };
  let indCols: IndicatorColumns | null = null;
  let topSection: SectionDraft | null = null;
  let section: SectionDraft | null = null;
  let level: ActivityLevel | null = null;
  let tasksOpen = false;
  let last: RawActivity | null = null;

  const readIndicator = (r: DocRow, c: IndicatorColumns) => {
    const name = oneLine(r.cells[c.name] ?? '');
    if (!name) return;
    const cell = (i: number | undefined) => (i === undefined ? '' : (r.cells[i] ?? '').trim());
    let unit = cell(c.unit) || null;
    const num = (s: string) => {
      if (!s) return null;
      if (/%/.test(s) && !unit) unit = '%';
      const v = parseNumberRu(s.replace(/[^\d,.\-−%\s]/g, '').trim());
      return typeof v === 'number' ? v : null;
    };
    indicators.push({
      number: normNumber(cell(c.number)) || null,
      name,
      unit: null,
      baseline: num(cell(c.baseline)),
      baselineYear: c.baselineYear,
      targets: c.years.map((y) => ({ year: y.year, value: num(cell(y.col)) })),
      row: r.source,
    });
    indicators[indicators.length - 1]!.unit = unit;
  };

  // indicator tables before the roadmap
  for (let i = 0; i < headerAt; i++) {
    const r = rows[i]!;
    const h = indicatorHeader(r);
    if (h) {
      indCols = h;
      continue;
    }
    if (indCols && r.table >= 0 && rows[i - 1]?.table === r.table) readIndicator(r, indCols);
    else if (r.table < 0) indCols = null;
  }
  indCols = null;

  const newSection = (number: string | null, title: string, r: DocRow): SectionDraft => {
    let parentKey: string | null = null;
    if (number && number.includes('.')) {
      const parentNumber = number.slice(0, number.lastIndexOf('.'));
      parentKey = sections.find((s) => s.number === parentNumber)?.key ?? topSection?.key ?? null;
    } else if (!number && topSection) parentKey = topSection.key;
    const s: SectionDraft = {
      key: `s${sections.length + 1}`,
      parentKey,
      number,
      title: oneLine(title),
      tasks: [],
      row: r.source,
    };
    sections.push(s);
    if (!parentKey) topSection = s;
    section = s;
    tasksOpen = false;
    return s;
  };
  const addTasks = (text: string) => {
    const target = section ?? topSection;
    const items = splitList(text);
    if (target) target.tasks.push(...items);
    else passport.tasks.push(...items);
  };
  const append = (a: RawActivity, field: Field, text: string) => {
    if (!text.trim()) return;
    const prev = a.cells[field];
    a.cells[field] = prev
      ? `${prev}${field === 'text' || field === 'result' ? ' ' : '\n'}${text.trim()}`
      : text.trim();
  };

  for (let i = headerAt + 1; i < rows.length; i++) {
    const r = rows[i]!;
    const header = roadmapHeader(r);
    if (header) {
      cols = header;
      Object.assign(names, header.names);
      indCols = null;
      continue;
    }
    const ih = indicatorHeader(r);
    if (ih) {
      indCols = ih;
      continue;
    }
    if (indCols) {
      if (r.table >= 0) {
        readIndicator(r, indCols);
        continue;
      }
      indCols = null;
    }
    const filled = r.cells.map((c, idx) => ({ idx, text: c.trim() })).filter((c) => c.text);
    if (filled.length === 0) continue;
    const at = (f: Field) => {
      const idx = cols.map[f];
      return idx === undefined ? '' : (r.cells[idx] ?? '').trim();
    };

    if (filled.length === 1 || r.table < 0) {
      const { idx, text } = filled[0]!;
      const plain = stripMarkup(text);
      const n = norm(plain);
      const lvl = LEVEL_HEADINGS.find(([, re]) => re.test(n));
      if (lvl) {
        level = lvl[0];
        tasksOpen = false;
        continue;
      }
      if (TASKS_RE.test(plain)) {
        tasksOpen = true;
        const rest = plain.replace(TASKS_RE, '');
        if (rest) addTasks(rest);
        continue;
      }
      if (tasksOpen && /^\s*(?:[-–—•·*]|\d{1,2}[.)])\s*\S/.test(plain)) {
        addTasks(plain);
        continue;
      }
      const inHeadingColumn = r.table < 0 || idx === cols.map.number || idx === cols.map.text || idx === 0;
      const continuation =
        last !== null &&
        r.table >= 0 &&
        (!inHeadingColumn || (idx === cols.map.text && /^[a-zа-яё(«"]/.test(plain)));
      if (continuation && last) {
        const field =
          (Object.entries(cols.map).find(([, c]) => c === idx)?.[0] as Field | undefined) ?? 'text';
        append(last, field, plain);
        continue;
      }
      const m = SECTION_RE.exec(plain) ?? ROMAN_RE.exec(plain);
      if (m && !NUMBER_RE.test(plain)) newSection(m === null ? null : normNumber(m[1]!), m[2]!, r);
      else newSection(null, plain, r);
      last = null;
      continue;
    }

    // a row of several cells
    const number = normNumber(at('number'));
    const isNumber = number !== '' && NUMBER_RE.test(`${number}.`);
    const lastRow: RawActivity | null = last;
    const fillsGap = lastRow !== null && !lastRow.cells.deadline && !lastRow.cells.executors;
    if (
      !isNumber &&
      lastRow &&
      ((!at('deadline') && !at('executors')) || fillsGap) &&
      (number === '' || cols.map.number === undefined)
    ) {
      // the rest of the row above, broken over two rows
      for (const [f, c] of Object.entries(cols.map) as Array<[Field, number]>)
        append(lastRow, f, r.cells[c] ?? '');
      continue;
    }
    const text = at('text');
    if (!text && !isNumber) continue;
    tasksOpen = false;
    const cells: Partial<Record<Field, string>> = {};
    for (const [f, c] of Object.entries(cols.map) as Array<[Field, number]>) {
      const v = (r.cells[c] ?? '').trim();
      if (v) cells[f] = v;
    }
    if (!isNumber) delete cells.number;
    else cells.number = number;
    const a: RawActivity = {
      row: r,
      cells,
      sectionKey: (section as SectionDraft | null)?.key ?? null,
      level,
    };
    raws.push(a);
    last = a;
  }

  // the period, for deadlines written without a year
  let period =
    opts.period ??
    (passport.periodFrom && passport.periodTo ? { from: passport.periodFrom, to: passport.periodTo } : null);
  if (!period) {
    const years = yearsIn(raws.map((a) => a.cells.deadline ?? ''));
    const orderYear = passport.orderDate ? Number(passport.orderDate.slice(0, 4)) : null;
    if (years.length) period = { from: `${Math.min(...years)}-01-01`, to: `${Math.max(...years)}-12-31` };
    else if (orderYear) period = { from: `${orderYear}-09-01`, to: `${orderYear + 1}-08-31` };
    else {
      const y = Number(opts.today.slice(0, 4));
      const sy = Number(opts.today.slice(5, 7)) >= 9 ? y : y - 1;
      period = { from: `${sy}-09-01`, to: `${sy + 1}-08-31` };
    }
    problems.push({
      row: rows[headerAt]!.source,
      column: null,
      key: 'programmes.parse.periodGuessed',
      params: { from: period.from, to: period.to },
      severity: 'warning',
    });
  }
  if (!explicitPeriod || opts.period) {
    passport.periodFrom = period.from;
    passport.periodTo = period.to;
  }
  const ctx: DeadlineContext = { periodStart: period.from, periodEnd: period.to };
  if (opts.schoolYear !== undefined) ctx.schoolYear = opts.schoolYear;

  const activities: ActivityDraft[] = [];
  const seen = new Map<string, number>();
  for (const a of raws) {
    const c = a.cells;
    const deadlineText = c.deadline ?? '';
    const deadline = parseDeadline(deadlineText, ctx);
    const text = oneLine(c.text ?? '');
    const row = a.row.source;
    const where = a.row.sheet ? { sheet: a.row.sheet } : {};
    if (!text) {
      problems.push({
        row,
        ...where,
        column: names.text ?? null,
        key: 'programmes.parse.noText',
        params: { number: c.number ?? '' },
        severity: 'error',
      });
    }
    if (!deadlineText.trim()) {
      problems.push({
        row,
        ...where,
        column: names.deadline ?? null,
        key: 'programmes.parse.noDeadline',
        params: { number: c.number ?? '—' },
        severity: 'warning',
      });
    } else if (deadline.kind === 'unknown') {
      problems.push({
        row,
        ...where,
        column: names.deadline ?? null,
        key: 'programmes.parse.deadlineUnknown',
        params: { number: c.number ?? '—', text: oneLine(deadlineText) },
        severity: 'warning',
      });
    } else if (deadline.needsReview) {
      problems.push({
        row,
        ...where,
        column: names.deadline ?? null,
        key: 'programmes.parse.deadlineReview',
        params: { number: c.number ?? '—', text: oneLine(deadlineText), parsed: formatDeadlineRu(deadline) },
        severity: 'warning',
      });
    }
    if (c.number) {
      const key = `${a.sectionKey ?? ''}|${c.number}`;
      if (seen.has(key)) {
        problems.push({
          row,
          ...where,
          column: names.number ?? null,
          key: 'programmes.parse.duplicateNumber',
          params: { number: c.number, first: seen.get(key)! },
          severity: 'warning',
        });
      } else seen.set(key, row);
    }
    const levelCell = c.level ? norm(c.level) : '';
    const level: ActivityLevel | null = levelCell
      ? /регион/.test(levelCell)
        ? 'regional'
        : /муницип/.test(levelCell)
          ? 'municipal'
          : /школ|оо|образовательн/.test(levelCell)
            ? 'school'
            : a.level
      : a.level;
    const product = c.product ? stripMarkup(c.product) : null;
    const plannedResult = c.result ? stripMarkup(c.result) : null;
    activities.push({
      sectionKey: a.sectionKey,
      number: c.number ?? null,
      text,
      level,
      task: c.task ? oneLine(c.task) : null,
      deadlineText,
      deadline,
      deadlineLabel: formatDeadlineRu(deadline),
      executors: c.executors ? stripMarkup(c.executors) : null,
      participants: c.participants ? stripMarkup(c.participants) : null,
      plannedResult,
      product,
      productType: product ? classifyProduct(product) : plannedResult ? documentIn(plannedResult) : null,
      completionMark: c.mark ? stripMarkup(c.mark) : null,
      row,
    });
  }
  if (activities.length === 0) throw new RoadmapReadError('programmes.parse.noActivities', {});

  // indicators with one target and no year: the target of the programme's last year
  const endYear = passport.periodTo ? Number(passport.periodTo.slice(0, 4)) : null;
  for (const ind of indicators) for (const t of ind.targets) if (t.year === null && endYear) t.year = endYear;

  return { format: grid.format, passport, sections, activities, indicators, columns: names, problems };
}

/** A product type only when the planned result clearly names a document. */
function documentIn(text: string): ProductType | null {
  const t = classifyProduct(text);
  return t === 'other' || t === 'plan' ? null : t;
}
