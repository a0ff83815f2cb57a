/**
 * Use cases of a results import: upload → parse (in the request for small files, as a background
 * job for large ones) → preview → resolve unmatched schools → commit all-or-nothing in one
 * transaction → history and roll-back. Access is checked here; every write is audited in the
 * same transaction.
 */
import { createHash } from 'node:crypto';
import type { Database, Db } from '../../platform/db/index.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ensure } from '../../platform/auth/policies.js';
import { AppError, notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit/audit.js';
import { enqueue, wakeWorkers, type JobHandlers } from '../../platform/jobs/queue.js';
import { jobsRepository } from '../../platform/jobs/repository.js';
import { translate, type Locale } from '../../../../common/src/i18n/index.js';
import { SchoolMatcher } from './domain/match.js';
import type { ImportMapping } from './domain/layout.js';
import type { Problem } from './domain/types.js';
import { parseResults, type ParseOutput, type SheetSummary } from './parse.js';
import type { ByteSource } from './reader.js';
import { resultsRepository } from './repository.js';
import { copySchoolsAndGroups, openStudentCopy } from './copy-writer.js';
import { resultsPolicies } from './policies.js';
import type { ImportStatus } from './schema.js';
import { VIEW_SCHOOLS } from '../../../../common/src/schemas/results.js';

/** What the user says about a file when uploading it (all optional). */
export interface ImportOptions {
  procedure?: string | undefined;
  year?: number | undefined;
  grade?: number | undefined;
  subject?: string | undefined;
  templateId?: number | undefined;
  subjects?: Record<string, string | null> | undefined;
  columns?: ImportMapping['columns'];
}

export interface ResultsServiceOptions {
  /** Files up to this size are parsed in the request; larger ones by a background job. */
  syncMaxBytes?: number;
  /** Upload size limit. */
  maxBytes?: number;
  /**
   * Worker threads that read a large student-level CSV file on PostgreSQL (1: none, the file is
   * read in the request's thread by parts, which measured faster on two cores).
   */
  parseWorkers?: number;
  /** Test hooks: from which size a file is read in parallel, and the size of its chunks. */
  parallelMinBytes?: number;
  parseChunkBytes?: number;
  /** Test hook: runs inside the commit transaction after the rows are written. */
  afterCommitWrites?: (tx: Db) => Promise<void>;
}

export const PARSE_JOB = 'results.parse';
const CHUNK_BYTES = 1 << 20;
const STORED_PROBLEMS = 5000;
const SHOWN_PROBLEMS = 1000;

export function defaultLimits() {
  return {
    syncMaxBytes: Number(process.env.ROST_RESULTS_SYNC_MAX_KB || 1024) * 1024,
    maxBytes: Number(process.env.ROST_RESULTS_MAX_UPLOAD_MB || 200) * 1024 * 1024,
    parseWorkers: Number(process.env.ROST_PARSE_WORKERS || 1),
  };
}

function mappingOf(o: ImportOptions, template: ImportMapping | null): ImportMapping {
  const m: ImportMapping = { ...(template ?? {}) };
  if (o.procedure) m.procedure = o.procedure;
  if (o.year) m.year = o.year;
  if (o.grade) m.grade = o.grade;
  if (o.subject) m.subject = o.subject;
  if (o.subjects) m.subjects = { ...(m.subjects ?? {}), ...o.subjects };
  if (o.columns) m.columns = { ...(m.columns ?? {}), ...o.columns };
  return m;
}

/**
 * A byte source that hashes what passes through it (the file's fingerprint): the hash of the last
 * reading that went to the end (a parse may read the first rows, then the whole file again).
 */
function fingerprinting(src: ByteSource) {
  let digest = '';
  return {
    source: {
      size: src.size,
      async *open() {
        const hash = createHash('sha256');
        for await (const b of src.open()) {
          hash.update(b);
          yield b;
        }
        digest = hash.digest('hex');
      },
    } satisfies ByteSource,
    digest: () => digest,
  };
}

/** The principal as recorded in audit and user columns: the command line (id 0) is the system. */
const actor = (p: Principal) => (p.id > 0 ? p : null);
const actorId = (p: Principal) => (p.id > 0 ? p.id : null);

export function resultsImportService(database: Database, opts: ResultsServiceOptions = {}) {
  const { db } = database;
  const repo = resultsRepository(db);
  const limits = { ...defaultLimits(), ...opts };

  async function checkOptions(o: ImportOptions) {
    const catalog = await repo.catalog();
    if (o.procedure && !catalog.procedures.some((p) => p.code === o.procedure)) {
      throw new AppError('results.unknownProcedureCode', { code: o.procedure });
    }
    const subjects = new Set(catalog.subjects.map((s) => s.code));
    for (const s of [
      o.subject,
      ...Object.values(o.subjects ?? {}),
      ...Object.values(o.columns ?? {}).map((c) => c?.subject),
    ]) {
      if (s && !subjects.has(s)) throw new AppError('results.unknownSubjectCode', { code: s });
    }
    if (o.templateId !== undefined && !(await repo.template(o.templateId))) throw notFound();
  }

  /** The import if the user may see it (else 404: existence must not leak). */
  async function visible(p: Principal, id: number) {
    const imp = await repo.getImport(id);
    if (!imp || !resultsPolicies.canSeeImport(p, imp)) throw notFound();
    return imp;
  }

  function badStatus(status: ImportStatus) {
    return new AppError('results.badStatus', { status: translate('ru', `results.status.${status}`) }, 409);
  }

  async function matcherFor(municipalityId: number | null) {
    const [registry, memory] = await Promise.all([repo.registry(), repo.memory()]);
    return new SchoolMatcher(registry.schools, registry.municipalities, memory, {
      onlyMunicipalityId: municipalityId,
    });
  }

  async function templates() {
    const list = await repo.templates();
    const bySignature = new Map(list.map((t) => [t.signature, t]));
    return (signature: string) => {
      const t = bySignature.get(signature);
      return t ? { id: t.id, mapping: t.mapping as ImportMapping } : null;
    };
  }

  /**
   * Parse the file of an import into the staging tables. Student rows are written chunk by chunk
   * as they stream (short statements, so PGlite's single connection stays available); the rest in
   * one transaction at the end. On failure nothing of the import stays staged.
   */
  async function parseInto(
    importId: number,
    source: ByteSource,
    fileName: string,
    o: ImportOptions,
    municipalityId: number | null,
    progress?: (fraction: number) => Promise<void>,
    signal?: AbortSignal,
  ): Promise<ParseOutput> {
    await db.transaction().execute(async (tx) => {
      // An import never parsed has nothing staged (deleting its student rows anyway scans the
      // index's unsummarised ranges: ≈0.1 s after a million staged rows).
      if ((await repo.lockImport(tx, importId))?.status !== 'uploaded') await repo.clearStaging(tx, importId);
      await repo.updateImport(tx, importId, { status: 'parsing' });
    });
    // PostgreSQL: student rows stream into one COPY while the file is parsed; PGlite: chunked inserts.
    const copy = database.pgPool ? await openStudentCopy(database.pgPool, importId) : null;
    // The commit's plans need statistics of the current aggregates: taken meanwhile, on a
    // connection of their own (PostgreSQL has a core to spare while the file is parsed).
    const statistics = repo.refreshAggregateStatistics();
    statistics.catch(() => {});
    try {
      const template = o.templateId !== undefined ? await repo.template(o.templateId) : undefined;
      const out = await parseResults({
        fileName,
        source,
        catalog: await repo.catalog(),
        matcher: await matcherFor(municipalityId),
        mapping: mappingOf(o, (template?.mapping as ImportMapping | undefined) ?? null),
        ...(template ? {} : { templateFor: await templates() }),
        onStudents: copy ? (rows) => copy.write(rows) : (rows) => repo.insertStudents(db, importId, rows),
        ...(copy
          ? {
              copy: {
                importId,
                write: (bytes: Buffer) => copy.writeBytes(bytes),
                workers: limits.parseWorkers,
                ...(opts.parallelMinBytes !== undefined ? { minBytes: opts.parallelMinBytes } : {}),
                ...(opts.parseChunkBytes !== undefined ? { chunkBytes: opts.parseChunkBytes } : {}),
              },
            }
          : {}),
        parallelWrites: copy ? 1 : database.kind === 'postgres' ? 3 : 1,
        ...(progress ? { onProgress: progress } : {}),
        ...(signal ? { signal } : {}),
        maxProblems: STORED_PROBLEMS,
      });
      await copy?.end();
      await statistics;
      if (database.pgPool) await copySchoolsAndGroups(database.pgPool, importId, out.schools, out.groups);
      await db.transaction().execute(async (tx) => {
        if (!database.pgPool) {
          await repo.insertSchools(tx, importId, out.schools);
          await repo.insertGroups(tx, importId, out.groups);
        }
        await repo.insertCoverage(tx, importId, out.coverage);
        await repo.analyzeStaging(tx);
        await repo.updateImport(tx, importId, {
          status: 'parsed',
          format: out.format,
          kind: out.kind,
          template_id: template?.id ?? out.sheets.find((s) => s.template !== null)?.template ?? null,
          problems: JSON.stringify(out.problems),
          problem_count: out.problemCount,
          error_count: out.fileErrors,
          summary: JSON.stringify({
            stats: out.stats,
            sheets: out.sheets,
            groups: out.groups.length,
            schools: out.schools.length,
            students: out.stats.students,
          }),
        });
      });
      return out;
    } catch (e) {
      await copy?.abort();
      await db.transaction().execute(async (tx) => {
        await repo.clearStaging(tx, importId);
        await repo.updateImport(tx, importId, {
          status: 'failed',
          summary: JSON.stringify({
            error:
              e instanceof AppError
                ? { key: e.code, params: e.params }
                : { key: 'error.internal', params: {}, detail: e instanceof Error ? e.message : String(e) },
          }),
        });
      });
      throw e;
    }
  }

  function chunkSource(importId: number, size: number): ByteSource {
    return {
      size,
      async *open() {
        for (let seq = 0; ; seq++) {
          const b = await repo.chunk(importId, seq);
          if (!b) return;
          yield b;
        }
      },
    };
  }

  /** Parse a stored upload now or in the background, by its size. */
  async function schedule(p: Principal, importId: number, size: number, fileName: string, o: ImportOptions) {
    if (size <= limits.syncMaxBytes) {
      await parseInto(
        importId,
        chunkSource(importId, size),
        fileName,
        o,
        resultsPolicies.importMunicipality(p),
      );
      return { jobId: null };
    }
    const jobId = await db.transaction().execute(async (tx) => {
      const id = await enqueue(tx, { kind: PARSE_JOB, payload: { importId }, ownerId: p.id });
      await repo.updateImport(tx, importId, { status: 'parsing', job_id: id });
      return id;
    });
    wakeWorkers();
    return { jobId };
  }

  function renderProblems(locale: Locale, problems: Problem[]) {
    return problems.map((x) => ({
      ...x,
      schoolKey: x.schoolKey ?? null,
      message: translate(locale, x.key, x.params),
    }));
  }

  function schoolOut(k: Awaited<ReturnType<typeof repo.importSchools>>[number], locale: Locale) {
    return {
      key: k.key,
      name: k.name,
      code: k.code,
      municipality: k.municipality,
      municipalityId: k.municipality_id,
      municipalityName: k.municipality_name,
      rows: k.rows,
      errors: k.errors,
      sheet: k.sheet,
      row: k.row,
      status: k.status,
      statusLabel: translate(locale, `results.match.${k.status}`),
      schoolId: k.school_id,
      schoolName: k.school_name,
      schoolCode: k.school_code,
      candidates: k.candidates as Array<{
        schoolId: number;
        code: string;
        name: string;
        municipalityId: number;
        score: number;
      }>,
    };
  }

  async function view(p: Principal, id: number, locale: Locale) {
    let imp = await visible(p, id);
    if (imp.status === 'parsing' && imp.job_id) {
      const job = await jobsRepository(db).get(imp.job_id);
      if (!job || job.status === 'failed') {
        await db.transaction().execute(async (tx) => {
          await repo.clearStaging(tx, id);
          await repo.updateImport(tx, id, {
            status: 'failed',
            summary: JSON.stringify({ error: job?.error ?? { key: 'jobs.abandoned', params: {} } }),
          });
        });
        imp = (await repo.getImport(id))!;
      }
    }
    const keys = await repo.importSchools(id);
    const summary = imp.summary as {
      stats?: ParseOutput['stats'];
      sheets?: SheetSummary[];
      groups?: number;
      students?: number;
      result?: { inserted: number; replaced: number; unchanged: number };
      error?: { key: string; params: Record<string, string | number> };
    };
    const problems = imp.problems as Problem[];
    const excluded = new Set(keys.filter((k) => k.status === 'excluded').map((k) => k.key));
    const schoolProblems: Problem[] = [];
    for (const k of keys) {
      const key =
        k.status === 'unmatched'
          ? 'results.schoolUnmatched'
          : k.status === 'ambiguous'
            ? 'results.schoolAmbiguous'
            : k.status === 'forbidden'
              ? 'results.schoolForbidden'
              : null;
      if (!key) continue;
      schoolProblems.push({
        file: imp.file_name,
        sheet: k.sheet ?? '',
        row: k.row ?? 0,
        column: '',
        field: 'school',
        key,
        params: {
          name: k.name,
          municipality: k.municipality ?? '—',
          count: (k.candidates as unknown[]).length,
        },
        severity: 'error',
        schoolKey: k.key,
      });
    }
    const rowErrors = keys.filter((k) => k.status !== 'excluded').reduce((s, k) => s + k.errors, 0);
    const unresolved = schoolProblems.length;
    const blocking = imp.error_count + rowErrors + unresolved;
    const same = imp.status === 'parsed' ? await repo.sameFile(imp.fingerprint, id) : undefined;
    const info: Problem[] = same
      ? [
          {
            file: imp.file_name,
            sheet: '',
            row: 0,
            column: '',
            field: '',
            key: 'results.duplicateFile',
            params: {
              id: same.id,
              at: same.committed_at?.toLocaleString('ru-RU', { timeZone: 'Europe/Moscow' }) ?? '',
              who: same.who ?? '—',
            },
            severity: 'warning',
          },
        ]
      : [];
    const shown = [...info, ...schoolProblems, ...problems]
      .map((x) =>
        x.schoolKey !== undefined && excluded.has(x.schoolKey) ? { ...x, severity: 'warning' as const } : x,
      )
      .slice(0, SHOWN_PROBLEMS);
    return {
      id: imp.id,
      fileName: imp.file_name,
      fileSize: imp.file_size,
      format: imp.format,
      kind: imp.kind,
      status: imp.status,
      statusLabel: translate(locale, `results.status.${imp.status}`),
      jobId: imp.job_id,
      templateId: imp.template_id,
      options: imp.options as ImportOptions,
      createdAt: imp.created_at.toISOString(),
      createdBy: imp.created_by_name,
      committedAt: imp.committed_at?.toISOString() ?? null,
      committedBy: imp.committed_by_name,
      rolledBackAt: imp.rolled_back_at?.toISOString() ?? null,
      rolledBackBy: imp.rolled_back_by_name,
      error: summary.error
        ? { code: summary.error.key, message: translate(locale, summary.error.key, summary.error.params) }
        : null,
      sheets: summary.sheets ?? [],
      stats: summary.stats ?? null,
      counts: {
        schools: keys.length,
        matched: keys.filter((k) => ['code', 'name', 'memory', 'manual'].includes(k.status)).length,
        unresolved,
        excluded: excluded.size,
        groups: summary.groups ?? 0,
        students: summary.students ?? 0,
        problems: imp.problem_count + unresolved + info.length,
        blocking,
      },
      result: summary.result ?? null,
      duplicateOf: same ? same.id : null,
      canCommit: imp.status === 'parsed' && blocking === 0,
      schools: keys.slice(0, VIEW_SCHOOLS).map((k) => schoolOut(k, locale)),
      problems: renderProblems(locale, shown),
    };
  }

  async function createImport(
    p: Principal,
    fileName: string,
    o: ImportOptions,
    size: number,
    fingerprint: string,
  ) {
    return db.transaction().execute(async (tx) => {
      const row = await repo.insertImport(tx, {
        file_name: fileName,
        file_size: size,
        fingerprint,
        status: 'uploaded',
        options: JSON.stringify(o),
        template_id: o.templateId ?? null,
        municipality_id: resultsPolicies.importMunicipality(p),
        created_by: actorId(p),
      });
      await audit(tx, actor(p), {
        action: 'upload',
        entity: 'result_import',
        entityId: row.id,
        summary: fileName,
        after: { fileName, size, options: o },
      });
      return row.id;
    });
  }

  return {
    /** Store an uploaded file in the database, streamed in 1 MB chunks; nothing is parsed yet. */
    async store(p: Principal, fileName: string, stream: AsyncIterable<Buffer>) {
      ensure(resultsPolicies.canImport(p));
      const id = await createImport(p, fileName, {}, 0, '');
      const hash = createHash('sha256');
      let size = 0;
      let seq = 0;
      let pending: Buffer[] = [];
      let pendingLen = 0;
      const flush = async () => {
        if (!pendingLen) return;
        await repo.appendChunk(db, id, seq++, Buffer.concat(pending));
        pending = [];
        pendingLen = 0;
      };
      try {
        for await (const b of stream) {
          size += b.length;
          if (size > limits.maxBytes) {
            throw new AppError('results.tooLarge', { mb: Math.round(limits.maxBytes / 1048576) }, 413);
          }
          hash.update(b);
          pending.push(b);
          pendingLen += b.length;
          if (pendingLen >= CHUNK_BYTES) await flush();
        }
        await flush();
      } catch (e) {
        await this.fail(id);
        throw e;
      }
      await db
        .transaction()
        .execute((tx) => repo.updateImport(tx, id, { file_size: size, fingerprint: hash.digest('hex') }));
      return id;
    },

    /** Mark a stored upload that cannot go on as failed and drop its bytes. */
    async fail(id: number) {
      await db.transaction().execute(async (tx) => {
        await repo.deleteChunks(tx, id);
        await repo.updateImport(tx, id, { status: 'failed' });
      });
    },

    /** Parse a stored upload with the given options: in the request when small, else by a background job. */
    async start(p: Principal, id: number, o: ImportOptions) {
      ensure(resultsPolicies.canImport(p));
      const imp = await visible(p, id);
      if (imp.status !== 'uploaded') throw badStatus(imp.status);
      try {
        await checkOptions(o);
      } catch (e) {
        await this.fail(id);
        throw e;
      }
      await db
        .transaction()
        .execute((tx) =>
          repo.updateImport(tx, id, { options: JSON.stringify(o), template_id: o.templateId ?? null }),
        );
      const { jobId } = await schedule(p, id, imp.file_size, imp.file_name, o);
      return { id, jobId };
    },

    /** Store and start in one call. */
    async upload(p: Principal, fileName: string, stream: AsyncIterable<Buffer>, o: ImportOptions) {
      const id = await this.store(p, fileName, stream);
      return this.start(p, id, o);
    },

    /** The background job's work: parse a stored upload. */
    async parseStored(importId: number, progress?: (f: number) => Promise<void>, signal?: AbortSignal) {
      const imp = await repo.getImport(importId);
      if (!imp) throw notFound();
      const out = await parseInto(
        importId,
        chunkSource(importId, imp.file_size),
        imp.file_name,
        imp.options as ImportOptions,
        imp.municipality_id,
        progress,
        signal,
      );
      return {
        importId,
        groups: out.groups.length,
        students: out.stats.students,
        problems: out.problemCount,
      };
    },

    /** Parse a file from a source (CLI, benchmark) into a new import, without storing the file. */
    async importSource(p: Principal, fileName: string, src: ByteSource, o: ImportOptions) {
      ensure(resultsPolicies.canImport(p));
      await checkOptions(o);
      const id = await createImport(p, fileName, o, src.size, '');
      const fp = fingerprinting(src);
      await parseInto(id, fp.source, fileName, o, resultsPolicies.importMunicipality(p));
      await db.transaction().execute((tx) => repo.updateImport(tx, id, { fingerprint: fp.digest() }));
      return id;
    },

    /** What an import would write, without writing anything. */
    async dryRun(p: Principal, fileName: string, src: ByteSource, o: ImportOptions) {
      ensure(resultsPolicies.canImport(p));
      await checkOptions(o);
      const template = o.templateId !== undefined ? await repo.template(o.templateId) : undefined;
      const catalog = await repo.catalog();
      const matcher = await matcherFor(resultsPolicies.importMunicipality(p));
      const out = await parseResults({
        fileName,
        source: src,
        catalog,
        matcher,
        mapping: mappingOf(o, (template?.mapping as ImportMapping | undefined) ?? null),
        ...(template ? {} : { templateFor: await templates() }),
      });
      return { out, matcher };
    },

    view,

    /** The schools of an import page by page (the preview carries only the first ones). */
    async schools(
      p: Principal,
      id: number,
      q: { page: number; pageSize: number; review: 'all' | 'open' | 'decided' },
      locale: Locale,
    ) {
      await visible(p, id);
      const { total, rows } = await repo.importSchoolsPage(id, q);
      return { total, page: q.page, pageSize: q.pageSize, items: rows.map((k) => schoolOut(k, locale)) };
    },

    async rows(
      p: Principal,
      id: number,
      q: { page: number; pageSize: number; schoolKey?: number | undefined },
    ) {
      const imp = await visible(p, id);
      const { total, rows } = await repo.importRows(id, q);
      return {
        total,
        page: q.page,
        pageSize: q.pageSize,
        items: rows.map((r) => ({
          schoolKey: r.school_key,
          fileName: r.file_name,
          status: r.status,
          schoolId: r.school_id,
          schoolName: r.school_name,
          schoolCode: r.school_code,
          procedure: r.procedure,
          subject: r.subject,
          grade: r.grade,
          year: r.year,
          participants: r.participants,
          belowMin: r.below_min,
          mark2: r.mark2,
          mark3: r.mark3,
          mark4: r.mark4,
          mark5: r.mark5,
          meanScore: r.mean_score,
          high80: r.high_80_99,
          high100: r.high_100,
          fromStudents: r.from_students,
          // the groups of a commit other than the unchanged ones were written as new
          outcome: r.outcome ?? (imp.committed_at ? ('new' as const) : null),
          sheet: r.sheet,
          row: r.row,
        })),
      };
    },

    /** Choose a school for rows of the file, or exclude them; each choice is remembered for later imports. */
    async resolve(
      p: Principal,
      id: number,
      decisions: Array<{ key: number; schoolId?: number | null | undefined; exclude?: boolean | undefined }>,
      locale: Locale,
    ) {
      ensure(resultsPolicies.canImport(p));
      const imp = await visible(p, id);
      if (imp.status !== 'parsed') throw badStatus(imp.status);
      const only = resultsPolicies.importMunicipality(p);
      const checked: Array<{ key: number; schoolId: number | null; norm: string; normMuni: string }> = [];
      for (const d of decisions) {
        const k = await repo.importSchool(db, id, d.key);
        if (!k) throw new AppError('results.unknownKey', { key: d.key }, 400);
        let schoolId: number | null = null;
        if (!d.exclude) {
          if (!d.schoolId) throw new AppError('results.badOptions', { detail: 'schoolId' }, 400);
          const s = await repo.schoolRef(d.schoolId);
          if (!s || (only !== null && s.municipality_id !== only)) {
            throw new AppError('results.schoolNotInScope', { id: d.schoolId }, 400);
          }
          schoolId = s.id;
        }
        checked.push({ key: d.key, schoolId, norm: k.norm_name, normMuni: k.norm_municipality });
      }
      await db.transaction().execute(async (tx) => {
        for (const c of checked) {
          await repo.decide(
            tx,
            id,
            c.key,
            c.schoolId,
            c.schoolId === null ? 'excluded' : 'manual',
            actorId(p),
          );
          await repo.remember(tx, c.norm, c.normMuni, c.schoolId, actorId(p));
        }
        await audit(tx, actor(p), {
          action: 'resolve',
          entity: 'result_import',
          entityId: id,
          summary: `${imp.file_name}: решений ${checked.length}`,
          after: checked.map((c) => ({ key: c.key, schoolId: c.schoolId })),
        });
      });
      return view(p, id, locale);
    },

    /** Parse the stored file again with other options (a subject for an unknown header, a year…). */
    async reparse(p: Principal, id: number, o: ImportOptions) {
      ensure(resultsPolicies.canImport(p));
      const imp = await visible(p, id);
      if (imp.status !== 'parsed' && imp.status !== 'failed') throw badStatus(imp.status);
      await checkOptions(o);
      if (!(await repo.chunk(id, 0))) throw badStatus(imp.status);
      await db.transaction().execute(async (tx) => {
        await repo.updateImport(tx, id, { options: JSON.stringify(o), template_id: o.templateId ?? null });
        await audit(tx, actor(p), { action: 'reparse', entity: 'result_import', entityId: id, after: o });
      });
      return schedule(p, id, imp.file_size, imp.file_name, o);
    },

    /** Write the import: everything or nothing, in one transaction. */
    async commit(p: Principal, id: number, locale: Locale) {
      ensure(resultsPolicies.canImport(p));
      const imp = await visible(p, id);
      if (imp.status !== 'parsed') throw badStatus(imp.status);
      /** The problems that stand in the way, as the import's page lists them. */
      const refuse = async () => {
        const current = await view(p, id, locale);
        return new AppError(
          'results.hasProblems',
          { count: current.counts.blocking },
          400,
          current.problems.filter((x) => x.severity === 'error').slice(0, 500),
        );
      };
      const result = await db.transaction().execute(async (tx) => {
        await repo.lockCommits(tx);
        const locked = await repo.lockImport(tx, id);
        if (!locked || locked.status !== 'parsed') throw badStatus(locked?.status ?? 'discarded');
        const b = await repo.blocking(tx, id);
        // nothing written yet: the problems are listed after the transaction
        if (locked.error_count + b.unresolved + b.row_errors > 0) return null;
        const dups = await repo.duplicates(tx, id);
        if (dups.length) {
          throw new AppError(
            'results.hasProblems',
            { count: dups.length },
            400,
            dups.map((d) => ({
              key: 'results.duplicateSchool',
              message: translate(locale, 'results.duplicateSchool', {
                first: d.first,
                second: d.second,
                school: d.school,
              }),
            })),
          );
        }
        const counts = await repo.commit(tx, id);
        await opts.afterCommitWrites?.(tx);
        const summary = {
          ...(locked.summary as Record<string, unknown>),
          result: { ...counts, excluded: b.excluded },
        };
        await repo.updateImport(tx, id, {
          status: 'committed',
          committed_by: actorId(p),
          committed_at: new Date(),
          summary: JSON.stringify(summary),
        });
        await repo.deleteChunks(tx, id);
        await audit(tx, actor(p), {
          action: 'import',
          entity: 'result_import',
          entityId: id,
          summary: `${imp.file_name}: новых ${counts.inserted}, заменено ${counts.replaced}, без изменений ${counts.unchanged}, исключено ОО ${b.excluded}`,
          after: { ...counts, excluded: b.excluded },
        });
        return { ...counts, excluded: b.excluded };
      });
      if (!result) throw await refuse();
      return { id, status: 'committed' as const, ...result };
    },

    /** Undo a committed import: its rows go, the rows it replaced come back. */
    async rollback(p: Principal, id: number) {
      ensure(resultsPolicies.canImport(p));
      const imp = await visible(p, id);
      if (imp.status !== 'committed') throw badStatus(imp.status);
      return db.transaction().execute(async (tx) => {
        await repo.lockCommits(tx);
        const locked = await repo.lockImport(tx, id);
        if (!locked || locked.status !== 'committed') throw badStatus(locked?.status ?? 'discarded');
        const r = await repo.rollback(tx, id);
        await repo.updateImport(tx, id, {
          status: 'rolled_back',
          rolled_back_by: actorId(p),
          rolled_back_at: new Date(),
        });
        await audit(tx, actor(p), {
          action: 'rollback',
          entity: 'result_import',
          entityId: id,
          summary: `${imp.file_name}: удалено строк ${r.removed}, восстановлено ${r.restored}`,
          after: r,
        });
        return { id, status: 'rolled_back' as const, ...r };
      });
    },

    /** Drop an import that was not written. */
    async discard(p: Principal, id: number) {
      ensure(resultsPolicies.canImport(p));
      const imp = await visible(p, id);
      if (!['uploaded', 'parsed', 'failed'].includes(imp.status)) throw badStatus(imp.status);
      await db.transaction().execute(async (tx) => {
        await repo.clearStaging(tx, id);
        await repo.deleteChunks(tx, id);
        await repo.updateImport(tx, id, { status: 'discarded' });
        await audit(tx, actor(p), {
          action: 'discard',
          entity: 'result_import',
          entityId: id,
          summary: imp.file_name,
        });
      });
      return { id, status: 'discarded' as const };
    },

    async history(p: Principal, q: { page: number; pageSize: number }, locale: Locale) {
      if (!resultsPolicies.canImport(p)) throw new AppError('error.forbidden');
      const { total, rows } = await repo.listImports({
        ...(p.role === 'regional_coordinator' ? {} : { createdBy: p.id }),
        ...q,
      });
      return {
        total,
        page: q.page,
        pageSize: q.pageSize,
        items: rows.map((r) => {
          const s = r.summary as {
            groups?: number;
            schools?: number;
            students?: number;
            result?: Record<string, number>;
          };
          return {
            id: r.id,
            fileName: r.file_name,
            fileSize: r.file_size,
            format: r.format,
            kind: r.kind,
            status: r.status,
            statusLabel: translate(locale, `results.status.${r.status}`),
            createdAt: r.created_at.toISOString(),
            createdBy: r.created_by_name,
            committedAt: r.committed_at?.toISOString() ?? null,
            rolledBackAt: r.rolled_back_at?.toISOString() ?? null,
            schools: s.schools ?? 0,
            groups: s.groups ?? 0,
            students: s.students ?? 0,
            problems: r.problem_count,
            inserted: s.result?.inserted ?? null,
            replaced: s.result?.replaced ?? null,
            unchanged: s.result?.unchanged ?? null,
            jobId: r.job_id,
          };
        }),
      };
    },

    jobHandlers(): JobHandlers {
      return {
        [PARSE_JOB]: async (ctx) =>
          this.parseStored(
            Number(ctx.payload.importId),
            (f) => ctx.progress(f, 'results.stage.reading', { percent: Math.round(f * 100) }),
            ctx.signal,
          ),
      };
    },
  };
}
export type ResultsImportService = ReturnType<typeof resultsImportService>;
