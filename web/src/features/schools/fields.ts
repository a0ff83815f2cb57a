import { parseDecimal } from '../../lib/format';
import { SCHOOL_TYPES } from '../../lib/search';

/**
 * The editable attributes of a school with the checks of the server's schema
 * (common/src/schemas/org.ts → SchoolAttributes), so that the form reports
 * problems before sending. Labels are the registry's field labels (`registry.field.<name>`).
 */
export type FieldSpec =
  | {
      name: TextField;
      kind: 'text';
      required: boolean;
      min?: number;
      max: number;
      pattern?: RegExp;
      patternKey?: string;
    }
  | { name: NumberField; kind: 'int' | 'decimal'; required: boolean; min: number; max: number };

export type TextField = 'code' | 'inn' | 'fullName' | 'shortName' | 'settlement' | 'address';
export type NumberField =
  | 'shifts'
  | 'studentsNoo'
  | 'studentsOoo'
  | 'studentsSoo'
  | 'teachers'
  | 'vacancies'
  | 'psychologists'
  | 'speechTherapists'
  | 'defectologists'
  | 'socialPedagogues'
  | 'internetMbps';

const count = (name: NumberField): FieldSpec => ({
  name,
  kind: 'int',
  required: false,
  min: 0,
  max: 100_000,
});
const rate = (name: NumberField): FieldSpec => ({
  name,
  kind: 'decimal',
  required: false,
  min: 0,
  max: 1000,
});

export const TEXT_FIELDS: Record<TextField, FieldSpec> = {
  code: { name: 'code', kind: 'text', required: true, min: 1, max: 32 },
  inn: {
    name: 'inn',
    kind: 'text',
    required: false,
    max: 12,
    pattern: /^(\d{10}|\d{12})$/,
    patternKey: 'web.validation.inn',
  },
  fullName: { name: 'fullName', kind: 'text', required: true, min: 3, max: 500 },
  shortName: { name: 'shortName', kind: 'text', required: true, min: 2, max: 200 },
  settlement: { name: 'settlement', kind: 'text', required: true, min: 1, max: 200 },
  address: { name: 'address', kind: 'text', required: false, max: 500 },
};

export const NUMBER_FIELDS: Record<NumberField, FieldSpec> = {
  shifts: { name: 'shifts', kind: 'int', required: true, min: 1, max: 3 },
  studentsNoo: count('studentsNoo'),
  studentsOoo: count('studentsOoo'),
  studentsSoo: count('studentsSoo'),
  teachers: count('teachers'),
  vacancies: count('vacancies'),
  psychologists: rate('psychologists'),
  speechTherapists: rate('speechTherapists'),
  defectologists: rate('defectologists'),
  socialPedagogues: rate('socialPedagogues'),
  internetMbps: { name: 'internetMbps', kind: 'decimal', required: false, min: 0, max: 100_000 },
};

/** Sections of the card and of the form. */
export const SECTIONS = {
  main: ['code', 'inn', 'fullName', 'shortName', 'settlement', 'address', 'shifts'] as const,
  staff: [
    'teachers',
    'vacancies',
    'psychologists',
    'speechTherapists',
    'defectologists',
    'socialPedagogues',
    'internetMbps',
  ] as const,
  students: ['studentsNoo', 'studentsOoo', 'studentsSoo'] as const,
};

/** The form's values: every text and number as typed. */
export interface SchoolForm {
  code: string;
  inn: string;
  fullName: string;
  shortName: string;
  type: string;
  locality: string;
  settlement: string;
  address: string;
  isSmall: boolean;
  shifts: string;
  studentsNoo: string;
  studentsOoo: string;
  studentsSoo: string;
  teachers: string;
  vacancies: string;
  psychologists: string;
  speechTherapists: string;
  defectologists: string;
  socialPedagogues: string;
  internetMbps: string;
  parentId: number | null;
  municipalityId: string;
}

export interface ValidationIssue {
  key: string;
  params?: Record<string, string | number>;
}

/** Check one field; `null` when it is fine. */
export function checkField(spec: FieldSpec, raw: string): ValidationIssue | null {
  const text = raw.trim();
  if (text === '') return spec.required ? { key: 'web.validation.required' } : null;
  if (spec.kind === 'text') {
    if (spec.min !== undefined && text.length < spec.min)
      return { key: 'web.validation.minLength', params: { min: spec.min } };
    if (text.length > spec.max) return { key: 'web.validation.maxLength', params: { max: spec.max } };
    if (spec.pattern && !spec.pattern.test(text)) return { key: spec.patternKey ?? 'web.validation.format' };
    return null;
  }
  const n = parseDecimal(text);
  if (n === null || Number.isNaN(n)) return { key: 'web.validation.number' };
  if (spec.kind === 'int' && !Number.isInteger(n)) return { key: 'web.validation.integer' };
  if (n < spec.min || n > spec.max)
    return { key: 'web.validation.range', params: { min: spec.min, max: spec.max } };
  return null;
}

/** All problems of the form, by field. */
export function validateSchool(f: SchoolForm, opts: { creating: boolean }): Record<string, ValidationIssue> {
  const out: Record<string, ValidationIssue> = {};
  for (const spec of Object.values(TEXT_FIELDS)) {
    const issue = checkField(spec, f[spec.name]);
    if (issue) out[spec.name] = issue;
  }
  for (const spec of Object.values(NUMBER_FIELDS)) {
    const issue = checkField(spec, f[spec.name]);
    if (issue) out[spec.name] = issue;
  }
  if (!(SCHOOL_TYPES as readonly string[]).includes(f.type)) out.type = { key: 'web.validation.required' };
  if (f.locality !== 'urban' && f.locality !== 'rural') out.locality = { key: 'web.validation.required' };
  if (opts.creating && !f.municipalityId) out.municipalityId = { key: 'web.validation.required' };
  return out;
}

type Attrs = Record<string, string | number | boolean | null>;

/** The attribute values the form describes (call after validation). */
export function formToAttributes(f: SchoolForm): Attrs {
  const out: Attrs = {};
  for (const name of Object.keys(TEXT_FIELDS) as TextField[]) {
    const v = f[name].trim();
    out[name] = v === '' ? null : v;
  }
  for (const name of Object.keys(NUMBER_FIELDS) as NumberField[]) out[name] = parseDecimal(f[name]);
  out.type = f.type;
  out.locality = f.locality;
  out.isSmall = f.isSmall;
  out.parentId = f.parentId;
  return out;
}

/** Only what changed, for a PATCH. */
export function changedAttributes(next: Attrs, current: Record<string, unknown>): Attrs {
  const out: Attrs = {};
  for (const [k, v] of Object.entries(next)) if (current[k] !== v) out[k] = v;
  return out;
}
