import type { Database } from '../../platform/db/index.js';
import type { SchoolContext, SchoolUpdate } from '../../platform/db/schema.js';
import { schoolScope, type Principal } from '../../platform/auth/principal.js';
import { ensure, policies } from '../../platform/auth/policies.js';
import { AppError, notFound } from '../../platform/errors.js';
import { audit, auditRepository, diff, presentAudit } from '../../platform/audit/audit.js';
import { conflictError, conflictFromAudit } from '../../platform/conflict.js';
import type { SchoolAttributes, SchoolListQuery, ContextValues } from '../../../../common/src/schemas/org.js';
import { schoolsRepository } from './repository.js';
import { contextFromRow, contextToColumns, schoolFromRow, schoolToColumns } from './columns.js';

export const presentAttributes = schoolFromRow;

export function presentContext(c: SchoolContext) {
  return { ...contextFromRow(c), version: c.version, updatedAt: c.updated_at.toISOString() };
}

/** The server's zone for the time in a conflict's message (API clients read it as text). */

/**
 * The 409 naming who changed the record and when. The message carries the time in the server's zone
 * (for API clients); `details.conflict.at` is the ISO instant the web formats in the reader's own zone
 * (as programmes and indicators do).
 */
export function schoolsService(database: Database) {
  const { db } = database;
  const repo = schoolsRepository(db);
  const history = auditRepository(db);

  /** A school the user may see, else 404 (existence must not leak). */
  async function visible(p: Principal, id: number) {
    const s = await repo.get(id);
    if (!s || !policies.canReadSchool(p, { id: s.id, municipalityId: s.municipality_id })) throw notFound();
    return s;
  }

  async function validParent(parentId: number | null | undefined, municipalityId: number, selfId?: number) {
    if (parentId === null || parentId === undefined) return;
    const parent = await repo.ref(parentId);
    if (!parent || parent.municipality_id !== municipalityId || parentId === selfId) {
      throw new AppError('org.parentInvalid', { id: parentId });
    }
  }

  return {
    async list(p: Principal, q: SchoolListQuery) {
      const { total, rows } = await repo.list(schoolScope(p), q);
      return {
        total,
        page: q.page,
        pageSize: q.pageSize,
        items: rows.map((r) => ({
          id: r.id,
          code: r.code,
          shortName: r.short_name,
          type: r.type,
          locality: r.locality,
          settlement: r.settlement,
          isSmall: r.is_small,
          municipalityId: r.municipality_id,
          municipalityName: r.municipality_name,
          students: Number(r.students),
          parentId: r.parent_id,
        })),
      };
    },

    async card(p: Principal, id: number) {
      const s = await repo.card(id);
      if (!s || !policies.canReadSchool(p, { id: s.id, municipalityId: s.municipality_id })) throw notFound();
      return {
        ...presentAttributes(s),
        id: s.id,
        municipalityId: s.municipality_id,
        municipalityName: s.municipality_name,
        parentName: s.parent_name,
        branches: s.branches.map((b) => ({ id: b.id, shortName: b.short_name })),
        context: s.context.map(presentContext),
        version: s.version,
        updatedAt: s.updated_at.toISOString(),
        permissions: { edit: policies.canEditSchool(p, { id: s.id, municipalityId: s.municipality_id }) },
      };
    },

    async create(p: Principal, input: SchoolAttributes & { municipalityId: number }) {
      ensure(policies.canManageRegistry(p, input.municipalityId));
      if (await repo.codeExists(input.code)) throw new AppError('org.codeTaken', { code: input.code });
      await validParent(input.parentId, input.municipalityId);
      return db.transaction().execute(async (tx) => {
        const row = await repo.insert(tx, {
          ...(schoolToColumns(input) as Required<SchoolUpdate>),
          municipality_id: input.municipalityId,
          updated_by: p.id,
        } as never);
        await audit(tx, p, {
          action: 'create',
          entity: 'school',
          entityId: row.id,
          summary: row.short_name,
          after: presentAttributes(row),
        });
        return row.id;
      });
    },

    async update(p: Principal, id: number, patch: Partial<SchoolAttributes> & { version: number }) {
      const s = await visible(p, id);
      ensure(policies.canEditSchool(p, { id: s.id, municipalityId: s.municipality_id }));
      const { version, ...attrs } = patch;
      if (attrs.code && attrs.code !== s.code && (await repo.codeExists(attrs.code))) {
        throw new AppError('org.codeTaken', { code: attrs.code });
      }
      await validParent(attrs.parentId, s.municipality_id, id);
      await db.transaction().execute(async (tx) => {
        const updated = await repo.updateVersioned(tx, id, version, {
          ...schoolToColumns(attrs),
          updated_by: p.id,
        });
        if (!updated) {
          // who changed it as read in this transaction (the row read before it may be older still)
          const now = await tx
            .selectFrom('school')
            .select(['updated_by', 'updated_at'])
            .where('id', '=', id)
            .executeTakeFirst();
          throw await conflictError(tx, (now ?? s).updated_by, (now ?? s).updated_at);
        }
        const d = diff(presentAttributes(s) as never, presentAttributes(updated) as never);
        await audit(tx, p, {
          action: 'update',
          entity: 'school',
          entityId: id,
          summary: d.changed.join(', '),
          before: d.before,
          after: d.after,
        });
      });
      return this.card(p, id);
    },

    async putContext(
      p: Principal,
      id: number,
      year: number,
      input: ContextValues & { version: number | null },
    ) {
      const s = await visible(p, id);
      ensure(policies.canEditSchool(p, { id: s.id, municipalityId: s.municipality_id }));
      await db.transaction().execute(async (tx) => {
        const current = await repo.contextRow(tx, id, year);
        if (current && current.version !== input.version) {
          // the context row keeps no author: who changed it last comes from its audit record
          throw await conflictFromAudit(tx, 'school_context', `${id}:${year}`, current.updated_at);
        }
        if (!current && input.version !== null) throw await conflictError(tx, null, new Date());
        const row = await repo.upsertContext(tx, contextToColumns(id, year, input));
        const strip = (c: SchoolContext) => {
          const { version: _v, updatedAt: _u, ...rest } = presentContext(c);
          return rest;
        };
        const d = current
          ? diff(strip(current), strip(row))
          : { before: null, after: strip(row), changed: ['*'] };
        await audit(tx, p, {
          action: current ? 'update' : 'create',
          entity: 'school_context',
          entityId: `${id}:${year}`,
          summary: `${year}/${year + 1}`,
          before: d.before,
          after: d.after,
        });
      });
      return this.card(p, id);
    },

    async history(p: Principal, id: number) {
      await visible(p, id);
      return (await history.forSchool(id)).map(presentAudit);
    },
  };
}
export type SchoolsService = ReturnType<typeof schoolsService>;
