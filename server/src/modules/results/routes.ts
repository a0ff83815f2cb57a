import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../platform/http/context.js';
import { user } from '../../platform/http/context.js';
import { AppError } from '../../platform/errors.js';
import { ensure } from '../../platform/auth/policies.js';
import { Page } from '../../../../common/src/schemas/org.js';
import {
  CommitResult,
  Dataset,
  Decisions,
  ImportListItem,
  ImportOptions,
  ImportRow,
  ImportSchool,
  ImportSchoolsQuery,
  ImportView,
  Procedure,
  RollbackResult,
  SchoolResults,
  SliceQuery,
  Subject,
  SubjectPut,
  Summary,
  SummaryQuery,
  Template,
  TemplateCreate,
  TemplateRename,
  Threshold,
  ThresholdPut,
  ThresholdSaved,
} from '../../../../common/src/schemas/results.js';
import { defaultLimits, resultsImportService, type ResultsServiceOptions } from './import-service.js';
import { resultsReadService } from './read-service.js';
import { resultsCatalogService } from './catalog-service.js';
import { resultsPolicies } from './policies.js';
import { MIME, sendFile } from '../../platform/http/download.js';

const IdParam = z.object({ id: z.coerce.number().int().positive() });
const Ok = z.object({ id: z.number() });
const SchoolFilter = z.object({ procedure: z.string().optional(), subject: z.string().optional() });
function parseOptions(text: string): ImportOptions {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('results.badOptions', { detail: 'JSON' }, 400);
  }
  const r = ImportOptions.safeParse(json);
  if (!r.success) {
    throw new AppError(
      'results.badOptions',
      { detail: r.error.issues.map((i) => i.path.join('.') || i.message).join(', ') },
      400,
    );
  }
  return r.data;
}

export async function resultsRoutes(app: App, deps: AppDeps, opts: ResultsServiceOptions = {}) {
  const imports = resultsImportService(deps.database, opts);
  const reads = resultsReadService(deps.database);
  const catalog = resultsCatalogService(deps.database);
  const maxBytes = opts.maxBytes ?? defaultLimits().maxBytes;

  // ---------------------------------------------------------------------------------------------
  // reference data

  app.get(
    '/api/results/procedures',
    { schema: { tags: ['results'], summary: 'Оценочные процедуры', response: { 200: z.array(Procedure) } } },
    async (req) => {
      user(req);
      return catalog.procedures();
    },
  );

  app.get(
    '/api/results/subjects',
    {
      schema: {
        tags: ['results'],
        summary: 'Справочник предметов (с синонимами для распознавания заголовков)',
        response: { 200: z.array(Subject) },
      },
    },
    async (req) => {
      user(req);
      return catalog.subjects();
    },
  );

  app.put(
    '/api/results/subjects/:code',
    {
      config: { fieldLabels: 'results.field' },
      schema: {
        tags: ['results'],
        summary: 'Добавить предмет или изменить его название и синонимы (региональный координатор)',
        params: z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{0,40}$/) }),
        body: SubjectPut,
        response: { 200: Subject },
      },
    },
    async (req) => catalog.putSubject(user(req), req.params.code, req.body),
  );

  app.get(
    '/api/results/thresholds',
    {
      schema: {
        tags: ['results'],
        summary: 'Минимальные пороги по процедурам, предметам и годам',
        response: { 200: z.array(Threshold) },
      },
    },
    async (req) => {
      user(req);
      return catalog.thresholds();
    },
  );

  app.put(
    '/api/results/thresholds',
    {
      config: { fieldLabels: 'results.field' },
      schema: {
        tags: ['results'],
        summary:
          'Задать минимальный порог (предмет «*» — все предметы, год 0 — все годы); показатели, посчитанные из результатов участников, пересчитываются; региональный координатор',
        body: ThresholdPut,
        response: { 200: ThresholdSaved },
      },
    },
    async (req) => catalog.putThreshold(user(req), req.body),
  );

  app.delete(
    '/api/results/thresholds/:id',
    {
      schema: {
        tags: ['results'],
        summary:
          'Удалить порог (действует следующий по точности); показатели из результатов участников пересчитываются; региональный координатор',
        params: IdParam,
        response: { 200: ThresholdSaved },
      },
    },
    async (req) => catalog.deleteThreshold(user(req), req.params.id),
  );

  // ---------------------------------------------------------------------------------------------
  // templates

  app.get(
    '/api/results/templates',
    {
      schema: {
        tags: ['results'],
        summary: 'Сохранённые шаблоны сопоставления для повторяющихся форматов',
        response: { 200: z.array(Template) },
      },
    },
    async (req) => catalog.templates(user(req)),
  );

  app.post(
    '/api/results/templates',
    {
      schema: {
        tags: ['results'],
        summary: 'Сохранить параметры загрузки как шаблон для файлов с тем же заголовком',
        body: TemplateCreate,
        response: { 201: Ok },
      },
    },
    async (req, reply) => reply.status(201).send(await catalog.saveTemplate(user(req), req.body)),
  );

  app.patch(
    '/api/results/templates/:id',
    {
      schema: {
        tags: ['results'],
        summary: 'Переименовать шаблон',
        params: IdParam,
        body: TemplateRename,
        response: { 200: Ok },
      },
    },
    async (req) => catalog.renameTemplate(user(req), req.params.id, req.body),
  );

  app.delete(
    '/api/results/templates/:id',
    { schema: { tags: ['results'], summary: 'Удалить шаблон', params: IdParam, response: { 200: Ok } } },
    async (req) => catalog.deleteTemplate(user(req), req.params.id),
  );

  // ---------------------------------------------------------------------------------------------
  // imports

  app.post(
    '/api/results/imports',
    {
      schema: {
        tags: ['results'],
        summary:
          'Загрузить файл результатов (XLSX или CSV). Небольшой файл разбирается сразу (ответ 200 с предпросмотром), большой — фоновым заданием (ответ 202, jobId для индикатора выполнения). Ничего не записывается в результаты до подтверждения.',
        consumes: ['multipart/form-data'],
        description:
          'multipart/form-data: поле `file` и необязательное поле `options` (JSON: procedure, year, grade, subject, templateId, subjects, columns).',
        response: {
          200: z.object({ id: z.number(), jobId: z.null(), view: ImportView }),
          202: z.object({ id: z.number(), jobId: z.number(), view: z.null() }),
        },
      },
    },
    async (req: FastifyRequest, reply) => {
      const p = user(req);
      ensure(resultsPolicies.canImport(p)); // before reading any upload
      let id: number | null = null;
      let optionsText = '';
      for await (const part of req.parts({ limits: { fileSize: maxBytes + 1, files: 1 } })) {
        if (part.type === 'file') {
          if (id === null) id = await imports.store(p, part.filename, part.file);
          else part.file.resume();
        } else if (part.fieldname === 'options' && typeof part.value === 'string') optionsText = part.value;
      }
      if (id === null) throw new AppError('error.noFile');
      let options: ImportOptions;
      try {
        options = optionsText ? parseOptions(optionsText) : {};
      } catch (e) {
        await imports.fail(id);
        throw e;
      }
      const started = await imports.start(p, id, options);
      if (started.jobId !== null) return reply.status(202).send({ id, jobId: started.jobId, view: null });
      return { id, jobId: null, view: await imports.view(p, id, req.locale) };
    },
  );

  app.get(
    '/api/results/imports',
    {
      schema: {
        tags: ['results'],
        summary: 'История загрузок: кто, что и когда загрузил, сколько записано',
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: Page(ImportListItem) },
      },
    },
    async (req) => imports.history(user(req), req.query, req.locale),
  );

  app.get(
    '/api/results/imports/:id',
    {
      schema: {
        tags: ['results'],
        summary: 'Предпросмотр загрузки: школы и их сопоставление с реестром, листы, все проблемы',
        params: IdParam,
        response: { 200: ImportView },
      },
    },
    async (req) => imports.view(user(req), req.params.id, req.locale),
  );

  app.get(
    '/api/results/imports/:id/schools',
    {
      schema: {
        tags: ['results'],
        summary:
          'Школы файла и их сопоставление с реестром (постранично; review=open — ждут решения, decided — ждут решения или уже решены вручную)',
        params: IdParam,
        querystring: ImportSchoolsQuery,
        response: { 200: Page(ImportSchool) },
      },
    },
    async (req) => imports.schools(user(req), req.params.id, req.query, req.locale),
  );

  app.get(
    '/api/results/imports/:id/rows',
    {
      schema: {
        tags: ['results'],
        summary: 'Что будет записано: показатели по школам, процедурам, предметам и годам (постранично)',
        params: IdParam,
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(1000).default(100),
          schoolKey: z.coerce.number().int().positive().optional(),
        }),
        response: { 200: Page(ImportRow) },
      },
    },
    async (req) => imports.rows(user(req), req.params.id, req.query),
  );

  app.post(
    '/api/results/imports/:id/resolve',
    {
      schema: {
        tags: ['results'],
        summary:
          'Выбрать школу реестра для строк файла или исключить их; решения запоминаются для следующих загрузок',
        params: IdParam,
        body: Decisions,
        response: { 200: ImportView },
      },
    },
    async (req) => imports.resolve(user(req), req.params.id, req.body.decisions, req.locale),
  );

  app.post(
    '/api/results/imports/:id/reparse',
    {
      schema: {
        tags: ['results'],
        summary:
          'Разобрать загруженный файл заново с другими параметрами (процедура, год, предметы заголовков…)',
        params: IdParam,
        body: ImportOptions,
        response: { 200: z.object({ id: z.number(), jobId: z.number().nullable() }) },
      },
    },
    async (req) => {
      const r = await imports.reparse(user(req), req.params.id, req.body);
      return { id: req.params.id, jobId: r.jobId };
    },
  );

  app.post(
    '/api/results/imports/:id/commit',
    {
      schema: {
        tags: ['results'],
        summary: 'Записать загрузку одной транзакцией (при любой нерешённой проблеме — ничего)',
        params: IdParam,
        response: { 200: CommitResult },
      },
    },
    async (req) => imports.commit(user(req), req.params.id, req.locale),
  );

  app.post(
    '/api/results/imports/:id/rollback',
    {
      schema: {
        tags: ['results'],
        summary: 'Отменить записанную загрузку: её данные удаляются, заменённые ею данные возвращаются',
        params: IdParam,
        response: { 200: RollbackResult },
      },
    },
    async (req) => imports.rollback(user(req), req.params.id),
  );

  app.post(
    '/api/results/imports/:id/discard',
    {
      schema: {
        tags: ['results'],
        summary: 'Удалить незаписанную загрузку',
        params: IdParam,
        response: { 200: z.object({ id: z.number(), status: z.literal('discarded') }) },
      },
    },
    async (req) => imports.discard(user(req), req.params.id),
  );

  // ---------------------------------------------------------------------------------------------
  // reads

  app.get(
    '/api/results/datasets',
    {
      schema: {
        tags: ['results'],
        summary: 'Какие результаты есть: процедура, предмет, класс, год, число школ',
        response: { 200: z.array(Dataset) },
      },
    },
    async (req) => {
      user(req);
      return reads.datasets();
    },
  );

  app.get(
    '/api/results/schools/:id',
    {
      schema: {
        tags: ['results'],
        summary: 'Результаты школы по годам рядом со значениями муниципалитета и региона',
        params: IdParam,
        querystring: SchoolFilter,
        response: { 200: SchoolResults },
      },
    },
    async (req) => reads.schoolResults(user(req), req.params.id, req.query),
  );

  app.get(
    '/api/results/schools/:id/export',
    {
      schema: {
        tags: ['results'],
        summary: 'Выгрузка результатов школы в XLSX',
        params: IdParam,
        querystring: SchoolFilter,
      },
    },
    async (req, reply) => {
      const data = await reads.exportSchool(user(req), req.params.id, req.query, req.locale);
      return sendFile(reply, data, MIME.xlsx, `rezultaty-oo-${req.params.id}.xlsx`);
    },
  );

  app.get(
    '/api/results/summary',
    {
      schema: {
        tags: ['results'],
        summary:
          'Сводка по процедуре, предмету, классу и году: регион, муниципалитеты, школы (сортировка, страницы)',
        querystring: SummaryQuery,
        response: { 200: Summary },
      },
    },
    async (req) => reads.summary(user(req), req.query),
  );

  app.get(
    '/api/results/summary/export',
    {
      schema: { tags: ['results'], summary: 'Выгрузка сводки в XLSX', querystring: SliceQuery },
    },
    async (req, reply) => {
      const data = await reads.exportSummary(user(req), req.query, req.locale);
      return sendFile(
        reply,
        data,
        MIME.xlsx,
        `svodka-${req.query.procedure}-${req.query.subject}-${req.query.year}.xlsx`,
      );
    },
  );
}
