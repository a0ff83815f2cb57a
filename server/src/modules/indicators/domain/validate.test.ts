import { describe, expect, it } from 'vitest';
import { getCalculation } from './calculations.js';
import { validateParams, validateTargets, validateUnit, validateValue, unitKindOf } from './validate.js';

describe('validateValue', () => {
  it('accepts values in the unit range', () => {
    for (const [v, unit] of [
      [0, 'percent'],
      [100, 'percent'],
      [45.67, 'percent'],
      [0, 'count'],
      [12, 'count'],
      [3.75, 'score'],
      [0, 'boolean'],
      [1, 'boolean'],
    ] as const)
      expect(validateValue(v, unit, 'value')).toBeNull();
  });
  it('refuses out-of-range values, naming the field and the year, in Russian', () => {
    const p = validateValue(120, 'percent', 'targets[2].value', 2025)!;
    expect(p).toEqual({
      field: 'targets[2].value',
      key: 'indicators.validation.outOfRangeYear',
      params: { field: 'targets[2].value', year: 2025, value: 120, min: 0, max: 100 },
      message: 'targets[2].value (2025 г.): значение 120 вне допустимого диапазона (от 0 до 100).',
    });
    expect(validateValue(-1, 'percent', 'baseline')?.key).toBe('indicators.validation.outOfRange');
    expect(validateValue(2.5, 'count', 'value')?.key).toBe('indicators.validation.notInteger');
    expect(validateValue(-3, 'count', 'value')?.key).toBe('indicators.validation.negative');
    expect(validateValue(-0.1, 'score', 'value')?.key).toBe('indicators.validation.negative');
    expect(validateValue(2, 'boolean', 'value')?.key).toBe('indicators.validation.notBoolean');
    expect(validateValue('12', 'count', 'value')?.key).toBe('indicators.validation.notNumber');
    expect(validateValue(Number.POSITIVE_INFINITY, 'score', 'value')?.key).toBe(
      'indicators.validation.notNumber',
    );
    expect(validateValue(101, 'percent', 'baseline')?.field).toBe('baseline');
  });
});

describe('validateTargets and manual values', () => {
  it('checks every target, the years and duplicates', () => {
    const ps = validateTargets(
      [
        { year: 2024, value: 80 },
        { year: 2025, value: 101 },
        { year: 2025, value: 90 },
        { year: 2030, value: 95 },
        { year: 2026, value: null },
      ],
      'percent',
      { from: 2024, to: 2027 },
    );
    expect(ps.map((p) => [p.field, p.key])).toEqual([
      ['targets[1].value', 'indicators.validation.outOfRangeYear'],
      ['targets[2].year', 'indicators.validation.duplicateYear'],
      ['targets[3].year', 'indicators.validation.yearOutsidePeriod'],
    ]);
  });
});

describe('validateParams and validateUnit', () => {
  it('names the field of bad params', () => {
    const fs = getCalculation('field_share')!;
    expect(validateParams(fs, { kind: 'schools', condition: { field: 'foo', op: '>=', value: 1 } })).toEqual([
      expect.objectContaining({ field: 'params.condition.field', key: 'indicators.params.unknownField' }),
    ]);
    expect(
      validateParams(fs, { kind: 'sum', numerator: 'vacancies', denominator: 'teachers', x: 1 }),
    ).toEqual([expect.objectContaining({ field: 'params.x', key: 'indicators.params.unknownKey' })]);
    const pd = getCalculation('positive_dynamics')!;
    expect(
      validateParams(pd, { procedure: 'OGE', subjects: ['ru', 'Math'] }).map((p) => [p.field, p.key]),
    ).toEqual([['params.subjects[1]', 'indicators.params.invalid']]);
    expect(validateParams(pd, { procedure: 'OGE' })).toEqual([]);
  });
  it('refuses a unit the calculation cannot produce', () => {
    expect(validateUnit(getCalculation('below_min_share')!, 'percent')).toBeNull();
    expect(validateUnit(getCalculation('below_min_share')!, 'boolean')?.key).toBe(
      'indicators.validation.unitNotSupported',
    );
  });
});

describe('unitKindOf', () => {
  it('reads the unit as programme documents write it', () => {
    expect(unitKindOf('%')).toBe('percent');
    expect(unitKindOf(null)).toBe('percent');
    expect(unitKindOf('чел.')).toBe('count');
    expect(unitKindOf('ед.')).toBe('count');
    expect(unitKindOf('баллов')).toBe('score');
    expect(unitKindOf('да/нет')).toBe('boolean');
  });
});
