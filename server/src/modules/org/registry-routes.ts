import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../platform/http/context.js';
import { user } from '../../platform/http/context.js';
import { AppError } from '../../platform/errors.js';
import { MIME, sendFile } from '../../platform/http/download.js';
import { ensure, policies } from '../../platform/auth/policies.js';
import { registryService, type UploadedFile } from './registry-service.js';
import type { ColumnMapping } from './registry-import/domain.js';

const SheetMapping = z.object({
  sheet: z.string(),
  headerRow: z.number().int().min(0),
  headerRows: z.number().int().min(1).max(3).optional(),
  columns: z.record(z.string(), z.string()),
});
const Mapping = SheetMapping.extend({ context: SheetMapping.optional() });

const Problem = z.object({
  sheet: z.string(),
  row: z.number(),
  column: z.string(),
  field: z.string(),
  key: z.string(),
  message: z.string(),
});
const Summary = z.object({
  rows: z.number(),
  schools: z.number(),
  contexts: z.number(),
  skippedEmpty: z.number(),
  newSchools: z.number(),
  updatedSchools: z.number(),
  problems: z.number(),
});
const Preview = z.object({
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  sheets: z.array(
    z.object({ name: z.string(), rows: z.number(), preview: z.array(z.array(z.string().nullable())) }),
  ),
  mapping: Mapping,
  fields: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean() })),
  extraIndicators: z.array(z.object({ code: z.string(), name: z.string() })),
  summary: Summary,
  problems: z.array(Problem),
  sample: z.array(z.object({ code: z.string(), shortName: z.string(), isNew: z.boolean(), row: z.number() })),
});
const ErrorBody = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });
const errors = { 400: ErrorBody, 403: ErrorBody, 413: ErrorBody };
const CommitResult = Summary.extend({ created: z.number(), updated: z.number(), contexts: z.number() });

/** Read the multipart upload: the file and an optional JSON `mapping` field. */
async function upload(req: FastifyRequest): Promise<{ file: UploadedFile; mapping?: ColumnMapping }> {
  let file: UploadedFile | undefined;
  let mapping: ColumnMapping | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'file') file = { fileName: part.filename, data: await part.toBuffer() };
    else if (part.fieldname === 'mapping' && typeof part.value === 'string' && part.value) {
      let json: unknown;
      try {
        json = JSON.parse(part.value);
      } catch {
        throw new AppError('registry.badMapping');
      }
      const parsed = Mapping.safeParse(json);
      if (!parsed.success) throw new AppError('registry.badMapping');
      mapping = parsed.data as unknown as ColumnMapping;
    }
  }
  if (!file) throw new AppError('error.noFile');
  return { file, ...(mapping ? { mapping } : {}) };
}

const multipartDoc = {
  consumes: ['multipart/form-data'],
  description:
    'multipart/form-data: поле `file` (XLSX или CSV) и необязательное поле `mapping` (JSON сопоставления столбцов).',
};

export async function registryRoutes(app: App, deps: AppDeps) {
  const service = registryService(deps.database);

  app.get(
    '/api/registry/export',
    {
      schema: {
        tags: ['registry'],
        summary: 'Выгрузка реестра школ и контекста в XLSX',
        querystring: z.object({ municipalityId: z.coerce.number().int().optional() }),
      },
    },
    async (req, reply) => {
      const buf = await service.exportXlsx(user(req), req.query.municipalityId);
      const name = `reestr-shkol-${new Date().toISOString().slice(0, 10)}.xlsx`;
      return sendFile(reply, buf, MIME.xlsx, name);
    },
  );

  app.post(
    '/api/registry/import/preview',
    {
      schema: {
        tags: ['registry'],
        summary:
          'Импорт реестра: разбор файла, сопоставление столбцов и проверка каждой строки (ничего не записывает)',
        ...multipartDoc,
        response: { 200: Preview, ...errors },
      },
    },
    async (req) => {
      const p = user(req);
      ensure(policies.canManageRegistry(p)); // before reading any upload
      const { file, mapping } = await upload(req);
      return service.preview(p, file, mapping, req.locale);
    },
  );

  app.post(
    '/api/registry/import/commit',
    {
      schema: {
        tags: ['registry'],
        summary: 'Импорт реестра: запись всего файла одной транзакцией (при любой ошибке — ничего)',
        ...multipartDoc,
        response: { 200: CommitResult, ...errors },
      },
    },
    async (req) => {
      const p = user(req);
      ensure(policies.canManageRegistry(p)); // before reading any upload
      const { file, mapping } = await upload(req);
      if (!mapping) throw new AppError('registry.badMapping');
      return service.commit(p, file, mapping, req.locale);
    },
  );
}
