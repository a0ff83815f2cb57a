/**
 * The reference data of results: procedures, subjects (with the synonyms that header detection
 * uses), minimum thresholds (editable by the region), and saved mapping templates.
 */
import type { Database } from '../../platform/db/index.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ensure } from '../../platform/auth/policies.js';
import { AppError, notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit/audit.js';
import { words } from './domain/text.js';
import { translate } from '../../../../common/src/i18n/index.js';
import { resultsRepository } from './repository.js';
import { resultsPolicies } from './policies.js';

export interface ThresholdInput {
  procedure: string;
  /** '*' = every subject of the procedure. */
  subject: string;
  /** 0 = every year. */
  year: number;
  kind: 'score' | 'mark';
  minValue: number;
  note: string | null;
}

export function resultsCatalogService(database: Database) {
  const { db } = database;
  const repo = resultsRepository(db);

  return {
    async procedures() {
      return (await repo.procedures()).map((p) => ({
        code: p.code,
        name: p.name,
        shortName: p.short_name,
        scale: p.scale,
        defaultGrade: p.default_grade,
        synonyms: p.synonyms,
      }));
    },

    async subjects() {
      return (await repo.subjects()).map((s) => ({
        code: s.code,
        name: s.name,
        synonyms: s.synonyms,
        builtin: s.builtin,
      }));
    },

    /** Add a subject or change its name and synonyms (the region's catalogue). */
    async putSubject(p: Principal, code: string, input: { name: string; synonyms: string[] }) {
      ensure(resultsPolicies.canManageCatalog(p));
      const synonyms = [...new Set(input.synonyms.map(words).filter(Boolean))];
      return db.transaction().execute(async (tx) => {
        const before = await repo.subject(tx, code);
        const row = await repo.upsertSubject(tx, { code, name: input.name.trim(), synonyms });
        await audit(tx, p, {
          action: before ? 'update' : 'create',
          entity: 'subject',
          entityId: code,
          summary: row.name,
          before: before ? { name: before.name, synonyms: before.synonyms } : undefined,
          after: { name: row.name, synonyms: row.synonyms },
        });
        return { code: row.code, name: row.name, synonyms: row.synonyms, builtin: row.builtin };
      });
    },

    async thresholds() {
      return (await repo.thresholds()).map((t) => ({
        id: t.id,
        procedure: t.procedure,
        subject: t.subject,
        year: t.year,
        kind: t.kind,
        minValue: Number(t.min_value),
        note: t.note,
        updatedAt: t.updated_at.toISOString(),
        updatedBy: t.updated_by_name,
      }));
    },

    /**
     * Set a minimum threshold. It applies to imports parsed from now on, and the current
     * aggregates derived from student rows are recounted with it in the same transaction.
     */
    async putThreshold(p: Principal, t: ThresholdInput) {
      ensure(resultsPolicies.canManageCatalog(p));
      const catalog = await repo.catalog();
      if (!catalog.procedures.some((x) => x.code === t.procedure)) {
        throw new AppError('results.unknownProcedureCode', { code: t.procedure });
      }
      if (t.subject !== '*' && !catalog.subjects.some((x) => x.code === t.subject)) {
        throw new AppError('results.unknownSubjectCode', { code: t.subject });
      }
      if (t.kind === 'mark' && (!Number.isInteger(t.minValue) || t.minValue < 2 || t.minValue > 5)) {
        throw new AppError('results.thresholdMark', {}, 400, [
          { field: 'minValue', message: translate(p.locale, 'results.thresholdMark') },
        ]);
      }
      return db.transaction().execute(async (tx) => {
        const before = await repo.threshold(tx, t.procedure, t.subject, t.year);
        const row = await repo.upsertThreshold(tx, t, p.id);
        const recomputed = await repo.recomputeBelowMin(tx, t);
        await audit(tx, p, {
          action: before ? 'update' : 'create',
          entity: 'result_threshold',
          entityId: `${t.procedure}:${t.subject}:${t.year}`,
          summary: `${t.procedure} ${t.subject} ${t.year || 'все годы'}: ${t.kind === 'mark' ? 'отметка' : 'балл'} ${t.minValue}; пересчитано показателей: ${recomputed}`,
          before: before
            ? { kind: before.kind, minValue: Number(before.min_value), note: before.note }
            : undefined,
          after: { kind: row.kind, minValue: Number(row.min_value), note: row.note, recomputed },
        });
        return { id: row.id, recomputed };
      });
    },

    /** Remove a threshold row (the next less specific one applies); aggregates are recounted. */
    async deleteThreshold(p: Principal, id: number) {
      ensure(resultsPolicies.canManageCatalog(p));
      return db.transaction().execute(async (tx) => {
        const before = await repo.thresholdById(tx, id);
        if (!before) throw notFound();
        await repo.deleteThreshold(tx, id);
        const recomputed = await repo.recomputeBelowMin(tx, before);
        await audit(tx, p, {
          action: 'delete',
          entity: 'result_threshold',
          entityId: `${before.procedure}:${before.subject}:${before.year}`,
          summary: `${before.procedure} ${before.subject} ${before.year || 'все годы'}; пересчитано показателей: ${recomputed}`,
          before: { kind: before.kind, minValue: Number(before.min_value), note: before.note },
          after: { recomputed },
        });
        return { id, recomputed };
      });
    },

    async templates(p: Principal) {
      ensure(resultsPolicies.canImport(p));
      return (await repo.templates()).map((t) => ({
        id: t.id,
        name: t.name,
        signature: t.signature,
        mapping: t.mapping,
        createdAt: t.created_at.toISOString(),
        createdBy: t.created_by_name,
        canDelete: resultsPolicies.canDeleteTemplate(p, t),
      }));
    },

    /** Save the options of an import as a template for files with the same header. */
    async saveTemplate(p: Principal, input: { name: string; importId: number }) {
      ensure(resultsPolicies.canImport(p));
      const imp = await repo.getImport(input.importId);
      if (!imp || !resultsPolicies.canSeeImport(p, imp)) throw notFound();
      const sheets = ((imp.summary as { sheets?: Array<{ signature: string | null }> }).sheets ?? []).filter(
        (s) => s.signature,
      );
      if (!sheets.length) throw new AppError('results.noLayout', {}, 400);
      const name = input.name.trim();
      if (await repo.templateByName(name)) throw new AppError('results.templateNameTaken', { name }, 409);
      const o = imp.options as Record<string, unknown>;
      // The year changes from file to file: a template keeps everything else.
      const mapping = Object.fromEntries(
        Object.entries(o).filter(
          ([k, v]) => ['procedure', 'grade', 'subject', 'subjects', 'columns'].includes(k) && v !== undefined,
        ),
      );
      return db.transaction().execute(async (tx) => {
        const row = await repo.insertTemplate(tx, {
          name,
          signature: sheets[0]!.signature!,
          mapping,
          createdBy: p.id,
        });
        await audit(tx, p, {
          action: 'create',
          entity: 'result_template',
          entityId: row.id,
          summary: name,
          after: mapping,
        });
        return { id: row.id };
      });
    },

    /** Rename a template (who may delete it may rename it). */
    async renameTemplate(p: Principal, id: number, input: { name: string }) {
      ensure(resultsPolicies.canImport(p));
      const t = await repo.template(id);
      if (!t) throw notFound();
      ensure(resultsPolicies.canDeleteTemplate(p, t));
      const name = input.name.trim();
      const taken = await repo.templateByName(name);
      if (taken && taken.id !== id) throw new AppError('results.templateNameTaken', { name }, 409);
      await db.transaction().execute(async (tx) => {
        await repo.renameTemplate(tx, id, name);
        await audit(tx, p, {
          action: 'update',
          entity: 'result_template',
          entityId: id,
          summary: name,
          before: { name: t.name },
          after: { name },
        });
      });
      return { id };
    },

    async deleteTemplate(p: Principal, id: number) {
      ensure(resultsPolicies.canImport(p));
      const t = await repo.template(id);
      if (!t) throw notFound();
      ensure(resultsPolicies.canDeleteTemplate(p, t));
      await db.transaction().execute(async (tx) => {
        await repo.deleteTemplate(tx, id);
        await audit(tx, p, {
          action: 'delete',
          entity: 'result_template',
          entityId: id,
          summary: t.name,
          before: t.mapping,
        });
      });
      return { id };
    },
  };
}
