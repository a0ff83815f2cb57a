import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildModel,
  fitMeanScoreModel,
  fitShareModel,
  rowMean,
  schoolMeanScoreZ,
  type ShareModelItem,
} from './model.js';
import { DEFAULT_PARAMS, IdentificationParamsSchema } from './params.js';
import type { ResultAggregate } from './types.js';
import type { SchoolContext } from './context.js';

/** Deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function binomial(n: number, p: number, rand: () => number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rand() < p) k++;
  return k;
}

describe('share model', () => {
  it('recovers a known slope on synthetic data', () => {
    const rand = rng(42);
    const items: ShareModelItem[] = [];
    for (let i = 0; i < 200; i++) {
      const index = -2 + 4 * rand();
      const n = 50 + Math.floor(250 * rand());
      const p = 0.2 + 0.05 * index;
      items.push({
        schoolId: i + 1,
        index,
        participants: n,
        belowMin: binomial(n, p, rand),
        unfavourable: index > 1,
      });
    }
    const { fit } = fitShareModel(items, DEFAULT_PARAMS);
    expect(fit!.slope).toBeCloseTo(0.05, 2);
    expect(fit!.intercept).toBeCloseTo(0.2, 2);
    expect(Math.abs(fit!.slope - 0.05)).toBeLessThan(0.006);
  });

  it('recovers any slope exactly when the shares lie on a line (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 0.6, noNaN: true }),
        fc.double({ min: -0.08, max: 0.08, noNaN: true }),
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 3, maxLength: 30 }),
        (a, b, xs) => {
          fc.pre(Math.max(...xs) - Math.min(...xs) > 0.5);
          const n = 100000;
          const items = xs.map((x, i) => ({
            schoolId: i,
            index: x,
            participants: n,
            belowMin: Math.round((a + b * x) * n),
            unfavourable: false,
          }));
          const { fit } = fitShareModel(items, DEFAULT_PARAMS);
          expect(fit!.slope).toBeCloseTo(b, 3);
          expect(fit!.intercept).toBeCloseTo(a, 3);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('shrinks small schools more and orients residuals so that positive is better', () => {
    const rand = rng(7);
    const items: ShareModelItem[] = [];
    for (let i = 0; i < 60; i++) {
      const index = -2 + 4 * rand();
      const n = 100;
      items.push({
        schoolId: i,
        index,
        participants: n,
        belowMin: binomial(n, 0.25 + 0.04 * index + (rand() - 0.5) * 0.1, rand),
        unfavourable: false,
      });
    }
    // Two schools with the same observed share 60 % at index 0: one small, one large.
    items.push({ schoolId: 1000, index: 0, participants: 10, belowMin: 6, unfavourable: false });
    items.push({ schoolId: 1001, index: 0, participants: 500, belowMin: 300, unfavourable: false });
    const { fit, schools } = fitShareModel(items, DEFAULT_PARAMS);
    expect(fit!.priorStrength).not.toBeNull();
    const small = schools.find((s) => s.schoolId === 1000)!;
    const large = schools.find((s) => s.schoolId === 1001)!;
    expect(Math.abs(small.shrunken! - small.expected!)).toBeLessThan(
      Math.abs(large.shrunken! - large.expected!),
    );
    expect(large.residual!).toBeLessThan(0);
    expect(large.residualZ!).toBeLessThan(-1);
    expect(large.belowExpected).toBe(true);
    expect(small.residual).toBeCloseTo(small.expected! - small.shrunken!, 12);
  });

  it('classifies below_expected and resilient on a small hand-made region', () => {
    // Shares rise with the index along a line, except school 5 (worse) and school 6 (better).
    const base = (id: number, index: number, k: number, unfavourable: boolean): ShareModelItem => ({
      schoolId: id,
      index,
      participants: 100,
      belowMin: k,
      unfavourable,
    });
    const items = [
      base(1, -1, 10, false),
      base(2, -0.5, 15, false),
      base(3, 0, 20, false),
      base(4, 0.5, 25, false),
      base(5, 1, 60, false), // far worse than expected
      base(6, 1.5, 5, true), // far better than expected, unfavourable
      base(7, 2, 40, true),
    ];
    const { schools } = fitShareModel(
      items,
      IdentificationParamsSchema.parse({ model: { shrinkage: false } }),
    );
    const by = (id: number) => schools.find((s) => s.schoolId === id)!;
    expect(by(5).belowExpected).toBe(true);
    expect(by(6).resilient).toBe(true);
    expect(by(6).resilientBy).toEqual(['top_quarter', 'residual']);
    expect(by(7).resilient).toBe(false);
    expect(by(3).belowExpected).toBe(false);
    expect(by(1).resilient).toBe(false); // top quarter but not unfavourable
    expect(by(1).topQuarter).toBe(true);
    expect(by(6).shrunken).toBe(0.05); // no shrinkage
  });

  it('marks statuses: no results, no index, insufficient, and too few schools', () => {
    const items: ShareModelItem[] = [
      { schoolId: 1, index: 0, participants: 50, belowMin: 10, unfavourable: false },
      { schoolId: 2, index: 1, participants: 50, belowMin: 20, unfavourable: false },
      { schoolId: 3, index: 2, participants: 5, belowMin: 3, unfavourable: true },
      { schoolId: 4, index: null, participants: 50, belowMin: 3, unfavourable: null },
      { schoolId: 5, index: 1, participants: 0, belowMin: 0, unfavourable: false },
    ];
    const r = fitShareModel(items, DEFAULT_PARAMS);
    expect(r.schools.map((s) => s.status)).toEqual(['ok', 'ok', 'insufficient', 'no_index', 'no_results']);
    expect(r.schools[2]!.belowExpected).toBe(false);
    const few = fitShareModel(items.slice(0, 2), DEFAULT_PARAMS);
    expect(few.fit).toBeNull();
    expect(few.unavailable).toBe('too_few_schools');
    expect(few.schools.map((s) => s.status)).toEqual(['model_unavailable', 'model_unavailable']);
  });

  it('falls back to the intercept-only model when the index is constant', () => {
    const items = [1, 2, 3].map((id) => ({
      schoolId: id,
      index: 0.5,
      participants: 100,
      belowMin: 10 * id,
      unfavourable: false,
    }));
    const { fit } = fitShareModel(items, DEFAULT_PARAMS);
    expect(fit!.degenerate).toBe(true);
    expect(fit!.slope).toBe(0);
    expect(fit!.intercept).toBeCloseTo(0.2, 12);
  });
});

describe('mean-score model', () => {
  const r = (
    schoolId: number,
    procedure: ResultAggregate['procedure'],
    subject: string,
    grade: number | null,
    participants: number,
    meanScore: number | null,
    marks?: ResultAggregate['marks'],
  ): ResultAggregate => ({
    schoolId,
    procedure,
    subject,
    grade,
    year: 2024,
    participants,
    belowMin: 0,
    meanScore,
    marks,
  });

  it('computes the ВПР mean mark from the marks when the mean is missing', () => {
    expect(rowMean(r(1, 'VPR', 'ru', 5, 10, null, { 2: 1, 3: 2, 4: 3, 5: 4 }))).toBeCloseTo(4, 12);
    expect(rowMean(r(1, 'EGE', 'ru', 11, 10, 61.5))).toBe(61.5);
    expect(rowMean(r(1, 'EGE', 'ru', 11, 10, null))).toBeNull();
  });

  it('standardises per procedure, subject and grade, then averages by participants', () => {
    const results = [
      r(1, 'EGE', 'ru', 11, 10, 60),
      r(2, 'EGE', 'ru', 11, 10, 70),
      r(1, 'VPR', 'math', 5, 30, 3.0),
      r(2, 'VPR', 'math', 5, 10, 4.0),
    ];
    const z = schoolMeanScoreZ(results, 2024, DEFAULT_PARAMS);
    // each group has z = −1 / +1; school 1: (−1·10 − 1·30)/40 = −1
    expect(z.get(1)).toEqual({ z: -1, participants: 40 });
    expect(z.get(2)).toEqual({ z: 1, participants: 20 });
  });

  it('finds groups and schools the same way for any grade and any school id', () => {
    // grades beyond the table of groups and ids too sparse for the table of schools take maps
    const results = [
      r(1, 'EGE', 'ru', 11, 10, 60),
      r(2, 'EGE', 'ru', 11, 12, 70),
      r(3, 'EGE', 'ru', 11, 9, 64),
      r(1, 'VPR', 'math', 5, 30, 3.0),
      r(2, 'VPR', 'math', 5, 10, 4.0),
      r(3, 'VPR', 'math', 5, 20, 3.7),
    ];
    const z = schoolMeanScoreZ(results, 2024, DEFAULT_PARAMS);
    const far = 2_000_000_000;
    const moved = results.map((x) => ({ ...x, schoolId: x.schoolId + far, grade: x.grade! + 300 }));
    const zMoved = schoolMeanScoreZ(moved, 2024, DEFAULT_PARAMS);
    expect([...zMoved]).toEqual([...z].map(([id, v]) => [id + far, v]));
  });

  it('recovers a known slope of standardised mean scores', () => {
    const items = [-2, -1, 0, 1, 2].map((x, i) => ({
      schoolId: i,
      index: x,
      z: 0.3 - 0.4 * x,
      participants: 50,
    }));
    const m = fitMeanScoreModel(items, DEFAULT_PARAMS)!;
    expect(m.fit.slope).toBeCloseTo(-0.4, 12);
    expect(m.fit.intercept).toBeCloseTo(0.3, 12);
  });

  it('attaches mean-score figures in buildModel', () => {
    const results: ResultAggregate[] = [];
    const contexts: SchoolContext[] = [];
    for (let id = 1; id <= 5; id++) {
      results.push({ ...r(id, 'OGE', 'math', 9, 40, 3 + id * 0.2), belowMin: 20 - id * 3 });
      contexts.push({
        schoolId: id,
        year: 2024,
        index: 3 - id,
        reason: null,
        presentWeightShare: 1,
        missing: [],
        components: [],
        unfavourable: id === 1,
      });
    }
    const m = buildModel(2024, DEFAULT_PARAMS, [1, 2, 3, 4, 5], results, contexts);
    expect(m.share).not.toBeNull();
    expect(m.meanScore).not.toBeNull();
    expect(m.meanScore!.slope).toBeLessThan(0);
    expect(m.schools[0]!.meanScore).toMatchObject({ participants: 40 });
    expect(m.share!.slope).toBeGreaterThan(0);
  });
});
