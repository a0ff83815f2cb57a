import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { Principal } from '../auth/principal.js';

export interface AuditRecord {
  action: 'create' | 'update' | 'delete' | 'import' | 'login' | string;
  entity: string;
  entityId: string | number | null;
  summary?: string;
  before?: unknown;
  after?: unknown;
}

/** Keep only the fields that changed, so that the log shows what an edit did. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k] ?? null;
      a[k] = after[k] ?? null;
    }
  }
  return { before: b, after: a, changed: Object.keys(a) };
}

/** Write an audit entry in the caller's transaction: the change and its record commit together. */
export async function audit(tx: Db, who: Principal | null, r: AuditRecord): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      user_id: who && who.id > 0 ? who.id : null, // id 0: the command line, not a user
      user_login: who?.login ?? 'system',
      action: r.action,
      entity: r.entity,
      entity_id: r.entityId === null ? null : String(r.entityId),
      summary: r.summary ?? null,
      before: r.before === undefined ? null : JSON.stringify(r.before),
      after: r.after === undefined ? null : JSON.stringify(r.after),
    })
    .execute();
}

export interface AuditFilter {
  entity?: string | undefined;
  entityId?: string | undefined;
  userLogin?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export function auditRepository(db: Db) {
  return {
    async list(f: AuditFilter) {
      let q = db.selectFrom('audit_log');
      if (f.entity) q = q.where('entity', '=', f.entity);
      if (f.entityId) q = q.where('entity_id', '=', f.entityId);
      if (f.userLogin) q = q.where(sql`lower(user_login)`, 'like', `%${f.userLogin.toLowerCase()}%`);
      if (f.action) q = q.where('action', '=', f.action);
      if (f.from) q = q.where('at', '>=', new Date(f.from));
      if (f.to) q = q.where('at', '<', new Date(new Date(f.to).getTime() + 86_400_000));
      const { total } = await q.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
      const rows = await q
        .selectAll()
        .orderBy('id', 'desc')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      return { total: Number(total), rows };
    },
    /** Who changed a record last and when (for rows that keep no author of their own). */
    lastChange(entity: string, entityId: string) {
      return db
        .selectFrom('audit_log')
        .select(['user_id', 'at'])
        .where('entity', '=', entity)
        .where('entity_id', '=', entityId)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
    },
    /** The history of one school: its own record and its context rows. */
    forSchool(schoolId: number, limit = 100) {
      return db
        .selectFrom('audit_log')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb.and([eb('entity', '=', 'school'), eb('entity_id', '=', String(schoolId))]),
            eb.and([eb('entity', '=', 'school_context'), eb('entity_id', 'like', `${schoolId}:%`)]),
          ]),
        )
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
    },
  };
}

export function presentAudit(r: {
  id: number;
  at: Date;
  user_login: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  summary: string | null;
  before: unknown;
  after: unknown;
}) {
  return {
    id: r.id,
    at: r.at.toISOString(),
    userLogin: r.user_login,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    summary: r.summary,
    before: r.before,
    after: r.after,
  };
}
