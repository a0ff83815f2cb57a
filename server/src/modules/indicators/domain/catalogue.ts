import { hasMessage, translate, type Locale } from '../../../../../common/src/i18n/index.js';
import type { Direction, IndicatorDefinition, Level, Unit } from './types.js';

/**
 * The built-in catalogue: indicators the real programmes use (see DOMAIN.md and the samples).
 * Computed ones name a calculation of the registry with its params; the others are manual and
 * say in `dataNote` which data Rost does not hold yet. Texts live in the `indicators` message
 * catalogue (`indicators.catalogue.<code>.*`); the definitions are built in Russian by default.
 *
 * Level: share-of-schools indicators are 'municipality' (a school alone is 0 or 1), the others
 * 'school' (meaningful for one school, summed upwards).
 */
export interface CatalogueEntry extends IndicatorDefinition {
  code: string;
  description: string;
  numeratorLabel: string | null;
  denominatorLabel: string | null;
  /** Which data Rost does not hold yet (manual indicators), else null. */
  dataNote: string | null;
  sortOrder: number;
}

interface Spec {
  code: string;
  unit: Unit;
  direction: Direction;
  level: Level;
  calculation: string | null;
  params?: Record<string, unknown>;
}

const computed = (
  code: string,
  direction: Direction,
  level: Level,
  calculation: string,
  params: Record<string, unknown>,
  unit: Unit = 'percent',
): Spec => ({ code, unit, direction, level, calculation, params });
const manual = (code: string, level: Level = 'school', direction: Direction = 'higher'): Spec => ({
  code,
  unit: 'percent',
  direction,
  level,
  calculation: null,
});

const RU_MATH = ['ru', 'math'];

export const BUILTIN_SPECS: readonly Spec[] = Object.freeze([
  computed('oge_positive_dynamics', 'higher', 'municipality', 'positive_dynamics', {
    procedure: 'OGE',
    subjects: RU_MATH,
    mode: 'all',
    metric: 'below_min_share',
  }),
  computed('ege_positive_dynamics', 'higher', 'municipality', 'positive_dynamics', {
    procedure: 'EGE',
    subjects: RU_MATH,
    mode: 'all',
    metric: 'below_min_share',
  }),
  computed('vpr_positive_dynamics', 'higher', 'municipality', 'positive_dynamics', {
    procedure: 'VPR',
    subjects: RU_MATH,
    mode: 'all',
    metric: 'below_min_share',
  }),
  computed('oge_below_min_share', 'lower', 'school', 'below_min_share', {
    procedure: 'OGE',
    subjects: RU_MATH,
  }),
  computed('vpr_below_min_share', 'lower', 'school', 'below_min_share', {
    procedure: 'VPR',
    subjects: RU_MATH,
  }),
  computed('no_longer_flagged', 'higher', 'municipality', 'no_longer_flagged', {}),
  computed('flagged_share', 'lower', 'municipality', 'flagged_share', {}),
  computed('activities_on_time', 'higher', 'school', 'activities_on_time', {}),
  computed('internet_1mbps', 'higher', 'municipality', 'field_share', {
    kind: 'schools',
    condition: { field: 'internet_mbps', op: '>=', value: 1 },
  }),
  computed('vacancies_share', 'lower', 'school', 'field_share', {
    kind: 'sum',
    numerator: 'vacancies',
    denominator: 'teachers',
  }),
  computed('vpr_marks_confirmed', 'higher', 'school', 'marks_confirmed', {
    procedure: 'VPR',
    subjects: RU_MATH,
  }),
  manual('teachers_qualification'),
  manual('students_iom'),
  manual('extra_classes'),
  manual('additional_education'),
  manual('network_partner', 'municipality'),
  manual('young_teachers'),
  manual('distance_learning'),
  manual('network_programmes', 'municipality'),
]);

function text(code: string, part: string, locale: Locale): string | null {
  const key = `indicators.catalogue.${code}.${part}`;
  return hasMessage(key) ? translate(locale, key) : null;
}

/** The built-in definitions with their texts in a locale. */
export function builtinDefinitions(locale: Locale = 'ru'): CatalogueEntry[] {
  return BUILTIN_SPECS.map((s, i) => ({
    code: s.code,
    name: text(s.code, 'name', locale) ?? s.code,
    unit: s.unit,
    direction: s.direction,
    level: s.level,
    method: s.calculation ? 'computed' : 'manual',
    calculation: s.calculation,
    params: structuredClone(s.params ?? {}),
    description: text(s.code, 'description', locale) ?? '',
    numeratorLabel: text(s.code, 'numerator', locale),
    denominatorLabel: text(s.code, 'denominator', locale),
    dataNote: text(s.code, 'dataNote', locale),
    sortOrder: (i + 1) * 10,
  }));
}

/** The built-in catalogue in Russian. */
export const BUILTIN_DEFINITIONS: readonly CatalogueEntry[] = Object.freeze(builtinDefinitions('ru'));
