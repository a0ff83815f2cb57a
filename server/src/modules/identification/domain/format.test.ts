import { describe, expect, it } from 'vitest';
import {
  formatNumber,
  formatPercent,
  formatThreshold,
  joinList,
  participants,
  pluralForm,
} from './format.js';

describe('formatting for explanations', () => {
  it('uses a decimal comma and a minus sign in Russian', () => {
    expect(formatPercent('ru', 14 / 34)).toBe('41,2');
    expect(formatPercent('ru', 0.35)).toBe('35,0');
    expect(formatNumber('ru', -1.234, 2)).toBe('−1,23');
    expect(formatNumber('ru', 0.5, 2, { sign: true })).toBe('+0,50');
    expect(formatNumber('ru', -0.001, 2)).toBe('0,00');
    expect(formatNumber('en', -1.234, 2)).toBe('-1.23');
    expect(formatThreshold('ru', 0.3)).toBe('30');
    expect(formatThreshold('ru', 0.255)).toBe('25,5');
  });
  it.each([
    [1, 'one'],
    [2, 'few'],
    [4, 'few'],
    [5, 'many'],
    [11, 'many'],
    [12, 'many'],
    [21, 'one'],
    [22, 'few'],
    [111, 'many'],
    [0, 'many'],
  ] as const)('plural of %i is %s', (n, form) => {
    expect(pluralForm(n)).toBe(form);
  });
  it('writes participants with the right form', () => {
    expect(participants('ru', 1)).toBe('1 участник');
    expect(participants('ru', 3)).toBe('3 участника');
    expect(participants('ru', 6)).toBe('6 участников');
    expect(participants('en', 1)).toBe('1 participant');
  });
  it('joins lists', () => {
    expect(joinList('ru', ['a'])).toBe('a');
    expect(joinList('ru', ['a', 'b'])).toBe('a, и b');
    expect(joinList('ru', ['a', 'b', 'c'], 'short')).toBe('a, b и c');
  });
});
