import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { SchoolScope } from '../../platform/auth/principal.js';
import {
  NO_GRADE,
  PROCEDURES,
  allocColumns,
  filterColumns,
  fingerprintContext,
  schoolSlots,
  type Category,
  type ResultColumns,
  type ContextRow,
  type DisplayCategory,
  type IdentificationParams,
  type Procedure,
  type SchoolInfo,
} from './domain/index.js';
import './schema.js';
import type { CopyTextWriter } from './copy-writer.js';

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
  /** The rows with a threshold, as columns in the fingerprint's order. */
  results: ResultColumns;
  context: ContextRow[];
  unjudged: UnjudgedRow[];
  /** SHA-256 of the results as read (all fields, ordered): stands for them in the run's fingerprint. */
  resultsDigest: string;
  /** The context as the fingerprint hashes it (`fingerprintContext`), made while the results are read. */
  contextText: Buffer;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `Number(text.slice(start, end))`: decimals of up to 15 digits as m / 10^d (the correctly
 * rounded value, as `Number` gives it), anything else through `Number`.
 */
function decimal(text: string, start: number, end: number): number {
  let m = 0;
  let digits = 0;
  let dot = -1;
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch >= 48 && ch <= 57) {
      m = m * 10 + (ch - 48);
      digits++;
    } else if (ch === 46 && dot < 0) dot = i;
    else return Number(text.slice(start, end));
  }
  if (digits === 0 || digits > 15) return Number(text.slice(start, end));
  return dot < 0 ? m : m / POW10[end - dot - 1]!;
}

/**
 * Parse `n` result rows of 5 comma-separated fields into columns: school id; the row's key
 * ((procedure position · subjects + subject position) · 256 + grade) · 2 + year − (Y − 1), positions
 * from 0 in the given lists, grade 0: none, year Y−1 or Y; participants; below minimum (empty: no
 * threshold, kept as NaN); mean (empty: unknown, NaN). Decimals of up to 15 digits are read as
 * m / 10^d, which is the correctly rounded value, as `Number` gives it; anything else goes to
 * `Number`.
 */
export function parseResults(
  text: string,
  n: number,
  procedures: readonly Procedure[],
  subjects: readonly string[],
  year: number,
): ResultColumns {
  const c = allocColumns(n, procedures, subjects);
  const S = subjects.length;
  const len = text.length;
  let pos = 0;
  // one field as a number; NaN when empty; `pos` ends past the comma
  const field = (): number => {
    const start = pos;
    let end = text.indexOf(',', pos);
    if (end < 0) end = len;
    pos = end + 1;
    return end === start ? NaN : decimal(text, start, end);
  };
  let i = 0;
  for (; i < n && pos < len; i++) {
    c.school[i] = field();
    const key = field();
    const ps = key >> 9;
    c.procedure[i] = (ps / S) | 0;
    c.subject[i] = ps % S;
    const g = (key >> 1) & 255;
    c.grade[i] = g > 0 ? g : NO_GRADE;
    c.year[i] = year - 1 + (key & 1);
    c.participants[i] = field();
    c.belowMin[i] = field();
    c.mean[i] = field();
  }
  if (i !== n) throw new Error(`identification: ${i} result rows read of ${n}`);
  return c;
}

/**
 * Of each row: its school's position (`slot`; −1: not an active school) and its key within the
 * school (procedure, subject, grade, year: a few thousand values at most). Made for each slice as
 * soon as it is parsed, while PostgreSQL still builds the next ones.
 */
interface RowKeys {
  readonly k: Int32Array;
  readonly key: Int32Array;
}

/**
 * The number of keys of `rowKeys`: procedure, subject, grade (none, or 0–255 as `parseResults`
 * unpacks it), year (Y−1 or Y).
 */
const keyCount = (c: ResultColumns) => c.procedures.length * c.subjects.length * 257 * 2;

function rowKeys(c: ResultColumns, slot: (id: number) => number, year: number): RowKeys {
  const S = c.subjects.length;
  const key = new Int32Array(c.length);
  const k = new Int32Array(c.length);
  for (let i = 0; i < c.length; i++) {
    const s = slot(c.school[i]!);
    k[i] = s;
    if (s < 0) continue;
    const g = c.grade[i]!;
    key[i] =
      ((c.procedure[i]! * S + c.subject[i]!) * 257 + (g === NO_GRADE ? 0 : g + 1)) * 2 +
      c.year[i]! -
      year +
      1;
  }
  return { k, key };
}

/** A slice's rows of active schools sorted by their key (`sortByKey`). */
interface KeySorted {
  readonly k: Int32Array;
  /** The rows (positions in the slice) by key, stably. */
  readonly order: Int32Array;
  /** Where each key's rows start in `order` (one more than the keys). */
  readonly start: Int32Array;
}

/**
 * The first pass of the order of the domain's fingerprint (school, procedure, subject, grade, year;
 * positions are of code-sorted lists) for one slice: the rows of active schools stably by key; their schools are counted into `perSchool` (at the
 * school's position + 1).
 */
function sortByKey(c: ResultColumns, { k, key }: RowKeys, perSchool: Int32Array): KeySorted {
  const K = keyCount(c);
  const start = new Int32Array(K + 1);
  let n = 0;
  for (let i = 0; i < c.length; i++) {
    const s = k[i]!;
    if (s < 0) continue;
    n++;
    start[key[i]! + 1]!++;
    perSchool[s + 1]!++;
  }
  for (let x = 1; x <= K; x++) start[x]! += start[x - 1]!;
  const fill = start.slice(0, K);
  const order = new Int32Array(n);
  for (let i = 0; i < c.length; i++) if (k[i]! >= 0) order[fill[key[i]!]!++] = i;
  return { k, order, start };
}

/**
 * The order of the domain's fingerprint of slices one after another (rows of other schools left
 * out: cheaper than a join), from their rows sorted by key (`sortByKey`) and
 * the count of each school's rows: the rows of every key, slice after slice (the stable order by
 * key of the slices one after another), placed stably by school, and copied column by column
 * from their slices (no copy of the slices one after another).
 */
function placeBySchool(parts: ResultColumns[], sorted: KeySorted[], perSchool: Int32Array): ResultColumns {
  const first = parts[0]!;
  const K = keyCount(first);
  const at = perSchool.slice();
  for (let s = 1; s < at.length; s++) at[s]! += at[s - 1]!;
  const n = at[at.length - 1]!;
  // where each row of each slice goes
  const dest = parts.map((p) => new Int32Array(p.length).fill(-1));
  for (let x = 0; x < K; x++)
    for (let p = 0; p < parts.length; p++) {
      const { k, order, start } = sorted[p]!;
      const d = dest[p]!;
      for (let t = start[x]!; t < start[x + 1]!; t++) {
        const i = order[t]!;
        d[i] = at[k[i]!]!++;
      }
    }
  const out = allocColumns(n, first.procedures, first.subjects);
  // a function per array type, so that each loop sees one
  for (let p = 0; p < parts.length; p++) {
    const c = parts[p]!;
    const d = dest[p]!;
    scatterInt32(out.school, c.school, d);
    scatterUint8(out.procedure, c.procedure, d);
    scatterUint16(out.subject, c.subject, d);
    scatterInt32(out.grade, c.grade, d);
    scatterInt32(out.year, c.year, d);
    scatterFloat64(out.participants, c.participants, d);
    scatterFloat64(out.belowMin, c.belowMin, d);
    scatterFloat64(out.mean, c.mean, d);
  }
  return out;
}

function scatterInt32(to: Int32Array, from: Int32Array, dest: Int32Array) {
  for (let i = 0; i < dest.length; i++) if (dest[i]! >= 0) to[dest[i]!] = from[i]!;
}
function scatterUint8(to: Uint8Array, from: Uint8Array, dest: Int32Array) {
  for (let i = 0; i < dest.length; i++) if (dest[i]! >= 0) to[dest[i]!] = from[i]!;
}
function scatterUint16(to: Uint16Array, from: Uint16Array, dest: Int32Array) {
  for (let i = 0; i < dest.length; i++) if (dest[i]! >= 0) to[dest[i]!] = from[i]!;
}
function scatterFloat64(to: Float64Array, from: Float64Array, dest: Int32Array) {
  for (let i = 0; i < dest.length; i++) if (dest[i]! >= 0) to[dest[i]!] = from[i]!;
}

/**
 * Read-only queries run at once on several connections of the pool (each connection runs its list
 * in order), in one snapshot: the first connection exports its snapshot (REPEATABLE READ) and
 * keeps its transaction open until every other one has imported it, so that together they see the
 * tables as one query would. Each result is handed out as soon as it comes.
 */
function inOneSnapshot(
  pool: pg.Pool,
  connections: ReadonlyArray<ReadonlyArray<{ sql: string; parameters: readonly unknown[] }>>,
): Array<Array<Promise<pg.QueryResult>>> {
  let exported!: (id: string) => void;
  let failed!: (e: unknown) => void;
  const snapshot = new Promise<string>((resolve, reject) => {
    exported = resolve;
    failed = reject;
  });
  snapshot.catch(() => {});
  // settled when the connection imported the snapshot or gave up
  const imported = connections.map(() => {
    let done!: () => void;
    const p = new Promise<void>((resolve) => (done = resolve));
    return { p, done };
  });
  return connections.map((queries, k) => {
    const settle = queries.map(() => {
      let resolve!: (r: pg.QueryResult) => void;
      let reject!: (e: unknown) => void;
      const p = new Promise<pg.QueryResult>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      return { p, resolve, reject };
    });
    void (async () => {
      let client: pg.PoolClient | undefined;
      let broken: Error | undefined;
      try {
        client = await pool.connect();
        await client.query('begin transaction isolation level repeatable read, read only');
        if (k === 0) {
          const id =
            (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]?.id ?? '';
          if (!/^[0-9A-Fa-f-]+$/.test(id)) throw new Error(`identification: snapshot "${id}"`);
          exported(id);
        } else await client.query(`set transaction snapshot '${await snapshot}'`);
        imported[k]!.done();
        for (let j = 0; j < queries.length; j++)
          settle[j]!.resolve(await client.query(queries[j]!.sql, queries[j]!.parameters as unknown[]));
        if (k === 0) await Promise.all(imported.map((x) => x.p));
        await client.query('commit');
      } catch (e) {
        broken = e instanceof Error ? e : new Error(String(e));
        if (k === 0) failed(e);
        for (const x of settle) x.reject(e);
        await client?.query('rollback').catch(() => {});
      } finally {
        imported[k]!.done();
        client?.release(broken);
      }
    })();
    return settle.map((x) => x.p);
  });
}

/** A line of the context's text (see `loadInput`): the school, and the line. */
interface ContextLine {
  s: number;
  line: string;
}

/** The lines of the context's text, each with its school. */
function contextLines(text: string): ContextLine[] {
  const out: ContextLine[] = [];
  if (!text) return out;
  for (const line of text.split('\n')) out.push({ s: Number(line.slice(0, line.indexOf('|'))), line });
  return out;
}

/**
 * A line of the context's text as the row the domain takes: the builtin columns (numeric text as
 * the driver's parser reads it: `Number`; empty: null), then the extra indicators (numbers, or
 * numeric texts; others null).
 */
function contextRow({ s, line }: ContextLine, year: number): ContextRow {
  const values: Record<string, number | null> = {};
  let at = line.indexOf('|') + 1;
  for (const c of CONTEXT_COLUMNS) {
    const end = line.indexOf('|', at);
    values[c] = end === at ? null : decimal(line, at, end);
    at = end + 1;
  }
  const extra = JSON.parse(line.slice(at)) as Record<string, unknown> | null;
  for (const [k, v] of Object.entries(extra ?? {})) {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    values[k] = Number.isFinite(n) ? n : null;
  }
  return { schoolId: s, year, values };
}

type SchoolQueryRow = { id: number; m: number; s: boolean; l: 'urban' | 'rural' };
/** One slice of the results: the rows as flat comma-separated numbers (see `parseResults`). */
type SliceRow = { t: string | null; n: number };

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
  /** JSON text of the compact figures (the explanation is rendered from them on read). */
  figures: string;
}

export interface RunSchoolFilter {
  municipalityId?: number | undefined;
  category?: string | undefined;
  search?: string | undefined;
  inList?: boolean | undefined;
}

/** Runs with the names of their parameter set and author. */
function runViews(db: Db) {
  return db
    .selectFrom('identification_run as r')
    .leftJoin('identification_param_set as p', 'p.id', 'r.param_set_id')
    .leftJoin('app_user as u', 'u.id', 'r.created_by')
    .selectAll('r')
    .select(['p.name as param_set_name', 'u.full_name as created_by_name']);
}

/**
 * The identification's SQL. With `pool` (PostgreSQL through node-postgres) a national run's
 * results are read on several connections at once, in one snapshot.
 */
export function identificationRepository(db: Db, pool?: pg.Pool) {
  return {
    /**
     * The input of a run. Results (1.2M rows at national scale) come as flat comma-separated
     * numbers (school; procedure, subject, grade and year packed in one key, procedure and subject
     * as their position in the requested lists, sorted by code; participants; below minimum; the
     * mean score, or else the mean mark of the distribution of marks, as the model's `rowMean`
     * takes it, so that no mark distributions are built) in slices of the table's blocks (`ctid`
     * ranges: each backend scans its own part of the table; at national scale eight slices, two
     * after each other on each of four connections, so that the first ones are parsed while
     * PostgreSQL builds the others), unordered (sorting them was most of PostgreSQL's time), all in
     * one snapshot with the schools and the context. They are parsed straight into columns (no
     * object per row), put in the order the domain's fingerprint uses (school, procedure, subject,
     * grade, year, by two counting sorts, the first one a slice at a time as the slices come: the
     * same rows give the same columns, so the same figures to the last bit) and hashed as such
     * (`resultsDigest`: every field of every row, the rows without a threshold included). The
     * context comes as one text (a line a school), and its part of the fingerprint (`contextText`)
     * is made while PostgreSQL still reads the results.
     */
    async loadInput(
      year: number,
      params: Pick<IdentificationParams, 'procedures' | 'subjects' | 'subjectGroups'>,
      options: { slices?: number } = {},
    ): Promise<LoadedInput> {
      const subjects = relevantSubjectCodes(params);
      const procedures = params.procedures.filter((p) => toDomainProcedure(p)).sort();
      // the context as one text (a line a row: school id, the builtin columns, the extra JSON),
      // not 45,000 rows of 9 fields for the driver to parse into objects
      const contextQuery = sql<{ t: string | null }>`
          select string_agg(concat_ws('|', c.school_id, ${sql.join(
            CONTEXT_COLUMNS.map((c) => sql`coalesce(${sql.ref(`c.${c}`)}::text, '')`),
          )}, c.extra::text), chr(10)) as t
          from school_context c
          where c.school_year = ${contextSchoolYear(year)}`;
      const schoolsQuery = sql<SchoolQueryRow>`
          select id, municipality_id as m, is_small as s, locality as l from school where active order by id`;
      const size = await sql<{ b: number; n: number }>`
          select (pg_relation_size('result_aggregate') / current_setting('block_size')::int)::int as b,
            (select count(*) from school where active)::int as n`.execute(db);
      // Slices of the table's physical layout (block ranges, read by a TID range scan): each
      // backend reads its own part of the table once, instead of every slice filtering all of it.
      // Twice as many slices as connections, each connection reading two one after the other: the
      // first ones are parsed while PostgreSQL builds the others.
      const wanted = pool ? Math.max(1, options.slices ?? ((size.rows[0]?.n ?? 0) > 20_000 ? 8 : 1)) : 1;
      const connections = Math.min(wanted, 4, pool?.options.max ?? 10);
      const parts = connections > 1 ? wanted : 1;
      const blocks = size.rows[0]?.b ?? 0;
      const bounds = Array.from({ length: parts + 1 }, (_, k) => Math.floor((k * blocks) / parts));
      // a code's position from 0 (a CASE costs PostgreSQL less than array_position per row)
      const position = (codes: readonly string[], column: 'procedure' | 'subject') =>
        codes.length
          ? sql`case ${sql.ref(`a.${column}`)} ${sql.join(
              codes.map((c, i) => sql`when ${c} then ${sql.lit(i)}`),
              sql` `,
            )} end`
          : sql`null::int`;
      const slice = (k: number) => {
        const from = k > 0 ? sql`and a.ctid >= ${`(${bounds[k]},0)`}::tid` : sql``;
        const to = k + 1 < parts ? sql`and a.ctid < ${`(${bounds[k + 1]},0)`}::tid` : sql``;
        // procedure, subject, grade (0…11 by the table's check) and year in one number
        const key = sql`((${position(procedures, 'procedure')} * ${sql.lit(subjects.length)} + ${position(subjects, 'subject')})
          * 256 + a.grade) * 2 + a.year - ${sql.lit(year - 1)}`;
        return sql<SliceRow>`
            select string_agg(concat_ws(',', a.school_id, ${key}, a.participants, coalesce(a.below_min::text, ''),
                coalesce(a.mean_score::text, ((2 * a.mark2 + 3 * a.mark3 + 4 * a.mark4 + 5 * a.mark5)::float8
                  / nullif(a.mark2 + a.mark3 + a.mark4 + a.mark5, 0))::text, '')), ',') as t, count(*)::int as n
            from result_aggregate a
            where a.superseded_by is null and a.year in (${year - 1}, ${year})
              and a.procedure = any(${procedures}::text[]) and a.subject = any(${subjects}::text[])
              ${from} ${to}`;
      };
      // All slices are queried at once, in one snapshot (a row that an import moves meanwhile is
      // read once, as in one query), the schools and the context first on two of their
      // connections; each slice is parsed as soon as it arrives (in order), while PostgreSQL
      // still builds the next ones. The first and the last slice are open-ended, so that rows in
      // blocks added meanwhile are read too.
      let schoolsResult: Promise<{ rows: SchoolQueryRow[] }>;
      let contextResult: Promise<{ rows: Array<{ t: string | null }> }>;
      let sliceResults: Array<Promise<{ rows: SliceRow[] }>>;
      if (pool && connections > 1) {
        // connection c: (the schools | the context), then slices c, c + connections, …
        const first = [[schoolsQuery.compile(db)], [contextQuery.compile(db)]];
        const results = inOneSnapshot(
          pool,
          Array.from({ length: connections }, (_, c) => [
            ...(first[c] ?? []),
            ...Array.from({ length: Math.ceil((parts - c) / connections) }, (_, j) =>
              slice(c + j * connections).compile(db),
            ),
          ]),
        );
        schoolsResult = results[0]![0] as Promise<{ rows: SchoolQueryRow[] }>;
        contextResult = results[1]![0] as Promise<{ rows: Array<{ t: string | null }> }>;
        sliceResults = Array.from({ length: parts }, (_, k) => {
          const c = k % connections;
          return results[c]![(first[c]?.length ?? 0) + Math.floor(k / connections)] as Promise<{
            rows: SliceRow[];
          }>;
        });
      } else {
        schoolsResult = schoolsQuery.execute(db);
        contextResult = contextQuery.execute(db);
        sliceResults = [slice(0).execute(db)];
      }
      const texts = sliceResults.map(async (pending) => {
        const r = await pending;
        return { text: r.rows[0]?.t ?? '', n: r.rows[0]?.n ?? 0 };
      });
      // awaited below, in order: a failure meanwhile must not count as unhandled
      for (const p of [schoolsResult, contextResult, ...texts]) p.catch(() => {});
      const schools = await schoolsResult;
      const ids = schools.rows.map((r) => r.id);
      const slot = schoolSlots(ids);
      // The context (of the active schools; unordered and without a join in SQL, which made
      // PostgreSQL sort on disk with parallel workers while the results were read) is turned
      // into rows, and into the fingerprint's text, while PostgreSQL still reads the results.
      const contextRows = contextLines((await contextResult).rows[0]?.t ?? '').filter((r) => slot(r.s) >= 0);
      let ordered = true;
      for (let i = 1; i < contextRows.length && ordered; i++)
        if (contextRows[i - 1]!.s > contextRows[i]!.s) ordered = false;
      if (!ordered) contextRows.sort((a, b) => a.s - b.s);
      const context = contextRows.map((r) => contextRow(r, year));
      const contextText = fingerprintContext(context);
      const parsed: ResultColumns[] = [];
      const sorted: KeySorted[] = [];
      const perSchool = new Int32Array(ids.length + 1);
      for (const pending of texts) {
        const { text, n } = await pending;
        const part = parseResults(text, n, procedures as Procedure[], subjects, year);
        parsed.push(part);
        // the first pass of the order, a slice at a time, while PostgreSQL builds the next
        sorted.push(sortByKey(part, rowKeys(part, slot, year), perSchool));
      }
      const all = placeBySchool(parsed, sorted, perSchool);
      const digest = createHash('sha256');
      digest.update(`${procedures.join(',')}|${subjects.join(',')}|${all.length}\n`);
      for (const col of [
        all.school,
        all.procedure,
        all.subject,
        all.grade,
        all.year,
        all.participants,
        all.belowMin,
        all.mean,
      ])
        digest.update(new Uint8Array(col.buffer, col.byteOffset, col.byteLength));
      const unjudged: UnjudgedRow[] = [];
      let judged = all.length;
      for (let i = 0; i < all.length; i++) {
        if (!Number.isNaN(all.belowMin[i]!)) continue;
        judged--;
        const g = all.grade[i]!;
        unjudged.push({
          schoolId: all.school[i]!,
          procedure: procedures[all.procedure[i]!] as Procedure,
          subject: subjects[all.subject[i]!]!,
          grade: g === NO_GRADE ? null : g,
          year: all.year[i]!,
        });
      }
      const out: LoadedInput = {
        schools: schools.rows.map((r) => ({ id: r.id, municipalityId: r.m, isSmall: r.s, locality: r.l })),
        results: judged === all.length ? all : filterColumns(all, (i) => !Number.isNaN(all.belowMin[i]!)),
        context,
        unjudged,
        resultsDigest: digest.digest('hex'),
        contextText,
      };
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

    hasActiveSchools: async () =>
      (await db.selectFrom('school').select('id').where('active', '=', true).limit(1).executeTakeFirst()) !==
      undefined,

    // ---- runs
    /** A requested run: 'running' until its rows are stored ('done') or it fails ('failed'). */
    insertRun: (
      tx: Db,
      v: {
        year: number;
        param_set_id: number | null;
        params: string;
        created_by: number | null;
      },
    ) =>
      tx
        .insertInto('identification_run')
        .values({ ...v, status: 'running', fingerprint: '', summary: '{}', fit: '{}' })
        .returningAll()
        .executeTakeFirstOrThrow(),

    setRunJob: (tx: Db, id: number, jobId: number) =>
      tx.updateTable('identification_run').set({ job_id: jobId }).where('id', '=', id).execute(),

    finishRun: (
      tx: Db,
      id: number,
      v: { fingerprint: string; summary: string; fit: string; school_count: number },
    ) =>
      tx
        .updateTable('identification_run')
        .set({ ...v, status: 'done', error: null })
        .where('id', '=', id)
        .execute(),

    failRun: (id: number, error: { key: string; params: Record<string, string | number> }) =>
      db
        .updateTable('identification_run')
        .set({ status: 'failed', error: JSON.stringify(error) })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .execute(),

    /**
     * Rows in chunks of 10,000 as `unnest` of one array per column; the figures (JSON texts, which
     * never contain a raw newline) as one text split by PostgreSQL, so that nothing is escaped or
     * parsed twice. The explanation is not stored: it is rendered from the figures on read, in the
     * reader's language.
     */
    async insertRunSchools(tx: Db, runId: number, rows: RunSchoolInsert[]) {
      for (let i = 0; i < rows.length; i += 10_000) {
        const part = rows.slice(i, i + 10_000);
        const col = <T>(f: (r: RunSchoolInsert) => T) => part.map(f);
        const num = (f: (r: RunSchoolInsert) => number | null) =>
          part.map((r) => {
            const x = f(r);
            return x !== null && Number.isFinite(x) ? x : null;
          });
        await sql`
          insert into identification_run_school (run_id, school_id, municipality_id, display, categories, in_list,
            rule_status, participants, share, shrunken, expected, residual_z, context_index, figures, explanation)
          select ${runId}::int, u.s, u.m, u.d, u.c::text[], u.l, u.r, u.n, u.sh, u.sk, u.e, u.z, u.x, u.f, '[]'::jsonb
          from unnest(${col((r) => r.schoolId)}::int[], ${col((r) => r.municipalityId)}::int[],
            ${col((r) => r.display)}::text[], ${col((r) => `{${r.categories.join(',')}}`)}::text[],
            ${col((r) => r.inList)}::boolean[], ${col((r) => r.ruleStatus)}::text[],
            ${col((r) => r.participants)}::int[], ${num((r) => r.share)}::float8[],
            ${num((r) => r.shrunken)}::float8[], ${num((r) => r.expected)}::float8[],
            ${num((r) => r.residualZ)}::float8[], ${num((r) => r.contextIndex)}::float8[],
            string_to_array(${part.map((r) => r.figures).join('\n')}::text, E'\\n'))
            as u(s, m, d, c, l, r, n, sh, sk, e, z, x, f)`.execute(tx);
      }
    },

    listRuns: () => runViews(db).orderBy('r.id', 'desc').execute(),

    /** The run with the names of its parameter set and author. */
    getRun: (id: number, executor: Db = db) => runViews(executor).where('r.id', '=', id).executeTakeFirst(),

    /**
     * Per run, what the viewer's scope holds: schools, municipalities with schools, and how many of
     * those municipalities proposed the list.
     */
    async scopedRunCounts(scope: SchoolScope, runIds?: number[]) {
      const only = runIds ? sql`and rs.run_id = any(${runIds}::int[])` : sql``;
      const muni =
        scope.kind === 'all'
          ? sql<boolean>`true`
          : scope.kind === 'municipality'
            ? sql<boolean>`p.municipality_id = ${scope.municipalityId}`
            : sql<boolean>`false`;
      const onlyP = runIds ? sql`and p.run_id = any(${runIds}::int[])` : sql``;
      const [schools, proposals] = await Promise.all([
        sql<{ run_id: number; schools: number; municipalities: number }>`
          select rs.run_id, count(*)::int as schools, count(distinct rs.municipality_id)::int as municipalities
          from identification_run_school rs
          where ${scopeSql(scope)} ${only}
          group by rs.run_id`.execute(db),
        sql<{ run_id: number; n: number }>`
          select p.run_id, count(*)::int as n from identification_proposal p
          where ${muni} ${onlyP}
          group by p.run_id`.execute(db),
      ]);
      const out = new Map<number, { schools: number; municipalities: number; proposals: number }>();
      for (const r of schools.rows)
        out.set(r.run_id, { schools: r.schools, municipalities: r.municipalities, proposals: 0 });
      for (const r of proposals.rows) {
        const c = out.get(r.run_id) ?? { schools: 0, municipalities: 0, proposals: 0 };
        c.proposals = r.n;
        out.set(r.run_id, c);
      }
      return out;
    },

    lockRun: (tx: Db, id: number) =>
      tx.selectFrom('identification_run').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),

    /** The latest approved run of a year, if any. */
    approvedRunOf: (year: number) =>
      runViews(db)
        .where('r.year', '=', year)
        .where('r.list_status', '=', 'approved')
        .orderBy('r.approved_at', 'desc')
        .orderBy('r.id', 'desc')
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

    /**
     * A run and its rows (which have no foreign key to it: see migration 008). The caller holds the
     * run's lock (`lockRun`), as the store does, so that no rows are written behind the delete.
     */
    async deleteRun(tx: Db, id: number) {
      await tx.deleteFrom('identification_run_school').where('run_id', '=', id).execute();
      await tx.deleteFrom('identification_run').where('id', '=', id).execute();
    },

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
        figures: unknown;
        explanation: unknown;
        total: number;
      }>`
        select rs.school_id, s.code, s.short_name, rs.municipality_id, m.name as municipality_name, rs.display,
          rs.categories, rs.in_list, rs.rule_status, rs.participants, rs.share, rs.residual_z, rs.context_index,
          rs.figures, rs.explanation, count(*) over ()::int as total
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
        figures: unknown;
        explanation: unknown;
      }>`
        select rs.school_id, s.code, s.full_name, s.short_name, m.name as municipality_name, rs.display, rs.figures,
          rs.explanation
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
        params: unknown;
        fit: unknown;
        figures: unknown;
        explanation: unknown;
      }>`
        select r.id as run_id, r.year, r.list_status, r.order_number, r.order_date, r.created_at, rs.display,
          rs.categories, rs.in_list, r.params, r.fit, rs.figures, rs.explanation
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

/**
 * One row of `identification_run_school` as `copyRun` takes it (COPY's text format), straight into
 * `w`: the figures are written by `figures` (a JSON text, see `CopyTextWriter`), the explanation
 * is stored empty (it is rendered from the figures on read).
 */
export function writeRunSchoolRow(
  w: CopyTextWriter,
  runId: number,
  r: Omit<RunSchoolInsert, 'figures'>,
  figures: (w: CopyTextWriter) => void,
): void {
  w.num(runId);
  w.tab();
  w.num(r.schoolId);
  w.tab();
  w.num(r.municipalityId);
  w.tab();
  w.text(r.display);
  w.tab();
  w.byte(123); // {
  for (let i = 0; i < r.categories.length; i++) {
    if (i > 0) w.byte(44); // ,
    w.text(r.categories[i]!);
  }
  w.byte(125); // }
  w.tab();
  w.byte(r.inList ? 116 : 102); // t / f
  w.tab();
  w.text(r.ruleStatus);
  w.tab();
  w.num(r.participants);
  w.tab();
  w.numOrNull(r.share);
  w.tab();
  w.numOrNull(r.shrunken);
  w.tab();
  w.numOrNull(r.expected);
  w.tab();
  w.numOrNull(r.residualZ);
  w.tab();
  w.numOrNull(r.contextIndex);
  w.tab();
  figures(w);
  w.tab();
  w.ascii('[]');
  w.newline();
}

/**
 * Store a computed run on PostgreSQL in one transaction of its own connection: lock the run (still
 * 'running', else nothing is stored and false is returned), `COPY … FROM STDIN` of every school's
 * row (chunks of rows as `writeRunSchoolRow` writes them, fed one at a time while the server
 * stores the previous one; a third faster than the unnest inserts at 45,000 schools), and mark the
 * run done with what `done` gives once every chunk was taken. PGlite has no COPY stream: the
 * service uses `insertRunSchools` there.
 */
export async function copyRun(
  pool: pg.Pool,
  runId: number,
  chunks: () => Iterable<Buffer>,
  done: () => { fingerprint: string; summary: string; fit: string; school_count: number },
): Promise<boolean> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('begin');
    const locked = await client.query<{ status: string }>(
      'select status from identification_run where id = $1 for update',
      [runId],
    );
    if (locked.rows[0]?.status !== 'running') {
      await client.query('rollback');
      return false;
    }
    const stream = client.query(
      copyFrom(`copy identification_run_school (run_id, school_id, municipality_id, display, categories, in_list,
        rule_status, participants, share, shrunken, expected, residual_z, context_index, figures, explanation)
        from stdin`),
    );
    await pipeline(Readable.from(chunks()), stream);
    const d = done();
    await client.query(
      `update identification_run set status = 'done', error = null, fingerprint = $2, summary = $3, fit = $4,
        school_count = $5 where id = $1`,
      [runId, d.fingerprint, d.summary, d.fit, d.school_count],
    );
    await client.query('commit');
    return true;
  } catch (e) {
    broken = e instanceof Error ? e : new Error(String(e));
    await client.query('rollback').catch(() => {});
    throw e;
  } finally {
    client.release(broken);
  }
}

/** The generator's hidden truth of the demo schools (never shown in the UI; for scoring only). */
export async function groundTruth(db: Db) {
  const r = await sql<{ school_id: number; latent_quality: number }>`
    select school_id, latent_quality from school_ground_truth`.execute(db);
  return r.rows.map((x) => ({ schoolId: x.school_id, latentQuality: x.latent_quality }));
}
