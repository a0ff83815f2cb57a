import { describe, expect, it } from 'vitest';
import {
  IdentificationParamsSchema,
  identify,
  type ContextRow,
  type IdentificationParamsInput,
  type ResultAggregate,
  type SchoolInfo,
} from './domain/index.js';
import { compactFigures, decodeFigures, encodeFigures, explainStored, type StoredNote } from './service.js';

/**
 * The stored figures (`encodeFigures` → `decodeFigures`): what version 4 leaves out is recomputed
 * from the run's parameters and fit, to the last bit, and version 3 texts still read.
 */
const Y = 2025;
const school = (id: number): SchoolInfo => ({
  id,
  municipalityId: 1,
  isSmall: id % 3 === 0,
  locality: 'urban',
});
const row = (
  schoolId: number,
  year: number,
  participants: number,
  belowMin: number,
  meanScore: number | null,
) =>
  ({
    schoolId,
    procedure: 'VPR',
    subject: 'ru',
    grade: 5,
    year,
    participants,
    belowMin,
    meanScore,
  }) as ResultAggregate;

/**
 * `n` schools with results in both years; school 1 has no context row, school 2 only one
 * indicator, school 5 few participants.
 */
function region(n: number, params: IdentificationParamsInput = {}) {
  const schools = Array.from({ length: n }, (_, i) => school(i + 1));
  const results = schools.flatMap((s) => [
    row(s.id, Y - 1, 20 + s.id, (s.id * 7) % 13, 3 + (s.id % 5) / 7),
    row(s.id, Y, s.id === 5 ? 6 : 8 + s.id * 3, (s.id * 5) % 7, s.id % 4 === 0 ? null : 3.2 + (s.id % 3) / 9),
  ]);
  const context: ContextRow[] = schools
    .filter((s) => s.id !== 1)
    .map((s): ContextRow => ({
      schoolId: s.id,
      year: Y,
      values:
        s.id === 2
          ? { low_income: 40 }
          : {
              low_income: (s.id * 37) % 41,
              single_parent: 5 + ((s.id * 3) % 17) / 3,
              parents_higher_ed: 20 + ((s.id * 11) % 29),
              ovz: s.id % 5,
              disabled: 1,
              registered: (s.id % 4) * 0.7,
              non_russian: s.id % 2 ? null : 3,
            },
    }));
  return identify({ year: Y, params: IdentificationParamsSchema.parse(params), schools, results, context });
}

/** The run as read back from the database (the fit is stored as JSON). */
const storedRun = (o: ReturnType<typeof region>) =>
  JSON.parse(JSON.stringify({ year: o.year, params: o.params, fit: { context: o.context, model: o.model } }));

/** JSON that tells a negative zero (JSON itself has none). */
const exact = (x: unknown) => JSON.stringify(x, (_, v) => (Object.is(v, -0) ? '-0' : v));

describe('stored figures', () => {
  const cases: Array<[string, number, IdentificationParamsInput]> = [
    ['the published rule', 12, {}],
    ['the robust mode per grade', 12, { mode: 'wilson', grades: 'per_grade', minParticipants: 1 }],
    [
      'a threshold context rule without shrinkage',
      12,
      { context: { unfavourable: { rule: 'threshold', value: 0 } }, model: { shrinkage: false } },
    ],
    ['too few schools for the model', 3, {}],
  ];
  it.each(cases)('version 4 reads back as computed: %s', (_, n, params) => {
    const o = region(n, params);
    const run = storedRun(o);
    const note: StoredNote[] = [['VPR', 'ru', 5, Y]];
    for (const s of o.schools) {
      const text = encodeFigures(s, note);
      expect(JSON.parse(text)[0]).toBe(4);
      expect(exact(decodeFigures(text, run))).toBe(JSON.stringify(compactFigures(s, note)));
    }
  });

  it('version 3 texts still read, and render the same explanation as version 4', () => {
    const o = region(12);
    const run = storedRun(o);
    const s = o.schools.find((x) => x.schoolId === 5)!;
    const full = compactFigures(s);
    // version 3: every value kept (see `encodeFigures`)
    const { context: c, model: m } = full;
    const ms = m.meanScore;
    const v3 = JSON.stringify([
      3,
      full.rule.status,
      full.rule.cells.flatMap(([p, subject, grade, year, participants, belowMin, , status]) => [
        p,
        subject,
        grade,
        year,
        participants,
        belowMin,
        status === 'met' ? 'm' : status === 'not_met' ? 'n' : 'i',
      ]),
      [
        c.index,
        c.reason,
        c.unfavourable,
        c.presentWeightShare,
        c.missing,
        c.components.map((x) => x[1]),
        c.components.map((x) => x[2]),
        c.components.map((x) => x[3]),
      ],
      [
        m.status,
        m.participants,
        m.belowMin,
        m.share,
        m.expected,
        m.shrunken,
        m.residual,
        m.residualZ,
        m.belowExpected,
        m.topQuarter,
        m.resilient,
        m.resilientBy,
        ms ? [ms.participants, ms.z, ms.expected, ms.residual, ms.residualZ] : null,
      ],
      [],
    ]);
    expect(decodeFigures(v3, run)).toEqual(JSON.parse(JSON.stringify(full)));
    const v4 = encodeFigures(s);
    expect(v4.length).toBeLessThan(v3.length);
    for (const locale of ['ru', 'en'] as const)
      expect(explainStored(run, v4, null, locale)).toEqual(explainStored(run, v3, null, locale));
  });

  it('version 4 needs the run fit: without it the figures are unreadable', () => {
    const o = region(12);
    const text = encodeFigures(o.schools[4]!);
    expect(decodeFigures(text, { params: o.params, fit: {} })).toBeNull();
    expect(decodeFigures('[5]', storedRun(o))).toBeNull();
  });
});
