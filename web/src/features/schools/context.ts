import type { ContextIndicator, ContextPut, SchoolContextRow } from '../../api/types';
import type { Locale } from '../../i18n';
import { formatNumber, formatPercent, numberToInput, parseDecimal, DASH } from '../../lib/format';

/** Built-in indicator codes and the fields of a context row that hold them. */
export const BUILTIN_FIELDS = {
  low_income: 'lowIncome',
  single_parent: 'singleParent',
  parents_higher_ed: 'parentsHigherEd',
  ovz: 'ovz',
  disabled: 'disabled',
  registered: 'registered',
  non_russian: 'nonRussian',
} as const;
type BuiltinCode = keyof typeof BUILTIN_FIELDS;
type BuiltinField = (typeof BUILTIN_FIELDS)[BuiltinCode];

const isBuiltin = (code: string): code is BuiltinCode => code in BUILTIN_FIELDS;
const FIELD_TO_CODE = Object.fromEntries(Object.entries(BUILTIN_FIELDS).map(([c, f]) => [f, c])) as Record<
  BuiltinField,
  BuiltinCode
>;

/** The code of a context field as it appears in the audit (`lowIncome` → `low_income`). */
export const codeOfField = (field: string): string => FIELD_TO_CODE[field as BuiltinField] ?? field;

export function indicatorValue(row: SchoolContextRow | undefined, code: string): number | null {
  if (!row) return null;
  if (isBuiltin(code)) return row[BUILTIN_FIELDS[code]];
  return row.extra[code] ?? null;
}

/** Every indicator to show: the catalogue's, then codes found only in data (an indicator removed later). */
export function indicatorRows(indicators: ContextIndicator[], rows: SchoolContextRow[]): ContextIndicator[] {
  const known = new Set(indicators.map((i) => i.code));
  const extra: ContextIndicator[] = [];
  for (const r of rows)
    for (const code of Object.keys(r.extra)) {
      if (!known.has(code)) {
        known.add(code);
        extra.push({ code, name: code, unit: 'number', builtin: false });
      }
    }
  return [...indicators, ...extra];
}

export function formatIndicator(
  v: number | null | undefined,
  unit: ContextIndicator['unit'],
  locale: Locale,
  yesNo: [string, string],
): string {
  if (v === null || v === undefined) return DASH;
  switch (unit) {
    case 'percent':
      return formatPercent(v, locale);
    case 'count':
      return formatNumber(v, locale, 0);
    case 'boolean':
      return v ? yesNo[0] : yesNo[1];
    default:
      return formatNumber(v, locale, 1);
  }
}

/** The range a value of a unit may take in the form. */
export function unitRange(unit: ContextIndicator['unit']): { min: number; max: number; integer: boolean } {
  switch (unit) {
    case 'percent':
      return { min: 0, max: 100, integer: false };
    case 'count':
      return { min: 0, max: 1_000_000, integer: true };
    case 'boolean':
      return { min: 0, max: 1, integer: true };
    default:
      return { min: -1_000_000_000, max: 1_000_000_000, integer: false };
  }
}

/** Form values (strings as typed) of one year's context. */
export type ContextForm = Record<string, string>;

export function rowToForm(
  row: SchoolContextRow | undefined,
  indicators: ContextIndicator[],
  locale: Locale,
): ContextForm {
  const out: ContextForm = {};
  for (const i of indicators) out[i.code] = numberToInput(indicatorValue(row, i.code), locale);
  return out;
}

/** Problems of the form by indicator code (catalogue keys with parameters). */
export function validateContext(
  form: ContextForm,
  indicators: ContextIndicator[],
): Record<string, { key: string; params?: Record<string, number> }> {
  const out: Record<string, { key: string; params?: Record<string, number> }> = {};
  for (const i of indicators) {
    const n = parseDecimal(form[i.code] ?? '');
    if (n === null) continue;
    const r = unitRange(i.unit);
    if (Number.isNaN(n)) out[i.code] = { key: 'web.validation.number' };
    else if (r.integer && !Number.isInteger(n)) out[i.code] = { key: 'web.validation.integer' };
    else if (n < r.min || n > r.max)
      out[i.code] = { key: 'web.validation.range', params: { min: r.min, max: r.max } };
  }
  return out;
}

/** The body of PUT /api/schools/:id/context/:year. Extra values of the row that the form does not show are kept. */
export function formToBody(
  form: ContextForm,
  indicators: ContextIndicator[],
  row: SchoolContextRow | undefined,
): ContextPut {
  const body: ContextPut = {
    lowIncome: null,
    singleParent: null,
    parentsHigherEd: null,
    ovz: null,
    disabled: null,
    registered: null,
    nonRussian: null,
    extra: { ...(row?.extra ?? {}) },
    version: row?.version ?? null,
  };
  for (const i of indicators) {
    const v = parseDecimal(form[i.code] ?? '');
    const value = v === null || Number.isNaN(v) ? null : v;
    if (isBuiltin(i.code)) body[BUILTIN_FIELDS[i.code]] = value;
    else body.extra[i.code] = value;
  }
  return body;
}
