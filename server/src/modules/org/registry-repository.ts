import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { SchoolScope } from '../../platform/auth/principal.js';
import type { PlannedContext, PlannedSchool } from './registry-import/domain.js';
import { whereInScope } from './repository.js';
import { contextToColumns, SCHOOL_COLUMNS, schoolToColumns } from './columns.js';
import type { SchoolTable } from '../../platform/db/schema.js';
import type { Insertable } from 'kysely';

const CHUNK = 500;

/** Attributes an import may update on an existing school (code and parent are handled apart). */
const UPDATABLE = (Object.keys(SCHOOL_COLUMNS) as Array<keyof typeof SCHOOL_COLUMNS>).filter(
  (k): k is Exclude<keyof typeof SCHOOL_COLUMNS, 'code' | 'parentId'> => k !== 'code' && k !== 'parentId',
);

export function registryRepository(db: Db) {
  return {
    /** Reference data for validation: municipalities, existing codes (with scope info), extra indicators. */
    async reference() {
      const [municipalities, schools, indicators] = await Promise.all([
        db.selectFrom('municipality').select(['id', 'code', 'name']).execute(),
        db.selectFrom('school').select(['id', 'code', 'municipality_id']).execute(),
        db.selectFrom('context_indicator').select(['code', 'name']).where('builtin', '=', false).execute(),
      ]);
      return { municipalities, schools, indicators };
    },

    exportRows(scope: SchoolScope, municipalityId?: number) {
      let q = whereInScope(
        db.selectFrom('school').innerJoin('municipality', 'municipality.id', 'school.municipality_id'),
        scope,
      ).where('school.active', '=', true);
      if (municipalityId) q = q.where('school.municipality_id', '=', municipalityId);
      return q
        .leftJoin('school as parent', 'parent.id', 'school.parent_id')
        .selectAll('school')
        .select([
          'municipality.code as municipality_code',
          'municipality.name as municipality_name',
          'parent.code as parent_code',
        ])
        .orderBy('municipality.code')
        .orderBy('school.code')
        .execute();
    },

    exportContexts(schoolIds: number[]) {
      if (!schoolIds.length) return Promise.resolve([]);
      return db
        .selectFrom('school_context')
        .innerJoin('school', 'school.id', 'school_context.school_id')
        .selectAll('school_context')
        .select('school.code as school_code')
        .where('school_context.school_id', 'in', schoolIds)
        .orderBy('school.code')
        .orderBy('school_context.school_year')
        .execute();
    },

    /**
     * Write a validated plan in the caller's transaction. New schools are inserted; existing ones get
     * only the attributes whose columns the file provided and filled (an empty cell keeps the stored value).
     */
    async commit(
      tx: Db,
      plan: { schools: PlannedSchool[]; contexts: PlannedContext[]; provided: Set<string> },
      userId: number,
    ) {
      const existing = new Map(
        (await tx.selectFrom('school').select(['id', 'code']).execute()).map((s) => [s.code, s.id]),
      );
      let created = 0;
      let updated = 0;
      const toInsert = plan.schools.filter((s) => s.isNew);
      // Main schools before branches, so that a branch finds its parent's id.
      toInsert.sort((a, b) => Number(a.parentCode !== null) - Number(b.parentCode !== null));
      for (let i = 0; i < toInsert.length; i += CHUNK) {
        const part = toInsert.slice(i, i + CHUNK);
        const rows = await tx
          .insertInto('school')
          .values(
            part.map(
              (s) =>
                ({
                  ...schoolToColumns({
                    ...s,
                    parentId: s.parentCode ? (existing.get(s.parentCode) ?? null) : null,
                  }),
                  municipality_id: s.municipalityId,
                  is_small: s.isSmall ?? false,
                  shifts: s.shifts ?? 1,
                  updated_by: userId,
                }) as Insertable<SchoolTable>,
            ),
          )
          .returning(['id', 'code'])
          .execute();
        for (const r of rows) existing.set(r.code, r.id);
        created += rows.length;
      }
      // Branches whose parent was created in this same chunk.
      for (const s of toInsert.filter((x) => x.parentCode)) {
        await tx
          .updateTable('school')
          .set({ parent_id: existing.get(s.parentCode!)! })
          .where('code', '=', s.code)
          .where('parent_id', 'is', null)
          .execute();
      }

      const changes: Array<{
        id: number;
        code: string;
        before: Record<string, unknown>;
        after: Record<string, unknown>;
      }> = [];
      for (const s of plan.schools.filter((x) => !x.isNew)) {
        const set: Record<string, unknown> = {};
        for (const attr of UPDATABLE) {
          const v = s[attr];
          if (plan.provided.has(attr) && v !== null && v !== undefined) set[SCHOOL_COLUMNS[attr]] = v;
        }
        if (plan.provided.has('municipality')) set.municipality_id = s.municipalityId;
        if (plan.provided.has('parentCode') && s.parentCode)
          set.parent_id = existing.get(s.parentCode) ?? null;
        const id = existing.get(s.code)!;
        const before = await tx
          .selectFrom('school')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const changed = Object.keys(set).filter(
          (c) => JSON.stringify((before as Record<string, unknown>)[c]) !== JSON.stringify(set[c]),
        );
        if (!changed.length) continue;
        const patch = Object.fromEntries(changed.map((c) => [c, set[c]]));
        await tx
          .updateTable('school')
          .set({ ...patch, version: sql`version + 1`, updated_at: new Date(), updated_by: userId })
          .where('id', '=', id)
          .execute();
        changes.push({
          id,
          code: s.code,
          before: Object.fromEntries(changed.map((c) => [c, (before as Record<string, unknown>)[c]])),
          after: patch,
        });
        updated++;
      }

      let contexts = 0;
      for (let i = 0; i < plan.contexts.length; i += CHUNK) {
        const part = plan.contexts.slice(i, i + CHUNK);
        await tx
          .insertInto('school_context')
          .values(part.map((c) => contextToColumns(existing.get(c.schoolCode)!, c.schoolYear, c)))
          .onConflict((oc) =>
            oc.columns(['school_id', 'school_year']).doUpdateSet((eb) => ({
              low_income: sql`coalesce(${eb.ref('excluded.low_income')}, school_context.low_income)`,
              single_parent: sql`coalesce(${eb.ref('excluded.single_parent')}, school_context.single_parent)`,
              parents_higher_ed: sql`coalesce(${eb.ref('excluded.parents_higher_ed')}, school_context.parents_higher_ed)`,
              ovz: sql`coalesce(${eb.ref('excluded.ovz')}, school_context.ovz)`,
              disabled: sql`coalesce(${eb.ref('excluded.disabled')}, school_context.disabled)`,
              registered: sql`coalesce(${eb.ref('excluded.registered')}, school_context.registered)`,
              non_russian: sql`coalesce(${eb.ref('excluded.non_russian')}, school_context.non_russian)`,
              extra: sql`school_context.extra || jsonb_strip_nulls(${eb.ref('excluded.extra')})`,
              version: sql`school_context.version + 1`,
              updated_at: new Date(),
            })),
          )
          .execute();
        contexts += part.length;
      }
      return { created, updated, contexts, changes };
    },
  };
}
