import { describe, expect, it } from 'vitest';
import { translate } from '../../../../common/src/i18n/client.js';
import {
  chartAxis,
  chartData,
  computeYears,
  defaultComputeYear,
  definitionBody,
  definitionDraft,
  definitionServerErrors,
  emptyDefinition,
  fieldProblems,
  figureLines,
  formatValue,
  matchesText,
  opsFor,
  paramsInWords,
  stripFieldPrefix,
  tableYears,
  targetProblem,
  targetsBody,
  targetsDraft,
  validateDefinition,
  validateTargets,
  yearCells,
  type IndicatorLike,
} from './model';

const t = (k: string, p?: Record<string, string | number>) => translate('ru', k, p);
const FIELDS = [
  { field: 'internet_mbps', title: 'Скорость интернета, Мбит/с', unit: 'number' },
  { field: 'vacancies', title: 'Вакансии педагогов', unit: 'count' },
  { field: 'teachers', title: 'Педагогические работники', unit: 'count' },
  { field: 'is_small', title: 'Малокомплектная школа', unit: 'boolean' },
  { field: 'locality', title: 'Местность', unit: 'text' },
];

const value = (year: number, v: number | null, target: number | null, achievement = 'achieved' as const) => ({
  year,
  value: v,
  target,
  achievement,
  noData: v === null ? { message: 'Нет результатов ОГЭ за 2026 г.' } : null,
  method: 'computed' as const,
});
const row: IndicatorLike = {
  unit: 'percent',
  direction: 'lower',
  method: 'computed',
  baseline: 7.2,
  baselineYear: 2023,
  targets: [
    { year: 2025, value: 6.5 },
    { year: 2026, value: 5 },
    { year: null, value: 9 },
  ],
  values: [value(2024, 6.9, null), value(2025, 6.07, 6.5), value(2026, null, 5)],
};

describe('formatting', () => {
  it('formats values in their unit and never shows a missing value as zero', () => {
    expect(formatValue(6.0678, 'percent', 'ru', t)).toBe('6,1\u00a0%');
    expect(formatValue(12, 'count', 'ru', t)).toBe('12');
    expect(formatValue(3.256, 'score', 'en', t)).toBe('3.26');
    expect(formatValue(1, 'boolean', 'ru', t)).toBe('да');
    expect(formatValue(0, 'boolean', 'ru', t)).toBe('нет');
    expect(formatValue(null, 'percent', 'ru', t)).toBe('—');
    expect(formatValue(0, 'percent', 'ru', t)).toBe('0,0\u00a0%');
  });
});

describe('table and chart', () => {
  it('gives the target and the value of each year', () => {
    const cells = yearCells(row, [2025, 2026, 2027]);
    expect(cells.map((c) => [c.year, c.target, c.value?.value ?? null])).toEqual([
      [2025, 6.5, 6.07],
      [2026, 5, null],
      [2027, null, null],
    ]);
  });
  it('falls back to the period years and picks the compute year', () => {
    expect(tableYears([], [2027, 2026])).toEqual([2026, 2027]);
    expect(tableYears([2025, 2024, 2025], [2026])).toEqual([2024, 2025]);
    expect(defaultComputeYear([2025, 2026, 2027], new Date('2026-11-22'))).toBe(2026);
    expect(defaultComputeYear([2028, 2029], new Date('2026-11-22'))).toBe(2028);
    expect(computeYears([2026, 2027])).toEqual([2024, 2025, 2026, 2027]);
  });
  it('builds chart series over the years with the baseline at its year and reasons for no data', () => {
    const d = chartData(row, [2025, 2026]);
    expect(d.years).toEqual([2023, 2024, 2025, 2026]);
    expect(d.actual).toEqual([null, 6.9, 6.07, null]);
    expect(d.target).toEqual([null, null, 6.5, 5]);
    expect(d.baseline).toEqual([7.2, null, null, null]);
    expect(d.noData[3]).toBe('Нет результатов ОГЭ за 2026 г.');
  });
  it('scales a percent axis to the data, up to 100', () => {
    expect(chartAxis('percent', [6.9, 5, null])).toEqual({ min: 0, max: 8 });
    expect(chartAxis('percent', [95])).toEqual({ min: 0, max: 100 });
    expect(chartAxis('percent', [])).toEqual({ min: 0, max: 100 });
    expect(chartAxis('boolean')).toEqual({ min: 0, max: 1 });
    expect(chartAxis('count', [300])).toEqual({ min: 0 });
  });
});

describe('calculation parameters in words', () => {
  it('describes a share of schools meeting a condition, a sum and results', () => {
    expect(
      paramsInWords(
        'field_share',
        { kind: 'schools', condition: { field: 'internet_mbps', op: '>=', value: 1 } },
        FIELDS,
        t,
      ),
    ).toBe('доля школ, у которых «Скорость интернета, Мбит/с» ≥ 1');
    expect(
      paramsInWords(
        'field_share',
        { kind: 'sum', numerator: 'vacancies', denominator: 'teachers' },
        FIELDS,
        t,
      ),
    ).toBe('сумма «Вакансии педагогов» / сумма «Педагогические работники»');
    expect(
      paramsInWords(
        'positive_dynamics',
        { procedure: 'OGE', subjects: ['ru', 'math'], mode: 'all' },
        FIELDS,
        t,
      ),
    ).toBe('ОГЭ; русский язык, математика; по всем предметам');
    expect(paramsInWords(null, {}, FIELDS, t)).toBe('');
  });
});

describe('basis figures', () => {
  it('labels figures, hides technical ids and says «не заполнено» for empty ones', () => {
    const lines = figureLines(
      { share: 25, below_min: 1, participants: 4, runId: 7, internet_mbps: null, inList: true },
      FIELDS,
      'ru',
      t,
    );
    expect(lines.map((l) => `${l.label}: ${l.value}`)).toEqual([
      'доля: 25\u00a0%',
      'ниже минимума: 1',
      'участников: 4',
      'Скорость интернета, Мбит/с: не заполнено',
      'в перечне: да',
    ]);
  });
});

describe('server field errors', () => {
  it('keeps full paths and strips the technical prefix of a message', () => {
    const p = fieldProblems([
      {
        field: 'targets[1].value',
        message: 'targets[1].value (2027 г.): значение 101 вне допустимого диапазона (от 0 до 100).',
      },
      { field: 'baseline', message: 'baseline: значение не может быть отрицательным, указано -1.' },
      { nonsense: true },
    ]);
    expect(Object.keys(p)).toEqual(['targets[1].value', 'baseline']);
    expect(stripFieldPrefix(p.baseline!)).toBe('Значение не может быть отрицательным, указано -1.');
    expect(targetProblem(p, [2026, 2027], 2027)).toBe(
      'Значение 101 вне допустимого диапазона (от 0 до 100).',
    );
    expect(targetProblem(p, [2026, 2027], 2026)).toBeUndefined();
    expect(stripFieldPrefix('Обычное сообщение.')).toBe('Обычное сообщение.');
  });
});

describe('baseline and targets draft', () => {
  it('round-trips an indicator and sends targets in year order', () => {
    const d = targetsDraft(
      { number: '1.2', name: ' Доля ', baseline: 7.5, baselineYear: 2024, targets: row.targets },
      'ru',
    );
    expect(d.baseline).toBe('7,5');
    expect(d.targets).toEqual({ 2025: '6,5', 2026: '5' });
    d.targets[2027] = '4,5';
    d.targets[2028] = '';
    expect(targetsBody(d, [2025, 2026, 2027, 2028])).toEqual({
      number: '1.2',
      name: 'Доля',
      baseline: 7.5,
      baselineYear: 2024,
      targets: [
        { year: 2025, value: 6.5 },
        { year: 2026, value: 5 },
        { year: 2027, value: 4.5 },
      ],
    });
  });
  it('checks numbers, ranges and years as typed', () => {
    const d = {
      number: '',
      name: '',
      baseline: 'abc',
      baselineYear: '99',
      targets: { 2026: '120', 2027: '3,5' },
    };
    expect(validateTargets(d, 'percent', [2026, 2027])).toEqual({
      name: 'nameRequired',
      baseline: 'notNumber',
      baselineYear: 'badYear',
      t2026: 'outOfRange',
    });
    expect(validateTargets({ ...d, name: 'x', baseline: '', baselineYear: '' }, 'count', [2027])).toEqual({
      t2027: 'notInteger',
    });
  });
});

describe('the region’s own definitions', () => {
  it('builds a field_share of schools meeting a condition', () => {
    const d = { ...emptyDefinition(), code: 'internet_10', name: 'Интернет от 10 Мбит/с', value: '10' };
    expect(validateDefinition(d, FIELDS, true)).toEqual({});
    expect(definitionBody(d, FIELDS)).toMatchObject({
      code: 'internet_10',
      method: 'computed',
      calculation: 'field_share',
      params: { kind: 'schools', condition: { field: 'internet_mbps', op: '>=', value: 10 } },
    });
    const small = { ...d, field: 'is_small', op: '=' as const, value: 'true' };
    expect(definitionBody(small, FIELDS).params).toEqual({
      kind: 'schools',
      condition: { field: 'is_small', op: '=', value: true },
    });
    expect(opsFor('boolean')).toEqual(['=', '!=']);
  });
  it('refuses a bad code, an empty value and a sum of one field over itself', () => {
    const d = { ...emptyDefinition(), code: '1abc', name: 'x' };
    expect(validateDefinition(d, FIELDS, true)).toEqual({ code: 'codeFormat', value: 'valueRequired' });
    expect(
      validateDefinition(
        { ...d, code: 'a', kind: 'sum', numerator: 'teachers', denominator: 'teachers' },
        FIELDS,
        true,
      ),
    ).toEqual({
      denominator: 'sameFields',
    });
    expect(validateDefinition({ ...d, method: 'manual' }, FIELDS, false)).toEqual({});
    expect(definitionBody({ ...d, method: 'manual' }, FIELDS)).toMatchObject({
      calculation: null,
      params: {},
    });
  });
  it('reads a stored definition back into the form and maps server problems to fields', () => {
    const d = definitionDraft(
      {
        code: 'vac',
        name: 'Вакансии',
        description: null,
        unit: 'percent',
        direction: 'lower',
        level: 'school',
        method: 'computed',
        calculation: 'field_share',
        params: { kind: 'sum', numerator: 'vacancies', denominator: 'teachers' },
        numeratorLabel: null,
        denominatorLabel: null,
        dataNote: null,
      },
      'ru',
    );
    expect([d.kind, d.numerator, d.denominator, d.direction]).toEqual([
      'sum',
      'vacancies',
      'teachers',
      'lower',
    ]);
    expect(
      definitionServerErrors({
        'params.condition.value': 'params.condition.value: не подходит',
        code: 'code: занят',
      }),
    ).toEqual({
      value: 'Не подходит',
      code: 'Занят',
    });
  });
  it('matches text in any order, ignoring case and ё', () => {
    const d = {
      code: 'internet_1mbps',
      name: 'Доля школ с интернетом',
      description: 'Скорость не менее 1 Мбит/с',
    };
    expect(matchesText(d, 'мбит ДОЛЯ')).toBe(true);
    expect(matchesText(d, 'internet')).toBe(true);
    expect(matchesText(d, 'ёлка')).toBe(false);
    expect(matchesText(d, '  ')).toBe(true);
  });
});
