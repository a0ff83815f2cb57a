import { sql } from 'kysely';
import type { Db } from '../../../platform/db/index.js';

/** The audit entry that `seedDemo` writes with the demo region: the marker of a demo database. */
export const DEMO_SEED_AUDIT = { action: 'seed', entity: 'region' } as const;

/**
 * Whether the database holds the demo region: its seed entry is in the audit log and the region
 * it names still exists. One indexed look-up (audit_entity_idx), cheap enough for /api/health.
 */
export async function isDemoLoaded(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('audit_log')
    .innerJoin('region', (j) => j.on(sql`region.id::text`, '=', sql.ref('audit_log.entity_id')))
    .select('audit_log.id')
    .where('audit_log.entity', '=', DEMO_SEED_AUDIT.entity)
    .where('audit_log.action', '=', DEMO_SEED_AUDIT.action)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
