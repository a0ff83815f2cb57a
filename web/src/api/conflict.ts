/**
 * The text of a refused write, shared by every feature. A concurrent change (409 `error.conflict`)
 * carries who changed the record and when in `details.conflict` (an ISO instant): the message is told
 * again from the catalogue with the time in the reader's own zone, as every other time on the screens.
 * No React here (unit-tested).
 */
import { formatDateTime } from '../lib/format';

/** Who changed a record and when (an ISO instant), as a 409 `error.conflict` carries it in `details`. */
export function conflictOf(details: unknown): { by: string; at: string } | null {
  const c = (details as { conflict?: unknown } | null | undefined)?.conflict as
    { by?: unknown; at?: unknown } | undefined;
  return c && typeof c.by === 'string' && typeof c.at === 'string' && !Number.isNaN(Date.parse(c.at))
    ? { by: c.by, at: c.at }
    : null;
}

/**
 * The text of a refused write. A concurrent change is told again from the catalogue with the time in
 * the reader's own zone (the server's text has the server's zone); any other refusal keeps the
 * server's text (already in the reader's language).
 */
export function errorText(
  err: { code?: unknown; message: string; details?: unknown } | null | undefined,
  t: (key: string, params?: Record<string, string>) => string,
  formatTime: (iso: string) => string = formatDateTime,
): string {
  if (!err) return '';
  const c = err.code === 'error.conflict' ? conflictOf(err.details) : null;
  return c ? t('error.conflict', { by: c.by, at: formatTime(c.at) }) : err.message;
}
