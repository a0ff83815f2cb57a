import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, parseParams } from './params.js';

describe('identification parameters', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_PARAMS).toEqual({
      threshold: 0.3,
      procedures: ['VPR', 'OGE', 'EGE', 'REGIONAL'],
      subjects: ['ru', 'math'],
      subjectMode: 'any',
      subjectGroups: { math_base: 'math', math_profile: 'math' },
      grades: 'pooled',
      minParticipants: 10,
      mode: 'plain',
      clauseA: true,
      clauseAMinProcedures: 2,
      clauseB: true,
      context: {
        weights: {
          low_income: 1,
          single_parent: 0.5,
          parents_higher_ed: -1,
          ovz: 0.5,
          disabled: 0.25,
          registered: 0.75,
          non_russian: 0.5,
        },
        minWeightShare: 0.5,
        unfavourable: { rule: 'quartile' },
      },
      model: { belowExpectedCut: -1, resilientCut: 1, resilientTopShare: 0.25, shrinkage: true },
    });
    expect(Object.isFrozen(DEFAULT_PARAMS.context.weights)).toBe(true);
  });

  it('completes partial input with defaults, including nested objects', () => {
    const r = parseParams({
      threshold: 0.25,
      context: { unfavourable: { rule: 'threshold', value: 1.5 } },
      model: { shrinkage: false },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.params.threshold).toBe(0.25);
    expect(r.params.context.weights.low_income).toBe(1);
    expect(r.params.context.unfavourable).toEqual({ rule: 'threshold', value: 1.5 });
    expect(r.params.model).toEqual({
      belowExpectedCut: -1,
      resilientCut: 1,
      resilientTopShare: 0.25,
      shrinkage: false,
    });
  });

  it('accepts undefined and null as "all defaults"', () => {
    expect(parseParams(undefined)).toEqual({ ok: true, params: DEFAULT_PARAMS });
    expect(parseParams(null)).toEqual({ ok: true, params: DEFAULT_PARAMS });
  });

  it('returns Russian messages naming each field', () => {
    const r = parseParams({
      threshold: 2,
      procedures: [],
      subjectMode: 'either',
      minParticipants: 2.5,
      context: { weights: { LowIncome: 1 }, unfavourable: { rule: 'threshold' } },
      treshold: 0.3,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'Параметр «Порог доли не достигших минимума» (threshold): значение должно быть не больше 1.',
      'Параметр «Оценочные процедуры» (procedures): нужно выбрать не менее 1.',
      'Параметр «Сочетание предметов» (subjectMode): допустимые значения: any, all.',
      'Параметр «Минимальное число участников» (minParticipants): нужно целое число.',
      'Параметр «Веса показателей контекста → LowIncome» (context.weights.LowIncome): код должен начинаться со строчной латинской буквы и состоять из строчных латинских букв, цифр и «_».',
      'Параметр «Порог индекса для ШНСУ» (context.unfavourable.value): значение не задано.',
      'Параметр «treshold» (treshold): неизвестный параметр.',
    ]);
  });

  it('explains wrong types, unknown procedures and all-zero weights', () => {
    const r = parseParams({ mode: 1, procedures: ['VPR', 'TIMSS'], context: { weights: { low_income: 0 } } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContain(
      'Параметр «Способ сравнения с порогом» (mode): допустимые значения: plain, wilson.',
    );
    expect(r.errors).toContain(
      'Параметр «Оценочные процедуры → 1» (procedures.1): допустимые значения: VPR, OGE, EGE, REGIONAL, MUNICIPAL.',
    );
    expect(r.errors).toContain(
      'Параметр «Веса показателей контекста» (context.weights): хотя бы один показатель должен иметь ненулевой вес.',
    );
  });

  it('can answer in English', () => {
    const r = parseParams({ model: { shrinkage: 'yes' } }, 'en');
    expect(r).toEqual({
      ok: false,
      errors: ['Parameter «Adjustment for small schools» (model.shrinkage): yes or no expected.'],
    });
  });
});
