import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { Insertable } from 'kysely';
import type {
  ContextIndicatorTable,
  DB,
  NewSchool,
  SchoolContext,
  SchoolContextTable,
  SchoolUpdate,
} from '../../platform/db/schema.js';
import type { SchoolScope } from '../../platform/auth/principal.js';
import type { SchoolListQuery } from '../../../../common/src/schemas/org.js';
import { schoolSortName } from './sort-name.js';

type SchoolQuery<O> = SelectQueryBuilder<DB, 'school' | 'municipality', O>;

/** Restrict a query on `school` to the schools a scope may see. */
export function whereInScope<O>(q: SchoolQuery<O>, scope: SchoolScope): SchoolQuery<O> {
  switch (scope.kind) {
    case 'all':
      return q;
    case 'municipality':
      return q.where('school.municipality_id', '=', scope.municipalityId);
    case 'schools':
      return scope.schoolIds.length
        ? q.where('school.id', 'in', scope.schoolIds)
        : q.where(sql<boolean>`false`);
  }
}

const studentsExpr = sql<number>`coalesce(school.students_noo, 0) + coalesce(school.students_ooo, 0) + coalesce(school.students_soo, 0)`;

const SORT_COLUMNS = {
  // Ignores the legal form and quotes: «МАОУ …» and «МБОУ …» interleave alphabetically.
  name: schoolSortName(sql.ref('school.short_name')),
  code: sql`school.code`,
  municipality: sql`lower(municipality.name)`,
  students: studentsExpr,
  type: sql`school.type`,
} as const;

export function schoolsRepository(db: Db) {
  const base = () =>
    db.selectFrom('school').innerJoin('municipality', 'municipality.id', 'school.municipality_id');

  return {
    async list(scope: SchoolScope, f: SchoolListQuery) {
      let q = whereInScope(base(), scope).where('school.active', '=', true);
      if (f.q) {
        const like = `%${f.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
        q = q.where('school.search_text', 'like', like);
      }
      if (f.municipalityId) q = q.where('school.municipality_id', '=', f.municipalityId);
      if (f.type) q = q.where('school.type', '=', f.type);
      if (f.locality) q = q.where('school.locality', '=', f.locality);
      if (f.isSmall) q = q.where('school.is_small', '=', f.isSmall === 'true');
      // One query: the page and, on every row, the total count of matching schools.
      const rows = await q
        .select([
          'school.id',
          'school.code',
          'school.short_name',
          'school.type',
          'school.locality',
          'school.settlement',
          'school.is_small',
          'school.municipality_id',
          'school.parent_id',
          'municipality.name as municipality_name',
          studentsExpr.as('students'),
          sql<number>`count(*) over ()`.as('total'),
        ])
        .orderBy(SORT_COLUMNS[f.sort], f.order)
        .orderBy('school.id') // ties (e.g. «СОШ № 1» of several towns) keep a stable paging order
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      const total =
        rows.length > 0
          ? rows[0]!.total
          : f.page > 1
            ? (await q.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow()).total
            : 0;
      return { total: Number(total), rows };
    },

    get(id: number) {
      return base()
        .leftJoin('school as parent', 'parent.id', 'school.parent_id')
        .selectAll('school')
        .select(['municipality.name as municipality_name', 'parent.short_name as parent_name'])
        .where('school.id', '=', id)
        .executeTakeFirst();
    },

    ref(id: number) {
      return db
        .selectFrom('school')
        .select(['id', 'municipality_id'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** The school card in one query: the school, its branches and its context rows as JSON. */
    async card(id: number) {
      const row = await base()
        .leftJoin('school as parent', 'parent.id', 'school.parent_id')
        .selectAll('school')
        .select([
          'municipality.name as municipality_name',
          'parent.short_name as parent_name',
          sql<
            Array<{ id: number; short_name: string }>
          >`(select coalesce(json_agg(json_build_object('id', b.id, 'short_name', b.short_name) order by b.short_name), '[]') from school b where b.parent_id = school.id)`.as(
            'branches',
          ),
          sql<
            Array<Omit<SchoolContext, 'updated_at'> & { updated_at: string }>
          >`(select coalesce(json_agg(c order by c.school_year), '[]') from school_context c where c.school_id = school.id)`.as(
            'context',
          ),
        ])
        .where('school.id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      const context: SchoolContext[] = row.context.map((c) => ({ ...c, updated_at: new Date(c.updated_at) }));
      return { ...row, context };
    },

    codeExists(code: string) {
      return db.selectFrom('school').select('id').where('code', '=', code).executeTakeFirst();
    },

    insert(tx: Db, row: NewSchool) {
      return tx.insertInto('school').values(row).returningAll().executeTakeFirstOrThrow();
    },

    /** Update if the version still matches; undefined means somebody else saved first. */
    updateVersioned(tx: Db, id: number, version: number, patch: SchoolUpdate) {
      return tx
        .updateTable('school')
        .set({ ...patch, version: sql`version + 1`, updated_at: new Date() })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },

    upsertContext(tx: Db, row: Insertable<SchoolContextTable>) {
      return tx
        .insertInto('school_context')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['school_id', 'school_year']).doUpdateSet((eb) => ({
            low_income: eb.ref('excluded.low_income'),
            single_parent: eb.ref('excluded.single_parent'),
            parents_higher_ed: eb.ref('excluded.parents_higher_ed'),
            ovz: eb.ref('excluded.ovz'),
            disabled: eb.ref('excluded.disabled'),
            registered: eb.ref('excluded.registered'),
            non_russian: eb.ref('excluded.non_russian'),
            extra: eb.ref('excluded.extra'),
            version: sql`school_context.version + 1`,
            updated_at: new Date(),
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    contextRow(tx: Db, schoolId: number, year: number) {
      return tx
        .selectFrom('school_context')
        .selectAll()
        .where('school_id', '=', schoolId)
        .where('school_year', '=', year)
        .forUpdate()
        .executeTakeFirst();
    },
  };
}
export type SchoolsRepository = ReturnType<typeof schoolsRepository>;

export function municipalitiesRepository(db: Db) {
  return {
    async list(scope: SchoolScope) {
      let q = db
        .selectFrom('municipality')
        .leftJoin('school', (j) => {
          const on = j.onRef('school.municipality_id', '=', 'municipality.id').on('school.active', '=', true);
          // Users who see single schools count only those schools.
          if (scope.kind !== 'schools') return on;
          return scope.schoolIds.length
            ? on.on('school.id', 'in', scope.schoolIds)
            : on.on(sql<boolean>`false`);
        })
        .select([
          'municipality.id',
          'municipality.code',
          'municipality.name',
          'municipality.kind',
          sql<number>`count(school.id)`.as('schools'),
          sql<number>`coalesce(sum(coalesce(school.students_noo, 0) + coalesce(school.students_ooo, 0) + coalesce(school.students_soo, 0)), 0)`.as(
            'students',
          ),
          sql<number>`count(school.id) filter (where school.is_small)`.as('small_schools'),
          sql<number>`count(school.id) filter (where school.locality = 'rural')`.as('rural_schools'),
        ])
        .groupBy('municipality.id')
        .orderBy(sql`lower(municipality.name)`);
      if (scope.kind === 'municipality') q = q.where('municipality.id', '=', scope.municipalityId);
      if (scope.kind === 'schools') {
        q = scope.schoolIds.length
          ? q.where(
              'municipality.id',
              'in',
              db.selectFrom('school as s').select('s.municipality_id').where('s.id', 'in', scope.schoolIds),
            )
          : q.where(sql<boolean>`false`);
      }
      const rows = await q.execute();
      return rows.map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        kind: r.kind,
        schools: Number(r.schools),
        students: Number(r.students),
        smallSchools: Number(r.small_schools),
        ruralSchools: Number(r.rural_schools),
      }));
    },
    all() {
      return db.selectFrom('municipality').select(['id', 'code', 'name']).orderBy('name').execute();
    },
    get(id: number) {
      return db.selectFrom('municipality').selectAll().where('id', '=', id).executeTakeFirst();
    },
    region() {
      return db.selectFrom('region').selectAll().orderBy('id').executeTakeFirst();
    },
  };
}

export function indicatorsRepository(db: Db) {
  return {
    list() {
      return db.selectFrom('context_indicator').selectAll().orderBy('sort_order').orderBy('code').execute();
    },
    insert(tx: Db, row: Insertable<ContextIndicatorTable>) {
      return tx.insertInto('context_indicator').values(row).returningAll().executeTakeFirstOrThrow();
    },
  };
}
