import { describe, expect, it } from 'vitest';
import {
  boundaryPeaks,
  compareJournalMarks,
  describeBoundaryPeak,
  describeExternalMismatch,
  describeJournalComparison,
  externalMismatch,
} from './bias.js';
import type { ResultAggregate } from './types.js';

const vpr = (
  schoolId: number,
  m2: number,
  m3: number,
  m4: number,
  m5: number,
  subject = 'ru',
  grade = 8,
): ResultAggregate => ({
  schoolId,
  procedure: 'VPR',
  subject,
  grade,
  year: 2024,
  participants: m2 + m3 + m4 + m5,
  belowMin: m2,
  meanScore: null,
  marks: { 2: m2, 3: m3, 4: m4, 5: m5 },
});
const exam = (
  schoolId: number,
  procedure: 'OGE' | 'EGE',
  subject: string,
  participants: number,
  belowMin: number,
): ResultAggregate => ({
  schoolId,
  procedure,
  subject,
  grade: procedure === 'OGE' ? 9 : 11,
  year: 2024,
  participants,
  belowMin,
  meanScore: null,
});

describe('(a) ВПР marks high, external exams low', () => {
  // Four ordinary schools: ВПР 4–5 = 40 %, ОГЭ below minimum 10 %. School 1: ВПР 4–5 = 80 %, ОГЭ 30 %.
  const results = [
    vpr(1, 2, 8, 25, 15),
    exam(1, 'OGE', 'ru', 50, 15),
    ...[2, 3, 4, 5].flatMap((id) => [vpr(id, 6, 24, 14, 6), exam(id, 'OGE', 'ru', 50, 5)]),
  ];

  it('computes the documented score against the other schools of the region', () => {
    const out = externalMismatch(results, 2024);
    const s1 = out.find((s) => s.schoolId === 1)!;
    // q = 40/50 = 0.8; q_R = 80/200 = 0.4; z_V = 0.4/√(0.24/50)
    expect(s1.vpr.highShare).toBeCloseTo(0.8, 12);
    expect(s1.vpr.regionShare).toBeCloseTo(0.4, 12);
    expect(s1.vpr.z).toBeCloseTo(0.4 / Math.sqrt(0.24 / 50), 10);
    // f = 0.3, f_R = 0.1: z_E = (15 − 5)/√(50·0.1·0.9)
    expect(s1.exam.belowShare).toBeCloseTo(0.3, 12);
    expect(s1.exam.regionShare).toBeCloseTo(0.1, 12);
    expect(s1.exam.z).toBeCloseTo(10 / Math.sqrt(4.5), 10);
    expect(s1.score).toBeCloseTo(Math.min(s1.vpr.z, s1.exam.z), 12);
    expect(s1.signal).toBe(true);
    expect(out.filter((s) => s.signal).map((s) => s.schoolId)).toEqual([1]);
  });

  it('gives no signal when the exams confirm the marks', () => {
    const confirmed = results.map((r) =>
      r.schoolId === 1 && r.procedure === 'OGE' ? { ...r, belowMin: 2 } : r,
    );
    const s1 = externalMismatch(confirmed, 2024).find((s) => s.schoolId === 1)!;
    expect(s1.exam.excess).toBeLessThan(0);
    expect(s1.signal).toBe(false);
  });

  it('matches mathematics ВПР with ЕГЭ math_base/profile through the subject groups', () => {
    const rs = [
      vpr(1, 0, 5, 25, 20, 'math', 7),
      exam(1, 'EGE', 'math_base', 20, 8),
      exam(1, 'EGE', 'math_profile', 20, 8),
      ...[2, 3, 4].flatMap((id) => [
        vpr(id, 5, 25, 15, 5, 'math', 7),
        exam(id, 'EGE', 'math_profile', 40, 4),
      ]),
    ];
    const s1 = externalMismatch(rs, 2024).find((s) => s.schoolId === 1)!;
    expect(s1.subject).toBe('math');
    expect(s1.exam.procedures).toEqual(['EGE']);
    expect(s1.exam.participants).toBe(40);
    expect(s1.signal).toBe(true);
    expect(describeExternalMismatch(s1)).toBe(
      'Сигнал (не вывод): по ВПР, математика, 7 класс, доля отметок «4» и «5» — 90,0 % при 40,0 % по региону, а доля не достигших минимума на ЕГЭ — 40,0 % при 10,0 % по региону.',
    );
  });
});

describe('(b) journal marks vs ВПР marks', () => {
  const pairs = (below: number, equal: number, above: number) => [
    ...Array.from({ length: below }, () => ({ vprMark: 4, journalMark: 3 })),
    ...Array.from({ length: equal }, () => ({ vprMark: 4, journalMark: 4 })),
    ...Array.from({ length: above }, () => ({ vprMark: 3, journalMark: 5 })),
  ];
  it('computes the shares and flags more than 40 % above', () => {
    const c = compareJournalMarks(pairs(2, 7, 11));
    expect(c).toMatchObject({ n: 20, below: 2, equal: 7, above: 11, signal: true });
    expect(c.aboveShare).toBeCloseTo(0.55, 12);
    expect(describeJournalComparison(c)).toBe(
      'Сигнал (не вывод): у 55,0 % обучающихся (11 из 20) отметка в журнале выше отметки за ВПР (граница 40 %).',
    );
  });
  it.each([
    [pairs(2, 10, 8), {}, false], // exactly 40 % is not "more than"
    [pairs(2, 9, 9), {}, true],
    [pairs(0, 2, 7), {}, false], // too few pairs
    [pairs(5, 10, 5), { maxAboveShare: 0.2 }, true],
  ])('case %#', (p, options, signal) => {
    expect(compareJournalMarks(p, options).signal).toBe(signal);
  });
});

describe('(c) a peak just above a mark boundary', () => {
  const scores = (counts: Record<number, number>) =>
    Object.entries(counts).flatMap(([score, n]) => Array.from({ length: n }, () => Number(score)));

  it('flags a peak at the boundary and not a smooth distribution', () => {
    // Boundary 15: 14–13 have 5 + 5, 15–16 have 25 + 15.
    const peaked = scores({ 11: 6, 12: 6, 13: 5, 14: 5, 15: 25, 16: 15, 17: 8, 18: 8 });
    const [p] = boundaryPeaks(peaked, [15]);
    expect(p).toMatchObject({ boundary: 15, above: 40, below: 10, ratio: 4 });
    expect(p!.pValue).toBeLessThan(1e-4);
    expect(p!.signal).toBe(true);
    expect(describeBoundaryPeak(p!)).toBe(
      'Сигнал (не вывод): у границы отметки (15 первичных баллов) работ с баллом от 15 до 16 — 40, от 13 до 14 — 10 (отношение 4,00, p < 0,001).',
    );

    const smooth = scores({ 11: 8, 12: 9, 13: 10, 14: 11, 15: 12, 16: 12, 17: 11 });
    expect(boundaryPeaks(smooth, [15])[0]!.signal).toBe(false);
  });

  it('uses the exact one-sided binomial test', () => {
    // above 8, below 2 → P(X ≥ 8 | n = 10) = 56/1024
    const [p] = boundaryPeaks(scores({ 8: 1, 9: 1, 10: 4, 11: 4 }), [10]);
    expect(p!.pValue).toBeCloseTo(56 / 1024, 12);
    expect(p!.signal).toBe(false); // p ≥ 0.01
    expect(boundaryPeaks(scores({ 8: 1, 9: 1, 10: 4, 11: 4 }), [10], { alpha: 0.1 })[0]!.signal).toBe(true);
  });

  it('handles several boundaries and an empty window below', () => {
    const out = boundaryPeaks(scores({ 5: 12, 6: 3, 20: 2 }), [22, 5]);
    expect(out.map((p) => p.boundary)).toEqual([5, 22]);
    expect(out[0]).toMatchObject({ above: 15, below: 0, ratio: null, signal: true });
    expect(out[1]).toMatchObject({ above: 0, below: 2, pValue: 1, signal: false });
  });
});
