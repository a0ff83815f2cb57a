import type { School, SchoolContext, SchoolContextTable, SchoolUpdate } from '../../platform/db/schema.js';
import type { Insertable } from 'kysely';
import type { ContextField, SchoolAttributes } from '../../../../common/src/schemas/org.js';

/** camelCase school attribute → column: the one place the two spellings meet. */
export const SCHOOL_COLUMNS = {
  code: 'code',
  inn: 'inn',
  fullName: 'full_name',
  shortName: 'short_name',
  type: 'type',
  locality: 'locality',
  settlement: 'settlement',
  address: 'address',
  isSmall: 'is_small',
  shifts: 'shifts',
  studentsNoo: 'students_noo',
  studentsOoo: 'students_ooo',
  studentsSoo: 'students_soo',
  teachers: 'teachers',
  vacancies: 'vacancies',
  psychologists: 'psychologists',
  speechTherapists: 'speech_therapists',
  defectologists: 'defectologists',
  socialPedagogues: 'social_pedagogues',
  internetMbps: 'internet_mbps',
  parentId: 'parent_id',
} as const satisfies Record<keyof SchoolAttributes, keyof School>;

/** The seven built-in context shares: field → column. */
export const CONTEXT_COLUMNS = {
  lowIncome: 'low_income',
  singleParent: 'single_parent',
  parentsHigherEd: 'parents_higher_ed',
  ovz: 'ovz',
  disabled: 'disabled',
  registered: 'registered',
  nonRussian: 'non_russian',
} as const satisfies Record<ContextField, keyof SchoolContext>;

/** The attributes given (undefined ones left out) as columns. */
export function schoolToColumns(attrs: Partial<Record<keyof SchoolAttributes, unknown>>): SchoolUpdate {
  const out: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(SCHOOL_COLUMNS)) {
    const v = attrs[k as keyof SchoolAttributes];
    if (v !== undefined) out[col] = v;
  }
  return out as SchoolUpdate;
}

export function schoolFromRow(s: School): SchoolAttributes {
  const out: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(SCHOOL_COLUMNS)) out[k] = s[col];
  return out as SchoolAttributes;
}

export type ContextShares = Record<ContextField, number | null>;

export function contextToColumns(
  schoolId: number,
  schoolYear: number,
  c: ContextShares & { extra: Record<string, number | null> },
): Insertable<SchoolContextTable> {
  const out: Record<string, unknown> = {
    school_id: schoolId,
    school_year: schoolYear,
    extra: JSON.stringify(c.extra),
  };
  for (const [k, col] of Object.entries(CONTEXT_COLUMNS)) out[col] = c[k as ContextField];
  return out as unknown as Insertable<SchoolContextTable>;
}

export function contextFromRow(
  c: SchoolContext,
): ContextShares & { schoolYear: number; extra: Record<string, number | null> } {
  const out: Record<string, unknown> = { schoolYear: c.school_year, extra: c.extra ?? {} };
  for (const [k, col] of Object.entries(CONTEXT_COLUMNS)) out[k] = c[col];
  return out as ContextShares & { schoolYear: number; extra: Record<string, number | null> };
}
