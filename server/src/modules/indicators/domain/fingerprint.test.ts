import { describe, expect, it } from 'vitest';
import { canonicalJson, fingerprint } from './fingerprint.js';
import type { Contribution } from './types.js';

const base: Contribution[] = [
  {
    schoolId: 1,
    municipalityId: 1,
    numerator: 1,
    denominator: 1,
    basis: [{ kind: 'field', label: 'x', figures: { a: 1, b: 2 }, counted: true }],
  },
  {
    schoolId: 2,
    municipalityId: 1,
    numerator: 0,
    denominator: 0,
    noData: { key: 'k', params: { year: 2024 } },
    basis: [],
  },
];

describe('fingerprint', () => {
  it('is stable, and independent of key order in params and figures', () => {
    const a = fingerprint(
      'field_share',
      { kind: 'sum', numerator: 'vacancies', denominator: 'teachers' },
      base,
    );
    const reordered = structuredClone(base);
    reordered[0]!.basis[0]!.figures = { b: 2, a: 1 };
    expect(
      fingerprint('field_share', { denominator: 'teachers', numerator: 'vacancies', kind: 'sum' }, reordered),
    ).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
  it('changes with the name, params, numbers, reasons and basis', () => {
    const a = fingerprint('c', {}, base);
    const variants: Array<[string, unknown, Contribution[]]> = [
      ['d', {}, base],
      ['c', { x: 1 }, base],
      ['c', {}, [{ ...base[0]!, numerator: 2 }, base[1]!]],
      ['c', {}, [base[0]!, { ...base[1]!, noData: { key: 'k', params: { year: 2023 } } }]],
      ['c', {}, [{ ...base[0]!, basis: [{ ...base[0]!.basis[0]!, counted: false }] }, base[1]!]],
      ['c', {}, [base[1]!, base[0]!]],
      ['c', {}, [base[0]!]],
    ];
    const all = new Set([a, ...variants.map(([n, p, cs]) => fingerprint(n, p, cs))]);
    expect(all.size).toBe(variants.length + 1);
  });
  it('canonical JSON sorts keys and drops undefined', () => {
    expect(canonicalJson({ b: [1, { d: 1, c: undefined }], a: null })).toBe('{"a":null,"b":[1,{"d":1}]}');
  });
});
