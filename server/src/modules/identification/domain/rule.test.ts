import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdentificationParamsSchema, type IdentificationParamsInput } from './params.js';
import { applyRule, type RuleStatus } from './rule.js';
import { PROCEDURES, type Procedure, type ResultAggregate } from './types.js';

const Y = 2024;

function row(
  procedure: Procedure,
  subject: string,
  year: number,
  participants: number,
  belowMin: number,
  grade: number | null = null,
  schoolId = 1,
): ResultAggregate {
  return { schoolId, procedure, subject, grade, year, participants, belowMin, meanScore: null };
}

const params = (p: IdentificationParamsInput = {}) => IdentificationParamsSchema.parse(p);

interface Case {
  name: string;
  rows: ResultAggregate[];
  params?: IdentificationParamsInput;
  status: RuleStatus;
  clauseA?: Procedure[];
  clauseB?: Procedure[];
}

const cases: Case[] = [
  // Clause А: two different procedures in Y.
  {
    name: 'А: ВПР русский + ОГЭ математика in Y',
    rows: [row('VPR', 'ru', Y, 30, 10, 5), row('OGE', 'math', Y, 20, 7, 9)],
    status: 'flagged',
    clauseA: ['VPR', 'OGE'],
  },
  {
    name: 'А: only one procedure in Y',
    rows: [row('VPR', 'ru', Y, 30, 10, 5), row('VPR', 'math', Y, 30, 12, 5)],
    status: 'not_flagged',
  },
  {
    name: 'А: one procedure in Y−1, another in Y (neither clause)',
    rows: [row('VPR', 'ru', Y - 1, 30, 10), row('OGE', 'math', Y, 20, 7)],
    status: 'not_flagged',
  },
  {
    name: 'А: three procedures',
    rows: [row('VPR', 'ru', Y, 30, 10), row('OGE', 'math', Y, 20, 7), row('EGE', 'ru', Y, 20, 8)],
    status: 'flagged',
    clauseA: ['VPR', 'OGE', 'EGE'],
  },
  {
    name: 'А: switched off',
    rows: [row('VPR', 'ru', Y, 30, 10), row('OGE', 'math', Y, 20, 7)],
    params: { clauseA: false },
    status: 'not_flagged',
  },
  {
    name: 'А: three procedures required, two given',
    rows: [row('VPR', 'ru', Y, 30, 10), row('OGE', 'math', Y, 20, 7)],
    params: { clauseAMinProcedures: 3 },
    status: 'not_flagged',
  },
  // Boundaries at 30 %.
  {
    name: 'boundary 29.9 %',
    rows: [row('VPR', 'ru', Y, 100, 40), row('OGE', 'math', Y, 1000, 299)],
    status: 'not_flagged',
  },
  {
    name: 'boundary exactly 30 % (300 of 1000)',
    rows: [row('VPR', 'ru', Y, 100, 40), row('OGE', 'math', Y, 1000, 300)],
    status: 'flagged',
    clauseA: ['VPR', 'OGE'],
  },
  {
    name: 'boundary exactly 30 % (3 of 10, 9 of 30)',
    rows: [row('VPR', 'ru', Y, 10, 3), row('OGE', 'math', Y, 30, 9)],
    status: 'flagged',
    clauseA: ['VPR', 'OGE'],
  },
  {
    name: 'boundary 30.1 %',
    rows: [row('VPR', 'ru', Y, 100, 40), row('OGE', 'math', Y, 1000, 301)],
    status: 'flagged',
    clauseA: ['VPR', 'OGE'],
  },
  {
    name: 'threshold 0.25: 29.9 % is enough',
    rows: [row('VPR', 'ru', Y, 100, 40), row('OGE', 'math', Y, 1000, 299)],
    params: { threshold: 0.25 },
    status: 'flagged',
    clauseA: ['VPR', 'OGE'],
  },
  // Clause Б: the same procedure in Y−1 and Y.
  {
    name: 'Б: ОГЭ математика in Y−1 and Y',
    rows: [row('OGE', 'math', Y - 1, 30, 10), row('OGE', 'math', Y, 20, 7)],
    status: 'flagged',
    clauseB: ['OGE'],
  },
  {
    name: 'Б: Y−2 and Y are not consecutive',
    rows: [row('OGE', 'math', Y - 2, 30, 10), row('OGE', 'math', Y, 20, 7)],
    status: 'not_flagged',
  },
  {
    name: 'Б: Y−1 met, Y below the threshold',
    rows: [row('OGE', 'math', Y - 1, 30, 10), row('OGE', 'math', Y, 20, 5)],
    status: 'not_flagged',
  },
  {
    name: 'Б: same procedure, Russian one year and mathematics the next (any)',
    rows: [row('EGE', 'ru', Y - 1, 30, 10), row('EGE', 'math_profile', Y, 20, 7)],
    status: 'flagged',
    clauseB: ['EGE'],
  },
  {
    name: 'Б: switched off',
    rows: [row('OGE', 'math', Y - 1, 30, 10), row('OGE', 'math', Y, 20, 7)],
    params: { clauseB: false },
    status: 'not_flagged',
  },
  {
    name: 'А and Б together',
    rows: [row('OGE', 'math', Y - 1, 30, 10), row('OGE', 'math', Y, 20, 7), row('VPR', 'ru', Y, 20, 7)],
    status: 'flagged',
    clauseA: ['VPR', 'OGE'],
    clauseB: ['OGE'],
  },
  // Subject modes.
  {
    name: "subjectMode 'any': Russian alone suffices",
    rows: [
      row('VPR', 'ru', Y, 20, 8),
      row('VPR', 'math', Y, 20, 2),
      row('OGE', 'ru', Y, 20, 8),
      row('OGE', 'math', Y, 20, 2),
    ],
    status: 'flagged',
    clauseA: ['VPR', 'OGE'],
  },
  {
    name: "subjectMode 'all': Russian alone is not enough",
    rows: [
      row('VPR', 'ru', Y, 20, 8),
      row('VPR', 'math', Y, 20, 2),
      row('OGE', 'ru', Y, 20, 8),
      row('OGE', 'math', Y, 20, 2),
    ],
    params: { subjectMode: 'all' },
    status: 'not_flagged',
  },
  {
    name: "subjectMode 'all': both subjects in both procedures",
    rows: [
      row('VPR', 'ru', Y, 20, 8),
      row('VPR', 'math', Y, 20, 7),
      row('OGE', 'ru', Y, 20, 8),
      row('OGE', 'math', Y, 20, 6),
    ],
    params: { subjectMode: 'all' },
    status: 'flagged',
    clauseA: ['VPR', 'OGE'],
  },
  {
    name: "subjectMode 'all': a subject without data cannot meet",
    rows: [row('VPR', 'ru', Y, 20, 8), row('OGE', 'ru', Y, 20, 8)],
    params: { subjectMode: 'all' },
    status: 'not_flagged',
  },
  // Minimum participants.
  {
    name: '9 participants: insufficient, and it could change the result',
    rows: [row('VPR', 'ru', Y, 9, 9), row('OGE', 'math', Y, 20, 8)],
    status: 'insufficient',
  },
  {
    name: '10 participants: enough',
    rows: [row('VPR', 'ru', Y, 10, 9), row('OGE', 'math', Y, 20, 8)],
    status: 'flagged',
    clauseA: ['VPR', 'OGE'],
  },
  {
    name: 'only small cells: insufficient',
    rows: [row('EGE', 'math_base', Y, 6, 3)],
    status: 'insufficient',
  },
  {
    name: 'a small cell that could not change anything',
    rows: [row('VPR', 'ru', Y, 40, 2), row('EGE', 'math', Y, 6, 3)],
    status: 'not_flagged',
  },
  {
    name: 'minParticipants 5 makes the small cell count',
    rows: [row('VPR', 'ru', Y, 9, 9), row('OGE', 'math', Y, 20, 8)],
    params: { minParticipants: 5 },
    status: 'flagged',
    clauseA: ['VPR', 'OGE'],
  },
  // Wilson mode.
  {
    name: 'tiny school, plain: 2 of 3 failed in two procedures → flagged',
    rows: [row('VPR', 'ru', Y, 3, 2), row('OGE', 'math', Y, 3, 2)],
    params: { minParticipants: 1 },
    status: 'flagged',
    clauseA: ['VPR', 'OGE'],
  },
  {
    name: 'tiny school, wilson: 2 of 3 is not enough evidence',
    rows: [row('VPR', 'ru', Y, 3, 2), row('OGE', 'math', Y, 3, 2)],
    params: { minParticipants: 1, mode: 'wilson' },
    status: 'not_flagged',
  },
  {
    name: 'large school, wilson: 40 of 100 (lower bound 30.9 %)',
    rows: [row('VPR', 'ru', Y, 100, 40), row('OGE', 'math', Y, 100, 40)],
    params: { mode: 'wilson' },
    status: 'flagged',
    clauseA: ['VPR', 'OGE'],
  },
  // Grouping of subjects and grades.
  {
    name: 'math_base + math_profile pooled to math: 4 of 20',
    rows: [
      row('VPR', 'ru', Y, 30, 12),
      row('EGE', 'math_base', Y, 10, 2),
      row('EGE', 'math_profile', Y, 10, 2),
    ],
    status: 'not_flagged',
  },
  {
    name: 'math_base + math_profile pooled to math: 6 of 20',
    rows: [
      row('VPR', 'ru', Y, 30, 12),
      row('EGE', 'math_base', Y, 10, 4),
      row('EGE', 'math_profile', Y, 10, 2),
    ],
    status: 'flagged',
    clauseA: ['VPR', 'EGE'],
  },
  {
    name: 'grades pooled: 15 of 60 in ВПР is 25 %',
    rows: [row('VPR', 'ru', Y, 30, 12, 5), row('VPR', 'ru', Y, 30, 3, 6), row('OGE', 'math', Y, 20, 8, 9)],
    status: 'not_flagged',
  },
  {
    name: 'grades per_grade: grade 5 alone qualifies',
    rows: [row('VPR', 'ru', Y, 30, 12, 5), row('VPR', 'ru', Y, 30, 3, 6), row('OGE', 'math', Y, 20, 8, 9)],
    params: { grades: 'per_grade' },
    status: 'flagged',
    clauseA: ['VPR', 'OGE'],
  },
  // Procedures and subjects outside the parameters.
  {
    name: 'municipal tests are not among the default procedures',
    rows: [row('VPR', 'ru', Y, 30, 12), row('MUNICIPAL', 'math', Y, 30, 12)],
    status: 'not_flagged',
  },
  {
    name: 'municipal tests when chosen',
    rows: [row('VPR', 'ru', Y, 30, 12), row('MUNICIPAL', 'math', Y, 30, 12)],
    params: { procedures: ['VPR', 'MUNICIPAL'] },
    status: 'flagged',
    clauseA: ['VPR', 'MUNICIPAL'],
  },
  {
    name: 'other subjects are ignored',
    rows: [row('VPR', 'ru', Y, 30, 12), row('OGE', 'bio', Y, 30, 12)],
    status: 'not_flagged',
  },
  // No data.
  { name: 'no rows at all', rows: [], status: 'no_data' },
  { name: 'rows of another school only', rows: [row('VPR', 'ru', Y, 30, 12, 5, 2)], status: 'no_data' },
  { name: 'rows of Y−2 only', rows: [row('VPR', 'ru', Y - 2, 30, 12)], status: 'no_data' },
  { name: 'rows with zero participants', rows: [row('VPR', 'ru', Y, 0, 0)], status: 'no_data' },
];

describe('the ШНОР rule (table)', () => {
  it.each(cases)('$name', (c) => {
    const r = applyRule(1, Y, c.rows, params(c.params));
    expect(r.status).toBe(c.status);
    expect(r.clauseA.procedures).toEqual(c.clauseA ?? []);
    expect(r.clauseB.procedures).toEqual(c.clauseB ?? []);
    expect(r.clauseA.holds).toBe((c.clauseA ?? []).length > 0);
    expect(r.clauseB.holds).toBe((c.clauseB ?? []).length > 0);
    expect(r.triggeringProcedures).toEqual(
      [...new Set([...(c.clauseA ?? []), ...(c.clauseB ?? [])])].sort(
        (a, b) => PROCEDURES.indexOf(a) - PROCEDURES.indexOf(b),
      ),
    );
  });
});

describe('the ШНОР rule (figures)', () => {
  it('reports every cell with its share, participants, threshold and status', () => {
    const r = applyRule(
      1,
      Y,
      [row('VPR', 'ru', Y, 34, 14, 5), row('OGE', 'math', Y, 20, 7, 9), row('EGE', 'math_base', Y, 6, 3, 11)],
      params(),
    );
    expect(r.triggers).toEqual([
      expect.objectContaining({
        procedure: 'VPR',
        subject: 'ru',
        grade: null,
        year: Y,
        participants: 34,
        belowMin: 14,
        threshold: 0.3,
        status: 'met',
      }),
      expect.objectContaining({
        procedure: 'OGE',
        subject: 'math',
        participants: 20,
        belowMin: 7,
        status: 'met',
      }),
      expect.objectContaining({
        procedure: 'EGE',
        subject: 'math',
        sourceSubjects: ['math_base'],
        participants: 6,
        status: 'insufficient',
      }),
    ]);
    expect(r.triggers[0]!.share).toBeCloseTo(14 / 34, 12);
    expect(r.procedures.find((p) => p.procedure === 'EGE' && p.year === Y)!.status).toBe('insufficient');
    expect(r.procedures.find((p) => p.procedure === 'REGIONAL' && p.year === Y)!.status).toBe('no_data');
  });
  it('keeps the grade of each cell in per_grade mode', () => {
    const r = applyRule(
      1,
      Y,
      [row('VPR', 'ru', Y, 30, 12, 5), row('VPR', 'ru', Y, 30, 3, 6)],
      params({ grades: 'per_grade' }),
    );
    expect(r.triggers.map((c) => [c.grade, c.status])).toEqual([
      [5, 'met'],
      [6, 'not_met'],
    ]);
  });

  it('adds up the rows of a cell also beside a grade out of the usual range (found field by field)', () => {
    // grade 255 does not fit the cells' numeric key: from it on, cells are matched field by field
    const r = applyRule(
      1,
      Y,
      [
        row('VPR', 'ru', Y, 30, 3, 5),
        row('VPR', 'ru', Y, 20, 10, 255),
        row('VPR', 'ru', Y, 10, 5, 5),
        row('VPR', 'ru', Y, 10, 1, 255),
        row('VPR', 'ru', Y, 10, 0, 4),
      ],
      params({ grades: 'per_grade' }),
    );
    expect(r.triggers.map((c) => [c.grade, c.participants, c.belowMin])).toEqual([
      [4, 10, 0],
      [5, 40, 8],
      [255, 30, 11],
    ]);
  });
});

// ----- properties -----

const procedureArb = fc.constantFrom<Procedure>(...PROCEDURES);
const subjectArb = fc.constantFrom('ru', 'math', 'math_base', 'math_profile', 'bio');
const rowArb = fc
  .record({
    procedure: procedureArb,
    subject: subjectArb,
    year: fc.integer({ min: Y - 2, max: Y }),
    grade: fc.constantFrom(4, 5, 9, 11, null),
    participants: fc.integer({ min: 0, max: 60 }),
    frac: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((r) =>
    row(r.procedure, r.subject, r.year, r.participants, Math.round(r.frac * r.participants), r.grade),
  );

const paramsArb = (mode: 'plain' | 'wilson' | 'both') =>
  fc
    .record({
      threshold: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
      procedures: fc.subarray([...PROCEDURES], { minLength: 1 }),
      subjectMode: fc.constantFrom('any' as const, 'all' as const),
      grades: fc.constantFrom('pooled' as const, 'per_grade' as const),
      minParticipants: fc.integer({ min: 1, max: 15 }),
      mode: mode === 'both' ? fc.constantFrom('plain' as const, 'wilson' as const) : fc.constant(mode),
      clauseA: fc.boolean(),
      clauseB: fc.boolean(),
    })
    .map((p) => params(p));

describe('properties of the rule', () => {
  it('adding a failing procedure result never removes a flag (plain mode)', () => {
    fc.assert(
      fc.property(
        paramsArb('plain'),
        fc.array(rowArb, { maxLength: 12 }),
        procedureArb,
        subjectArb,
        fc.integer({ min: Y - 2, max: Y }),
        fc.constantFrom(4, 5, 9, 11, null),
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (p, rows, procedure, subject, year, grade, n, extraFrac) => {
          const before = applyRule(1, Y, rows, p);
          const minFailing = Math.ceil(p.threshold * n - 1e-9);
          const k = Math.min(n, minFailing + Math.round(extraFrac * (n - minFailing)));
          const after = applyRule(1, Y, [...rows, row(procedure, subject, year, n, k, grade)], p);
          if (before.status === 'flagged') expect(after.status).toBe('flagged');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('raising the threshold never adds a flag (plain and wilson)', () => {
    fc.assert(
      fc.property(
        paramsArb('both'),
        fc.array(rowArb, { maxLength: 12 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (p, rows, raise) => {
          const higher = { ...p, threshold: Math.min(1, p.threshold + raise) };
          const flaggedLow = applyRule(1, Y, rows, p).status === 'flagged';
          const flaggedHigh = applyRule(1, Y, rows, higher).status === 'flagged';
          if (flaggedHigh) expect(flaggedLow).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("'all' never flags a school that 'any' does not", () => {
    fc.assert(
      fc.property(paramsArb('both'), fc.array(rowArb, { maxLength: 12 }), (p, rows) => {
        const all = applyRule(1, Y, rows, { ...p, subjectMode: 'all' }).status === 'flagged';
        const any = applyRule(1, Y, rows, { ...p, subjectMode: 'any' }).status === 'flagged';
        if (all) expect(any).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
