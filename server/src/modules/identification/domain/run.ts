import { createHash } from 'node:crypto';
import { translate, type Locale } from '../../../../../common/src/i18n/index.js';
import { computeContext, type ContextOutcome, type SchoolContext } from './context.js';
import { explainSchool } from './explain.js';
import { buildModel, type MeanScoreFit, type SchoolModel, type ShareModelFit } from './model.js';
import type { IdentificationParams } from './params.js';
import { applyRuleToAll, type RuleResult } from './rule.js';
import {
  CATEGORIES,
  DISPLAY_CATEGORIES,
  type Category,
  type ContextRow,
  type DisplayCategory,
  type ResultAggregate,
  type SchoolInfo,
} from './types.js';

export interface IdentificationInput {
  /** The year Y of the identification (rule А looks at Y, rule Б at Y−1 and Y). */
  year: number;
  params: IdentificationParams;
  schools: SchoolInfo[];
  results: ResultAggregate[];
  context: ContextRow[];
}

export interface SchoolOutcome {
  schoolId: number;
  municipalityId: number;
  /** The set of categories, in the canonical order of CATEGORIES. */
  categories: Category[];
  display: DisplayCategory;
  rule: RuleResult;
  context: SchoolContext;
  model: SchoolModel;
  /** Russian sentences; `explainOutcomeSchool` renders them in another locale. */
  explanation: string[];
}

export interface IdentificationOutcome {
  year: number;
  fingerprint: string;
  params: IdentificationParams;
  context: Pick<ContextOutcome, 'rule' | 'cutoff' | 'standardisation'>;
  model: {
    share: ShareModelFit | null;
    shareUnavailable: 'too_few_schools' | null;
    meanScore: MeanScoreFit | null;
  };
  summary: {
    total: number;
    byCategory: Record<Category, number>;
    byDisplay: Record<DisplayCategory, number>;
  };
  /** One per school of the input, sorted by id. */
  schools: SchoolOutcome[];
}

export class IdentificationInputError extends Error {
  constructor(readonly issues: string[]) {
    super(issues.join(' '));
    this.name = 'IdentificationInputError';
  }
}

/** Problems with the input that make an identification meaningless (Russian by default). */
export function validateInput(input: IdentificationInput, locale: Locale = 'ru'): string[] {
  const issues: string[] = [];
  if (!Number.isInteger(input.year))
    issues.push(translate(locale, 'identification.input.badYear', { year: String(input.year) }));
  const seen = new Set<number>();
  for (const s of input.schools) {
    if (seen.has(s.id))
      issues.push(translate(locale, 'identification.input.duplicateSchool', { schoolId: s.id }));
    seen.add(s.id);
  }
  for (const r of input.results) {
    const okCounts =
      Number.isInteger(r.participants) &&
      Number.isInteger(r.belowMin) &&
      r.participants >= 0 &&
      r.belowMin >= 0 &&
      r.belowMin <= r.participants;
    if (!okCounts) {
      issues.push(
        translate(locale, 'identification.input.badCounts', {
          schoolId: r.schoolId,
          procedure: r.procedure,
          subject: r.subject,
          year: r.year,
          participants: r.participants,
          belowMin: r.belowMin,
        }),
      );
    }
  }
  return issues;
}

/** The display category derived from the set (see DISPLAY_CATEGORIES). */
export function displayCategory(categories: readonly Category[]): DisplayCategory {
  const has = (c: Category) => categories.includes(c);
  if (has('low_results') && has('unfavourable')) return 'both';
  if (has('low_results')) return 'low_results';
  if (has('resilient')) return 'resilient';
  if (has('unfavourable')) return 'unfavourable';
  if (has('below_expected')) return 'below_expected';
  if (has('insufficient_data')) return 'insufficient_data';
  return 'none';
}

function categoriesOf(rule: RuleResult, context: SchoolContext, model: SchoolModel): Category[] {
  const set = new Set<Category>();
  if (rule.status === 'flagged') set.add('low_results');
  if (context.unfavourable === true) set.add('unfavourable');
  if (model.resilient) set.add('resilient');
  if (model.belowExpected) set.add('below_expected');
  if (rule.status === 'insufficient' || rule.status === 'no_data' || context.index === null)
    set.add('insufficient_data');
  return CATEGORIES.filter((c) => set.has(c));
}

/**
 * Run the identification for year Y: the ШНОР rule, the context index (ШНСУ), the model of
 * expected results, categories and explanations. Pure: the same input gives the same output.
 * Results and context rows of schools not in `schools` are ignored.
 * @throws IdentificationInputError when validateInput finds problems.
 */
export function identify(input: IdentificationInput): IdentificationOutcome {
  const issues = validateInput(input);
  if (issues.length) throw new IdentificationInputError(issues);
  const { year, params } = input;
  const schools = [...input.schools].sort((a, b) => a.id - b.id);
  const ids = schools.map((s) => s.id);
  const known = new Set(ids);
  const results = input.results.filter((r) => known.has(r.schoolId));

  const rules = applyRuleToAll(ids, year, results, params);
  const context = computeContext(year, schools, input.context, params.context);
  const model = buildModel(year, params, ids, results, context.schools);

  const out: SchoolOutcome[] = schools.map((s, i) => {
    const rule = rules[i]!;
    const ctx = context.schools[i]!;
    const m = model.schools[i]!;
    const categories = categoriesOf(rule, ctx, m);
    return {
      schoolId: s.id,
      municipalityId: s.municipalityId,
      categories,
      display: displayCategory(categories),
      rule,
      context: ctx,
      model: m,
      explanation: explainSchool({
        year,
        params,
        rule,
        context: ctx,
        contextRule: context.rule,
        contextCutoff: context.cutoff,
        model: m,
        modelFit: model.share,
      }),
    };
  });

  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const byDisplay = Object.fromEntries(DISPLAY_CATEGORIES.map((c) => [c, 0])) as Record<
    DisplayCategory,
    number
  >;
  for (const s of out) {
    for (const c of s.categories) byCategory[c]++;
    byDisplay[s.display]++;
  }

  return {
    year,
    fingerprint: fingerprint(input),
    params,
    context: { rule: context.rule, cutoff: context.cutoff, standardisation: context.standardisation },
    model: { share: model.share, shareUnavailable: model.shareUnavailable, meanScore: model.meanScore },
    summary: { total: out.length, byCategory, byDisplay },
    schools: out,
  };
}

/** Re-render the explanation of one school of an outcome in another locale. */
export function explainOutcomeSchool(
  outcome: IdentificationOutcome,
  school: SchoolOutcome,
  locale: Locale,
): string[] {
  return explainSchool(
    {
      year: outcome.year,
      params: outcome.params,
      rule: school.rule,
      context: school.context,
      contextRule: outcome.context.rule,
      contextCutoff: outcome.context.cutoff,
      model: school.model,
      modelFit: outcome.model.share,
    },
    locale,
  );
}

/** Bumped when the algorithm changes so that old fingerprints no longer match. */
export const FINGERPRINT_VERSION = 'rost.identification.v1';

/**
 * A stable SHA-256 (hex) of the input: objects with sorted keys, every array sorted by the
 * canonical JSON of its elements (all arrays of the input are sets: schools, results, context rows,
 * procedures, subjects), prefixed by FINGERPRINT_VERSION. The order of rows or keys does not matter;
 * any change of a value does.
 */
export function fingerprint(input: IdentificationInput): string {
  const payload = canonicalJson({
    version: FINGERPRINT_VERSION,
    year: input.year,
    params: input.params,
    schools: input.schools,
    results: input.results,
    context: input.context,
  });
  return createHash('sha256').update(payload, 'utf8').digest('hex');
}

/** Canonical JSON: sorted object keys, sorted arrays, undefined members dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    const items = value.map(canonicalJson).sort();
    return `[${items.join(',')}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
  return `{${entries.join(',')}}`;
}
