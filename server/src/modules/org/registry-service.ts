import type { Database } from '../../platform/db/index.js';
import { schoolScope, type Principal } from '../../platform/auth/principal.js';
import { ensure, policies } from '../../platform/auth/policies.js';
import { audit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { readTable, TableReadError, columnLetter, type Workbook } from '../../platform/tabular/read.js';
import { hasMessage, translate, type Locale } from '../../../../common/src/i18n/index.js';
import {
  REGISTRY_FIELDS,
  suggestMapping,
  validateRegistry,
  type ColumnMapping,
  type RegistryPlan,
  type RowProblem,
} from './registry-import/domain.js';
import { exportRegistryXlsx } from './registry-import/export.js';
import { registryRepository } from './registry-repository.js';
import { contextFromRow, schoolFromRow } from './columns.js';

export interface UploadedFile {
  fileName: string;
  data: Buffer;
}

const PREVIEW_ROWS = 8;
const SAMPLE_SCHOOLS = 15;

export function registryService(database: Database) {
  const repo = registryRepository(database.db);

  async function read(file: UploadedFile): Promise<Workbook> {
    try {
      return await readTable(file.fileName, file.data);
    } catch (e) {
      if (e instanceof TableReadError) throw new AppError(e.key, e.params, 400);
      throw e;
    }
  }

  /** Validate against the registry and the user's rights: a municipal coordinator imports only into their municipality. */
  async function plan(p: Principal, wb: Workbook, mapping: ColumnMapping) {
    const ref = await repo.reference();
    const plan = validateRegistry(wb, mapping, {
      municipalities: ref.municipalities,
      existingSchoolCodes: new Set(ref.schools.map((s) => s.code)),
      extraIndicators: ref.indicators,
    });
    const byCode = new Map(ref.schools.map((s) => [s.code, s]));
    const municipalityColumn = Object.entries(mapping.columns).find(([, f]) => f === 'municipality')?.[0];
    for (const s of plan.schools) {
      const current = byCode.get(s.code);
      const allowed =
        policies.canManageRegistry(p, s.municipalityId) &&
        (!current || policies.canEditSchool(p, { id: current.id, municipalityId: current.municipality_id }));
      if (!allowed) {
        plan.problems.push({
          sheet: s.source.sheet,
          row: s.source.row,
          column: municipalityColumn !== undefined ? columnLetter(Number(municipalityColumn)) : '',
          field: 'municipality',
          key: 'registry.forbiddenMunicipality',
          params: { value: s.code },
        });
      }
    }
    return plan;
  }

  const render = (locale: Locale, problems: RowProblem[]) =>
    problems
      .sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row || a.column.localeCompare(b.column))
      .map((x) => {
        // The domain names fields in Russian; name them in the reader's language.
        const label = `registry.field.${x.field}`;
        const params =
          hasMessage(label) && 'field' in x.params
            ? { ...x.params, field: translate(locale, label) }
            : x.params;
        return { ...x, params, message: translate(locale, x.key, params) };
      });

  function provided(mapping: ColumnMapping): Set<string> {
    return new Set([...Object.values(mapping.columns), ...Object.values(mapping.context?.columns ?? {})]);
  }

  function summary(plan: RegistryPlan) {
    return {
      ...plan.stats,
      newSchools: plan.schools.filter((s) => s.isNew).length,
      updatedSchools: plan.schools.filter((s) => !s.isNew).length,
      problems: plan.problems.length,
    };
  }

  return {
    fields(locale: Locale) {
      return REGISTRY_FIELDS.map((f) => ({
        key: f.key,
        label: translate(locale, f.labelKey),
        required: f.required,
      }));
    },

    async preview(p: Principal, file: UploadedFile, mapping: ColumnMapping | undefined, locale: Locale) {
      ensure(policies.canManageRegistry(p));
      const wb = await read(file);
      const ref = await repo.reference();
      const used = mapping ?? suggestMapping(wb, ref.indicators);
      const result = await plan(p, wb, used);
      return {
        fileName: file.fileName,
        format: wb.format,
        sheets: wb.sheets.map((s) => ({
          name: s.name,
          rows: s.rows.length,
          preview: s.rows
            .slice(0, PREVIEW_ROWS + (used.sheet === s.name ? used.headerRow + 1 : 0))
            .map((r) =>
              r.map((c) =>
                c instanceof Date ? c.toISOString().slice(0, 10) : c === null ? null : String(c),
              ),
            ),
        })),
        mapping: used,
        fields: this.fields(locale),
        extraIndicators: ref.indicators,
        summary: summary(result),
        problems: render(locale, result.problems).slice(0, 500),
        // New schools first: they are what a user most wants to check.
        sample: [...result.schools.filter((s) => s.isNew), ...result.schools.filter((s) => !s.isNew)]
          .slice(0, SAMPLE_SCHOOLS)
          .map((s) => ({ code: s.code, shortName: s.shortName, isNew: s.isNew, row: s.source.row })),
      };
    },

    /** All or nothing: any problem refuses the whole file; otherwise one transaction writes it. */
    async commit(p: Principal, file: UploadedFile, mapping: ColumnMapping, locale: Locale) {
      ensure(policies.canManageRegistry(p));
      const wb = await read(file);
      const result = await plan(p, wb, mapping);
      if (result.problems.length) {
        throw new AppError(
          'registry.hasProblems',
          { count: result.problems.length },
          400,
          render(locale, result.problems).slice(0, 500),
        );
      }
      return database.db.transaction().execute(async (tx) => {
        const r = await registryRepository(tx).commit(tx, { ...result, provided: provided(mapping) }, p.id);
        for (const c of r.changes) {
          await audit(tx, p, {
            action: 'update',
            entity: 'school',
            entityId: c.id,
            summary: `импорт: ${c.code}`,
            before: c.before,
            after: c.after,
          });
        }
        await audit(tx, p, {
          action: 'import',
          entity: 'registry',
          entityId: null,
          summary: `${file.fileName}: создано ${r.created}, изменено ${r.updated}, строк контекста ${r.contexts}`,
          after: { file: file.fileName, created: r.created, updated: r.updated, contexts: r.contexts },
        });
        return { ...summary(result), created: r.created, updated: r.updated, contexts: r.contexts };
      });
    },

    async exportXlsx(p: Principal, municipalityId?: number) {
      ensure(policies.canExportRegistry(p));
      const scope = schoolScope(p);
      const [rows, ref] = await Promise.all([repo.exportRows(scope, municipalityId), repo.reference()]);
      const contexts = await repo.exportContexts(rows.map((r) => r.id));
      return exportRegistryXlsx(
        rows.map((s) => {
          const { parentId: _parentId, ...attrs } = schoolFromRow(s);
          return {
            ...attrs,
            municipalityCode: s.municipality_code,
            municipalityName: s.municipality_name,
            parentCode: s.parent_code,
          };
        }),
        contexts.map((c) => ({ ...contextFromRow(c), schoolCode: c.school_code })),
        ref.indicators,
      );
    },
  };
}
