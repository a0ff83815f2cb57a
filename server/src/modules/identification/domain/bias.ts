import { translate, type Locale } from '../../../../../common/src/i18n/index.js';
import { formatNumber, formatPercent, label } from './format.js';
import type { IdentificationParams } from './params.js';
import { subjectGroup } from './rule.js';
import { binomialUpperTail } from './stats.js';
import type { Procedure, ResultAggregate } from './types.js';

/**
 * Signs of biased marking (признаки необъективности). These are SIGNALS for a closer look by
 * people who know the school, never verdicts: every function returns the figures it used.
 */

const Z_CAP = 99;
const capZ = (z: number) => Math.max(-Z_CAP, Math.min(Z_CAP, z));

// ---------------------------------------------------------------------------------------------
// (a) ВПР marks high, external exams low.
// ---------------------------------------------------------------------------------------------

export interface ExternalMismatchOptions {
  /** Minimum excess of the ВПР share of marks 4–5 over the region (share points). */
  minVprExcess: number;
  /** Minimum excess of the ОГЭ/ЕГЭ share below the minimum over the region (share points). */
  minExamExcess: number;
  /** Minimum score (both deviations in standard errors). */
  minScore: number;
  /** Minimum participants on each side. */
  minParticipants: number;
  exams: Procedure[];
  subjectGroups: IdentificationParams['subjectGroups'];
}

export const DEFAULT_EXTERNAL_MISMATCH: ExternalMismatchOptions = {
  minVprExcess: 0.15,
  minExamExcess: 0.05,
  minScore: 1.96,
  minParticipants: 10,
  exams: ['OGE', 'EGE'],
  subjectGroups: { math_base: 'math', math_profile: 'math' },
};

export interface ExternalMismatch {
  schoolId: number;
  year: number;
  /** Subject group ('ru', 'math', ...). */
  subject: string;
  /** ВПР grade (null when the rows have none). */
  grade: number | null;
  vpr: { participants: number; highShare: number; regionShare: number; excess: number; z: number };
  exam: {
    procedures: Procedure[];
    participants: number;
    belowShare: number;
    regionShare: number;
    excess: number;
    z: number;
  };
  /** min(vpr.z, exam.z) */
  score: number;
  signal: boolean;
}

/**
 * For each school and ВПР (subject group, grade) of the year with marks:
 * - ВПР: q = share of marks 4–5 in the school, q_R = the same pooled over the OTHER schools of the
 *   input (leave-one-out region); excess_V = q − q_R; z_V = (q − q_R) / √(q_R(1 − q_R)/n).
 * - Exams of the same subject group and year (ОГЭ, ЕГЭ): per procedure p, f_p = share below the
 *   minimum in the school and f_Rp in the other schools; pooled over procedures as observed minus
 *   expected: excess_E = Σ n_p(f_p − f_Rp) / Σ n_p, z_E = Σ n_p(f_p − f_Rp) / √(Σ n_p f_Rp(1 − f_Rp)).
 * score = min(z_V, z_E): both disagreements are at least `score` standard errors large.
 * signal = score ≥ minScore AND excess_V ≥ minVprExcess AND excess_E ≥ minExamExcess AND both sides
 * have ≥ minParticipants. z are capped at ±99 (a region share of 0 or 1).
 */
export function externalMismatch(
  results: readonly ResultAggregate[],
  year: number,
  options: Partial<ExternalMismatchOptions> = {},
): ExternalMismatch[] {
  const o = { ...DEFAULT_EXTERNAL_MISMATCH, ...options };
  const group = (s: string) => subjectGroup(s, o);
  const rows = results.filter((r) => r.year === year && r.participants > 0);

  // ВПР: per (school, subject group, grade): high marks and participants with marks.
  const vpr = new Map<
    string,
    { schoolId: number; subject: string; grade: number | null; n: number; high: number }
  >();
  for (const r of rows) {
    if (r.procedure !== 'VPR' || !r.marks) continue;
    const n = r.marks[2] + r.marks[3] + r.marks[4] + r.marks[5];
    if (!(n > 0)) continue;
    const subject = group(r.subject);
    const key = `${r.schoolId}|${subject}|${r.grade ?? ''}`;
    const a = vpr.get(key) ?? { schoolId: r.schoolId, subject, grade: r.grade, n: 0, high: 0 };
    a.n += n;
    a.high += r.marks[4] + r.marks[5];
    vpr.set(key, a);
  }
  const vprTotals = new Map<string, { n: number; high: number }>();
  for (const a of vpr.values()) {
    const key = `${a.subject}|${a.grade ?? ''}`;
    const t = vprTotals.get(key) ?? { n: 0, high: 0 };
    t.n += a.n;
    t.high += a.high;
    vprTotals.set(key, t);
  }

  // Exams: per (school, subject group, procedure).
  const exam = new Map<string, { n: number; k: number }>();
  const examTotals = new Map<string, { n: number; k: number }>();
  for (const r of rows) {
    if (!o.exams.includes(r.procedure)) continue;
    const subject = group(r.subject);
    for (const [map, key] of [
      [exam, `${r.schoolId}|${subject}|${r.procedure}`],
      [examTotals, `${subject}|${r.procedure}`],
    ] as const) {
      const a = map.get(key) ?? { n: 0, k: 0 };
      a.n += r.participants;
      a.k += r.belowMin;
      map.set(key, a);
    }
  }

  const out: ExternalMismatch[] = [];
  for (const v of vpr.values()) {
    const vt = vprTotals.get(`${v.subject}|${v.grade ?? ''}`)!;
    const rn = vt.n - v.n;
    if (!(rn > 0)) continue;
    const q = v.high / v.n;
    const qR = (vt.high - v.high) / rn;
    const vVar = (qR * (1 - qR)) / v.n;
    const zV = capZ(vVar > 0 ? (q - qR) / Math.sqrt(vVar) : q > qR ? Z_CAP : q < qR ? -Z_CAP : 0);

    let n = 0;
    let k = 0;
    let oe = 0;
    let varSum = 0;
    let regionExpected = 0;
    const procs: Procedure[] = [];
    for (const p of o.exams) {
      const s = exam.get(`${v.schoolId}|${v.subject}|${p}`);
      const t = examTotals.get(`${v.subject}|${p}`);
      if (!s || !t || !(t.n - s.n > 0)) continue;
      const fR = (t.k - s.k) / (t.n - s.n);
      procs.push(p);
      n += s.n;
      k += s.k;
      oe += s.k - s.n * fR;
      varSum += s.n * fR * (1 - fR);
      regionExpected += s.n * fR;
    }
    if (n === 0) continue;
    const zE = capZ(varSum > 0 ? oe / Math.sqrt(varSum) : oe > 0 ? Z_CAP : oe < 0 ? -Z_CAP : 0);
    const score = Math.min(zV, zE);
    const examExcess = oe / n;
    out.push({
      schoolId: v.schoolId,
      year,
      subject: v.subject,
      grade: v.grade,
      vpr: { participants: v.n, highShare: q, regionShare: qR, excess: q - qR, z: zV },
      exam: {
        procedures: procs,
        participants: n,
        belowShare: k / n,
        regionShare: regionExpected / n,
        excess: examExcess,
        z: zE,
      },
      score,
      signal:
        v.n >= o.minParticipants &&
        n >= o.minParticipants &&
        q - qR >= o.minVprExcess - 1e-12 &&
        examExcess >= o.minExamExcess - 1e-12 &&
        score >= o.minScore,
    });
  }
  return out.sort(
    (a, b) =>
      a.schoolId - b.schoolId ||
      (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0) ||
      (a.grade ?? -1) - (b.grade ?? -1),
  );
}

// ---------------------------------------------------------------------------------------------
// (b) Journal marks vs ВПР marks of the same students.
// ---------------------------------------------------------------------------------------------

export interface MarkPair {
  vprMark: number;
  journalMark: number;
}

export interface JournalComparisonOptions {
  /** Flag when the share of students whose journal mark is higher than the ВПР mark exceeds this. */
  maxAboveShare: number;
  /** No signal with fewer pairs. */
  minPairs: number;
}

/**
 * Default: more than 40 % of students with a journal mark above the ВПР mark, with at least 10 pairs.
 * 40 % is a starting point: nationally the share is usually well below that; a region should
 * calibrate it on its own distribution.
 */
export const DEFAULT_JOURNAL_COMPARISON: JournalComparisonOptions = { maxAboveShare: 0.4, minPairs: 10 };

export interface JournalComparison {
  n: number;
  /** journal < ВПР («повысили» on ВПР) */
  below: number;
  /** journal = ВПР («подтвердили») */
  equal: number;
  /** journal > ВПР («понизили» on ВПР): the sign of inflated current marks. */
  above: number;
  belowShare: number;
  equalShare: number;
  aboveShare: number;
  signal: boolean;
}

/** Shares of students whose journal mark is below / equal to / above their ВПР mark. */
export function compareJournalMarks(
  pairs: readonly MarkPair[],
  options: Partial<JournalComparisonOptions> = {},
): JournalComparison {
  const o = { ...DEFAULT_JOURNAL_COMPARISON, ...options };
  let below = 0;
  let equal = 0;
  let above = 0;
  for (const p of pairs) {
    if (!Number.isFinite(p.vprMark) || !Number.isFinite(p.journalMark)) continue;
    if (p.journalMark < p.vprMark) below++;
    else if (p.journalMark > p.vprMark) above++;
    else equal++;
  }
  const n = below + equal + above;
  const share = (x: number) => (n > 0 ? x / n : 0);
  return {
    n,
    below,
    equal,
    above,
    belowShare: share(below),
    equalShare: share(equal),
    aboveShare: share(above),
    signal: n >= o.minPairs && share(above) > o.maxAboveShare + 1e-12,
  };
}

// ---------------------------------------------------------------------------------------------
// (c) A peak of primary scores just above a mark boundary.
// ---------------------------------------------------------------------------------------------

export interface BoundaryPeakOptions {
  /** Width of each window in points (2: the boundary and the next point vs the two points below). */
  window: number;
  /** Significance level of the one-sided binomial test. */
  alpha: number;
  /** Minimum ratio above/below. */
  minRatio: number;
  /** No signal with fewer scores in the two windows together. */
  minCount: number;
}

export const DEFAULT_BOUNDARY_PEAK: BoundaryPeakOptions = {
  window: 2,
  alpha: 0.01,
  minRatio: 1.5,
  minCount: 10,
};

export interface BoundaryPeak {
  /** The minimum primary score of a mark. */
  boundary: number;
  /** Scores in [boundary, boundary + window − 1]: those that just reached the mark. */
  above: number;
  /** Scores in [boundary − window, boundary − 1]: those that just missed it. */
  below: number;
  /** above / below; null when below = 0. */
  ratio: number | null;
  /** One-sided P(X ≥ above), X ~ Binomial(above + below, 1/2). */
  pValue: number;
  signal: boolean;
}

/**
 * For each boundary: if scores were distributed smoothly, a score that falls in the 2·window points
 * around the boundary would be about equally likely just below it or just above it, so the number
 * above is ~ Binomial(above + below, 1/2). A signal needs all three: the one-sided exact binomial
 * p-value < alpha, above/below ≥ minRatio (an effect worth looking at, not just a large sample;
 * below = 0 counts as an infinite ratio), and above + below ≥ minCount. A steep but honest slope of
 * the distribution can also create an excess, hence minRatio and the word "signal".
 */
export function boundaryPeaks(
  scores: readonly number[],
  boundaries: readonly number[],
  options: Partial<BoundaryPeakOptions> = {},
): BoundaryPeak[] {
  const o = { ...DEFAULT_BOUNDARY_PEAK, ...options };
  return [...boundaries]
    .sort((a, b) => a - b)
    .map((b) => {
      let above = 0;
      let below = 0;
      for (const s of scores) {
        if (s >= b && s <= b + o.window - 1) above++;
        else if (s >= b - o.window && s <= b - 1) below++;
      }
      const pValue = binomialUpperTail(above, above + below, 0.5);
      const ratio = below > 0 ? above / below : null;
      const ratioOk = ratio === null ? above > 0 : ratio >= o.minRatio;
      return {
        boundary: b,
        above,
        below,
        ratio,
        pValue,
        signal: above + below >= o.minCount && pValue < o.alpha && ratioOk,
      };
    });
}

// ---------------------------------------------------------------------------------------------
// Sentences.
// ---------------------------------------------------------------------------------------------

export function describeExternalMismatch(s: ExternalMismatch, locale: Locale = 'ru'): string {
  return translate(locale, 'identification.bias.external', {
    subject: label(locale, 'subject', s.subject),
    grade: s.grade ?? '—',
    vprShare: formatPercent(locale, s.vpr.highShare),
    vprRegion: formatPercent(locale, s.vpr.regionShare),
    exam: s.exam.procedures.map((p) => label(locale, 'procedure', p)).join('/'),
    examShare: formatPercent(locale, s.exam.belowShare),
    examRegion: formatPercent(locale, s.exam.regionShare),
  });
}

export function describeJournalComparison(
  c: JournalComparison,
  locale: Locale = 'ru',
  options: Partial<JournalComparisonOptions> = {},
): string {
  const o = { ...DEFAULT_JOURNAL_COMPARISON, ...options };
  return translate(locale, 'identification.bias.journal', {
    above: formatPercent(locale, c.aboveShare),
    aboveCount: c.above,
    n: c.n,
    max: formatNumber(locale, o.maxAboveShare * 100, 0),
  });
}

export function describeBoundaryPeak(
  p: BoundaryPeak,
  locale: Locale = 'ru',
  window = DEFAULT_BOUNDARY_PEAK.window,
): string {
  return translate(locale, 'identification.bias.boundary', {
    boundary: p.boundary,
    aboveTo: p.boundary + window - 1,
    belowFrom: p.boundary - window,
    belowTo: p.boundary - 1,
    aboveCount: p.above,
    belowCount: p.below,
    ratio: p.ratio === null ? '∞' : formatNumber(locale, p.ratio, 2),
    p:
      p.pValue < 0.001 ? `p < ${formatNumber(locale, 0.001, 3)}` : `p = ${formatNumber(locale, p.pValue, 3)}`,
  });
}
