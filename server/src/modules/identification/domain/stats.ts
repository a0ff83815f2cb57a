/**
 * Small, dependency-free statistics used by the identification: Wilson interval, weighted least
 * squares by the normal equations, empirical-Bayes shrinkage of proportions, quantiles, z-scores,
 * and an exact binomial tail.
 */

/** The 97.5 % quantile of the standard normal distribution (two-sided 95 %). */
export const Z95 = 1.959963984540054;

export interface Interval {
  lower: number;
  upper: number;
}

/**
 * Wilson score interval for a binomial proportion k/n:
 *   centre = (p + z²/2n) / (1 + z²/n),
 *   half   = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n).
 * n = 0 gives [0, 1] (no information).
 */
export function wilsonInterval(successes: number, n: number, z: number = Z95): Interval {
  if (!(n > 0)) return { lower: 0, upper: 1 };
  const centre = wilsonCentre(successes, n, z);
  const half = wilsonHalfWidth(successes, n, z);
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/** The lower bound of `wilsonInterval` alone (no object: the rule asks it of every cell). */
export function wilsonLower(successes: number, n: number, z: number = Z95): number {
  if (!(n > 0)) return 0;
  return Math.max(0, wilsonCentre(successes, n, z) - wilsonHalfWidth(successes, n, z));
}

function wilsonCentre(successes: number, n: number, z: number): number {
  const p = Math.min(1, Math.max(0, successes / n));
  const z2 = z * z;
  return (p + z2 / (2 * n)) / (1 + z2 / n);
}

function wilsonHalfWidth(successes: number, n: number, z: number): number {
  const p = Math.min(1, Math.max(0, successes / n));
  const z2 = z * z;
  return (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
}

/**
 * Solve A·x = b by Gaussian elimination with partial pivoting.
 * Returns null when the system is (numerically) singular. Inputs are not modified.
 */
export function solveLinearSystem(a: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const n = b.length;
  if (a.length !== n || a.some((row) => row.length !== n))
    throw new RangeError('solveLinearSystem: A must be n×n');
  const m = a.map((row, i) => [...row, b[i] as number]);
  const scale = Math.max(1e-300, ...m.flatMap((row) => row.slice(0, n).map(Math.abs)));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    }
    if (Math.abs(m[pivot]![col]!) <= 1e-12 * scale) return null;
    if (pivot !== col) [m[pivot], m[col]] = [m[col]!, m[pivot]!];
    const prow = m[col]!;
    for (let r = col + 1; r < n; r++) {
      const row = m[r]!;
      const f = row[col]! / prow[col]!;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) row[c] = row[c]! - f * prow[c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = m[r]!;
    let s = row[n]!;
    for (let c = r + 1; c < n; c++) s -= row[c]! * x[c]!;
    x[r] = s / row[r]!;
  }
  return x;
}

export interface WlsFit {
  /** Intercept first (when fitted), then one coefficient per column of X. */
  coefficients: number[];
  fitted: number[];
  /** y − fitted */
  residuals: number[];
  /** Σ wᵢ rᵢ² */
  weightedRss: number;
  /** Residual degrees of freedom: n − number of coefficients. */
  df: number;
  /** √(weightedRss / Σw) — the weighted root-mean-square residual. */
  rmse: number;
}

/**
 * Weighted least squares: minimise Σ wᵢ (yᵢ − xᵢ·β)² by solving the normal equations
 * (XᵀWX) β = XᵀWy with Gaussian elimination. `x[i]` is the row of predictors of observation i;
 * with `intercept` (default) a column of ones is prepended. Weights default to 1; rows with
 * weight 0 do not influence the fit. Returns null when XᵀWX is singular (e.g. a constant
 * predictor) or there are fewer positive-weight rows than coefficients.
 */
export function weightedLeastSquares(
  x: readonly (readonly number[])[],
  y: readonly number[],
  w?: readonly number[],
  options: { intercept?: boolean } = {},
): WlsFit | null {
  const intercept = options.intercept ?? true;
  const n = y.length;
  if (x.length !== n || (w && w.length !== n)) throw new RangeError('weightedLeastSquares: lengths differ');
  const rows = x.map((r) => (intercept ? [1, ...r] : [...r]));
  const p = rows[0]?.length ?? (intercept ? 1 : 0);
  if (p === 0) return null;
  const weights = w ?? new Array<number>(n).fill(1);
  if (weights.some((v) => !(v >= 0) || !Number.isFinite(v)))
    throw new RangeError('weightedLeastSquares: weights must be ≥ 0');
  if (weights.filter((v) => v > 0).length < p) return null;
  const xtwx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const xtwy = new Array<number>(p).fill(0);
  for (let i = 0; i < n; i++) {
    const wi = weights[i]!;
    if (wi === 0) continue;
    const r = rows[i]!;
    for (let j = 0; j < p; j++) {
      xtwy[j] = xtwy[j]! + wi * r[j]! * y[i]!;
      const row = xtwx[j]!;
      for (let k = 0; k < p; k++) row[k] = row[k]! + wi * r[j]! * r[k]!;
    }
  }
  const beta = solveLinearSystem(xtwx, xtwy);
  if (!beta) return null;
  const fitted = rows.map((r) => r.reduce((s, v, j) => s + v * beta[j]!, 0));
  const residuals = y.map((v, i) => v - fitted[i]!);
  const weightedRss = residuals.reduce((s, r, i) => s + weights[i]! * r * r, 0);
  const sw = weights.reduce((s, v) => s + v, 0);
  return {
    coefficients: beta,
    fitted,
    residuals,
    weightedRss,
    df: weights.filter((v) => v > 0).length - p,
    rmse: sw > 0 ? Math.sqrt(weightedRss / sw) : 0,
  };
}

/** Simple weighted linear regression y = a + b·x. Null when x is constant (over positive weights). */
export function simpleWeightedRegression(
  x: readonly number[],
  y: readonly number[],
  w?: readonly number[],
): { intercept: number; slope: number; fit: WlsFit } | null {
  const fit = weightedLeastSquares(
    x.map((v) => [v]),
    y,
    w,
  );
  if (!fit) return null;
  return { intercept: fit.coefficients[0]!, slope: fit.coefficients[1]!, fit };
}

export function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('mean of an empty list');
  return sum(values) / values.length;
}

export function weightedMean(values: readonly number[], weights: readonly number[]): number {
  const sw = sum(weights);
  if (!(sw > 0)) throw new RangeError('weightedMean: the weights sum to zero');
  return values.reduce((s, v, i) => s + v * weights[i]!, 0) / sw;
}

/** Population standard deviation (divisor n). */
export function standardDeviation(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) * (v - m), 0) / values.length);
}

/**
 * z-scores (v − mean) / sd with the population sd. When sd = 0 (all values equal, or a single
 * value) every z is 0: the values carry no information about differences between schools.
 */
export function zScores(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const m = mean(values);
  const sd = standardDeviation(values);
  return values.map((v) => (sd > 0 ? (v - m) / sd : 0));
}

/**
 * Quantile with linear interpolation between order statistics (Hyndman–Fan type 7, the default of
 * R and of spreadsheet PERCENTILE): h = (n − 1)·p, q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
 */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('quantile of an empty list');
  if (!(p >= 0 && p <= 1)) throw new RangeError('quantile: p must be in [0, 1]');
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

/**
 * Empirical-Bayes shrinkage of school proportions (beta-binomial model).
 *
 * Model: school i has a true share θᵢ ~ Beta(M·mᵢ, M·(1 − mᵢ)) around its model expectation mᵢ,
 * and kᵢ ~ Binomial(nᵢ, θᵢ). The prior strength M ("pseudo-participants") is common to all
 * schools. With ρ = 1/(M + 1) (the intra-school correlation), the beta-binomial gives
 *   E[(k/n − m)²] = m(1 − m)·(1/n + (1 − 1/n)·ρ),
 * so the method-of-moments estimate over schools is
 *   ρ̂ = Σᵢ[(kᵢ/nᵢ − mᵢ)² − mᵢ(1 − mᵢ)/nᵢ] / Σᵢ mᵢ(1 − mᵢ)(1 − 1/nᵢ),
 * clipped to [RHO_MIN, 1 − RHO_MIN], and M̂ = 1/ρ̂ − 1. The posterior mean is
 *   θ̂ᵢ = (kᵢ + M̂·mᵢ) / (nᵢ + M̂),
 * i.e. the observed share weighted by nᵢ/(nᵢ + M̂) and the expectation by M̂/(nᵢ + M̂): small
 * schools move more towards the expectation than large ones. When ρ̂ ≤ 0 (no spread beyond binomial
 * noise) M̂ is at its maximum and every school is pulled almost fully to the model.
 */
export const RHO_MIN = 1e-6;

export interface ShrinkageItem {
  k: number;
  n: number;
  /** The prior mean (model expectation), in (0, 1). */
  prior: number;
}

export interface PriorStrength {
  rho: number;
  strength: number;
}

/** Method-of-moments prior strength; null when fewer than two items have n ≥ 2. */
export function estimatePriorStrength(items: readonly ShrinkageItem[]): PriorStrength | null {
  let num = 0;
  let den = 0;
  let used = 0;
  for (const { k, n, prior } of items) {
    if (!(n >= 2)) continue;
    const m = clampProbability(prior);
    const v = m * (1 - m);
    const d = k / n - m;
    num += d * d - v / n;
    den += v * (1 - 1 / n);
    used++;
  }
  if (used < 2 || !(den > 0)) return null;
  const rho = Math.min(1 - RHO_MIN, Math.max(RHO_MIN, num / den));
  return { rho, strength: 1 / rho - 1 };
}

/** Posterior mean (k + M·m) / (n + M). */
export function shrinkProportion(k: number, n: number, prior: number, strength: number): number {
  const m = clampProbability(prior);
  return (k + strength * m) / (n + strength);
}

/** Keep a probability used as a prior mean away from 0 and 1. */
export function clampProbability(p: number, eps = 1e-3): number {
  return Math.min(1 - eps, Math.max(eps, p));
}

/**
 * P(X ≥ k) for X ~ Binomial(n, p), summed exactly in log space (fine for n up to ~10⁶).
 */
export function binomialUpperTail(k: number, n: number, p = 0.5): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const lq = Math.log(1 - p);
  const ratio = Math.log(p) - lq;
  let logPmf = n * lq; // i = 0
  const logs: number[] = [];
  for (let i = 0; i <= n; i++) {
    if (i >= k) logs.push(logPmf);
    logPmf += Math.log((n - i) / (i + 1)) + ratio;
  }
  const max = logs.reduce((a, b) => (b > a ? b : a), -Infinity);
  const s = logs.reduce((acc, l) => acc + Math.exp(l - max), 0);
  return Math.min(1, Math.exp(max) * s);
}
