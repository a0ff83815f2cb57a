/**
 * SQL of the results module: reference data, imports and their staging, the commit and roll-back
 * of an import (set-based, in the caller's transaction), and the reads behind the screens.
 */
import { sql, type Insertable } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { SchoolScope } from '../../platform/auth/principal.js';
import { whereInScope } from '../org/repository.js';
import type { Catalog, Figures, GroupKey, Problem } from './domain/types.js';
import type { SchoolKeyInfo, StagedGroup, StagedStudent } from './domain/collector.js';
import type { ImportStatus, ResultImportTable } from './schema.js';
import './schema.js';

const CHUNK = 1000;
const COMMIT_LOCK = 7_340_003;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A PostgreSQL array literal of one field of the rows (NULL for null; text quoted and escaped). */
function arrayLiteral<T, K extends keyof T>(rows: T[], key: K, text: boolean): string {
  const parts: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i]![key] as unknown;
    if (v === null || v === undefined) parts[i] = 'NULL';
    else if (!text) parts[i] = String(v);
    else parts[i] = `"${String(v).replace(/[\\"]/g, '\\$&')}"`;
  }
  return `{${parts.join(',')}}`;
}

/** The figure columns of an aggregate row as the domain's Figures. */
export function figuresOf(r: {
  participants: number;
  below_min: number | null;
  mark2: number | null;
  mark3: number | null;
  mark4: number | null;
  mark5: number | null;
  mean_score: number | null;
  high_80_99: number | null;
  high_100: number | null;
}): Figures {
  return {
    participants: r.participants,
    belowMin: r.below_min,
    mark2: r.mark2,
    mark3: r.mark3,
    mark4: r.mark4,
    mark5: r.mark5,
    meanScore: r.mean_score,
    high80: r.high_80_99,
    high100: r.high_100,
  };
}

/** Sums over current aggregates (a municipality's or the region's value): counts added, means weighted. */
const totalsSelect = sql`
  count(*)::int as schools,
  sum(a.participants)::int as participants,
  coalesce(sum(a.below_min) filter (where a.below_min is not null), 0)::int as below_min,
  coalesce(sum(a.participants) filter (where a.below_min is not null), 0)::int as below_base,
  coalesce(sum(a.mark2) filter (where a.mark2 is not null and a.mark3 is not null and a.mark4 is not null and a.mark5 is not null), 0)::int as mark2,
  coalesce(sum(a.mark3) filter (where a.mark2 is not null and a.mark3 is not null and a.mark4 is not null and a.mark5 is not null), 0)::int as mark3,
  coalesce(sum(a.mark4) filter (where a.mark2 is not null and a.mark3 is not null and a.mark4 is not null and a.mark5 is not null), 0)::int as mark4,
  coalesce(sum(a.mark5) filter (where a.mark2 is not null and a.mark3 is not null and a.mark4 is not null and a.mark5 is not null), 0)::int as mark5,
  coalesce(sum(a.participants) filter (where a.mark2 is not null and a.mark3 is not null and a.mark4 is not null and a.mark5 is not null), 0)::int as marks_base,
  coalesce(sum(a.mean_score * a.participants) filter (where a.mean_score is not null), 0)::float8 as mean_weighted,
  coalesce(sum(a.participants) filter (where a.mean_score is not null), 0)::int as mean_base,
  coalesce(sum(a.high_80_99) filter (where a.high_80_99 is not null or a.high_100 is not null), 0)::int as high80,
  coalesce(sum(a.high_100) filter (where a.high_80_99 is not null or a.high_100 is not null), 0)::int as high100,
  coalesce(sum(a.participants) filter (where a.high_80_99 is not null or a.high_100 is not null), 0)::int as high_base`;

export interface TotalsRow {
  procedure: string;
  subject: string;
  grade: number;
  year: number;
  schools: number;
  participants: number;
  below_min: number;
  below_base: number;
  mark2: number;
  mark3: number;
  mark4: number;
  mark5: number;
  marks_base: number;
  mean_weighted: number;
  mean_base: number;
  high80: number;
  high100: number;
  high_base: number;
}

export const SUMMARY_SORT = {
  name: sql`lower(school.short_name)`,
  code: sql`school.code`,
  municipality: sql`lower(municipality.name)`,
  participants: sql`a.participants`,
  belowMinShare: sql`a.below_min::float8 / nullif(a.participants, 0)`,
  meanScore: sql`a.mean_score`,
  mark2Share: sql`a.mark2::float8 / nullif(a.participants, 0)`,
  mark5Share: sql`a.mark5::float8 / nullif(a.participants, 0)`,
  highShare: sql`(coalesce(a.high_80_99, 0) + coalesce(a.high_100, 0))::float8 / nullif(a.participants, 0)`,
} as const;
export type SummarySort = keyof typeof SUMMARY_SORT;

export interface Slice extends GroupKey {
  municipalityId?: number | undefined;
}

export function resultsRepository(db: Db) {
  return {
    // -------------------------------------------------------------------------------------------
    // reference data

    async catalog(): Promise<Catalog> {
      const [procedures, subjects, thresholds] = await Promise.all([
        db.selectFrom('assessment_procedure').selectAll().orderBy('sort_order').execute(),
        db.selectFrom('subject').selectAll().orderBy('sort_order').orderBy('code').execute(),
        db
          .selectFrom('result_threshold')
          .selectAll()
          .orderBy('procedure')
          .orderBy('subject')
          .orderBy('year')
          .execute(),
      ]);
      return {
        procedures: procedures.map((p) => ({
          code: p.code,
          name: p.name,
          shortName: p.short_name,
          scale: p.scale,
          defaultGrade: p.default_grade,
          synonyms: p.synonyms,
        })),
        subjects: subjects.map((s) => ({ code: s.code, name: s.name, synonyms: s.synonyms })),
        thresholds: thresholds.map((t) => ({
          procedure: t.procedure,
          subject: t.subject,
          year: t.year,
          kind: t.kind,
          minValue: Number(t.min_value),
        })),
      };
    },

    thresholds() {
      return db
        .selectFrom('result_threshold')
        .leftJoin('app_user', 'app_user.id', 'result_threshold.updated_by')
        .selectAll('result_threshold')
        .select('app_user.full_name as updated_by_name')
        .orderBy('procedure')
        .orderBy('subject')
        .orderBy('year')
        .execute();
    },

    threshold(tx: Db, procedure: string, subject: string, year: number) {
      return tx
        .selectFrom('result_threshold')
        .selectAll()
        .where('procedure', '=', procedure)
        .where('subject', '=', subject)
        .where('year', '=', year)
        .executeTakeFirst();
    },

    upsertThreshold(
      tx: Db,
      t: {
        procedure: string;
        subject: string;
        year: number;
        kind: 'score' | 'mark';
        minValue: number;
        note: string | null;
      },
      userId: number,
    ) {
      return tx
        .insertInto('result_threshold')
        .values({
          procedure: t.procedure,
          subject: t.subject,
          year: t.year,
          kind: t.kind,
          min_value: t.minValue,
          note: t.note,
          updated_by: userId,
        })
        .onConflict((oc) =>
          oc.columns(['procedure', 'subject', 'year']).doUpdateSet({
            kind: t.kind,
            min_value: t.minValue,
            note: t.note,
            updated_by: userId,
            updated_at: new Date(),
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    thresholdById(tx: Db, id: number) {
      return tx.selectFrom('result_threshold').selectAll().where('id', '=', id).executeTakeFirst();
    },

    deleteThreshold(tx: Db, id: number) {
      return tx.deleteFrom('result_threshold').where('id', '=', id).executeTakeFirst();
    },

    /**
     * Recount «below the minimum» of the current aggregates derived from student rows, for one
     * procedure (optionally one subject and year), with the thresholds as they are now in `tx`:
     * the most specific threshold row applies (subject before '*', a year before 0), as in
     * `indexCatalog`. A group without a threshold, or whose students lack the value the threshold
     * needs, gets null. Returns the number of aggregates whose value changed.
     */
    async recomputeBelowMin(tx: Db, f: { procedure: string; subject: string; year: number }) {
      const r = await sql`
        with target as (
          select a.id, a.import_id, a.school_id, a.procedure, a.subject, a.grade, a.year, a.below_min,
            (select t.kind from result_threshold t
              where t.procedure = a.procedure and t.subject in (a.subject, '*') and t.year in (a.year, 0)
              order by (t.subject = a.subject) desc, (t.year = a.year) desc limit 1) as kind,
            (select t.min_value from result_threshold t
              where t.procedure = a.procedure and t.subject in (a.subject, '*') and t.year in (a.year, 0)
              order by (t.subject = a.subject) desc, (t.year = a.year) desc limit 1) as min_value
          from result_aggregate a
          where a.superseded_by is null and a.from_students and a.procedure = ${f.procedure}
            ${f.subject !== '*' ? sql`and a.subject = ${f.subject}` : sql``}
            ${f.year !== 0 ? sql`and a.year = ${f.year}` : sql``}
        ), counted as (
          select g.id, case when g.kind is null then null else (
            select case when count(*) filter (where v is not null) = 0 then null
              else count(*) filter (where v < g.min_value) end
            from (
              select case when g.kind = 'mark' then s.mark::numeric else s.test_score end as v
              from result_student s
              where s.import_id = g.import_id and s.school_id = g.school_id and s.procedure = g.procedure
                and s.subject = g.subject and s.grade = g.grade and s.year = g.year
            ) x) end as below
          from target g
        )
        update result_aggregate a set below_min = c.below
        from counted c
        where a.id = c.id and a.below_min is distinct from c.below`.execute(tx);
      return Number(r.numAffectedRows ?? 0);
    },

    subjects() {
      return db.selectFrom('subject').selectAll().orderBy('sort_order').orderBy('code').execute();
    },

    subject(tx: Db, code: string) {
      return tx.selectFrom('subject').selectAll().where('code', '=', code).executeTakeFirst();
    },

    upsertSubject(tx: Db, s: { code: string; name: string; synonyms: string[] }) {
      return tx
        .insertInto('subject')
        .values({ code: s.code, name: s.name, synonyms: JSON.stringify(s.synonyms), builtin: false })
        .onConflict((oc) =>
          oc.column('code').doUpdateSet({ name: s.name, synonyms: JSON.stringify(s.synonyms) }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    procedures() {
      return db.selectFrom('assessment_procedure').selectAll().orderBy('sort_order').execute();
    },

    /** The registry as the matcher needs it (active schools, optionally one municipality). */
    async registry() {
      const [schools, municipalities] = await Promise.all([
        db
          .selectFrom('school')
          .select(['id', 'code', 'municipality_id', 'short_name', 'full_name'])
          .where('active', '=', true)
          .execute(),
        db.selectFrom('municipality').select(['id', 'code', 'name']).execute(),
      ]);
      return {
        schools: schools.map((s) => ({
          id: s.id,
          code: s.code,
          municipalityId: s.municipality_id,
          shortName: s.short_name,
          fullName: s.full_name,
        })),
        municipalities,
      };
    },

    async memory() {
      const rows = await db
        .selectFrom('result_school_match')
        .select(['norm_name', 'norm_municipality', 'school_id'])
        .execute();
      return rows.map((r) => ({
        normName: r.norm_name,
        normMunicipality: r.norm_municipality,
        schoolId: r.school_id,
      }));
    },

    remember(
      tx: Db,
      normName: string,
      normMunicipality: string,
      schoolId: number | null,
      userId: number | null,
    ) {
      return tx
        .insertInto('result_school_match')
        .values({
          norm_name: normName,
          norm_municipality: normMunicipality,
          school_id: schoolId,
          decided_by: userId,
        })
        .onConflict((oc) =>
          oc
            .columns(['norm_name', 'norm_municipality'])
            .doUpdateSet({ school_id: schoolId, decided_by: userId, decided_at: new Date() }),
        )
        .execute();
    },

    schoolRef(id: number) {
      return db
        .selectFrom('school')
        .select(['id', 'code', 'short_name', 'municipality_id'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    // -------------------------------------------------------------------------------------------
    // templates

    templates() {
      return db
        .selectFrom('result_template')
        .leftJoin('app_user', 'app_user.id', 'result_template.created_by')
        .selectAll('result_template')
        .select('app_user.full_name as created_by_name')
        .orderBy('result_template.name')
        .execute();
    },
    template(id: number) {
      return db.selectFrom('result_template').selectAll().where('id', '=', id).executeTakeFirst();
    },
    templateByName(name: string) {
      return db.selectFrom('result_template').select('id').where('name', '=', name).executeTakeFirst();
    },
    insertTemplate(tx: Db, t: { name: string; signature: string; mapping: unknown; createdBy: number }) {
      return tx
        .insertInto('result_template')
        .values({
          name: t.name,
          signature: t.signature,
          mapping: JSON.stringify(t.mapping),
          created_by: t.createdBy,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    renameTemplate(tx: Db, id: number, name: string) {
      return tx.updateTable('result_template').set({ name }).where('id', '=', id).executeTakeFirst();
    },

    deleteTemplate(tx: Db, id: number) {
      return tx.deleteFrom('result_template').where('id', '=', id).executeTakeFirst();
    },

    // -------------------------------------------------------------------------------------------
    // imports

    insertImport(tx: Db, row: Insertable<ResultImportTable>) {
      return tx.insertInto('result_import').values(row).returningAll().executeTakeFirstOrThrow();
    },

    getImport(id: number) {
      return db
        .selectFrom('result_import')
        .leftJoin('app_user as u', 'u.id', 'result_import.created_by')
        .leftJoin('app_user as c', 'c.id', 'result_import.committed_by')
        .leftJoin('app_user as r', 'r.id', 'result_import.rolled_back_by')
        .selectAll('result_import')
        .select([
          'u.full_name as created_by_name',
          'c.full_name as committed_by_name',
          'r.full_name as rolled_back_by_name',
        ])
        .where('result_import.id', '=', id)
        .executeTakeFirst();
    },

    lockImport(tx: Db, id: number) {
      return tx.selectFrom('result_import').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    updateImport(tx: Db, id: number, patch: Partial<Record<keyof ResultImportTable, unknown>>) {
      return tx
        .updateTable('result_import')
        .set(patch as never)
        .where('id', '=', id)
        .execute();
    },

    /** Import history: all for the region, one's own otherwise. */
    async listImports(f: { createdBy?: number | undefined; page: number; pageSize: number }) {
      let q = db.selectFrom('result_import');
      if (f.createdBy !== undefined) q = q.where('created_by', '=', f.createdBy);
      const [{ total }, rows] = await Promise.all([
        q.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
        q
          .leftJoin('app_user as u', 'u.id', 'result_import.created_by')
          .select([
            'result_import.id',
            'result_import.file_name',
            'result_import.file_size',
            'result_import.format',
            'result_import.kind',
            'result_import.status',
            'result_import.summary',
            'result_import.problem_count',
            'result_import.error_count',
            'result_import.created_at',
            'result_import.committed_at',
            'result_import.rolled_back_at',
            'result_import.created_by',
            'result_import.job_id',
            'u.full_name as created_by_name',
          ])
          .orderBy('result_import.id', 'desc')
          .limit(f.pageSize)
          .offset((f.page - 1) * f.pageSize)
          .execute(),
      ]);
      return { total: Number(total), rows };
    },

    /** A committed import of the same file that is still in force. */
    sameFile(fingerprint: string, exceptId: number) {
      return db
        .selectFrom('result_import')
        .leftJoin('app_user as u', 'u.id', 'result_import.created_by')
        .select(['result_import.id', 'result_import.committed_at', 'u.full_name as who'])
        .where('fingerprint', '=', fingerprint)
        .where('status', '=', 'committed')
        .where('result_import.id', '<>', exceptId)
        .orderBy('result_import.id', 'desc')
        .executeTakeFirst();
    },

    appendChunk(tx: Db, importId: number, seq: number, data: Buffer) {
      return tx
        .insertInto('result_upload_chunk')
        .values({ import_id: importId, seq, data: data.toString('base64') })
        .execute();
    },

    async chunk(importId: number, seq: number): Promise<Buffer | null> {
      const r = await db
        .selectFrom('result_upload_chunk')
        .select('data')
        .where('import_id', '=', importId)
        .where('seq', '=', seq)
        .executeTakeFirst();
      return r ? Buffer.from(r.data, 'base64') : null;
    },

    deleteChunks(tx: Db, importId: number) {
      return tx.deleteFrom('result_upload_chunk').where('import_id', '=', importId).execute();
    },

    /** Remove everything a parse staged (before a re-parse, on discard or failure). */
    async clearStaging(tx: Db, importId: number) {
      await tx.deleteFrom('result_student').where('import_id', '=', importId).execute();
      await tx.deleteFrom('result_import_group').where('import_id', '=', importId).execute();
      await tx.deleteFrom('result_import_coverage').where('import_id', '=', importId).execute();
      await tx.deleteFrom('result_import_school').where('import_id', '=', importId).execute();
    },

    /**
     * Staged student rows, one statement per chunk: column arrays passed as array literals and
     * unnested (13 parameters per chunk whatever its size; close to COPY speed on both storages).
     */
    async insertStudents(tx: Db, importId: number, rows: StagedStudent[]) {
      if (!rows.length) return;
      const num = <K extends keyof StagedStudent>(k: K) => arrayLiteral(rows, k, false);
      const txt = <K extends keyof StagedStudent>(k: K) => arrayLiteral(rows, k, true);
      await sql`
        insert into result_student (import_id, school_key, school_id, student_key, class_name, procedure, subject,
          grade, year, primary_score, test_score, mark, journal_mark)
        select ${importId}, * from unnest(
          ${num('schoolKey')}::int[], ${num('schoolId')}::int[], ${txt('studentKey')}::text[],
          ${txt('className')}::text[], ${txt('procedure')}::text[], ${txt('subject')}::text[],
          ${num('grade')}::int[], ${num('year')}::int[], ${num('primaryScore')}::numeric[],
          ${num('testScore')}::numeric[], ${num('mark')}::smallint[], ${num('journalMark')}::smallint[])`.execute(
        tx,
      );
    },

    /** Current aggregates written directly (the demo region), in chunks of column arrays. */
    async insertAggregates(
      tx: Db,
      importId: number,
      rows: Array<GroupKey & { schoolId: number; figures: Figures; digest: string }>,
    ) {
      for (const part of chunks(rows, 10_000)) {
        const col = <T>(f: (r: (typeof rows)[number]) => T) => part.map(f);
        await sql`
          insert into result_aggregate (school_id, procedure, subject, grade, year, participants, below_min,
            mark2, mark3, mark4, mark5, mean_score, high_80_99, high_100, digest, import_id)
          select u.*, ${importId}::int from unnest(
            ${col((r) => r.schoolId)}::int[], ${col((r) => r.procedure)}::text[], ${col((r) => r.subject)}::text[],
            ${col((r) => r.grade)}::int[], ${col((r) => r.year)}::int[], ${col((r) => r.figures.participants)}::int[],
            ${col((r) => r.figures.belowMin)}::int[], ${col((r) => r.figures.mark2)}::int[], ${col((r) => r.figures.mark3)}::int[],
            ${col((r) => r.figures.mark4)}::int[], ${col((r) => r.figures.mark5)}::int[], ${col((r) => r.figures.meanScore)}::numeric[],
            ${col((r) => r.figures.high80)}::int[], ${col((r) => r.figures.high100)}::int[], ${col((r) => r.digest)}::text[]) as u`.execute(
          tx,
        );
      }
    },

    async insertSchools(tx: Db, importId: number, schools: SchoolKeyInfo[]) {
      for (const part of chunks(schools, 500)) {
        await tx
          .insertInto('result_import_school')
          .values(
            part.map((s) => ({
              import_id: importId,
              key: s.key,
              code: s.ref.code,
              name: s.ref.name,
              municipality: s.ref.municipality,
              norm_name: s.normName,
              norm_municipality: s.normMunicipality,
              municipality_id: s.match.municipalityId,
              school_id: s.match.schoolId,
              status: s.match.status,
              candidates: JSON.stringify(s.match.candidates),
              rows: s.rows,
              errors: s.errors,
              sheet: s.first.sheet,
              row: s.first.row,
            })),
          )
          .execute();
      }
    },

    /** The groups of a parse, in chunks of column arrays (one statement per ten thousand). */
    async insertGroups(tx: Db, importId: number, groups: StagedGroup[]) {
      for (const part of chunks(groups, 10_000)) {
        const col = <T>(f: (g: StagedGroup) => T) => part.map(f);
        const f = <K extends keyof Figures>(k: K) => part.map((g) => g.figures[k]);
        await sql`
          insert into result_import_group (import_id, school_key, procedure, subject, grade, year, participants,
            below_min, mark2, mark3, mark4, mark5, mean_score, high_80_99, high_100, from_students, digest, sheet, row)
          select ${importId}::int, u.* from unnest(
            ${col((g) => g.schoolKey)}::int[], ${col((g) => g.procedure)}::text[], ${col((g) => g.subject)}::text[],
            ${col((g) => g.grade)}::int[], ${col((g) => g.year)}::int[], ${f('participants')}::int[],
            ${f('belowMin')}::int[], ${f('mark2')}::int[], ${f('mark3')}::int[], ${f('mark4')}::int[],
            ${f('mark5')}::int[], ${f('meanScore')}::numeric[], ${f('high80')}::int[], ${f('high100')}::int[],
            ${col((g) => g.fromStudents)}::boolean[], ${col((g) => g.digest)}::text[],
            ${col((g) => g.source.sheet)}::text[], ${col((g) => g.source.row)}::int[]) as u`.execute(tx);
      }
    },

    async insertCoverage(tx: Db, importId: number, coverage: GroupKey[]) {
      for (const part of chunks(coverage, 500)) {
        await tx
          .insertInto('result_import_coverage')
          .values(part.map((c) => ({ import_id: importId, ...c })))
          .execute();
      }
    },

    importSchools(importId: number) {
      return db
        .selectFrom('result_import_school as k')
        .leftJoin('school as s', 's.id', 'k.school_id')
        .leftJoin('municipality as m', 'm.id', 'k.municipality_id')
        .selectAll('k')
        .select(['s.short_name as school_name', 's.code as school_code', 'm.name as municipality_name'])
        .where('k.import_id', '=', importId)
        .orderBy('k.key')
        .execute();
    },

    /** One page of an import's schools: all, those waiting for a decision, or those and the decided ones. */
    async importSchoolsPage(
      importId: number,
      f: { page: number; pageSize: number; review: 'all' | 'open' | 'decided' },
    ) {
      const statuses =
        f.review === 'open'
          ? ['unmatched', 'ambiguous', 'forbidden']
          : f.review === 'decided'
            ? ['unmatched', 'ambiguous', 'forbidden', 'manual', 'excluded']
            : null;
      let q = db.selectFrom('result_import_school as k').where('k.import_id', '=', importId);
      if (statuses) q = q.where('k.status', 'in', statuses as never);
      const [{ total }, rows] = await Promise.all([
        q.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
        q
          .leftJoin('school as s', 's.id', 'k.school_id')
          .leftJoin('municipality as m', 'm.id', 'k.municipality_id')
          .selectAll('k')
          .select(['s.short_name as school_name', 's.code as school_code', 'm.name as municipality_name'])
          .orderBy('k.key')
          .limit(f.pageSize)
          .offset((f.page - 1) * f.pageSize)
          .execute(),
      ]);
      return { total: Number(total), rows };
    },

    importSchool(tx: Db, importId: number, key: number) {
      return tx
        .selectFrom('result_import_school')
        .selectAll()
        .where('import_id', '=', importId)
        .where('key', '=', key)
        .executeTakeFirst();
    },

    decide(
      tx: Db,
      importId: number,
      key: number,
      schoolId: number | null,
      status: 'manual' | 'excluded',
      userId: number | null,
    ) {
      return tx
        .updateTable('result_import_school')
        .set({ school_id: schoolId, status, decided_by: userId })
        .where('import_id', '=', importId)
        .where('key', '=', key)
        .execute();
    },

    async importRows(
      importId: number,
      f: { page: number; pageSize: number; schoolKey?: number | undefined },
    ) {
      let q = db.selectFrom('result_import_group as g').where('g.import_id', '=', importId);
      if (f.schoolKey !== undefined) q = q.where('g.school_key', '=', f.schoolKey);
      const [{ total }, rows] = await Promise.all([
        q.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
        q
          .innerJoin('result_import_school as k', (j) =>
            j.onRef('k.import_id', '=', 'g.import_id').onRef('k.key', '=', 'g.school_key'),
          )
          .leftJoin('school as s', 's.id', 'k.school_id')
          .selectAll('g')
          .select([
            'k.name as file_name',
            'k.status',
            'k.school_id',
            's.short_name as school_name',
            's.code as school_code',
          ])
          .orderBy('g.sheet')
          .orderBy('g.row')
          .orderBy('g.subject')
          .limit(f.pageSize)
          .offset((f.page - 1) * f.pageSize)
          .execute(),
      ]);
      return { total: Number(total), rows };
    },

    /** Commits and roll-backs of imports run one at a time (across app instances). */
    async lockCommits(tx: Db) {
      await sql`select pg_advisory_xact_lock(${COMMIT_LOCK})`.execute(tx);
    },

    /** Counts that decide whether an import may be committed. */
    async blocking(tx: Db, importId: number) {
      const r = await sql<{ unresolved: number; row_errors: number; excluded: number; resolved: number }>`
        select
          count(*) filter (where status in ('unmatched', 'ambiguous', 'forbidden'))::int as unresolved,
          coalesce(sum(errors) filter (where status <> 'excluded'), 0)::int as row_errors,
          count(*) filter (where status = 'excluded')::int as excluded,
          count(*) filter (where status not in ('unmatched', 'ambiguous', 'forbidden', 'excluded'))::int as resolved
        from result_import_school where import_id = ${importId}`.execute(tx);
      return r.rows[0]!;
    },

    /** Groups of two file rows matched to one school (they would overwrite each other). */
    async duplicates(tx: Db, importId: number) {
      // Only where two of the file's schools are matched to one school (a look at a thousand rows,
      // not a join of the groups with themselves).
      const shared = await sql<{ n: number }>`
        select count(*)::int as n from (
          select school_id from result_import_school
          where import_id = ${importId} and school_id is not null and status <> 'excluded'
          group by school_id having count(*) > 1) d`.execute(tx);
      if (!shared.rows[0]?.n) return [];
      const r = await sql<{ school_id: number; first: string; second: string; school: string }>`
        select k1.school_id, k1.name as first, k2.name as second, s.short_name as school
        from result_import_group g1
        join result_import_school k1 on k1.import_id = g1.import_id and k1.key = g1.school_key
        join result_import_group g2 on g2.import_id = g1.import_id and g2.school_key > g1.school_key
          and g2.procedure = g1.procedure and g2.subject = g1.subject and g2.grade = g1.grade and g2.year = g1.year
        join result_import_school k2 on k2.import_id = g2.import_id and k2.key = g2.school_key
        join school s on s.id = k1.school_id
        where g1.import_id = ${importId} and k1.school_id = k2.school_id
          and k1.status <> 'excluded' and k2.status <> 'excluded'
        limit 20`.execute(tx);
      return r.rows;
    },

    /**
     * Write a parsed import in the caller's transaction. Groups equal to the current value are left
     * alone (their outcome 'unchanged'; the others keep none, and read as new once committed); for
     * every school of the file, the current rows of the procedures, subjects, grades and years the
     * file covers are superseded by this import; new rows are inserted; student rows of excluded
     * schools and of unchanged groups are dropped. Returns the counts.
     */
    async commit(tx: Db, importId: number) {
      const live = sql`k.school_id is not null and k.status not in ('excluded', 'unmatched', 'ambiguous', 'forbidden')`;
      const unchanged = await sql`
        update result_import_group g set outcome = 'unchanged'
        from result_import_school k, result_aggregate a
        where g.import_id = ${importId} and k.import_id = g.import_id and k.key = g.school_key and ${live}
          and a.superseded_by is null and a.school_id = k.school_id and a.procedure = g.procedure
          and a.subject = g.subject and a.grade = g.grade and a.year = g.year and a.digest = g.digest`.execute(
        tx,
      );
      // The (school, procedure, subject, grade, year) keys to supersede, materialised first: joined
      // directly, the planner misjudges the school set and loops over it for every current row.
      const replaced = await sql`
        with s as materialized (
          select distinct k.school_id from result_import_school k where k.import_id = ${importId} and ${live}
        ), t as materialized (
          select s.school_id, c.procedure, c.subject, c.grade, c.year
          from s cross join result_import_coverage c where c.import_id = ${importId}
          except
          select k.school_id, g.procedure, g.subject, g.grade, g.year from result_import_group g
          join result_import_school k on k.import_id = g.import_id and k.key = g.school_key
          where g.import_id = ${importId} and g.outcome = 'unchanged' and k.school_id is not null
        )
        update result_aggregate a set superseded_by = ${importId}
        from t
        where a.superseded_by is null and a.school_id = t.school_id and a.procedure = t.procedure
          and a.subject = t.subject and a.grade = t.grade and a.year = t.year`.execute(tx);
      const inserted = await sql`
        insert into result_aggregate (school_id, procedure, subject, grade, year, participants, below_min,
          mark2, mark3, mark4, mark5, mean_score, high_80_99, high_100, from_students, digest, import_id)
        select k.school_id, g.procedure, g.subject, g.grade, g.year, g.participants, g.below_min,
          g.mark2, g.mark3, g.mark4, g.mark5, g.mean_score, g.high_80_99, g.high_100, g.from_students, g.digest, ${importId}
        from result_import_group g
        join result_import_school k on k.import_id = g.import_id and k.key = g.school_key
        where g.import_id = ${importId} and g.outcome is null and ${live}`.execute(tx);
      // Student rows were staged with the school matched while parsing. Only schools chosen by hand
      // since, excluded schools and unchanged groups need their rows touched (a scan of the import's rows).
      const touch = (
        await sql<{ manual: number; excluded: number; unchanged: number }>`
          select
            (select count(*) from result_import_school where import_id = ${importId} and status = 'manual')::int as manual,
            (select count(*) from result_import_school where import_id = ${importId} and status = 'excluded')::int as excluded,
            (select count(*) from result_import_group where import_id = ${importId} and outcome = 'unchanged' and from_students)::int as unchanged`.execute(
          tx,
        )
      ).rows[0]!;
      if (touch.manual) {
        await sql`
          update result_student s set school_id = k.school_id
          from result_import_school k
          where s.import_id = ${importId} and k.import_id = ${importId} and k.key = s.school_key and k.status = 'manual'
            and s.school_key in (select key from result_import_school where import_id = ${importId} and status = 'manual')
            and s.school_id is distinct from k.school_id`.execute(tx);
      }
      if (touch.excluded) {
        await sql`
          delete from result_student s
          where s.import_id = ${importId}
            and s.school_key in (select key from result_import_school where import_id = ${importId} and status = 'excluded')`.execute(
          tx,
        );
      }
      if (touch.unchanged) {
        // The statistics of freshly staged rows are unknown (a million rows look like a few, and the
        // groups just marked unchanged like one): a nested loop here ran for many minutes.
        await sql`set local enable_nestloop = off`.execute(tx);
        await sql`
          delete from result_student s
          where s.import_id = ${importId}
            and (s.school_key, s.procedure, s.subject, s.grade, s.year) in (
              select g.school_key, g.procedure, g.subject, g.grade, g.year from result_import_group g
              where g.import_id = ${importId} and g.outcome = 'unchanged' and g.from_students)`.execute(tx);
        await sql`set local enable_nestloop to default`.execute(tx);
      }
      return {
        inserted: Number(inserted.numAffectedRows ?? 0),
        replaced: Number(replaced.numAffectedRows ?? 0),
        unchanged: Number(unchanged.numAffectedRows ?? 0),
      };
    },

    /**
     * Fresh statistics of an import's staging rows, so that the commit's joins get good plans: of
     * the columns the commit selects and joins by (the groups' other columns cost three times as
     * much to sample and plan nothing).
     */
    async analyzeStaging(tx: Db) {
      await sql`analyze result_import_school`.execute(tx);
      await sql`analyze result_import_group (import_id, school_key, procedure, subject, grade, year, outcome)`.execute(
        tx,
      );
      await sql`analyze result_import_coverage`.execute(tx);
    },

    /**
     * Fresh statistics of the current aggregates' key columns when autovacuum has not caught up
     * with their changes (a region's first import right after its registry's: with none, the
     * planner takes the current rows for a few hundred and loops over them, ten times slower).
     */
    async refreshAggregateStatistics() {
      const r = await sql<{ stale: boolean }>`
        select coalesce(last_analyze is null and last_autoanalyze is null
          or n_mod_since_analyze > 0.1 * n_live_tup + 1000, true) as stale
        from pg_stat_user_tables where relid = 'result_aggregate'::regclass`.execute(db);
      if (r.rows[0]?.stale ?? true)
        await sql`analyze result_aggregate (superseded_by, school_id, procedure, subject, grade, year)`.execute(
          db,
        );
    },

    /**
     * Undo a committed import in the caller's transaction: its rows go; the rows it had superseded
     * come back, or are handed to the import that holds their key now.
     */
    async rollback(tx: Db, importId: number) {
      const removed = await tx
        .deleteFrom('result_aggregate')
        .where('import_id', '=', importId)
        .executeTakeFirst();
      await sql`
        update result_aggregate w set superseded_by = c.import_id
        from result_aggregate c
        where w.superseded_by = ${importId} and c.superseded_by is null and c.school_id = w.school_id
          and c.procedure = w.procedure and c.subject = w.subject and c.grade = w.grade and c.year = w.year`.execute(
        tx,
      );
      const restored = await tx
        .updateTable('result_aggregate')
        .set({ superseded_by: null })
        .where('superseded_by', '=', importId)
        .executeTakeFirst();
      await tx.deleteFrom('result_student').where('import_id', '=', importId).execute();
      return { removed: Number(removed.numDeletedRows), restored: Number(restored.numUpdatedRows) };
    },

    // -------------------------------------------------------------------------------------------
    // reads

    /** Current aggregates of one school (optionally one procedure/subject). */
    schoolAggregates(schoolId: number, f: { procedure?: string | undefined; subject?: string | undefined }) {
      let q = db
        .selectFrom('result_aggregate as a')
        .selectAll('a')
        .where('a.school_id', '=', schoolId)
        .where('a.superseded_by', 'is', null);
      if (f.procedure) q = q.where('a.procedure', '=', f.procedure);
      if (f.subject) q = q.where('a.subject', '=', f.subject);
      return q.orderBy('a.procedure').orderBy('a.subject').orderBy('a.grade').orderBy('a.year').execute();
    },

    /** Totals per (procedure, subject, grade, year) over the keys one school has: the municipality's or the region's. */
    async totalsForSchoolKeys(
      schoolId: number,
      municipalityId: number | null,
      f: { procedure?: string | undefined; subject?: string | undefined },
    ) {
      const r = await sql<TotalsRow>`
        select a.procedure, a.subject, a.grade, a.year, ${totalsSelect}
        from result_aggregate a
        join school s on s.id = a.school_id
        where a.superseded_by is null
          ${municipalityId !== null ? sql`and s.municipality_id = ${municipalityId}` : sql``}
          ${f.procedure ? sql`and a.procedure = ${f.procedure}` : sql``}
          ${f.subject ? sql`and a.subject = ${f.subject}` : sql``}
          and exists (select 1 from result_aggregate b where b.school_id = ${schoolId} and b.superseded_by is null
            and b.procedure = a.procedure and b.subject = a.subject and b.grade = a.grade and b.year = a.year)
        group by a.procedure, a.subject, a.grade, a.year`.execute(db);
      return r.rows;
    },

    /** Totals of one slice, for the region, one municipality, or per municipality. */
    async totals(slice: Slice, by: 'region' | 'municipality') {
      const r = await sql<TotalsRow & { municipality_id: number | null; municipality_name: string | null }>`
        select ${by === 'municipality' ? sql`m.id as municipality_id, m.name as municipality_name,` : sql`null::int as municipality_id, null::text as municipality_name,`}
          a.procedure, a.subject, a.grade, a.year, ${totalsSelect}
        from result_aggregate a
        join school s on s.id = a.school_id
        join municipality m on m.id = s.municipality_id
        where a.superseded_by is null and a.procedure = ${slice.procedure} and a.subject = ${slice.subject}
          and a.grade = ${slice.grade} and a.year = ${slice.year}
          ${slice.municipalityId ? sql`and s.municipality_id = ${slice.municipalityId}` : sql``}
        group by ${by === 'municipality' ? sql`m.id, m.name,` : sql``} a.procedure, a.subject, a.grade, a.year
        ${by === 'municipality' ? sql`order by lower(m.name)` : sql``}`.execute(db);
      return r.rows;
    },

    /** Per-school rows of one slice within a scope. */
    async summaryRows(
      scope: SchoolScope,
      slice: Slice,
      f: { sort: SummarySort; order: 'asc' | 'desc'; page: number; pageSize: number },
    ) {
      let q = whereInScope(
        db.selectFrom('school').innerJoin('municipality', 'municipality.id', 'school.municipality_id'),
        scope,
      )
        .innerJoin('result_aggregate as a', 'a.school_id', 'school.id')
        .where('a.superseded_by', 'is', null)
        .where('a.procedure', '=', slice.procedure)
        .where('a.subject', '=', slice.subject)
        .where('a.grade', '=', slice.grade)
        .where('a.year', '=', slice.year);
      if (slice.municipalityId) q = q.where('school.municipality_id', '=', slice.municipalityId);
      const [{ total }, rows] = await Promise.all([
        q.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
        q
          .select([
            'school.id as school_id',
            'school.code',
            'school.short_name',
            'school.municipality_id',
            'municipality.name as municipality_name',
            'a.participants',
            'a.below_min',
            'a.mark2',
            'a.mark3',
            'a.mark4',
            'a.mark5',
            'a.mean_score',
            'a.high_80_99',
            'a.high_100',
            'a.import_id',
          ])
          .orderBy(sql`${SUMMARY_SORT[f.sort]} ${sql.raw(f.order === 'desc' ? 'desc' : 'asc')} nulls last`)
          .orderBy('school.id')
          .limit(f.pageSize)
          .offset((f.page - 1) * f.pageSize)
          .execute(),
      ]);
      return { total: Number(total), rows };
    },

    /** What results exist: slices with their number of schools. */
    async datasets() {
      const r = await sql<{
        procedure: string;
        subject: string;
        grade: number;
        year: number;
        schools: number;
        participants: number;
      }>`
        select procedure, subject, grade, year, count(*)::int as schools, sum(participants)::int as participants
        from result_aggregate where superseded_by is null
        group by procedure, subject, grade, year
        order by procedure, subject, grade, year`.execute(db);
      return r.rows;
    },

    /** Problems stored with an import (JSON). */
    problemsOf(importId: number) {
      return db
        .selectFrom('result_import')
        .select('problems')
        .where('id', '=', importId)
        .executeTakeFirst()
        .then((r) => (r?.problems ?? []) as Problem[]);
    },

    setStatus(tx: Db, importId: number, status: ImportStatus) {
      return tx.updateTable('result_import').set({ status }).where('id', '=', importId).execute();
    },
  };
}
export type ResultsRepository = ReturnType<typeof resultsRepository>;
