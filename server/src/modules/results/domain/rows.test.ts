import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { needsSpaceFix } from './rows.js';

const TIDY = /^\S(?:\S| (?! ))*$/;

describe('needsSpaceFix', () => {
  it('agrees with the whitespace regex it short-cuts', () => {
    const ws = fc.constantFrom(
      ' ',
      '  ',
      '\t',
      '\n',
      '\r',
      '\v',
      '\f',
      '\u00a0',
      '\u1680',
      '\u2000',
      '\u200a',
      '\u2028',
      '\u2029',
      '\u202f',
      '\u205f',
      '\u3000',
      '\ufeff',
      '\u0085',
      '\u200b',
      '\u2010',
    );
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 4 }),
      ws,
      fc.constantFrom('5А', 'Математика', 'S0001'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (parts) => {
        const s = parts.join('');
        expect(needsSpaceFix(s)).toBe(!TIDY.test(s));
      }),
      { numRuns: 3000 },
    );
    for (const s of ['', 'a', 'a b', 'a  b', ' a', 'a ', 'Русский язык', '5\u00a0А'])
      expect(needsSpaceFix(s)).toBe(!TIDY.test(s));
  });
});
