import type { z } from 'zod';
import type { Database, Db } from '../../platform/db/index.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ensure, policies, programmeScope, type ProgrammeRef } from '../../platform/auth/policies.js';
import { AppError, notFound } from '../../platform/errors.js';
import { audit, auditRepository, diff } from '../../platform/audit/audit.js';
import { conflictError } from '../../platform/conflict.js';
import type {
  ActivityCreate,
  ActivityPatch,
  CoordinationQuery,
  ImportBody,
  Indicator,
  ProgrammeCreate,
  ProgrammePatch,
  RoadmapQuery,
  SectionInput,
  SectionPatch,
} from '../../../../common/src/schemas/programmes.js';
import {
  formatDeadlineRu,
  occurrences,
  parseDeadline,
  type DeadlineContext,
  type ParsedDeadline,
} from './domain/deadline.js';
import { addDays, countItems, daysOverdue, progressOf, type Counts } from './domain/progress.js';
import { classifyProduct } from './domain/roadmap.js';
import { renumberedUnder, sectionVersion, subtreeOf } from './domain/numbering.js';
import { programmeVisible, programmesRepository, type CountRow, type ItemRow } from './repository.js';
import type { Activity, Occurrence, Programme, ProgrammeLevel, ProgrammeStatus } from './schema.js';
import { unitKindOf } from '../indicators/domain/validate.js';

/** The clock of the use cases (tests pass a fixed one) and the time zone that decides «today». */
export interface ProgrammesOptions {
  now?: () => Date;
  timeZone?: string;
  soonDays?: number;
}

export function todayIn(now: Date, timeZone: string): string {
  return now.toLocaleDateString('sv-SE', { timeZone });
}

const TRANSITIONS: Record<ProgrammeStatus, ProgrammeStatus[]> = {
  draft: ['approved'],
  approved: ['draft', 'in_progress'],
  in_progress: ['completed', 'approved'],
  completed: ['in_progress'],
};

export const refOf = (p: {
  level: ProgrammeLevel;
  municipality_id: number | null;
  school_id: number | null;
}): ProgrammeRef => ({
  level: p.level,
  municipalityId: p.municipality_id,
  schoolId: p.school_id,
});

/** The deadline's parsed form and the columns that make it queryable; recurring ones get periods. */
export function deadlineColumns(
  text: string,
  period: { from: string | null; to: string | null },
  today: string,
) {
  const ctx = deadlineContext(period, today);
  const d = parseDeadline(text, ctx);
  const occ = d.kind === 'recurring' || d.kind === 'continuous' ? occurrences(d, ctx) : [];
  const recurring = occ.length > 0;
  return {
    deadline: d,
    occurrences: occ,
    columns: {
      deadline_text: text,
      deadline: JSON.stringify(d),
      deadline_kind: d.kind,
      deadline_review: d.needsReview,
      due_from: recurring ? occ[0]!.from : d.from,
      due_to: recurring ? occ[occ.length - 1]!.to : d.to,
      recurring,
    },
  };
}

export function deadlineContext(
  period: { from: string | null; to: string | null },
  today: string,
): DeadlineContext {
  if (period.from && period.to) return { periodStart: period.from, periodEnd: period.to };
  const y = Number(today.slice(0, 4));
  const sy = Number(today.slice(5, 7)) >= 9 ? y : y - 1;
  return { periodStart: period.from ?? `${sy}-09-01`, periodEnd: period.to ?? `${sy + 1}-08-31` };
}

function counts(r: CountRow | undefined): Counts {
  return {
    total: Number(r?.total ?? 0),
    done: Number(r?.done ?? 0),
    doneOnTime: Number(r?.done_on_time ?? 0),
    overdue: Number(r?.overdue ?? 0),
    cancelled: Number(r?.cancelled ?? 0),
    dueByNow: Number(r?.due_by_now ?? 0),
    dueSoon: Number(r?.due_soon ?? 0),
  };
}

export function presentPassport(p: Programme) {
  return {
    name: p.name,
    orderIssuer: p.order_issuer,
    orderNumber: p.order_number,
    orderDate: p.order_date,
    developers: p.developers,
    executors: p.executors,
    goals: p.goals,
    tasks: p.tasks ?? [],
    expectedResults: p.expected_results,
    periodFrom: p.period_from,
    periodTo: p.period_to,
    stages: p.stages ?? [],
    controllers: p.controllers,
  };
}

type PassportInput = Partial<z.infer<typeof ProgrammePatch>>;
function passportColumns(i: PassportInput) {
  const out: Record<string, unknown> = {};
  const map: Record<string, string> = {
    name: 'name',
    orderIssuer: 'order_issuer',
    orderNumber: 'order_number',
    orderDate: 'order_date',
    developers: 'developers',
    executors: 'executors',
    goals: 'goals',
    expectedResults: 'expected_results',
    periodFrom: 'period_from',
    periodTo: 'period_to',
    controllers: 'controllers',
  };
  for (const [k, col] of Object.entries(map)) {
    const v = (i as Record<string, unknown>)[k];
    if (v !== undefined) out[col] = v;
  }
  if (i.tasks !== undefined) out.tasks = JSON.stringify(i.tasks);
  if (i.stages !== undefined) out.stages = JSON.stringify(i.stages);
  return out;
}

export function programmesService(database: Database, opts: ProgrammesOptions = {}) {
  const { db } = database;
  const repo = programmesRepository(db);
  const now = opts.now ?? (() => new Date());
  const timeZone = opts.timeZone ?? process.env.ROST_TIMEZONE ?? 'Europe/Moscow';
  const soonDays = opts.soonDays ?? 14;
  const today = () => todayIn(now(), timeZone);

  /** An activity the user may mark (an executor or a coordinator) in a programme not yet completed. */
  async function executableActivity(p: Principal, activityId: number) {
    const a = await repo.activity(activityId);
    if (!a) throw notFound();
    const ref: ProgrammeRef = {
      level: a.programme_level,
      municipalityId: a.programme_municipality_id,
      schoolId: a.programme_school_id,
    };
    if (!policies.canReadProgramme(p, ref)) throw notFound();
    const execs = (await repo.executors([a.id])).map((e) => e.id);
    ensure(policies.canExecuteActivity(p, ref, execs));
    if (a.programme_status === 'completed') throw new AppError('programmes.notEditable', {}, 409);
    return a;
  }

  /**
   * The 409 naming who changed the record and when. The message carries the time in the server's zone
   * (for API clients); `details.at` is the ISO instant the web formats in the reader's own zone.
   */
  const conflict = (tx: Db, userId: number | null, at: Date) => conflictError(tx, userId, at, timeZone);
  /** Who changed a record last and when: as read in the refusing transaction, else as read before it. */
  const changedBy = (
    fresh: { updated_by: number | null; updated_at: Date } | undefined,
    seen: { updated_by: number | null; updated_at: Date },
  ): [number | null, Date] => [(fresh ?? seen).updated_by, (fresh ?? seen).updated_at];
  /** A section's 409: its last change from the audit log, else the programme's. */
  async function sectionConflict(tx: Db, sectionId: number, g: Programme) {
    const last = await auditRepository(tx).lastChange('roadmap_section', String(sectionId));
    return last ? conflict(tx, last.user_id, new Date(last.at)) : conflict(tx, g.updated_by, g.updated_at);
  }
  const presentSection = (s: {
    id: number;
    parent_id: number | null;
    number: string | null;
    title: string;
    tasks: unknown;
    sort_order: number;
  }) => ({
    id: s.id,
    parentId: s.parent_id,
    number: s.number,
    title: s.title,
    tasks: Array.isArray(s.tasks) ? (s.tasks as string[]) : [],
    sortOrder: s.sort_order,
    version: sectionVersion(s),
  });

  /** A programme the user may see, else 404. */
  async function visible(p: Principal, id: number) {
    const g = await repo.get(id);
    if (!g || !policies.canReadProgramme(p, refOf(g))) throw notFound();
    return g;
  }
  async function editable(p: Principal, id: number) {
    const g = await visible(p, id);
    ensure(policies.canEditProgramme(p, refOf(g)));
    if (g.status === 'completed') throw new AppError('programmes.notEditable', {}, 409);
    return g;
  }
  async function touch(tx: Db, programmeId: number, userId: number) {
    await tx
      .updateTable('programme')
      .set({ updated_at: new Date(), updated_by: userId > 0 ? userId : null })
      .where('id', '=', programmeId)
      .execute();
  }

  /** Owner and parent of a new programme, checked against the user's rights. */
  async function placement(
    p: Principal,
    input: {
      level: ProgrammeLevel;
      municipalityId?: number | null | undefined;
      schoolId?: number | null | undefined;
      parentId?: number | null | undefined;
    },
  ) {
    let municipalityId: number | null = null;
    let schoolId: number | null = null;
    if (input.level === 'school') {
      if (!input.schoolId) throw new AppError('programmes.ownerRequired', { level: 'школа', what: 'школу' });
      const s = await repo.school(input.schoolId);
      if (!s) throw new AppError('programmes.schoolOutside', { id: input.schoolId }, 404);
      schoolId = s.id;
      municipalityId = s.municipality_id;
    } else if (input.level === 'municipality') {
      if (!input.municipalityId)
        throw new AppError('programmes.ownerRequired', { level: 'муниципалитет', what: 'муниципалитет' });
      if (!(await repo.municipality(input.municipalityId)))
        throw new AppError('org.municipalityUnknown', { id: input.municipalityId }, 404);
      municipalityId = input.municipalityId;
    }
    const ref: ProgrammeRef = { level: input.level, municipalityId, schoolId };
    ensure(policies.canEditProgramme(p, ref));
    const parentId =
      input.parentId === undefined
        ? ((await repo.defaultParent(input.level, municipalityId))?.id ?? null)
        : input.parentId;
    if (parentId !== null) await checkParent(input.level, municipalityId, parentId);
    return { municipalityId, schoolId, parentId };
  }
  async function checkParent(level: ProgrammeLevel, municipalityId: number | null, parentId: number) {
    const parent = await repo.get(parentId);
    const ok =
      parent &&
      ((level === 'school' && parent.level === 'municipality' && parent.municipality_id === municipalityId) ||
        (level === 'municipality' && parent.level === 'region'));
    if (!ok) throw new AppError('programmes.parentInvalid', {}, 400);
  }
  async function checkTargetSchools(ids: number[], ref: ProgrammeRef) {
    const found = await repo.schoolsRefs(ids);
    for (const id of ids) {
      const s = found.find((x) => x.id === id);
      const inside =
        s &&
        (ref.level === 'region' ||
          (ref.level === 'municipality' ? s.municipality_id === ref.municipalityId : s.id === ref.schoolId));
      if (!inside) throw new AppError('programmes.schoolOutside', { id });
    }
  }

  function presentActivity(
    a: Activity & { evidence_count?: number | string; is_overdue?: boolean },
    extra: {
      executors: Array<{ id: number; fullName: string }>;
      schools: Array<{ id: number; shortName: string }>;
    },
  ) {
    const deadline = (a.deadline ?? null) as ParsedDeadline | null;
    return {
      id: a.id,
      programmeId: a.programme_id,
      sectionId: a.section_id,
      number: a.number,
      sortOrder: a.sort_order,
      text: a.text,
      level: a.level,
      task: a.task,
      deadlineText: a.deadline_text,
      deadline,
      deadlineLabel: deadline ? formatDeadlineRu(deadline) : a.deadline_text,
      deadlineReview: a.deadline_review,
      dueFrom: a.due_from,
      dueTo: a.due_to,
      recurring: a.recurring,
      executors: a.executors,
      executorUsers: extra.executors,
      schools: extra.schools,
      plannedResult: a.planned_result,
      productText: a.product_text,
      productType: a.product_type,
      completionMark: a.completion_mark,
      status: a.status,
      overdue:
        a.is_overdue ??
        (!a.recurring &&
          a.status !== 'done' &&
          a.status !== 'cancelled' &&
          a.due_to !== null &&
          a.due_to < today()),
      completionNote: a.completion_note,
      completedAt: a.completed_at ? a.completed_at.toISOString() : null,
      evidenceCount: Number(a.evidence_count ?? 0),
      version: a.version,
      updatedAt: a.updated_at.toISOString(),
    };
  }

  function presentOccurrence(o: Occurrence, t: string) {
    return {
      id: o.id,
      index: o.idx,
      label: o.label,
      dueFrom: o.due_from,
      dueTo: o.due_to,
      status: o.status,
      overdue: o.status !== 'done' && o.status !== 'cancelled' && o.due_to < t,
      completionNote: o.completion_note,
      completedAt: o.completed_at ? o.completed_at.toISOString() : null,
      version: o.version,
    };
  }

  function presentItem(r: ItemRow, t: string) {
    const status = r.status;
    return {
      activityId: r.activity_id,
      occurrenceId: r.occurrence_id,
      programmeId: r.programme_id,
      programmeName: r.programme_name,
      programmeLevel: r.programme_level,
      municipalityName: r.municipality_name,
      schoolName: r.school_name,
      number: r.number,
      text: r.text,
      periodLabel: r.period_label,
      dueTo: r.due_to,
      status,
      overdue: r.due_to !== null && r.due_to < t,
      daysOverdue: daysOverdue({ status, dueTo: r.due_to }, t),
      executors: r.executors,
    };
  }

  async function validExecutors(ids: number[], ref: ProgrammeRef) {
    const users = await repo.usersByIds(ids);
    for (const id of ids) {
      const u = users.find((x) => x.id === id);
      const principal = u && {
        id: u.id,
        login: '',
        fullName: u.full_name,
        role: u.role,
        municipalityId: u.municipality_id,
        schoolId: u.school_id,
        assignedSchoolIds: ref.schoolId !== null ? [ref.schoolId] : [],
        locale: 'ru' as const,
      };
      if (!u || !u.active || !principal || !policies.canReadProgramme(principal, ref))
        throw new AppError('programmes.userUnknown', { id });
    }
  }

  /** Insert a roadmap's activities with their periods (used by create and import). */
  async function insertActivities(
    tx: Db,
    g: Programme,
    items: Array<{
      columns: Record<string, unknown>;
      deadlineText: string;
      executorUserIds?: number[];
      schoolIds?: number[];
    }>,
    userId: number,
  ) {
    const t = today();
    const prepared = items.map((it) => ({
      it,
      d: deadlineColumns(it.deadlineText, { from: g.period_from, to: g.period_to }, t),
    }));
    const rows = await repo.insertActivities(
      tx,
      prepared.map(
        ({ it, d }) =>
          ({
            ...(it.columns as object),
            ...d.columns,
            programme_id: g.id,
            updated_by: userId > 0 ? userId : null,
          }) as never,
      ),
    );
    let occ = 0;
    const occRows = prepared.flatMap(({ d }, k) =>
      d.occurrences.map((o) => ({
        activity_id: rows[k]!.id,
        idx: o.index,
        label: o.label,
        due_from: o.from,
        due_to: o.to,
      })),
    );
    await repo.insertOccurrences(tx, occRows);
    occ += occRows.length;
    for (let k = 0; k < prepared.length; k++) {
      const { it } = prepared[k]!;
      if (it.executorUserIds?.length) await repo.setExecutors(tx, rows[k]!.id, it.executorUserIds);
      if (it.schoolIds?.length) await repo.setSchools(tx, rows[k]!.id, it.schoolIds);
    }
    return { ids: rows.map((r) => r.id), occurrences: occ };
  }

  const service = {
    today,
    soonDays,

    async list(
      p: Principal,
      f: { level?: string; status?: string; municipalityId?: number; schoolId?: number; q?: string },
    ) {
      const rows = await repo.list(programmeScope(p), f);
      return rows.map((r) => ({
        id: r.id,
        level: r.level,
        name: r.name,
        status: r.status,
        parentId: r.parent_id,
        municipalityId: r.municipality_id,
        municipalityName: r.municipality_name,
        schoolId: r.school_id,
        schoolName: r.school_name,
        periodFrom: r.period_from,
        periodTo: r.period_to,
        activities: Number(r.activities),
        updatedAt: r.updated_at.toISOString(),
      }));
    },

    async card(p: Principal, id: number) {
      const g = await visible(p, id);
      const t = today();
      const [children, targets, cnt, contentStamp] = await Promise.all([
        repo.children(id),
        repo.targetSchools(id),
        repo.counts(
          { scope: programmeVisible({ kind: 'all' }), programmeId: id },
          'none',
          t,
          addDays(t, soonDays),
        ),
        // only a draft can be deleted, and only a deletion reads the stamp
        g.status === 'draft' ? repo.contentStamp(db, id) : '',
      ]);
      return {
        ...presentPassport(g),
        id: g.id,
        level: g.level,
        status: g.status,
        parentId: g.parent_id,
        parentName: g.parent_name,
        municipalityId: g.municipality_id,
        municipalityName: g.municipality_name,
        schoolId: g.school_id,
        schoolName: g.school_name,
        targetSchools: targets.map((s) => ({ id: s.id, shortName: s.short_name })),
        children: children
          .filter((c) => policies.canReadProgramme(p, refOf(c)))
          .map((c) => ({ id: c.id, name: c.name, level: c.level, status: c.status })),
        progress: progressOf(counts(cnt[0])),
        version: g.version,
        updatedAt: g.updated_at.toISOString(),
        contentStamp,
        permissions: {
          edit: policies.canEditProgramme(p, refOf(g)) && g.status !== 'completed',
          review: policies.canReviewEvidence(p, refOf(g)),
        },
      };
    },

    async create(p: Principal, input: z.infer<typeof ProgrammeCreate>) {
      const place = await placement(p, input);
      const ref: ProgrammeRef = {
        level: input.level,
        municipalityId: place.municipalityId,
        schoolId: place.schoolId,
      };
      if (input.targetSchoolIds?.length) await checkTargetSchools(input.targetSchoolIds, ref);
      return db.transaction().execute(async (tx) => {
        const row = await repo.insert(tx, {
          ...(passportColumns(input) as { name: string; tasks: string; stages: string }),
          level: input.level,
          municipality_id: place.municipalityId,
          school_id: place.schoolId,
          parent_id: place.parentId,
          created_by: p.id > 0 ? p.id : null,
          updated_by: p.id > 0 ? p.id : null,
        });
        if (input.targetSchoolIds?.length) await repo.setTargetSchools(tx, row.id, input.targetSchoolIds);
        await audit(tx, p, {
          action: 'create',
          entity: 'programme',
          entityId: row.id,
          summary: row.name,
          after: presentPassport(row),
        });
        return row.id;
      });
    },

    async update(p: Principal, id: number, patch: z.infer<typeof ProgrammePatch>) {
      const g = await editable(p, id);
      const { version, parentId, targetSchoolIds, ...fields } = patch;
      if (parentId !== undefined && parentId !== null)
        await checkParent(g.level, g.municipality_id, parentId);
      if (targetSchoolIds) await checkTargetSchools(targetSchoolIds, refOf(g));
      const periodChanged =
        (fields.periodFrom !== undefined && fields.periodFrom !== g.period_from) ||
        (fields.periodTo !== undefined && fields.periodTo !== g.period_to);
      await db.transaction().execute(async (tx) => {
        const row = await repo.updateVersioned(tx, id, version, {
          ...passportColumns(fields),
          ...(parentId !== undefined ? { parent_id: parentId } : {}),
          updated_by: p.id > 0 ? p.id : null,
        });
        if (!row) throw await conflict(tx, ...changedBy(await repo.get(id, tx), g));
        if (targetSchoolIds) await repo.setTargetSchools(tx, id, targetSchoolIds);
        if (periodChanged) await this.reparseDeadlines(tx, row);
        const d = diff(presentPassport(g) as never, presentPassport(row) as never);
        await audit(tx, p, {
          action: 'update',
          entity: 'programme',
          entityId: id,
          summary: d.changed.join(', '),
          before: d.before,
          after: d.after,
        });
      });
      return this.card(p, id);
    },

    /** A new period changes what «сентябрь» or «ежегодно» mean: recompute every activity's deadline. */
    async reparseDeadlines(tx: Db, g: Programme) {
      const list = await tx
        .selectFrom('activity')
        .select(['id', 'deadline_text'])
        .where('programme_id', '=', g.id)
        .execute();
      const t = today();
      for (const a of list) {
        const d = deadlineColumns(a.deadline_text, { from: g.period_from, to: g.period_to }, t);
        await tx.updateTable('activity').set(d.columns).where('id', '=', a.id).execute();
        await repo.replaceOccurrences(tx, a.id, d.occurrences);
      }
    },

    async setStatus(p: Principal, id: number, status: ProgrammeStatus, version: number) {
      const g = await visible(p, id);
      ensure(policies.canEditProgramme(p, refOf(g)));
      if (!TRANSITIONS[g.status].includes(status))
        throw new AppError('programmes.badTransition', { from: g.status, to: status }, 409);
      await db.transaction().execute(async (tx) => {
        const row = await repo.updateVersioned(tx, id, version, {
          status,
          updated_by: p.id > 0 ? p.id : null,
        });
        if (!row) throw await conflict(tx, ...changedBy(await repo.get(id, tx), g));
        await audit(tx, p, {
          action: 'status',
          entity: 'programme',
          entityId: id,
          summary: `${g.status} → ${status}`,
          before: { status: g.status },
          after: { status },
        });
      });
      return this.card(p, id);
    },

    /**
     * Delete a draft programme, only with the version and the content stamp the user saw (409
     * otherwise: a section, activity or indicator added or changed meanwhile is not deleted unseen).
     */
    async remove(
      p: Principal,
      id: number,
      files: { remove(tx: Db, id: number): Promise<void> },
      seen: { version: number; content: string },
    ) {
      const g = await visible(p, id);
      ensure(policies.canEditProgramme(p, refOf(g)));
      if (g.status !== 'draft') throw new AppError('programmes.deleteOnlyDraft', {}, 409);
      await db.transaction().execute(async (tx) => {
        const cur = await repo.versionForUpdate(tx, id);
        if (!cur) throw notFound();
        if (cur.version !== seen.version) throw await conflict(tx, cur.updated_by, cur.updated_at);
        if (cur.status !== 'draft') throw new AppError('programmes.deleteOnlyDraft', {}, 409);
        if ((await repo.contentStamp(tx, id)) !== seen.content) {
          const last = await repo.lastContentChange(tx, id);
          throw await (last
            ? conflict(tx, last.user_id, new Date(last.at))
            : conflict(tx, cur.updated_by, cur.updated_at));
        }
        const fileIds = await repo.remove(tx, id);
        for (const f of fileIds) await files.remove(tx, f);
        await audit(tx, p, {
          action: 'delete',
          entity: 'programme',
          entityId: id,
          summary: g.name,
          before: presentPassport(g),
        });
      });
    },

    // ------------------------------------------------------------------------------ roadmap
    async roadmap(p: Principal, id: number, q: z.infer<typeof RoadmapQuery>) {
      await visible(p, id);
      const t = today();
      const [sections, acts] = await Promise.all([repo.sections(id), repo.activities(id, q, t)]);
      const ids = acts.map((a) => a.id);
      const [execs, schools] = await Promise.all([repo.executors(ids), repo.activitySchools(ids)]);
      return {
        programmeId: id,
        sections: sections.map(presentSection),
        activities: acts.map((a) =>
          presentActivity(a, {
            executors: execs
              .filter((e) => e.activity_id === a.id)
              .map((e) => ({ id: e.id, fullName: e.full_name })),
            schools: schools
              .filter((s) => s.activity_id === a.id)
              .map((s) => ({ id: s.id, shortName: s.short_name })),
          }),
        ),
        total: acts.length,
      };
    },

    async addSection(p: Principal, id: number, input: z.infer<typeof SectionInput>) {
      await editable(p, id);
      if (input.parentId !== null) {
        const parent = await repo.section(input.parentId);
        if (!parent || parent.programme_id !== id)
          throw new AppError('programmes.sectionUnknown', { id: input.parentId });
      }
      return db.transaction().execute(async (tx) => {
        const row = await repo.insertSection(tx, {
          programme_id: id,
          parent_id: input.parentId,
          number: input.number,
          title: input.title,
          tasks: JSON.stringify(input.tasks),
          sort_order: input.sortOrder ?? (await repo.nextSortOrder(tx, 'roadmap_section', id)),
        });
        await touch(tx, id, p.id);
        await audit(tx, p, {
          action: 'create',
          entity: 'roadmap_section',
          entityId: row.id,
          summary: `${row.number ?? ''} ${row.title}`.trim(),
          after: input,
        });
        return presentSection(row);
      });
    },

    /**
     * Change a section (only with the version the user saw: 409 otherwise). A new number is carried
     * down to the nested sections and activities numbered under the old one (2 → 3: 2.1 → 3.1, 2.1.3 → 3.1.3).
     */
    async updateSection(p: Principal, id: number, sectionId: number, patch: z.infer<typeof SectionPatch>) {
      const g = await editable(p, id);
      const { version, ...input } = patch;
      if (input.parentId !== undefined && input.parentId !== null) {
        const parent = await repo.section(input.parentId);
        if (!parent || parent.programme_id !== id || parent.id === sectionId)
          throw new AppError('programmes.sectionUnknown', { id: input.parentId });
      }
      const userId = p.id > 0 ? p.id : null;
      return db.transaction().execute(async (tx) => {
        const s = await repo.sectionForUpdate(tx, sectionId);
        if (!s || s.programme_id !== id) throw notFound();
        if (sectionVersion(s) !== version) throw await sectionConflict(tx, sectionId, g);
        const numbers = await repo.numbering(tx, id);
        const subtree = subtreeOf(sectionId, numbers.sections);
        // a section cannot move under one of its own subsections
        if (input.parentId !== undefined && input.parentId !== null && subtree.has(input.parentId))
          throw new AppError('programmes.sectionUnknown', { id: input.parentId });
        const row = await repo.updateSection(tx, sectionId, {
          ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
          ...(input.number !== undefined ? { number: input.number } : {}),
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.tasks !== undefined ? { tasks: JSON.stringify(input.tasks) } : {}),
          ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}),
        });
        const renumbered: {
          sections: Array<{ id: number; from: string; to: string }>;
          activities: Array<{ id: number; from: string; to: string }>;
        } = { sections: [], activities: [] };
        if (row.number !== s.number) {
          for (const c of numbers.sections) {
            const to = c.id === sectionId ? null : renumberedUnder(s.number, row.number, c.number);
            if (to === null || !subtree.has(c.id)) continue;
            await repo.updateSection(tx, c.id, { number: to });
            renumbered.sections.push({ id: c.id, from: c.number!, to });
            // its own record too: a stale edit of it is refused naming this change
            await audit(tx, p, {
              action: 'update',
              entity: 'roadmap_section',
              entityId: c.id,
              summary: 'number',
              before: { number: c.number },
              after: { number: to },
            });
          }
          for (const a of numbers.activities) {
            const to = subtree.has(a.section_id!) ? renumberedUnder(s.number, row.number, a.number) : null;
            if (to === null) continue;
            await repo.renumberActivity(tx, a.id, to, userId);
            renumbered.activities.push({ id: a.id, from: a.number!, to });
          }
        }
        await touch(tx, id, p.id);
        const pick = (x: typeof s) => ({
          parentId: x.parent_id,
          number: x.number,
          title: x.title,
          tasks: x.tasks,
          sortOrder: x.sort_order,
        });
        const d = diff(pick(s), pick(row));
        const moved = renumbered.sections.length + renumbered.activities.length;
        await audit(tx, p, {
          action: 'update',
          entity: 'roadmap_section',
          entityId: sectionId,
          summary: d.changed.join(', ') + (moved ? ` (+${moved})` : ''),
          before: d.before,
          after: moved ? { ...d.after, renumbered } : d.after,
        });
        return presentSection(row);
      });
    },

    /**
     * Move a section one place up or down among the sections under the same parent (with the version
     * the user saw; 409 otherwise). The siblings get consecutive orders; at the edge nothing changes.
     */
    async moveSection(
      p: Principal,
      id: number,
      sectionId: number,
      direction: 'up' | 'down',
      version: string,
    ) {
      const g = await editable(p, id);
      return db.transaction().execute(async (tx) => {
        const s = await repo.sectionForUpdate(tx, sectionId);
        if (!s || s.programme_id !== id) throw notFound();
        if (sectionVersion(s) !== version) throw await sectionConflict(tx, sectionId, g);
        const siblings = await repo.siblingsForUpdate(tx, id, s.parent_id);
        const at = siblings.findIndex((x) => x.id === sectionId);
        const to = direction === 'up' ? at - 1 : at + 1;
        if (at < 0 || to < 0 || to >= siblings.length) return presentSection(s);
        const order = siblings.map((x) => x.id);
        [order[at], order[to]] = [order[to]!, order[at]!];
        let moved = s;
        for (let i = 0; i < order.length; i++) {
          const x = siblings.find((y) => y.id === order[i])!;
          const sortOrder = (i + 1) * 10;
          if (x.sort_order === sortOrder) continue;
          const row = await repo.updateSection(tx, x.id, { sort_order: sortOrder });
          if (x.id === sectionId) moved = row;
        }
        await touch(tx, id, p.id);
        await audit(tx, p, {
          action: 'update',
          entity: 'roadmap_section',
          entityId: sectionId,
          summary: direction === 'up' ? 'moved up' : 'moved down',
          before: { position: at + 1 },
          after: { position: to + 1 },
        });
        return presentSection(moved);
      });
    },

    /** Delete an empty section, only with the version the user saw (409 otherwise). */
    async deleteSection(p: Principal, id: number, sectionId: number, version: string) {
      const g = await editable(p, id);
      await db.transaction().execute(async (tx) => {
        const s = await repo.sectionForUpdate(tx, sectionId);
        if (!s || s.programme_id !== id) throw notFound();
        if (sectionVersion(s) !== version) throw await sectionConflict(tx, sectionId, g);
        if (await repo.sectionInUse(tx, sectionId)) throw new AppError('programmes.sectionNotEmpty', {}, 409);
        await repo.deleteSection(tx, sectionId);
        await touch(tx, id, p.id);
        await audit(tx, p, {
          action: 'delete',
          entity: 'roadmap_section',
          entityId: sectionId,
          summary: s.title,
          before: { number: s.number, title: s.title },
        });
      });
    },

    // ------------------------------------------------------------------------------ activities
    async activityCard(p: Principal, activityId: number) {
      const a = await repo.activity(activityId);
      const ref = a && {
        level: a.programme_level,
        municipalityId: a.programme_municipality_id,
        schoolId: a.programme_school_id,
      };
      if (!a || !ref || !policies.canReadProgramme(p, ref)) throw notFound();
      const t = today();
      const [execs, schools, occ, evidence] = await Promise.all([
        repo.executors([a.id]),
        repo.activitySchools([a.id]),
        repo.occurrences([a.id]),
        repo.evidenceOf(a.id),
      ]);
      const overdue = a.recurring
        ? a.status !== 'cancelled' &&
          occ.some((o) => o.status !== 'done' && o.status !== 'cancelled' && o.due_to < t)
        : undefined;
      return {
        ...presentActivity(
          {
            ...a,
            evidence_count: evidence.length,
            ...(overdue !== undefined ? { is_overdue: overdue } : {}),
          },
          {
            executors: execs.map((e) => ({ id: e.id, fullName: e.full_name })),
            schools: schools.map((s) => ({ id: s.id, shortName: s.short_name })),
          },
        ),
        programmeName: a.programme_name,
        programmeStatus: a.programme_status,
        occurrences: occ.map((o) => presentOccurrence(o, t)),
        evidence: evidence.map(presentEvidence),
        permissions: {
          edit: policies.canEditProgramme(p, ref) && a.programme_status !== 'completed',
          execute:
            policies.canExecuteActivity(
              p,
              ref,
              execs.map((e) => e.id),
            ) && a.programme_status !== 'completed',
          review: policies.canReviewEvidence(p, ref),
        },
      };
    },

    async addActivity(p: Principal, id: number, input: z.infer<typeof ActivityCreate>) {
      const g = await editable(p, id);
      if (input.sectionId) {
        const s = await repo.section(input.sectionId);
        if (!s || s.programme_id !== id)
          throw new AppError('programmes.sectionUnknown', { id: input.sectionId });
      }
      if (input.executorUserIds?.length) await validExecutors(input.executorUserIds, refOf(g));
      if (input.schoolIds?.length) await checkTargetSchools(input.schoolIds, refOf(g));
      const newId = await db.transaction().execute(async (tx) => {
        const r = await insertActivities(
          tx,
          g,
          [
            {
              deadlineText: input.deadlineText,
              executorUserIds: input.executorUserIds ?? [],
              schoolIds: input.schoolIds ?? [],
              columns: {
                section_id: input.sectionId ?? null,
                number: input.number ?? null,
                sort_order: input.sortOrder ?? (await repo.nextSortOrder(tx, 'activity', id)),
                text: input.text,
                level: input.level ?? defaultLevel(g.level),
                task: input.task ?? null,
                executors: input.executors ?? null,
                planned_result: input.plannedResult ?? null,
                product_text: input.productText ?? null,
                product_type: input.productType ?? classifyProduct(input.productText ?? null),
              },
            },
          ],
          p.id,
        );
        await touch(tx, id, p.id);
        await audit(tx, p, {
          action: 'create',
          entity: 'activity',
          entityId: r.ids[0]!,
          summary: `${input.number ?? ''} ${input.text}`.trim().slice(0, 200),
          after: input,
        });
        return r.ids[0]!;
      });
      return this.activityCard(p, newId);
    },

    async updateActivity(p: Principal, activityId: number, patch: z.infer<typeof ActivityPatch>) {
      const a = await repo.activity(activityId);
      if (!a) throw notFound();
      const g = await editable(p, a.programme_id);
      const { version, executorUserIds, schoolIds, ...f } = patch;
      if (f.sectionId) {
        const s = await repo.section(f.sectionId);
        if (!s || s.programme_id !== a.programme_id)
          throw new AppError('programmes.sectionUnknown', { id: f.sectionId });
      }
      if (executorUserIds?.length) await validExecutors(executorUserIds, refOf(g));
      if (schoolIds?.length) await checkTargetSchools(schoolIds, refOf(g));
      const t = today();
      await db.transaction().execute(async (tx) => {
        const cols: Record<string, unknown> = {};
        const map: Record<string, string> = {
          sectionId: 'section_id',
          number: 'number',
          text: 'text',
          level: 'level',
          task: 'task',
          executors: 'executors',
          plannedResult: 'planned_result',
          productText: 'product_text',
          productType: 'product_type',
          sortOrder: 'sort_order',
        };
        for (const [k, col] of Object.entries(map)) {
          const v = (f as Record<string, unknown>)[k];
          if (v !== undefined) cols[col] = v;
        }
        let occ: ReturnType<typeof deadlineColumns> | null = null;
        if (f.deadlineText !== undefined && f.deadlineText !== a.deadline_text) {
          occ = deadlineColumns(f.deadlineText, { from: g.period_from, to: g.period_to }, t);
          Object.assign(cols, occ.columns);
          // a moved deadline moves the stored «overdue» back when it is no longer past
          if (a.status === 'overdue' && !(occ.columns.due_to !== null && occ.columns.due_to < t))
            cols.status = 'planned';
        }
        const row = await repo.updateActivityVersioned(tx, activityId, version, {
          ...cols,
          updated_by: p.id > 0 ? p.id : null,
        });
        if (!row) throw await conflict(tx, ...changedBy(await repo.activity(activityId, tx), a));
        if (occ) await repo.replaceOccurrences(tx, activityId, occ.occurrences);
        if (executorUserIds) await repo.setExecutors(tx, activityId, executorUserIds);
        if (schoolIds) await repo.setSchools(tx, activityId, schoolIds);
        await touch(tx, a.programme_id, p.id);
        const pick = (x: Activity) => ({
          sectionId: x.section_id,
          number: x.number,
          text: x.text,
          level: x.level,
          task: x.task,
          deadlineText: x.deadline_text,
          executors: x.executors,
          plannedResult: x.planned_result,
          productText: x.product_text,
          productType: x.product_type,
          sortOrder: x.sort_order,
          status: x.status,
        });
        const d = diff(pick(a), pick(row));
        if (executorUserIds) Object.assign(d.after, { executorUserIds });
        if (schoolIds) Object.assign(d.after, { schoolIds });
        await audit(tx, p, {
          action: 'update',
          entity: 'activity',
          entityId: activityId,
          summary: Object.keys(d.after).join(', '),
          before: d.before,
          after: d.after,
        });
      });
      return this.activityCard(p, activityId);
    },

    async setActivityStatus(
      p: Principal,
      activityId: number,
      input: { status: Activity['status']; completionNote?: string | null | undefined; version: number },
    ) {
      const a = await executableActivity(p, activityId);
      if (a.recurring && input.status === 'done')
        throw new AppError('programmes.recurringUseOccurrence', { deadline: a.deadline_text }, 409);
      await db.transaction().execute(async (tx) => {
        const row = await repo.updateActivityVersioned(tx, activityId, input.version, {
          status: input.status,
          ...(input.completionNote !== undefined ? { completion_note: input.completionNote } : {}),
          completed_at: input.status === 'done' ? (a.status === 'done' ? a.completed_at : now()) : null,
          updated_by: p.id > 0 ? p.id : null,
        });
        if (!row) throw await conflict(tx, ...changedBy(await repo.activity(activityId, tx), a));
        await touch(tx, a.programme_id, p.id);
        await audit(tx, p, {
          action: 'status',
          entity: 'activity',
          entityId: activityId,
          summary: `${a.status} → ${input.status}`,
          before: { status: a.status, completionNote: a.completion_note },
          after: { status: row.status, completionNote: row.completion_note },
        });
      });
      return this.activityCard(p, activityId);
    },

    async setOccurrence(
      p: Principal,
      activityId: number,
      occurrenceId: number,
      input: { status: Activity['status']; completionNote?: string | null | undefined; version: number },
    ) {
      const a = await executableActivity(p, activityId);
      const o = await repo.occurrence(occurrenceId);
      if (!o || o.activity_id !== activityId)
        throw new AppError('programmes.occurrenceUnknown', { id: occurrenceId }, 404);
      await db.transaction().execute(async (tx) => {
        const row = await repo.updateOccurrenceVersioned(tx, occurrenceId, input.version, {
          status: input.status,
          ...(input.completionNote !== undefined ? { completion_note: input.completionNote } : {}),
          completed_at: input.status === 'done' ? (o.status === 'done' ? o.completed_at : now()) : null,
          updated_by: p.id > 0 ? p.id : null,
        });
        if (!row) throw await conflict(tx, ...changedBy(await repo.occurrence(occurrenceId, tx), o));
        await touch(tx, a.programme_id, p.id);
        await audit(tx, p, {
          action: 'status',
          entity: 'activity_occurrence',
          entityId: occurrenceId,
          summary: `${a.number ?? a.id} · ${o.label}: ${o.status} → ${input.status}`,
          before: { status: o.status, completionNote: o.completion_note },
          after: { status: row.status, completionNote: row.completion_note },
        });
      });
      return this.activityCard(p, activityId);
    },

    /** Delete an activity, only with the version the user saw (409 otherwise). */
    async deleteActivity(
      p: Principal,
      activityId: number,
      files: { remove(tx: Db, id: number): Promise<void> },
      version: number,
    ) {
      const a = await repo.activity(activityId);
      if (!a) throw notFound();
      await editable(p, a.programme_id);
      await db.transaction().execute(async (tx) => {
        const cur = await repo.activityVersionForUpdate(tx, activityId);
        if (!cur) throw notFound();
        if (cur.version !== version) throw await conflict(tx, cur.updated_by, cur.updated_at);
        const fileIds = await repo.deleteActivity(tx, activityId);
        for (const f of fileIds) await files.remove(tx, f);
        await touch(tx, a.programme_id, p.id);
        await audit(tx, p, {
          action: 'delete',
          entity: 'activity',
          entityId: activityId,
          summary: `${a.number ?? ''} ${a.text}`.trim().slice(0, 200),
          before: { number: a.number, text: a.text, deadlineText: a.deadline_text, status: a.status },
        });
      });
    },

    // ------------------------------------------------------------------------------ lists and figures
    async myTasks(p: Principal, limit: number, offset: number) {
      const t = today();
      const owner =
        p.role === 'school_team' && p.schoolId
          ? programmeOwnerCond('school', p.schoolId)
          : p.role === 'municipal_coordinator' && p.municipalityId
            ? programmeOwnerCond('municipality', p.municipalityId)
            : p.role === 'regional_coordinator'
              ? programmeOwnerCond('region', 0)
              : undefined;
      const rows = await repo.openItems(
        {
          scope: programmeVisible(programmeScope(p)),
          executorId: p.id,
          ...(owner ? { ownerCond: owner } : {}),
          startsBefore: addDays(t, 30),
        },
        limit,
        offset,
      );
      return { total: Number(rows[0]?.total ?? 0), items: rows.map((r) => presentItem(r, t)) };
    },

    async overdue(p: Principal, q: z.infer<typeof CoordinationQuery>) {
      ensure(policies.canCoordinate(p));
      const t = today();
      const rows = await repo.openItems(
        {
          scope: programmeVisible(programmeScope(p), p.role === 'regional_coordinator'),
          municipalityId: q.municipalityId,
          schoolId: q.schoolId,
          level: q.level,
          before: t,
        },
        q.limit,
        q.offset,
      );
      return { total: Number(rows[0]?.total ?? 0), items: rows.map((r) => presentItem(r, t)) };
    },

    async dueSoon(p: Principal, q: z.infer<typeof CoordinationQuery>) {
      ensure(policies.canCoordinate(p));
      const t = today();
      const rows = await repo.openItems(
        {
          scope: programmeVisible(programmeScope(p), p.role === 'regional_coordinator'),
          municipalityId: q.municipalityId,
          schoolId: q.schoolId,
          level: q.level,
          after: t,
          before: addDays(t, q.days + 1),
        },
        q.limit,
        q.offset,
      );
      return { total: Number(rows[0]?.total ?? 0), items: rows.map((r) => presentItem(r, t)) };
    },

    async progress(p: Principal, id: number) {
      await visible(p, id);
      const t = today();
      const r = await repo.counts(
        { scope: programmeVisible({ kind: 'all' }), programmeId: id },
        'none',
        t,
        addDays(t, soonDays),
      );
      return progressOf(counts(r[0]));
    },

    async progressBy(
      p: Principal,
      by: 'municipality' | 'school' | 'programme',
      f: { municipalityId?: number | undefined; level?: ProgrammeLevel | undefined },
    ) {
      ensure(policies.canCoordinate(p));
      const t = today();
      const rows = await repo.counts(
        {
          scope: programmeVisible(programmeScope(p), p.role === 'regional_coordinator'),
          municipalityId: f.municipalityId,
          level: f.level,
        },
        by,
        t,
        addDays(t, soonDays),
      );
      return rows
        .filter((r) => r.key !== null)
        .map((r) => ({ id: Number(r.key), name: r.name ?? '—', ...progressOf(counts(r)) }));
    },

    // ------------------------------------------------------------------------------ import
    async importRoadmap(p: Principal, body: ImportBody) {
      const place = await placement(p, body.target);
      const keys = new Set(body.sections.map((s) => s.key));
      for (const a of body.activities)
        if (a.sectionKey !== null && !keys.has(a.sectionKey))
          throw new AppError('programmes.importSectionUnknown', {
            number: a.number ?? '—',
            key: a.sectionKey,
          });
      if (body.activities.length === 0) throw new AppError('programmes.importEmpty');
      return db.transaction().execute(async (tx) => {
        const g = await repo.insert(tx, {
          ...(passportColumns(body.passport) as { name: string; tasks: string; stages: string }),
          level: body.target.level,
          municipality_id: place.municipalityId,
          school_id: place.schoolId,
          parent_id: place.parentId,
          created_by: p.id > 0 ? p.id : null,
          updated_by: p.id > 0 ? p.id : null,
        });
        // sections in order, parents before children
        const sectionId = new Map<string, number>();
        let order = 0;
        const pending = [...body.sections];
        while (pending.length) {
          const k = pending.findIndex(
            (s) => s.parentKey === null || sectionId.has(s.parentKey) || !keys.has(s.parentKey),
          );
          const s = pending.splice(k < 0 ? 0 : k, 1)[0]!;
          const row = await repo.insertSection(tx, {
            programme_id: g.id,
            parent_id: s.parentKey ? (sectionId.get(s.parentKey) ?? null) : null,
            number: s.number,
            title: s.title,
            tasks: JSON.stringify(s.tasks),
            sort_order: (order += 10),
          });
          sectionId.set(s.key, row.id);
        }
        const level = defaultLevel(body.target.level);
        const r = await insertActivities(
          tx,
          g,
          body.activities.map((a, k) => ({
            deadlineText: a.deadlineText,
            columns: {
              section_id: a.sectionKey ? (sectionId.get(a.sectionKey) ?? null) : null,
              number: a.number,
              sort_order: (k + 1) * 10,
              text: a.text,
              level: a.level ?? level,
              task: a.task,
              executors: a.executors,
              planned_result: a.plannedResult,
              product_text: a.product,
              product_type: a.productType,
              completion_mark: a.completionMark,
            },
          })),
          p.id,
        );
        await repo.replaceIndicators(
          tx,
          g.id,
          body.indicators.map((x, k) => indicatorRow(g.id, x, k)),
        );
        await audit(tx, p, {
          action: 'import',
          entity: 'programme',
          entityId: g.id,
          summary: `${g.name}: разделов ${body.sections.length}, мероприятий ${r.ids.length}, показателей ${body.indicators.length}`,
          after: {
            ...presentPassport(g),
            sections: body.sections.length,
            activities: r.ids.length,
            indicators: body.indicators.length,
          },
        });
        return {
          programmeId: g.id,
          sections: body.sections.length,
          activities: r.ids.length,
          occurrences: r.occurrences,
          indicators: body.indicators.length,
        };
      });
    },

    /** Everything the documents need (passport, sections, activities with periods and evidence). */
    async documentData(p: Principal, id: number) {
      const card = await this.card(p, id);
      const road = await this.roadmap(p, id, {});
      const [occ, evidence, indicators] = await Promise.all([
        repo.occurrences(road.activities.map((a) => a.id)),
        repo.evidenceOfProgramme(id),
        repo.indicators(id),
      ]);
      const t = today();
      return {
        today: t,
        programme: card,
        sections: road.sections,
        activities: road.activities,
        occurrences: occ.map((o) => ({ activityId: o.activity_id, ...presentOccurrence(o, t) })),
        evidence: evidence.map((e) => ({
          id: e.id,
          activityId: e.activity_id,
          occurrenceId: e.occurrence_id,
          kind: e.kind,
          title: e.title,
          url: e.url,
          fileName: e.file_name,
          reviewStatus: e.review_status,
        })),
        indicators: indicators.map(presentIndicator),
      };
    },

    /** Items' counts straight from rows (used by tests to check the SQL against the pure arithmetic). */
    countItems,
  };
  return service;
}

function programmeOwnerCond(level: ProgrammeLevel, id: number) {
  return level === 'school'
    ? programmeVisible(
        { kind: 'scoped', municipalityIds: [], schools: { kind: 'schools', schoolIds: [id] } },
        false,
      )
    : level === 'municipality'
      ? programmeVisible(
          { kind: 'scoped', municipalityIds: [id], schools: { kind: 'schools', schoolIds: [] } },
          false,
        )
      : programmeVisible(
          { kind: 'scoped', municipalityIds: [], schools: { kind: 'schools', schoolIds: [] } },
          true,
        );
}

function defaultLevel(level: ProgrammeLevel) {
  return level === 'region'
    ? ('regional' as const)
    : level === 'municipality'
      ? ('municipal' as const)
      : ('school' as const);
}

function presentIndicator(r: {
  number: string | null;
  name: string;
  unit: string | null;
  baseline: number | null;
  baseline_year: number | null;
  targets: unknown;
}) {
  const targets = Array.isArray(r.targets)
    ? (r.targets as Array<{ year: number | null; value: number | null }>)
    : [];
  return {
    number: r.number,
    name: r.name,
    unit: r.unit,
    baseline: r.baseline === null ? null : Number(r.baseline),
    baselineYear: r.baseline_year,
    targets,
  };
}

function indicatorRow(programmeId: number, x: z.infer<typeof Indicator>, k: number) {
  return {
    programme_id: programmeId,
    number: x.number,
    name: x.name,
    unit: x.unit,
    // «4 %» and «чел.» as written in the document; the kind decides the range of targets and values
    unit_kind: unitKindOf(x.unit),
    baseline: x.baseline,
    baseline_year: x.baselineYear,
    targets: JSON.stringify(x.targets) as never,
    sort_order: (k + 1) * 10,
  };
}

export function presentEvidence(e: {
  id: number;
  activity_id: number;
  occurrence_id: number | null;
  kind: 'file' | 'link';
  title: string;
  url: string | null;
  review_status: 'pending' | 'accepted' | 'returned';
  review_comment: string | null;
  reviewed_at: Date | null;
  created_at: Date;
  file_name: string | null;
  file_size: number | null;
  file_mime: string | null;
  created_by_name: string | null;
  reviewed_by_name: string | null;
}) {
  return {
    id: e.id,
    activityId: e.activity_id,
    occurrenceId: e.occurrence_id,
    kind: e.kind,
    title: e.title,
    url: e.url,
    file:
      e.file_name !== null
        ? {
            name: e.file_name,
            size: Number(e.file_size ?? 0),
            mime: e.file_mime ?? 'application/octet-stream',
          }
        : null,
    reviewStatus: e.review_status,
    reviewComment: e.review_comment,
    reviewedBy: e.reviewed_by_name,
    reviewedAt: e.reviewed_at ? e.reviewed_at.toISOString() : null,
    createdBy: e.created_by_name,
    createdAt: e.created_at.toISOString(),
  };
}

export type ProgrammesService = ReturnType<typeof programmesService>;
