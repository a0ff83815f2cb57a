import { describe, expect, it } from 'vitest';
import type { ContextIndicator, SchoolContextRow } from '../../api/types';
import {
  codeOfField,
  formatIndicator,
  formToBody,
  indicatorRows,
  indicatorValue,
  rowToForm,
  validateContext,
} from './context';

const indicators: ContextIndicator[] = [
  { code: 'low_income', name: 'Малообеспеченные', unit: 'percent', builtin: true },
  { code: 'ovz', name: 'ОВЗ', unit: 'percent', builtin: true },
  { code: 'orphans', name: 'Сироты', unit: 'count', builtin: false },
  { code: 'hard_to_reach', name: 'Труднодоступная', unit: 'boolean', builtin: false },
];
const row: SchoolContextRow = {
  schoolYear: 2024,
  lowIncome: 18.3,
  singleParent: null,
  parentsHigherEd: null,
  ovz: 7,
  disabled: null,
  registered: null,
  nonRussian: null,
  extra: { orphans: 2, hard_to_reach: 1, legacy: 5 },
  version: 3,
  updatedAt: '2025-01-01T00:00:00Z',
};

describe('social context', () => {
  it('reads built-in and regional values', () => {
    expect(indicatorValue(row, 'low_income')).toBe(18.3);
    expect(indicatorValue(row, 'orphans')).toBe(2);
    expect(indicatorValue(row, 'unknown')).toBeNull();
    expect(indicatorValue(undefined, 'ovz')).toBeNull();
    expect(codeOfField('nonRussian')).toBe('non_russian');
  });
  it('shows indicators found only in data after the catalogue', () => {
    expect(indicatorRows(indicators, [row]).map((i) => i.code)).toEqual([
      'low_income',
      'ovz',
      'orphans',
      'hard_to_reach',
      'legacy',
    ]);
  });
  it('formats by unit', () => {
    const yn: [string, string] = ['да', 'нет'];
    expect(formatIndicator(18.3, 'percent', 'ru', yn)).toBe('18,3\u00a0%');
    expect(formatIndicator(2, 'count', 'ru', yn)).toBe('2');
    expect(formatIndicator(1, 'boolean', 'ru', yn)).toBe('да');
    expect(formatIndicator(0, 'boolean', 'ru', yn)).toBe('нет');
    expect(formatIndicator(null, 'percent', 'ru', yn)).toBe('—');
    expect(formatIndicator(12.25, 'number', 'ru', yn)).toMatch(/^12,[23]$/);
  });
  it('validates by unit', () => {
    const f = { low_income: '140', ovz: '7,5', orphans: '1,5', hard_to_reach: '' };
    const issues = validateContext(f, indicators);
    expect(issues.low_income).toEqual({ key: 'web.validation.range', params: { min: 0, max: 100 } });
    expect(issues.ovz).toBeUndefined();
    expect(issues.orphans?.key).toBe('web.validation.integer');
    expect(issues.hard_to_reach).toBeUndefined();
  });
  it('builds the PUT body with the row version, keeping extra values it does not show', () => {
    const f = rowToForm(row, indicators, 'ru');
    expect(f).toEqual({ low_income: '18,3', ovz: '7', orphans: '2', hard_to_reach: '1' });
    const body = formToBody({ ...f, ovz: '', orphans: '4' }, indicators, row);
    expect(body).toMatchObject({ lowIncome: 18.3, ovz: null, singleParent: null, version: 3 });
    expect(body.extra).toEqual({ orphans: 4, hard_to_reach: 1, legacy: 5 });
    expect(formToBody({}, indicators, undefined)).toMatchObject({
      version: null,
      lowIncome: null,
      extra: { orphans: null },
    });
  });
});
