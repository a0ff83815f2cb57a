import { describe, expect, it } from 'vitest';
import { diffLines } from './diff';

describe('diffLines', () => {
  it('lists changed fields', () => {
    expect(diffLines({ address: 'a', shifts: 1 }, { address: 'b', shifts: 2 })).toEqual([
      { key: 'address', before: 'a', after: 'b' },
      { key: 'shifts', before: 1, after: 2 },
    ]);
  });
  it('flattens nested objects and skips equal values', () => {
    expect(
      diffLines({ lowIncome: 1, extra: { a: 1, b: 2 } }, { lowIncome: 1, extra: { a: 1, b: 3, c: null } }),
    ).toEqual([{ key: 'extra.b', before: 2, after: 3 }]);
  });
  it('handles creations and empty entries', () => {
    expect(diffLines(null, { code: '01', inn: null })).toEqual([{ key: 'code', before: null, after: '01' }]);
    expect(diffLines(null, null)).toEqual([]);
    expect(diffLines({ schoolIds: [1] }, { schoolIds: [1, 2] })).toEqual([
      { key: 'schoolIds', before: [1], after: [1, 2] },
    ]);
  });
});
