import { sameParams } from './text.js';
import type { Contribution, Figure, NoData, RollUp, Unit } from './types.js';

/**
 * Roll-up of contributions: numerators and denominators are summed per school, per municipality
 * and in total (never averages of percentages). Contributions with `noData` count as missing and
 * add nothing. Contributions without a school (or a municipality) go to `unattached` and into the
 * total only.
 *
 * Values (full precision; rounding is the screens' business):
 * - percent: 100 · numerator / denominator; denominator 0 → null;
 * - score:   numerator / denominator (e.g. Σ score·n / Σ n); denominator 0 → null;
 * - count:   numerator;
 * - boolean: 1 when numerator > 0, else 0.
 * A figure with no counted contribution has value null and a reason: the common reason of its
 * missing contributions when they share one, else «нет данных ни по одной школе».
 */

interface Acc {
  numerator: number;
  denominator: number;
  counted: number;
  missing: number;
  /** The shared reason of the missing ones, null once they differ. */
  reason: NoData | null | undefined;
}

const newAcc = (): Acc => ({ numerator: 0, denominator: 0, counted: 0, missing: 0, reason: undefined });

function sameReason(a: NoData, b: NoData): boolean {
  if (a === b) return true;
  return a.key === b.key && sameParams(a.params, b.params);
}

function add(acc: Acc, c: Contribution): void {
  if (c.noData) {
    acc.missing++;
    if (acc.reason === undefined) acc.reason = c.noData;
    else if (acc.reason !== null && !sameReason(acc.reason, c.noData)) acc.reason = null;
    return;
  }
  acc.counted++;
  acc.numerator += c.numerator;
  acc.denominator += c.denominator;
}

/** The value of summed numerator/denominator in a unit (null when it cannot be formed). */
export function valueOf(numerator: number, denominator: number, unit: Unit): number | null {
  switch (unit) {
    case 'percent':
      return denominator > 0 ? (100 * numerator) / denominator : null;
    case 'score':
      return denominator > 0 ? numerator / denominator : null;
    case 'count':
      return numerator;
    case 'boolean':
      return numerator > 0 ? 1 : 0;
  }
}

export function figureOf(acc: Acc, unit: Unit): Figure {
  const base = {
    numerator: acc.numerator,
    denominator: acc.denominator,
    counted: acc.counted,
    missing: acc.missing,
  };
  if (acc.counted === 0) {
    const noData: NoData =
      acc.missing === 0
        ? { key: 'indicators.noData.noSchools' }
        : (acc.reason ?? { key: 'indicators.noData.allMissing', params: { missing: acc.missing } });
    return { ...base, value: null, noData };
  }
  const value = valueOf(acc.numerator, acc.denominator, unit);
  if (value === null) return { ...base, value: null, noData: { key: 'indicators.noData.zeroDenominator' } };
  return { ...base, value };
}

/** Sum contributions into a figure. */
export function sumFigure(contributions: readonly Contribution[], unit: Unit): Figure {
  const acc = newAcc();
  for (const c of contributions) add(acc, c);
  return figureOf(acc, unit);
}

export function rollUp(contributions: readonly Contribution[], unit: Unit): RollUp {
  const total = newAcc();
  const byMunicipality = new Map<number, Acc>();
  const bySchool = new Map<number, { municipalityId: number; acc: Acc }>();
  let unattached: Acc | null = null;
  for (const c of contributions) {
    add(total, c);
    if (c.schoolId === null || c.municipalityId === null) {
      add((unattached ??= newAcc()), c);
      continue;
    }
    let m = byMunicipality.get(c.municipalityId);
    if (!m) byMunicipality.set(c.municipalityId, (m = newAcc()));
    add(m, c);
    let s = bySchool.get(c.schoolId);
    if (!s) bySchool.set(c.schoolId, (s = { municipalityId: c.municipalityId, acc: newAcc() }));
    add(s.acc, c);
  }
  return {
    total: figureOf(total, unit),
    byMunicipality: [...byMunicipality].map(([municipalityId, acc]) => ({
      municipalityId,
      figure: figureOf(acc, unit),
    })),
    bySchool: [...bySchool].map(([schoolId, { municipalityId, acc }]) => ({
      schoolId,
      municipalityId,
      figure: figureOf(acc, unit),
    })),
    unattached: unattached ? figureOf(unattached, unit) : null,
  };
}
