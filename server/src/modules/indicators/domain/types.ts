/**
 * Plain data types of target indicators (issue 6): definitions, the data a calculation reads,
 * what it produces per school, roll-ups, achievement. JSON-serialisable; no I/O here.
 *
 * A computed indicator is always a share (or count) built from per-school **contributions**:
 * each school adds a numerator and a denominator (or says why it has no data). Municipal,
 * regional and programme figures are sums of the contributions, never averages of percentages.
 */

import type { Message, Text } from './text.js';

export type { Message, Text } from './text.js';

export type Unit = 'percent' | 'count' | 'score' | 'boolean';
export type Direction = 'higher' | 'lower';
export type Level = 'school' | 'municipality' | 'region';
export type Method = 'manual' | 'computed';

/** A catalogue entry or a programme's indicator: what it measures and how it is obtained. */
export interface IndicatorDefinition {
  /** Catalogue code, e.g. `oge_positive_dynamics`; free-form programme indicators have none. */
  code: string | null;
  name: string;
  unit: Unit;
  direction: Direction;
  level: Level;
  method: Method;
  /** Name of a calculation in the registry (domain/calculations.ts) when method = 'computed'. */
  calculation: string | null;
  /** The calculation's parameters, validated by the calculation's own zod schema. */
  params: Record<string, unknown>;
}

/** A school as calculations see it. Registry fields are keyed by column name (snake_case). */
export interface SchoolRow {
  id: number;
  municipalityId: number;
  code: string;
  name: string;
  /** Registry fields of the school: students_ooo, teachers, vacancies, internet_mbps, is_small, locality… (null = unknown). */
  fields: Record<string, number | string | boolean | null>;
  /** Social context of the school year (low_income, ovz…, plus the region's own `extra` codes); null = no row for that year. */
  context: Record<string, number | null> | null;
}

/** One current aggregate result row (result_aggregate where superseded_by is null). */
export interface ResultRow {
  schoolId: number;
  procedure: string;
  subject: string;
  grade: number;
  year: number;
  participants: number;
  belowMin: number | null;
  mark2: number | null;
  mark3: number | null;
  mark4: number | null;
  mark5: number | null;
  meanScore: number | null;
  high80to99: number | null;
  high100: number | null;
}

/** One student-level current record, when the region imported them (for marks confirmed etc.). */
export interface StudentRow {
  schoolId: number;
  procedure: string;
  subject: string;
  grade: number;
  year: number;
  mark: number | null;
  journalMark: number | null;
}

/** The approved identification list of a year: which schools were in it. */
export interface ApprovedList {
  year: number;
  runId: number;
  /** Order number and date, for the explanation (a message: rendered in the reader's language). */
  order: Text | null;
  schoolIds: number[];
}

/** A roadmap work item (an activity with one deadline, or one period of a recurring one). */
export interface ActivityItem {
  activityId: number;
  occurrenceId: number | null;
  programmeId: number;
  /** The school the item belongs to (activity_school, else the school programme's school), or null. */
  schoolId: number | null;
  municipalityId: number | null;
  label: string;
  status: 'planned' | 'in_progress' | 'done' | 'overdue' | 'cancelled';
  dueTo: string | null;
  /** ISO date it was marked done. */
  completedOn: string | null;
}

/**
 * Everything calculations may read, loaded by the service for one computation. Each calculation
 * declares which parts it needs (`needs`), so the loader fetches only those.
 */
export interface CalcData {
  /** The year being computed (calendar year of the result; school year 2024/25 → 2025). */
  year: number;
  /** Today, ISO date (for roadmap items that are not yet due). */
  today: string;
  /** The schools the indicator is computed over (the programme's schools). */
  schools: SchoolRow[];
  /** Current aggregates of `year` and `year - 1` (and older when a calculation asks for `resultYears`). */
  results: ResultRow[];
  students: StudentRow[];
  /** Approved lists by year (the year and the year before, when loaded). */
  approvedLists: ApprovedList[];
  /** Work items of the programme's roadmap (and its child programmes). */
  activities: ActivityItem[];
}

export type Need = 'results' | 'students' | 'approvedLists' | 'activities' | 'context';

/**
 * Why a school (or the whole figure) has no value: a key of the `indicators` catalogue with params, which
 * may themselves be messages (a procedure, a subject, a field): rendered on read in the reader's language.
 */
export interface NoData {
  key: string;
  params?: Record<string, Text>;
}

/** One record counted for a school: shown under «расчёт» (the calculation behind a figure). */
export interface BasisRecord {
  /** What the record is: 'result' | 'activity' | 'field' | 'list' | 'student'. */
  kind: string;
  /**
   * Short label in the user's terms, e.g. «ОГЭ, русский язык, 9 кл., 2024»: a message built from codes
   * (rendered on read in the reader's language), or words as written (an activity's text).
   */
  label: string | Message;
  /** Figures of the record, e.g. { participants: 31, belowMin: 4, share: 12.9 }. */
  figures: Record<string, number | string | boolean | null>;
  /** Whether the record counted toward the numerator. */
  counted?: boolean;
}

/** What one school contributes to an indicator. */
export interface Contribution {
  /** null for items not tied to a school (e.g. activities of a regional roadmap). */
  schoolId: number | null;
  municipalityId: number | null;
  numerator: number;
  denominator: number;
  /** Set when the school has no data: then numerator and denominator are 0 and it is left out of sums. */
  noData?: NoData;
  basis: BasisRecord[];
}

/** A calculation: a pure function from data to contributions, with its own parameter schema. */
export interface Calculation<P = Record<string, unknown>> {
  name: string;
  /** Units the calculation can produce (a share → percent; a sum → count). */
  units: Unit[];
  needs: Need[];
  /** Optional narrowing of `needs` for given (parsed) params, e.g. field_share only reads results for kind 'results_sum'. */
  needsFor?(params: P): Need[];
  /** Years of results needed relative to the computed year, e.g. [0, -1]. */
  resultYears?: number[];
  /** Validates and defaults the params; throws a zod error naming the field. */
  parseParams(params: unknown): P;
  compute(params: P, data: CalcData): Contribution[];
}

/** A figure at some scope: sums of contributions. */
export interface Figure {
  numerator: number;
  denominator: number;
  /** numerator / denominator × 100 for percent; numerator for count; null with `noData` when denominator = 0. */
  value: number | null;
  /** Schools with data / without data. */
  counted: number;
  missing: number;
  noData?: NoData;
}

export interface RollUp {
  total: Figure;
  byMunicipality: Array<{ municipalityId: number; figure: Figure }>;
  bySchool: Array<{ schoolId: number; municipalityId: number; figure: Figure }>;
  /** Contributions not tied to a school (counted in the total only). */
  unattached: Figure | null;
}

/** no_data: no actual value; no_target: a value but no target for that year (a baseline year, say). */
export type Achievement = 'achieved' | 'close' | 'not_achieved' | 'no_data' | 'no_target';
