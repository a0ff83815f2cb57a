import { describe, expect, it } from 'vitest';
import { computeContext } from './context.js';
import { IdentificationParamsSchema, type IdentificationParamsInput } from './params.js';
import type { ContextRow, SchoolInfo } from './types.js';

const Y = 2024;
const school = (id: number, extra: Partial<SchoolInfo> = {}): SchoolInfo => ({
  id,
  municipalityId: 1,
  isSmall: false,
  locality: 'urban',
  ...extra,
});
const ctx = (p: IdentificationParamsInput['context'] = {}) =>
  IdentificationParamsSchema.parse({ context: p }).context;
const rowOf = (schoolId: number, values: Record<string, number | null>, year = Y): ContextRow => ({
  schoolId,
  year,
  values,
});
const SD3 = Math.sqrt(200 / 3); // population sd of 10, 20, 30

describe('context index', () => {
  it('standardises one indicator across the schools of the year', () => {
    const out = computeContext(
      Y,
      [school(1), school(2), school(3)],
      [
        rowOf(1, { low_income: 10 }),
        rowOf(2, { low_income: 20 }),
        rowOf(3, { low_income: 30 }),
        rowOf(3, { low_income: 99 }, Y - 1),
      ],
      ctx({ weights: { low_income: 1 } }),
    );
    expect(out.schools.map((s) => s.index)).toEqual([
      expect.closeTo(-10 / SD3, 10),
      expect.closeTo(0, 10),
      expect.closeTo(10 / SD3, 10),
    ]);
    expect(out.standardisation).toEqual([
      { code: 'low_income', mean: 20, sd: expect.closeTo(SD3, 10), n: 3 },
    ]);
  });

  it('sums weighted z-scores; a negative weight reverses the direction', () => {
    const out = computeContext(
      Y,
      [school(1), school(2), school(3)],
      [
        rowOf(1, { low_income: 10, parents_higher_ed: 30 }),
        rowOf(2, { low_income: 20, parents_higher_ed: 20 }),
        rowOf(3, { low_income: 30, parents_higher_ed: 10 }),
      ],
      ctx({ weights: { low_income: 1, parents_higher_ed: -1 } }),
    );
    // school 3: z(low_income) = +1.2247, z(parents_higher_ed) = −1.2247 → 1·1.2247 − 1·(−1.2247)
    expect(out.schools[2]!.index).toBeCloseTo((2 * 10) / SD3, 10);
    expect(out.schools[0]!.index).toBeCloseTo((-2 * 10) / SD3, 10);
  });

  it('re-weights over the indicators present', () => {
    const out = computeContext(
      Y,
      [school(1), school(2), school(3)],
      [
        rowOf(1, { low_income: 10, parents_higher_ed: 30 }),
        rowOf(2, { low_income: 20, parents_higher_ed: 20 }),
        rowOf(3, { low_income: 30, parents_higher_ed: null }),
      ],
      ctx({ weights: { low_income: 1, parents_higher_ed: -1 } }),
    );
    const s3 = out.schools[2]!;
    // only low_income (weight 1 of 2): index = 1·z · 2/1
    expect(s3.index).toBeCloseTo((2 * 10) / SD3, 10);
    expect(s3.presentWeightShare).toBe(0.5);
    expect(s3.missing).toEqual(['parents_higher_ed']);
    expect(s3.reason).toBeNull();
  });

  it('gives null with a reason when less than half of the weight is present', () => {
    const out = computeContext(
      Y,
      [school(1), school(2)],
      [rowOf(1, { low_income: 10, parents_higher_ed: 30, ovz: 2 }), rowOf(2, { ovz: 3 })],
      ctx({ weights: { low_income: 1, parents_higher_ed: -1, ovz: 0.5 } }),
    );
    expect(out.schools[1]).toMatchObject({
      index: null,
      reason: 'insufficient_indicators',
      unfavourable: null,
      missing: ['low_income', 'parents_higher_ed'],
    });
    expect(out.schools[1]!.presentWeightShare).toBeCloseTo(0.5 / 2.5, 12);
  });

  it('gives null without a context row', () => {
    const out = computeContext(Y, [school(1), school(2)], [rowOf(1, { low_income: 10 })], ctx());
    expect(out.schools[1]).toMatchObject({ index: null, reason: 'no_row', unfavourable: null });
  });

  it('marks the top quarter as unfavourable (type-7 quartile, ties included)', () => {
    const schools = [1, 2, 3, 4, 5].map((id) => school(id));
    const out = computeContext(
      Y,
      schools,
      schools.map((s) => rowOf(s.id, { low_income: s.id * 10 })),
      ctx({ weights: { low_income: 1 } }),
    );
    // z of 10..50 = (−2, −1, 0, 1, 2)/√2; the 75th percentile is the 4th value.
    expect(out.cutoff).toBeCloseTo(1 / Math.SQRT2, 10);
    expect(out.schools.map((s) => s.unfavourable)).toEqual([false, false, false, true, true]);
  });

  it("uses a fixed index threshold with the 'threshold' rule", () => {
    const schools = [1, 2, 3].map((id) => school(id));
    const out = computeContext(
      Y,
      schools,
      schools.map((s) => rowOf(s.id, { low_income: s.id * 10 })),
      ctx({ weights: { low_income: 1 }, unfavourable: { rule: 'threshold', value: 0 } }),
    );
    expect(out.cutoff).toBe(0);
    expect(out.schools.map((s) => s.unfavourable)).toEqual([false, true, true]);
  });

  it('takes rural and small_school from the school card when weighted', () => {
    const out = computeContext(
      Y,
      [school(1, { locality: 'rural' }), school(2), school(3, { isSmall: true })],
      [rowOf(1, { low_income: 10 }), rowOf(2, { low_income: 10 }), rowOf(3, { low_income: 10 })],
      ctx({ weights: { low_income: 1, rural: 1 } }),
    );
    expect(out.schools[0]!.components.find((c) => c.code === 'rural')!.value).toBe(100);
    expect(out.schools[0]!.index!).toBeGreaterThan(out.schools[1]!.index!);
    // low_income is constant → z = 0 for everybody
    expect(out.schools[0]!.components.find((c) => c.code === 'low_income')!.z).toBe(0);
  });

  it('uses the default weights', () => {
    const schools = [1, 2, 3, 4].map((id) => school(id));
    const out = computeContext(
      Y,
      schools,
      schools.map((s) =>
        rowOf(s.id, {
          low_income: 10 * s.id,
          single_parent: 10,
          parents_higher_ed: 50 - 5 * s.id,
          ovz: 2,
          disabled: 1,
          registered: s.id,
          non_russian: 0,
        }),
      ),
      ctx(),
    );
    const idx = out.schools.map((s) => s.index!);
    expect(idx[0]).toBeLessThan(idx[1]!);
    expect(idx[1]).toBeLessThan(idx[2]!);
    expect(idx[2]).toBeLessThan(idx[3]!);
    // all indicators are linear in id: z = (−3, −1, 1, 3)/√5; index = z·(1 + 1 + 0.75)
    expect(idx[3]).toBeCloseTo((3 / Math.sqrt(5)) * 2.75, 10);
  });
});
