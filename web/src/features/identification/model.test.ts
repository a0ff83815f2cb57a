import { describe, expect, it } from 'vitest';
import {
  firstSentence,
  formToParams,
  isIsoDate,
  paramsToForm,
  parseShare,
  scatterSeries,
  whatIfParams,
  yearOptions,
} from './model';
import { parseRunSearch } from './search';
import { readFigures } from './figures';

describe('identification helpers', () => {
  it('takes the first sentence of an explanation', () => {
    expect(firstSentence(['В 2025 г. доля 44,3 % (27 из 61). Второе предложение.', 'Ещё'])).toBe(
      'В 2025 г. доля 44,3 % (27 из 61).',
    );
    expect(firstSentence(['', 'Без точки'])).toBe('Без точки');
    expect(firstSentence([])).toBe('');
  });
  it('offers the current year and four before it', () => {
    expect(yearOptions(new Date('2026-11-22T00:00:00Z'))).toEqual([2026, 2025, 2024, 2023, 2022]);
  });
  it('groups scatter points by category, skipping points without coordinates', () => {
    const g = scatterSeries([
      { display: 'both', contextIndex: 1, share: 0.5 },
      { display: 'none', contextIndex: 0, share: 0.1 },
      { display: 'low_results', contextIndex: null, share: 0.4 },
      { display: 'strange', contextIndex: 2, share: 0.2 },
    ]);
    expect(g.map((x) => [x.display, x.points.length])).toEqual([
      ['none', 2],
      ['both', 1],
    ]);
  });
  it('checks order dates and parses percentages', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('28.02.2026')).toBe(false);
    expect(parseShare('30')).toBe(0.3);
    expect(parseShare('27,5')).toBe(0.275);
    expect(parseShare('0')).toBeNull();
    expect(parseShare('101')).toBeNull();
    expect(parseShare('abc')).toBeNull();
  });
  it('replaces the edited what-if fields only', () => {
    expect(
      whatIfParams(
        { threshold: 0.3, grades: 'pooled' },
        { threshold: 0.25, mode: 'wilson', subjectMode: 'all', minParticipants: 5 },
      ),
    ).toEqual({ threshold: 0.25, grades: 'pooled', mode: 'wilson', subjectMode: 'all', minParticipants: 5 });
  });
  it('reads the figures defensively', () => {
    const f = readFigures({
      rule: { cells: [['VPR', 'ru', null, 2025, 61, 27, 0.33, 'met'], ['bad'], 5] },
      model: { shrunken: 0.46, expected: 0.27, residualZ: -1.5 },
      context: {
        index: 4.7,
        unfavourable: true,
        components: [
          ['low_income', 52.2, 1.7, 1.7],
          [1, 2],
        ],
      },
    });
    expect(f.cells).toEqual([
      {
        procedure: 'VPR',
        subject: 'ru',
        grade: null,
        year: 2025,
        participants: 61,
        below: 27,
        lower: 0.33,
        status: 'met',
      },
    ]);
    expect(f.model).toEqual({ shrunken: 0.46, expected: 0.27, residualZ: -1.5 });
    expect(f.context).toEqual({
      index: 4.7,
      unfavourable: true,
      components: [{ code: 'low_income', value: 52.2 }],
    });
    expect(readFigures(null)).toEqual({ cells: [], model: null, context: null });
  });
  it('edits the main parameters as a form and back, keeping what the form does not show', () => {
    const base = {
      threshold: 0.3,
      procedures: ['VPR', 'OGE'],
      subjects: ['ru', 'math'],
      context: { weights: { low_income: 1 }, unfavourable: { rule: 'quartile' } },
      model: { belowExpectedCut: -1, resilientCut: 1, shrinkage: true },
    };
    const f = paramsToForm(base);
    expect(f).toMatchObject({ threshold: '30', procedures: ['VPR', 'OGE'], belowExpectedCut: '-1' });
    const { params, errors } = formToParams(base, {
      ...f,
      threshold: '27,5',
      unfavourableRule: 'threshold',
      unfavourableValue: '0,8',
      belowExpectedCut: '−1,5',
    });
    expect(errors).toEqual({});
    expect(params).toMatchObject({
      threshold: 0.275,
      subjects: ['ru', 'math'],
      context: { weights: { low_income: 1 }, unfavourable: { rule: 'threshold', value: 0.8 } },
      model: { belowExpectedCut: -1.5, resilientCut: 1 },
    });
    const bad = formToParams(base, { ...f, procedures: [], clauseAMinProcedures: '1', resilientCut: '-1' });
    expect(Object.keys(bad.errors).sort()).toEqual(['clauseAMinProcedures', 'procedures', 'resilientCut']);
  });
  it('reads the run page filters from the URL, dropping what is not valid', () => {
    expect(parseRunSearch({ municipalityId: '3', category: 'both', q: ' ООШ ', page: '2' })).toEqual({
      municipalityId: 3,
      category: 'both',
      q: ' ООШ ',
      page: 2,
    });
    expect(parseRunSearch({ municipalityId: 'x', category: 'bad', q: '', page: '1' })).toEqual({});
  });
});
