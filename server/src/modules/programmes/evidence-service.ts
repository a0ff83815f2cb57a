import type { Database } from '../../platform/db/index.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ensure, policies, type ProgrammeRef } from '../../platform/auth/policies.js';
import { AppError, notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit/audit.js';
import { postgresFileStore, type FileStore } from '../../platform/files/index.js';
import { programmesRepository } from './repository.js';

/** File types accepted as evidence: extension → MIME type and a check of the content's first bytes. */
const PDF = (d: Buffer) => d.subarray(0, 5).toString('latin1') === '%PDF-';
const ZIP = (d: Buffer) => d.length >= 4 && d[0] === 0x50 && d[1] === 0x4b && d[2]! < 9;
const OLE = (d: Buffer) =>
  d.length >= 8 && d.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
const TEXT = (d: Buffer) => !d.subarray(0, 64 * 1024).includes(0);
export const EVIDENCE_TYPES: Record<string, { mime: string; sniff: (d: Buffer) => boolean }> = {
  pdf: { mime: 'application/pdf', sniff: PDF },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', sniff: ZIP },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', sniff: ZIP },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', sniff: ZIP },
  doc: { mime: 'application/msword', sniff: OLE },
  xls: { mime: 'application/vnd.ms-excel', sniff: OLE },
  odt: { mime: 'application/vnd.oasis.opendocument.text', sniff: ZIP },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', sniff: ZIP },
  odp: { mime: 'application/vnd.oasis.opendocument.presentation', sniff: ZIP },
  rtf: { mime: 'application/rtf', sniff: (d) => d.subarray(0, 5).toString('latin1') === '{\\rtf' },
  txt: { mime: 'text/plain; charset=utf-8', sniff: TEXT },
  csv: { mime: 'text/csv; charset=utf-8', sniff: TEXT },
  jpg: { mime: 'image/jpeg', sniff: (d) => d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff },
  jpeg: { mime: 'image/jpeg', sniff: (d) => d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff },
  png: {
    mime: 'image/png',
    sniff: (d) => d.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  gif: { mime: 'image/gif', sniff: (d) => d.subarray(0, 4).toString('latin1') === 'GIF8' },
  zip: { mime: 'application/zip', sniff: ZIP },
};

export function evidenceMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.ROST_EVIDENCE_MAX_MB || 10);
  return Math.max(1, Number.isFinite(mb) ? mb : 10) * 1024 * 1024;
}

function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** Refuse a forbidden type or a content that does not match its extension; the stored MIME type. */
export function checkEvidenceFile(name: string, data: Buffer, maxBytes: number): string {
  if (data.length > maxBytes)
    throw new AppError('evidence.tooLarge', { name, mb: Math.round(maxBytes / 1024 / 1024) }, 413);
  const ext = extensionOf(name);
  const type = EVIDENCE_TYPES[ext];
  if (!type)
    throw new AppError(
      'evidence.forbiddenType',
      { name, ext: ext || '—', allowed: Object.keys(EVIDENCE_TYPES).join(', ') },
      415,
    );
  if (data.length === 0 || !type.sniff(data)) throw new AppError('evidence.typeMismatch', { name, ext }, 415);
  return type.mime;
}

export function evidenceService(database: Database, files: FileStore = postgresFileStore()) {
  const { db } = database;
  const repo = programmesRepository(db);

  async function activityFor(p: Principal, activityId: number) {
    const a = await repo.activity(activityId);
    const ref: ProgrammeRef | undefined = a && {
      level: a.programme_level,
      municipalityId: a.programme_municipality_id,
      schoolId: a.programme_school_id,
    };
    if (!a || !ref || !policies.canReadProgramme(p, ref)) throw notFound();
    return { a, ref };
  }
  async function executable(p: Principal, activityId: number, occurrenceId: number | null) {
    const { a, ref } = await activityFor(p, activityId);
    const execs = (await repo.executors([a.id])).map((e) => e.id);
    ensure(policies.canExecuteActivity(p, ref, execs));
    if (a.programme_status === 'completed') throw new AppError('programmes.notEditable', {}, 409);
    if (occurrenceId !== null) {
      const o = await repo.occurrence(occurrenceId);
      if (!o || o.activity_id !== activityId)
        throw new AppError('programmes.occurrenceUnknown', { id: occurrenceId }, 404);
    }
    return { a, ref };
  }
  const short = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

  async function notifyReviewers(
    tx: Database['db'],
    p: Principal,
    a: { id: number; programme_id: number; text: string; programme_name: string },
    ref: ProgrammeRef,
    evidenceId: number,
    title: string,
  ) {
    const reviewers = (await repo.reviewers(ref, tx)).filter((id) => id !== p.id);
    await repo.notify(
      tx,
      reviewers.map((user_id) => ({
        user_id,
        kind: 'evidence_submitted',
        message_key: 'notify.evidenceSubmitted',
        params: JSON.stringify({
          activity: short(a.text),
          programme: short(a.programme_name, 80),
          title: short(title, 80),
        }),
        programme_id: a.programme_id,
        activity_id: a.id,
        dedupe_key: `evidence:${evidenceId}`,
      })),
    );
  }

  return {
    /** Refuse before the upload is read: the user must be able to attach evidence to this activity. */
    async checkUpload(p: Principal, activityId: number) {
      await executable(p, activityId, null);
    },

    /** Readable evidence list of an activity. */
    async list(p: Principal, activityId: number) {
      await activityFor(p, activityId);
      return repo.evidenceOf(activityId);
    },

    async upload(
      p: Principal,
      activityId: number,
      f: { fileName: string; data: Buffer; title?: string | undefined; occurrenceId: number | null },
      maxBytes: number,
    ) {
      const { a, ref } = await executable(p, activityId, f.occurrenceId);
      const mime = checkEvidenceFile(f.fileName, f.data, maxBytes);
      const title = (f.title ?? '').trim() || f.fileName;
      return db.transaction().execute(async (tx) => {
        const file = await files.put(tx, { name: f.fileName, mime, data: f.data, createdBy: p.id });
        const row = await repo.insertEvidence(tx, {
          activity_id: activityId,
          occurrence_id: f.occurrenceId,
          kind: 'file',
          file_id: file.id,
          url: null,
          title: title.slice(0, 500),
          created_by: p.id > 0 ? p.id : null,
        });
        await notifyReviewers(tx, p, a, ref, row.id, row.title);
        await audit(tx, p, {
          action: 'create',
          entity: 'evidence',
          entityId: row.id,
          summary: `${a.number ?? a.id}: ${f.fileName}`,
          after: {
            activityId,
            occurrenceId: f.occurrenceId,
            file: f.fileName,
            size: file.size,
            sha256: file.sha256,
          },
        });
        return row.id;
      });
    },

    async addLink(
      p: Principal,
      activityId: number,
      input: { url: string; title: string; occurrenceId?: number | null | undefined },
    ) {
      const occurrenceId = input.occurrenceId ?? null;
      const { a, ref } = await executable(p, activityId, occurrenceId);
      let url: URL;
      try {
        url = new URL(input.url);
      } catch {
        throw new AppError('evidence.badUrl');
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('evidence.badUrl');
      return db.transaction().execute(async (tx) => {
        const row = await repo.insertEvidence(tx, {
          activity_id: activityId,
          occurrence_id: occurrenceId,
          kind: 'link',
          file_id: null,
          url: url.toString(),
          title: input.title,
          created_by: p.id > 0 ? p.id : null,
        });
        await notifyReviewers(tx, p, a, ref, row.id, row.title);
        await audit(tx, p, {
          action: 'create',
          entity: 'evidence',
          entityId: row.id,
          summary: `${a.number ?? a.id}: ${url.toString()}`,
          after: { activityId, occurrenceId, url: url.toString(), title: input.title },
        });
        return row.id;
      });
    },

    async download(p: Principal, evidenceId: number) {
      const e = await repo.evidence(evidenceId);
      if (!e) throw notFound();
      await activityFor(p, e.activity_id);
      if (!e.file_id) throw new AppError('evidence.noFile', {}, 404);
      const f = await files.get(db, e.file_id);
      if (!f) throw new AppError('evidence.noFile', {}, 404);
      return f;
    },

    async review(
      p: Principal,
      evidenceId: number,
      input: { decision: 'accepted' | 'returned'; comment?: string | null | undefined },
    ) {
      const e = await repo.evidence(evidenceId);
      if (!e) throw notFound();
      const { a, ref } = await activityFor(p, e.activity_id);
      ensure(policies.canReviewEvidence(p, ref));
      const comment = input.comment?.trim() || null;
      if (input.decision === 'returned' && !comment) throw new AppError('evidence.returnNeedsComment');
      return db.transaction().execute(async (tx) => {
        const row = await repo.reviewEvidence(tx, evidenceId, {
          review_status: input.decision,
          review_comment: comment,
          reviewed_by: p.id > 0 ? p.id : null,
          reviewed_at: new Date(),
        });
        if (e.created_by && e.created_by !== p.id)
          await repo.notify(tx, [
            {
              user_id: e.created_by,
              kind: input.decision === 'accepted' ? 'evidence_accepted' : 'evidence_returned',
              message_key:
                input.decision === 'accepted' ? 'notify.evidenceAccepted' : 'notify.evidenceReturned',
              params: JSON.stringify({
                activity: short(a.text),
                title: short(e.title, 80),
                comment: comment ?? '',
              }),
              programme_id: a.programme_id,
              activity_id: a.id,
              dedupe_key: `review:${evidenceId}:${Date.now()}`,
            },
          ]);
        await audit(tx, p, {
          action: 'review',
          entity: 'evidence',
          entityId: evidenceId,
          summary: `${e.review_status} → ${input.decision}`,
          before: { reviewStatus: e.review_status, reviewComment: e.review_comment },
          after: { reviewStatus: row.review_status, reviewComment: row.review_comment },
        });
        return e.activity_id;
      });
    },

    async remove(p: Principal, evidenceId: number) {
      const e = await repo.evidence(evidenceId);
      if (!e) throw notFound();
      const { a, ref } = await activityFor(p, e.activity_id);
      const execs = (await repo.executors([a.id])).map((x) => x.id);
      ensure(e.created_by === p.id || policies.canEditProgramme(p, ref));
      ensure(policies.canExecuteActivity(p, ref, execs) || e.created_by === p.id);
      if (e.review_status === 'accepted') throw new AppError('evidence.alreadyReviewed', {}, 409);
      await db.transaction().execute(async (tx) => {
        await repo.deleteEvidence(tx, evidenceId);
        if (e.file_id) await files.remove(tx, e.file_id);
        await audit(tx, p, {
          action: 'delete',
          entity: 'evidence',
          entityId: evidenceId,
          summary: e.title,
          before: { activityId: e.activity_id, kind: e.kind, title: e.title, url: e.url },
        });
      });
      return e.activity_id;
    },
  };
}
