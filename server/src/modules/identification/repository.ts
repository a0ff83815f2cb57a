import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { SchoolScope } from '../../platform/auth/principal.js';
import {
  PROCEDURES,
  type Category,
  type ContextRow,
  type DisplayCategory,
  type IdentificationParams,
  type Procedure,
  type ResultAggregate,
  type SchoolInfo,
} from './domain/index.js';
import './schema.js';

/**
 * SQL of the identification: the input of a run (schools, results of Y−1 and Y, context of the
 * school year that ends in Y), parameter sets, runs, proposals and the per-school rows.
 */

/** A result row that cannot be judged: its procedure and subject have no minimum threshold. */
export interface UnjudgedRow {
  schoolId: number;
  procedure: Procedure;
  subject: string;
  grade: number | null;
  year: number;
}

export interface LoadedInput {
  schools: SchoolInfo[];
  results: ResultAggregate[];
  context: ContextRow[];
  unjudged: UnjudgedRow[];
}

/** The builtin context columns of `school_context`, named as the indicator codes. */
export const CONTEXT_COLUMNS = [
  'low_income',
  'single_parent',
  'parents_higher_ed',
  'ovz',
  'disabled',
  'registered',
  'non_russian',
] as const;

/**
 * The one mapping between the results module's codes and the domain's: procedure codes are shared
 * except CURRENT (current marks, not an assessment the rule looks at); subject codes are shared
 * (math_base/math_profile are grouped by the parameters); grade 0 (not given) → null.
 */
export function toDomainProcedure(code: string): Procedure | null {
  return (PROCEDURES as readonly string[]).includes(code) ? (code as Procedure) : null;
}
export const toDomainGrade = (grade: number): number | null => (grade > 0 ? grade : null);

/** Subject codes whose group is one of the chosen subjects. */
export function relevantSubjectCodes(
  params: Pick<IdentificationParams, 'subjects' | 'subjectGroups'>,
): string[] {
  const out = new Set<string>();
  for (const s of params.subjects) if (!(s in params.subjectGroups)) out.add(s);
  for (const [code, group] of Object.entries(params.subjectGroups))
    if (params.subjects.includes(group)) out.add(code);
  return [...out].sort();
}

/** The school year (autumn year) whose spring assessments are year Y. */
export const contextSchoolYear = (year: number) => year - 1;

export function scopeSql(scope: SchoolScope, alias = 'rs') {
  const s = sql.ref(`${alias}.school_id`);
  const m = sql.ref(`${alias}.municipality_id`);
  switch (scope.kind) {
    case 'all':
      return sql<boolean>`true`;
    case 'municipality':
      return sql<boolean>`${m} = ${scope.municipalityId}`;
    case 'schools':
      return scope.schoolIds.length
        ? sql<boolean>`${s} = any(${scope.schoolIds}::int[])`
        : sql<boolean>`false`;
  }
}

export interface RunSchoolInsert {
  schoolId: number;
  municipalityId: number;
  display: DisplayCategory;
  categories: Category[];
  inList: boolean;
  ruleStatus: string;
  participants: number;
  share: number | null;
  shrunken: number | null;
  expected: number | null;
  residualZ: number | null;
  contextIndex: number | null;
  figures: string;
  explanation: string;
}

export interface RunSchoolFilter {
  municipalityId?: number | undefined;
  category?: string | undefined;
  search?: string | undefined;
  inList?: boolean | undefined;
}

export function identificationRepository(db: Db) {
  return {
    async loadInput(
      year: number,
      params: Pick<IdentificationParams, 'procedures' | 'subjects' | 'subjectGroups'>,
    ): Promise<LoadedInput> {
      const subjects = relevantSubjectCodes(params);
      const procedures = params.procedures.filter((p) => toDomainProcedure(p));
      const [schools, results, context] = await Promise.all([
        sql<{ id: number; m: number; s: boolean; l: 'urban' | 'rural' }>`
          select id, municipality_id as m, is_small as s, locality as l from school where active order by id`.execute(
          db,
        ),
        // One JSON text of tuples instead of a million row objects: PostgreSQL builds it, JSON.parse reads it.
        sql<{ j: string }>`
          select coalesce(json_agg(json_build_array(a.school_id, a.procedure, a.subject, a.grade, a.year,
            a.participants, a.below_min, a.mean_score, a.mark2, a.mark3, a.mark4, a.mark5)), '[]')::text as j
          from result_aggregate a join school on school.id = a.school_id and school.active
          where a.superseded_by is null and a.year in (${year - 1}, ${year})
            and a.procedure = any(${procedures}::text[]) and a.subject = any(${subjects}::text[])`.execute(
          db,
        ),
        sql<
          Record<(typeof CONTEXT_COLUMNS)[number], number | null> & {
            s: number;
            extra: Record<string, unknown>;
          }
        >`
          select c.school_id as s, ${sql.join(CONTEXT_COLUMNS.map((c) => sql.ref(`c.${c}`)))}, c.extra
          from school_context c join school on school.id = c.school_id and school.active
          where c.school_year = ${contextSchoolYear(year)}`.execute(db),
      ]);
      const out: LoadedInput = {
        schools: schools.rows.map((r) => ({ id: r.id, municipalityId: r.m, isSmall: r.s, locality: r.l })),
        results: [],
        context: [],
        unjudged: [],
      };
      type Tuple = [
        number,
        string,
        string,
        number,
        number,
        number,
        number | null,
        number | null,
        ...Array<number | null>,
      ];
      for (const [schoolId, p, subject, g, y, n, b, ms, m2, m3, m4, m5] of JSON.parse(
        results.rows[0]!.j,
      ) as Tuple[]) {
        const procedure = toDomainProcedure(p)!;
        const grade = toDomainGrade(g);
        if (b === null) {
          out.unjudged.push({ schoolId, procedure, subject, grade, year: y });
          continue;
        }
        const row: ResultAggregate = {
          schoolId,
          procedure,
          subject,
          grade,
          year: y,
          participants: n,
          belowMin: b,
          meanScore: ms,
        };
        if (m2 != null && m3 != null && m4 != null && m5 != null) row.marks = { 2: m2, 3: m3, 4: m4, 5: m5 };
        out.results.push(row);
      }
      for (const r of context.rows) {
        const values: Record<string, number | null> = {};
        for (const c of CONTEXT_COLUMNS) values[c] = r[c];
        for (const [k, v] of Object.entries(r.extra ?? {})) {
          const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
          values[k] = Number.isFinite(n) ? n : null;
        }
        out.context.push({ schoolId: r.s, year, values });
      }
      return out;
    },

    // ---- parameter sets
    listParamSets: () => db.selectFrom('identification_param_set').selectAll().orderBy('id').execute(),
    getParamSet: (id: number) =>
      db.selectFrom('identification_param_set').selectAll().where('id', '=', id).executeTakeFirst(),
    insertParamSet: (
      tx: Db,
      v: { name: string; params: string; is_default: boolean; created_by: number | null },
    ) => tx.insertInto('identification_param_set').values(v).returningAll().executeTakeFirstOrThrow(),
    updateParamSet: (tx: Db, id: number, v: { name?: string; params?: string; is_default?: boolean }) =>
      tx
        .updateTable('identification_param_set')
        .set({ ...v, updated_at: new Date(), version: sql`version + 1` })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(),
    clearDefault: (tx: Db) =>
      tx
        .updateTable('identification_param_set')
        .set({ is_default: false })
        .where('is_default', '=', true)
        .execute(),
    deleteParamSet: (tx: Db, id: number) =>
      tx.deleteFrom('identification_param_set').where('id', '=', id).execute(),

    // ---- runs
    insertRun: (
      tx: Db,
      v: {
        year: number;
        param_set_id: number | null;
        params: string;
        fingerprint: string;
        summary: string;
        fit: string;
        school_count: number;
        created_by: number | null;
      },
    ) => tx.insertInto('identification_run').values(v).returningAll().executeTakeFirstOrThrow(),

    /**
     * Rows in chunks, each sent as one JSON document and expanded by jsonb_to_recordset: one
     * parameter per chunk instead of escaping every text of an array literal.
     */
    async insertRunSchools(tx: Db, runId: number, rows: RunSchoolInsert[]) {
      for (let i = 0; i < rows.length; i += 5000) {
        const part = rows.slice(i, i + 5000);
        const doc = `[${part
          .map(
            (r) =>
              `{"s":${r.schoolId},"m":${r.municipalityId},"d":${JSON.stringify(r.display)},"c":${JSON.stringify(r.categories)},` +
              `"l":${r.inList},"r":${JSON.stringify(r.ruleStatus)},"n":${r.participants},"sh":${JSON.stringify(r.share)},` +
              `"sk":${JSON.stringify(r.shrunken)},"e":${JSON.stringify(r.expected)},"z":${JSON.stringify(r.residualZ)},` +
              `"x":${JSON.stringify(r.contextIndex)},"f":${r.figures},"t":${r.explanation}}`,
          )
          .join(',')}]`;
        await sql`
          insert into identification_run_school (run_id, school_id, municipality_id, display, categories, in_list,
            rule_status, participants, share, shrunken, expected, residual_z, context_index, figures, explanation)
          select ${runId}::int, u.s, u.m, u.d, array(select jsonb_array_elements_text(u.c)), u.l, u.r, u.n, u.sh, u.sk,
            u.e, u.z, u.x, u.f, u.t
          from jsonb_to_recordset(${doc}::jsonb) as u(s int, m int, d text, c jsonb, l boolean, r text, n int,
            sh float8, sk float8, e float8, z float8, x float8, f jsonb, t jsonb)`.execute(tx);
      }
    },

    listRuns: () =>
      db
        .selectFrom('identification_run as r')
        .leftJoin('identification_param_set as p', 'p.id', 'r.param_set_id')
        .leftJoin('app_user as u', 'u.id', 'r.created_by')
        .select([
          'r.id',
          'r.year',
          'r.param_set_id',
          'p.name as param_set_name',
          'r.status',
          'r.fingerprint',
          'r.school_count',
          'r.created_at',
          'u.full_name as created_by_name',
          'r.list_status',
          'r.order_number',
          'r.order_date',
          'r.approved_at',
        ])
        .orderBy('r.id', 'desc')
        .execute(),

    getRun: (id: number, executor: Db = db) =>
      executor.selectFrom('identification_run').selectAll().where('id', '=', id).executeTakeFirst(),

    lockRun: (tx: Db, id: number) =>
      tx.selectFrom('identification_run').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),

    /** The latest approved run of a year, if any. */
    approvedRunOf: (year: number) =>
      db
        .selectFrom('identification_run')
        .selectAll()
        .where('year', '=', year)
        .where('list_status', '=', 'approved')
        .orderBy('approved_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst(),

    setListStatus: (
      tx: Db,
      id: number,
      v: {
        list_status: 'proposed' | 'approved';
        order_number?: string;
        order_date?: string;
        approved_by?: number | null;
        approved_at?: Date;
      },
    ) => tx.updateTable('identification_run').set(v).where('id', '=', id).execute(),

    deleteRun: (tx: Db, id: number) => tx.deleteFrom('identification_run').where('id', '=', id).execute(),

    upsertProposal: (
      tx: Db,
      v: { run_id: number; municipality_id: number; proposed_by: number | null; note: string | null },
    ) =>
      tx
        .insertInto('identification_proposal')
        .values(v)
        .onConflict((oc) =>
          oc.columns(['run_id', 'municipality_id']).doUpdateSet({
            proposed_by: v.proposed_by,
            note: v.note,
            proposed_at: new Date(),
          }),
        )
        .execute(),

    proposals: (runId: number) =>
      db
        .selectFrom('identification_proposal as p')
        .innerJoin('municipality as m', 'm.id', 'p.municipality_id')
        .leftJoin('app_user as u', 'u.id', 'p.proposed_by')
        .select([
          'p.municipality_id',
          'm.name as municipality_name',
          'u.full_name as proposed_by_name',
          'p.proposed_at',
          'p.note',
        ])
        .where('p.run_id', '=', runId)
        .orderBy('m.name')
        .execute(),

    /** Counts per municipality and display category of the schools in scope. */
    async counts(runId: number, scope: SchoolScope) {
      const r = await sql<{
        municipality_id: number;
        name: string;
        display: DisplayCategory;
        n: number;
        in_list: number;
      }>`
        select rs.municipality_id, m.name, rs.display, count(*)::int as n, count(*) filter (where rs.in_list)::int as in_list
        from identification_run_school rs join municipality m on m.id = rs.municipality_id
        where rs.run_id = ${runId} and ${scopeSql(scope)}
        group by rs.municipality_id, m.name, rs.display
        order by m.name, rs.display`.execute(db);
      return r.rows;
    },

    /** Counts per category (a school may have several) of the schools in scope. */
    async categoryCounts(runId: number, scope: SchoolScope) {
      const r = await sql<{ category: string; n: number }>`
        select c as category, count(*)::int as n
        from identification_run_school rs, unnest(rs.categories) as c
        where rs.run_id = ${runId} and ${scopeSql(scope)}
        group by c`.execute(db);
      return r.rows;
    },

    async listSchools(runId: number, scope: SchoolScope, f: RunSchoolFilter, page: number, pageSize: number) {
      const like = f.search
        ? `%${f.search
            .trim()
            .toLowerCase()
            .replace(/[\\%_]/g, (c) => `\\${c}`)}%`
        : null;
      const r = await sql<{
        school_id: number;
        code: string;
        short_name: string;
        municipality_id: number;
        municipality_name: string;
        display: DisplayCategory;
        categories: Category[];
        in_list: boolean;
        rule_status: string;
        participants: number;
        share: number | null;
        residual_z: number | null;
        context_index: number | null;
        explanation: string[];
        total: number;
      }>`
        select rs.school_id, s.code, s.short_name, rs.municipality_id, m.name as municipality_name, rs.display,
          rs.categories, rs.in_list, rs.rule_status, rs.participants, rs.share, rs.residual_z, rs.context_index,
          rs.explanation, count(*) over ()::int as total
        from identification_run_school rs
          join school s on s.id = rs.school_id
          join municipality m on m.id = rs.municipality_id
        where rs.run_id = ${runId} and ${scopeSql(scope)}
          ${f.municipalityId ? sql`and rs.municipality_id = ${f.municipalityId}` : sql``}
          ${f.category ? sql`and (rs.display = ${f.category} or ${f.category} = any(rs.categories))` : sql``}
          ${f.inList ? sql`and rs.in_list` : sql``}
          ${like ? sql`and (lower(s.short_name) like ${like} or lower(s.full_name) like ${like} or lower(s.code) like ${like})` : sql``}
        order by m.name, s.short_name, rs.school_id
        limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
      return { total: r.rows[0]?.total ?? 0, rows: r.rows };
    },

    /** The schools of the list (in_list) in scope, for the documents. */
    async listMembers(runId: number, scope: SchoolScope) {
      const r = await sql<{
        school_id: number;
        code: string;
        full_name: string;
        short_name: string;
        municipality_name: string;
        display: DisplayCategory;
        explanation: string[];
      }>`
        select rs.school_id, s.code, s.full_name, s.short_name, m.name as municipality_name, rs.display, rs.explanation
        from identification_run_school rs
          join school s on s.id = rs.school_id
          join municipality m on m.id = rs.municipality_id
        where rs.run_id = ${runId} and rs.in_list and ${scopeSql(scope)}
        order by m.name, s.short_name, rs.school_id`.execute(db);
      return r.rows;
    },

    getRunSchool: (runId: number, schoolId: number) =>
      db
        .selectFrom('identification_run_school as rs')
        .innerJoin('school as s', 's.id', 'rs.school_id')
        .innerJoin('municipality as m', 'm.id', 'rs.municipality_id')
        .selectAll('rs')
        .select(['s.code', 's.short_name', 'm.name as municipality_name'])
        .where('rs.run_id', '=', runId)
        .where('rs.school_id', '=', schoolId)
        .executeTakeFirst(),

    /** Categories of every school of a run (for what-if and differences), all schools. */
    async runCategories(runId: number) {
      const r = await sql<{ school_id: number; categories: Category[] }>`
        select school_id, categories from identification_run_school where run_id = ${runId}`.execute(db);
      return r.rows;
    },

    async scatter(runId: number, scope: SchoolScope) {
      const r = await sql<{
        school_id: number;
        short_name: string;
        municipality_id: number;
        display: DisplayCategory;
        participants: number;
        context_index: number | null;
        share: number | null;
        shrunken: number | null;
        expected: number | null;
        residual_z: number | null;
      }>`
        select rs.school_id, s.short_name, rs.municipality_id, rs.display, rs.participants, rs.context_index,
          rs.share, rs.shrunken, rs.expected, rs.residual_z
        from identification_run_school rs join school s on s.id = rs.school_id
        where rs.run_id = ${runId} and ${scopeSql(scope)}
        order by rs.school_id`.execute(db);
      return r.rows;
    },

    schoolNames: async (ids: number[]) => {
      if (!ids.length)
        return new Map<number, { shortName: string; municipalityId: number; municipalityName: string }>();
      const r = await sql<{ id: number; short_name: string; municipality_id: number; name: string }>`
        select s.id, s.short_name, s.municipality_id, m.name from school s join municipality m on m.id = s.municipality_id
        where s.id = any(${ids}::int[])`.execute(db);
      return new Map(
        r.rows.map((x) => [
          x.id,
          { shortName: x.short_name, municipalityId: x.municipality_id, municipalityName: x.name },
        ]),
      );
    },

    /** The school's rows across runs (newest first); `approvedOnly` for school-level users. */
    async history(schoolId: number, approvedOnly: boolean) {
      const r = await sql<{
        run_id: number;
        year: number;
        list_status: string;
        order_number: string | null;
        order_date: string | null;
        created_at: Date;
        display: DisplayCategory;
        categories: Category[];
        in_list: boolean;
        explanation: string[];
      }>`
        select r.id as run_id, r.year, r.list_status, r.order_number, r.order_date, r.created_at, rs.display,
          rs.categories, rs.in_list, rs.explanation
        from identification_run_school rs join identification_run r on r.id = rs.run_id
        where rs.school_id = ${schoolId} ${approvedOnly ? sql`and r.list_status = 'approved'` : sql``}
        order by r.year desc, r.id desc`.execute(db);
      return r.rows;
    },

    schoolRef: (id: number) =>
      db.selectFrom('school').select(['id', 'municipality_id']).where('id', '=', id).executeTakeFirst(),
  };
}

export type IdentificationRepository = ReturnType<typeof identificationRepository>;

/** The generator's hidden truth of the demo schools (never shown in the UI; for scoring only). */
export async function groundTruth(db: Db) {
  const r = await sql<{ school_id: number; latent_quality: number }>`
    select school_id, latent_quality from school_ground_truth`.execute(db);
  return r.rows.map((x) => ({ schoolId: x.school_id, latentQuality: x.latent_quality }));
}
