import type { Database } from '../../platform/db/index.js';
import { inScope, schoolScope, type Principal } from '../../platform/auth/principal.js';
import { ensure } from '../../platform/auth/policies.js';
import { AppError, notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit/audit.js';
import { translate, type Locale } from '../../../../common/src/i18n/index.js';
import {
  CATEGORIES,
  DEFAULT_PARAMS,
  DISPLAY_CATEGORIES,
  IdentificationInputError,
  beginIdentification,
  compareOutcomes,
  explainSchool,
  modelFromFits,
  parseParams,
  ruleFromCells,
  scoreSchool,
  weightedIndicators,
  wilsonLower,
  type Category,
  type CellStatus,
  type ContextOutcome,
  type MeanScoreFit,
  type ShareModelFit,
  type ExplainInput,
  type Procedure,
  type RuleCell,
  type SchoolContext,
  type IdentificationOutcome,
  type IdentificationParams,
  type SchoolOutcome,
} from './domain/index.js';
import { enqueue, wakeWorkers, type JobHandlers } from '../../platform/jobs/queue.js';
import { jobsRepository } from '../../platform/jobs/repository.js';
import { CopyTextWriter } from './copy-writer.js';
import {
  copyRun,
  identificationRepository,
  writeRunSchoolRow,
  type IdentificationRepository,
  type LoadedInput,
  type RunSchoolInsert,
  type UnjudgedRow,
} from './repository.js';

/** Categories that put a school in the list (перечень): ШНОР or ШНСУ. */
export const LIST_MEMBERSHIP: Category[] = ['low_results', 'unfavourable'];

/** Who may do what with identification runs and lists. */
export const identificationPolicies = {
  /** Runs, summaries and lists: the region, municipal coordinators (their schools), observers. */
  canReadRuns: (p: Principal) =>
    p.role === 'regional_coordinator' || p.role === 'municipal_coordinator' || p.role === 'observer',
  /** Parameter sets, runs, what-if and approval: the regional coordinator. */
  canRun: (p: Principal) => p.role === 'regional_coordinator',
  /** Proposing the list for a municipality: its coordinator. */
  canPropose: (p: Principal) => p.role === 'municipal_coordinator' && p.municipalityId !== null,
};

export type RunStage = 'loading' | 'computing' | 'saving';

export interface StartRun {
  year: number;
  paramSetId?: number | undefined;
  params?: unknown;
}

export function checkParams(input: unknown, locale: Locale = 'ru'): IdentificationParams {
  const r = parseParams(input, locale);
  if (!r.ok)
    throw new AppError('identification.error.invalidParams', { details: r.errors.join(' ') }, 400, {
      errors: r.errors,
    });
  return r.params;
}

function isoDay(d: string) {
  const [y, m, day] = d.split('-');
  return `${day}.${m}.${y}`;
}

/** Result rows that could not be judged (no threshold), per school, as stored tuples. */
function unjudgedNotes(rows: UnjudgedRow[]): Map<number, StoredNote[]> {
  const out = new Map<number, StoredNote[]>();
  const sorted = [...rows].sort(
    (a, b) =>
      a.schoolId - b.schoolId ||
      a.year - b.year ||
      a.procedure.localeCompare(b.procedure) ||
      a.subject.localeCompare(b.subject),
  );
  for (const r of sorted) {
    const list = out.get(r.schoolId) ?? [];
    list.push([r.procedure, r.subject, r.grade, r.year]);
    out.set(r.schoolId, list);
  }
  return out;
}

/** A sentence about a result row that could not be judged, in the given language. */
function noteSentence(locale: Locale, [procedure, subject, grade, year]: StoredNote): string {
  const k = `identification.subject.${subject}`;
  const t = translate(locale, k);
  return translate(locale, 'identification.note.noThreshold', {
    procedure: translate(locale, `identification.procedure.${procedure}`),
    subject: t === k ? subject : t,
    grade: grade === null ? '' : translate(locale, 'identification.note.grade', { grade }),
    year,
  });
}

/**
 * Identification of the loaded data (pure apart from the input): the outcome and the per-school
 * notes. Explanations are not rendered unless asked for: a stored run renders them on read.
 */
export function computeOutcome(
  year: number,
  params: IdentificationParams,
  input: LoadedInput,
  options: { explain?: boolean } = {},
) {
  const { steps, notes } = beginOutcome(year, params, input, options);
  const schools = steps.schools(0, steps.count);
  const outcome: IdentificationOutcome = { ...steps.finish(), schools };
  return { outcome, notes };
}

/** `computeOutcome` in steps (see `beginIdentification`), for storing schools as they come. */
function beginOutcome(
  year: number,
  params: IdentificationParams,
  input: LoadedInput,
  options: { explain?: boolean } = {},
) {
  try {
    const steps = beginIdentification(
      { year, params, schools: input.schools, results: input.results, context: input.context },
      {
        explain: options.explain ?? false,
        resultsDigest: input.resultsDigest,
        contextText: input.contextText,
      },
    );
    return { steps, notes: unjudgedNotes(input.unjudged) };
  } catch (e) {
    if (e instanceof IdentificationInputError)
      throw new AppError(
        'identification.error.inputInvalid',
        { details: e.issues.slice(0, 5).join(' ') },
        400,
        { errors: e.issues },
      );
    throw e;
  }
}

const inList = (cats: readonly Category[]) => cats.some((c) => LIST_MEMBERSHIP.includes(c));

const r4 = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);

/** [procedure, subject, grade, year] of a result row without a threshold. */
export type StoredNote = [string, string, number | null, number];

/** Version of the figures as read (`compactFigures`), from which explanations are rendered. */
const FIGURES_VERSION = 2;

/**
 * The figures of one school as read (stored as `encodeFigures` writes them, since migration 007;
 * runs stored before kept this object itself; `decodeFigures` gives it back): the rule's status
 * and its cells as tuples [procedure, subject, grade, year, participants, belowMin, wilsonLower,
 * status] (clauses and procedures are rebuilt from the cells: `ruleFromCells`), the context index with its components as tuples [code, value,
 * z, contribution], the model's figures and the rows that could not be judged. Together with the
 * run's parameters and fit they are everything the explanation is rendered from (`explainStored`),
 * so the values it prints (index, contributions) are kept unrounded.
 */
export function compactFigures(s: SchoolOutcome, notes: StoredNote[] = []) {
  const { rule, context, model } = s;
  return {
    v: FIGURES_VERSION,
    rule: {
      status: rule.status,
      cells: rule.triggers.map((c) => [
        c.procedure,
        c.subject,
        c.grade,
        c.year,
        c.participants,
        c.belowMin,
        r4(c.wilsonLower),
        c.status,
      ]),
    },
    context: {
      index: context.index,
      reason: context.reason,
      unfavourable: context.unfavourable,
      presentWeightShare: context.presentWeightShare,
      missing: context.missing,
      components: context.components.map((c) => [c.code, c.value, r4(c.z), c.contribution]),
    },
    model: { ...model, schoolId: undefined },
    notes,
  };
}

export const CELL_CODE: Record<CellStatus, string> = { met: 'm', not_met: 'n', insufficient: 'i' };
const CELL_STATUS: Record<string, CellStatus> = { m: 'met', n: 'not_met', i: 'insufficient' };

/**
 * The figures as stored (version 4): the content of `compactFigures` as positional arrays, without
 * what is the same for every school or follows from the rest and the run, so that a national run
 * writes about half as much. `[4, rule status, cells, context, model, notes]` where
 * - cells: flat, 7 values a cell: procedure, subject, grade, year, participants, below minimum,
 *   status m/n/i (the Wilson lower bound is recomputed from the counts);
 * - context: `[reason, unfavourable, values]`, the values in the order of the weighted indicators
 *   of the run's parameters (`weightedIndicators`), which is the order of the components; the
 *   index, the share of weight present, the missing codes, the z-scores and the contributions are
 *   recomputed from them with the run's standardisation (`scoreSchool`, as the run computed them);
 * - model: `[status, participants, belowMin, shrunken, belowExpected, topQuarter, resilient,
 *   resilientBy, meanScore as [participants, z] or null]`; the observed and expected shares, the
 *   residuals and their z (of the share and of the mean score) are recomputed with the run's fits
 *   (`modelFromFits`);
 * - notes: as in `compactFigures`.
 * `decodeFigures` turns it back into exactly what `compactFigures` gives. Version 3 (stored from
 * migration 007 until version 4) kept what is recomputed: the context as `[index, reason,
 * unfavourable, presentWeightShare, missing, values, z, contributions]`, the model as the values of
 * `SchoolModel` from `status` on, in its order, `meanScore` as an array.
 */
export function encodeFigures(s: SchoolOutcome, notes: StoredNote[] = []): string {
  const w = new CopyTextWriter(1024, false);
  writeFigures(w, s, notes);
  return w.finish().toString('utf8');
}

/**
 * The figures (see `encodeFigures`) written straight into `w`: for COPY (backslashes doubled),
 * or as the plain JSON text; no array or string is built per school.
 */
export function writeFigures(w: CopyTextWriter, s: SchoolOutcome, notes: StoredNote[] = []): void {
  const { rule, context, model } = s;
  w.byte(91); // [
  w.jsonNum(FIGURES_STORED_VERSION);
  w.byte(44);
  w.json(rule.status);
  w.ascii(',[');
  const triggers = rule.triggers;
  for (let i = 0; i < triggers.length; i++) {
    const c = triggers[i]!;
    if (i > 0) w.byte(44);
    w.jsonStr(c.procedure);
    w.byte(44);
    w.jsonStr(c.subject);
    w.byte(44);
    if (c.grade === null) w.ascii('null');
    else w.jsonNum(c.grade);
    w.byte(44);
    w.jsonNum(c.year);
    w.byte(44);
    w.jsonNum(c.participants);
    w.byte(44);
    w.jsonNum(c.belowMin);
    w.byte(44);
    w.json(CELL_CODE[c.status]);
  }
  w.ascii('],[');
  w.json(context.reason);
  w.byte(44);
  w.json(context.unfavourable);
  w.ascii(',[');
  const components = context.components;
  for (let i = 0; i < components.length; i++) {
    if (i > 0) w.byte(44);
    w.json(components[i]!.value);
  }
  w.ascii(']],[');
  w.json(model.status);
  w.byte(44);
  w.json(model.participants);
  w.byte(44);
  w.json(model.belowMin);
  w.byte(44);
  w.json(model.shrunken);
  w.byte(44);
  w.json(model.belowExpected);
  w.byte(44);
  w.json(model.topQuarter);
  w.byte(44);
  w.json(model.resilient);
  w.byte(44);
  w.json(model.resilientBy);
  w.byte(44);
  const ms = model.meanScore;
  if (ms) {
    w.byte(91);
    w.json(ms.participants);
    w.byte(44);
    w.json(ms.z);
    w.byte(93);
  } else w.ascii('null');
  w.ascii('],');
  w.json(notes);
  w.byte(93); // ]
}

/** Version of the stored figures text (`encodeFigures`); 3 is still read. */
const FIGURES_STORED_VERSION = 4;

type Figures = ReturnType<typeof compactFigures>;

/** `weightedIndicators` of a run's context parameters, made once per run read (not per school). */
const runWeights = new WeakMap<object, Array<[string, number]>>();
function weightsOfRun(context: IdentificationParams['context']): Array<[string, number]> {
  let w = runWeights.get(context);
  if (!w) runWeights.set(context, (w = weightedIndicators(context)));
  return w;
}

/** The context of figures v4 (`[reason, unfavourable, values]`) as `compactFigures` gives it. */
function contextFigures(
  [reason, unfavourable, values]: [Figures['context']['reason'], boolean | null, Array<number | null>],
  run: Pick<ExplainContext, 'params' | 'fit'>,
): Figures['context'] | null {
  const standardisation = run.fit.context?.standardisation;
  const weights = weightsOfRun(run.params.context);
  if (!standardisation || standardisation.length !== weights.length) return null;
  const x = new Float64Array(weights.length);
  for (let i = 0; i < weights.length; i++) x[i] = values[i] ?? NaN;
  const c = scoreSchool(0, 0, x, 0, weights, standardisation, run.params.context.minWeightShare);
  return {
    index: c.index,
    reason,
    unfavourable,
    presentWeightShare: c.presentWeightShare,
    missing: c.missing,
    // z as stored before version 4: rounded, and without a negative zero (JSON has none)
    components: c.components.map((k) => [
      k.code,
      k.value,
      k.z === null ? null : r4(k.z)! + 0,
      k.contribution,
    ]),
  };
}

/**
 * The stored figures of a school as `compactFigures` gives them (JSON text of version 4 or 3, see
 * `encodeFigures`; runs stored before migration 007 kept version 2 objects, returned as they are).
 * The component codes and what version 4 leaves out come from the run's parameters and fit. Null
 * when unreadable.
 */
export function decodeFigures(raw: unknown, run: Pick<ExplainContext, 'params' | 'fit'>): Figures | null {
  let f: unknown = raw;
  if (typeof raw === 'string') {
    try {
      f = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (!Array.isArray(f)) return f && typeof f === 'object' ? (f as Figures) : null;
  if (f[0] !== FIGURES_STORED_VERSION && f[0] !== 3) return null;
  const [version, status, flat, ctx, m, notes] = f as [
    number,
    Figures['rule']['status'],
    unknown[],
    unknown[],
    unknown[],
    StoredNote[],
  ];
  const cells: Figures['rule']['cells'] = [];
  for (let i = 0; i + 6 < flat.length; i += 7) {
    const participants = flat[i + 4] as number;
    const belowMin = flat[i + 5] as number;
    cells.push([
      flat[i] as Procedure,
      flat[i + 1] as string,
      flat[i + 2] as number | null,
      flat[i + 3] as number,
      participants,
      belowMin,
      r4(wilsonLower(belowMin, participants)),
      CELL_STATUS[flat[i + 6] as string] ?? 'insufficient',
    ]);
  }
  const context = version === 3 ? contextFiguresV3(ctx, run.params) : contextFigures(ctx as never, run);
  if (!context) return null;
  const model = version === 3 ? modelFiguresV3(m) : modelFigures(m, context.index, run);
  if (!model) return null;
  return { v: FIGURES_VERSION, rule: { status, cells }, context, model, notes };
}

/** The model of figures v4 as `compactFigures` gives it (see `encodeFigures`). */
function modelFigures(
  m: unknown[],
  index: number | null,
  run: Pick<ExplainContext, 'params' | 'fit'>,
): Figures['model'] | null {
  const fits = run.fit.model;
  if (!fits) return null;
  const ms = m[8] as [number, number] | null;
  const x = modelFromFits(
    {
      schoolId: 0,
      status: m[0] as SchoolOutcome['model']['status'],
      participants: m[1] as number,
      belowMin: m[2] as number,
      shrunken: m[3] as number | null,
      belowExpected: m[4] as boolean,
      topQuarter: m[5] as boolean,
      resilient: m[6] as boolean,
      resilientBy: m[7] as SchoolOutcome['model']['resilientBy'],
      meanScore: ms ? { participants: ms[0], z: ms[1] } : null,
    },
    index,
    { share: fits.share ?? null, meanScore: fits.meanScore ?? null },
    run.params,
  );
  // the keys in the order of `compactFigures` (the API gives this object as it is)
  return {
    status: x.status,
    participants: x.participants,
    belowMin: x.belowMin,
    share: x.share,
    expected: x.expected,
    shrunken: x.shrunken,
    residual: x.residual,
    residualZ: x.residualZ,
    belowExpected: x.belowExpected,
    topQuarter: x.topQuarter,
    resilient: x.resilient,
    resilientBy: x.resilientBy,
    meanScore: x.meanScore,
    schoolId: undefined,
  };
}

/** The model of figures v3 as `compactFigures` gives it. */
function modelFiguresV3(m: unknown[]): Figures['model'] {
  const ms = m[12] as [number, number, number | null, number | null, number | null] | null;
  return {
    status: m[0] as SchoolOutcome['model']['status'],
    participants: m[1] as number,
    belowMin: m[2] as number,
    share: m[3] as number | null,
    expected: m[4] as number | null,
    shrunken: m[5] as number | null,
    residual: m[6] as number | null,
    residualZ: m[7] as number | null,
    belowExpected: m[8] as boolean,
    topQuarter: m[9] as boolean,
    resilient: m[10] as boolean,
    resilientBy: m[11] as SchoolOutcome['model']['resilientBy'],
    meanScore: ms
      ? { participants: ms[0], z: ms[1], expected: ms[2], residual: ms[3], residualZ: ms[4] }
      : null,
    schoolId: undefined,
  };
}

/** The context of figures v3 as `compactFigures` gives it. */
function contextFiguresV3(ctx: unknown[], params: Pick<IdentificationParams, 'context'>): Figures['context'] {
  const codes = weightedIndicators(params.context).map(([code]) => code);
  const [index, reason, unfavourable, presentWeightShare, missing, values, z, contributions] = ctx as [
    number | null,
    Figures['context']['reason'],
    boolean | null,
    number,
    string[],
    Array<number | null>,
    Array<number | null>,
    Array<number | null>,
  ];
  return {
    index,
    reason,
    unfavourable,
    presentWeightShare,
    missing,
    components: codes.map((code, i) => [code, values[i] ?? null, z[i] ?? null, contributions[i] ?? null]),
  };
}

export function toRow(s: SchoolOutcome, notes: StoredNote[] | undefined): RunSchoolInsert {
  return { ...rowFields(s), figures: encodeFigures(s, notes) };
}

/** The columns of a school's row but the figures. */
function rowFields(s: SchoolOutcome): Omit<RunSchoolInsert, 'figures'> {
  return {
    schoolId: s.schoolId,
    municipalityId: s.municipalityId,
    display: s.display,
    categories: s.categories,
    inList: inList(s.categories),
    ruleStatus: s.rule.status,
    participants: s.model.participants,
    share: s.model.share,
    shrunken: s.model.shrunken,
    expected: s.model.expected,
    residualZ: s.model.residualZ,
    contextIndex: s.context.index,
  };
}

/** The part of a stored run the explanations are rendered with. */
export const explainContextOf = (r: { year: number; params: unknown; fit: unknown }): ExplainContext => ({
  year: r.year,
  params: r.params as IdentificationParams,
  fit: (r.fit ?? {}) as ExplainContext['fit'],
});

/** What of a run the explanations are rendered with. */
export interface ExplainContext {
  year: number;
  params: IdentificationParams;
  fit: {
    context?: { rule?: unknown; cutoff?: number | null; standardisation?: ContextOutcome['standardisation'] };
    model?: { share?: ShareModelFit | null; meanScore?: MeanScoreFit | null };
  };
}

/**
 * The explanation of a stored school in the reader's language, rendered from its figures (as
 * stored: `decodeFigures`) and the run's parameters and fit (runs stored before figures v2 kept
 * Russian sentences: returned as they are).
 */
export function explainStored(
  run: ExplainContext,
  figures: unknown,
  stored: unknown,
  locale: Locale,
): string[] {
  const params = run.params;
  const f = decodeFigures(figures, run);
  if (!f || f.v !== FIGURES_VERSION) return Array.isArray(stored) ? (stored as string[]) : [];
  const rule = ruleFromCells(
    0,
    run.year,
    f.rule.cells.map((c): RuleCell => {
      const [procedure, subject, grade, year, participants, belowMin, , status] = c as [
        Procedure,
        string,
        number | null,
        number,
        number,
        number,
        number | null,
        CellStatus,
      ];
      return {
        procedure,
        subject,
        sourceSubjects: [subject],
        grade,
        year,
        participants,
        belowMin,
        share: participants > 0 ? belowMin / participants : 0,
        wilsonLower: wilsonLower(belowMin, participants),
        threshold: params.threshold,
        status,
      };
    }),
    params,
  );
  const context: SchoolContext = {
    schoolId: 0,
    year: run.year,
    index: f.context.index,
    reason: f.context.reason,
    unfavourable: f.context.unfavourable,
    presentWeightShare: f.context.presentWeightShare,
    missing: f.context.missing,
    components: f.context.components.map((c) => {
      const [code, value, z, contribution] = c as [string, number | null, number | null, number | null];
      return { code, weight: params.context.weights[code] ?? 0, value, z, contribution };
    }),
  };
  const sentences = explainSchool(
    {
      year: run.year,
      params,
      rule,
      context,
      contextRule: (run.fit.context?.rule ?? params.context.unfavourable.rule) as ExplainInput['contextRule'],
      contextCutoff: run.fit.context?.cutoff ?? null,
      model: { ...f.model, schoolId: 0 },
      modelFit: (run.fit.model?.share ?? null) as ExplainInput['modelFit'],
    },
    locale,
  );
  return [...sentences, ...(f.notes ?? []).map((n) => noteSentence(locale, n))];
}

const actorId = (p: Principal) => (p.id > 0 ? p.id : null);

/** The job kind that computes a requested run. */
export const RUN_JOB = 'identification.run';

type RunRow = NonNullable<Awaited<ReturnType<IdentificationRepository['getRun']>>>;

/** What the viewer's scope holds of a run (see repository.scopedRunCounts). */
export interface ScopedCounts {
  schools: number;
  municipalities: number;
  proposals: number;
}

/**
 * A run as the viewer sees it: the school count and the list status of their scope. A draft list
 * is 'proposed' for a municipal coordinator only when their municipality proposed it; for the
 * region, when any municipality did (with how many of how many).
 */
function presentRun(r: RunRow, locale: Locale, scoped?: ScopedCounts) {
  const listStatus =
    r.list_status === 'approved' ? 'approved' : scoped && scoped.proposals > 0 ? 'proposed' : 'draft';
  return {
    id: r.id,
    year: r.year,
    paramSetId: r.param_set_id,
    paramSetName: r.param_set_name ?? null,
    status: r.status,
    jobId: r.job_id,
    error: r.error ? translate(locale, r.error.key, r.error.params) : null,
    fingerprint: r.fingerprint,
    schoolCount: scoped ? scoped.schools : r.school_count,
    municipalityCount: scoped?.municipalities ?? 0,
    proposedCount: scoped?.proposals ?? 0,
    createdAt: r.created_at.toISOString(),
    createdByName: r.created_by_name ?? null,
    listStatus: listStatus as 'draft' | 'proposed' | 'approved',
    orderNumber: r.order_number,
    orderDate: r.order_date,
    approvedAt: r.approved_at?.toISOString() ?? null,
  };
}

function errorOf(e: unknown): { key: string; params: Record<string, string | number> } {
  if (e instanceof AppError) {
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(e.params))
      if (typeof v === 'string' || typeof v === 'number') params[k] = v;
    return { key: e.code, params };
  }
  return {
    key: 'identification.error.runFailed',
    params: { detail: e instanceof Error ? e.message : String(e) },
  };
}

export function identificationService(database: Database) {
  const { db } = database;
  const repo = identificationRepository(db, database.pgPool);

  async function readableRun(p: Principal, id: number) {
    ensure(identificationPolicies.canReadRuns(p));
    const run = await repo.getRun(id);
    if (!run) throw notFound();
    return settled(run);
  }

  /** A run presented with the counts of the viewer's scope. */
  async function presentScoped(p: Principal, run: RunRow) {
    const counts = await repo.scopedRunCounts(schoolScope(p), [run.id]);
    return presentRun(run, p.locale, counts.get(run.id) ?? { schools: 0, municipalities: 0, proposals: 0 });
  }

  function refuseApproved(run: {
    list_status: string;
    order_number: string | null;
    order_date: string | null;
  }) {
    if (run.list_status === 'approved')
      throw new AppError(
        'identification.error.approved',
        { number: run.order_number ?? '—', date: run.order_date ? isoDay(run.order_date) : '—' },
        409,
      );
  }

  function refuseNotDone(run: { status: string }) {
    if (run.status !== 'done') throw new AppError('identification.error.notDone', {}, 409);
  }

  async function resolveParams(p: Principal, input: StartRun) {
    if (input.paramSetId !== undefined) {
      const set = await repo.getParamSet(input.paramSetId);
      if (!set) throw notFound();
      return { paramSetId: set.id, params: checkParams(set.params, p.locale) };
    }
    if (input.params !== undefined) return { paramSetId: null, params: checkParams(input.params, p.locale) };
    const def = (await repo.listParamSets()).find((s) => s.is_default);
    if (def) return { paramSetId: def.id, params: checkParams(def.params, p.locale) };
    return { paramSetId: null, params: DEFAULT_PARAMS };
  }

  /** Check the request, store the run as 'running' (with its job when `queued`) and audit it. */
  async function createRun(p: Principal, input: StartRun, queued: boolean): Promise<number> {
    ensure(identificationPolicies.canRun(p));
    if (!Number.isInteger(input.year) || input.year < 2001 || input.year > 2100)
      throw new AppError('identification.error.badYear', { year: String(input.year) });
    const { paramSetId, params } = await resolveParams(p, input);
    if (!(await repo.hasActiveSchools())) throw new AppError('identification.error.noSchools');
    return db.transaction().execute(async (tx) => {
      const run = await repo.insertRun(tx, {
        year: input.year,
        param_set_id: paramSetId,
        params: JSON.stringify(params),
        created_by: actorId(p),
      });
      if (queued) {
        const jobId = await enqueue(tx, { kind: RUN_JOB, payload: { runId: run.id }, ownerId: actorId(p) });
        await repo.setRunJob(tx, run.id, jobId);
      }
      await audit(tx, p, {
        action: 'create',
        entity: 'identification_run',
        entityId: run.id,
        summary: `${input.year}`,
        after: { year: input.year, paramSetId, params },
      });
      return run.id;
    });
  }

  /**
   * Compute a 'running' run and store it: load, identify (pure) and, in one transaction, every
   * school's row and the run marked 'done', so that the list is complete or absent. The schools
   * are computed and serialised a chunk at a time, the next chunk while PostgreSQL stores the
   * previous one, and none is kept (45,000 outcomes alive at once were most of the garbage
   * collector's work); the rest of the outcome (fingerprint, summary) is made after the last
   * chunk, while PostgreSQL stores it. A failure marks the run 'failed' with the message and is
   * rethrown. Returns the outcome without the schools, or null when the run is gone (deleted
   * meanwhile) or no longer running.
   */
  async function execute(
    runId: number,
    onStage?: (stage: RunStage) => void,
  ): Promise<Omit<IdentificationOutcome, 'schools'> | null> {
    const run = await repo.getRun(runId);
    if (!run || run.status !== 'running') return null;
    try {
      const params = checkParams(run.params);
      onStage?.('loading');
      const loaded = await repo.loadInput(run.year, params);
      if (!loaded.schools.length) throw new AppError('identification.error.noSchools');
      onStage?.('computing');
      const { steps, notes } = beginOutcome(run.year, params, loaded);
      onStage?.('saving');
      const CHUNK = 1_000;
      let outcome: Omit<IdentificationOutcome, 'schools'> | undefined;
      // The schools one at a time, each handed on before the next is computed, so that an outcome
      // is garbage at once (outcomes of a whole chunk alive together were copied by the collector);
      // the rest of the outcome once the last one was taken.
      function* schools() {
        for (let i = 0; i < steps.count; i++) yield steps.schools(i, i + 1)[0]!;
        outcome = steps.finish();
      }
      // PostgreSQL: each chunk's rows as COPY bytes, written straight from the outcomes.
      function* copyChunks() {
        const w = new CopyTextWriter();
        let n = 0;
        for (const s of schools()) {
          writeRunSchoolRow(w, runId, rowFields(s), (x) => writeFigures(x, s, notes.get(s.schoolId)));
          if (++n % CHUNK === 0) yield w.take();
        }
        if (w.length) yield w.take();
      }
      // PGlite: chunks of rows for the inserts.
      function* rowChunks() {
        let rows: RunSchoolInsert[] = [];
        for (const s of schools()) {
          rows.push(toRow(s, notes.get(s.schoolId)));
          if (rows.length === CHUNK) {
            yield rows;
            rows = [];
          }
        }
        if (rows.length) yield rows;
      }
      const done = () => {
        if (!outcome) throw new Error('identification: the outcome is not complete');
        return {
          fingerprint: outcome.fingerprint,
          summary: JSON.stringify(outcome.summary),
          fit: JSON.stringify({ context: outcome.context, model: outcome.model }),
          school_count: outcome.summary.total,
        };
      };
      const stored = database.pgPool
        ? await copyRun(database.pgPool, runId, copyChunks, done)
        : await db.transaction().execute(async (tx) => {
            const locked = await repo.lockRun(tx, runId);
            if (!locked || locked.status !== 'running') return false;
            for (const rows of rowChunks()) await repo.insertRunSchools(tx, runId, rows);
            await repo.finishRun(tx, runId, done());
            return true;
          });
      return stored && outcome ? outcome : null;
    } catch (e) {
      await repo.failRun(runId, errorOf(e));
      throw e;
    }
  }

  /**
   * A run whose job ended without finishing it (the worker died and the job was abandoned, or the
   * job is gone) is marked failed when it is read.
   */
  async function settled(run: RunRow): Promise<RunRow> {
    if (run.status !== 'running' || run.job_id === null) return run;
    const job = await jobsRepository(db).get(run.job_id);
    if (job && (job.status === 'queued' || job.status === 'running')) return run;
    await repo.failRun(
      run.id,
      job?.error ? { key: job.error.key, params: job.error.params } : { key: 'jobs.abandoned', params: {} },
    );
    return (await repo.getRun(run.id)) ?? run;
  }

  const service = {
    // ---- parameter sets
    async paramSets(p: Principal) {
      ensure(identificationPolicies.canReadRuns(p));
      const rows = await repo.listParamSets();
      return {
        defaults: DEFAULT_PARAMS,
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          params: r.params as IdentificationParams,
          isDefault: r.is_default,
          version: r.version,
          createdAt: r.created_at.toISOString(),
          updatedAt: r.updated_at.toISOString(),
        })),
      };
    },

    async createParamSet(
      p: Principal,
      input: { name: string; params: unknown; isDefault?: boolean | undefined },
    ) {
      ensure(identificationPolicies.canRun(p));
      const params = checkParams(input.params, p.locale);
      return db.transaction().execute(async (tx) => {
        if (input.isDefault) await repo.clearDefault(tx);
        const row = await repo.insertParamSet(tx, {
          name: input.name,
          params: JSON.stringify(params),
          is_default: input.isDefault ?? false,
          created_by: actorId(p),
        });
        await audit(tx, p, {
          action: 'create',
          entity: 'identification_param_set',
          entityId: row.id,
          summary: row.name,
          after: { name: row.name, params, isDefault: row.is_default },
        });
        return { id: row.id };
      });
    },

    async updateParamSet(
      p: Principal,
      id: number,
      input: { name?: string | undefined; params?: unknown; isDefault?: boolean | undefined },
    ) {
      ensure(identificationPolicies.canRun(p));
      const before = await repo.getParamSet(id);
      if (!before) throw notFound();
      const params = input.params !== undefined ? checkParams(input.params, p.locale) : undefined;
      return db.transaction().execute(async (tx) => {
        if (input.isDefault) await repo.clearDefault(tx);
        const row = await repo.updateParamSet(tx, id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(params ? { params: JSON.stringify(params) } : {}),
          ...(input.isDefault !== undefined ? { is_default: input.isDefault } : {}),
        });
        await audit(tx, p, {
          action: 'update',
          entity: 'identification_param_set',
          entityId: id,
          summary: row.name,
          before: { name: before.name, params: before.params, isDefault: before.is_default },
          after: { name: row.name, params: row.params, isDefault: row.is_default },
        });
        return { id };
      });
    },

    async deleteParamSet(p: Principal, id: number) {
      ensure(identificationPolicies.canRun(p));
      const before = await repo.getParamSet(id);
      if (!before) throw notFound();
      await db.transaction().execute(async (tx) => {
        await repo.deleteParamSet(tx, id);
        await audit(tx, p, {
          action: 'delete',
          entity: 'identification_param_set',
          entityId: id,
          summary: before.name,
          before: { name: before.name, params: before.params },
        });
      });
    },

    // ---- runs
    /**
     * Request a run: the parameters are checked now, the run is stored as 'running' with its job,
     * and the job (RUN_JOB, see `jobHandlers`) computes and stores it. Returns the run and the job.
     */
    async start(p: Principal, input: StartRun) {
      const runId = await createRun(p, input, true);
      wakeWorkers();
      const run = (await repo.getRun(runId))!;
      return { runId, jobId: run.job_id };
    },

    /**
     * Run the identification now and wait for it (the command line, the benchmark, test fixtures):
     * the same steps as the job. `onStage` reports progress. A failure marks the run 'failed'.
     */
    async run(p: Principal, input: StartRun, onStage?: (stage: RunStage) => void) {
      const runId = await createRun(p, input, false);
      const outcome = await execute(runId, onStage);
      if (!outcome) throw notFound();
      return { runId, outcome };
    },

    /** The job handlers of the module (the server's worker, `runPendingJobs` in tests and the CLI). */
    jobHandlers(): JobHandlers {
      return {
        [RUN_JOB]: async (ctx) => {
          const runId = Number(ctx.payload.runId);
          const stages: Record<RunStage, number> = { loading: 0.05, computing: 0.35, saving: 0.7 };
          const done = await execute(
            runId,
            (stage) => void ctx.progress(stages[stage], `identification.stage.${stage}`, {}).catch(() => {}),
          );
          return done ? { runId, total: done.summary.total } : { runId, total: 0 };
        },
      };
    },

    async runs(p: Principal) {
      ensure(identificationPolicies.canReadRuns(p));
      const [rows, counts] = await Promise.all([repo.listRuns(), repo.scopedRunCounts(schoolScope(p))]);
      const none = { schools: 0, municipalities: 0, proposals: 0 };
      return rows.map((r) => presentRun(r, p.locale, counts.get(r.id) ?? none));
    },

    async summary(p: Principal, id: number) {
      const run = await readableRun(p, id);
      const scope = schoolScope(p);
      const [counts, cats, proposals] = await Promise.all([
        repo.counts(id, scope),
        repo.categoryCounts(id, scope),
        repo.proposals(id),
      ]);
      const zero = <K extends string>(keys: readonly K[]) =>
        Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
      const byDisplay = zero(DISPLAY_CATEGORIES);
      const byCategory = zero(CATEGORIES);
      for (const c of cats) if (c.category in byCategory) byCategory[c.category as Category] = c.n;
      const munis = new Map<
        number,
        {
          municipalityId: number;
          name: string;
          total: number;
          inList: number;
          byDisplay: Record<string, number>;
        }
      >();
      let total = 0;
      let listed = 0;
      for (const c of counts) {
        const m = munis.get(c.municipality_id) ?? {
          municipalityId: c.municipality_id,
          name: c.name,
          total: 0,
          inList: 0,
          byDisplay: zero(DISPLAY_CATEGORIES),
        };
        m.total += c.n;
        m.inList += c.in_list;
        m.byDisplay[c.display] = c.n;
        munis.set(c.municipality_id, m);
        byDisplay[c.display] += c.n;
        total += c.n;
        listed += c.in_list;
      }
      const fit = run.fit as { context: unknown; model: unknown };
      return {
        run: await presentScoped(p, run),
        params: run.params as IdentificationParams,
        total,
        inList: listed,
        byCategory,
        byDisplay,
        byMunicipality: [...munis.values()],
        proposals: proposals.map((x) => ({
          municipalityId: x.municipality_id,
          municipalityName: x.municipality_name,
          proposedByName: x.proposed_by_name,
          proposedAt: x.proposed_at.toISOString(),
          note: x.note,
        })),
        fit,
      };
    },

    async schools(
      p: Principal,
      id: number,
      q: {
        municipalityId?: number | undefined;
        category?: string | undefined;
        search?: string | undefined;
        inList?: boolean | undefined;
        page: number;
        pageSize: number;
      },
    ) {
      const run = await readableRun(p, id);
      const { total, rows } = await repo.listSchools(id, schoolScope(p), q, q.page, q.pageSize);
      const ctx = explainContextOf(run);
      return {
        total,
        page: q.page,
        pageSize: q.pageSize,
        items: rows.map((r) => ({
          schoolId: r.school_id,
          code: r.code,
          shortName: r.short_name,
          municipalityId: r.municipality_id,
          municipalityName: r.municipality_name,
          display: r.display,
          categories: r.categories,
          inList: r.in_list,
          ruleStatus: r.rule_status,
          participants: r.participants,
          share: r.share,
          residualZ: r.residual_z,
          contextIndex: r.context_index,
          explanation: explainStored(ctx, r.figures, r.explanation, p.locale),
        })),
      };
    },

    async school(p: Principal, id: number, schoolId: number) {
      const run = await repo.getRun(id);
      if (!run) throw notFound();
      const row = await repo.getRunSchool(id, schoolId);
      if (!row || !inScope(schoolScope(p), { id: row.school_id, municipalityId: row.municipality_id }))
        throw notFound();
      // School-level users see their outcome once the list is approved.
      if (!identificationPolicies.canReadRuns(p) && run.list_status !== 'approved') throw notFound();
      return {
        run: await presentScoped(p, run),
        schoolId: row.school_id,
        code: row.code,
        shortName: row.short_name,
        municipalityId: row.municipality_id,
        municipalityName: row.municipality_name,
        display: row.display,
        categories: row.categories,
        inList: row.in_list,
        explanation: explainStored(explainContextOf(run), row.figures, row.explanation, p.locale),
        figures: decodeFigures(row.figures, explainContextOf(run)),
      };
    },

    async history(p: Principal, schoolId: number) {
      const ref = await repo.schoolRef(schoolId);
      if (!ref || !inScope(schoolScope(p), { id: ref.id, municipalityId: ref.municipality_id }))
        throw notFound();
      const rows = await repo.history(schoolId, !identificationPolicies.canReadRuns(p));
      return rows.map((r) => ({
        runId: r.run_id,
        year: r.year,
        listStatus: r.list_status as 'draft' | 'proposed' | 'approved',
        orderNumber: r.order_number,
        orderDate: r.order_date,
        createdAt: r.created_at.toISOString(),
        display: r.display,
        categories: r.categories,
        inList: r.in_list,
        explanation: explainStored(explainContextOf(r), r.figures, r.explanation, p.locale),
      }));
    },

    async scatter(p: Principal, id: number) {
      const run = await readableRun(p, id);
      const rows = await repo.scatter(id, schoolScope(p));
      const fit =
        (run.fit as { model?: { share?: { intercept: number; slope: number } | null } }).model?.share ?? null;
      return {
        line: fit ? { intercept: fit.intercept, slope: fit.slope } : null,
        points: rows.map((r) => ({
          schoolId: r.school_id,
          shortName: r.short_name,
          municipalityId: r.municipality_id,
          display: r.display,
          participants: r.participants,
          contextIndex: r.context_index,
          share: r.share,
          shrunken: r.shrunken,
          expected: r.expected,
          residualZ: r.residual_z,
        })),
      };
    },

    /** What-if: the run's year with other parameters, nothing saved; entered/left/stayed vs the run. */
    async whatIf(p: Principal, id: number, paramsInput: unknown) {
      ensure(identificationPolicies.canRun(p));
      const run = await repo.getRun(id);
      if (!run) throw notFound();
      const params = checkParams(paramsInput, p.locale);
      const loaded = await repo.loadInput(run.year, params);
      const { outcome } = computeOutcome(run.year, params, loaded);
      const saved = (await repo.runCategories(id)).map((r) => ({
        schoolId: r.school_id,
        categories: r.categories,
      }));
      return {
        ...(await compare(saved, outcome.schools, schoolScope(p))),
        summary: outcome.summary,
        fingerprint: outcome.fingerprint,
      };
    },

    /** The difference of a run from the latest approved list of the previous year. */
    async diff(p: Principal, id: number) {
      const run = await readableRun(p, id);
      const previous = await repo.approvedRunOf(run.year - 1);
      const before = previous
        ? (await repo.runCategories(previous.id)).map((r) => ({
            schoolId: r.school_id,
            categories: r.categories,
          }))
        : [];
      const after = (await repo.runCategories(id)).map((r) => ({
        schoolId: r.school_id,
        categories: r.categories,
      }));
      return {
        previousRun: previous ? await presentScoped(p, previous) : null,
        ...(await compare(before, after, schoolScope(p))),
      };
    },

    async propose(p: Principal, id: number, note: string | null) {
      ensure(identificationPolicies.canPropose(p));
      await readableRun(p, id);
      await db.transaction().execute(async (tx) => {
        const run = await repo.lockRun(tx, id);
        if (!run) throw notFound();
        refuseApproved(run);
        refuseNotDone(run);
        await repo.upsertProposal(tx, {
          run_id: id,
          municipality_id: p.municipalityId!,
          proposed_by: actorId(p),
          note,
        });
        if (run.list_status === 'draft') await repo.setListStatus(tx, id, { list_status: 'proposed' });
        await audit(tx, p, {
          action: 'propose',
          entity: 'identification_run',
          entityId: id,
          summary: `${run.year}`,
          before: { listStatus: run.list_status },
          after: { listStatus: 'proposed', municipalityId: p.municipalityId, note },
        });
      });
    },

    async approve(p: Principal, id: number, order: { orderNumber: string; orderDate: string }) {
      ensure(identificationPolicies.canRun(p));
      await db.transaction().execute(async (tx) => {
        const run = await repo.lockRun(tx, id);
        if (!run) throw notFound();
        refuseApproved(run);
        refuseNotDone(run);
        await repo.setListStatus(tx, id, {
          list_status: 'approved',
          order_number: order.orderNumber,
          order_date: order.orderDate,
          approved_by: actorId(p),
          approved_at: new Date(),
        });
        await audit(tx, p, {
          action: 'approve',
          entity: 'identification_run',
          entityId: id,
          summary: `${run.year}: № ${order.orderNumber} от ${isoDay(order.orderDate)}`,
          before: { listStatus: run.list_status },
          after: { listStatus: 'approved', ...order },
        });
      });
    },

    async deleteRun(p: Principal, id: number) {
      ensure(identificationPolicies.canRun(p));
      await db.transaction().execute(async (tx) => {
        const run = await repo.lockRun(tx, id);
        if (!run) throw notFound();
        refuseApproved(run);
        await repo.deleteRun(tx, id);
        await audit(tx, p, {
          action: 'delete',
          entity: 'identification_run',
          entityId: id,
          summary: `${run.year}`,
          before: { year: run.year, fingerprint: run.fingerprint, listStatus: run.list_status },
        });
      });
    },

    /** The list for the documents (schools in scope). */
    async documentData(p: Principal, id: number) {
      const run = await readableRun(p, id);
      const members = await repo.listMembers(id, schoolScope(p));
      const ctx = explainContextOf(run);
      return {
        year: run.year,
        approved: run.list_status === 'approved',
        orderNumber: run.order_number,
        orderDate: run.order_date ? isoDay(run.order_date) : null,
        rows: members.map((m) => ({
          municipality: m.municipality_name,
          school: m.full_name,
          code: m.code,
          display: m.display,
          explanation: explainStored(ctx, m.figures, m.explanation, p.locale),
        })),
      };
    },
  };

  async function compare(
    before: Array<{ schoolId: number; categories: Category[] }>,
    after: Array<{ schoolId: number; categories: readonly Category[] }>,
    scope: ReturnType<typeof schoolScope>,
  ) {
    const c = compareOutcomes({ schools: before }, { schools: after }, { membership: LIST_MEMBERSHIP });
    const ids = [...c.entered, ...c.left, ...c.stayed].map((x) => x.schoolId);
    const names = await repo.schoolNames(ids);
    const present = (list: typeof c.entered) =>
      list
        .filter((x) => {
          const n = names.get(x.schoolId);
          return n && inScope(scope, { id: x.schoolId, municipalityId: n.municipalityId });
        })
        .map((x) => {
          const n = names.get(x.schoolId)!;
          return {
            schoolId: x.schoolId,
            shortName: n.shortName,
            municipalityId: n.municipalityId,
            municipalityName: n.municipalityName,
            displayBefore: x.displayBefore,
            displayAfter: x.displayAfter,
            changed: x.changed,
          };
        });
    return { entered: present(c.entered), left: present(c.left), stayed: present(c.stayed) };
  }

  return service;
}

export type IdentificationService = ReturnType<typeof identificationService>;
