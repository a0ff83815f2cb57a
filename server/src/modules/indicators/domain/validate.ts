import { z } from 'zod';
import { translate } from '../../../../../common/src/i18n/index.js';
import type { Calculation, Unit } from './types.js';

/**
 * Validation of values (targets, baselines, manual values) and of calculation parameters.
 * A problem names the field (`targets[2].value`, `params.subjects[0]`), carries an i18n key of the
 * `indicators` catalogue with its params, and the Russian message.
 */
export interface Problem {
  field: string;
  key: string;
  params: Record<string, string | number>;
  /** The message in Russian (render `key` with `params` for another locale). */
  message: string;
}

export const UNIT_RANGE: Readonly<Record<Unit, { min: number; max: number | null; integer: boolean }>> =
  Object.freeze({
    percent: { min: 0, max: 100, integer: false },
    count: { min: 0, max: null, integer: true },
    score: { min: 0, max: null, integer: false },
    boolean: { min: 0, max: 1, integer: true },
  });

/** The unit kind of a unit written as text in a programme document («%», «чел.», «балл», «да/нет»). */
export function unitKindOf(text: string | null): Unit {
  const t = (text ?? '').trim().toLowerCase();
  if (t === '' || t.includes('%') || t.startsWith('проц')) return 'percent';
  if (t.startsWith('балл')) return 'score';
  if (t.startsWith('да') || t.includes('нет')) return 'boolean';
  return 'count';
}

export function problem(field: string, key: string, params: Record<string, string | number> = {}): Problem {
  const all = { field, ...params };
  return { field, key, params: all, message: translate('ru', key, all) };
}

/**
 * Is `value` a valid value of the unit? `field` names it for the message; `year` is added to
 * the params (and the message) when given.
 */
export function validateValue(value: unknown, unit: Unit, field: string, year?: number): Problem | null {
  const extra: Record<string, string | number> = year === undefined ? {} : { year };
  const keyFor = (base: string) => (year === undefined ? base : `${base}Year`);
  if (typeof value !== 'number' || !Number.isFinite(value))
    return problem(field, keyFor('indicators.validation.notNumber'), { ...extra, value: String(value) });
  const r = UNIT_RANGE[unit];
  if (unit === 'boolean' && value !== 0 && value !== 1)
    return problem(field, keyFor('indicators.validation.notBoolean'), { ...extra, value });
  if (r.integer && !Number.isInteger(value))
    return problem(field, keyFor('indicators.validation.notInteger'), { ...extra, value });
  if (value < r.min || (r.max !== null && value > r.max))
    return r.max === null
      ? problem(field, keyFor('indicators.validation.negative'), { ...extra, value })
      : problem(field, keyFor('indicators.validation.outOfRange'), {
          ...extra,
          value,
          min: r.min,
          max: r.max,
        });
  return null;
}

/** Targets of a programme indicator: each value in the unit's range, years within the period, no year twice. */
export function validateTargets(
  targets: ReadonlyArray<{ year: number; value: number | null }>,
  unit: Unit,
  period?: { from: number; to: number },
  field = 'targets',
): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<number>();
  targets.forEach((t, i) => {
    const at = `${field}[${i}]`;
    if (!Number.isInteger(t.year) || t.year < 2000 || t.year > 2100)
      out.push(problem(`${at}.year`, 'indicators.validation.badYear', { value: String(t.year) }));
    else if (period && (t.year < period.from || t.year > period.to))
      out.push(
        problem(`${at}.year`, 'indicators.validation.yearOutsidePeriod', {
          year: t.year,
          from: period.from,
          to: period.to,
        }),
      );
    else if (seen.has(t.year))
      out.push(problem(`${at}.year`, 'indicators.validation.duplicateYear', { year: t.year }));
    seen.add(t.year);
    if (t.value !== null) {
      const p = validateValue(t.value, unit, `${at}.value`, t.year);
      if (p) out.push(p);
    }
  });
  return out;
}

/** A unit the calculation cannot produce. */
export function validateUnit(calculation: Calculation, unit: Unit, field = 'unit'): Problem | null {
  return calculation.units.includes(unit)
    ? null
    : problem(field, 'indicators.validation.unitNotSupported', {
        calculation: calculation.name,
        unit,
        units: calculation.units.join(', '),
      });
}

/** `a.b[0].c` from a zod path. */
export function pathToField(prefix: string, path: ReadonlyArray<PropertyKey>): string {
  let s = prefix;
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? String(p) : `.${String(p)}`;
  return s;
}

/** Validate params against a calculation's schema; problems name the field (`params.subjects[0]`). */
export function validateParams(calculation: Calculation, params: unknown, prefix = 'params'): Problem[] {
  try {
    calculation.parseParams(params);
    return [];
  } catch (e) {
    if (!(e instanceof z.ZodError)) throw e;
    return e.issues.flatMap((issue) => {
      if (issue.code === 'unrecognized_keys')
        return issue.keys.map((k) =>
          problem(pathToField(prefix, [...issue.path, k]), 'indicators.params.unknownKey'),
        );
      const field = pathToField(prefix, issue.path);
      if (issue.message.startsWith('indicators.')) return [problem(field, issue.message)];
      return [problem(field, 'indicators.params.invalid', { detail: issue.message })];
    });
  }
}
