import { activitiesOnTime, flaggedShare, noLongerFlagged } from './calc-lists.js';
import { fieldShare } from './calc-fields.js';
import { belowMinShare, marksConfirmed, positiveDynamics } from './calc-results.js';
import type { CalcData, Calculation, Contribution, Need } from './types.js';

/**
 * The registry of calculations. A new calculation is a `Calculation` object added here: the
 * screens and the API find it by name, its parameters are validated by its own schema.
 */
export const CALCULATIONS: Record<string, Calculation> = Object.freeze({
  positive_dynamics: positiveDynamics as unknown as Calculation,
  below_min_share: belowMinShare as unknown as Calculation,
  no_longer_flagged: noLongerFlagged as unknown as Calculation,
  flagged_share: flaggedShare as unknown as Calculation,
  activities_on_time: activitiesOnTime as unknown as Calculation,
  field_share: fieldShare as unknown as Calculation,
  marks_confirmed: marksConfirmed as unknown as Calculation,
});

/** The calculation of that name, or null. */
export function getCalculation(name: string): Calculation | null {
  return Object.hasOwn(CALCULATIONS, name) ? CALCULATIONS[name]! : null;
}

/** The parts of CalcData a calculation needs for these (raw) params. Throws a zod error on bad params. */
export function needsOf(calculation: Calculation, params: unknown): Need[] {
  const parsed = calculation.parseParams(params);
  return calculation.needsFor ? calculation.needsFor(parsed) : calculation.needs;
}

/** Parse the params and compute: a convenience for the service and the tests. */
export function runCalculation(name: string, params: unknown, data: CalcData): Contribution[] {
  const calc = getCalculation(name);
  if (!calc) throw new Error(`unknown calculation ${name}`);
  return calc.compute(calc.parseParams(params), data);
}

/** Which result rows a calculation reads: one procedure, and its subjects (null: every subject). */
export interface ResultScope {
  procedure: string;
  subjects: string[] | null;
}

/**
 * The result rows the parsed params of a results calculation read (procedure, the listed subjects
 * and the codes grouped into them), so that the loader fetches only those; null when the params
 * name no procedure (the calculation reads no results).
 */
export function resultScopeOf(parsed: unknown): ResultScope | null {
  const p = parsed as { procedure?: unknown; subjects?: unknown; subjectGroups?: unknown };
  if (typeof p?.procedure !== 'string') return null;
  if (!Array.isArray(p.subjects)) return { procedure: p.procedure, subjects: null };
  const wanted = new Set(p.subjects as string[]);
  const groups = (p.subjectGroups ?? {}) as Record<string, string>;
  for (const [code, group] of Object.entries(groups)) if (wanted.has(group)) wanted.add(code);
  return { procedure: p.procedure, subjects: [...wanted].sort() };
}

/** The union of scopes: per procedure, the union of subjects (null absorbs). */
export function mergeResultScopes(scopes: ResultScope[]): ResultScope[] {
  const by = new Map<string, Set<string> | null>();
  for (const s of scopes) {
    const had = by.get(s.procedure);
    if (had === null) continue;
    if (s.subjects === null) by.set(s.procedure, null);
    else by.set(s.procedure, new Set([...(had ?? []), ...s.subjects]));
  }
  return [...by].map(([procedure, subjects]) => ({
    procedure,
    subjects: subjects ? [...subjects].sort() : null,
  }));
}
