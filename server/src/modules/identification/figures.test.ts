import { describe, expect, it } from 'vitest';
import {
  IdentificationParamsSchema,
  identify,
  type ContextRow,
  type IdentificationParamsInput,
  type ResultAggregate,
  type SchoolInfo,
} from './domain/index.js';
import {
  CELL_CODE,
  compactFigures,
  decodeFigures,
  encodeFigures,
  explainStored,
  toRow,
  writeFigures,
  type StoredNote,
} from './service.js';
import { CopyTextWriter } from './copy-writer.js';
import { writeRunSchoolRow, type RunSchoolInsert } from './repository.js';
import type { SchoolOutcome } from './domain/index.js';

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

/** A row as COPY text, as the service wrote it before `writeRunSchoolRow`: template strings. */
const copyNum = (x: number | null) => (x !== null && Number.isFinite(x) ? String(x) : '\\N');
const templateRow = (runId: number, r: RunSchoolInsert) =>
  `${runId}\t${r.schoolId}\t${r.municipalityId}\t${r.display}\t{${r.categories.join(',')}}\t` +
  `${r.inList ? 't' : 'f'}\t${r.ruleStatus}\t${r.participants}\t${copyNum(r.share)}\t${copyNum(r.shrunken)}\t` +
  `${copyNum(r.expected)}\t${copyNum(r.residualZ)}\t${copyNum(r.contextIndex)}\t` +
  `${r.figures.replace(/\\/g, '\\\\')}\t[]\n`;

/** Figures v4 as the arrays they spell, through JSON.stringify (the format's reference). */
const referenceFigures = (s: SchoolOutcome, notes: StoredNote[] = []) => {
  const { rule, context, model } = s;
  const ms = model.meanScore;
  return JSON.stringify([
    4,
    rule.status,
    rule.triggers.flatMap((c) => [
      c.procedure,
      c.subject,
      c.grade,
      c.year,
      c.participants,
      c.belowMin,
      CELL_CODE[c.status],
    ]),
    [context.reason, context.unfavourable, context.components.map((c) => c.value)],
    [
      model.status,
      model.participants,
      model.belowMin,
      model.shrunken,
      model.belowExpected,
      model.topQuarter,
      model.resilient,
      model.resilientBy,
      ms ? [ms.participants, ms.z] : null,
    ],
    notes,
  ]);
};

describe('rows written as COPY bytes', () => {
  it.each([
    ['the published rule', 12, {}],
    ['the robust mode per grade', 12, { mode: 'wilson', grades: 'per_grade', minParticipants: 1 }],
    ['too few schools for the model', 3, {}],
  ] as Array<[string, number, IdentificationParamsInput]>)(
    'are the figures and rows of the strings, byte for byte: %s',
    (_, n, params) => {
      const o = region(n, params);
      const notes: StoredNote[] = [
        ['VPR', 'ru', 5, Y],
        ['OGE', 'лит\\ература "x"', null, Y - 1],
      ];
      const w = new CopyTextWriter(16);
      let expected = '';
      for (const [k, s] of o.schools.entries()) {
        const note = k % 2 ? notes : undefined;
        const f = new CopyTextWriter(16);
        writeFigures(f, s, note);
        expect(encodeFigures(s, note)).toBe(referenceFigures(s, note));
        expect(f.take().toString('utf8')).toBe(referenceFigures(s, note).replace(/\\/g, '\\\\'));
        const row = toRow(s, note);
        writeRunSchoolRow(w, 7, row, (x) => writeFigures(x, s, note));
        expected += templateRow(7, row);
      }
      expect(w.take().toString('utf8')).toBe(expected);
    },
  );

  it('writes numbers and JSON values as String and JSON.stringify do', () => {
    const values = [
      0,
      -0,
      1,
      -1,
      7,
      10,
      99,
      100,
      12345,
      2147483647,
      -2147483648,
      2147483648,
      1e15,
      1e21,
      1e-7,
      0.1,
      0.05,
      -0.05,
      27.2,
      27.25,
      100.01,
      19999999.99,
      0.30000000000000004,
      1 / 3,
      -2.5,
      1e-300,
      5e-324,
      Number.MAX_VALUE,
      NaN,
      Infinity,
      -Infinity,
    ];
    const w = new CopyTextWriter(8);
    let expected = '';
    for (const v of values) {
      w.num(v);
      w.byte(32);
      w.numOrNull(v);
      w.byte(32);
      w.json(v);
      w.byte(10);
      expected += `${String(v)} ${Number.isFinite(v) ? String(v) : '\\N'} ${JSON.stringify(v)}\n`;
    }
    const json: unknown[] = [
      null,
      undefined,
      true,
      false,
      'a"b\\c\n',
      'é',
      ['x', [1, null]],
      { a: 1 },
      [undefined],
    ];
    for (const v of json) {
      w.json(v);
      w.byte(10);
      expected += `${(JSON.stringify([v]).slice(1, -1) || 'null').replace(/\\/g, '\\\\')}\n`;
    }
    w.numOrNull(null);
    expected += '\\N';
    expect(w.take().toString('utf8')).toBe(expected);
  });

  it('writes random numbers as String does', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) * 2 - 1;
    const w = new CopyTextWriter(8);
    const expected: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const v = [Math.round(random() * 1e4) / 100, random() * 10 ** (i % 12), Math.round(random() * 1e9)][
        i % 3
      ]!;
      w.num(v);
      w.byte(10);
      expected.push(String(v));
    }
    expect(w.take().toString('utf8')).toBe(expected.join('\n') + '\n');
  });
});
