import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  binomialUpperTail,
  estimatePriorStrength,
  quantile,
  shrinkProportion,
  simpleWeightedRegression,
  solveLinearSystem,
  standardDeviation,
  weightedLeastSquares,
  wilsonInterval,
  wilsonLower,
  zScores,
} from './stats.js';

describe('wilsonInterval', () => {
  it.each([
    // k, n, lower, upper (hand-computed with z = 1.959964)
    [2, 3, 0.207659, 0.938507],
    [5, 10, 0.236593, 0.763407],
    [0, 10, 0, 0.277533],
    [10, 10, 0.722467, 1],
  ])('%i of %i', (k, n, lo, hi) => {
    const w = wilsonInterval(k, n);
    expect(w.lower).toBeCloseTo(lo, 5);
    expect(w.upper).toBeCloseTo(hi, 5);
  });
  it('gives [0, 1] without participants', () => {
    expect(wilsonInterval(0, 0)).toEqual({ lower: 0, upper: 1 });
  });
  it('has the lower bound that wilsonLower gives alone, to the last bit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (a, b) => {
        const [k, n] = a <= b ? [a, b] : [b, a];
        expect(Object.is(wilsonLower(k, n), wilsonInterval(k, n).lower)).toBe(true);
      }),
    );
  });
});

describe('solveLinearSystem', () => {
  it('solves a system that needs pivoting', () => {
    const x = solveLinearSystem(
      [
        [2, 1, -1],
        [-3, -1, 2],
        [-2, 1, 2],
      ],
      [8, -11, -3],
    );
    expect(x).not.toBeNull();
    expect(x![0]).toBeCloseTo(2, 10);
    expect(x![1]).toBeCloseTo(3, 10);
    expect(x![2]).toBeCloseTo(-1, 10);
  });
  it('returns null for a singular system', () => {
    expect(
      solveLinearSystem(
        [
          [1, 2],
          [2, 4],
        ],
        [3, 6],
      ),
    ).toBeNull();
  });
  it('solves with a zero on the diagonal', () => {
    expect(
      solveLinearSystem(
        [
          [0, 1],
          [1, 0],
        ],
        [2, 3],
      ),
    ).toEqual([3, 2]);
  });
});

describe('weighted least squares', () => {
  it('matches the hand-solved normal equations', () => {
    // Σw=4, Σwx=5, Σwx²=9, Σwy=8, Σwxy=11 → a = 17/11, b = 4/11.
    const r = simpleWeightedRegression([0, 1, 2], [1, 3, 2], [1, 1, 2])!;
    expect(r.intercept).toBeCloseTo(17 / 11, 12);
    expect(r.slope).toBeCloseTo(4 / 11, 12);
    // Residuals: 1 − 17/11, 3 − 21/11, 2 − 25/11.
    expect(r.fit.residuals[0]).toBeCloseTo(-6 / 11, 12);
    expect(r.fit.residuals[1]).toBeCloseTo(12 / 11, 12);
    expect(r.fit.residuals[2]).toBeCloseTo(-3 / 11, 12);
    expect(r.fit.df).toBe(1);
  });
  it('unweighted simple regression equals ordinary least squares', () => {
    // x = 1..4, y = 2, 4, 5, 4: x̄ = 2.5, ȳ = 3.75
    const r = simpleWeightedRegression([1, 2, 3, 4], [2, 4, 5, 4])!;
    // Sxx = 5, Sxy = (−1.5)(−1.75)+(−0.5)(0.25)+(0.5)(1.25)+(1.5)(0.25) = 3.5 → b = 0.7
    expect(r.slope).toBeCloseTo(0.7, 12);
    expect(r.intercept).toBeCloseTo(3.75 - 0.7 * 2.5, 12);
  });
  it('recovers the coefficients of an exact multiple regression', () => {
    const x = [
      [0, 0],
      [1, 0],
      [0, 1],
      [2, 3],
      [4, 1],
      [3, 5],
    ];
    const y = x.map(([a, b]) => 1 + 2 * a! - 3 * b!);
    const fit = weightedLeastSquares(x, y, [1, 2, 3, 1, 2, 3])!;
    expect(fit.coefficients[0]).toBeCloseTo(1, 10);
    expect(fit.coefficients[1]).toBeCloseTo(2, 10);
    expect(fit.coefficients[2]).toBeCloseTo(-3, 10);
    expect(fit.weightedRss).toBeCloseTo(0, 10);
  });
  it('ignores rows with weight 0', () => {
    const r = simpleWeightedRegression([0, 1, 2, 3], [0, 1, 2, 100], [1, 1, 1, 0])!;
    expect(r.slope).toBeCloseTo(1, 12);
    expect(r.intercept).toBeCloseTo(0, 12);
  });
  it('returns null for a constant predictor', () => {
    expect(simpleWeightedRegression([1, 1, 1], [1, 2, 3])).toBeNull();
  });
});

describe('quantile (type 7)', () => {
  it.each([
    [[1, 2, 3, 4], 0.25, 1.75],
    [[4, 3, 2, 1], 0.75, 3.25],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4, 5], 0.75, 4],
    [[7], 0.75, 7],
    [[1, 2, 3], 0, 1],
    [[1, 2, 3], 1, 3],
  ])('%j at %f is %f', (xs, p, q) => {
    expect(quantile(xs, p)).toBeCloseTo(q, 12);
  });
  it('throws on an empty list', () => {
    expect(() => quantile([], 0.5)).toThrow();
  });
});

describe('z-scores', () => {
  it('uses the population standard deviation', () => {
    expect(standardDeviation([1, 2, 3])).toBeCloseTo(Math.sqrt(2 / 3), 12);
    const z = zScores([1, 2, 3]);
    expect(z[0]).toBeCloseTo(-1.224745, 6);
    expect(z[1]).toBeCloseTo(0, 12);
    expect(z[2]).toBeCloseTo(1.224745, 6);
  });
  it('gives zeros when all values are equal', () => {
    expect(zScores([5, 5, 5])).toEqual([0, 0, 0]);
  });
});

describe('empirical-Bayes shrinkage', () => {
  it('estimates the prior strength by the method of moments (hand-computed)', () => {
    // r² = 0.09 each, m(1−m)/n = 0.025 → num = 2·0.065 = 0.13; den = 2·0.25·0.9 = 0.45
    // ρ = 0.13/0.45 = 0.288889, M = 1/ρ − 1 = 2.461538
    const s = estimatePriorStrength([
      { k: 8, n: 10, prior: 0.5 },
      { k: 2, n: 10, prior: 0.5 },
    ])!;
    expect(s.rho).toBeCloseTo(0.288889, 6);
    expect(s.strength).toBeCloseTo(2.461538, 6);
    // (8 + 2.461538·0.5) / (10 + 2.461538) = 0.740741
    expect(shrinkProportion(8, 10, 0.5, s.strength)).toBeCloseTo(0.740741, 6);
  });
  it('pulls small schools more than large ones', () => {
    const small = shrinkProportion(5, 10, 0.2, 20);
    const large = shrinkProportion(500, 1000, 0.2, 20);
    expect(Math.abs(small - 0.2)).toBeLessThan(Math.abs(large - 0.2));
    expect(small).toBeCloseTo((5 + 4) / 30, 12);
  });
  it('has maximal strength when there is no spread beyond binomial noise', () => {
    const s = estimatePriorStrength([
      { k: 5, n: 10, prior: 0.5 },
      { k: 5, n: 10, prior: 0.5 },
    ])!;
    expect(s.rho).toBeCloseTo(1e-6, 12);
    expect(s.strength).toBeGreaterThan(1e5);
  });
  it('needs two schools with at least two participants', () => {
    expect(estimatePriorStrength([{ k: 1, n: 10, prior: 0.5 }])).toBeNull();
  });
});

describe('binomialUpperTail', () => {
  it('matches exact values', () => {
    expect(binomialUpperTail(8, 10)).toBeCloseTo(56 / 1024, 12);
    expect(binomialUpperTail(10, 10)).toBeCloseTo(1 / 1024, 12);
    expect(binomialUpperTail(0, 10)).toBe(1);
    expect(binomialUpperTail(11, 10)).toBe(0);
    expect(binomialUpperTail(2, 3, 0.2)).toBeCloseTo(3 * 0.04 * 0.8 + 0.008, 12);
  });
  it('is about one half at the median of a large sample', () => {
    const p = binomialUpperTail(5000, 10000);
    expect(p).toBeGreaterThan(0.5);
    expect(p).toBeLessThan(0.51);
  });
});
