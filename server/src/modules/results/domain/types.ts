/**
 * Plain data types of the results domain: the reference catalogue (procedures, subjects,
 * thresholds), what a file says about a school, the records read from a file, and problems.
 * JSON-serialisable except where noted.
 */

/** Procedure codes shipped with the system (the table may hold more). */
export const PROCEDURE_CODES = ['VPR', 'OGE', 'EGE', 'REGIONAL', 'MUNICIPAL', 'CURRENT'] as const;

export type Scale = 'mark' | 'score' | 'percent';

export interface ProcedureInfo {
  code: string;
  name: string;
  shortName: string;
  /** mark: marks 2–5 (mean mark); score: test scores 0–100; percent: share of the maximum, 0–100. */
  scale: Scale;
  /** The grade implied by the procedure (ОГЭ 9, ЕГЭ 11), else null. */
  defaultGrade: number | null;
  /** Lower-case phrases that name the procedure in titles and sheet names. */
  synonyms: string[];
}

export interface SubjectInfo {
  code: string;
  name: string;
  synonyms: string[];
}

/**
 * A minimum threshold. `subject` '*' applies to every subject of the procedure, `year` 0 to every
 * year; the most specific row wins. kind 'mark': below the minimum means a mark below `minValue`
 * (3: the mark «2»); kind 'score': a test score (or share of the maximum) below `minValue`.
 */
export interface Threshold {
  procedure: string;
  subject: string;
  year: number;
  kind: 'score' | 'mark';
  minValue: number;
}

export interface Catalog {
  procedures: ProcedureInfo[];
  subjects: SubjectInfo[];
  thresholds: Threshold[];
}

/** Where something was read: sheet name and 1-based row as the spreadsheet shows it. */
export interface SourceRef {
  sheet: string;
  row: number;
}

/**
 * A problem of a file, a sheet, a row or a cell. `row` is 1-based (0: the sheet or the file as a
 * whole), `column` an Excel letter ('' when not about one column), `key` an i18n key (`results.*`)
 * with `params`. Errors block the commit unless the row's school is excluded (`schoolKey`);
 * warnings are shown only.
 */
export interface Problem {
  file: string;
  sheet: string;
  row: number;
  column: string;
  field: string;
  key: string;
  params: Record<string, string | number>;
  severity: 'error' | 'warning';
  /** The school row this problem belongs to (excluding the school clears it). */
  schoolKey?: number;
}

/** How a file names a school. */
export interface SchoolRef {
  code: string | null;
  name: string;
  municipality: string | null;
}

/** The figures of one school in one assessment (a school aggregate). */
export interface Figures {
  participants: number;
  /** Participants below the minimum threshold; null when the file does not say. */
  belowMin: number | null;
  mark2: number | null;
  mark3: number | null;
  mark4: number | null;
  mark5: number | null;
  /** ВПР/ОГЭ/current performance: mean mark; ЕГЭ: mean test score; diagnostics: mean share, %. */
  meanScore: number | null;
  /** Test scores 80–99 and 100 (ЕГЭ). */
  high80: number | null;
  high100: number | null;
}

export interface GroupKey {
  procedure: string;
  subject: string;
  /** 0 when the figures are for all grades of the school. */
  grade: number;
  /** The calendar year in which the assessment took place (the school year 2022/23 → 2023). */
  year: number;
}

export interface AggregateRecord extends GroupKey {
  school: SchoolRef;
  figures: Figures;
  source: SourceRef;
}

export interface StudentRecord extends GroupKey {
  /** The file's school key and the matched school: 0 and null as read, set by the collector. */
  schoolKey: number;
  schoolId: number | null;
  school: SchoolRef;
  studentKey: string;
  className: string | null;
  primaryScore: number | null;
  testScore: number | null;
  mark: number | null;
  journalMark: number | null;
  /** Where the record is (the sheet and the 1-based row), as fields: no object per student. */
  sheet: string;
  row: number;
}

export type MatchStatus =
  'code' | 'name' | 'memory' | 'manual' | 'unmatched' | 'ambiguous' | 'excluded' | 'forbidden';

export interface Candidate {
  schoolId: number;
  code: string;
  name: string;
  municipalityId: number;
  /** 0..1 */
  score: number;
}

export interface MatchResult {
  status: MatchStatus;
  schoolId: number | null;
  municipalityId: number | null;
  candidates: Candidate[];
}
