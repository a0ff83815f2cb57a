/**
 * Scoring an identification against the demo generator's hidden truth (`school_ground_truth`):
 * how well «ниже ожидаемого» finds the schools whose latent quality is in the bottom share, and
 * how many flagged schools are tiny. Used by the demo-region test and bench/identify.ts.
 */
import type { SchoolOutcome } from './domain/index.js';

export interface Truth {
  schoolId: number;
  latentQuality: number;
}

export interface Quality {
  /** Schools in the bottom share of latent quality. */
  weak: number;
  baseRate: number;
  belowExpected: number;
  precision: number;
  recall: number;
  /** Schools flagged ШНОР, and those of them with fewer than `smallSize` participants in year Y. */
  flagged: number;
  flaggedSmall: number;
  flaggedSmallShare: number;
}

export function scoreAgainstTruth(
  schools: ReadonlyArray<
    Pick<SchoolOutcome, 'schoolId' | 'categories'> & { model: { participants: number } }
  >,
  truth: readonly Truth[],
  bottomShare = 0.15,
  smallSize = 10,
): Quality {
  const sorted = [...truth].sort((a, b) => a.latentQuality - b.latentQuality);
  const weak = new Set(sorted.slice(0, Math.round(sorted.length * bottomShare)).map((t) => t.schoolId));
  const known = new Set(truth.map((t) => t.schoolId));
  let be = 0;
  let hit = 0;
  let flagged = 0;
  let small = 0;
  for (const s of schools) {
    if (!known.has(s.schoolId)) continue;
    if (s.categories.includes('below_expected')) {
      be++;
      if (weak.has(s.schoolId)) hit++;
    }
    if (s.categories.includes('low_results')) {
      flagged++;
      if (s.model.participants < smallSize) small++;
    }
  }
  return {
    weak: weak.size,
    baseRate: weak.size / Math.max(1, known.size),
    belowExpected: be,
    precision: be ? hit / be : 0,
    recall: weak.size ? hit / weak.size : 0,
    flagged,
    flaggedSmall: small,
    flaggedSmallShare: flagged ? small / flagged : 0,
  };
}
