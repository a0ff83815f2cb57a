import type { Db } from './db/index.js';
import { AppError } from './errors.js';
import { auditRepository } from './audit/audit.js';

const defaultTimeZone = () => process.env.ROST_TIMEZONE ?? 'Europe/Moscow';

/**
 * The 409 of a concurrent change: who changed the record and when. The message (for API clients)
 * gives the time in `timeZone`; `details.conflict` gives it as ISO, and the web formats it in the
 * browser's zone.
 */
export async function conflictError(db: Db, userId: number | null, at: Date, timeZone = defaultTimeZone()) {
  const who = userId
    ? await db.selectFrom('app_user').select('full_name').where('id', '=', userId).executeTakeFirst()
    : undefined;
  const by = who?.full_name ?? '—';
  return new AppError('error.conflict', { by, at: at.toLocaleString('ru-RU', { timeZone }) }, 409, {
    conflict: { by, at: at.toISOString() },
  });
}

/** A conflict named after the last audit record of a row whose table keeps no author. */
export async function conflictFromAudit(
  db: Db,
  entity: string,
  entityId: string,
  at?: Date,
  timeZone?: string,
) {
  const last = await auditRepository(db).lastChange(entity, entityId);
  return conflictError(db, last?.user_id ?? null, at ?? (last ? new Date(last.at) : new Date()), timeZone);
}
