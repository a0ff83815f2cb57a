import { z } from 'zod';
import { hasMessage } from '../../../../../common/src/i18n/index.js';
import type { BasisRecord, Contribution, Message, NoData, ResultRow, SchoolRow, Text } from './types.js';

/** Shared pieces of the calculations: parameter schemas, subject grouping, labels, contributions. */

export const procedureCode = z.string().regex(/^[A-Z][A-Z0-9_]{0,30}$/);
export const subjectCode = z.string().regex(/^[a-z][a-z0-9_]{0,40}$/);
export const gradeSchema = z.number().int().min(1).max(11);
/** Subject code → group it counts as (EGE mathematics comes as math_base / math_profile). */
export const subjectGroupsSchema = z
  .record(subjectCode, subjectCode)
  .default({ math_base: 'math', math_profile: 'math' });

/** The group a result row's subject counts as. */
export const groupOf = (subject: string, groups: Record<string, string>): string =>
  groups[subject] ?? subject;

const CODE_TEXTS = new Map<string, Text>();
/** A code's name in the catalogue (a message, shared), or the code itself when the catalogue has none. */
function codeText(prefix: string, code: string): Text {
  const key = `${prefix}${code}`;
  let t = CODE_TEXTS.get(key);
  if (t === undefined) {
    t = hasMessage(key) ? Object.freeze({ key }) : code;
    CODE_TEXTS.set(key, t);
  }
  return t;
}
/** Short name of a procedure / subject code in the reader's language; unknown codes stay as they are. */
export const procedureText = (code: string): Text => codeText('indicators.procedure.', code);
export const subjectText = (code: string): Text => codeText('indicators.subject.', code);

const LABELS = new Map<string, Message>();

/** «ОГЭ, русский язык, 9 кл., 2024» (grade null → «все классы»). Memoised: labels repeat across schools. */
export function resultLabel(procedure: string, subject: string, grade: number | null, year: number): Message {
  const k = `${procedure}|${subject}|${grade}|${year}`;
  let label = LABELS.get(k);
  if (label === undefined) {
    if (LABELS.size > 10_000) LABELS.clear();
    label = buildResultLabel(procedure, subject, grade, year);
    LABELS.set(k, label);
  }
  return label;
}

function buildResultLabel(procedure: string, subject: string, grade: number | null, year: number): Message {
  const gradeText: Message =
    grade === null || grade <= 0
      ? { key: 'indicators.basis.allGrades' }
      : { key: 'indicators.basis.grade', params: { grade } };
  return {
    key: 'indicators.basis.result',
    params: { procedure: procedureText(procedure), subject: subjectText(subject), grade: gradeText, year },
  };
}

/** A share in percent rounded to 0.1 for the basis figures (display only). */
export const pct = (num: number, den: number): number | null =>
  den > 0 ? Math.round((num / den) * 1000) / 10 : null;

export function noDataContribution(
  school: SchoolRow,
  noData: NoData,
  basis: BasisRecord[] = [],
): Contribution {
  return {
    schoolId: school.id,
    municipalityId: school.municipalityId,
    numerator: 0,
    denominator: 0,
    noData,
    basis,
  };
}

export function contribution(
  school: SchoolRow,
  numerator: number,
  denominator: number,
  basis: BasisRecord[],
): Contribution {
  return { schoolId: school.id, municipalityId: school.municipalityId, numerator, denominator, basis };
}

/** Group items by school once (O(n)); keeps input order inside each group. */
export function groupBySchool<T extends { schoolId: number | null }>(
  items: readonly T[],
  keep: (item: T) => boolean = () => true,
): Map<number | null, T[]> {
  const out = new Map<number | null, T[]>();
  for (const item of items) {
    if (!keep(item)) continue;
    const list = out.get(item.schoolId);
    if (list) list.push(item);
    else out.set(item.schoolId, [item]);
  }
  return out;
}

/** Filter for result rows of one procedure, year, optional grade and optional subject groups. */
export function resultFilter(opts: {
  procedure: string;
  years: number[];
  grade?: number | undefined;
  subjects?: string[] | undefined;
  groups: Record<string, string>;
}): (r: ResultRow) => boolean {
  const subjects = opts.subjects ? new Set(opts.subjects) : null;
  const years = new Set(opts.years);
  return (r) =>
    r.procedure === opts.procedure &&
    years.has(r.year) &&
    (opts.grade === undefined || r.grade === opts.grade) &&
    (subjects === null || subjects.has(groupOf(r.subject, opts.groups)));
}
