import type { IdentificationParams } from './params.js';
import type { Procedure, ResultAggregate } from './types.js';

/**
 * Result rows as columns (one typed array per field) instead of one object per row: a national
 * run reads about a million rows, and objects made most of its time (allocation and garbage
 * collection). Procedures and subjects are indices into `procedures` / `subjects`. The rule and
 * the model read the rows in this form; `toColumns` turns rows given as objects (tests, small
 * callers) into it, keeping their order, so both forms take the same code path.
 */
export interface ResultColumns {
  readonly length: number;
  /** Procedure codes that `procedure` indexes. */
  readonly procedures: readonly Procedure[];
  /** Subject codes that `subject` indexes. */
  readonly subjects: readonly string[];
  readonly school: Int32Array;
  readonly procedure: Uint8Array;
  readonly subject: Uint16Array;
  /** NO_GRADE when the result has no grade. */
  readonly grade: Int32Array;
  readonly year: Int32Array;
  readonly participants: Float64Array;
  readonly belowMin: Float64Array;
  /** The row's mean (`rowMean`: the mean score, else the mean mark of the marks); NaN when unknown. */
  readonly mean: Float64Array;
}

/** `grade` of a row without a grade. */
export const NO_GRADE = -2147483648;

export const isColumns = (r: readonly ResultAggregate[] | ResultColumns): r is ResultColumns =>
  !Array.isArray(r);

/** Empty columns with room for `capacity` rows (`length` set by the caller through `sliceColumns`). */
export function allocColumns(
  capacity: number,
  procedures: readonly Procedure[],
  subjects: readonly string[],
): ResultColumns {
  return {
    length: capacity,
    procedures,
    subjects,
    school: new Int32Array(capacity),
    procedure: new Uint8Array(capacity),
    subject: new Uint16Array(capacity),
    grade: new Int32Array(capacity),
    year: new Int32Array(capacity),
    participants: new Float64Array(capacity),
    belowMin: new Float64Array(capacity),
    mean: new Float64Array(capacity),
  };
}

/** The first `length` rows (views, not copies). */
export function sliceColumns(c: ResultColumns, length: number): ResultColumns {
  return {
    length,
    procedures: c.procedures,
    subjects: c.subjects,
    school: c.school.subarray(0, length),
    procedure: c.procedure.subarray(0, length),
    subject: c.subject.subarray(0, length),
    grade: c.grade.subarray(0, length),
    year: c.year.subarray(0, length),
    participants: c.participants.subarray(0, length),
    belowMin: c.belowMin.subarray(0, length),
    mean: c.mean.subarray(0, length),
  };
}

/** The rows whose index `keep` accepts, in order (copies). */
export function filterColumns(c: ResultColumns, keep: (i: number) => boolean): ResultColumns {
  const out = allocColumns(c.length, c.procedures, c.subjects);
  let n = 0;
  for (let i = 0; i < c.length; i++) {
    if (!keep(i)) continue;
    out.school[n] = c.school[i]!;
    out.procedure[n] = c.procedure[i]!;
    out.subject[n] = c.subject[i]!;
    out.grade[n] = c.grade[i]!;
    out.year[n] = c.year[i]!;
    out.participants[n] = c.participants[i]!;
    out.belowMin[n] = c.belowMin[i]!;
    out.mean[n] = c.mean[i]!;
    n++;
  }
  return sliceColumns(out, n);
}

/** Rows given as objects as columns, in the same order. */
export function toColumns(results: readonly ResultAggregate[]): ResultColumns {
  const procedures: Procedure[] = [];
  const subjects: string[] = [];
  const pIndex = new Map<string, number>();
  const sIndex = new Map<string, number>();
  const c = allocColumns(results.length, procedures, subjects);
  results.forEach((r, i) => {
    let p = pIndex.get(r.procedure);
    if (p === undefined) pIndex.set(r.procedure, (p = procedures.push(r.procedure) - 1));
    let s = sIndex.get(r.subject);
    if (s === undefined) sIndex.set(r.subject, (s = subjects.push(r.subject) - 1));
    c.school[i] = r.schoolId;
    c.procedure[i] = p;
    c.subject[i] = s;
    c.grade[i] = r.grade === null ? NO_GRADE : r.grade;
    c.year[i] = r.year;
    c.participants[i] = r.participants;
    c.belowMin[i] = r.belowMin;
    c.mean[i] = rowMean(r) ?? NaN;
  });
  return c;
}

/** Mean of a row: its meanScore, or the mean mark from the distribution of marks (ВПР). */
export function rowMean(r: ResultAggregate): number | null {
  if (r.meanScore !== null && Number.isFinite(r.meanScore)) return r.meanScore;
  if (r.marks) {
    const n = r.marks[2] + r.marks[3] + r.marks[4] + r.marks[5];
    if (n > 0) return (2 * r.marks[2] + 3 * r.marks[3] + 4 * r.marks[4] + 5 * r.marks[5]) / n;
  }
  return null;
}

/** Row i as an object (without the marks: `meanScore` is the row's mean). */
export function rowAt(c: ResultColumns, i: number): ResultAggregate {
  const g = c.grade[i]!;
  const m = c.mean[i]!;
  return {
    schoolId: c.school[i]!,
    procedure: c.procedures[c.procedure[i]!]!,
    subject: c.subjects[c.subject[i]!]!,
    grade: g === NO_GRADE ? null : g,
    year: c.year[i]!,
    participants: c.participants[i]!,
    belowMin: c.belowMin[i]!,
    meanScore: Number.isNaN(m) ? null : m,
  };
}

/**
 * Per (procedure index, subject index): the subject group's position in `params.subjects` when
 * the pair is relevant (`isRelevant`), else −1. Index as `p * subjects.length + s`.
 */
export function relevantGroups(
  c: Pick<ResultColumns, 'procedures' | 'subjects'>,
  params: Pick<IdentificationParams, 'procedures' | 'subjects' | 'subjectGroups'>,
): Int32Array {
  const S = c.subjects.length;
  const out = new Int32Array(c.procedures.length * S).fill(-1);
  c.procedures.forEach((p, pi) => {
    if (!params.procedures.includes(p)) return;
    c.subjects.forEach((s, si) => {
      const group = params.subjectGroups[s] ?? s;
      out[pi * S + si] = params.subjects.indexOf(group);
    });
  });
  return out;
}

/**
 * Row positions grouped by school: `order[start[k]] … order[start[k + 1] − 1]` are the rows (in
 * their order) of `schoolIds[k]` that `keep` accepts; rows of other schools are left out.
 */
export function rowsBySchool(
  c: ResultColumns,
  schoolIds: readonly number[],
  keep: (i: number) => boolean,
): { start: Int32Array; order: Int32Array } {
  const slot = schoolSlots(schoolIds);
  const k = new Int32Array(c.length);
  const start = new Int32Array(schoolIds.length + 1);
  for (let i = 0; i < c.length; i++) {
    const s = keep(i) ? slot(c.school[i]!) : -1;
    k[i] = s;
    if (s >= 0) start[s + 1]!++;
  }
  for (let s = 0; s < schoolIds.length; s++) start[s + 1]! += start[s]!;
  const fill = start.slice(0, schoolIds.length);
  const order = new Int32Array(start[schoolIds.length]!);
  for (let i = 0; i < c.length; i++) {
    const s = k[i]!;
    if (s >= 0) order[fill[s]!++] = i;
  }
  return { start, order };
}

/** school id → its position in `schoolIds` (−1 when absent): a table for compact ids, else a map. */
export function schoolSlots(schoolIds: readonly number[]): (id: number) => number {
  let max = 0;
  let small = true;
  for (const id of schoolIds) {
    if (!Number.isInteger(id) || id < 0) small = false;
    else if (id > max) max = id;
  }
  if (small && max <= 4 * schoolIds.length + 1_000_000) {
    const table = new Int32Array(max + 1).fill(-1);
    schoolIds.forEach((id, k) => (table[id] = k));
    return (id) => (id >= 0 && id <= max ? table[id]! : -1);
  }
  const map = new Map<number, number>();
  schoolIds.forEach((id, k) => map.set(id, k));
  return (id) => map.get(id) ?? -1;
}
