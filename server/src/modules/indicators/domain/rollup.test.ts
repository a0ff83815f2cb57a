import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rollUp, sumFigure, valueOf } from './rollup.js';
import type { Contribution } from './types.js';

const c = (
  schoolId: number | null,
  municipalityId: number | null,
  numerator: number,
  denominator: number,
): Contribution => ({
  schoolId,
  municipalityId,
  numerator,
  denominator,
  basis: [],
});
const missing = (
  schoolId: number,
  municipalityId: number,
  key = 'indicators.noData.noResults',
): Contribution => ({
  ...c(schoolId, municipalityId, 0, 0),
  noData: { key, params: { year: 2024 } },
});

describe('rollUp', () => {
  it('sums numerators and denominators per school, municipality and in total', () => {
    const r = rollUp(
      [c(1, 10, 1, 1), c(2, 10, 0, 1), missing(3, 20), c(4, 20, 1, 1), c(null, null, 3, 4)],
      'percent',
    );
    expect(r.total).toEqual({ numerator: 5, denominator: 7, value: (100 * 5) / 7, counted: 4, missing: 1 });
    expect(r.byMunicipality).toEqual([
      { municipalityId: 10, figure: { numerator: 1, denominator: 2, value: 50, counted: 2, missing: 0 } },
      { municipalityId: 20, figure: { numerator: 1, denominator: 1, value: 100, counted: 1, missing: 1 } },
    ]);
    expect(r.bySchool.map((s) => [s.schoolId, s.municipalityId, s.figure.value])).toEqual([
      [1, 10, 100],
      [2, 10, 0],
      [3, 20, null],
      [4, 20, 100],
    ]);
    expect(r.bySchool[2]!.figure.noData).toEqual({
      key: 'indicators.noData.noResults',
      params: { year: 2024 },
    });
    expect(r.unattached).toEqual({ numerator: 3, denominator: 4, value: 75, counted: 1, missing: 0 });
  });

  it('never averages percentages: the total is not the mean of municipal shares', () => {
    // municipality 1: 1 of 1 school (100 %); municipality 2: 1 of 9 schools (11.1 %)
    const cs = [c(1, 1, 1, 1), ...Array.from({ length: 9 }, (_, i) => c(10 + i, 2, i === 0 ? 1 : 0, 1))];
    const r = rollUp(cs, 'percent');
    expect(r.total.value).toBe(20);
    const mean = r.byMunicipality.reduce((s, m) => s + m.figure.value!, 0) / r.byMunicipality.length;
    expect(mean).toBeCloseTo(55.56, 2);
    expect(r.total.value).not.toBeCloseTo(mean, 0);
  });

  it('values by unit; zero denominators and all-missing give null with a reason', () => {
    expect(valueOf(3, 4, 'percent')).toBe(75);
    expect(valueOf(35, 10, 'score')).toBe(3.5);
    expect(valueOf(7, 0, 'count')).toBe(7);
    expect(valueOf(2, 5, 'boolean')).toBe(1);
    expect(valueOf(0, 5, 'boolean')).toBe(0);
    expect(valueOf(1, 0, 'percent')).toBeNull();
    expect(sumFigure([c(1, 1, 0, 0)], 'percent')).toEqual({
      numerator: 0,
      denominator: 0,
      value: null,
      counted: 1,
      missing: 0,
      noData: { key: 'indicators.noData.zeroDenominator' },
    });
    // the same reason everywhere → that reason; different reasons → a summary
    expect(sumFigure([missing(1, 1), missing(2, 1)], 'percent').noData).toEqual({
      key: 'indicators.noData.noResults',
      params: { year: 2024 },
    });
    expect(
      sumFigure([missing(1, 1), missing(2, 1, 'indicators.noData.fieldNull')], 'percent').noData,
    ).toEqual({
      key: 'indicators.noData.allMissing',
      params: { missing: 2 },
    });
    expect(sumFigure([], 'count')).toMatchObject({
      value: null,
      noData: { key: 'indicators.noData.noSchools' },
    });
  });

  it('property: the parts add up to the whole', () => {
    const contribution = fc.record({
      schoolId: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
      municipalityId: fc.integer({ min: 1, max: 4 }), // a school's municipality is schoolId mod 4 + 1
      numerator: fc.integer({ min: 0, max: 50 }),
      extra: fc.integer({ min: 0, max: 50 }),
      missing: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(contribution, { maxLength: 60 }),
        fc.constantFrom('percent', 'count', 'score', 'boolean' as const),
        (raw, unit) => {
          const cs: Contribution[] = raw.map((x0) => {
            const x = {
              ...x0,
              municipalityId: x0.schoolId === null ? x0.municipalityId : (x0.schoolId % 4) + 1,
            };
            return x.missing
              ? {
                  schoolId: x.schoolId,
                  municipalityId: x.municipalityId,
                  numerator: 0,
                  denominator: 0,
                  noData: { key: 'k' },
                  basis: [],
                }
              : c(x.schoolId, x.municipalityId, x.numerator, x.numerator + x.extra);
          });
          const r = rollUp(cs, unit);
          const parts = [...r.byMunicipality.map((m) => m.figure), ...(r.unattached ? [r.unattached] : [])];
          const sum = (k: 'numerator' | 'denominator' | 'counted' | 'missing') =>
            parts.reduce((s, f) => s + f[k], 0);
          expect(sum('numerator')).toBe(r.total.numerator);
          expect(sum('denominator')).toBe(r.total.denominator);
          expect(sum('counted')).toBe(r.total.counted);
          expect(sum('missing')).toBe(r.total.missing);
          expect(r.total.counted + r.total.missing).toBe(cs.length);
          // schools add up to their municipality
          for (const m of r.byMunicipality) {
            const mine = r.bySchool.filter((s) => s.municipalityId === m.municipalityId);
            expect(mine.reduce((s, x) => s + x.figure.numerator, 0)).toBe(m.figure.numerator);
            expect(mine.reduce((s, x) => s + x.figure.denominator, 0)).toBe(m.figure.denominator);
          }
          if (unit === 'percent' && r.total.denominator > 0)
            expect(r.total.value).toBeCloseTo((100 * r.total.numerator) / r.total.denominator, 9);
          expect(r.total.value === null).toBe(r.total.noData !== undefined);
        },
      ),
    );
  });
});
