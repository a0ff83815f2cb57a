import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { ActivityItem, ApprovedList, NoData, ResultRow, SchoolRow, StudentRow } from './domain/types.js';
import type { IndicatorDefinitionTable } from './schema.js';
import type { ProgrammeIndicatorTable } from '../programmes/schema.js';
import type { ResultScope } from './domain/calculations.js';
import { FIELD_CATALOGUE } from './domain/calc-fields.js';
import { CONTEXT_COLUMNS, contextSchoolYear } from '../identification/repository.js';

/**
 * SQL of target indicators: the catalogue, programme indicators, stored values with their parts,
 * and the loaders that give calculations their data (schools, results, student records, approved
 * lists, roadmap items). Big reads come back as one JSON text built by PostgreSQL (one string
 * instead of a million row objects).
 */

/** Registry columns a calculation may read: the school fields of the domain's field catalogue. */
const SCHOOL_FIELDS = FIELD_CATALOGUE.filter((f) => f.source === 'school').map((f) => f.field);

export interface PartRow {
  scope: 'municipality' | 'school' | 'unattached';
  scopeId: number;
  municipalityId: number | null;
  numerator: number;
  denominator: number;
  value: number | null;
  noData: NoData | null;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function indicatorsRepository(db: Db) {
  async function resultsSlice(ids: number[], years: number[], scopes: ResultScope[]): Promise<ResultRow[]> {
    const r = await sql<{ j: string }>`
      select coalesce(json_agg(json_build_array(a.school_id, a.procedure, a.subject, a.grade, a.year,
        a.participants, a.below_min, a.mark2, a.mark3, a.mark4, a.mark5, a.mean_score, a.high_80_99, a.high_100)
        order by a.school_id, a.procedure, a.subject, a.grade, a.year), '[]')::text as j
      from result_aggregate a
      where a.superseded_by is null and a.year = any(${years}::int[]) and a.school_id = any(${ids}::int[])
        and (${scopeCondition('a', scopes)})`.execute(db);
    return (JSON.parse(r.rows[0]!.j) as unknown[][]).map((t) => ({
      schoolId: t[0] as number,
      procedure: t[1] as string,
      subject: t[2] as string,
      grade: t[3] as number,
      year: t[4] as number,
      participants: t[5] as number,
      belowMin: num(t[6]),
      mark2: num(t[7]),
      mark3: num(t[8]),
      mark4: num(t[9]),
      mark5: num(t[10]),
      meanScore: num(t[11]),
      high80to99: num(t[12]),
      high100: num(t[13]),
    }));
  }

  return {
    // ------------------------------------------------------------------------------ catalogue
    definitions: () =>
      db.selectFrom('indicator_definition').selectAll().orderBy('sort_order').orderBy('code').execute(),
    definition: (code: string) =>
      db.selectFrom('indicator_definition').selectAll().where('code', '=', code).executeTakeFirst(),
    /** Insert the built-in definitions that are missing and refresh the unedited ones (version 1). */
    async upsertBuiltins(rows: Insertable<IndicatorDefinitionTable>[]) {
      if (!rows.length) return;
      await db
        .insertInto('indicator_definition')
        .values(rows)
        .onConflict((oc) =>
          oc
            .column('code')
            .doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              description: eb.ref('excluded.description'),
              unit: eb.ref('excluded.unit'),
              direction: eb.ref('excluded.direction'),
              level: eb.ref('excluded.level'),
              method: eb.ref('excluded.method'),
              calculation: eb.ref('excluded.calculation'),
              params: eb.ref('excluded.params'),
              numerator_label: eb.ref('excluded.numerator_label'),
              denominator_label: eb.ref('excluded.denominator_label'),
              data_note: eb.ref('excluded.data_note'),
              sort_order: eb.ref('excluded.sort_order'),
            }))
            .where('indicator_definition.builtin', '=', true)
            .where('indicator_definition.version', '=', 1),
        )
        .execute();
    },
    insertDefinition: (tx: Db, row: Insertable<IndicatorDefinitionTable>) =>
      tx.insertInto('indicator_definition').values(row).returningAll().executeTakeFirstOrThrow(),
    updateDefinition: (
      tx: Db,
      code: string,
      version: number,
      patch: Partial<Insertable<IndicatorDefinitionTable>>,
    ) =>
      tx
        .updateTable('indicator_definition')
        .set({ ...patch, version: sql`version + 1`, updated_at: new Date() })
        .where('code', '=', code)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst(),
    insertIndicator: (tx: Db, row: Insertable<ProgrammeIndicatorTable>) =>
      tx.insertInto('programme_indicator').values(row).returning('id').executeTakeFirstOrThrow(),
    /** A change of the indicator only from the version the user saw (undefined otherwise). */
    updateIndicator: (tx: Db, id: number, version: number, patch: Updateable<ProgrammeIndicatorTable>) =>
      tx
        .updateTable('programme_indicator')
        .set({ ...patch, version: sql`version + 1`, updated_at: new Date() })
        .where('id', '=', id)
        .where('version', '=', version)
        .returning('id')
        .executeTakeFirst(),
    deleteIndicator: (tx: Db, id: number) =>
      tx.deleteFrom('programme_indicator').where('id', '=', id).execute(),
    deleteValues: (tx: Db, indicatorId: number) =>
      tx.deleteFrom('indicator_value').where('indicator_id', '=', indicatorId).execute(),
    setEvidence: (tx: Db, valueId: number, fileId: number) =>
      tx
        .updateTable('indicator_value')
        .set({ evidence_file_id: fileId, version: sql`version + 1` })
        .where('id', '=', valueId)
        .execute(),
    school: (id: number) =>
      db
        .selectFrom('school')
        .select(['id', 'municipality_id', 'short_name'])
        .where('id', '=', id)
        .executeTakeFirst(),
    deleteDefinition: (tx: Db, code: string) =>
      tx.deleteFrom('indicator_definition').where('code', '=', code).executeTakeFirst(),
    /** How many programme indicators use each catalogue code. */
    async definitionUseCounts(): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('programme_indicator')
        .select((eb) => ['code', eb.fn.countAll().as('n')])
        .where('code', 'is not', null)
        .groupBy('code')
        .execute();
      return new Map(rows.map((r) => [r.code!, Number(r.n)]));
    },
    definitionUses: async (code: string) =>
      Number(
        (
          await db
            .selectFrom('programme_indicator')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('code', '=', code)
            .executeTakeFirstOrThrow()
        ).n,
      ),

    // ------------------------------------------------------------------------------ programme indicators
    indicators: (programmeId: number) =>
      db
        .selectFrom('programme_indicator')
        .selectAll()
        .where('programme_id', '=', programmeId)
        .orderBy('sort_order')
        .orderBy('id')
        .execute(),
    indicator: (id: number) =>
      db.selectFrom('programme_indicator').selectAll().where('id', '=', id).executeTakeFirst(),
    /** Programmes with at least one computed indicator (for `rost indicators compute`). */
    programmesWithComputed: () =>
      db
        .selectFrom('programme_indicator')
        .select('programme_id')
        .distinct()
        .where('method', '=', 'computed')
        .orderBy('programme_id')
        .execute()
        .then((r) => r.map((x) => x.programme_id)),
    nextSortOrder: async (tx: Db, programmeId: number) =>
      Number(
        (
          await tx
            .selectFrom('programme_indicator')
            .select((eb) => eb.fn.coalesce(eb.fn.max('sort_order'), sql<number>`0`).as('m'))
            .where('programme_id', '=', programmeId)
            .executeTakeFirstOrThrow()
        ).m,
      ) + 10,

    // ------------------------------------------------------------------------------ values
    values: (indicatorIds: number[]) =>
      indicatorIds.length
        ? db
            .selectFrom('indicator_value as v')
            .leftJoin('app_user as u', 'u.id', 'v.computed_by')
            .leftJoin('stored_file as f', 'f.id', 'v.evidence_file_id')
            .selectAll('v')
            .select(['u.full_name as computed_by_name', 'f.name as evidence_name'])
            .where('v.indicator_id', 'in', indicatorIds)
            .orderBy('v.year')
            .execute()
        : Promise.resolve([]),
    value: (indicatorId: number, year: number, tx: Db = db) =>
      tx
        .selectFrom('indicator_value')
        .selectAll()
        .where('indicator_id', '=', indicatorId)
        .where('year', '=', year)
        .executeTakeFirst(),
    /** Write a value and replace its parts, in the caller's transaction. Returns the value id. */
    async saveValue(
      tx: Db,
      v: {
        indicatorId: number;
        year: number;
        method: 'manual' | 'computed';
        value: number | null;
        numerator: number | null;
        denominator: number | null;
        counted: number;
        missing: number;
        noData: NoData | null;
        source: string | null;
        comment: string | null;
        evidenceFileId: number | null;
        fingerprint: string | null;
        userId: number | null;
      },
      parts: PartRow[],
    ): Promise<number> {
      const row = {
        method: v.method,
        value: v.value,
        numerator: v.numerator,
        denominator: v.denominator,
        counted: v.counted,
        missing: v.missing,
        no_data: v.noData === null ? null : JSON.stringify(v.noData),
        source: v.source,
        comment: v.comment,
        evidence_file_id: v.evidenceFileId,
        fingerprint: v.fingerprint,
        computed_at: new Date(),
        computed_by: v.userId,
      };
      const saved = await tx
        .insertInto('indicator_value')
        .values({ indicator_id: v.indicatorId, year: v.year, ...row } as never)
        .onConflict((oc) =>
          oc
            .columns(['indicator_id', 'year'])
            .doUpdateSet({ ...row, version: sql`indicator_value.version + 1` } as never),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.deleteFrom('indicator_value_part').where('value_id', '=', saved.id).execute();
      await insertParts(tx, saved.id, parts);
      return saved.id;
    },
    deleteValue: (tx: Db, indicatorId: number, year: number) =>
      tx
        .deleteFrom('indicator_value')
        .where('indicator_id', '=', indicatorId)
        .where('year', '=', year)
        .returningAll()
        .executeTakeFirst(),

    /** Municipal parts of a value, with names. */
    municipalityParts: (valueId: number) =>
      db
        .selectFrom('indicator_value_part as p')
        .leftJoin('municipality as m', 'm.id', 'p.scope_id')
        .select([
          'p.scope',
          'p.scope_id',
          'p.numerator',
          'p.denominator',
          'p.value',
          'p.no_data',
          'm.name as name',
        ])
        .where('p.value_id', '=', valueId)
        .where('p.scope', 'in', ['municipality', 'unattached'])
        .orderBy('m.name')
        .execute(),
    /** School parts of a value (optionally of one municipality, within a set of schools), paged. */
    async schoolParts(
      valueId: number,
      f: {
        municipalityId?: number;
        schoolIds?: number[] | null;
        noData?: boolean;
        limit: number;
        offset: number;
      },
    ) {
      let q = db
        .selectFrom('indicator_value_part as p')
        .innerJoin('school as s', 's.id', 'p.scope_id')
        .where('p.value_id', '=', valueId)
        .where('p.scope', '=', 'school');
      if (f.municipalityId !== undefined) q = q.where('p.municipality_id', '=', f.municipalityId);
      if (f.schoolIds) q = q.where('p.scope_id', '=', sql<number>`any(${f.schoolIds}::int[])`);
      if (f.noData !== undefined) q = q.where('p.no_data', f.noData ? 'is not' : 'is', null);
      const [rows, total] = await Promise.all([
        q
          .select([
            'p.scope_id as school_id',
            'p.municipality_id',
            's.short_name',
            's.code',
            'p.numerator',
            'p.denominator',
            'p.value',
            'p.no_data',
          ])
          .orderBy('s.short_name')
          .orderBy('s.id')
          .limit(f.limit)
          .offset(f.offset)
          .execute(),
        q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },
    part: (valueId: number, scope: 'school' | 'unattached', scopeId: number) =>
      db
        .selectFrom('indicator_value_part')
        .selectAll()
        .where('value_id', '=', valueId)
        .where('scope', '=', scope)
        .where('scope_id', '=', scopeId)
        .executeTakeFirst(),

    // ------------------------------------------------------------------------------ data of calculations
    /** The schools a programme's indicators are computed over: its target schools, else its own school. */
    async programmeSchoolIds(programmeId: number): Promise<number[]> {
      const r = await sql<{ id: number }>`
        select t.school_id as id from programme_target_school t where t.programme_id = ${programmeId}
        union
        select p.school_id from programme p
          where p.id = ${programmeId} and p.school_id is not null
            and not exists (select 1 from programme_target_school t where t.programme_id = p.id)
        order by 1`.execute(db);
      return r.rows.map((x) => x.id);
    },

    async schools(ids: number[], year: number, withContext: boolean): Promise<SchoolRow[]> {
      if (!ids.length) return [];
      const cols = sql.join(SCHOOL_FIELDS.map((c) => sql.ref(`s.${c}`)));
      const r = await sql<{ j: string }>`
        select coalesce(json_agg(json_build_array(s.id, s.municipality_id, s.code, s.short_name, ${cols})
          order by s.id), '[]')::text as j
        from school s where s.id = any(${ids}::int[])`.execute(db);
      const ctx = new Map<number, Record<string, number | null>>();
      if (withContext) {
        const c = await sql<{ j: string }>`
          select coalesce(json_agg(json_build_array(c.school_id, ${sql.join(
            CONTEXT_COLUMNS.map((k) => sql.ref(`c.${k}`)),
          )}, c.extra)), '[]')::text as j
          from school_context c
          where c.school_year = ${contextSchoolYear(year)} and c.school_id = any(${ids}::int[])`.execute(db);
        for (const t of JSON.parse(c.rows[0]!.j) as unknown[][]) {
          const values: Record<string, number | null> = {};
          CONTEXT_COLUMNS.forEach((k, i) => (values[k] = num(t[i + 1])));
          for (const [k, v] of Object.entries(
            (t[CONTEXT_COLUMNS.length + 1] as Record<string, unknown>) ?? {},
          )) {
            const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
            values[k] = Number.isFinite(n) ? n : null;
          }
          ctx.set(t[0] as number, values);
        }
      }
      return (JSON.parse(r.rows[0]!.j) as unknown[][]).map((t) => {
        const fields: SchoolRow['fields'] = {};
        SCHOOL_FIELDS.forEach((f, i) => {
          const v = t[i + 4];
          fields[f] = typeof v === 'string' && f !== 'locality' ? Number(v) : (v as never);
        });
        return {
          id: t[0] as number,
          municipalityId: t[1] as number,
          code: t[2] as string,
          name: t[3] as string,
          fields,
          context: withContext ? (ctx.get(t[0] as number) ?? null) : null,
        };
      });
    },

    /**
     * Current aggregates of the schools and years, limited to the procedures and subjects in `scopes`.
     * A large set of schools is read in four parallel slices (PostgreSQL builds each JSON on its own core).
     */
    async results(ids: number[], years: number[], scopes: ResultScope[]): Promise<ResultRow[]> {
      if (!ids.length || !years.length || !scopes.length) return [];
      const slices = ids.length > 5000 ? 4 : 1;
      const size = Math.ceil(ids.length / slices);
      const parts = await Promise.all(
        Array.from({ length: slices }, (_, k) =>
          resultsSlice(ids.slice(k * size, (k + 1) * size), years, scopes),
        ),
      );
      return parts.flat();
    },

    /** Current student records (those of the import that holds the current aggregate of their group). */
    async students(ids: number[], years: number[], scopes: ResultScope[]): Promise<StudentRow[]> {
      if (!ids.length || !years.length || !scopes.length) return [];
      const r = await sql<{ j: string }>`
        select coalesce(json_agg(json_build_array(s.school_id, s.procedure, s.subject, s.grade, s.year,
          s.mark, s.journal_mark)), '[]')::text as j
        from result_student s
        join result_aggregate a on a.import_id = s.import_id and a.school_id = s.school_id
          and a.procedure = s.procedure and a.subject = s.subject and a.grade = s.grade and a.year = s.year
          and a.superseded_by is null
        where s.year = any(${years}::int[]) and s.school_id = any(${ids}::int[])
          and (${scopeCondition('s', scopes)})`.execute(db);
      return (JSON.parse(r.rows[0]!.j) as unknown[][]).map((t) => ({
        schoolId: t[0] as number,
        procedure: t[1] as string,
        subject: t[2] as string,
        grade: t[3] as number,
        year: t[4] as number,
        mark: num(t[5]),
        journalMark: num(t[6]),
      }));
    },

    /** The latest approved identification list of each year. */
    async approvedLists(years: number[]): Promise<ApprovedList[]> {
      const out: ApprovedList[] = [];
      for (const year of years) {
        const run = await db
          .selectFrom('identification_run')
          .select(['id', 'order_number', 'order_date'])
          .where('year', '=', year)
          .where('list_status', '=', 'approved')
          .orderBy('approved_at', 'desc')
          .orderBy('id', 'desc')
          .executeTakeFirst();
        if (!run) continue;
        const schools = await db
          .selectFrom('identification_run_school')
          .select('school_id')
          .where('run_id', '=', run.id)
          .where('in_list', '=', true)
          .orderBy('school_id')
          .execute();
        out.push({
          year,
          runId: run.id,
          // rendered in the reader's language with the basis label («приказ № 12 от 2024-05-20»)
          order: run.order_number
            ? run.order_date
              ? { key: 'indicators.basis.order', params: { number: run.order_number, date: run.order_date } }
              : { key: 'indicators.basis.orderNumber', params: { number: run.order_number } }
            : null,
          schoolIds: schools.map((s) => s.school_id),
        });
      }
      return out;
    },

    /**
     * Work items of a programme and its child programmes: single-deadline activities, and each period
     * of a recurring one. The school is the school programme's school, else the activity's only school.
     */
    async activities(programmeId: number): Promise<ActivityItem[]> {
      const r = await sql<{
        activity_id: number;
        occurrence_id: number | null;
        programme_id: number;
        school_id: number | null;
        municipality_id: number | null;
        label: string;
        status: ActivityItem['status'];
        due_to: string | null;
        completed_at: Date | null;
      }>`
        with recursive tree as (
          select id from programme where id = ${programmeId}
          union all select p.id from programme p join tree t on p.parent_id = t.id
        ), acts as (
          select a.*, coalesce(g.school_id, (select min(x.school_id) from activity_school x where x.activity_id = a.id
              having count(*) = 1)) as item_school
          from activity a join programme g on g.id = a.programme_id
          where a.programme_id in (select id from tree)
        )
        select a.id as activity_id, null::int as occurrence_id, a.programme_id, a.item_school as school_id,
          sc.municipality_id, trim(coalesce(a.number, '') || ' ' || a.text) as label, a.status, a.due_to,
          a.completed_at
        from acts a left join school sc on sc.id = a.item_school
        where not a.recurring
        union all
        select a.id, o.id, a.programme_id, a.item_school, sc.municipality_id,
          trim(coalesce(a.number, '') || ' ' || a.text || ' — ' || o.label), o.status, o.due_to, o.completed_at
        from acts a join activity_occurrence o on o.activity_id = a.id left join school sc on sc.id = a.item_school
        where a.recurring
        order by 1, 2 nulls first`.execute(db);
      return r.rows.map((x) => ({
        activityId: x.activity_id,
        occurrenceId: x.occurrence_id,
        programmeId: x.programme_id,
        schoolId: x.school_id,
        municipalityId: x.municipality_id,
        label: x.label,
        status: x.status,
        dueTo: x.due_to,
        completedOn: x.completed_at ? new Date(x.completed_at).toISOString().slice(0, 10) : null,
      }));
    },
  };
}

/** `(procedure = P and subject in (…)) or …` for the alias's rows. */
function scopeCondition(alias: string, scopes: ResultScope[]) {
  return sql.join(
    scopes.map((x) =>
      x.subjects === null
        ? sql`${sql.ref(`${alias}.procedure`)} = ${x.procedure}`
        : sql`(${sql.ref(`${alias}.procedure`)} = ${x.procedure} and ${sql.ref(`${alias}.subject`)} = any(${x.subjects}::text[]))`,
    ),
    sql` or `,
  );
}

/** Insert parts in chunks through unnest (one statement per 20,000 rows). */
async function insertParts(tx: Db, valueId: number, parts: PartRow[]) {
  const CHUNK = 20_000;
  for (let i = 0; i < parts.length; i += CHUNK) {
    const c = parts.slice(i, i + CHUNK);
    await sql`
      insert into indicator_value_part (value_id, scope, scope_id, municipality_id, numerator, denominator, value, no_data)
      select ${valueId}, x.scope, x.scope_id, x.municipality_id, x.numerator, x.denominator, x.value, x.no_data::jsonb
      from unnest(${c.map((p) => p.scope)}::text[], ${c.map((p) => p.scopeId)}::int[],
        ${c.map((p) => p.municipalityId)}::int[], ${c.map((p) => p.numerator)}::numeric[],
        ${c.map((p) => p.denominator)}::numeric[], ${c.map((p) => p.value)}::numeric[],
        ${c.map((p) => (p.noData ? JSON.stringify(p.noData) : null))}::text[])
        as x(scope, scope_id, municipality_id, numerator, denominator, value, no_data)`.execute(tx);
  }
}

export type IndicatorsRepository = ReturnType<typeof indicatorsRepository>;
