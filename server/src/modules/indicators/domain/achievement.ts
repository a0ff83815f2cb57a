import type { Achievement, Direction, Unit } from './types.js';

/**
 * Achievement of an actual value against a target, respecting the direction.
 *
 * Values are compared as they are displayed: percent rounded to 0.1, score to 0.01, count to an
 * integer, so that «80,0 %» against a target of 80 % is achieved.
 *
 * The 'close' band (not achieved, but near):
 * - percent: within 5 percentage points of the target;
 * - count and score: within 5 % of the target's absolute value (a target of 0 has no band);
 * - boolean: none (yes or no).
 */
export const CLOSE_BAND = Object.freeze({ percentPoints: 5, relative: 0.05 });

const DIGITS: Record<Unit, number> = { percent: 1, score: 2, count: 0, boolean: 0 };

/** The value rounded as the screens show it. */
export function roundForDisplay(value: number, unit: Unit): number {
  const f = 10 ** DIGITS[unit];
  return Math.round(value * f) / f;
}

/** The width of the close band around a target (0 = none). */
export function closeBand(target: number, unit: Unit): number {
  switch (unit) {
    case 'percent':
      return CLOSE_BAND.percentPoints;
    case 'boolean':
      return 0;
    default:
      return Math.abs(target) * CLOSE_BAND.relative;
  }
}

export function achievement(
  actual: number | null,
  target: number | null,
  direction: Direction,
  unit: Unit,
): Achievement {
  if (actual === null || !Number.isFinite(actual)) return 'no_data';
  if (target === null || !Number.isFinite(target)) return 'no_target';
  const a = roundForDisplay(actual, unit);
  const t = roundForDisplay(target, unit);
  const gap = direction === 'higher' ? t - a : a - t; // > 0: short of the target
  if (gap <= 1e-9) return 'achieved';
  const band = closeBand(t, unit);
  return band > 0 && gap <= band + 1e-9 ? 'close' : 'not_achieved';
}
