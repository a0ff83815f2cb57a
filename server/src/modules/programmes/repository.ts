import { sql, type Insertable, type RawBuilder, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { ProgrammeScope } from '../../platform/auth/policies.js';
import type {
  ActivityOccurrenceTable,
  ActivityTable,
  EvidenceTable,
  NotificationTable,
  ProgrammeIndicatorTable,
  ProgrammeLevel,
  ProgrammeTable,
  RoadmapSectionTable,
} from './schema.js';
import './schema.js';

/** The SQL of programmes, roadmaps, evidence and notifications. Writers take the transaction. */

const OPEN = sql.raw(`('planned', 'in_progress', 'overdue')`);

/** Programmes a scope may see, as a condition on `p` (programme). `region` false drops regional ones. */
export function programmeVisible(scope: ProgrammeScope, region = true): RawBuilder<boolean> {
  const regionCond = region ? sql`p.level = 'region'` : sql`false`;
  if (scope.kind === 'all') return region ? sql<boolean>`true` : sql<boolean>`p.level <> 'region'`;
  const munis = scope.municipalityIds.length
    ? sql`(p.level = 'municipality' and p.municipality_id in (${sql.join(scope.municipalityIds)}))`
    : sql`false`;
  const s = scope.schools;
  const schools =
    s.kind === 'all'
      ? sql`p.level = 'school'`
      : s.kind === 'municipality'
        ? sql`(p.level = 'school' and p.municipality_id = ${s.municipalityId})`
        : s.schoolIds.length
          ? sql`(p.level = 'school' and p.school_id in (${sql.join(s.schoolIds)}))`
          : sql`false`;
  return sql<boolean>`(${regionCond} or ${munis} or ${schools})`;
}

export interface ItemFilter {
  scope: RawBuilder<boolean>;
  municipalityId?: number | undefined;
  schoolId?: number | undefined;
  level?: ProgrammeLevel | undefined;
  programmeId?: number | undefined;
}

function filters(f: ItemFilter): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [f.scope];
  if (f.municipalityId !== undefined) parts.push(sql`p.municipality_id = ${f.municipalityId}`);
  if (f.schoolId !== undefined) parts.push(sql`p.school_id = ${f.schoolId}`);
  if (f.level !== undefined) parts.push(sql`p.level = ${f.level}`);
  if (f.programmeId !== undefined) parts.push(sql`p.id = ${f.programmeId}`);
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}

export interface ItemRow {
  activity_id: number;
  occurrence_id: number | null;
  programme_id: number;
  programme_name: string;
  programme_level: ProgrammeLevel;
  municipality_name: string | null;
  school_name: string | null;
  number: string | null;
  text: string;
  period_label: string | null;
  due_to: string | null;
  status: 'planned' | 'in_progress' | 'done' | 'overdue' | 'cancelled';
  executors: string | null;
  total: number;
}

export interface CountRow {
  key: number | null;
  name: string | null;
  total: number;
  done: number;
  done_on_time: number;
  overdue: number;
  cancelled: number;
  due_by_now: number;
  due_soon: number;
}

export function programmesRepository(db: Db) {
  return {
    // ---------------------------------------------------------------------------------- programmes
    async list(
      scope: ProgrammeScope,
      f: {
        level?: string | undefined;
        status?: string | undefined;
        municipalityId?: number | undefined;
        schoolId?: number | undefined;
        q?: string | undefined;
      },
    ) {
      let q = db
        .selectFrom('programme as p')
        .leftJoin('municipality as m', 'm.id', 'p.municipality_id')
        .leftJoin('school as s', 's.id', 'p.school_id')
        .where(programmeVisible(scope))
        .select([
          'p.id',
          'p.level',
          'p.name',
          'p.status',
          'p.parent_id',
          'p.municipality_id',
          'm.name as municipality_name',
          'p.school_id',
          's.short_name as school_name',
          'p.period_from',
          'p.period_to',
          'p.updated_at',
          sql<number>`(select count(*) from activity a where a.programme_id = p.id)`.as('activities'),
        ]);
      if (f.level) q = q.where('p.level', '=', f.level as ProgrammeLevel);
      if (f.status) q = q.where('p.status', '=', f.status as never);
      if (f.municipalityId) q = q.where('p.municipality_id', '=', f.municipalityId);
      if (f.schoolId) q = q.where('p.school_id', '=', f.schoolId);
      if (f.q)
        q = q.where(sql`lower(p.name)`, 'like', `%${f.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
      return q
        .orderBy(sql`case p.level when 'region' then 0 when 'municipality' then 1 else 2 end`)
        .orderBy('m.name')
        .orderBy('s.short_name')
        .orderBy('p.id')
        .limit(2000)
        .execute();
    },

    get(id: number, tx: Db = db) {
      return tx
        .selectFrom('programme as p')
        .leftJoin('municipality as m', 'm.id', 'p.municipality_id')
        .leftJoin('school as s', 's.id', 'p.school_id')
        .leftJoin('programme as parent', 'parent.id', 'p.parent_id')
        .selectAll('p')
        .select(['m.name as municipality_name', 's.short_name as school_name', 'parent.name as parent_name'])
        .where('p.id', '=', id)
        .executeTakeFirst();
    },

    children(id: number) {
      return db
        .selectFrom('programme')
        .select(['id', 'name', 'level', 'status', 'municipality_id', 'school_id'])
        .where('parent_id', '=', id)
        .orderBy('name')
        .execute();
    },

    targetSchools(id: number) {
      return db
        .selectFrom('programme_target_school as t')
        .innerJoin('school as s', 's.id', 't.school_id')
        .select(['s.id', 's.short_name'])
        .where('t.programme_id', '=', id)
        .orderBy('s.short_name')
        .execute();
    },

    async setTargetSchools(tx: Db, id: number, schoolIds: number[]) {
      await tx.deleteFrom('programme_target_school').where('programme_id', '=', id).execute();
      const unique = [...new Set(schoolIds)];
      for (let i = 0; i < unique.length; i += 1000)
        await tx
          .insertInto('programme_target_school')
          .values(unique.slice(i, i + 1000).map((school_id) => ({ programme_id: id, school_id })))
          .execute();
    },

    schoolsRefs(ids: number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('school')
        .select(['id', 'municipality_id', 'short_name'])
        .where('id', 'in', ids)
        .execute();
    },
    school(id: number) {
      return db
        .selectFrom('school')
        .select(['id', 'municipality_id', 'short_name'])
        .where('id', '=', id)
        .executeTakeFirst();
    },
    municipality(id: number) {
      return db.selectFrom('municipality').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
    },

    /** The programme a new one belongs to by default: the newest not completed one a level above. */
    defaultParent(level: ProgrammeLevel, municipalityId: number | null) {
      if (level === 'region') return Promise.resolve(undefined);
      let q = db.selectFrom('programme').select('id').where('status', '<>', 'completed');
      q =
        level === 'school'
          ? q.where('level', '=', 'municipality').where('municipality_id', '=', municipalityId)
          : q.where('level', '=', 'region');
      return q.orderBy('id', 'desc').executeTakeFirst();
    },

    insert(tx: Db, row: Insertable<ProgrammeTable>) {
      return tx.insertInto('programme').values(row).returningAll().executeTakeFirstOrThrow();
    },

    updateVersioned(tx: Db, id: number, version: number, patch: Updateable<ProgrammeTable>) {
      return tx
        .updateTable('programme')
        .set({ ...patch, version: sql`version + 1`, updated_at: new Date() })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },

    /** The programme's version row locked until the transaction ends. */
    versionForUpdate(tx: Db, id: number) {
      return tx
        .selectFrom('programme')
        .select(['id', 'version', 'status', 'updated_by', 'updated_at'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    /**
     * A stamp of what is under a programme: counts, the latest ids and the sums of row versions of
     * its sections, activities, occurrences, evidence, indicators and indicator values, and which
     * its target schools are. Any addition or removal there, and any edit of a versioned row,
     * changes it.
     */
    async contentStamp(db: Db, id: number): Promise<string> {
      const r = await sql<{ stamp: string }>`
        select concat_ws('|',
          (select count(*) || '.' || coalesce(max(id), 0) from roadmap_section where programme_id = ${id}),
          (select count(*) || '.' || coalesce(max(id), 0) || '.' || coalesce(sum(version), 0)
            from activity where programme_id = ${id}),
          (select count(*) || '.' || coalesce(max(o.id), 0) || '.' || coalesce(sum(o.version), 0)
            from activity_occurrence o join activity a on a.id = o.activity_id where a.programme_id = ${id}),
          (select count(*) || '.' || coalesce(max(e.id), 0) || '.' || count(e.reviewed_at)
            from evidence e join activity a on a.id = e.activity_id where a.programme_id = ${id}),
          (select count(*) || '.' || coalesce(max(id), 0) || '.' || coalesce(sum(version), 0)
            from programme_indicator where programme_id = ${id}),
          (select count(*) || '.' || coalesce(max(v.id), 0) || '.' || coalesce(sum(v.version), 0)
            from indicator_value v join programme_indicator i on i.id = v.indicator_id where i.programme_id = ${id}),
          (select count(*) || '.' || md5(coalesce(string_agg(school_id::text, ',' order by school_id), ''))
            from programme_target_school where programme_id = ${id})
        ) as stamp`.execute(db);
      return r.rows[0]!.stamp;
    },

    /**
     * The last change audited under a programme (its sections, activities, indicators, evidence):
     * who and when, for the 409 of a stale content stamp.
     */
    async lastContentChange(db: Db, id: number) {
      const r = await sql<{ user_id: number | null; at: Date }>`
        select l.user_id, l.at from audit_log l
        where (l.entity = 'roadmap_section' and l.entity_id in (select id::text from roadmap_section where programme_id = ${id}))
          or (l.entity = 'activity' and l.entity_id in (select id::text from activity where programme_id = ${id}))
          or (l.entity = 'activity_occurrence' and l.entity_id in (
            select o.id::text from activity_occurrence o join activity a on a.id = o.activity_id where a.programme_id = ${id}))
          or (l.entity = 'evidence' and l.entity_id in (
            select e.id::text from evidence e join activity a on a.id = e.activity_id where a.programme_id = ${id}))
          or (l.entity in ('programme_indicator', 'indicator_value') and l.entity_id in (
            select id::text from programme_indicator where programme_id = ${id}))
        order by l.id desc
        limit 1`.execute(db);
      return r.rows[0];
    },

    async remove(tx: Db, id: number) {
      await tx.updateTable('programme').set({ parent_id: null }).where('parent_id', '=', id).execute();
      const files = await tx
        .selectFrom('evidence as e')
        .innerJoin('activity as a', 'a.id', 'e.activity_id')
        .select('e.file_id')
        .where('a.programme_id', '=', id)
        .where('e.file_id', 'is not', null)
        .execute();
      await tx.deleteFrom('programme').where('id', '=', id).execute();
      return files.map((f) => f.file_id!);
    },

    // ---------------------------------------------------------------------------------- sections
    sections(programmeId: number) {
      return db
        .selectFrom('roadmap_section')
        .selectAll()
        .where('programme_id', '=', programmeId)
        .orderBy('sort_order')
        .orderBy('id')
        .execute();
    },
    section(id: number, tx: Db = db) {
      return tx.selectFrom('roadmap_section').selectAll().where('id', '=', id).executeTakeFirst();
    },
    insertSection(tx: Db, row: Insertable<RoadmapSectionTable>) {
      return tx.insertInto('roadmap_section').values(row).returningAll().executeTakeFirstOrThrow();
    },
    updateSection(tx: Db, id: number, patch: Updateable<RoadmapSectionTable>) {
      return tx
        .updateTable('roadmap_section')
        .set(patch)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    /** The sections under the same parent, in their order, locked until the transaction ends. */
    siblingsForUpdate(tx: Db, programmeId: number, parentId: number | null) {
      return tx
        .selectFrom('roadmap_section')
        .selectAll()
        .where('programme_id', '=', programmeId)
        .where('parent_id', parentId === null ? 'is' : '=', parentId)
        .orderBy('sort_order')
        .orderBy('id')
        .forUpdate()
        .execute();
    },
    /** The section's row locked until the transaction ends (a concurrent change waits, then sees ours). */
    sectionForUpdate(tx: Db, id: number) {
      return tx.selectFrom('roadmap_section').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },
    /** The numbers of a programme's sections and activities (to carry a section's new number down). */
    async numbering(tx: Db, programmeId: number) {
      const sections = await tx
        .selectFrom('roadmap_section')
        .select(['id', 'parent_id', 'number'])
        .where('programme_id', '=', programmeId)
        .execute();
      const activities = await tx
        .selectFrom('activity')
        .select(['id', 'section_id', 'number'])
        .where('programme_id', '=', programmeId)
        .where('section_id', 'is not', null)
        .execute();
      return { sections, activities };
    },
    /** A new number of an activity under a renumbered section: a new version, so open editors get a 409. */
    async renumberActivity(tx: Db, id: number, number: string, userId: number | null) {
      await tx
        .updateTable('activity')
        .set({ number, version: sql`version + 1`, updated_at: new Date(), updated_by: userId })
        .where('id', '=', id)
        .execute();
    },
    async sectionInUse(tx: Db, id: number) {
      const a = await tx
        .selectFrom('activity')
        .select('id')
        .where('section_id', '=', id)
        .limit(1)
        .executeTakeFirst();
      const s = await tx
        .selectFrom('roadmap_section')
        .select('id')
        .where('parent_id', '=', id)
        .limit(1)
        .executeTakeFirst();
      return Boolean(a || s);
    },
    async deleteSection(tx: Db, id: number) {
      await tx.deleteFrom('roadmap_section').where('id', '=', id).execute();
    },
    async nextSortOrder(tx: Db, table: 'activity' | 'roadmap_section', programmeId: number) {
      const r = await tx
        .selectFrom(table)
        .select(sql<number>`coalesce(max(sort_order), 0) + 10`.as('n'))
        .where('programme_id', '=', programmeId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    // ---------------------------------------------------------------------------------- activities
    activities(
      programmeId: number,
      f: {
        status?: string | undefined;
        level?: string | undefined;
        schoolId?: number | undefined;
        executorId?: number | undefined;
        owner?: string | undefined;
        from?: string | undefined;
        to?: string | undefined;
      },
      today: string,
    ) {
      let q = db
        .selectFrom('activity as a')
        .selectAll('a')
        .select(
          sql<number>`(select count(*) from evidence e where e.activity_id = a.id)`.as('evidence_count'),
        )
        .select(
          sql<boolean>`case when a.recurring then exists (select 1 from activity_occurrence o where o.activity_id = a.id and o.status in ${OPEN} and o.due_to < ${today}) and a.status <> 'cancelled'
            else a.status in ${OPEN} and a.due_to < ${today} end`.as('is_overdue'),
        )
        .where('a.programme_id', '=', programmeId);
      if (f.status === 'open') q = q.where(sql<boolean>`a.status in ${OPEN}`);
      else if (f.status === 'overdue')
        q = q.where(
          sql<boolean>`(a.status in ${OPEN} and ((not a.recurring and a.due_to < ${today}) or (a.recurring and exists (select 1 from activity_occurrence o where o.activity_id = a.id and o.status in ${OPEN} and o.due_to < ${today}))))`,
        );
      else if (f.status === 'planned')
        q = q.where(
          sql<boolean>`(a.status in ('planned', 'overdue') and not (not a.recurring and a.due_to < ${today}))`,
        );
      else if (f.status) q = q.where('a.status', '=', f.status as never);
      if (f.level) q = q.where('a.level', '=', f.level as never);
      if (f.schoolId)
        q = q.where(
          sql<boolean>`exists (select 1 from activity_school x where x.activity_id = a.id and x.school_id = ${f.schoolId})`,
        );
      if (f.executorId)
        q = q.where(
          sql<boolean>`exists (select 1 from activity_executor x where x.activity_id = a.id and x.user_id = ${f.executorId})`,
        );
      if (f.owner)
        q = q.where(
          sql`lower(coalesce(a.executors, ''))`,
          'like',
          `%${f.owner.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`,
        );
      // period: activities whose window meets [from, to]
      if (f.from) q = q.where((eb) => eb.or([eb('a.due_to', '>=', f.from!), eb('a.due_to', 'is', null)]));
      if (f.to)
        q = q.where((eb) =>
          eb.or([eb(sql`coalesce(a.due_from, a.due_to)`, '<=', f.to!), eb('a.due_to', 'is', null)]),
        );
      return q.orderBy('a.sort_order').orderBy('a.id').execute();
    },

    activity(id: number, tx: Db = db) {
      return tx
        .selectFrom('activity as a')
        .innerJoin('programme as p', 'p.id', 'a.programme_id')
        .selectAll('a')
        .select([
          'p.level as programme_level',
          'p.municipality_id as programme_municipality_id',
          'p.school_id as programme_school_id',
          'p.name as programme_name',
          'p.status as programme_status',
          'p.period_from as programme_period_from',
          'p.period_to as programme_period_to',
        ])
        .where('a.id', '=', id)
        .executeTakeFirst();
    },

    executors(activityIds: number[]) {
      if (activityIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('activity_executor as x')
        .innerJoin('app_user as u', 'u.id', 'x.user_id')
        .select(['x.activity_id', 'u.id', 'u.full_name'])
        .where('x.activity_id', 'in', activityIds)
        .orderBy('u.full_name')
        .execute();
    },
    activitySchools(activityIds: number[]) {
      if (activityIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('activity_school as x')
        .innerJoin('school as s', 's.id', 'x.school_id')
        .select(['x.activity_id', 's.id', 's.short_name'])
        .where('x.activity_id', 'in', activityIds)
        .orderBy('s.short_name')
        .execute();
    },
    usersByIds(ids: number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('app_user')
        .select(['id', 'full_name', 'role', 'municipality_id', 'school_id', 'active'])
        .where('id', 'in', ids)
        .execute();
    },

    insertActivity(tx: Db, row: Insertable<ActivityTable>) {
      return tx.insertInto('activity').values(row).returningAll().executeTakeFirstOrThrow();
    },
    async insertActivities(tx: Db, rows: Insertable<ActivityTable>[]) {
      const out: Array<{ id: number }> = [];
      for (let i = 0; i < rows.length; i += 200)
        out.push(
          ...(await tx
            .insertInto('activity')
            .values(rows.slice(i, i + 200))
            .returning('id')
            .execute()),
        );
      return out;
    },
    updateActivityVersioned(tx: Db, id: number, version: number, patch: Updateable<ActivityTable>) {
      return tx
        .updateTable('activity')
        .set({ ...patch, version: sql`version + 1`, updated_at: new Date() })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },
    async setExecutors(tx: Db, activityId: number, userIds: number[]) {
      await tx.deleteFrom('activity_executor').where('activity_id', '=', activityId).execute();
      const ids = [...new Set(userIds)];
      if (ids.length)
        await tx
          .insertInto('activity_executor')
          .values(ids.map((user_id) => ({ activity_id: activityId, user_id })))
          .execute();
    },
    async setSchools(tx: Db, activityId: number, schoolIds: number[]) {
      await tx.deleteFrom('activity_school').where('activity_id', '=', activityId).execute();
      const ids = [...new Set(schoolIds)];
      if (ids.length)
        await tx
          .insertInto('activity_school')
          .values(ids.map((school_id) => ({ activity_id: activityId, school_id })))
          .execute();
    },
    /** The activity's version row locked until the transaction ends. */
    activityVersionForUpdate(tx: Db, id: number) {
      return tx
        .selectFrom('activity')
        .select(['id', 'version', 'updated_by', 'updated_at'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },
    async deleteActivity(tx: Db, id: number) {
      const files = await tx
        .selectFrom('evidence')
        .select('file_id')
        .where('activity_id', '=', id)
        .where('file_id', 'is not', null)
        .execute();
      await tx.deleteFrom('activity').where('id', '=', id).execute();
      return files.map((f) => f.file_id!);
    },

    // ---------------------------------------------------------------------------------- occurrences
    occurrences(activityIds: number[], tx: Db = db) {
      if (activityIds.length === 0) return Promise.resolve([]);
      return tx
        .selectFrom('activity_occurrence')
        .selectAll()
        .where('activity_id', 'in', activityIds)
        .orderBy('activity_id')
        .orderBy('idx')
        .execute();
    },
    occurrence(id: number, tx: Db = db) {
      return tx.selectFrom('activity_occurrence').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async insertOccurrences(tx: Db, rows: Insertable<ActivityOccurrenceTable>[]) {
      for (let i = 0; i < rows.length; i += 500)
        await tx
          .insertInto('activity_occurrence')
          .values(rows.slice(i, i + 500))
          .execute();
    },
    /**
     * Lay the periods of a changed deadline over the existing ones by index: a kept period keeps its
     * status and evidence; a period that no longer exists is removed, its evidence staying on the activity.
     */
    async replaceOccurrences(
      tx: Db,
      activityId: number,
      list: Array<{ index: number; label: string; from: string; to: string }>,
    ) {
      const stale = await tx
        .selectFrom('activity_occurrence')
        .select('id')
        .where('activity_id', '=', activityId)
        .where('idx', '>=', list.length)
        .execute();
      if (stale.length) {
        const ids = stale.map((s) => s.id);
        await tx
          .updateTable('evidence')
          .set({ occurrence_id: null })
          .where('occurrence_id', 'in', ids)
          .execute();
        await tx.deleteFrom('activity_occurrence').where('id', 'in', ids).execute();
      }
      for (const o of list)
        await tx
          .insertInto('activity_occurrence')
          .values({ activity_id: activityId, idx: o.index, label: o.label, due_from: o.from, due_to: o.to })
          .onConflict((oc) =>
            oc
              .columns(['activity_id', 'idx'])
              .doUpdateSet({ label: o.label, due_from: o.from, due_to: o.to }),
          )
          .execute();
    },
    updateOccurrenceVersioned(
      tx: Db,
      id: number,
      version: number,
      patch: Updateable<ActivityOccurrenceTable>,
    ) {
      return tx
        .updateTable('activity_occurrence')
        .set({ ...patch, version: sql`version + 1`, updated_at: new Date() })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },

    // ---------------------------------------------------------------------------------- evidence
    evidenceOf(activityId: number) {
      return db
        .selectFrom('evidence as e')
        .leftJoin('stored_file as f', 'f.id', 'e.file_id')
        .leftJoin('app_user as c', 'c.id', 'e.created_by')
        .leftJoin('app_user as r', 'r.id', 'e.reviewed_by')
        .selectAll('e')
        .select([
          'f.name as file_name',
          'f.size as file_size',
          'f.mime as file_mime',
          'c.full_name as created_by_name',
          'r.full_name as reviewed_by_name',
        ])
        .where('e.activity_id', '=', activityId)
        .orderBy('e.id')
        .execute();
    },
    evidence(id: number, tx: Db = db) {
      return tx.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
    },
    insertEvidence(tx: Db, row: Insertable<EvidenceTable>) {
      return tx.insertInto('evidence').values(row).returningAll().executeTakeFirstOrThrow();
    },
    reviewEvidence(tx: Db, id: number, patch: Updateable<EvidenceTable>) {
      return tx
        .updateTable('evidence')
        .set(patch)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    async deleteEvidence(tx: Db, id: number) {
      await tx.deleteFrom('evidence').where('id', '=', id).execute();
    },
    /** Evidence of a programme's activities, for the progress report. */
    evidenceOfProgramme(programmeId: number) {
      return db
        .selectFrom('evidence as e')
        .innerJoin('activity as a', 'a.id', 'e.activity_id')
        .leftJoin('stored_file as f', 'f.id', 'e.file_id')
        .select([
          'e.id',
          'e.activity_id',
          'e.occurrence_id',
          'e.kind',
          'e.title',
          'e.url',
          'e.review_status',
          'f.name as file_name',
        ])
        .where('a.programme_id', '=', programmeId)
        .orderBy('e.id')
        .execute();
    },

    // ---------------------------------------------------------------------------------- indicators
    indicators(programmeId: number) {
      return db
        .selectFrom('programme_indicator')
        .selectAll()
        .where('programme_id', '=', programmeId)
        .orderBy('sort_order')
        .orderBy('id')
        .execute();
    },
    async replaceIndicators(tx: Db, programmeId: number, rows: Insertable<ProgrammeIndicatorTable>[]) {
      await tx.deleteFrom('programme_indicator').where('programme_id', '=', programmeId).execute();
      if (rows.length) await tx.insertInto('programme_indicator').values(rows).execute();
    },

    // ---------------------------------------------------------------------------------- work items
    /**
     * Open work items (single-deadline activities and periods of recurring ones) due before
     * `before` (exclusive) and on or after `after`, newest deadline last, with the total count.
     */
    async openItems(
      f: ItemFilter & {
        before?: string;
        after?: string;
        executorId?: number;
        ownerCond?: RawBuilder<boolean>;
        startsBefore?: string;
      },
      limit: number,
      offset: number,
    ): Promise<ItemRow[]> {
      const due = (col: string) => {
        const c = sql.ref(col);
        const parts: RawBuilder<unknown>[] = [];
        if (f.before !== undefined) parts.push(sql`${c} < ${f.before}`);
        if (f.after !== undefined) parts.push(sql`${c} >= ${f.after}`);
        return parts.length ? sql`and ${sql.join(parts, sql` and `)}` : sql``;
      };
      const starts = f.startsBefore !== undefined ? sql`and o.due_from <= ${f.startsBefore}` : sql``;
      const mine =
        f.executorId !== undefined
          ? sql`and (exists (select 1 from activity_executor x where x.activity_id = i.activity_id and x.user_id = ${f.executorId}) or ${f.ownerCond ?? sql`false`})`
          : sql``;
      const r = await sql<ItemRow>`
        select i.activity_id, i.occurrence_id, i.programme_id, p.name as programme_name, p.level as programme_level,
          m.name as municipality_name, s.short_name as school_name, i.number, i.text, i.period_label, i.due_to,
          i.status, i.executors, count(*) over () as total
        from (
          select a.id as activity_id, null::integer as occurrence_id, a.programme_id, a.number, a.text,
            null::text as period_label, a.due_to, a.status, a.executors, a.sort_order, 0 as idx
          from activity a
          where not a.recurring and a.status in ${OPEN} ${due('a.due_to')}
          union all
          select a.id, o.id, a.programme_id, a.number, a.text, o.label, o.due_to, o.status, a.executors, a.sort_order, o.idx
          from activity_occurrence o join activity a on a.id = o.activity_id
          where a.recurring and a.status <> 'cancelled' and o.status in ${OPEN} ${due('o.due_to')} ${starts}
        ) i
        join programme p on p.id = i.programme_id
        left join municipality m on m.id = p.municipality_id
        left join school s on s.id = p.school_id
        where ${filters(f)} ${mine}
        order by i.due_to nulls last, i.programme_id, i.sort_order, i.idx
        limit ${limit} offset ${offset}`.execute(db);
      return r.rows;
    },

    /** Progress counts grouped by programme, municipality or school (see domain/progress.ts). */
    async counts(
      f: ItemFilter,
      by: 'programme' | 'municipality' | 'school' | 'none',
      today: string,
      soon: string,
    ): Promise<CountRow[]> {
      const key =
        by === 'programme'
          ? sql`p.id`
          : by === 'municipality'
            ? sql`p.municipality_id`
            : by === 'school'
              ? sql`p.school_id`
              : sql`null::integer`;
      const name =
        by === 'programme'
          ? sql`max(p.name)`
          : by === 'municipality'
            ? sql`max(m.name)`
            : by === 'school'
              ? sql`max(s.short_name)`
              : sql`null::text`;
      const extra =
        by === 'municipality'
          ? sql`and p.municipality_id is not null`
          : by === 'school'
            ? sql`and p.school_id is not null`
            : sql``;
      const r = await sql<CountRow>`
        select ${key} as key, ${name} as name,
          count(*) filter (where i.st <> 'cancelled') as total,
          count(*) filter (where i.st = 'done') as done,
          count(*) filter (where i.st = 'done' and (i.due_to is null or to_char(i.completed_at at time zone 'UTC', 'YYYY-MM-DD') <= i.due_to)) as done_on_time,
          count(*) filter (where i.st in ${OPEN} and i.due_to < ${today}) as overdue,
          count(*) filter (where i.st = 'cancelled') as cancelled,
          count(*) filter (where i.st = 'done' or (i.st in ${OPEN} and i.due_to < ${today})) as due_by_now,
          count(*) filter (where i.st in ${OPEN} and i.due_to >= ${today} and i.due_to <= ${soon}) as due_soon
        from (
          select a.programme_id, a.status as st, a.due_to, a.completed_at from activity a where not a.recurring
          union all
          select a.programme_id, case when a.status = 'cancelled' then 'cancelled' else o.status end, o.due_to, o.completed_at
          from activity_occurrence o join activity a on a.id = o.activity_id where a.recurring
        ) i
        join programme p on p.id = i.programme_id
        left join municipality m on m.id = p.municipality_id
        left join school s on s.id = p.school_id
        where ${filters(f)} ${extra}
        group by ${key}
        order by 2`.execute(db);
      return r.rows;
    },

    /** Mark open items whose due date has passed as overdue (the stored status follows the calendar). */
    async markOverdue(tx: Db, today: string) {
      const a = await tx
        .updateTable('activity')
        .set({ status: 'overdue' })
        .where('recurring', '=', false)
        .where('status', 'in', ['planned', 'in_progress'])
        .where('due_to', '<', today)
        .executeTakeFirst();
      const o = await tx
        .updateTable('activity_occurrence')
        .set({ status: 'overdue' })
        .where('status', 'in', ['planned', 'in_progress'])
        .where('due_to', '<', today)
        .executeTakeFirst();
      return Number(a.numUpdatedRows) + Number(o.numUpdatedRows);
    },

    // ---------------------------------------------------------------------------------- reminders
    /**
     * Who should hear about an item: its named executors and the owners of its programme
     * (the school team of a school programme, the municipal coordinators of a municipal one,
     * the regional coordinators of the regional one).
     */
    async reminderTargets(since: string, soon: string, limit: number) {
      const r = await sql<{
        activity_id: number;
        occurrence_id: number | null;
        programme_id: number;
        programme_name: string;
        text: string;
        due_to: string;
        user_id: number;
      }>`
        with items as (
          select a.id as activity_id, null::integer as occurrence_id, a.programme_id, a.text, a.due_to
          from activity a where not a.recurring and a.status in ${OPEN} and a.due_to <= ${soon} and a.due_to >= ${since}
          union all
          select a.id, o.id, a.programme_id, a.text, o.due_to
          from activity_occurrence o join activity a on a.id = o.activity_id
          where a.recurring and a.status <> 'cancelled' and o.status in ${OPEN} and o.due_to <= ${soon} and o.due_to >= ${since}
        )
        select i.activity_id, i.occurrence_id, i.programme_id, p.name as programme_name, i.text, i.due_to, u.id as user_id
        from items i
        join programme p on p.id = i.programme_id and p.status in ('approved', 'in_progress')
        join app_user u on u.active and (
          u.id in (select x.user_id from activity_executor x where x.activity_id = i.activity_id)
          or (p.level = 'school' and u.role = 'school_team' and u.school_id = p.school_id)
          or (p.level = 'municipality' and u.role = 'municipal_coordinator' and u.municipality_id = p.municipality_id)
          or (p.level = 'region' and u.role = 'regional_coordinator'))
        order by i.due_to, i.activity_id
        limit ${limit}`.execute(db);
      return r.rows;
    },

    /** The reviewers of a programme's evidence: regional coordinators, the municipality's, the school's curators. */
    async reviewers(
      p: { level: ProgrammeLevel; municipalityId: number | null; schoolId: number | null },
      tx: Db = db,
    ) {
      const r = await sql<{ id: number }>`
        select u.id from app_user u
        where u.active and (
          (u.role = 'municipal_coordinator' and u.municipality_id = ${p.municipalityId} and ${p.level} <> 'region')
          or (u.role = 'curator' and ${p.level} = 'school' and exists (select 1 from user_school us where us.user_id = u.id and us.school_id = ${p.schoolId}))
          or (u.role = 'regional_coordinator' and ${p.level} = 'region'))`.execute(tx);
      return r.rows.map((x) => x.id);
    },

    // ---------------------------------------------------------------------------------- notifications
    async notify(tx: Db, rows: Insertable<NotificationTable>[]) {
      let n = 0;
      for (let i = 0; i < rows.length; i += 500) {
        const r = await tx
          .insertInto('notification')
          .values(rows.slice(i, i + 500))
          .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
          .returning('id')
          .execute();
        n += r.length;
      }
      return n;
    },
    notifications(userId: number, unreadOnly: boolean, limit: number) {
      let q = db.selectFrom('notification').selectAll().where('user_id', '=', userId);
      if (unreadOnly) q = q.where('read_at', 'is', null);
      return q.orderBy('id', 'desc').limit(limit).execute();
    },
    async unreadCount(userId: number) {
      const r = await db
        .selectFrom('notification')
        .select(sql<number>`count(*)`.as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    markRead(tx: Db, userId: number, id: number | null) {
      let q = tx
        .updateTable('notification')
        .set({ read_at: new Date() })
        .where('user_id', '=', userId)
        .where('read_at', 'is', null);
      if (id !== null) q = q.where('id', '=', id);
      return q.executeTakeFirst();
    },
    notification(id: number) {
      return db.selectFrom('notification').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** Unread, not yet e-mailed notifications of users with an address. */
    unmailed(limit: number) {
      return db
        .selectFrom('notification as n')
        .innerJoin('app_user as u', 'u.id', 'n.user_id')
        .select(['n.id', 'n.user_id', 'n.message_key', 'n.params', 'u.email', 'u.full_name', 'u.locale'])
        .where('n.emailed_at', 'is', null)
        .where('n.read_at', 'is', null)
        .where('u.email', 'is not', null)
        .where('u.active', '=', true)
        .orderBy('n.user_id')
        .orderBy('n.id')
        .limit(limit)
        .execute();
    },
    async markMailed(ids: number[]) {
      if (ids.length)
        await db.updateTable('notification').set({ emailed_at: new Date() }).where('id', 'in', ids).execute();
    },
  };
}

export type ProgrammesRepository = ReturnType<typeof programmesRepository>;
