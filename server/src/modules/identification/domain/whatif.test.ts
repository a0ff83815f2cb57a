import { describe, expect, it } from 'vitest';
import { IdentificationParamsSchema } from './params.js';
import { identify, type IdentificationInput } from './run.js';
import { compareOutcomes } from './whatif.js';
import type { Category } from './types.js';

const o = (schools: Array<[number, Category[]]>) => ({
  schools: schools.map(([schoolId, categories]) => ({ schoolId, categories })),
});

describe('compareOutcomes', () => {
  it('lists schools that entered, left and stayed, with categories before and after', () => {
    const saved = o([
      [1, ['low_results']],
      [2, ['unfavourable', 'resilient']],
      [3, []],
      [4, ['low_results', 'unfavourable']],
      [5, ['below_expected']],
    ]);
    const candidate = o([
      [1, []],
      [2, ['unfavourable', 'resilient']],
      [3, ['low_results', 'insufficient_data']],
      [4, ['low_results']],
      [6, ['unfavourable']],
    ]);
    const r = compareOutcomes(saved, candidate);
    expect(r.entered.map((c) => c.schoolId)).toEqual([3, 6]);
    expect(r.left.map((c) => c.schoolId)).toEqual([1]);
    expect(r.stayed.map((c) => c.schoolId)).toEqual([2, 4]);
    expect(r.entered[0]).toEqual({
      schoolId: 3,
      before: [],
      after: ['low_results', 'insufficient_data'],
      displayBefore: 'none',
      displayAfter: 'low_results',
      changed: true,
    });
    expect(r.stayed.find((c) => c.schoolId === 2)!.changed).toBe(false);
    expect(r.stayed.find((c) => c.schoolId === 4)).toMatchObject({
      displayBefore: 'both',
      displayAfter: 'low_results',
      changed: true,
    });
  });

  it('accepts another notion of membership', () => {
    const r = compareOutcomes(o([[5, ['below_expected']]]), o([[5, []]]), { membership: ['below_expected'] });
    expect(r.left.map((c) => c.schoolId)).toEqual([5]);
  });

  it('compares two real runs: a lower threshold only adds ШНОР schools', () => {
    const input: IdentificationInput = {
      year: 2024,
      params: IdentificationParamsSchema.parse({}),
      schools: [1, 2].map((id) => ({ id, municipalityId: 1, isSmall: false, locality: 'urban' as const })),
      results: [
        {
          schoolId: 1,
          procedure: 'VPR',
          subject: 'ru',
          grade: 5,
          year: 2024,
          participants: 20,
          belowMin: 5,
          meanScore: null,
        },
        {
          schoolId: 1,
          procedure: 'OGE',
          subject: 'math',
          grade: 9,
          year: 2024,
          participants: 20,
          belowMin: 5,
          meanScore: null,
        },
        {
          schoolId: 2,
          procedure: 'VPR',
          subject: 'ru',
          grade: 5,
          year: 2024,
          participants: 20,
          belowMin: 2,
          meanScore: null,
        },
      ],
      context: [],
    };
    const saved = identify(input);
    const candidate = identify({ ...input, params: IdentificationParamsSchema.parse({ threshold: 0.25 }) });
    const r = compareOutcomes(saved, candidate);
    expect(r.entered.map((c) => c.schoolId)).toEqual([1]);
    expect(r.left).toEqual([]);
  });
});
