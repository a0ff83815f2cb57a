import type { ContextParams } from './params.js';
import { mean, quantile, standardDeviation } from './stats.js';
import type { ContextRow, SchoolInfo } from './types.js';

/**
 * Context index (ШНСУ): for the year Y, each indicator with a non-zero weight is standardised
 * across the schools that have a value (z = (x − mean)/sd, population sd; sd = 0 → z = 0), and
 *   index = Σ_present wᵢ·zᵢ · (W / W_present),   W = Σ|wᵢ| over all weighted indicators,
 * i.e. the weighted sum of z-scores, re-weighted over the indicators present. Higher = more
 * unfavourable. When W_present / W < minWeightShare the index is null ('insufficient_indicators').
 *
 * `rural` and `small_school` are taken from the school card (100 or 0) when they have a weight and
 * the context row does not carry them.
 *
 * Unfavourable: 'quartile' — index ≥ the 75th percentile (type 7) of the non-null indices of the
 * year (the top quarter; ties at the cut-off are included); 'threshold' — index ≥ value.
 */

export interface ContextComponent {
  code: string;
  weight: number;
  /** The indicator in percent, null when missing. */
  value: number | null;
  /** The standardised value, null when missing. */
  z: number | null;
  /** weight · z · (W / W_present): the part of the index due to this indicator; null when missing. */
  contribution: number | null;
}

export type ContextReason = 'no_row' | 'insufficient_indicators';

export interface SchoolContext {
  schoolId: number;
  year: number;
  index: number | null;
  reason: ContextReason | null;
  /** W_present / W */
  presentWeightShare: number;
  /** Codes of weighted indicators without a value. */
  missing: string[];
  components: ContextComponent[];
  /** null when the index is null. */
  unfavourable: boolean | null;
}

export interface ContextOutcome {
  year: number;
  rule: ContextParams['unfavourable']['rule'];
  /** The index value from which a school is unfavourable (null: no index in the year). */
  cutoff: number | null;
  /** Per indicator: mean and sd used for the z-scores, and how many schools had a value. */
  standardisation: Array<{ code: string; mean: number | null; sd: number | null; n: number }>;
  schools: SchoolContext[];
}

const CARD_INDICATORS: Record<string, (s: SchoolInfo) => number> = {
  rural: (s) => (s.locality === 'rural' ? 100 : 0),
  small_school: (s) => (s.isSmall ? 100 : 0),
};

/** `missing` of the schools with every indicator (most), shared. */
const NONE_MISSING = Object.freeze([]) as unknown as string[];

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** The indicators with a weight (not 0), sorted by code: the order of a school's components. */
export function weightedIndicators(params: Pick<ContextParams, 'weights'>): Array<[string, number]> {
  return Object.entries(params.weights)
    .filter(([, w]) => w !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The index of one school with a row: its values are `values[at … at + weights.length − 1]` (NaN:
 * missing), in the order of `weightedIndicators`, standardised with `standardisation` (the run's).
 * Used by `computeContext` and to recompute a stored school's components from its values (figures
 * v4), so both give the same numbers to the last bit.
 */
export function scoreSchool(
  schoolId: number,
  year: number,
  values: ArrayLike<number>,
  at: number,
  weights: ReadonlyArray<readonly [string, number]>,
  standardisation: ContextOutcome['standardisation'],
  minWeightShare: number,
): SchoolContext {
  const W = weights.length;
  let totalWeight = 0;
  let presentWeight = 0;
  for (let j = 0; j < W; j++) {
    const w = Math.abs(weights[j]![1]);
    totalWeight += w;
    if (isNum(values[at + j])) presentWeight += w;
  }
  const share = totalWeight > 0 ? presentWeight / totalWeight : 0;
  const scale = presentWeight > 0 ? totalWeight / presentWeight : 0;
  const ok = share >= minWeightShare - 1e-12 && presentWeight > 0;
  // loops, not callbacks: this runs for every school
  const components: ContextComponent[] = [];
  let sum = 0;
  let missing = NONE_MISSING;
  for (let j = 0; j < W; j++) {
    const [code, weight] = weights[j]!;
    const x = values[at + j]!;
    const st = standardisation[j]!;
    if (Number.isNaN(x) || st.mean === null || st.sd === null) {
      components.push({ code, weight, value: null, z: null, contribution: null });
      missing = missing === NONE_MISSING ? [code] : [...missing, code];
      continue;
    }
    const z = st.sd > 0 ? (x - st.mean) / st.sd : 0;
    const contribution = ok ? weight * z * scale + 0 : null;
    components.push({ code, weight, value: x, z, contribution });
    sum += contribution ?? 0;
  }
  return {
    schoolId,
    year,
    index: ok ? sum + 0 : null,
    reason: ok ? null : 'insufficient_indicators',
    presentWeightShare: share,
    missing,
    components,
    unfavourable: null,
  };
}

export function computeContext(
  year: number,
  schools: readonly SchoolInfo[],
  rows: readonly ContextRow[],
  params: ContextParams,
): ContextOutcome {
  const weights = weightedIndicators(params);

  const rowBySchool = new Map<number, Record<string, number | null>>();
  for (const r of rows) {
    if (r.year !== year) continue;
    const prev = rowBySchool.get(r.schoolId);
    rowBySchool.set(r.schoolId, prev ? { ...prev, ...r.values } : r.values);
  }

  // Values per school (in the order of `weights`; NaN: none), for the schools with a row: one
  // array for all schools (45,000 at national scale), not one per school.
  const W = weights.length;
  const values = new Float64Array(schools.length * W).fill(NaN);
  const hasRow = new Uint8Array(schools.length);
  schools.forEach((s, i) => {
    const row = rowBySchool.get(s.id);
    if (!row) return;
    hasRow[i] = 1;
    for (let j = 0; j < W; j++) {
      const code = weights[j]![0];
      const v = row[code];
      const card = CARD_INDICATORS[code];
      const x = isNum(v) ? v : v === undefined && card ? card(s) : null;
      if (x !== null) values[i * W + j] = x;
    }
  });

  const standardisation = weights.map(([code], j) => {
    const xs: number[] = [];
    for (let i = 0; i < schools.length; i++) {
      const v = values[i * W + j]!;
      if (hasRow[i] && isNum(v)) xs.push(v);
    }
    return xs.length
      ? { code, mean: mean(xs), sd: standardDeviation(xs), n: xs.length }
      : { code, mean: null, sd: null, n: 0 };
  });

  const result: SchoolContext[] = schools.map((s, i) => {
    if (!hasRow[i]) {
      return {
        schoolId: s.id,
        year,
        index: null,
        reason: 'no_row',
        presentWeightShare: 0,
        missing: weights.map(([c]) => c),
        components: weights.map(([code, weight]) => ({
          code,
          weight,
          value: null,
          z: null,
          contribution: null,
        })),
        unfavourable: null,
      };
    }
    return scoreSchool(s.id, year, values, i * W, weights, standardisation, params.minWeightShare);
  });

  const indices = result.map((r) => r.index).filter(isNum);
  let cutoff: number | null = null;
  if (params.unfavourable.rule === 'threshold') cutoff = params.unfavourable.value;
  else if (indices.length > 0) cutoff = quantile(indices, 0.75);
  for (const r of result) {
    if (r.index !== null && cutoff !== null) r.unfavourable = r.index >= cutoff - 1e-12;
  }
  return { year, rule: params.unfavourable.rule, cutoff, standardisation, schools: result };
}
