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
  compareOutcomes,
  identify,
  parseParams,
  type Category,
  type IdentificationParams,
  type SchoolOutcome,
} from './domain/index.js';
import {
  identificationRepository,
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

/** Sentences about result rows that could not be judged (no threshold), per school. */
function unjudgedNotes(rows: UnjudgedRow[], locale: Locale): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const sorted = [...rows].sort(
    (a, b) =>
      a.schoolId - b.schoolId ||
      a.year - b.year ||
      a.procedure.localeCompare(b.procedure) ||
      a.subject.localeCompare(b.subject),
  );
  for (const r of sorted) {
    const list = out.get(r.schoolId) ?? [];
    list.push(
      translate(locale, 'identification.note.noThreshold', {
        procedure: translate(locale, `identification.procedure.${r.procedure}`),
        subject: (() => {
          const k = `identification.subject.${r.subject}`;
          const t = translate(locale, k);
          return t === k ? r.subject : t;
        })(),
        grade: r.grade === null ? '' : translate(locale, 'identification.note.grade', { grade: r.grade }),
        year: r.year,
      }),
    );
    out.set(r.schoolId, list);
  }
  return out;
}

/** Identification of the loaded data (pure apart from the input): the outcome and the per-school notes. */
export function computeOutcome(year: number, params: IdentificationParams, input: LoadedInput) {
  try {
    const outcome = identify({
      year,
      params,
      schools: input.schools,
      results: input.results,
      context: input.context,
    });
    return { outcome, notes: unjudgedNotes(input.unjudged, 'ru') };
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

/**
 * The figures of one school as stored (compact, for 45,000 schools per run): the rule's status,
 * clauses and procedures, its cells as tuples [procedure, subject, grade, year, participants,
 * belowMin, wilsonLower, status], the context index with its components as tuples [code, value,
 * z, contribution], and the model's figures.
 */
export function compactFigures(s: SchoolOutcome) {
  const { rule, context, model } = s;
  return {
    rule: {
      status: rule.status,
      clauseA: rule.clauseA,
      clauseB: rule.clauseB,
      triggeringProcedures: rule.triggeringProcedures,
      procedures: rule.procedures,
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
      index: r4(context.index),
      reason: context.reason,
      unfavourable: context.unfavourable,
      presentWeightShare: r4(context.presentWeightShare),
      missing: context.missing,
      components: context.components.map((c) => [c.code, c.value, r4(c.z), r4(c.contribution)]),
    },
    model,
  };
}

export function toRow(s: SchoolOutcome, notes: string[] | undefined): RunSchoolInsert {
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
    figures: JSON.stringify(compactFigures(s)),
    explanation: JSON.stringify(notes?.length ? [...s.explanation, ...notes] : s.explanation),
  };
}

const actorId = (p: Principal) => (p.id > 0 ? p.id : null);

function presentRun(r: {
  id: number;
  year: number;
  param_set_id: number | null;
  status: string;
  fingerprint: string;
  school_count: number;
  created_at: Date;
  list_status: string;
  order_number: string | null;
  order_date: string | null;
  approved_at: Date | null;
  param_set_name?: string | null;
  created_by_name?: string | null;
}) {
  return {
    id: r.id,
    year: r.year,
    paramSetId: r.param_set_id,
    paramSetName: r.param_set_name ?? null,
    status: r.status as 'running' | 'done' | 'failed',
    fingerprint: r.fingerprint,
    schoolCount: r.school_count,
    createdAt: r.created_at.toISOString(),
    createdByName: r.created_by_name ?? null,
    listStatus: r.list_status as 'draft' | 'proposed' | 'approved',
    orderNumber: r.order_number,
    orderDate: r.order_date,
    approvedAt: r.approved_at?.toISOString() ?? null,
  };
}

export function identificationService(database: Database) {
  const { db } = database;
  const repo = identificationRepository(db);

  async function readableRun(p: Principal, id: number) {
    ensure(identificationPolicies.canReadRuns(p));
    const run = await repo.getRun(id);
    if (!run) throw notFound();
    return run;
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
     * Run the identification for a year and save it: load (one query per table), identify (pure),
     * store every school in one transaction with the audit record. Synchronous: a national-scale
     * run takes seconds (see bench/identify.ts), so no job is needed; `onStage` reports progress.
     */
    async run(p: Principal, input: StartRun, onStage?: (stage: 'loading' | 'computing' | 'saving') => void) {
      ensure(identificationPolicies.canRun(p));
      if (!Number.isInteger(input.year) || input.year < 2001 || input.year > 2100)
        throw new AppError('identification.error.badYear', { year: String(input.year) });
      const { paramSetId, params } = await resolveParams(p, input);
      onStage?.('loading');
      const loaded = await repo.loadInput(input.year, params);
      if (!loaded.schools.length) throw new AppError('identification.error.noSchools');
      onStage?.('computing');
      const { outcome, notes } = computeOutcome(input.year, params, loaded);
      onStage?.('saving');
      const runId = await db.transaction().execute(async (tx) => {
        const run = await repo.insertRun(tx, {
          year: input.year,
          param_set_id: paramSetId,
          params: JSON.stringify(params),
          fingerprint: outcome.fingerprint,
          summary: JSON.stringify(outcome.summary),
          fit: JSON.stringify({ context: outcome.context, model: outcome.model }),
          school_count: outcome.summary.total,
          created_by: actorId(p),
        });
        await repo.insertRunSchools(
          tx,
          run.id,
          outcome.schools.map((s) => toRow(s, notes.get(s.schoolId))),
        );
        await audit(tx, p, {
          action: 'create',
          entity: 'identification_run',
          entityId: run.id,
          summary: `${input.year}`,
          after: { year: input.year, paramSetId, fingerprint: outcome.fingerprint, summary: outcome.summary },
        });
        return run.id;
      });
      return { runId, outcome, notes };
    },

    async runs(p: Principal) {
      ensure(identificationPolicies.canReadRuns(p));
      return (await repo.listRuns()).map(presentRun);
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
        run: presentRun(run),
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
      await readableRun(p, id);
      const { total, rows } = await repo.listSchools(id, schoolScope(p), q, q.page, q.pageSize);
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
          explanation: r.explanation,
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
        run: presentRun(run),
        schoolId: row.school_id,
        code: row.code,
        shortName: row.short_name,
        municipalityId: row.municipality_id,
        municipalityName: row.municipality_name,
        display: row.display,
        categories: row.categories,
        inList: row.in_list,
        explanation: row.explanation,
        figures: row.figures,
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
        explanation: r.explanation,
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
        previousRun: previous ? presentRun(previous) : null,
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
          explanation: m.explanation,
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
