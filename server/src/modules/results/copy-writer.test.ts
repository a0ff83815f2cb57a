import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CopyEncoder, copyLines, copyText } from './copy-writer.js';
import type { StagedStudent } from './domain/collector.js';

/** The COPY text of rows as the writer spelled it before the byte encoder (the reference). */
function reference(importId: number, rows: StagedStudent[]): string {
  const num = (v: number | null) => (v === null ? '\\N' : String(v));
  return rows
    .map(
      (r) =>
        [
          importId,
          r.schoolKey,
          num(r.schoolId),
          copyText(r.studentKey),
          copyText(r.className),
          copyText(r.procedure),
          copyText(r.subject),
          r.grade,
          r.year,
          num(r.primaryScore),
          num(r.testScore),
          num(r.mark),
          num(r.journalMark),
        ].join('\t') + '\n',
    )
    .join('');
}

const student = (o: Partial<StagedStudent> = {}): StagedStudent => ({
  schoolKey: 12,
  schoolId: 345,
  studentKey: 'S00001',
  className: '5А',
  procedure: 'VPR',
  subject: 'rus',
  grade: 5,
  year: 2024,
  primaryScore: 17,
  testScore: null,
  mark: 4,
  journalMark: 5,
  ...o,
});

describe('CopyEncoder', () => {
  it('spells rows as COPY text, escaping and encoding like the string writer', () => {
    const rows = [
      student(),
      student({ schoolId: null, className: null, primaryScore: 12.5, testScore: 0, mark: null }),
      student({ studentKey: 'a\\b\tc\nd\re', className: '11 «Б»', primaryScore: 1e21, testScore: -3 }),
      student({ studentKey: 'Иванов 😀', schoolKey: 1_000_000, grade: 0, primaryScore: 0.1 + 0.2 }),
    ];
    const enc = new CopyEncoder(77);
    expect(enc.encode(rows).toString('utf8')).toBe(reference(77, rows));
    // Cached non-ASCII values and a fresh buffer per call.
    const a = enc.encode(rows);
    const b = enc.encode(rows.slice(0, 1));
    expect(a.toString('utf8')).toBe(reference(77, rows));
    expect(b.toString('utf8')).toBe(reference(77, rows.slice(0, 1)));
    expect(enc.encode([]).length).toBe(0);
  });

  it('matches the reference for any text and numbers', () => {
    const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
    const num = fc.oneof(
      fc.integer({ min: -1000, max: 2 ** 40 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    const row = fc.record({
      schoolKey: fc.nat(),
      schoolId: opt(fc.nat()),
      studentKey: fc.string({ unit: 'binary' }),
      className: opt(fc.string({ unit: 'grapheme' })),
      procedure: fc.string(),
      subject: fc.string(),
      grade: fc.nat(99),
      year: fc.integer({ min: 1900, max: 2100 }),
      primaryScore: opt(num),
      testScore: opt(num),
      mark: opt(fc.integer({ min: 1, max: 5 })),
      journalMark: opt(fc.integer({ min: 1, max: 5 })),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const enc = new CopyEncoder(3);
        expect(enc.encode(rows).toString('utf8')).toBe(reference(3, rows));
      }),
    );
  });

  it('writes a row from a template of its school and group as it writes the row itself', () => {
    const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
    const row = fc.record({
      schoolKey: fc.oneof(fc.nat(20_000), fc.nat()),
      schoolId: opt(fc.nat()),
      studentKey: fc.stringMatching(/^[!-[\]-~]{1,12}$/),
      className: opt(fc.string({ unit: 'grapheme' })),
      procedure: fc.string(),
      subject: fc.string(),
      grade: fc.nat(99),
      year: fc.integer({ min: 1900, max: 2100 }),
      primaryScore: opt(fc.nat(1000)),
      testScore: opt(fc.nat(100)),
      mark: opt(fc.integer({ min: 1, max: 5 })),
      journalMark: opt(fc.integer({ min: 1, max: 5 })),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.nat(64), (rows, expect0) => {
        // A small buffer to start with: every write may meet its end.
        const enc = new CopyEncoder(3, 0, expect0 + 1);
        for (const r of rows) {
          const t = CopyEncoder.template(r);
          const pool = Buffer.concat([Buffer.from('xx'), Buffer.from(t.bytes), Buffer.from('yy')]);
          const src = Buffer.from(`;${r.studentKey};`, 'latin1');
          enc.addTemplated(
            r.schoolKey,
            pool,
            2,
            2 + t.head,
            2 + t.bytes.length,
            src,
            1,
            src.length - 1,
            r.primaryScore,
            r.testScore,
            r.mark,
            r.journalMark,
          );
        }
        expect(enc.take().bytes.toString('utf8')).toBe(reference(3, rows));
      }),
    );
  });
});

describe('copyLines', () => {
  it('spells values as COPY text reads them back', () => {
    expect(
      copyLines([
        [1, 'МБОУ "СОШ №5"', null, true, 55.125],
        [2, 'a\tb\\c\nd', '{"name":"\\"x\\""}', false, 0],
      ]),
    ).toBe('1\tМБОУ "СОШ №5"\t\\N\tt\t55.125\n2\ta\\tb\\\\c\\nd\t{"name":"\\\\"x\\\\""}\tf\t0\n');
  });
});
