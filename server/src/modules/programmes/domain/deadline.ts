/**
 * Deadlines of roadmap activities («Сроки»), as people write them in Word roadmaps, parsed into a
 * structured form while keeping the original text. Pure domain logic: no I/O, no clock, never throws.
 *
 * Conventions (documented here because they are choices, not facts):
 * - A month without a year takes its year from the context: with `ctx.schoolYear` = Y, September–December
 *   → Y and January–August → Y + 1; without it, the first such month on or after `ctx.periodStart`.
 *   Such results carry `yearInferred`; when the programme lasts more than a year and no school year was
 *   given, they also carry `needsReview` (the month could be in any year of the programme).
 * - A two-digit year is 20xx. Years outside 1990–2100 are not recognised as years.
 * - «до X» / «к X»: the due date is X when X is a day; for a longer X («до сентября 2023») it is the day
 *   before X starts, flagged `needsReview`; «до конца X» is the end of X; «не позднее X» / «по X» is the end
 *   of X.
 * - School year: 1 September – 31 August. School terms (четверти), a fixed convention, the same every year:
 *   I 01.09–27.10, II 05.11–29.12, III 09.01–22.03, IV 01.04–25.05. School half-years are unions of terms:
 *   I 01.09–29.12, II 09.01–25.05. «1 полугодие 2024 (года)» with a single calendar year is the calendar
 *   half (January–June). «Конец учебного года» is May.
 * - Seasons: spring March–May, summer June–August, autumn September–November, winter December–February;
 *   «зима 2024» is December 2023 – February 2024 (flagged `needsReview`).
 * - «2023/2024», «2023/24» and «2023-2024 уч. год» are school years; «2019-2024 гг.» and «2023-2024» are
 *   calendar years.
 * - «начало / середина / конец» of a month are days 1–10 / 11–20 / 21–end; of a longer span, its first /
 *   middle / last month.
 * - Recurring deadlines keep the window named inside each cycle in `within` («ежегодно, сентябрь»,
 *   «ежегодно до 1 октября»); `from`/`to` of a recurring or continuous deadline are the overall window when
 *   the text names one («ежегодно в 2020–2024 гг.», «весь период 2023/2024»), otherwise null.
 * - Lists («декабрь, май») are periods whose `from`/`to` are the envelope; the items are kept in `parts`.
 *   Items that overlap («Январь 2019г. / 2019-2024г.», a multi-line Word cell) are flagged `needsReview`.
 * - «с X» / «начиная с X» / «после X» alone: 'continuous' from X with `to` null. «по итогам X» (X a period):
 *   the last month of X; «по итогам четверти / года» are recurring.
 * - Unparsed words inside parentheses become `note` («Сентябрь 2023 (по результатам ВПР)»); unparsed words
 *   outside them, hedges («ориентировочно») and impossible dates or reversed ranges set `needsReview`
 *   (the last two make the whole result 'unknown').
 * - Occurrences: yearly cycles are school years, or calendar years when the programme starts on 1 January;
 *   quarters are calendar quarters; weeks run Monday–Sunday; «N раз в год» splits the study period
 *   (01.09–25.05) into N equal parts (N = 2 → half-years, N = 4 → terms). Cycles that overlap the programme
 *   period partly are kept and clipped to it.
 */

export type DeadlineKind = 'date' | 'period' | 'recurring' | 'continuous' | 'by_plan' | 'unknown';
export type Recurrence =
  'yearly' | 'half_yearly' | 'quarterly' | 'monthly' | 'weekly' | 'per_term' | 'times_per_year';

/** A day of the year inside a cycle. `month` null = every month (monthly cycles); `day` null = the first
 * day (for a window's start) or the last day (for its end) of the month. */
export interface MonthDay {
  month: number | null;
  day: number | null;
}
/** The window inside each cycle of a recurring deadline; `from` null = only a due date («до 1 октября»). */
export interface CycleWindow {
  from: MonthDay | null;
  to: MonthDay;
}
/** One item of a list of dates or months. */
export interface DeadlineSpan {
  from: string | null;
  to: string;
}

export interface ParsedDeadline {
  original: string; // exactly the input
  kind: DeadlineKind;
  from: string | null; // ISO date 'YYYY-MM-DD' (start of the window) when determinable
  to: string | null; // ISO date: the due date (end of the window; for 'date' from=to or from=null when «до …»)
  recurrence: Recurrence | null;
  timesPerYear?: number;
  yearInferred: boolean; // true when the year came from context, not the text
  note: string | null; // e.g. the plan named («по плану ИРО») or the text after «в рамках»
  needsReview: boolean; // true for 'unknown' and for ambiguous results
  /** For lists («декабрь, май», «01.10.2023, 01.04.2024»): each item; `from`/`to` are their envelope. */
  parts?: DeadlineSpan[];
  /** For recurring deadlines: the window(s) inside each cycle named by the text. */
  within?: CycleWindow[];
}

export interface DeadlineContext {
  periodStart: string;
  periodEnd: string /* the programme's period, ISO */;
  schoolYear?: number /* autumn year of the current school year, used when a month has no year: Sept–Dec → that year, Jan–Aug → next */;
}

export interface Occurrence {
  index: number;
  label: string /* Russian, e.g. «2023/24 уч. год», «I четверть 2023/24», «Март 2024» */;
  from: string;
  to: string /* due */;
}

// ---------------------------------------------------------------------------------------------------------
// Generated domain text (Russian) and vocabulary

const words = (list: string): string[] => list.split(' ');

const MONTH_NAMES = words('январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь');
const ROMAN = ['', 'I', 'II', 'III', 'IV'] as const;

const RECURRENCE_LABEL: Record<Exclude<Recurrence, 'times_per_year'>, string> = {
  yearly: 'ежегодно',
  half_yearly: 'раз в полугодие',
  quarterly: 'ежеквартально',
  monthly: 'ежемесячно',
  weekly: 'еженедельно',
  per_term: 'по четвертям',
};
const LABEL_CONTINUOUS = 'постоянно';
const LABEL_SCHOOL_YEAR = 'уч. год';
const LABEL_SCHOOL_YEARS = 'уч. годы';
const LABEL_YEAR = 'год';
const LABEL_YEARS = 'гг.';
const LABEL_TERM = 'четверть';
const LABEL_HALF = 'полугодие';
const LABEL_QUARTER = 'квартал';
const LABEL_WEEK = 'Неделя';
const LABEL_BEFORE = 'до';
const LABEL_SINCE = 'с';
const LABEL_DAY_OF_MONTH = 'числа';
const LABEL_EMPTY = '—';

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;
const MAX_INPUT = 2000;
const MAX_OCCURRENCES = 1000;

/** School terms (четверти): [fromMonth, fromDay, toMonth, toDay]. */
export const SCHOOL_TERMS: ReadonlyArray<readonly [number, number, number, number]> = [
  [9, 1, 10, 27],
  [11, 5, 12, 29],
  [1, 9, 3, 22],
  [4, 1, 5, 25],
];

const MONTH_FORMS: Array<[number, string[]]> = [
  [1, ['январь', 'января', 'январе', 'январю', 'январем', 'янв']],
  [2, ['февраль', 'февраля', 'феврале', 'февралю', 'февралем', 'фев', 'февр']],
  [3, ['март', 'марта', 'марте', 'марту', 'мартом', 'мар']],
  [4, ['апрель', 'апреля', 'апреле', 'апрелю', 'апрелем', 'апр']],
  [5, ['май', 'мая', 'мае', 'маю', 'маем']],
  [6, ['июнь', 'июня', 'июне', 'июню', 'июнем', 'июн']],
  [7, ['июль', 'июля', 'июле', 'июлю', 'июлем', 'июл']],
  [8, ['август', 'августа', 'августе', 'августу', 'августом', 'авг']],
  [9, ['сентябрь', 'сентября', 'сентябре', 'сентябрю', 'сентябрем', 'сент', 'сен']],
  [10, ['октябрь', 'октября', 'октябре', 'октябрю', 'октябрем', 'окт']],
  [11, ['ноябрь', 'ноября', 'ноябре', 'ноябрю', 'ноябрем', 'ноя', 'нояб']],
  [12, ['декабрь', 'декабря', 'декабре', 'декабрю', 'декабрем', 'дек']],
];
const MONTH_OF = new Map<string, number>();
for (const [m, forms] of MONTH_FORMS) for (const f of forms) MONTH_OF.set(f, m);

type Season = 'winter' | 'spring' | 'summer' | 'autumn';
const SEASON_FORMS: Array<[Season, string[]]> = [
  ['winter', ['зима', 'зимой', 'зимы', 'зиму', 'зиме', 'зимний', 'зимние', 'зимнего', 'зимнем', 'зимних']],
  ['spring', ['весна', 'весной', 'весны', 'весну', 'весне', 'весенний', 'весенние', 'весеннего', 'весеннем']],
  ['summer', ['лето', 'летом', 'лета', 'лету', 'летний', 'летние', 'летнего', 'летнем', 'летних']],
  ['autumn', ['осень', 'осенью', 'осени', 'осенний', 'осенние', 'осеннего', 'осеннем']],
];
const SEASON_OF = new Map<string, Season>();
for (const [s, forms] of SEASON_FORMS) for (const f of forms) SEASON_OF.set(f, s);
const SEASON_SPAN: Record<Season, [number, number, number]> = {
  // start month, end month, wrap into next year
  winter: [12, 2, 1],
  spring: [3, 5, 0],
  summer: [6, 8, 0],
  autumn: [9, 11, 0],
};

const QUARTER_WORDS = new Set(words('кв квартал квартала квартале кварталы кварталов кварталах'));
const HALF_WORDS = new Set(words('полугодие полугодия полугодии полугодию полугодий полугодиях пг'));
const TERM_WORDS = new Set(['четверть', 'четверти', 'четвертей', 'четвертях', 'четв']);
const YEAR_WORDS = new Set(['г', 'гг', 'год', 'года', 'году', 'годы', 'годов', 'годах', 'годом']);
const SCHOOL_WORDS = new Set(words('уч учеб учебный учебного учебном учебные учебных учебному'));
const EDGE_WORDS: Record<string, Edge> = {
  начало: 'start',
  начала: 'start',
  началу: 'start',
  начале: 'start',
  середина: 'mid',
  середины: 'mid',
  середине: 'mid',
  конец: 'end',
  конца: 'end',
  концу: 'end',
  конце: 'end',
};
const ORDINAL_SUFFIXES = new Set(words('й ый ой ий е ое ее го ого м ом я ая ю ую'));
const ROMAN_OF: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const FILLERS = new Set([
  ...words(
    'в во на течение период периода периоде срок сроки срока месяц месяца месяце мес и или а также не позднее позже ранее реже менее включительно т е текущий текущего текущем начиная за от до к ко с со по после дата даты числа число каникулы каникул каникулах сезон итогам окончании завершении результатам каждого каждый каждую',
  ),
  ...YEAR_WORDS,
  ...SCHOOL_WORDS,
  ...Object.keys(EDGE_WORDS),
]);
const HEDGES = new Set(words('ориентировочно примерно предположительно приблизительно планируется возможно'));
const NUMBER_WORDS: Record<string, number> = {
  один: 1,
  два: 2,
  две: 2,
  три: 3,
  четыре: 4,
  пять: 5,
  шесть: 6,
  семь: 7,
  восемь: 8,
  девять: 9,
  десять: 10,
  дважды: 2,
  трижды: 3,
};

/** Words that a one-letter typo must never turn into a vocabulary word. */
const TYPO_STOP = new Set(
  words(
    'карта карте карты карту картой парта парте парты марка марки марку четверг четверга четвергу четвергам понедельникам вторникам средам пятницам субботам плана плану планом годовой годовых',
  ),
);
const TYPO_VOCAB: string[] = [
  ...MONTH_FORMS.flatMap(([, f]) => f),
  ...SEASON_FORMS.flatMap(([, f]) => f),
  ...words(
    'ежегодно ежеквартально ежемесячно еженедельно постоянно систематически регулярно полугодие полугодия полугодии полугодиям четверть ' +
      'четверти четвертям квартал квартала квартале учебный учебного учебном течение период периода необходимости отдельному графику запросу реализации',
  ),
].filter((w) => w.length >= 5);
const KNOWN_WORDS = new Set<string>([
  ...MONTH_OF.keys(),
  ...SEASON_OF.keys(),
  ...TYPO_VOCAB,
  ...TYPO_STOP,
  ...FILLERS,
]);

// ---------------------------------------------------------------------------------------------------------
// Calendar helpers (pure, no Date parsing of user text)

interface Ymd {
  y: number;
  m: number;
  d: number;
}
const pad2 = (n: number): string => (n < 10 ? '0' : '') + String(n);
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
function daysIn(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}
const validYmd = (y: number, m: number, d: number): boolean =>
  Number.isInteger(y) &&
  Number.isInteger(m) &&
  Number.isInteger(d) &&
  m >= 1 &&
  m <= 12 &&
  d >= 1 &&
  d <= daysIn(y, m);
const iso = (y: number, m: number, d: number): string =>
  `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
function parseIso(s: unknown): Ymd | null {
  if (typeof s !== 'string') return null;
  const r = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!r) return null;
  const y = Number(r[1]);
  const m = Number(r[2]);
  const d = Number(r[3]);
  return validYmd(y, m, d) ? { y, m, d } : null;
}
const ymd = (s: string): Ymd => parseIso(s) ?? { y: 1970, m: 1, d: 1 };
const DAY_MS = 86_400_000;
const toDays = (s: string): number => {
  const p = ymd(s);
  return Date.UTC(p.y, p.m - 1, p.d) / DAY_MS;
};
function fromDays(n: number): string {
  const dt = new Date(n * DAY_MS);
  return iso(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}
const addDays = (s: string, n: number): string => fromDays(toDays(s) + n);
const maxIso = (a: string, b: string): string => (a > b ? a : b);
const minIso = (a: string, b: string): string => (a < b ? a : b);
const dmy = (s: string): string => {
  const p = ymd(s);
  return `${pad2(p.d)}.${pad2(p.m)}.${p.y}`;
};
const yy = (y: number): string => pad2(((y % 100) + 100) % 100);
const schoolYearLabel = (sy: number): string => `${sy}/${yy(sy + 1)}`;
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

// ---------------------------------------------------------------------------------------------------------
// Context

interface Ctx {
  ps: Ymd | null;
  pe: Ymd | null;
  psIso: string | null;
  peIso: string | null;
  schoolYear: number | null;
  long: boolean;
}
function readCtx(ctx: DeadlineContext | undefined): Ctx {
  const c = (ctx ?? {}) as Partial<DeadlineContext>;
  const ps = parseIso(c.periodStart);
  const pe = parseIso(c.periodEnd);
  const sy =
    typeof c.schoolYear === 'number' &&
    Number.isInteger(c.schoolYear) &&
    c.schoolYear >= MIN_YEAR &&
    c.schoolYear < MAX_YEAR
      ? c.schoolYear
      : null;
  const psIso = ps ? iso(ps.y, ps.m, ps.d) : null;
  const peIso = pe ? iso(pe.y, pe.m, pe.d) : null;
  const long = psIso !== null && peIso !== null && toDays(peIso) - toDays(psIso) > 366;
  return { ps, pe, psIso, peIso, schoolYear: sy, long };
}
/** The calendar year of a month that the text gives without a year. */
function inferYear(c: Ctx, month: number): number | null {
  if (c.schoolYear !== null) return month >= 9 ? c.schoolYear : c.schoolYear + 1;
  if (c.ps) return month >= c.ps.m ? c.ps.y : c.ps.y + 1;
  return null;
}
/** The autumn year of the school year that the text refers to without naming it. */
function inferSchoolYear(c: Ctx): number | null {
  if (c.schoolYear !== null) return c.schoolYear;
  if (c.ps) return c.ps.m >= 9 ? c.ps.y : c.ps.y - 1;
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Normalisation and tokens

type TokType =
  'word' | 'num' | 'date' | 'dash' | 'slash' | 'comma' | 'semi' | 'lpar' | 'rpar' | 'dot' | 'colon' | 'junk';
interface Tok {
  type: TokType;
  text: string;
  start: number;
  end: number;
  group: number; // parenthesis group (0 = outside parentheses)
  d?: number;
  m?: number;
  y?: number | null;
  used?: boolean;
}

const DASHES = /[\u2010-\u2015\u2212\u2043\uFE58\uFE63\uFF0D\u00AD]/;
const SPACES = /[\s\u00A0\u2000-\u200B\u202F\u205F\u3000\uFEFF]/;
/** Same length as the input, so token offsets point into the original text. */
function lightNormalise(s: string): string {
  let out = '';
  for (const ch of s) {
    let c = ch;
    if (c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029' || c === '\v' || c === '\f') c = '\n';
    else if (SPACES.test(c)) c = ' ';
    else if (DASHES.test(c)) c = '-';
    else {
      const l = c.toLowerCase();
      if (l.length === c.length) c = l;
      if (c === 'ё') c = 'е';
      else if (c === 'і') c = 'i';
    }
    // keep UTF-16 length identical (astral characters are two units)
    out += c.length === ch.length ? c : ch;
  }
  return out;
}

const LATIN_TO_CYR: Record<string, string> = {
  a: 'а',
  c: 'с',
  e: 'е',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  k: 'к',
  m: 'м',
  t: 'т',
  b: 'в',
  h: 'н',
};
const CYR = /[а-я]/;
const LAT = /[a-z]/;

function osa1(a: string, b: string): boolean {
  // optimal string alignment distance <= 1
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
function fixTypo(w: string): string {
  if (w.length < 4 || KNOWN_WORDS.has(w) || !CYR.test(w)) return w;
  let found: string | null = null;
  for (const v of TYPO_VOCAB) {
    if (osa1(w, v)) {
      if (found !== null && found !== v) {
        // two candidates of different meaning: no guess
        if (MONTH_OF.get(found) !== MONTH_OF.get(v) || !MONTH_OF.has(v)) return w;
      }
      found ??= v;
    }
  }
  return found ?? w;
}

function wordTokens(raw: string, start: number, group: number): Tok[] {
  let w = raw;
  const hasCyr = CYR.test(w);
  const hasLat = LAT.test(w);
  if (hasLat && (hasCyr || (!(w in ROMAN_OF) && [...w].every((ch) => ch in LATIN_TO_CYR)))) {
    w = [...w].map((ch) => LATIN_TO_CYR[ch] ?? ch).join('');
  }
  if (CYR.test(w) && LAT.test(w)) {
    // still mixed («ivквартал»): split by script
    const out: Tok[] = [];
    const re = /[a-z]+|[а-я]+/g;
    for (let r = re.exec(w); r; r = re.exec(w)) {
      out.push({
        type: 'word',
        text: fixTypo(r[0]),
        start: start + r.index,
        end: start + r.index + r[0].length,
        group,
      });
    }
    return out;
  }
  return [{ type: 'word', text: fixTypo(w), start, end: start + raw.length, group }];
}

const RE_ISO = /(\d{4})-(\d{2})-(\d{2})(?!\d)/y;
const RE_DMY = /(\d{1,2}) *\. *(\d{1,2}) *\. *(\d{4}|\d{2})(?!\d)/y;
const RE_DMY2 = /(\d{1,2})[/,](\d{1,2})[/,](\d{4}|\d{2})(?!\d)/y;
const RE_DM = /(\d{1,2}) *\. *(\d{1,2})(?!\d)(?! *\. *\d)/y;
const RE_NUM = /\d+/y;
const RE_WORD = /[a-zа-я]+/y;

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let depth = 0;
  let group = 0;
  let groups = 0;
  let i = 0;
  const at = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = i;
    return re.exec(s);
  };
  while (i < s.length) {
    const c = s.charAt(i);
    if (c === ' ') {
      i++;
      continue;
    }
    if (c === '\n') {
      out.push({ type: 'semi', text: ';', start: i, end: i + 1, group });
      i++;
      continue;
    }
    if (c >= '0' && c <= '9') {
      let r: RegExpExecArray | null;
      if ((r = at(RE_ISO))) {
        out.push(dateTok(Number(r[3]), Number(r[2]), Number(r[1]), i, i + r[0].length, group));
      } else if ((r = at(RE_DMY)) || (r = at(RE_DMY2))) {
        const yRaw = r[3] ?? '';
        const y = yRaw.length === 2 ? 2000 + Number(yRaw) : Number(yRaw);
        out.push(dateTok(Number(r[1]), Number(r[2]), y, i, i + r[0].length, group));
      } else if ((r = at(RE_DM))) {
        out.push(dateTok(Number(r[1]), Number(r[2]), null, i, i + r[0].length, group));
      } else {
        r = at(RE_NUM);
        const t = r ? r[0] : c;
        out.push({ type: 'num', text: t, start: i, end: i + t.length, group });
        i += t.length;
        continue;
      }
      i = out[out.length - 1]?.end ?? i + 1;
      continue;
    }
    const rw = at(RE_WORD);
    if (rw) {
      out.push(...wordTokens(rw[0], i, group));
      i += rw[0].length;
      continue;
    }
    let type: TokType | null = null;
    if (c === '-') type = 'dash';
    else if (c === '/' || c === '\\') type = 'slash';
    else if (c === ',') type = 'comma';
    else if (c === ';') type = 'semi';
    else if (c === '.' || c === '…') type = 'dot';
    else if (c === ':') type = 'colon';
    else if (c === '(' || c === '[' || c === '{') {
      if (depth === 0) group = ++groups;
      depth++;
      type = 'lpar';
    } else if (c === ')' || c === ']' || c === '}') {
      type = 'rpar';
    } else if (!/["'`«»„“”‘’*!_~^]/.test(c)) type = 'junk';
    if (type) out.push({ type, text: c, start: i, end: i + 1, group });
    if (type === 'rpar' && depth > 0 && --depth === 0) group = 0;
    i++;
  }
  return out;
}
function dateTok(d: number, m: number, y: number | null, start: number, end: number, group: number): Tok {
  return { type: 'date', text: '#date', d, m, y, start, end, group };
}

// ---------------------------------------------------------------------------------------------------------
// Markers: recurring, continuous, by another plan

interface Markers {
  recurrences: Array<{ r: Recurrence; n?: number }>;
  continuous: boolean;
  plan: boolean;
  notes: string[];
  implausible: boolean; // «120 раз в год»
}

const NUM_WORD = '(?:\\d{1,3}|один|одного|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять)';
const ONCE = '(?:(?:1|один|одного) )?раз';
interface RecRule {
  re: string;
  r: Recurrence;
  n?: (m: RegExpExecArray) => number;
}
const REC_RULES: RecRule[] = [
  {
    re: `(?:не (?:реже|менее) )?(${NUM_WORD}) раза? в (?:учебный )?год`,
    r: 'times_per_year',
    n: (m) => numberOf(m[1] ?? ''),
  },
  { re: '(дважды|трижды) в (?:учебный )?год', r: 'times_per_year', n: (m) => numberOf(m[1] ?? '') },
  {
    re: `(?:не (?:реже|менее) )?(${NUM_WORD}) раза? в (?:полугодие|пол ?года)`,
    r: 'times_per_year',
    n: (m) => 2 * numberOf(m[1] ?? ''),
  },
  {
    re: `(?:не (?:реже|менее) )?(${NUM_WORD}) раза? в (?:квартал)`,
    r: 'times_per_year',
    n: (m) => 4 * numberOf(m[1] ?? ''),
  },
  {
    re: `(?:не (?:реже|менее) )?(${NUM_WORD}) раза? в (?:четверть)`,
    r: 'times_per_year',
    n: (m) => 4 * numberOf(m[1] ?? ''),
  },
  {
    re: `(?:не (?:реже|менее) )?(${NUM_WORD}) раза? в (?:месяц)`,
    r: 'times_per_year',
    n: (m) => 12 * numberOf(m[1] ?? ''),
  },
  {
    re: `ежегодн[а-я]*|каждый (?:учебный )?год|каждого (?:учебного )?года|${ONCE} в (?:учебный )?год|по итогам (?:каждого )?(?:учебного )?года|по годам`,
    r: 'yearly',
  },
  {
    re: `по полугодиям|${ONCE} в (?:полугодие|пол ?года)|каждое полугодие|каждого полугодия|по итогам (?:каждого )?полугодия|ежеполугодн[а-я]*|полугодово`,
    r: 'half_yearly',
  },
  {
    re: `ежекварт[а-я]*|поквартально|${ONCE} в квартал|каждый квартал|каждого квартала|по итогам (?:каждого )?квартала|по кварталам`,
    r: 'quarterly',
  },
  {
    re: `ежемесячн[а-я]*|помесячно|${ONCE} в месяц|каждый месяц|каждого месяца|по итогам (?:каждого )?месяца|по месяцам`,
    r: 'monthly',
  },
  {
    re: `еженедельн[а-я]*|${ONCE} в неделю|каждую неделю|по (?:понедельникам|вторникам|средам|четвергам|пятницам|субботам)`,
    r: 'weekly',
  },
  {
    re: `по четвертям|по итогам (?:каждой )?четверти|ежечетвертн[а-я]*|${ONCE} в четверть|каждую четверть|каждой четверти|в конце каждой четверти|по окончании (?:каждой )?четверти`,
    r: 'per_term',
  },
];
const CONT_RULES: string[] = [
  'постоянн[а-я]*',
  'систематическ[а-я]*',
  'систематичн[а-я]*',
  'регулярн[а-я]*',
  'ежедневн[а-я]*',
  'круглогодичн[а-я]*',
  'круглый год',
  'бессрочн[а-я]*',
  'в рабочем порядке',
  'в течение (?:всего )?(?:учебного )?года',
  '(?:на протяжении|в ходе) (?:всего )?(?:учебного )?года',
  '(?:в течение |на протяжении |в ходе )?(?:весь|всего) (?:учебный год|учебного года)',
  '(?:в течение |на протяжении |в ходе |за )?(?:весь |всего )?(?:срок|срока|период|периода) (?:реализации|действия)(?: (?:муниципальной |региональной |школьной |данной |настоящей )?(?:программы|проекта|дорожной карты|плана|карты))?',
  '(?:в течение |на протяжении |в ходе |за )?(?:весь|всего|все) (?:период|периода|срок|срока|время|времени)',
  '(?:в течение|на протяжении) (?:всего )?(?:периода|срока)',
  'весь период',
];
interface PlanRule {
  re: string;
  weak?: boolean; // needs a named object after it
  tailOnly?: boolean; // the note is the text after the head («в рамках …»)
}
const PLAN_RULES: PlanRule[] = [
  {
    re: 'по (?:отдельному |отдельным |утвержденному |утвержденным |индивидуальному |индивидуальным |специальному |единому |согласованному |установленному |своему |собственному )?(?:плану|планам|графику|графикам|расписанию|положению|приказу)',
  },
  { re: 'по (?:дорожной карте|плану-графику|плану - графику|программе)' },
  { re: '(?:по|при) мере (?:необходимости|поступления|готовности|потребности|надобности)' },
  { re: '(?:по|при) (?:необходимости|потребности)' },
  {
    re: 'по (?:запросу|запросам|заявке|заявкам|требованию|согласованию|приглашению|договоренности|договору|вызову)',
  },
  { re: 'в рамках', tailOnly: true },
  {
    re: '(?:согласно|в соответствии со?)(?: (?:плану|графику|приказу|расписанию|плана|графика|планом|графиком|приказом|расписанием))?',
  },
  { re: 'в (?:установленные|определенные|указанные) сроки|в сроки (?:, )?(?:установленные|определенные)' },
  { re: 'по срокам|в сроки|в срок', weak: true },
  { re: 'по (?:итогам|результатам|окончании|завершении)', weak: true },
  { re: 'после', weak: true },
];

function numberOf(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  return NUMBER_WORDS[s] ?? 1;
}
const wrapRe = (p: string): RegExp => new RegExp(`(?<=^| )(?:${p})(?= |$)`, 'g');
const REC_RES = REC_RULES.map((r) => ({ ...r, rx: wrapRe(r.re) }));
const CONT_RES = CONT_RULES.map(wrapRe);
const PLAN_RES = PLAN_RULES.map((r) => ({ ...r, rx: wrapRe(r.re) }));

function canon(toks: Tok[]): { s: string; starts: number[] } {
  const starts: number[] = [];
  let s = '';
  for (const t of toks) {
    if (s) s += ' ';
    starts.push(s.length);
    s += t.used ? '§' : t.text;
  }
  return { s, starts };
}
/** Token indices covered by a match of a canonical string. */
function covered(starts: number[], from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < starts.length; k++) {
    const st = starts[k] ?? -1;
    if (st >= from && st < to) out.push(k);
  }
  return out;
}
function isTimeWord(t: Tok): boolean {
  if (t.type === 'date') return true;
  if (t.type === 'num') return t.text.length === 4;
  if (t.type !== 'word') return false;
  return (
    MONTH_OF.has(t.text) ||
    SEASON_OF.has(t.text) ||
    QUARTER_WORDS.has(t.text) ||
    HALF_WORDS.has(t.text) ||
    TERM_WORDS.has(t.text) ||
    t.text in ROMAN_OF
  );
}
function startsTime(toks: Tok[], k: number): boolean {
  const t = toks[k];
  if (!t) return false;
  if (t.type === 'date' || t.type === 'num') return true;
  return isTimeWord(t) || t.text in EDGE_WORDS;
}
const NOTE_TRIM = new Set(['на', 'в', 'во', 'до', 'с', 'со', 'к', 'по', 'и', 'или', 'от', 'за', 'не']);

function applyMarkers(toks: Tok[], src: string, mk: Markers): void {
  const noteOf = (a: number, b: number): string | null => {
    const ta = toks[a];
    const tb = toks[b];
    if (!ta || !tb || b < a) return null;
    const s = src.slice(ta.start, tb.end).replace(/\s+/g, ' ').trim();
    return s || null;
  };
  // 1. recurring
  for (const rule of REC_RES) {
    const { s, starts } = canon(toks);
    rule.rx.lastIndex = 0;
    for (let m = rule.rx.exec(s); m; m = rule.rx.exec(s)) {
      for (const k of covered(starts, m.index, m.index + m[0].length)) toks[k]!.used = true;
      if (rule.r === 'times_per_year') {
        const n = rule.n ? rule.n(m) : 1;
        const safe = Number.isFinite(n) && n >= 1 ? Math.min(Math.floor(n), 366) : 1;
        if (safe > 52) mk.implausible = true;
        if (safe === 1) mk.recurrences.push({ r: 'yearly' });
        else if (safe === 2 && /полугод|пол ?года/.test(m[0])) mk.recurrences.push({ r: 'half_yearly' });
        else if (safe === 4 && /четверт/.test(m[0])) mk.recurrences.push({ r: 'per_term' });
        else if (safe === 4 && /квартал/.test(m[0])) mk.recurrences.push({ r: 'quarterly' });
        else if (safe === 12 && /месяц/.test(m[0])) mk.recurrences.push({ r: 'monthly' });
        else mk.recurrences.push({ r: 'times_per_year', n: safe });
      } else {
        mk.recurrences.push({ r: rule.r });
      }
    }
  }
  // 2. continuous
  for (const rx of CONT_RES) {
    const { s, starts } = canon(toks);
    rx.lastIndex = 0;
    for (let m = rx.exec(s); m; m = rx.exec(s)) {
      for (const k of covered(starts, m.index, m.index + m[0].length)) toks[k]!.used = true;
      mk.continuous = true;
    }
  }
  // 3. by another plan, with the object named after the head
  for (const rule of PLAN_RES) {
    const { s, starts } = canon(toks);
    rule.rx.lastIndex = 0;
    const hits: Array<[number, number]> = [];
    for (let m = rule.rx.exec(s); m; m = rule.rx.exec(s)) {
      const ks = covered(starts, m.index, m.index + m[0].length);
      const a = ks[0];
      const b = ks[ks.length - 1];
      if (a !== undefined && b !== undefined) hits.push([a, b]);
    }
    for (const [a, b] of hits) {
      if (toks[a]?.used) continue;
      let e = b;
      const group = toks[a]?.group ?? 0;
      for (let k = b + 1; k < toks.length; k++) {
        const t = toks[k]!;
        if (t.used || t.group !== group) break;
        if (
          t.type === 'comma' ||
          t.type === 'semi' ||
          t.type === 'lpar' ||
          t.type === 'rpar' ||
          t.type === 'colon'
        )
          break;
        if (isTimeWord(t)) break;
        if (t.type === 'word' && (t.text in EDGE_WORDS || (NOTE_TRIM.has(t.text) && startsTime(toks, k + 1))))
          break;
        if (t.type === 'word' && (REC_TAIL_STOP.has(t.text) || HEDGES.has(t.text))) break;
        e = k;
      }
      // trim trailing prepositions and punctuation
      while (e > b) {
        const t = toks[e]!;
        if (t.type === 'word' && !NOTE_TRIM.has(t.text)) break;
        if (t.type === 'num' || t.type === 'junk') break;
        e--;
      }
      let named = false;
      for (let k = b + 1; k <= e; k++) if (toks[k]!.type === 'word' || toks[k]!.type === 'num') named = true;
      if (rule.weak && !named) continue;
      for (let k = a; k <= e; k++) toks[k]!.used = true;
      mk.plan = true;
      const note = rule.tailOnly ? (named ? noteOf(b + 1, e) : null) : noteOf(a, e);
      if (note) mk.notes.push(note);
    }
  }
}
const REC_TAIL_STOP = new Set(['ежегодно', 'ежеквартально', 'ежемесячно', 'еженедельно', 'постоянно']);

// ---------------------------------------------------------------------------------------------------------
// Time expressions

type Unit = 'day' | 'month' | 'season' | 'quarter' | 'half' | 'term' | 'year' | 'school_year' | 'dom';
type Edge = 'start' | 'mid' | 'end';
interface Atom {
  unit: Unit;
  sm: number;
  sd: number;
  em: number;
  ed: number | null; // null = last day of the month
  wrap: number; // the end is in the next year
  extra: number; // further whole years (ranges of years)
  y: number | null; // calendar year of the start; null = not in the text
  school: boolean; // inferred through the school year rather than the month
  ambiguous?: boolean;
  invalid?: boolean;
}
interface Expr {
  a: Atom;
  b?: Atom;
  due: 'before' | 'incl' | null;
  open: boolean; // «с …»: only a start
  edgeA: Edge | null;
  edgeB: Edge | null;
  first: number; // token index in the filtered list
}
interface YearSpec {
  y1: number;
  y2: number;
  pair: boolean;
  school: boolean;
  explicitSchool: boolean;
  reversed: boolean;
}

const atom = (
  unit: Unit,
  sm: number,
  sd: number,
  em: number,
  ed: number | null,
  y: number | null,
  extra: Partial<Atom> = {},
): Atom => ({
  unit,
  sm,
  sd,
  em,
  ed,
  wrap: 0,
  extra: 0,
  y,
  school: false,
  ...extra,
});
const key = (m: number, d: number): number => m * 100 + d;

class Parser {
  i = 0;
  exprs: Expr[] = [];
  leftovers: Tok[] = [];
  hedge = false;
  constructor(readonly t: Tok[]) {}

  peek(k = 0): Tok | undefined {
    return this.t[this.i + k];
  }
  word(k = 0): string | null {
    const t = this.peek(k);
    return t && t.type === 'word' ? t.text : null;
  }

  run(): void {
    while (this.i < this.t.length) {
      const t = this.t[this.i]!;
      if (
        t.type === 'comma' ||
        t.type === 'semi' ||
        t.type === 'colon' ||
        t.type === 'lpar' ||
        t.type === 'rpar'
      ) {
        this.i++;
        continue;
      }
      const e = this.expr();
      if (e) {
        this.exprs.push(e);
        continue;
      }
      if (t.type === 'word' && HEDGES.has(t.text)) this.hedge = true;
      else if (!(t.type === 'word' && FILLERS.has(t.text)) && t.type !== 'dash' && t.type !== 'slash')
        this.leftovers.push(t);
      this.i++;
    }
  }

  expr(): Expr | null {
    const start = this.i;
    let due: Expr['due'] = null;
    let open = false;
    let edgeA: Edge | null = null;
    for (;;) {
      const w = this.word();
      if (w === null) break;
      const w1 = this.word(1);
      if (w === 'до' || w === 'к' || w === 'ко') due = 'before';
      else if (w === 'по' && w1 && ['итогам', 'результатам', 'окончании', 'завершении'].includes(w1)) {
        edgeA = 'end';
        this.i++;
      } else if (w === 'по') due = 'incl';
      else if (w === 'не' && (w1 === 'позднее' || w1 === 'позже')) {
        due = 'incl';
        this.i++;
      } else if (w === 'не' && w1 === 'ранее') {
        open = true;
        this.i++;
      } else if (w === 'с' || w === 'со' || w === 'после' || w === 'начиная') open = true;
      else if (w in EDGE_WORDS) edgeA = EDGE_WORDS[w]!;
      else if (HEDGES.has(w)) this.hedge = true;
      else if (['в', 'во', 'на', 'течение', 'срок', 'сроки', 'период', 'периоде', 'за', 'дата'].includes(w)) {
        /* filler */
      } else break;
      this.i++;
    }
    const a = this.atom();
    if (!a) {
      this.i = start;
      return null;
    }
    const e: Expr = { a: a.atom, due, open: open && !a.range, edgeA, edgeB: null, first: start };
    // a range «A - B», «с A по B», «с A до B»
    const save = this.i;
    const c = this.peek();
    const cw = this.word();
    if (c && (c.type === 'dash' || (open && !a.range && (cw === 'по' || cw === 'до')))) {
      this.i++;
      let edgeB: Edge | null = null;
      for (let w = this.word(); w !== null && (w in EDGE_WORDS || w === 'в' || w === 'на'); w = this.word()) {
        if (w in EDGE_WORDS) edgeB = EDGE_WORDS[w]!;
        this.i++;
      }
      const b = this.atom();
      if (b && b.atom.unit !== 'dom') {
        e.b = b.atom;
        e.edgeB = edgeB;
        e.open = false;
        e.due = null;
      } else this.i = save;
    }
    return e;
  }

  /** «Октябрь, 2023»: a comma between a month and its year. */
  commaBeforeYear(): void {
    const n = this.peek(1);
    if (this.peek()?.type === 'comma' && n?.type === 'num' && n.text.length === 4) this.i++;
  }

  /** Skip year words («г.», «года») after a date. */
  yearWords(): void {
    while (this.word() !== null && YEAR_WORDS.has(this.word()!)) this.i++;
  }

  yearSpec(): YearSpec | null {
    const t = this.peek();
    if (!t || t.type !== 'num' || t.text.length !== 4) return null;
    const y1 = Number(t.text);
    if (y1 < MIN_YEAR || y1 > MAX_YEAR) return null;
    let j = 1;
    let y2 = y1;
    let pair = false;
    let slash = false;
    let two = false;
    let reversed = false;
    const sep = this.peek(1);
    const n2 = this.peek(2);
    if (sep && (sep.type === 'dash' || sep.type === 'slash') && n2 && n2.type === 'num') {
      const after = this.peek(3);
      const nextIsMonth = after?.type === 'word' && MONTH_OF.has(after.text);
      if (n2.text.length === 4 && !nextIsMonth) {
        const v = Number(n2.text);
        if (v >= MIN_YEAR && v <= MAX_YEAR) {
          y2 = v;
          pair = true;
          reversed = v < y1;
        } else if (n2.text.length === 4) {
          reversed = true;
          pair = true;
        }
      } else if (n2.text.length === 2 && !nextIsMonth) {
        const v = Math.floor(y1 / 100) * 100 + Number(n2.text);
        if (v >= y1 && v <= y1 + 10) {
          y2 = v;
          pair = true;
          two = true;
        }
      }
      if (pair) {
        slash = sep.type === 'slash';
        j = 3;
      }
    }
    let explicitSchool = false;
    for (;;) {
      const w = this.word(j);
      if (w === null) break;
      if (SCHOOL_WORDS.has(w)) explicitSchool = true;
      else if (w === 'у' && this.word(j + 1) === 'г') explicitSchool = true;
      else if (!YEAR_WORDS.has(w)) break;
      j++;
    }
    this.i += j;
    const school = explicitSchool || (pair && (slash || two) && y2 === y1 + 1);
    return { y1, y2, pair, school, explicitSchool, reversed };
  }

  /** Start year of a span that begins in month `sm`, given a year spec written after it. */
  static yearFor(spec: YearSpec, sm: number, monthLike: boolean): { y: number; ambiguous: boolean } {
    if (spec.pair && (spec.school || (monthLike && spec.y2 === spec.y1 + 1))) {
      return { y: sm >= 9 ? spec.y1 : spec.y1 + 1, ambiguous: spec.y2 !== spec.y1 + 1 };
    }
    return { y: spec.y1, ambiguous: spec.pair };
  }

  ordinal(): number | null {
    const t = this.peek();
    if (!t) return null;
    if (t.type === 'num' && t.text.length <= 2) {
      const n = Number(t.text);
      if (n < 1 || n > 4) return null;
      this.i++;
      if (this.peek()?.type === 'dash' && this.word(1) !== null && ORDINAL_SUFFIXES.has(this.word(1)!))
        this.i += 2;
      return n;
    }
    const w = this.word();
    if (w === null) return null;
    let n: number | null = ROMAN_OF[w] ?? null;
    if (n === null) {
      if (/^перв(ый|ая|ое|ом|ой|ого|ую)$/.test(w)) n = 1;
      else if (/^втор(ой|ая|ое|ом|ого|ую)$/.test(w)) n = 2;
      else if (/^трет(ий|ья|ье|ьем|ьей|ьего|ью)$/.test(w)) n = 3;
      else if (/^четверт(ый|ая|ое|ом|ой|ого|ую)$/.test(w)) n = 4;
    }
    if (n !== null) this.i++;
    return n;
  }

  atom(): { atom: Atom; range: boolean } | null {
    const start = this.i;
    const t = this.peek();
    if (!t) return null;
    // 1. a written date
    if (t.type === 'date') {
      this.i++;
      this.yearWords();
      const a = atom('day', t.m ?? 0, t.d ?? 0, t.m ?? 0, t.d ?? 0, t.y ?? null);
      if (!validYmd(t.y ?? 2024, t.m ?? 0, t.d ?? 0)) a.invalid = true;
      return { atom: a, range: false };
    }
    // 2. day + month name: «1 сентября 2023», «15-20 сентября», «с 1 по 15 сентября»
    if (t.type === 'num' && t.text.length <= 2) {
      const d1 = Number(t.text);
      let j = 1;
      let d2 = d1;
      const sep = this.peek(1);
      const n2 = this.peek(2);
      if (
        sep &&
        n2?.type === 'num' &&
        n2.text.length <= 2 &&
        (sep.type === 'dash' || (sep.type === 'word' && (sep.text === 'по' || sep.text === 'до')))
      ) {
        d2 = Number(n2.text);
        j = 3;
      }
      const mw = this.word(j);
      if (mw !== null && MONTH_OF.has(mw) && d1 >= 1 && d1 <= 31) {
        const m = MONTH_OF.get(mw)!;
        this.i += j + 1;
        const spec = this.yearSpec();
        let y: number | null = null;
        let ambiguous = false;
        if (spec) ({ y, ambiguous } = Parser.yearFor(spec, m, true));
        const a = atom('day', m, d1, m, d2, y, { ambiguous });
        if (d2 < d1 || !validYmd(y ?? 2024, m, d1) || !validYmd(y ?? 2024, m, d2) || spec?.reversed)
          a.invalid = true;
        return { atom: a, range: d2 !== d1 };
      }
      // «5 числа» — a day of every month
      if (j === 1 && (mw === 'числа' || mw === 'число') && d1 >= 1 && d1 <= 31) {
        this.i += 2;
        return { atom: atom('dom', 0, d1, 0, d1, null), range: false };
      }
    }
    // 3. ordinal + quarter / half-year / term
    const n1 = this.ordinal();
    if (n1 !== null) {
      let n2v = n1;
      if (this.peek()?.type === 'dash' || this.word() === 'и' || this.peek()?.type === 'comma') {
        const save = this.i;
        this.i++;
        const o2 = this.ordinal();
        if (o2 === null) this.i = save;
        else n2v = o2;
      }
      const u = this.word();
      if (u !== null && (QUARTER_WORDS.has(u) || HALF_WORDS.has(u) || TERM_WORDS.has(u))) {
        this.i++;
        const spec = this.yearSpec();
        const bad = n2v < n1;
        if (QUARTER_WORDS.has(u)) {
          const sm = 3 * n1 - 2;
          const a = atom('quarter', sm, 1, 3 * n2v, null, null);
          if (spec) ({ y: a.y, ambiguous: a.ambiguous } = Parser.yearFor(spec, sm, false));
          if (bad || spec?.reversed) a.invalid = true;
          return { atom: a, range: n2v !== n1 };
        }
        if (HALF_WORDS.has(u)) {
          if (n1 > 2 || n2v > 2) return this.fail(start);
          if (spec && !spec.pair && !spec.explicitSchool) {
            // a calendar half-year of a named year
            const a = atom('half', n1 === 1 ? 1 : 7, 1, n2v === 1 ? 6 : 12, null, spec.y1);
            if (bad) a.invalid = true;
            return { atom: a, range: n2v !== n1 };
          }
          const f = n1 === 1 ? SCHOOL_TERMS[0]! : SCHOOL_TERMS[2]!;
          const l = n2v === 1 ? SCHOOL_TERMS[1]! : SCHOOL_TERMS[3]!;
          const a = atom('half', f[0], f[1], l[2], l[3], null, {
            school: true,
            wrap: n1 === 1 && n2v === 2 ? 1 : 0,
          });
          if (spec)
            ({ y: a.y, ambiguous: a.ambiguous } = Parser.yearFor({ ...spec, school: true }, f[0], true));
          if (bad || spec?.reversed) a.invalid = true;
          return { atom: a, range: n2v !== n1 };
        }
        const f = SCHOOL_TERMS[n1 - 1]!;
        const l = SCHOOL_TERMS[n2v - 1]!;
        const a = atom('term', f[0], f[1], l[2], l[3], null, {
          school: true,
          wrap: n1 <= 2 && n2v >= 3 ? 1 : 0,
        });
        if (spec)
          ({ y: a.y, ambiguous: a.ambiguous } = Parser.yearFor(
            { ...spec, school: spec.pair || spec.school },
            f[0],
            true,
          ));
        if (bad || spec?.reversed) a.invalid = true;
        return { atom: a, range: n2v !== n1 };
      }
      return this.fail(start);
    }
    // 4. years, school years
    const spec = this.yearSpec();
    if (spec) {
      let a: Atom;
      if (spec.school) {
        const y2 = spec.pair ? spec.y2 : spec.y1 + 1;
        a = atom('school_year', 9, 1, 8, 31, spec.y1, { wrap: 1, extra: Math.max(0, y2 - spec.y1 - 1) });
        if (!spec.pair) a.ambiguous = true;
        if (spec.pair && y2 === spec.y1) a.invalid = true;
      } else {
        a = atom('year', 1, 1, 12, 31, spec.y1, { extra: Math.max(0, spec.y2 - spec.y1) });
      }
      if (spec.reversed) a.invalid = true;
      return { atom: a, range: spec.pair };
    }
    const w = this.word();
    if (w === null) return null;
    // 5. month name
    const m = MONTH_OF.get(w);
    if (m !== undefined) {
      this.i++;
      this.commaBeforeYear();
      const s = this.yearSpec();
      const a = atom('month', m, 1, m, null, null);
      if (s) ({ y: a.y, ambiguous: a.ambiguous } = Parser.yearFor(s, m, true));
      if (s?.reversed) a.invalid = true;
      return { atom: a, range: false };
    }
    // 6. season
    const season = SEASON_OF.get(w);
    if (season !== undefined) {
      this.i++;
      while (
        this.word() !== null &&
        ['период', 'каникулы', 'каникул', 'каникулах', 'сезон'].includes(this.word()!)
      )
        this.i++;
      const [sm, em, wrap] = SEASON_SPAN[season];
      const a = atom('season', sm, 1, em, null, null, { wrap });
      const s = this.yearSpec();
      if (s) {
        if (season === 'winter' && !s.pair) {
          a.y = s.y1 - 1;
          a.ambiguous = true;
        } else ({ y: a.y, ambiguous: a.ambiguous } = Parser.yearFor(s, sm, true));
        if (s.reversed) a.invalid = true;
      }
      return { atom: a, range: false };
    }
    // 7. «учебный год» without a number
    if (SCHOOL_WORDS.has(w) && w !== 'уч' && this.word(1) !== null && YEAR_WORDS.has(this.word(1)!)) {
      this.i += 2;
      return { atom: atom('school_year', 9, 1, 8, 31, null, { wrap: 1, school: true }), range: false };
    }
    return null;
  }

  fail(start: number): null {
    this.i = start;
    return null;
  }
}

interface Span {
  from: string;
  to: string;
}
function spanOf(a: Atom, y: number): Span | null {
  if (a.invalid || a.unit === 'dom' || y < MIN_YEAR - 1 || y > MAX_YEAR + 1) return null;
  if (!validYmd(y, a.sm, a.sd)) return null;
  const ey = y + a.wrap + a.extra;
  const ed = a.ed ?? daysIn(ey, a.em);
  if (!validYmd(ey, a.em, ed)) return null;
  const from = iso(y, a.sm, a.sd);
  const to = iso(ey, a.em, ed);
  return from <= to ? { from, to } : null;
}
function applyEdge(s: Span, edge: Edge | null, a: Atom): Span {
  if (!edge) return s;
  const f = ymd(s.from);
  const t = ymd(s.to);
  if (a.unit === 'school_year' && a.extra === 0) {
    const m = edge === 'start' ? 9 : edge === 'mid' ? 1 : 5;
    const y = m >= 9 ? f.y : f.y + 1;
    return { from: iso(y, m, 1), to: iso(y, m, daysIn(y, m)) };
  }
  if (f.y === t.y && f.m === t.m) {
    if (f.d !== 1 || t.d !== daysIn(t.y, t.m)) return s; // a few days: nothing to narrow
    if (edge === 'start') return { from: s.from, to: iso(f.y, f.m, 10) };
    if (edge === 'mid') return { from: iso(f.y, f.m, 11), to: iso(f.y, f.m, 20) };
    return { from: iso(f.y, f.m, 21), to: s.to };
  }
  const months = (t.y - f.y) * 12 + (t.m - f.m);
  let k = edge === 'start' ? 0 : edge === 'end' ? months : Math.floor(months / 2);
  if (k < 0) k = 0;
  const y = f.y + Math.floor((f.m - 1 + k) / 12);
  const m = ((f.m - 1 + k) % 12) + 1;
  const from = maxIso(s.from, iso(y, m, 1));
  const to = minIso(s.to, iso(y, m, daysIn(y, m)));
  return from <= to ? { from, to } : s;
}

interface Resolved {
  from: string | null;
  to: string | null;
  shape: 'day' | 'due' | 'open' | 'span';
  inferred: boolean;
  review: boolean;
  invalid: boolean;
  yearLevel: boolean;
  window?: CycleWindow;
}

function fillYears(e: Expr, c: Ctx, fallback: number | null): { inferred: boolean; ok: boolean } {
  const a = e.a;
  const b = e.b;
  let inferred = false;
  if (a.y === null && b && b.y !== null) a.y = b.y - (key(a.sm, a.sd) > key(b.sm, b.sd) ? 1 : 0);
  if (a.y === null && fallback !== null) a.y = fallback;
  if (a.y === null) {
    if (a.school) {
      const sy = inferSchoolYear(c);
      a.y = sy === null ? null : a.sm >= 9 ? sy : sy + 1;
    } else a.y = inferYear(c, a.sm);
    inferred = a.y !== null;
  }
  if (a.y === null) return { inferred, ok: false };
  if (b && b.y === null) {
    if (a.wrap || a.extra) {
      // after a span that ends in a later year: the first such day after its end
      const aEnd = a.y + a.wrap + a.extra;
      b.y = key(b.sm, b.sd) > key(a.em, a.ed ?? 31) ? aEnd : aEnd + 1;
    } else b.y = key(b.sm, b.sd) >= key(a.sm, a.sd) ? a.y : a.y + 1;
  }
  return { inferred, ok: true };
}

function resolve(e: Expr, c: Ctx, fallback: number | null): Resolved {
  const bad: Resolved = {
    from: null,
    to: null,
    shape: 'span',
    inferred: false,
    review: true,
    invalid: true,
    yearLevel: false,
  };
  const yearLevel = e.a.unit === 'year' || e.a.unit === 'school_year';
  if (e.a.invalid || e.b?.invalid) return bad;
  if (e.a.unit === 'dom') {
    return {
      from: null,
      to: null,
      shape: 'due',
      inferred: false,
      review: false,
      invalid: false,
      yearLevel: false,
      window: { from: null, to: { month: null, day: e.a.sd } },
    };
  }
  const { inferred, ok } = fillYears(e, c, fallback);
  if (!ok || e.a.y === null) return { ...bad, inferred: true };
  const sa0 = spanOf(e.a, e.a.y);
  if (!sa0) return bad;
  let review = !!e.a.ambiguous || !!e.b?.ambiguous;
  const sa = applyEdge(sa0, e.edgeA, e.a);
  if (e.b) {
    if (e.b.y === null) return bad;
    const sb0 = spanOf(e.b, e.b.y);
    if (!sb0) return bad;
    const sb = applyEdge(sb0, e.edgeB, e.b);
    if (sa.from > sb.to) return bad; // a reversed range
    return { from: sa.from, to: sb.to, shape: 'span', inferred, review, invalid: false, yearLevel };
  }
  if (e.open) return { from: sa.from, to: null, shape: 'open', inferred, review, invalid: false, yearLevel };
  if (e.due) {
    const oneDay = sa.from === sa.to;
    let to: string;
    if (oneDay || e.due === 'incl' || e.edgeA === 'end') to = sa.to;
    else if (e.edgeA === 'start') to = addDays(sa.from, -1);
    else if (e.edgeA === 'mid') to = sa.from;
    else {
      to = addDays(sa.from, -1); // «до сентября»: before it starts
      review = true;
    }
    return { from: null, to, shape: 'due', inferred, review, invalid: false, yearLevel };
  }
  const shape = e.a.unit === 'day' && sa.from === sa.to ? 'day' : 'span';
  return { from: sa.from, to: sa.to, shape, inferred, review, invalid: false, yearLevel };
}

/** The window inside a cycle («ежегодно, сентябрь»): the same expression resolved in a leap year. */
function windowOf(e: Expr): CycleWindow | null {
  if (e.a.unit === 'dom') return { from: null, to: { month: null, day: e.a.sd } };
  const copy: Expr = {
    ...e,
    open: false,
    a: { ...e.a, y: 2024, extra: 0 },
    b: e.b ? { ...e.b, y: null, extra: 0 } : undefined,
  };
  const r = resolve(copy, readCtx(undefined), 2024);
  if (r.invalid || r.to === null) return null;
  const t = ymd(r.to);
  const endUnit = (e.b ?? e.a).unit;
  const to: MonthDay = { month: t.m, day: t.d === daysIn(t.y, t.m) && endUnit !== 'day' ? null : t.d };
  if (r.shape === 'due' || r.from === null) return { from: null, to };
  const f = ymd(r.from);
  return { from: { month: f.m, day: f.d === 1 && e.a.unit !== 'day' ? null : f.d }, to };
}

// ---------------------------------------------------------------------------------------------------------
// parseDeadline

function unknown(original: string, review = true): ParsedDeadline {
  return {
    original,
    kind: 'unknown',
    from: null,
    to: null,
    recurrence: null,
    yearInferred: false,
    note: null,
    needsReview: review,
  };
}

/** Parse a deadline as written in a roadmap. Never throws; `original` is always the input. */
export function parseDeadline(text: string, ctx: DeadlineContext): ParsedDeadline {
  try {
    if (typeof text !== 'string') return unknown(text);
    return parseInner(text, ctx);
  } catch {
    return unknown(text);
  }
}

/** The year of an item of a list, for its neighbours without one. */
function yearRef(e: Expr): { y: number; m: number; d: number; endY: number; em: number; ed: number } | null {
  const x = e.a.y !== null ? e.a : e.b && e.b.y !== null ? e.b : null;
  if (!x || x.y === null) return null;
  const last = e.b && e.b.y !== null ? e.b : x;
  return {
    y: x.y,
    m: x.sm,
    d: x.sd,
    endY: (last.y ?? x.y) + last.wrap + last.extra,
    em: last.em,
    ed: last.ed ?? 31,
  };
}

function parseInner(text: string, ctx: DeadlineContext): ParsedDeadline {
  const c = readCtx(ctx);
  const truncated = text.length > MAX_INPUT;
  const src = truncated ? text.slice(0, MAX_INPUT) : text;
  const toks = tokenize(lightNormalise(src));
  const mk: Markers = { recurrences: [], continuous: false, plan: false, notes: [], implausible: false };
  applyMarkers(toks, src, mk);
  const p = new Parser(toks.filter((t) => !t.used && t.type !== 'dot'));
  p.run();

  let review = truncated || p.hedge || mk.implausible;
  const isYearLevel = (e: Expr): boolean => e.a.unit === 'year' || e.a.unit === 'school_year';
  const doms = p.exprs.filter((e) => e.a.unit === 'dom');
  let recs = mk.recurrences;
  if (recs.length === 0 && doms.length > 0) {
    recs = [{ r: 'monthly' }]; // «до 5 числа»: every month, presumably
    review = true;
  }

  // Years borrowed between the items of a list («сентябрь, октябрь 2023»), then resolution
  const refs = p.exprs.map((e) => (isYearLevel(e) ? null : yearRef(e)));
  const resolved: Array<{ e: Expr; r: Resolved }> = [];
  p.exprs.forEach((e, k) => {
    let fallback: number | null = null;
    if (e.a.y === null && (e.b?.y ?? null) === null && e.a.unit !== 'dom') {
      const next = refs.find((r, j) => j > k && r !== null);
      const prev = refs
        .slice(0, k)
        .reverse()
        .find((r) => r !== null);
      if (next) fallback = next.y - (key(e.a.sm, e.a.sd) > key(next.m, next.d) ? 1 : 0);
      else if (prev) fallback = prev.endY + (key(e.a.sm, e.a.sd) <= key(prev.em, prev.ed) ? 1 : 0);
    }
    resolved.push({ e, r: resolve(e, c, fallback) });
  });

  // Notes: parenthesised text nobody understood is a remark, not an error
  const notes = [...mk.notes];
  const byGroup = new Map<number, Tok[]>();
  for (const t of p.leftovers) {
    if (t.group > 0) byGroup.set(t.group, [...(byGroup.get(t.group) ?? []), t]);
    else review = true;
  }
  for (const ts of byGroup.values()) {
    const s = src
      .slice(ts[0]!.start, ts[ts.length - 1]!.end)
      .replace(/\s+/g, ' ')
      .trim();
    if (/[a-zа-яё]/i.test(s)) notes.push(s);
    else review = true;
  }
  const note = notes.length > 0 ? notes.join('; ') : null;

  const make = (kind: DeadlineKind, from: string | null, to: string | null): ParsedDeadline => ({
    original: text,
    kind,
    from,
    to,
    recurrence: null,
    yearInferred: false,
    note,
    needsReview: review,
  });
  const fail = (): ParsedDeadline => ({ ...unknown(text), note });
  const envelope = (rs: Resolved[], dueAsStart: boolean): { from: string | null; to: string | null } => {
    let from: string | null = null;
    let to: string | null = null;
    for (const r of rs) {
      const f = r.from ?? (dueAsStart ? r.to : null);
      if (f !== null && (from === null || f < from)) from = f;
      if (r.to !== null && (to === null || r.to > to)) to = r.to;
    }
    return { from, to };
  };

  // recurring: year-level items are the overall window, the others the window inside each cycle
  if (recs.length > 0) {
    const distinct = [...new Map(recs.map((r) => [`${r.r}:${r.n ?? ''}`, r])).values()];
    const specific = distinct.filter((r) => r.r !== 'yearly');
    const chosen = (specific.length > 0 ? specific : distinct)[0]!;
    if (specific.length > 1) review = true;
    const windows: CycleWindow[] = [];
    const ranges: Resolved[] = [];
    for (const { e, r } of resolved) {
      if (isYearLevel(e) && !e.due) {
        if (r.invalid) return fail();
        ranges.push(r);
        if (r.inferred) review = review || (c.schoolYear === null && c.long);
        if (r.review) review = true;
      } else {
        const w = windowOf(e);
        if (!w) return fail();
        windows.push(w);
      }
    }
    if (chosen.r !== 'monthly' && windows.some((w) => w.to.month === null)) review = true;
    const env = envelope(ranges, false);
    const d = make('recurring', env.from, env.to);
    d.recurrence = chosen.r;
    if (chosen.r === 'times_per_year') d.timesPerYear = chosen.n ?? 1;
    if (windows.length > 0) d.within = windows;
    d.yearInferred = ranges.some((r) => r.inferred);
    d.needsReview = review;
    return d;
  }

  if (resolved.some((x) => x.r.invalid)) return fail();
  const items = resolved.map((x) => x.r);
  const inferred = items.some((r) => r.inferred);
  if (items.some((r) => r.review)) review = true;
  if (inferred && c.schoolYear === null && c.long) review = true;

  const opens = items.filter((r) => r.shape === 'open');
  if (mk.continuous || (items.length === 1 && opens.length === 1)) {
    const env = envelope(
      items.filter((r) => r.shape !== 'open'),
      false,
    );
    const from = opens[0]?.from ?? env.from;
    const d = make('continuous', from, env.to !== null && from !== null && env.to < from ? null : env.to);
    d.yearInferred = inferred;
    d.needsReview = review || opens.length > 1;
    return d;
  }
  if (items.length === 1) {
    const r = items[0]!;
    const d =
      r.shape === 'day'
        ? make('date', r.from, r.to)
        : r.shape === 'due'
          ? make('date', null, r.to)
          : make('period', r.from, r.to);
    d.yearInferred = inferred;
    return d;
  }
  if (items.length > 1) {
    if (opens.length > 0) review = true;
    const parts: DeadlineSpan[] = items
      .filter((r) => r.to !== null)
      .map((r) => ({ from: r.from, to: r.to! }));
    // overlapping items contradict each other («Январь 2019г. / 2019-2024г.»)
    const sorted = [...parts].sort((x, y) => ((x.from ?? x.to) < (y.from ?? y.to) ? -1 : 1));
    for (let k = 1; k < sorted.length; k++)
      if ((sorted[k]!.from ?? sorted[k]!.to) <= sorted[k - 1]!.to) review = true;
    const env = envelope(items, true);
    if (env.from === null || env.to === null) return fail();
    const d = make('period', env.from, env.to);
    if (parts.length > 1) d.parts = parts;
    d.yearInferred = inferred;
    d.needsReview = review;
    return d;
  }
  if (mk.plan) return make('by_plan', null, null);
  return fail();
}

// ---------------------------------------------------------------------------------------------------------
// Formatting

function monthSpanLabel(f: Ymd, t: Ymd): string | null {
  if (f.d !== 1 || t.d !== daysIn(t.y, t.m)) return null;
  const mf = MONTH_NAMES[f.m - 1]!;
  const mt = MONTH_NAMES[t.m - 1]!;
  if (f.y === t.y) return f.m === t.m ? `${mf} ${f.y}` : `${mf}–${mt} ${f.y}`;
  return `${mf} ${f.y} – ${mt} ${t.y}`;
}
function schoolSpanLabel(f: Ymd, t: Ymd): string | null {
  const sy = f.m >= 9 ? f.y : f.y - 1;
  const at = (m: number): number => (m >= 9 ? sy : sy + 1);
  const termIdx = (m: number, d: number, end: boolean): number =>
    SCHOOL_TERMS.findIndex((tt) => (end ? tt[2] === m && tt[3] === d : tt[0] === m && tt[1] === d));
  const a = termIdx(f.m, f.d, false);
  const b = termIdx(t.m, t.d, true);
  if (a < 0 || b < 0 || b < a) return null;
  const ta = SCHOOL_TERMS[a]!;
  const tb = SCHOOL_TERMS[b]!;
  if (at(ta[0]) !== f.y || at(tb[2]) !== t.y) return null;
  if (a === 0 && b === 1) return `I ${LABEL_HALF} ${schoolYearLabel(sy)}`;
  if (a === 2 && b === 3) return `II ${LABEL_HALF} ${schoolYearLabel(sy)}`;
  return a === b
    ? `${ROMAN[a + 1]} ${LABEL_TERM} ${schoolYearLabel(sy)}`
    : `${ROMAN[a + 1]}–${ROMAN[b + 1]} ${LABEL_TERM} ${schoolYearLabel(sy)}`;
}
function formatSpan(from: string, to: string): string {
  if (from === to) return dmy(from);
  const f = ymd(from);
  const t = ymd(to);
  if (f.m === 9 && f.d === 1 && t.m === 8 && t.d === 31 && t.y > f.y) {
    return t.y === f.y + 1
      ? `${schoolYearLabel(f.y)} ${LABEL_SCHOOL_YEAR}`
      : `${schoolYearLabel(f.y)}–${schoolYearLabel(t.y - 1)} ${LABEL_SCHOOL_YEARS}`;
  }
  if (f.m === 1 && f.d === 1 && t.m === 12 && t.d === 31) {
    return t.y === f.y ? `${f.y} ${LABEL_YEAR}` : `${f.y}–${t.y} ${LABEL_YEARS}`;
  }
  return schoolSpanLabel(f, t) ?? monthSpanLabel(f, t) ?? `${dmy(from)}–${dmy(to)}`;
}
function formatWindow(w: CycleWindow): string {
  const dm = (md: MonthDay, end: boolean): string => {
    if (md.month === null) return `${md.day ?? 1} ${LABEL_DAY_OF_MONTH}`;
    const d = md.day ?? (end ? daysIn(2024, md.month) : 1);
    return `${pad2(d)}.${pad2(md.month)}`;
  };
  if (w.from === null) return `${LABEL_BEFORE} ${dm(w.to, true)}`;
  if (w.to.month !== null && w.from.month !== null && w.from.day === null && w.to.day === null) {
    const a = MONTH_NAMES[w.from.month - 1]!;
    const b = MONTH_NAMES[w.to.month - 1]!;
    return a === b ? a : `${a}–${b}`;
  }
  const a = dm(w.from, false);
  const b = dm(w.to, true);
  return a === b ? a : `${a}–${b}`;
}
function plural(n: number, one: string, few: string, many: string): string {
  const n10 = n % 10;
  const n100 = n % 100;
  if (n10 === 1 && n100 !== 11) return one;
  if (n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14)) return few;
  return many;
}
function recurrenceLabel(r: Recurrence, n?: number): string {
  if (r === 'times_per_year') {
    const k = n ?? 1;
    return `${k} ${plural(k, 'раз', 'раза', 'раз')} в год`;
  }
  return RECURRENCE_LABEL[r];
}
const MAX_RENDER = 160;
const capLen = (t: string): string => (t.length > MAX_RENDER ? `${t.slice(0, MAX_RENDER - 1)}…` : t);
const cleanText = (s: string): string =>
  capLen(
    s
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[.;,]+$/, ''),
  );

/** A short normalised Russian rendering for the UI. */
export function formatDeadlineRu(d: ParsedDeadline): string {
  try {
    const from = d.from !== null && parseIso(d.from) ? d.from : null;
    const to = d.to !== null && parseIso(d.to) ? d.to : null;
    switch (d.kind) {
      case 'date':
        if (to === null) break;
        return from === null ? `${LABEL_BEFORE} ${dmy(to)}` : formatSpan(from, to);
      case 'period':
        if (d.parts && d.parts.length > 1) {
          return cleanText(
            d.parts
              .map((p) => (p.from === null ? `${LABEL_BEFORE} ${dmy(p.to)}` : formatSpan(p.from, p.to)))
              .join(', '),
          );
        }
        if (to === null) break;
        return from === null ? `${LABEL_BEFORE} ${dmy(to)}` : formatSpan(from, to);
      case 'recurring': {
        let s = recurrenceLabel(d.recurrence ?? 'yearly', d.timesPerYear);
        if (d.within && d.within.length > 0) s += ` (${d.within.map(formatWindow).join(', ')})`;
        if (from !== null && to !== null) s += `, ${formatSpan(from, to)}`;
        return capLen(s);
      }
      case 'continuous':
        if (from !== null && to === null) return `${LABEL_SINCE} ${dmy(from)}`;
        if (from !== null && to !== null) return `${LABEL_CONTINUOUS}, ${formatSpan(from, to)}`;
        return LABEL_CONTINUOUS;
      case 'by_plan': {
        const s = cleanText(String(d.original ?? ''));
        if (!s) return d.note ?? LABEL_EMPTY;
        return s.length > 1 && s.charAt(1) === s.charAt(1).toLowerCase()
          ? s.charAt(0).toLowerCase() + s.slice(1)
          : s;
      }
      default:
        break;
    }
    return cleanText(typeof d.original === 'string' ? d.original : '') || LABEL_EMPTY;
  } catch {
    return LABEL_EMPTY;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Occurrences

interface Cycle {
  label: string;
  from: string;
  to: string;
}
function schoolYearsIn(from: string, to: string): number[] {
  const f = ymd(from);
  const t = ymd(to);
  const a = f.m >= 9 ? f.y : f.y - 1;
  const b = t.m >= 9 ? t.y : t.y - 1;
  const out: number[] = [];
  for (let y = a; y <= b && out.length < MAX_OCCURRENCES; y++) out.push(y);
  return out;
}
function cyclesOf(d: ParsedDeadline, W: Span, calendarYears: boolean): Cycle[] {
  const out: Cycle[] = [];
  const f = ymd(W.from);
  const t = ymd(W.to);
  const sys = schoolYearsIn(W.from, W.to);
  const termsOf = (sy: number, k: number): Cycle => {
    const tt = SCHOOL_TERMS[k]!;
    return {
      label: `${ROMAN[k + 1]} ${LABEL_TERM} ${schoolYearLabel(sy)}`,
      from: iso(tt[0] >= 9 ? sy : sy + 1, tt[0], tt[1]),
      to: iso(tt[2] >= 9 ? sy : sy + 1, tt[2], tt[3]),
    };
  };
  const halvesOf = (sy: number): Cycle[] => [
    { label: `I ${LABEL_HALF} ${schoolYearLabel(sy)}`, from: iso(sy, 9, 1), to: iso(sy, 12, 29) },
    { label: `II ${LABEL_HALF} ${schoolYearLabel(sy)}`, from: iso(sy + 1, 1, 9), to: iso(sy + 1, 5, 25) },
  ];
  const schoolYear = (sy: number): Cycle => ({
    label: `${schoolYearLabel(sy)} ${LABEL_SCHOOL_YEAR}`,
    from: iso(sy, 9, 1),
    to: iso(sy + 1, 8, 31),
  });
  switch (d.recurrence) {
    case 'yearly':
      if (calendarYears)
        for (let y = f.y; y <= t.y; y++)
          out.push({ label: `${y} ${LABEL_YEAR}`, from: iso(y, 1, 1), to: iso(y, 12, 31) });
      else for (const sy of sys) out.push(schoolYear(sy));
      break;
    case 'half_yearly':
      for (const sy of sys) out.push(...halvesOf(sy));
      break;
    case 'per_term':
      for (const sy of sys) for (let k = 0; k < 4; k++) out.push(termsOf(sy, k));
      break;
    case 'quarterly':
      for (let y = f.y; y <= t.y; y++) {
        for (let q = 1; q <= 4; q++) {
          out.push({
            label: `${ROMAN[q]} ${LABEL_QUARTER} ${y}`,
            from: iso(y, 3 * q - 2, 1),
            to: iso(y, 3 * q, daysIn(y, 3 * q)),
          });
        }
      }
      break;
    case 'monthly':
      for (let y = f.y; y <= t.y && out.length < MAX_OCCURRENCES + 12; y++) {
        for (let m = 1; m <= 12; m++)
          out.push({
            label: `${cap(MONTH_NAMES[m - 1]!)} ${y}`,
            from: iso(y, m, 1),
            to: iso(y, m, daysIn(y, m)),
          });
      }
      break;
    case 'weekly': {
      const start = toDays(W.from);
      const weekday = (((start + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Monday
      const end = toDays(W.to);
      for (let dd = start - weekday; dd <= end && out.length < MAX_OCCURRENCES; dd += 7) {
        const a = fromDays(dd);
        const b = fromDays(dd + 6);
        out.push({ label: weekLabel(a, b), from: a, to: b });
      }
      break;
    }
    case 'times_per_year': {
      const n = Math.max(1, Math.min(366, Math.floor(d.timesPerYear ?? 1)));
      for (const sy of sys) {
        if (n === 1) out.push(schoolYear(sy));
        else if (n === 2) out.push(...halvesOf(sy));
        else if (n === 4) for (let k = 0; k < 4; k++) out.push(termsOf(sy, k));
        else {
          const a = toDays(iso(sy, 9, 1));
          const b = toDays(iso(sy + 1, 5, 25));
          const len = b - a + 1;
          const parts = Math.min(n, len); // never an empty part
          for (let k = 0; k < parts; k++) {
            const s = a + Math.floor((len * k) / parts);
            const e = k === parts - 1 ? b : a + Math.floor((len * (k + 1)) / parts) - 1;
            out.push({
              label: `${schoolYearLabel(sy)} ${LABEL_SCHOOL_YEAR}, ${k + 1}-й раз из ${parts}`,
              from: fromDays(s),
              to: fromDays(e),
            });
          }
        }
        if (out.length > MAX_OCCURRENCES * 2) break;
      }
      break;
    }
    default:
      break;
  }
  return out;
}

function weekLabel(from: string, to: string): string {
  return `${LABEL_WEEK} ${dmy(from).slice(0, 5)}–${dmy(to)}`;
}

function windowCycles(d: ParsedDeadline, W: Span): Cycle[] {
  const f = ymd(W.from);
  const t = ymd(W.to);
  const raw: Array<{ from: string | null; to: string; w: CycleWindow }> = [];
  for (let y = f.y - 1; y <= t.y + 1 && raw.length < MAX_OCCURRENCES * 4; y++) {
    for (const w of d.within ?? []) {
      const months = w.to.month === null ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] : [w.to.month];
      for (const m of months) {
        const tDay = Math.min(w.to.day ?? daysIn(y, m), daysIn(y, m));
        const to = iso(y, m, tDay);
        let from: string | null = null;
        if (w.from && w.from.month !== null) {
          const fm = w.from.month;
          const fd = Math.min(w.from.day ?? 1, daysIn(y, fm));
          const fy = key(fm, fd) > key(m, tDay) ? y - 1 : y;
          from = iso(fy, fm, Math.min(fd, daysIn(fy, fm)));
        } else if (w.from && w.from.month === null) from = iso(y, m, Math.min(w.from.day ?? 1, tDay));
        if (to >= W.from && to <= W.to) raw.push({ from, to, w });
      }
    }
  }
  raw.sort((a, b) => (a.to === b.to ? ((a.from ?? '') < (b.from ?? '') ? -1 : 1) : a.to < b.to ? -1 : 1));
  const out: Cycle[] = [];
  let prevTo: string | null = null;
  for (const r of raw) {
    if (out.length > 0 && out[out.length - 1]!.to === r.to && r.from === null) continue;
    const from = maxIso(r.from ?? (prevTo !== null ? addDays(prevTo, 1) : W.from), W.from);
    const label = r.from === null ? `${cap(LABEL_BEFORE)} ${dmy(r.to)}` : cap(formatSpan(r.from, r.to));
    out.push({ label, from: minIso(from, r.to), to: r.to });
    prevTo = r.to;
    if (out.length >= MAX_OCCURRENCES) break;
  }
  return out;
}

/**
 * The concrete windows of a deadline inside the programme period: recurring → one per cycle (clipped to the
 * programme and to the deadline's own window); continuous → one per school year; date/period → one (one per
 * listed item); by_plan/unknown → none.
 */
export function occurrences(d: ParsedDeadline, ctx: DeadlineContext): Occurrence[] {
  try {
    const c = readCtx(ctx);
    const number = (cs: Cycle[]): Occurrence[] =>
      cs.slice(0, MAX_OCCURRENCES).map((x, index) => ({ index, ...x }));
    if (d.kind === 'date' || d.kind === 'period') {
      const parts =
        d.parts && d.parts.length > 1 ? d.parts : d.to !== null ? [{ from: d.from, to: d.to }] : [];
      return number(
        parts
          .filter((p) => parseIso(p.to) !== null)
          .map((p) => {
            const from = p.from ?? (c.psIso !== null && c.psIso <= p.to ? c.psIso : p.to);
            return {
              label: cap(p.from === null ? `${LABEL_BEFORE} ${dmy(p.to)}` : formatSpan(p.from, p.to)),
              from,
              to: p.to,
            };
          }),
      );
    }
    if (d.kind !== 'recurring' && d.kind !== 'continuous') return [];
    if (c.psIso === null || c.peIso === null || c.psIso > c.peIso) return [];
    const W: Span = {
      from: d.from !== null && parseIso(d.from) ? maxIso(c.psIso, d.from) : c.psIso,
      to: d.to !== null && parseIso(d.to) ? minIso(c.peIso, d.to) : c.peIso,
    };
    if (W.from > W.to) return [];
    let cycles: Cycle[];
    if (d.kind === 'continuous') {
      cycles = schoolYearsIn(W.from, W.to).map((sy) => ({
        label: `${schoolYearLabel(sy)} ${LABEL_SCHOOL_YEAR}`,
        from: iso(sy, 9, 1),
        to: iso(sy + 1, 8, 31),
      }));
    } else if (d.within && d.within.length > 0) {
      return number(windowCycles(d, W));
    } else {
      const calendarYears = c.ps !== null && c.ps.m === 1 && c.ps.d === 1;
      cycles = cyclesOf(d, W, calendarYears);
    }
    return number(
      cycles
        .filter((x) => x.to >= W.from && x.from <= W.to)
        .map((x) => {
          const from = maxIso(x.from, W.from);
          const to = minIso(x.to, W.to);
          // a clipped week is labelled by the days that remain
          const label = d.recurrence === 'weekly' && d.kind === 'recurring' ? weekLabel(from, to) : x.label;
          return { label, from, to };
        }),
    );
  } catch {
    return [];
  }
}
