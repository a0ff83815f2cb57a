import { z } from 'zod';
import { translate, type Locale } from '../../../../../common/src/i18n/index.js';
import { PROCEDURES } from './types.js';

/**
 * Parameters of an identification run, with the documented defaults.
 *
 * | field | default | meaning |
 * |---|---|---|
 * | threshold | 0.30 | share of participants below the minimum that makes a (procedure, subject, year) count |
 * | procedures | VPR, OGE, EGE, REGIONAL | procedures considered |
 * | subjects | ru, math | subject groups considered |
 * | subjectMode | 'any' | 'any': Russian OR mathematics suffices in a procedure; 'all': every subject needed |
 * | subjectGroups | math_base→math, math_profile→math | subject code → group; codes not listed are their own group |
 * | grades | 'pooled' | 'pooled': all grades of a procedure summed per subject; 'per_grade': any grade qualifies |
 * | minParticipants | 10 | fewer participants → 'insufficient' (never a flag) |
 * | mode | 'plain' | 'plain': share ≥ threshold; 'wilson': lower bound of the 95 % Wilson interval ≥ threshold |
 * | clauseA | true | rule А: threshold reached in ≥ clauseAMinProcedures different procedures in year Y |
 * | clauseAMinProcedures | 2 | |
 * | clauseB | true | rule Б: threshold reached in the same procedure in Y−1 and Y |
 * | context.weights | low_income +1, single_parent +0.5, parents_higher_ed −1, ovz +0.5, disabled +0.25, registered +0.75, non_russian +0.5 | weight and direction of each standardised indicator; `rural` and `small_school` may be added (taken from the school card, 100 or 0) |
 * | context.minWeightShare | 0.5 | below this share of the total |weight| present → index null |
 * | context.unfavourable | { rule: 'quartile' } | 'quartile': top 25 % of the index among schools of the year; 'threshold': index ≥ value |
 * | model.belowExpectedCut | −1.0 | standardised residual ≤ cut → below_expected |
 * | model.resilientCut | +1.0 | unfavourable AND (top quarter OR residual ≥ cut) → resilient |
 * | model.resilientTopShare | 0.25 | "top quarter": share below minimum (after shrinkage) in the best 25 % of schools |
 * | model.shrinkage | true | empirical-Bayes shrinkage of small schools towards the model expectation |
 */

export const DEFAULT_CONTEXT_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  low_income: 1,
  single_parent: 0.5,
  parents_higher_ed: -1,
  ovz: 0.5,
  disabled: 0.25,
  registered: 0.75,
  non_russian: 0.5,
});

const code = z.string().regex(/^[a-z][a-z0-9_]*$/);

const ContextParamsSchema = z.strictObject({
  weights: z
    .record(code, z.number().finite())
    .default({ ...DEFAULT_CONTEXT_WEIGHTS })
    .refine((w) => Object.values(w).some((v) => v !== 0), { message: 'identification.params.noWeights' }),
  minWeightShare: z.number().gt(0).lte(1).default(0.5),
  unfavourable: z
    .discriminatedUnion('rule', [
      z.strictObject({ rule: z.literal('quartile') }),
      z.strictObject({ rule: z.literal('threshold'), value: z.number().finite() }),
    ])
    .default({ rule: 'quartile' }),
});

const ModelParamsSchema = z.strictObject({
  belowExpectedCut: z.number().finite().lte(0).default(-1),
  resilientCut: z.number().finite().gte(0).default(1),
  resilientTopShare: z.number().gt(0).lt(1).default(0.25),
  shrinkage: z.boolean().default(true),
});

export const IdentificationParamsSchema = z.strictObject({
  threshold: z.number().gt(0).lte(1).default(0.3),
  procedures: z.array(z.enum(PROCEDURES)).min(1).default(['VPR', 'OGE', 'EGE', 'REGIONAL']),
  subjects: z.array(code).min(1).default(['ru', 'math']),
  subjectMode: z.enum(['any', 'all']).default('any'),
  subjectGroups: z.record(code, code).default({ math_base: 'math', math_profile: 'math' }),
  grades: z.enum(['pooled', 'per_grade']).default('pooled'),
  minParticipants: z.number().int().min(1).default(10),
  mode: z.enum(['plain', 'wilson']).default('plain'),
  clauseA: z.boolean().default(true),
  clauseAMinProcedures: z.number().int().min(2).max(PROCEDURES.length).default(2),
  clauseB: z.boolean().default(true),
  context: ContextParamsSchema.prefault({}),
  model: ModelParamsSchema.prefault({}),
});

export type IdentificationParams = z.output<typeof IdentificationParamsSchema>;
export type IdentificationParamsInput = z.input<typeof IdentificationParamsSchema>;
export type ContextParams = IdentificationParams['context'];
export type ModelParams = IdentificationParams['model'];

/** The documented defaults (frozen deeply). */
export const DEFAULT_PARAMS: IdentificationParams = deepFreeze(IdentificationParamsSchema.parse({}));

export type ParseParamsResult = { ok: true; params: IdentificationParams } | { ok: false; errors: string[] };

/**
 * Validate (and complete with defaults) a parameter object from a form, the API or the database.
 * Errors are sentences naming the field, in Russian by default.
 */
export function parseParams(input: unknown, locale: Locale = 'ru'): ParseParamsResult {
  const r = IdentificationParamsSchema.safeParse(input ?? {});
  if (r.success) return { ok: true, params: r.data };
  return { ok: false, errors: r.error.issues.map((i) => describeIssue(i, input, locale)) };
}

type Issue = z.core.$ZodIssue;

function describeIssue(issue: Issue, input: unknown, locale: Locale): string {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys
      .map((k) => {
        const full = [...path, k].join('.');
        return translate(locale, 'identification.params.error', {
          label: fieldLabel([...path, k], locale),
          path: full,
          message: translate(locale, 'identification.params.unknownKey'),
        });
      })
      .join(' ');
  }
  return translate(locale, 'identification.params.error', {
    label: fieldLabel(path, locale),
    path: path.join('.') || '—',
    message: issueMessage(issue, valueAt(input, issue.path), locale),
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function fieldLabel(path: string[], locale: Locale): string {
  // Walk up the path until a labelled field is found (array indices and record keys have no label).
  for (let n = path.length; n > 0; n--) {
    const key = `identification.params.field.${path.slice(0, n).join('.')}`;
    const label = translate(locale, key);
    if (label !== key) {
      const rest = path.slice(n);
      return rest.length ? `${label} → ${rest.join('.')}` : label;
    }
  }
  return path.join('.') || translate(locale, 'identification.params.field.root');
}

function fmt(v: unknown): string {
  return String(v);
}

function issueMessage(issue: Issue, value: unknown, locale: Locale): string {
  const t = (key: string, params?: Record<string, string | number>) =>
    translate(locale, `identification.params.${key}`, params);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return t('required');
      if (issue.expected === 'int' && typeof value === 'number') return t('notInteger');
      return t('invalidType', { expected: t(`type.${issue.expected}`) });
    case 'too_small':
      if (issue.origin === 'array') return t('tooFewItems', { min: fmt(issue.minimum) });
      return t(issue.inclusive ? 'tooSmall' : 'tooSmallExclusive', { min: fmt(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'array') return t('tooManyItems', { max: fmt(issue.maximum) });
      return t(issue.inclusive ? 'tooBig' : 'tooBigExclusive', { max: fmt(issue.maximum) });
    case 'invalid_value':
      return t('invalidValue', { values: issue.values.map((v) => String(v)).join(', ') });
    case 'invalid_format':
      return t('invalidCode');
    case 'not_multiple_of':
      return t('notInteger');
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      return options ? t('invalidValue', { values: options.map(String).join(', ') }) : t('invalid');
    }
    case 'invalid_key':
      return t('invalidCode');
    case 'custom': {
      const key = issue.message;
      const m = translate(locale, key);
      return m === key ? t('invalid') : m;
    }
    default:
      return t('invalid');
  }
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
