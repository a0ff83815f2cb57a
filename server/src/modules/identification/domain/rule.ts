import type { IdentificationParams } from './params.js';
import { wilsonLower } from './stats.js';
import type { Procedure, ResultAggregate } from './types.js';
import {
  NO_GRADE,
  isColumns,
  relevantGroups,
  rowsBySchool,
  toColumns,
  type ResultColumns,
} from './columns.js';

/**
 * The ШНОР rule (the published municipal rule, configurable):
 * a school is low-results in year Y when at least `threshold` of the participants did not reach
 * the minimum in Russian and/or mathematics (subjectMode) on the chosen procedures
 *   А) in year Y in at least `clauseAMinProcedures` (2) different procedures, or
 *   Б) in the same procedure in two consecutive years, Y−1 and Y.
 * Cells (procedure, subject group, grade, year) with fewer than `minParticipants` participants are
 * 'insufficient' and never count towards a flag.
 */

/** Shares equal to the threshold within this tolerance count as reaching it (3/10 vs 0.30). */
const EPS = 1e-9;

export type CellStatus = 'met' | 'not_met' | 'insufficient';

/** One (procedure, subject group, grade, year) of one school: a "trigger" that met the threshold or not. */
export interface RuleCell {
  procedure: Procedure;
  /** Subject group, e.g. 'math' for math_base + math_profile. */
  subject: string;
  /** Original subject codes summed into this cell. */
  sourceSubjects: string[];
  /** null when grades are pooled (or the results have no grade). */
  grade: number | null;
  year: number;
  participants: number;
  belowMin: number;
  /** belowMin / participants */
  share: number;
  /** Lower bound of the 95 % Wilson interval. */
  wilsonLower: number;
  threshold: number;
  /** met: the share (plain) or its Wilson lower bound (wilson) ≥ threshold. */
  status: CellStatus;
}

export type ProcedureYearStatus = 'met' | 'not_met' | 'insufficient' | 'no_data';

export interface ProcedureYear {
  procedure: Procedure;
  year: number;
  status: ProcedureYearStatus;
  /** Subject groups that met the threshold in this procedure and year. */
  metSubjects: string[];
}

export type RuleStatus = 'flagged' | 'not_flagged' | 'insufficient' | 'no_data';

export interface ClauseResult {
  enabled: boolean;
  holds: boolean;
  /** Procedures that make the clause hold (empty when it does not). */
  procedures: Procedure[];
}

export interface RuleResult {
  schoolId: number;
  year: number;
  /**
   * flagged: clause А or Б holds; no_data: no results in Y−1..Y for the chosen procedures and
   * subjects; insufficient: not flagged, and either no cell had enough participants or the
   * outcome would change if the insufficient cells had met the threshold; not_flagged otherwise.
   */
  status: RuleStatus;
  /** Every cell of Y−1 and Y, sorted (year, procedure, subject, grade). */
  triggers: RuleCell[];
  procedures: ProcedureYear[];
  clauseA: ClauseResult;
  clauseB: ClauseResult;
  /** Union of the procedures of the clauses that hold. */
  triggeringProcedures: Procedure[];
}

/** The subject group of a subject code ('math_base' → 'math'). */
export function subjectGroup(subject: string, params: Pick<IdentificationParams, 'subjectGroups'>): string {
  return params.subjectGroups[subject] ?? subject;
}

/** Whether a result row is within the chosen procedures and subjects. */
export function isRelevant(
  r: Pick<ResultAggregate, 'procedure' | 'subject'>,
  params: Pick<IdentificationParams, 'procedures' | 'subjects' | 'subjectGroups'>,
): boolean {
  return params.procedures.includes(r.procedure) && params.subjects.includes(subjectGroup(r.subject, params));
}

/**
 * The status of a cell from its participants, share (belowMin / participants) and Wilson lower
 * bound: met when the share (plain) or the bound (wilson) reaches the threshold.
 */
function statusOf(
  participants: number,
  share: number,
  lower: number,
  params: Pick<IdentificationParams, 'threshold' | 'minParticipants' | 'mode'>,
): CellStatus {
  if (participants < params.minParticipants) return 'insufficient';
  const value = params.mode === 'wilson' ? lower : share;
  return value >= params.threshold - EPS ? 'met' : 'not_met';
}

const PROCEDURE_ORDER: Record<Procedure, number> = { VPR: 0, OGE: 1, EGE: 2, REGIONAL: 3, MUNICIPAL: 4 };

export function compareProcedures(a: Procedure, b: Procedure): number {
  return PROCEDURE_ORDER[a] - PROCEDURE_ORDER[b];
}

/** Build the cells of one school for years Y−1 and Y (rows of other schools/years are ignored). */
export function buildCells(
  schoolId: number,
  year: number,
  results: readonly ResultAggregate[] | ResultColumns,
  params: IdentificationParams,
): RuleCell[] {
  const c = isColumns(results) ? results : toColumns(results);
  const { start, order } = rowsBySchool(c, [schoolId], (i) => c.year[i] === year || c.year[i] === year - 1);
  return cellsOf(c, order, start[0]!, start[1]!, relevantGroups(c, params), params);
}

/**
 * The cells of the rows `order[from] … order[to − 1]` (one school, years Y−1 and Y); `groups` as
 * `relevantGroups` gives them.
 */
function cellsOf(
  c: ResultColumns,
  order: Int32Array,
  from: number,
  to: number,
  groups: Int32Array,
  params: IdentificationParams,
): RuleCell[] {
  // A school has a few dozen cells at most: a linear search beats a key per result row. The
  // cells add up their rows as they are found, their figures are set at the end.
  const cells: RuleCell[] = [];
  // the sort key of each cell: year, procedure (PROCEDURE_ORDER), subject (position in
  // params.subjects, which `g` is), grade (none first); no two cells share one
  const keys: number[] = [];
  let byKey = true;
  const S = c.subjects.length;
  const perGrade = params.grades === 'per_grade';
  for (let j = from; j < to; j++) {
    const i = order[j]!;
    const si = c.subject[i]!;
    const g = groups[c.procedure[i]! * S + si]!;
    const n = c.participants[i]!;
    if (g < 0 || !(n > 0)) continue;
    const y = c.year[i]!;
    const procedure = c.procedures[c.procedure[i]!]!;
    const subject = params.subjects[g]!;
    const rawGrade = perGrade ? c.grade[i]! : NO_GRADE;
    const grade = rawGrade === NO_GRADE ? null : rawGrade;
    const keyed = grade === null || (Number.isInteger(grade) && grade >= 0 && grade < 255);
    const key = ((y * 8 + PROCEDURE_ORDER[procedure]) * 65536 + g) * 256 + (grade === null ? 0 : grade + 1);
    let a: RuleCell | undefined;
    // by the key while every key is unique (a number compared per cell), else field by field; the
    // newest cells first: rows come in school, procedure, subject, grade, year order, so a row's
    // cell is mostly one of the last two
    if (byKey && keyed) {
      for (let k = keys.length - 1; k >= 0; k--)
        if (keys[k] === key) {
          a = cells[k];
          break;
        }
    } else
      for (const x of cells)
        if (x.year === y && x.procedure === procedure && x.subject === subject && x.grade === grade) {
          a = x;
          break;
        }
    if (!a) {
      a = {
        procedure,
        subject,
        sourceSubjects: one(c.subjects[si]!),
        grade,
        year: y,
        participants: 0,
        belowMin: 0,
        share: 0,
        wilsonLower: 0,
        threshold: params.threshold,
        status: 'insufficient',
      };
      cells.push(a);
      if (!keyed) byKey = false;
      keys.push(key);
    }
    a.participants += n;
    a.belowMin += c.belowMin[i]!;
    const code = c.subjects[si]!;
    if (!a.sourceSubjects.includes(code)) a.sourceSubjects = withSubject(a.sourceSubjects, code);
  }
  for (const a of cells) {
    a.share = a.participants > 0 ? a.belowMin / a.participants : 0;
    a.wilsonLower = wilsonLower(a.belowMin, a.participants);
    a.status = statusOf(a.participants, a.share, a.wilsonLower, params);
  }
  if (!byKey)
    return cells.sort(
      (a, b) =>
        a.year - b.year ||
        compareProcedures(a.procedure, b.procedure) ||
        params.subjects.indexOf(a.subject) - params.subjects.indexOf(b.subject) ||
        (a.grade ?? -1) - (b.grade ?? -1),
    );
  // insertion sort by key (a few dozen cells, mostly in order already): the order of comparing
  // year, procedure, subject and grade, without a comparator call per pair
  for (let j = 1; j < cells.length; j++) {
    const k = keys[j]!;
    const x = cells[j]!;
    let t = j - 1;
    while (t >= 0 && keys[t]! > k) {
      keys[t + 1] = keys[t]!;
      cells[t + 1] = cells[t]!;
      t--;
    }
    keys[t + 1] = k;
    cells[t + 1] = x;
  }
  return cells;
}

type SubjectStatus = 'met' | 'not_met' | 'insufficient' | 'no_data';

/**
 * Shared frozen lists for the most common values (no subjects met; the source subjects of a cell,
 * sorted), so that a national run does not keep a million tiny arrays alive: the outcome's lists
 * are read, never changed.
 */
const NONE = Object.freeze([]) as unknown as string[];
const single = new Map<string, string[]>();
function one(code: string): string[] {
  let a = single.get(code);
  if (!a) single.set(code, (a = Object.freeze([code]) as unknown as string[]));
  return a;
}
/**
 * `list` (shared: `one`, NONE or of these) with one more code, shared in turn: one frozen array
 * per distinct content; `order` puts the codes in their order.
 */
function sharedLists<T extends string>(order: (codes: T[]) => T[]) {
  const extended = new WeakMap<T[], Map<T, T[]>>();
  return (list: T[], code: T): T[] => {
    let byCode = extended.get(list);
    if (!byCode) extended.set(list, (byCode = new Map()));
    let a = byCode.get(code);
    if (!a) byCode.set(code, (a = Object.freeze(order([...list, code])) as unknown as T[]));
    return a;
  };
}
/** Source subjects: sorted. */
const withSubject = sharedLists<string>((codes) => codes.sort());
/** Met subjects: in the order they are found (that of the parameters' subjects). */
const withMetSubject = sharedLists<string>((codes) => codes);

/** The status of a subject group in a procedure and year from the cells that have it. */
function subjectStatus(
  cells: readonly RuleCell[],
  procedure: Procedure,
  year: number,
  subject: string,
  optimistic: boolean,
): SubjectStatus {
  let any = false;
  let met = false;
  let notMet = false;
  for (const c of cells) {
    if (c.procedure !== procedure || c.year !== year || c.subject !== subject) continue;
    any = true;
    if (c.status === 'met' || (optimistic && c.status === 'insufficient')) met = true;
    else if (c.status === 'not_met') notMet = true;
  }
  if (!any) return 'no_data';
  return met ? 'met' : notMet ? 'not_met' : 'insufficient';
}

function procedureYearStatus(
  cells: readonly RuleCell[],
  procedure: Procedure,
  year: number,
  subjects: readonly string[],
  params: IdentificationParams,
  optimistic: boolean,
): { status: ProcedureYearStatus; metSubjects: string[] } {
  let metSubjects = NONE;
  let allNoData = true;
  let anyMet = false;
  let anyNotMet = false;
  let allMet = true;
  let anyNotMetOrNoData = false;
  for (const s of subjects) {
    const st = subjectStatus(cells, procedure, year, s, optimistic);
    if (st === 'met') {
      metSubjects = withMetSubject(metSubjects, s);
      anyMet = true;
    } else allMet = false;
    if (st !== 'no_data') allNoData = false;
    if (st === 'not_met') anyNotMet = true;
    if (st === 'not_met' || st === 'no_data') anyNotMetOrNoData = true;
  }
  if (allNoData) return { status: 'no_data', metSubjects };
  if (params.subjectMode === 'any') {
    if (anyMet) return { status: 'met', metSubjects };
    if (anyNotMet) return { status: 'not_met', metSubjects };
    return { status: 'insufficient', metSubjects };
  }
  // 'all': every subject must meet the threshold in this procedure and year.
  if (allMet) return { status: 'met', metSubjects };
  if (anyNotMetOrNoData) return { status: 'not_met', metSubjects };
  return { status: 'insufficient', metSubjects };
}

/**
 * Per parameters: the distinct procedures (in the order of compareProcedures) and subjects, and
 * the shared, frozen values of the rule's outcome. A national run keeps 45,000 outcomes alive at
 * once, and most schools have the same procedure-year statuses and clauses as many others: one
 * object per distinct value instead of a dozen per school spares the garbage collector most of its
 * work. They are plain data, equal to freshly built ones; nothing modifies an outcome. They are
 * found by identity (the met subjects are shared lists, `withMetSubject`) and by masks of the
 * procedures' positions (at most five), without building a key per school.
 */
interface RuleShapes {
  procedures: Procedure[];
  subjects: string[];
  /** year Y → its procedure-year values and their lists (a trie over the values in order) */
  years: Map<number, { values: Map<number, Map<string[], ProcedureYear>>; lists: ListNode }>;
  /** enabled + 2 · holds + 4 · mask of the procedures → the clause */
  clauses: Map<number, ClauseResult>;
  /** mask of the procedures → them, in order */
  procedureLists: Map<number, Procedure[]>;
}
interface ListNode {
  next: Map<ProcedureYear, ListNode>;
  list?: ProcedureYear[];
}
const shapesOf = new WeakMap<IdentificationParams, RuleShapes>();
function shapes(params: IdentificationParams): RuleShapes {
  let d = shapesOf.get(params);
  if (!d) {
    d = {
      procedures: [...new Set(params.procedures)].sort(compareProcedures),
      subjects: [...new Set(params.subjects)],
      years: new Map(),
      clauses: new Map(),
      procedureLists: new Map(),
    };
    shapesOf.set(params, d);
  }
  return d;
}
function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}
function cached<K, T>(map: Map<K, T>, key: K, make: () => T): T {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = deepFreeze(make())));
  return v;
}
const PY_STATUSES: readonly ProcedureYearStatus[] = ['met', 'not_met', 'insufficient', 'no_data'];
/** The procedures whose bit is set in `mask` (bit k: `d.procedures[k]`), in order. */
const proceduresOf = (d: RuleShapes, mask: number): Procedure[] =>
  cached(d.procedureLists, mask, () => d.procedures.filter((_p, k) => mask & (1 << k)));
const clause = (d: RuleShapes, enabled: boolean, holds: boolean, mask: number): ClauseResult =>
  cached(d.clauses, (enabled ? 1 : 0) + (holds ? 2 : 0) + 4 * mask, () => ({
    enabled,
    holds,
    procedures: [...proceduresOf(d, mask)],
  }));

function evaluate(cells: readonly RuleCell[], year: number, params: IdentificationParams) {
  const d = shapes(params);
  const P = d.procedures.length;
  let shared = d.years.get(year);
  if (!shared) d.years.set(year, (shared = { values: new Map(), lists: { next: new Map() } }));
  let node = shared.lists;
  const values: ProcedureYear[] = [];
  let metY = 0;
  let metPrev = 0;
  let metYCount = 0;
  for (let t = 0; t < 2; t++) {
    const y = year - 1 + t;
    for (let k = 0; k < P; k++) {
      const procedure = d.procedures[k]!;
      const { status, metSubjects } = procedureYearStatus(cells, procedure, y, d.subjects, params, false);
      // (no closure per school: this runs 8 times a school)
      const at = (t * P + k) * 4 + PY_STATUSES.indexOf(status);
      let byList = shared.values.get(at);
      if (!byList) shared.values.set(at, (byList = new Map()));
      let value = byList.get(metSubjects);
      if (!value)
        byList.set(
          metSubjects,
          (value = deepFreeze({ procedure, year: y, status, metSubjects: [...metSubjects] })),
        );
      values.push(value);
      let child = node.next.get(value);
      if (!child) node.next.set(value, (child = { next: new Map() }));
      node = child;
      if (status !== 'met') continue;
      if (t === 1) {
        metY |= 1 << k;
        metYCount++;
      } else metPrev |= 1 << k;
    }
  }
  const procedures = node.list ?? (node.list = Object.freeze(values) as unknown as ProcedureYear[]);
  const aHolds = params.clauseA && metYCount >= params.clauseAMinProcedures;
  const bMask = metY & metPrev;
  const bHolds = params.clauseB && bMask !== 0;
  return {
    procedures,
    clauseA: clause(d, params.clauseA, aHolds, aHolds ? metY : 0),
    clauseB: clause(d, params.clauseB, bHolds, bHolds ? bMask : 0),
    /** the procedures of the clauses that hold, in order */
    triggering: proceduresOf(d, (aHolds ? metY : 0) | (bHolds ? bMask : 0)),
    flagged: aHolds || bHolds,
  };
}

/**
 * Whether the rule would hold if the insufficient cells had met the threshold: `evaluate`'s
 * `flagged` with the insufficient cells counted as met, without building the procedures (most
 * schools are asked this).
 */
function flaggedIfInsufficientMet(
  cells: readonly RuleCell[],
  year: number,
  params: IdentificationParams,
): boolean {
  const d = shapes(params);
  let metY = 0;
  let both = false;
  for (const p of d.procedures) {
    const now = procedureYearStatus(cells, p, year, d.subjects, params, true).status === 'met';
    if (!now) continue;
    metY++;
    if (!both && procedureYearStatus(cells, p, year - 1, d.subjects, params, true).status === 'met')
      both = true;
  }
  return (params.clauseA && metY >= params.clauseAMinProcedures) || (params.clauseB && both);
}

/** Apply the ШНОР rule for year Y to one school. */
export function applyRule(
  schoolId: number,
  year: number,
  results: readonly ResultAggregate[],
  params: IdentificationParams,
): RuleResult {
  return ruleFromCells(schoolId, year, buildCells(schoolId, year, results, params), params);
}

/**
 * The rule's outcome from a school's cells (as `buildCells` makes them): how a stored run rebuilds
 * the outcome it explains from the cells alone.
 */
export function ruleFromCells(
  schoolId: number,
  year: number,
  triggers: RuleCell[],
  params: IdentificationParams,
): RuleResult {
  const real = evaluate(triggers, year, params);
  let status: RuleStatus;
  if (triggers.length === 0) status = 'no_data';
  else if (real.flagged) status = 'flagged';
  else if (
    triggers.every((c) => c.status === 'insufficient') ||
    flaggedIfInsufficientMet(triggers, year, params)
  )
    status = 'insufficient';
  else status = 'not_flagged';
  return {
    schoolId,
    year,
    status,
    triggers,
    procedures: real.procedures,
    clauseA: real.clauseA,
    clauseB: real.clauseB,
    triggeringProcedures: real.triggering,
  };
}

/**
 * The rule of many schools, one at a time: the rows are grouped by school at once, the rule of
 * the school at position k of `schoolIds` is computed when asked for.
 */
export function ruleForSchools(
  schoolIds: readonly number[],
  year: number,
  results: readonly ResultAggregate[] | ResultColumns,
  params: IdentificationParams,
): (k: number) => RuleResult {
  const c = isColumns(results) ? results : toColumns(results);
  const { start, order } = rowsBySchool(c, schoolIds, (i) => c.year[i] === year || c.year[i] === year - 1);
  const groups = relevantGroups(c, params);
  return (k) =>
    ruleFromCells(schoolIds[k]!, year, cellsOf(c, order, start[k]!, start[k + 1]!, groups, params), params);
}
