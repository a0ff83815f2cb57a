/**
 * School aggregates: completing the figures a file gives (the number below the minimum from the
 * marks), aggregating student-level records, and the content digest that makes a re-import of the
 * same data a no-op.
 */
import { StreamHash, hashHex } from './text.js';
import type { Figures, GroupKey, Scale, StudentRecord, Threshold } from './types.js';

/** The hasher of every accumulator's students (one at a time: `add` does not yield). */
const sharedHasher = new StreamHash();

const MARKS = [2, 3, 4, 5] as const;
const markKey = (m: 2 | 3 | 4 | 5) => `mark${m}` as const;

/**
 * Fill `belowMin` from the marks when the file gives marks but not the number below the minimum
 * and the threshold is a mark (ВПР, ОГЭ: below «3» = the mark «2»). Returns a new object.
 */
export function completeFigures(f: Figures, threshold: Threshold | null): Figures {
  if (f.belowMin !== null || !threshold || threshold.kind !== 'mark') return f;
  const below = MARKS.filter((m) => m < threshold.minValue);
  if (!below.length || below.some((m) => f[markKey(m)] === null)) return f;
  return { ...f, belowMin: below.reduce((s, m) => s + (f[markKey(m)] ?? 0), 0) };
}

/** The digest of an aggregate as read from a file: its key and every figure. */
export function figuresDigest(key: GroupKey, f: Figures): string {
  const mean = f.meanScore === null ? '' : f.meanScore.toFixed(3);
  return (
    'a:' +
    hashHex(
      [
        key.procedure,
        key.subject,
        key.grade,
        key.year,
        f.participants,
        f.belowMin ?? '',
        f.mark2 ?? '',
        f.mark3 ?? '',
        f.mark4 ?? '',
        f.mark5 ?? '',
        mean,
        f.high80 ?? '',
        f.high100 ?? '',
      ].join('|'),
    )
  );
}

/** What a student row adds to its group's accumulator. */
export type StudentValues = Pick<
  StudentRecord,
  'studentKey' | 'className' | 'primaryScore' | 'testScore' | 'mark' | 'journalMark'
>;

/** Numbers in an accumulator's state (`GroupAccumulator.writeState`). */
export const STATE_SIZE = 18;

/**
 * Accumulates the student records of one school and one assessment (procedure, subject, grade,
 * year) into a school aggregate. Means are of marks on a mark scale, of test scores otherwise
 * (primary scores when no test score is given); high scorers are counted on the score scale.
 */
export class GroupAccumulator {
  // Plain number fields only (no object but this one is touched per student: a million-row file
  // adds to thousands of accumulators in no order, and each extra object is a cache miss).
  private participants = 0;
  private mark2 = 0;
  private mark3 = 0;
  private mark4 = 0;
  private mark5 = 0;
  private markCount = 0;
  private below = 0;
  private belowKnown = 0;
  private testSum = 0;
  private testCount = 0;
  private primarySum = 0;
  private primaryCount = 0;
  private markSum = 0;
  private high80 = 0;
  private high100 = 0;
  /**
   * An order-independent digest of the students (the same students in any order give the same
   * digest): their count and the lane-wise sums of their hashes modulo 2^32.
   */
  private digestCount = 0;
  private digestA = 0;
  private digestB = 0;
  /** The threshold, read per student: 0 none, 1 a mark, 2 a test score; and its minimum. */
  readonly belowBy: 0 | 1 | 2;
  readonly minValue: number;

  constructor(
    readonly key: GroupKey,
    readonly scale: Scale,
    readonly threshold: Threshold | null,
  ) {
    this.belowBy = !threshold ? 0 : threshold.kind === 'mark' ? 1 : 2;
    this.minValue = threshold?.minValue ?? 0;
  }

  add(s: StudentValues): void {
    this.participants++;
    const mark = s.mark;
    if (mark !== null) {
      const m = Math.round(mark);
      if (m === 2) this.mark2++;
      else if (m === 3) this.mark3++;
      else if (m === 4) this.mark4++;
      else if (m === 5) this.mark5++;
      this.markCount++;
      this.markSum += mark;
    }
    // Below the minimum: by the mark or the test score, as the threshold says; unknown without it.
    const by = this.belowBy === 1 ? mark : this.belowBy === 2 ? s.testScore : null;
    if (by !== null) {
      this.belowKnown++;
      if (by < this.minValue) this.below++;
    }
    if (s.testScore !== null) {
      this.testSum += s.testScore;
      this.testCount++;
      if (s.testScore >= 80 && s.testScore < 100) this.high80++;
      if (s.testScore >= 100) this.high100++;
    }
    if (s.primaryScore !== null) {
      this.primarySum += s.primaryScore;
      this.primaryCount++;
    }
    // The hash of `key|class|primary|test|mark|journal`, fed piece by piece (no string joined per row).
    const h = sharedHasher.reset();
    h.text(s.studentKey);
    h.sep();
    if (s.className !== null) h.text(s.className);
    h.sep();
    if (s.primaryScore !== null) h.num(s.primaryScore);
    h.sep();
    if (s.testScore !== null) h.num(s.testScore);
    h.sep();
    if (mark !== null) h.num(mark);
    h.sep();
    if (s.journalMark !== null) h.num(s.journalMark);
    h.finish();
    this.digestCount++;
    this.digestA = (this.digestA + h.a) >>> 0;
    this.digestB = (this.digestB + h.b) >>> 0;
  }

  get count(): number {
    return this.participants;
  }

  /**
   * Everything added so far as `STATE_SIZE` numbers at `at`: an accumulator of the same group fed
   * other students of it (a parse worker's part of the file) `merge`s them, as if it had been fed
   * those students itself.
   */
  writeState(into: Float64Array, at: number): void {
    into[at] = this.participants;
    into[at + 1] = this.mark2;
    into[at + 2] = this.mark3;
    into[at + 3] = this.mark4;
    into[at + 4] = this.mark5;
    into[at + 5] = this.markCount;
    into[at + 6] = this.below;
    into[at + 7] = this.belowKnown;
    into[at + 8] = this.testSum;
    into[at + 9] = this.testCount;
    into[at + 10] = this.primarySum;
    into[at + 11] = this.primaryCount;
    into[at + 12] = this.markSum;
    into[at + 13] = this.high80;
    into[at + 14] = this.high100;
    into[at + 15] = this.digestCount;
    into[at + 16] = this.digestA;
    into[at + 17] = this.digestB;
  }

  merge(s: Float64Array, at: number): void {
    this.participants += s[at]!;
    this.mark2 += s[at + 1]!;
    this.mark3 += s[at + 2]!;
    this.mark4 += s[at + 3]!;
    this.mark5 += s[at + 4]!;
    this.markCount += s[at + 5]!;
    this.below += s[at + 6]!;
    this.belowKnown += s[at + 7]!;
    this.testSum += s[at + 8]!;
    this.testCount += s[at + 9]!;
    this.primarySum += s[at + 10]!;
    this.primaryCount += s[at + 11]!;
    this.markSum += s[at + 12]!;
    this.high80 += s[at + 13]!;
    this.high100 += s[at + 14]!;
    this.digestCount += s[at + 15]!;
    this.digestA = (this.digestA + s[at + 16]!) >>> 0;
    this.digestB = (this.digestB + s[at + 17]!) >>> 0;
  }

  figures(): Figures {
    const n = this.participants;
    const marksKnown = this.markCount === n && n > 0;
    let mean: number | null = null;
    if (this.scale === 'mark' && this.markCount) mean = this.markSum / this.markCount;
    else if (this.testCount) mean = this.testSum / this.testCount;
    else if (this.primaryCount) mean = this.primarySum / this.primaryCount;
    else if (this.markCount) mean = this.markSum / this.markCount;
    return {
      participants: n,
      belowMin: this.belowKnown ? this.below : null,
      mark2: marksKnown ? this.mark2 : null,
      mark3: marksKnown ? this.mark3 : null,
      mark4: marksKnown ? this.mark4 : null,
      mark5: marksKnown ? this.mark5 : null,
      meanScore: mean === null ? null : Math.round(mean * 1000) / 1000,
      high80: this.scale === 'score' && this.testCount ? this.high80 : null,
      high100: this.scale === 'score' && this.testCount ? this.high100 : null,
    };
  }

  /** Order-independent: the same students in any order give the same digest. */
  digestValue(): string {
    const k = this.key;
    const lanes = `${this.digestA.toString(16).padStart(8, '0')}${this.digestB.toString(16).padStart(8, '0')}`;
    return `s:${k.procedure}|${k.subject}|${k.grade}|${k.year}|${this.digestCount}:${lanes}`;
  }
}

/** Sum aggregates (a municipality's or the region's value): counts are added, never percentages averaged. */
export interface Totals {
  schools: number;
  participants: number;
  belowMin: number;
  /** Participants of the rows that give belowMin (the denominator of the share). */
  belowBase: number;
  marks: { 2: number; 3: number; 4: number; 5: number };
  marksBase: number;
  meanWeighted: number;
  meanBase: number;
  high80: number;
  high100: number;
  highBase: number;
}

export function emptyTotals(): Totals {
  return {
    schools: 0,
    participants: 0,
    belowMin: 0,
    belowBase: 0,
    marks: { 2: 0, 3: 0, 4: 0, 5: 0 },
    marksBase: 0,
    meanWeighted: 0,
    meanBase: 0,
    high80: 0,
    high100: 0,
    highBase: 0,
  };
}

export function addToTotals(t: Totals, f: Figures): Totals {
  t.schools++;
  t.participants += f.participants;
  if (f.belowMin !== null) {
    t.belowMin += f.belowMin;
    t.belowBase += f.participants;
  }
  if (f.mark2 !== null && f.mark3 !== null && f.mark4 !== null && f.mark5 !== null) {
    t.marks[2] += f.mark2;
    t.marks[3] += f.mark3;
    t.marks[4] += f.mark4;
    t.marks[5] += f.mark5;
    t.marksBase += f.participants;
  }
  if (f.meanScore !== null) {
    t.meanWeighted += f.meanScore * f.participants;
    t.meanBase += f.participants;
  }
  if (f.high80 !== null || f.high100 !== null) {
    t.high80 += f.high80 ?? 0;
    t.high100 += f.high100 ?? 0;
    t.highBase += f.participants;
  }
  return t;
}

/** Shares (in %) and the weighted mean of totals. */
export function presentTotals(t: Totals) {
  const pct = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 100 : null);
  return {
    schools: t.schools,
    participants: t.participants,
    belowMin: t.belowBase ? t.belowMin : null,
    belowMinShare: pct(t.belowMin, t.belowBase),
    meanScore: t.meanBase ? Math.round((t.meanWeighted / t.meanBase) * 100) / 100 : null,
    marks: t.marksBase
      ? {
          2: pct(t.marks[2], t.marksBase)!,
          3: pct(t.marks[3], t.marksBase)!,
          4: pct(t.marks[4], t.marksBase)!,
          5: pct(t.marks[5], t.marksBase)!,
        }
      : null,
    highShare: pct(t.high80 + t.high100, t.highBase),
  };
}
