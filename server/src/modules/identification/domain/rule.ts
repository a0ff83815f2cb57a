import type { IdentificationParams } from './params.js';
import { wilsonInterval } from './stats.js';
import type { Procedure, ResultAggregate } from './types.js';

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

export function cellStatus(
  belowMin: number,
  participants: number,
  params: Pick<IdentificationParams, 'threshold' | 'minParticipants' | 'mode'>,
): { status: CellStatus; share: number; wilsonLower: number } {
  const share = participants > 0 ? belowMin / participants : 0;
  const wilsonLower = wilsonInterval(belowMin, participants).lower;
  if (participants < params.minParticipants) return { status: 'insufficient', share, wilsonLower };
  const value = params.mode === 'wilson' ? wilsonLower : share;
  return { status: value >= params.threshold - EPS ? 'met' : 'not_met', share, wilsonLower };
}

const PROCEDURE_ORDER: Record<Procedure, number> = { VPR: 0, OGE: 1, EGE: 2, REGIONAL: 3, MUNICIPAL: 4 };

export function compareProcedures(a: Procedure, b: Procedure): number {
  return PROCEDURE_ORDER[a] - PROCEDURE_ORDER[b];
}

/** Build the cells of one school for years Y−1 and Y (rows of other schools/years are ignored). */
export function buildCells(
  schoolId: number,
  year: number,
  results: readonly ResultAggregate[],
  params: IdentificationParams,
): RuleCell[] {
  // A school has a few dozen cells at most: a linear search beats a string key per result row.
  const acc: Array<{
    procedure: Procedure;
    subject: string;
    grade: number | null;
    year: number;
    n: number;
    k: number;
    src: string[];
  }> = [];
  for (const r of results) {
    if (r.schoolId !== schoolId || (r.year !== year && r.year !== year - 1)) continue;
    if (!isRelevant(r, params) || !(r.participants > 0)) continue;
    const subject = subjectGroup(r.subject, params);
    const grade = params.grades === 'per_grade' ? r.grade : null;
    let a = acc.find(
      (x) => x.year === r.year && x.procedure === r.procedure && x.subject === subject && x.grade === grade,
    );
    if (!a) {
      a = { procedure: r.procedure, subject, grade, year: r.year, n: 0, k: 0, src: [] };
      acc.push(a);
    }
    a.n += r.participants;
    a.k += r.belowMin;
    if (!a.src.includes(r.subject)) a.src.push(r.subject);
  }
  const cells: RuleCell[] = acc.map((a) => {
    const s = cellStatus(a.k, a.n, params);
    return {
      procedure: a.procedure,
      subject: a.subject,
      sourceSubjects: a.src.sort(),
      grade: a.grade,
      year: a.year,
      participants: a.n,
      belowMin: a.k,
      share: s.share,
      wilsonLower: s.wilsonLower,
      threshold: params.threshold,
      status: s.status,
    };
  });
  return cells.sort(
    (a, b) =>
      a.year - b.year ||
      compareProcedures(a.procedure, b.procedure) ||
      params.subjects.indexOf(a.subject) - params.subjects.indexOf(b.subject) ||
      (a.grade ?? -1) - (b.grade ?? -1),
  );
}

type SubjectStatus = 'met' | 'not_met' | 'insufficient' | 'no_data';

function subjectStatus(cells: readonly RuleCell[], optimistic: boolean): SubjectStatus {
  if (cells.length === 0) return 'no_data';
  const st = cells.map((c) => (optimistic && c.status === 'insufficient' ? 'met' : c.status));
  if (st.includes('met')) return 'met';
  if (st.includes('not_met')) return 'not_met';
  return 'insufficient';
}

function procedureYearStatus(
  cells: readonly RuleCell[],
  params: IdentificationParams,
  optimistic: boolean,
): { status: ProcedureYearStatus; metSubjects: string[] } {
  const per = [...new Set(params.subjects)].map((s) => ({
    s,
    st: subjectStatus(
      cells.filter((c) => c.subject === s),
      optimistic,
    ),
  }));
  const metSubjects = per.filter((p) => p.st === 'met').map((p) => p.s);
  const all = per.map((p) => p.st);
  if (all.every((s) => s === 'no_data')) return { status: 'no_data', metSubjects };
  if (params.subjectMode === 'any') {
    if (all.includes('met')) return { status: 'met', metSubjects };
    if (all.includes('not_met')) return { status: 'not_met', metSubjects };
    return { status: 'insufficient', metSubjects };
  }
  // 'all': every subject must meet the threshold in this procedure and year.
  if (all.every((s) => s === 'met')) return { status: 'met', metSubjects };
  if (all.some((s) => s === 'not_met' || s === 'no_data')) return { status: 'not_met', metSubjects };
  return { status: 'insufficient', metSubjects };
}

function evaluate(
  cells: readonly RuleCell[],
  year: number,
  params: IdentificationParams,
  optimistic: boolean,
) {
  const procedures: ProcedureYear[] = [];
  for (const y of [year - 1, year]) {
    for (const p of new Set(params.procedures)) {
      const own = cells.filter((c) => c.procedure === p && c.year === y);
      const r = procedureYearStatus(own, params, optimistic);
      procedures.push({ procedure: p, year: y, status: r.status, metSubjects: r.metSubjects });
    }
  }
  procedures.sort((a, b) => a.year - b.year || compareProcedures(a.procedure, b.procedure));
  const metIn = (y: number) =>
    procedures.filter((p) => p.year === y && p.status === 'met').map((p) => p.procedure);
  const metY = [...new Set(metIn(year))].sort(compareProcedures);
  const metPrev = new Set(metIn(year - 1));
  const aHolds = params.clauseA && metY.length >= params.clauseAMinProcedures;
  const bProcs = metY.filter((p) => metPrev.has(p));
  const bHolds = params.clauseB && bProcs.length > 0;
  const clauseA: ClauseResult = { enabled: params.clauseA, holds: aHolds, procedures: aHolds ? metY : [] };
  const clauseB: ClauseResult = { enabled: params.clauseB, holds: bHolds, procedures: bHolds ? bProcs : [] };
  return { procedures, clauseA, clauseB, flagged: aHolds || bHolds };
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
  const real = evaluate(triggers, year, params, false);
  const triggeringProcedures = [...new Set([...real.clauseA.procedures, ...real.clauseB.procedures])].sort(
    compareProcedures,
  );
  let status: RuleStatus;
  if (triggers.length === 0) status = 'no_data';
  else if (real.flagged) status = 'flagged';
  else if (
    triggers.every((c) => c.status === 'insufficient') ||
    evaluate(triggers, year, params, true).flagged
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
    triggeringProcedures,
  };
}

/** Apply the rule to many schools at once (results are grouped by school first). */
export function applyRuleToAll(
  schoolIds: readonly number[],
  year: number,
  results: readonly ResultAggregate[],
  params: IdentificationParams,
): RuleResult[] {
  const bySchool = new Map<number, ResultAggregate[]>();
  let last: ResultAggregate[] | undefined;
  let lastId = NaN;
  for (const r of results) {
    if (r.year !== year && r.year !== year - 1) continue;
    // rows usually come grouped by school (the repository orders them): skip the map lookup then
    if (r.schoolId !== lastId) {
      lastId = r.schoolId;
      last = bySchool.get(r.schoolId);
      if (!last) bySchool.set(r.schoolId, (last = []));
    }
    last!.push(r);
  }
  return schoolIds.map((id) => applyRule(id, year, bySchool.get(id) ?? [], params));
}
