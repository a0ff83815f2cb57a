import { createHash, type Hash } from 'node:crypto';
import { translate, type Locale } from '../../../../../common/src/i18n/index.js';
import { computeContext, type ContextOutcome, type SchoolContext } from './context.js';
import { ByteWriter } from './bytes.js';
import { explainSchool } from './explain.js';
import { buildModel, type MeanScoreFit, type SchoolModel, type ShareModelFit } from './model.js';
import type { IdentificationParams } from './params.js';
import { ruleForSchools, type RuleResult } from './rule.js';
import { filterColumns, isColumns, rowAt, schoolSlots, toColumns, type ResultColumns } from './columns.js';
import {
  CATEGORIES,
  DISPLAY_CATEGORIES,
  type Category,
  type ContextRow,
  type DisplayCategory,
  type ResultAggregate,
  type SchoolInfo,
} from './types.js';

/** `AnyInput`: results as objects or as columns. */
export interface IdentificationInput<R extends ResultAggregate[] | ResultColumns = ResultAggregate[]> {
  /** The year Y of the identification (rule А looks at Y, rule Б at Y−1 and Y). */
  year: number;
  params: IdentificationParams;
  schools: SchoolInfo[];
  /** As objects, or as columns (how the repository reads a national run: no object per row). */
  results: R;
  context: ContextRow[];
}
export type AnyInput = IdentificationInput<ResultAggregate[] | ResultColumns>;

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
export function validateInput(input: AnyInput, locale: Locale = 'ru'): string[] {
  const issues: string[] = [];
  if (!Number.isInteger(input.year))
    issues.push(translate(locale, 'identification.input.badYear', { year: String(input.year) }));
  const seen = new Set<number>();
  for (const s of input.schools) {
    if (seen.has(s.id))
      issues.push(translate(locale, 'identification.input.duplicateSchool', { schoolId: s.id }));
    seen.add(s.id);
  }
  const bad = (r: Pick<ResultAggregate, 'participants' | 'belowMin'>) =>
    !(
      Number.isInteger(r.participants) &&
      Number.isInteger(r.belowMin) &&
      r.participants >= 0 &&
      r.belowMin >= 0 &&
      r.belowMin <= r.participants
    );
  const report = (r: ResultAggregate) =>
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
  const results = input.results;
  if (isColumns(results)) {
    for (let i = 0; i < results.length; i++)
      if (bad({ participants: results.participants[i]!, belowMin: results.belowMin[i]! }))
        report(rowAt(results, i));
  } else for (const r of results) if (bad(r)) report(r);
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

/** The sets of categories, one shared (frozen) array per set: index = bit mask over CATEGORIES. */
const CATEGORY_SETS: readonly Category[][] = Array.from(
  { length: 1 << CATEGORIES.length },
  (_, mask) => Object.freeze(CATEGORIES.filter((_c, i) => mask & (1 << i))) as Category[],
);
const NO_EXPLANATION = Object.freeze([]) as unknown as string[];

function categoriesOf(rule: RuleResult, context: SchoolContext, model: SchoolModel): Category[] {
  let mask = 0;
  if (rule.status === 'flagged') mask |= 1 << CATEGORIES.indexOf('low_results');
  if (context.unfavourable === true) mask |= 1 << CATEGORIES.indexOf('unfavourable');
  if (model.resilient) mask |= 1 << CATEGORIES.indexOf('resilient');
  if (model.belowExpected) mask |= 1 << CATEGORIES.indexOf('below_expected');
  if (rule.status === 'insufficient' || rule.status === 'no_data' || context.index === null)
    mask |= 1 << CATEGORIES.indexOf('insufficient_data');
  return CATEGORY_SETS[mask]!;
}

export interface IdentifyOptions {
  /**
   * Render the explanations (default true). A stored run renders them on read from its figures in
   * the reader's language (`explainOutcomeSchool` / `explainSchool`), so it skips them here.
   */
  explain?: boolean;
  /** A digest of the results standing for them in the fingerprint (see `fingerprint`). */
  resultsDigest?: string;
  /** `fingerprintContext` of the input's context rows, when the caller made it already (trusted as such). */
  contextText?: Buffer;
}

/**
 * The identification in steps, for a caller that stores the first schools while it computes the
 * next ones and keeps none of them: `beginIdentification` checks the input and computes what
 * concerns all schools (the context index and the models); `schools(from, to)` gives the outcomes
 * of the schools at positions [from, to) of the id order (the rule of each, its categories and
 * explanation) and counts them into the summary (ask for each position once); `finish` gives the
 * rest of the outcome once every school was given. `identify` is the three at once.
 */
export interface IdentificationSteps {
  /** The number of schools. */
  readonly count: number;
  schools(from: number, to: number): SchoolOutcome[];
  finish(): Omit<IdentificationOutcome, 'schools'>;
}

/**
 * Run the identification for year Y: the ШНОР rule, the context index (ШНСУ), the model of
 * expected results, categories and explanations. Pure: the same input gives the same output.
 * Results and context rows of schools not in `schools` are ignored.
 * @throws IdentificationInputError when validateInput finds problems.
 */
export function identify(input: AnyInput, options: IdentifyOptions = {}): IdentificationOutcome {
  const steps = beginIdentification(input, options);
  const schools = steps.schools(0, steps.count);
  return { ...steps.finish(), schools };
}

/**
 * `identify` in steps (see IdentificationSteps).
 * @throws IdentificationInputError when validateInput finds problems.
 */
export function beginIdentification(input: AnyInput, options: IdentifyOptions = {}): IdentificationSteps {
  const issues = validateInput(input);
  if (issues.length) throw new IdentificationInputError(issues);
  const { year, params } = input;
  const schools = [...input.schools].sort((a, b) => a.id - b.id);
  const ids = schools.map((s) => s.id);
  // rows of other schools are left out (as columns: the rule and the model read them so)
  const slot = schoolSlots(ids);
  const given = isColumns(input.results) ? input.results : toColumns(input.results);
  let foreign = false;
  for (let i = 0; i < given.length && !foreign; i++) if (slot(given.school[i]!) < 0) foreign = true;
  const results = foreign ? filterColumns(given, (i) => slot(given.school[i]!) >= 0) : given;

  const context = computeContext(year, schools, input.context, params.context);
  const model = buildModel(year, params, ids, results, context.schools);
  const ruleOf = ruleForSchools(ids, year, results, params);
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const byDisplay = Object.fromEntries(DISPLAY_CATEGORIES.map((c) => [c, 0])) as Record<
    DisplayCategory,
    number
  >;
  let total = 0;

  return {
    count: schools.length,
    schools(from, to) {
      const out: SchoolOutcome[] = [];
      for (let i = from; i < to; i++) {
        const s = schools[i]!;
        const rule = ruleOf(i);
        const ctx = context.schools[i]!;
        const m = model.schools[i]!;
        const categories = categoriesOf(rule, ctx, m);
        const display = displayCategory(categories);
        for (const c of categories) byCategory[c]++;
        byDisplay[display]++;
        total++;
        out.push({
          schoolId: s.id,
          municipalityId: s.municipalityId,
          categories,
          display,
          rule,
          context: ctx,
          model: m,
          explanation:
            options.explain === false
              ? NO_EXPLANATION
              : explainSchool({
                  year,
                  params,
                  rule,
                  context: ctx,
                  contextRule: context.rule,
                  contextCutoff: context.cutoff,
                  model: m,
                  modelFit: model.share,
                }),
        });
      }
      return out;
    },
    finish() {
      return {
        year,
        fingerprint: fingerprint(input, options.resultsDigest, options.contextText),
        params,
        context: { rule: context.rule, cutoff: context.cutoff, standardisation: context.standardisation },
        model: { share: model.share, shareUnavailable: model.shareUnavailable, meanScore: model.meanScore },
        summary: { total, byCategory, byDisplay },
      };
    },
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
export const FINGERPRINT_VERSION = 'rost.identification.v3';

const cmpNum = (a: number, b: number) => a - b;
/** Code-unit order (as PostgreSQL's `collate "C"` for the ASCII codes of procedures and subjects). */
const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The order the fingerprint hashes results in (the repository's SQL returns them in it). */
export function compareResults(a: ResultAggregate, b: ResultAggregate): number {
  return (
    a.schoolId - b.schoolId ||
    cmpStr(a.procedure, b.procedure) ||
    cmpStr(a.subject, b.subject) ||
    (a.grade ?? -1) - (b.grade ?? -1) ||
    a.year - b.year
  );
}

const num = (x: number | null | undefined) => (x === null || x === undefined ? '' : String(x));
const resultLine = (r: ResultAggregate) =>
  `${r.schoolId}|${r.procedure}|${r.subject}|${num(r.grade)}|${r.year}|${r.participants}|${r.belowMin}|${num(r.meanScore)}|` +
  (r.marks ? `${r.marks[2]},${r.marks[3]},${r.marks[4]},${r.marks[5]}` : '') +
  '\n';
const schoolLine = (s: SchoolInfo) => `${s.id}|${s.municipalityId}|${s.isSmall ? 1 : 0}|${s.locality}\n`;
/**
 * The keys of a context row, sorted, each with the text before its value in the line; rows usually
 * share their keys, so the last ones are reused.
 */
let lastKeys: string[] = [];
let lastSorted: Array<[key: string, prefix: string]> = [];
function sortedKeys(values: Record<string, unknown>): Array<[key: string, prefix: string]> {
  const keys = Object.keys(values);
  let same = keys.length === lastKeys.length;
  for (let i = 0; same && i < keys.length; i++) if (keys[i] !== lastKeys[i]) same = false;
  if (!same) {
    lastKeys = keys;
    lastSorted = [...keys].sort().map((k) => [k, `|${k}=`]);
  }
  return lastSorted;
}
const contextLine = (c: ContextRow) => {
  let line = `${c.schoolId}|${c.year}`;
  for (const [k, prefix] of sortedKeys(c.values)) line += prefix + num(c.values[k]);
  return `${line}\n`;
};

/**
 * Rows in the fingerprint's order: returned as they are when already sorted (the usual case: the
 * SQL orders them, so a national run checks 1.2M rows in one pass instead of sorting them), else
 * a sorted copy; equal keys are ordered by their serialised line so that the order never matters.
 */
function inOrder<T>(rows: readonly T[], cmp: (a: T, b: T) => number, line: (x: T) => string): readonly T[] {
  let sorted = true;
  for (let i = 1; i < rows.length && sorted; i++) if (cmp(rows[i - 1]!, rows[i]!) >= 0) sorted = false;
  if (sorted) return rows;
  return [...rows].sort((a, b) => cmp(a, b) || cmpStr(line(a), line(b)));
}

/** Feeds lines to the hash in blocks of about 1 MB (one `update` per line is slower). */
function hashLines<T>(hash: Hash, rows: readonly T[], line: (x: T) => string) {
  let block = '';
  for (const r of rows) {
    block += line(r);
    if (block.length > 1 << 20) {
      hash.update(block, 'utf8');
      block = '';
    }
  }
  hash.update(block, 'utf8');
}

/**
 * A stable SHA-256 (hex) of the input, prefixed by FINGERPRINT_VERSION: the year, the canonical
 * JSON of the parameters (sorted keys and arrays), then schools, results and context rows, each
 * as one line of fixed fields in a fixed order (by id; results by school, procedure, subject,
 * grade, year; context by school and year). The order of rows or keys does not matter; any change
 * of a value does. Linear when the rows come sorted. `resultsDigest` stands for the results when
 * the caller hashed them as it read them (the repository hashes the ordered text PostgreSQL sends,
 * which is the same for the same data), so that a national run does not serialise 1.2M rows again;
 * `contextText`, when given, is `fingerprintContext` of the input's context rows.
 */
export function fingerprint(input: AnyInput, resultsDigest?: string, contextText?: Buffer): string {
  const hash = createHash('sha256');
  hash.update(`${FINGERPRINT_VERSION}\n${input.year}\n${canonicalJson(input.params)}\n`, 'utf8');
  hash.update('schools\n');
  hashLines(
    hash,
    inOrder(input.schools, (a, b) => cmpNum(a.id, b.id), schoolLine),
    schoolLine,
  );
  hash.update('results\n');
  if (resultsDigest !== undefined) hash.update(`digest ${resultsDigest}\n`, 'utf8');
  else {
    const rows = isColumns(input.results)
      ? Array.from({ length: input.results.length }, (_, i) => rowAt(input.results as ResultColumns, i))
      : input.results;
    hashLines(hash, inOrder(rows, compareResults, resultLine), resultLine);
  }
  hash.update('context\n');
  hash.update(contextText ?? fingerprintContext(input.context));
  return hash.digest('hex');
}

/**
 * The context rows as the fingerprint hashes them (lines in order of school and year, UTF-8): a
 * caller that has the rows before the results may make it meanwhile and hand it to `fingerprint`.
 * Written straight into bytes (the same bytes as the lines of `contextLine`), so that no string is
 * built per line or number.
 */
export function fingerprintContext(rows: readonly ContextRow[]): Buffer {
  const w = new ByteWriter(Math.max(1 << 12, rows.length * 128));
  for (const r of inOrder(rows, (a, b) => a.schoolId - b.schoolId || a.year - b.year, contextLine)) {
    w.num(r.schoolId);
    w.byte(124); // |
    w.num(r.year);
    for (const [k, prefix] of sortedKeys(r.values)) {
      w.text(prefix);
      const v = r.values[k];
      if (typeof v === 'number') w.num(v);
      else if (v !== null && v !== undefined) w.text(String(v));
    }
    w.byte(10);
  }
  return w.finish();
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
