/**
 * Plain data types of the identification domain (ШНОР / ШНСУ).
 * Everything here is JSON-serialisable: no Map, Set, Date or class instances.
 */

/** Assessment procedures: ВПР, ОГЭ (ГИА-9), ЕГЭ (ГИА-11), regional and municipal diagnostics. */
export const PROCEDURES = ['VPR', 'OGE', 'EGE', 'REGIONAL', 'MUNICIPAL'] as const;
export type Procedure = (typeof PROCEDURES)[number];

/** Aggregated result of one school in one assessment (one row of an import). */
export interface ResultAggregate {
  schoolId: number;
  procedure: Procedure;
  /** 'ru' | 'math' | 'math_base' | 'math_profile' | other codes. */
  subject: string;
  grade: number | null;
  year: number;
  participants: number;
  /** Participants below the minimum threshold (ВПР: mark "2"; ОГЭ/ЕГЭ: below the minimum score). */
  belowMin: number;
  /** ВПР: mean mark 2–5; ОГЭ/ЕГЭ: mean test score; null when unknown. */
  meanScore: number | null;
  /** Distribution of marks (ВПР), when known. */
  marks?: { 2: number; 3: number; 4: number; 5: number };
}

/** Social context of one school in one year: indicator code → percent of students (0–100). */
export interface ContextRow {
  schoolId: number;
  year: number;
  /** low_income, single_parent, parents_higher_ed, ovz, disabled, registered, non_russian, region-defined codes. */
  values: Record<string, number | null>;
}

export interface SchoolInfo {
  id: number;
  municipalityId: number;
  /** малокомплектная школа */
  isSmall: boolean;
  locality: 'urban' | 'rural';
}

/**
 * Categories a school can receive (a set):
 * - low_results: ШНОР, the published rule holds;
 * - unfavourable: ШНСУ, the context index is in the unfavourable range;
 * - resilient: unfavourable context and good results;
 * - below_expected: results worse than the model expects given the context;
 * - insufficient_data: the rule could not be decided, or the context index is missing.
 */
export const CATEGORIES = [
  'low_results',
  'unfavourable',
  'resilient',
  'below_expected',
  'insufficient_data',
] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * The single category shown in lists, derived from the set (first that applies):
 * both (low_results + unfavourable) → low_results → resilient → unfavourable → below_expected →
 * insufficient_data → none.
 */
export const DISPLAY_CATEGORIES = [
  'both',
  'low_results',
  'resilient',
  'unfavourable',
  'below_expected',
  'insufficient_data',
  'none',
] as const;
export type DisplayCategory = (typeof DISPLAY_CATEGORIES)[number];
