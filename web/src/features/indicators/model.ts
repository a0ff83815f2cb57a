/**
 * Pure view logic of the target indicator screens: formatting of values, achievement states,
 * year cells, chart series, calculation parameters in words, form drafts and server field errors.
 */
import type { Locale } from '../../../../common/src/i18n/client.js';
import { DASH, formatNumber, formatPercent, numberToInput, parseDecimal } from '../../lib/format';

export type Unit = 'percent' | 'count' | 'score' | 'boolean';
/** `no_target`: there is an actual value but no target for its year. */
export type Achievement = 'achieved' | 'close' | 'not_achieved' | 'no_data' | 'no_target';
export type Direction = 'higher' | 'lower';
export type Method = 'manual' | 'computed';
type T = (key: string, params?: Record<string, string | number>) => string;

export const ACHIEVEMENTS: readonly Achievement[] = [
  'achieved',
  'close',
  'not_achieved',
  'no_data',
  'no_target',
];
export const UNITS: readonly Unit[] = ['percent', 'count', 'score', 'boolean'];

/** Badge tone of an achievement state (always shown with its text label, never colour alone). */
export const ACHIEVEMENT_TONE: Record<Achievement, 'green' | 'amber' | 'red' | undefined> = {
  achieved: 'green',
  close: 'amber',
  not_achieved: 'red',
  no_data: undefined,
  no_target: undefined,
};

/** Chart colours: actual values, targets, baseline. */
export const CHART_COLOR = { actual: '#1b4f8a', target: '#0f766e', baseline: '#8792a0' } as const;

const DIGITS: Record<Unit, number> = { percent: 1, score: 2, count: 0, boolean: 0 };

/** A value in its unit: `80,5 %`, `12`, `3,25`, `да`; `—` when absent. */
export function formatValue(v: number | null | undefined, unit: Unit, locale: Locale, t: T): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  if (unit === 'boolean') return v >= 0.5 ? t('web.indicators.yes') : t('web.indicators.no');
  // Percents always with one decimal (as the results screens and the achievement comparison).
  return unit === 'percent' ? formatPercent(v, locale) : formatNumber(v, locale, DIGITS[unit]);
}

/** A count of a numerator or denominator: integers as they are, fractions with up to 2 digits. */
export const formatCount = (v: number | null | undefined, locale: Locale) => formatNumber(v, locale, 2);

export interface YearCell {
  year: number;
  target: number | null;
  value: IndicatorValueLike | null;
}
export interface IndicatorValueLike {
  year: number;
  value: number | null;
  target: number | null;
  achievement: Achievement;
  noData: { message: string } | null;
  method: Method;
}
export interface IndicatorLike<V extends IndicatorValueLike = IndicatorValueLike> {
  unit: Unit;
  direction: Direction;
  method: Method;
  baseline: number | null;
  baselineYear: number | null;
  targets: Array<{ year: number | null; value: number | null }>;
  values: V[];
}

export function targetOf(row: Pick<IndicatorLike, 'targets'>, year: number): number | null {
  return row.targets.find((x) => x.year === year)?.value ?? null;
}

/** The cells of one indicator row: target and actual value per year of the table. */
export function yearCells<V extends IndicatorValueLike>(
  row: IndicatorLike<V>,
  years: readonly number[],
): Array<{ year: number; target: number | null; value: V | null }> {
  return years.map((year) => ({
    year,
    target: targetOf(row, year),
    value: row.values.find((v) => v.year === year) ?? null,
  }));
}

/** The years a table shows: the table's years, else those of the period; sorted, unique. */
export function tableYears(years: readonly number[], fallback: readonly number[]): number[] {
  return [...new Set(years.length ? years : fallback)].sort((a, b) => a - b);
}

/** The year offered for «Рассчитать за год»: the latest year not after the current one, else the first. */
export function defaultComputeYear(years: readonly number[], now: Date = new Date()): number {
  const y = now.getFullYear();
  const past = years.filter((x) => x <= y);
  if (past.length) return Math.max(...past);
  return years.length ? Math.min(...years) : y;
}

/** Years a computation may be asked for: the table's years and the two before the first. */
export function computeYears(years: readonly number[], now: Date = new Date()): number[] {
  const base = years.length ? years : [now.getFullYear()];
  const first = Math.min(...base);
  return [...new Set([first - 2, first - 1, ...base])].sort((a, b) => a - b);
}

export interface ChartData {
  years: number[];
  actual: Array<number | null>;
  target: Array<number | null>;
  /** the baseline drawn at its year (null elsewhere) */
  baseline: Array<number | null>;
  /** per year: the reason there is no actual value */
  noData: Array<string | null>;
}

/** Series of the chart of one indicator: the years of the table plus the baseline year. */
export function chartData(row: IndicatorLike, years: readonly number[]): ChartData {
  const ys = new Set(years);
  if (row.baselineYear !== null) ys.add(row.baselineYear);
  for (const v of row.values) ys.add(v.year);
  const all = [...ys].sort((a, b) => a - b);
  return {
    years: all,
    actual: all.map((y) => row.values.find((v) => v.year === y)?.value ?? null),
    target: all.map((y) => targetOf(row, y)),
    baseline: all.map((y) => (row.baselineYear === y ? row.baseline : null)),
    noData: all.map((y) => row.values.find((v) => v.year === y)?.noData?.message ?? null),
  };
}

/**
 * The y-axis range: from 0; percents up to a round step above the largest value (never over 100),
 * so that small shares are not flattened at the bottom; booleans 0–1; otherwise the chart decides.
 */
export function chartAxis(
  unit: Unit,
  values: ReadonlyArray<number | null> = [],
): { min: number; max?: number } {
  if (unit === 'boolean') return { min: 0, max: 1 };
  if (unit !== 'percent') return { min: 0 };
  const top = Math.max(0, ...values.filter((v): v is number => v !== null && Number.isFinite(v)));
  if (top === 0) return { min: 0, max: 100 };
  const step = top <= 10 ? 2 : top <= 30 ? 5 : 10;
  return { min: 0, max: Math.min(100, Math.ceil((top * 1.15) / step) * step) };
}

/* ------------------------------------------------------------------------------------------------
 * Calculations and their parameters in words.
 * ---------------------------------------------------------------------------------------------- */

export const OPS = ['>=', '>', '<=', '<', '=', '!='] as const;
export type Op = (typeof OPS)[number];
export const OP_WORD: Record<Op, string> = {
  '>=': 'ge',
  '>': 'gt',
  '<=': 'le',
  '<': 'lt',
  '=': 'eq',
  '!=': 'ne',
};

interface FieldTitle {
  field: string;
  title: string;
  unit: string;
}
const fieldTitle = (fields: readonly FieldTitle[], f: unknown) =>
  typeof f === 'string' ? (fields.find((x) => x.field === f)?.title ?? f) : String(f);

const PROCEDURES = ['VPR', 'OGE', 'EGE', 'REGIONAL', 'MUNICIPAL', 'CURRENT'];
const SUBJECTS = ['ru', 'math', 'math_base', 'math_profile'];
const procedureWord = (p: unknown, t: T) =>
  typeof p === 'string' && PROCEDURES.includes(p) ? t(`web.indicators.procedure.${p}`) : String(p ?? '');
const subjectWord = (s: unknown, t: T) =>
  typeof s === 'string' && SUBJECTS.includes(s) ? t(`web.indicators.subject.${s}`) : String(s);

function conditionWords(c: unknown, fields: readonly FieldTitle[], t: T): string {
  if (!c || typeof c !== 'object') return '';
  const { field, op, value } = c as { field?: unknown; op?: unknown; value?: unknown };
  const word = OPS.includes(op as Op) ? t(`web.indicators.op.${OP_WORD[op as Op]}`) : String(op);
  const v =
    typeof value === 'boolean'
      ? value
        ? t('web.indicators.yes')
        : t('web.indicators.no')
      : value === 'urban' || value === 'rural'
        ? t(`web.indicators.locality.${value}`)
        : String(value);
  return `«${fieldTitle(fields, field)}» ${word} ${v}`;
}

/**
 * The calculation and its parameters in words, e.g. «школы, у которых «Скорость интернета» ≥ 1»
 * or «ОГЭ: русский язык, математика». Unknown parameters are listed as key = value.
 */
export function paramsInWords(
  calculation: string | null,
  params: Record<string, unknown>,
  fields: readonly FieldTitle[],
  t: T,
): string {
  if (!calculation) return '';
  const p = params ?? {};
  const parts: string[] = [];
  if (calculation === 'field_share') {
    if (p.kind === 'schools') {
      parts.push(
        t('web.indicators.words.schoolsWhere', { condition: conditionWords(p.condition, fields, t) }),
      );
      if (p.among)
        parts.push(t('web.indicators.words.among', { condition: conditionWords(p.among, fields, t) }));
    } else if (p.kind === 'sum') {
      parts.push(
        t('web.indicators.words.sum', {
          numerator: fieldTitle(fields, p.numerator),
          denominator: fieldTitle(fields, p.denominator),
        }),
      );
    } else if (p.kind === 'results_sum') {
      parts.push(
        t('web.indicators.words.resultsSum', {
          procedure: procedureWord(p.procedure, t),
          numerator: String(p.numerator ?? 'below_min'),
        }),
      );
    }
  } else {
    if (p.procedure) parts.push(procedureWord(p.procedure, t));
    if (Array.isArray(p.subjects) && p.subjects.length)
      parts.push(p.subjects.map((s) => subjectWord(s, t)).join(', '));
    if (p.mode === 'all') parts.push(t('web.indicators.words.modeAll'));
    if (p.mode === 'any') parts.push(t('web.indicators.words.modeAny'));
    if (p.grade !== undefined && p.grade !== null)
      parts.push(t('web.indicators.words.grade', { grade: String(p.grade) }));
  }
  if (calculation === 'field_share' && Array.isArray(p.subjects) && p.subjects.length)
    parts.push(p.subjects.map((s) => subjectWord(s, t)).join(', '));
  return parts.join('; ');
}

/* ------------------------------------------------------------------------------------------------
 * Basis records.
 * ---------------------------------------------------------------------------------------------- */

/** Figure keys with a label in the catalogue (`web.indicators.figure.<key>`). */
export const FIGURE_KEYS = [
  'participants',
  'belowMin',
  'below_min',
  'share',
  'meanScore',
  'grades',
  'mark2',
  'mark3',
  'mark4',
  'mark5',
  'mark4_5',
  'high_80_99',
  'high_100',
  'students',
  'confirmed',
  'higher',
  'lower',
  'inList',
  'dueTo',
  'completedOn',
  'status',
  'judged',
] as const;
/** Technical figures not shown to people. */
const HIDDEN_FIGURES = new Set(['runId', 'activityId', 'occurrenceId']);

export interface FigureLine {
  key: string;
  label: string;
  value: string;
}

/** The figures of a basis record as label/value lines (registry fields get their catalogue title). */
export function figureLines(
  figures: Record<string, number | string | boolean | null>,
  fields: readonly FieldTitle[],
  locale: Locale,
  t: T,
): FigureLine[] {
  return Object.entries(figures)
    .filter(([k]) => !HIDDEN_FIGURES.has(k))
    .map(([key, v]) => {
      const label = (FIGURE_KEYS as readonly string[]).includes(key)
        ? t(`web.indicators.figure.${key}`)
        : fieldTitle(fields, key);
      let value: string;
      if (v === null || v === undefined) value = t('web.indicators.emptyFigure');
      else if (typeof v === 'boolean') value = v ? t('web.indicators.yes') : t('web.indicators.no');
      else if (typeof v === 'number')
        value = key === 'share' ? `${formatNumber(v, locale, 1)}\u00a0%` : formatNumber(v, locale, 2);
      else if (key === 'status') value = t(`web.indicators.activityStatus.${v}`);
      else if (/^\d{4}-\d{2}-\d{2}$/.test(v)) value = `${v.slice(8, 10)}.${v.slice(5, 7)}.${v.slice(0, 4)}`;
      else value = v;
      return { key, label, value };
    });
}

/* ------------------------------------------------------------------------------------------------
 * Server field errors.
 * ---------------------------------------------------------------------------------------------- */

/** Field problems of a 400 keyed by the full field path (`targets[1].value`, `params.condition.value`). */
export function fieldProblems(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(details)) return out;
  for (const d of details as Array<{ field?: unknown; message?: unknown }>) {
    if (typeof d?.field !== 'string' || typeof d.message !== 'string') continue;
    out[d.field] = out[d.field] ? `${out[d.field]}; ${d.message}` : d.message;
  }
  return out;
}

/**
 * The server's message without its technical field prefix: «targets[0].value (2026 г.): значение 101
 * вне диапазона» → «значение 101 вне диапазона» (the message is shown at the field).
 */
export function stripFieldPrefix(message: string): string {
  const m = /^[A-Za-z_][\w.[\]]*(?: \([^)]*\))?: (.+)$/s.exec(message);
  if (!m) return message;
  const rest = m[1]!;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** The problem of a target year from the server's problems of a body whose targets were `years` in order. */
export function targetProblem(problems: Record<string, string>, years: readonly number[], year: number) {
  const i = years.indexOf(year);
  if (i < 0) return undefined;
  const msg = problems[`targets[${i}].value`] ?? problems[`targets[${i}].year`] ?? problems[`targets[${i}]`];
  return msg ? stripFieldPrefix(msg) : undefined;
}

/* ------------------------------------------------------------------------------------------------
 * Baseline and targets draft.
 * ---------------------------------------------------------------------------------------------- */

export interface TargetsDraft {
  number: string;
  name: string;
  baseline: string;
  baselineYear: string;
  /** year → the typed target */
  targets: Record<number, string>;
}

export type DraftProblem =
  'notNumber' | 'outOfRange' | 'notInteger' | 'badYear' | 'nameRequired' | 'negative';
export type DraftErrors = Partial<Record<'name' | 'baseline' | 'baselineYear' | `t${number}`, DraftProblem>>;

export function targetsDraft(
  row: {
    number: string | null;
    name: string;
    baseline: number | null;
    baselineYear: number | null;
    targets: Array<{ year: number | null; value: number | null }>;
  },
  locale: Locale,
): TargetsDraft {
  const targets: Record<number, string> = {};
  for (const x of row.targets) if (x.year !== null) targets[x.year] = numberToInput(x.value, locale);
  return {
    number: row.number ?? '',
    name: row.name,
    baseline: numberToInput(row.baseline, locale),
    baselineYear: row.baselineYear === null ? '' : String(row.baselineYear),
    targets,
  };
}

function checkNumber(text: string, unit: Unit): DraftProblem | null {
  const v = parseDecimal(text);
  if (v === null) return null;
  if (Number.isNaN(v)) return 'notNumber';
  if (v < 0) return 'negative';
  if (unit === 'percent' && v > 100) return 'outOfRange';
  if (unit === 'boolean' && v !== 0 && v !== 1) return 'outOfRange';
  if ((unit === 'count' || unit === 'boolean') && !Number.isInteger(v)) return 'notInteger';
  return null;
}

/** Problems of a draft as typed (the server checks again and names the field). */
export function validateTargets(d: TargetsDraft, unit: Unit, years: readonly number[]): DraftErrors {
  const e: DraftErrors = {};
  if (!d.name.trim()) e.name = 'nameRequired';
  const b = checkNumber(d.baseline, unit);
  if (b) e.baseline = b;
  if (d.baselineYear.trim()) {
    const y = Number(d.baselineYear.trim());
    if (!Number.isInteger(y) || y < 2000 || y > 2100) e.baselineYear = 'badYear';
  }
  for (const y of years) {
    const p = checkNumber(d.targets[y] ?? '', unit);
    if (p) e[`t${y}`] = p;
  }
  return e;
}

/** The PATCH body of a draft: targets in year order (the order the server's field errors refer to). */
export function targetsBody(d: TargetsDraft, years: readonly number[]) {
  const targets = years
    .map((year) => ({ year, value: parseDecimal(d.targets[year] ?? '') }))
    .filter((x): x is { year: number; value: number } => x.value !== null && !Number.isNaN(x.value));
  const baseline = parseDecimal(d.baseline);
  return {
    number: d.number.trim() || null,
    name: d.name.trim(),
    baseline: baseline === null || Number.isNaN(baseline) ? null : baseline,
    baselineYear: d.baselineYear.trim() ? Number(d.baselineYear.trim()) : null,
    targets,
  };
}

/* ------------------------------------------------------------------------------------------------
 * The region's own definitions.
 * ---------------------------------------------------------------------------------------------- */

export type ShareKind = 'schools' | 'sum';
export interface DefinitionDraft {
  code: string;
  name: string;
  description: string;
  unit: Unit;
  direction: Direction;
  level: 'school' | 'municipality' | 'region';
  method: Method;
  kind: ShareKind;
  field: string;
  op: Op;
  value: string;
  numerator: string;
  denominator: string;
  numeratorLabel: string;
  denominatorLabel: string;
  dataNote: string;
}

export const emptyDefinition = (): DefinitionDraft => ({
  code: '',
  name: '',
  description: '',
  unit: 'percent',
  direction: 'higher',
  level: 'municipality',
  method: 'computed',
  kind: 'schools',
  field: 'internet_mbps',
  op: '>=',
  value: '',
  numerator: 'vacancies',
  denominator: 'teachers',
  numeratorLabel: '',
  denominatorLabel: '',
  dataNote: '',
});

interface DefinitionLike {
  code: string;
  name: string;
  description: string | null;
  unit: Unit;
  direction: Direction;
  level: 'school' | 'municipality' | 'region';
  method: Method;
  calculation: string | null;
  params: Record<string, unknown>;
  numeratorLabel: string | null;
  denominatorLabel: string | null;
  dataNote: string | null;
}

export function definitionDraft(d: DefinitionLike, locale: Locale): DefinitionDraft {
  const base = emptyDefinition();
  const p = d.params ?? {};
  const cond = (p.condition ?? {}) as { field?: string; op?: Op; value?: unknown };
  return {
    ...base,
    code: d.code,
    name: d.name,
    description: d.description ?? '',
    unit: d.unit,
    direction: d.direction,
    level: d.level,
    method: d.method,
    kind: p.kind === 'sum' ? 'sum' : 'schools',
    field: typeof cond.field === 'string' ? cond.field : base.field,
    op: OPS.includes(cond.op as Op) ? (cond.op as Op) : base.op,
    value:
      typeof cond.value === 'number'
        ? numberToInput(cond.value, locale)
        : cond.value === undefined
          ? ''
          : String(cond.value),
    numerator: typeof p.numerator === 'string' ? p.numerator : base.numerator,
    denominator: typeof p.denominator === 'string' ? p.denominator : base.denominator,
    numeratorLabel: d.numeratorLabel ?? '',
    denominatorLabel: d.denominatorLabel ?? '',
    dataNote: d.dataNote ?? '',
  };
}

/** A field's kind as the catalogue gives it: count, number, percent, boolean, text. */
export const isNumericField = (unit: string) => unit === 'count' || unit === 'number' || unit === 'percent';

/** Operators a field allows: equality only for yes/no and text fields. */
export const opsFor = (fieldUnit: string): readonly Op[] =>
  fieldUnit === 'boolean' || fieldUnit === 'text' ? (['=', '!='] as const) : OPS;

export type DefinitionProblem =
  | 'codeRequired'
  | 'codeFormat'
  | 'nameRequired'
  | 'valueRequired'
  | 'notNumber'
  | 'fieldRequired'
  | 'sameFields';
export type DefinitionErrors = Partial<
  Record<'code' | 'name' | 'field' | 'value' | 'numerator' | 'denominator', DefinitionProblem>
>;

export function validateDefinition(
  d: DefinitionDraft,
  fields: readonly FieldTitle[],
  isNew: boolean,
): DefinitionErrors {
  const e: DefinitionErrors = {};
  if (isNew) {
    if (!d.code.trim()) e.code = 'codeRequired';
    else if (!/^[a-z][a-z0-9_]{0,60}$/.test(d.code.trim())) e.code = 'codeFormat';
  }
  if (!d.name.trim()) e.name = 'nameRequired';
  if (d.method !== 'computed') return e;
  if (d.kind === 'schools') {
    const f = fields.find((x) => x.field === d.field);
    if (!f) e.field = 'fieldRequired';
    else if (isNumericField(f.unit)) {
      const v = parseDecimal(d.value);
      if (v === null) e.value = 'valueRequired';
      else if (Number.isNaN(v)) e.value = 'notNumber';
    } else if (!d.value) e.value = 'valueRequired';
  } else {
    if (!fields.some((x) => x.field === d.numerator)) e.numerator = 'fieldRequired';
    if (!fields.some((x) => x.field === d.denominator)) e.denominator = 'fieldRequired';
    else if (d.numerator === d.denominator) e.denominator = 'sameFields';
  }
  return e;
}

/** The params of a field_share draft. */
export function definitionParams(d: DefinitionDraft, fields: readonly FieldTitle[]): Record<string, unknown> {
  if (d.kind === 'sum') return { kind: 'sum', numerator: d.numerator, denominator: d.denominator };
  const f = fields.find((x) => x.field === d.field);
  const value: number | string | boolean =
    f && isNumericField(f.unit)
      ? (parseDecimal(d.value) ?? 0)
      : f?.unit === 'boolean'
        ? d.value === 'true'
        : d.value;
  return { kind: 'schools', condition: { field: d.field, op: d.op, value } };
}

/** The POST (or PATCH, without the code) body of a draft. */
export function definitionBody(d: DefinitionDraft, fields: readonly FieldTitle[]) {
  const text = (s: string) => (s.trim() ? s.trim() : null);
  const computed = d.method === 'computed';
  return {
    code: d.code.trim(),
    name: d.name.trim(),
    description: text(d.description),
    unit: d.unit,
    direction: d.direction,
    level: d.level,
    method: d.method,
    calculation: computed ? 'field_share' : null,
    params: computed ? definitionParams(d, fields) : {},
    numeratorLabel: text(d.numeratorLabel),
    denominatorLabel: text(d.denominatorLabel),
    dataNote: text(d.dataNote),
  };
}

/** Server problems of a definition body mapped to the form's fields. */
export function definitionServerErrors(
  problems: Record<string, string>,
): Partial<Record<keyof DefinitionErrors | '_', string>> {
  const out: Partial<Record<keyof DefinitionErrors | '_', string>> = {};
  for (const [path, msg] of Object.entries(problems)) {
    const key: keyof DefinitionErrors | '_' =
      path === 'code' || path === 'name'
        ? path
        : path.startsWith('params.condition.value')
          ? 'value'
          : path.startsWith('params.condition')
            ? 'field'
            : path.startsWith('params.numerator')
              ? 'numerator'
              : path.startsWith('params.denominator')
                ? 'denominator'
                : '_';
    out[key] = out[key] ? `${out[key]}; ${stripFieldPrefix(msg)}` : stripFieldPrefix(msg);
  }
  return out;
}

/** Does a definition match the catalogue page's or the picker's text filter? */
export function matchesText(
  d: { code: string; name: string; description: string | null },
  q: string,
): boolean {
  const words = q.toLowerCase().replace(/ё/g, 'е').split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const hay = `${d.code} ${d.name} ${d.description ?? ''}`.toLowerCase().replace(/ё/g, 'е');
  return words.every((w) => hay.includes(w));
}
