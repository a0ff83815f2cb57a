import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { achievement, closeBand, roundForDisplay } from './achievement.js';

describe('achievement', () => {
  it('no data when either side is missing', () => {
    expect(achievement(null, 80, 'higher', 'percent')).toBe('no_data');
    expect(achievement(80, null, 'higher', 'percent')).toBe('no_target');
    expect(achievement(null, null, 'higher', 'percent')).toBe('no_data');
    expect(achievement(Number.NaN, 80, 'higher', 'percent')).toBe('no_data');
  });
  it('higher is better: percent band of 5 points', () => {
    expect(achievement(80, 80, 'higher', 'percent')).toBe('achieved');
    expect(achievement(95, 80, 'higher', 'percent')).toBe('achieved');
    expect(achievement(79.96, 80, 'higher', 'percent')).toBe('achieved'); // shown as 80,0 %
    expect(achievement(79.9, 80, 'higher', 'percent')).toBe('close');
    expect(achievement(75, 80, 'higher', 'percent')).toBe('close');
    expect(achievement(74.9, 80, 'higher', 'percent')).toBe('not_achieved');
  });
  it('lower is better: percent band of 5 points', () => {
    expect(achievement(10, 10, 'lower', 'percent')).toBe('achieved');
    expect(achievement(3, 10, 'lower', 'percent')).toBe('achieved');
    expect(achievement(15, 10, 'lower', 'percent')).toBe('close');
    expect(achievement(15.1, 10, 'lower', 'percent')).toBe('not_achieved');
  });
  it('count and score: band of 5 % of the target', () => {
    expect(achievement(95, 100, 'higher', 'count')).toBe('close');
    expect(achievement(94, 100, 'higher', 'count')).toBe('not_achieved');
    expect(achievement(105, 100, 'lower', 'count')).toBe('close');
    expect(achievement(106, 100, 'lower', 'count')).toBe('not_achieved');
    expect(achievement(3.8, 4, 'higher', 'score')).toBe('close');
    expect(achievement(3.79, 4, 'higher', 'score')).toBe('not_achieved');
    expect(achievement(1, 0, 'lower', 'count')).toBe('not_achieved'); // a target of 0 has no band
    expect(achievement(0, 0, 'lower', 'count')).toBe('achieved');
  });
  it('boolean: yes or no, no band', () => {
    expect(achievement(1, 1, 'higher', 'boolean')).toBe('achieved');
    expect(achievement(0, 1, 'higher', 'boolean')).toBe('not_achieved');
    expect(achievement(0, 0, 'lower', 'boolean')).toBe('achieved');
    expect(closeBand(1, 'boolean')).toBe(0);
  });
  it('property: flipping the direction swaps sides; beating the target is always achieved', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (a10, t10) => {
        const a = a10 / 10;
        const t = t10 / 10;
        const hi = achievement(a, t, 'higher', 'percent');
        const lo = achievement(t, a, 'lower', 'percent');
        expect(hi).toBe(lo);
        if (a >= t) expect(hi).toBe('achieved');
        else expect(hi).not.toBe('achieved');
      }),
    );
    expect(roundForDisplay(12.345, 'score')).toBe(12.35);
  });
});
