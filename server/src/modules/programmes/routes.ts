import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../platform/http/context.js';
import { user } from '../../platform/http/context.js';
import { AppError } from '../../platform/errors.js';
import { ensure, policies } from '../../platform/auth/policies.js';
import { postgresFileStore } from '../../platform/files/index.js';
import { translate, type Locale } from '../../../../common/src/i18n/index.js';
import {
  ActivityCard,
  ActivityCreate,
  ActivityPatch,
  ActivityStatusInput,
  CoordinationQuery,
  EvidenceLink,
  ImportBody,
  ImportResult,
  NotificationList,
  OccurrencePatch,
  ParsedRoadmap,
  Programme,
  ProgrammeCreate,
  ProgrammeLevel,
  ProgrammeListItem,
  ProgrammePatch,
  ProgrammeStatus,
  ProgressFigures,
  ProgressRow,
  Review,
  Roadmap,
  RoadmapQuery,
  Section,
  SectionInput,
  SectionPatch,
  SectionVersion,
  StatusChange,
  TaskList,
} from '../../../../common/src/schemas/programmes.js';
import { programmesService } from './service.js';
import { MIME, sendFile } from '../../platform/http/download.js';
import { evidenceMaxBytes, evidenceService } from './evidence-service.js';
import { notificationsService, remindersService } from './reminders.js';
import { readDocument, RoadmapReadError } from './domain/grid.js';
import { parseRoadmap } from './domain/roadmap.js';
import { programmeDocx, programmeXlsx, progressReportDocx } from './documents.js';
import { indicatorsService } from '../indicators/service.js';

const IdParam = z.object({ id: z.coerce.number().int().positive() });
const Ok = z.object({ ok: z.boolean() });
const fileBase = (name: string) =>
  name
    .replace(/[\\/:*?"<>|\n\r\t]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80) || 'programma';

/** Parse a roadmap document (nothing is saved): the structure for the user to correct, problems in the locale. */
export async function parseUpload(fileName: string, data: Buffer, today: string, locale: Locale) {
  try {
    const grid = await readDocument(fileName, data);
    const r = parseRoadmap(grid, { today });
    return {
      fileName,
      format: r.format,
      passport: r.passport,
      columns: r.columns as Record<string, string>,
      sections: r.sections,
      activities: r.activities.map((a) => ({
        sectionKey: a.sectionKey,
        number: a.number,
        text: a.text,
        level: a.level,
        task: a.task,
        deadlineText: a.deadlineText,
        deadline: a.deadline,
        deadlineLabel: a.deadlineLabel,
        executors: a.executors,
        participants: a.participants,
        plannedResult: a.plannedResult,
        product: a.product,
        productType: a.productType,
        completionMark: a.completionMark,
        row: a.row,
      })),
      indicators: r.indicators,
      problems: r.problems.map((x) => ({ ...x, message: translate(locale, x.key, x.params) })),
    };
  } catch (e) {
    if (e instanceof RoadmapReadError) throw new AppError(e.key, e.params, 400);
    throw e;
  }
}

interface Upload {
  fileName: string;
  data: Buffer;
  fields: Record<string, string>;
}
/** Read a multipart upload: one `file` and plain fields; a file over `maxBytes` is refused (413). */
export async function readUpload(
  req: FastifyRequest,
  maxBytes: number,
  tooLarge: (name: string) => AppError,
): Promise<Upload> {
  let file: { fileName: string; data: Buffer } | undefined;
  const fields: Record<string, string> = {};
  for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
    if (part.type === 'file') {
      try {
        file = { fileName: part.filename, data: await part.toBuffer() };
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(part.filename);
        throw e;
      }
    } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
  }
  if (!file) throw new AppError('error.noFile');
  return { ...file, fields };
}

export const multipartDoc = (description: string) => ({ consumes: ['multipart/form-data'], description });

export async function programmesRoutes(app: App, deps: AppDeps) {
  const service = programmesService(deps.database);
  const indicators = indicatorsService(deps.database);
  const files = postgresFileStore();
  const evidence = evidenceService(deps.database, files);
  const notifications = notificationsService(deps.database);
  const maxEvidence = evidenceMaxBytes();
  const tags = ['programmes'];

  // ------------------------------------------------------------------------------ lists first (static paths)
  app.get(
    '/api/programmes',
    {
      schema: {
        tags,
        summary: 'Программы, видимые пользователю (региональная, муниципальные, школьные)',
        querystring: z.object({
          level: ProgrammeLevel.optional(),
          status: ProgrammeStatus.optional(),
          municipalityId: z.coerce.number().int().optional(),
          schoolId: z.coerce.number().int().optional(),
          q: z.string().trim().max(200).optional(),
        }),
        response: { 200: z.array(ProgrammeListItem) },
      },
    },
    async (req) => service.list(user(req), req.query),
  );

  app.post(
    '/api/programmes',
    {
      schema: {
        tags,
        summary: 'Создать программу (паспорт)',
        body: ProgrammeCreate,
        response: { 201: Programme },
      },
    },
    async (req, reply) => {
      const p = user(req);
      const id = await service.create(p, req.body);
      return reply.status(201).send(await service.card(p, id));
    },
  );

  app.get(
    '/api/programmes/overdue',
    {
      schema: {
        tags,
        summary: 'Просроченные мероприятия (для координаторов и кураторов), по сроку',
        querystring: CoordinationQuery,
        response: { 200: TaskList },
      },
    },
    async (req) => service.overdue(user(req), req.query),
  );

  app.get(
    '/api/programmes/due-soon',
    {
      schema: {
        tags,
        summary: 'Мероприятия со сроком в ближайшие N дней (days, по умолчанию 14)',
        querystring: CoordinationQuery,
        response: { 200: TaskList },
      },
    },
    async (req) => service.dueSoon(user(req), req.query),
  );

  app.get(
    '/api/programmes/progress',
    {
      schema: {
        tags,
        summary:
          'Показатели выполнения: доля выполненного в срок и просроченного — по муниципалитетам, школам или программам',
        querystring: z.object({
          by: z.enum(['municipality', 'school', 'programme']).default('municipality'),
          municipalityId: z.coerce.number().int().optional(),
          level: ProgrammeLevel.optional(),
        }),
        response: { 200: z.array(ProgressRow) },
      },
    },
    async (req) => service.progressBy(user(req), req.query.by, req.query),
  );

  app.post(
    '/api/programmes/import/parse',
    {
      schema: {
        tags,
        summary:
          'Импорт дорожной карты: разбор документа (DOCX, XLSX, CSV, TXT) для проверки; ничего не сохраняет',
        ...multipartDoc('multipart/form-data: поле `file` — документ с таблицей мероприятий.'),
        response: { 200: ParsedRoadmap },
      },
    },
    async (req) => {
      const p = user(req);
      ensure(['regional_coordinator', 'municipal_coordinator', 'school_team'].includes(p.role));
      const f = await readUpload(
        req,
        20 * 1024 * 1024,
        () => new AppError('error.tooLarge', { mb: 20 }, 413),
      );
      return parseUpload(f.fileName, f.data, service.today(), req.locale);
    },
  );

  app.post(
    '/api/programmes/import',
    {
      schema: {
        tags,
        summary:
          'Импорт дорожной карты: сохранить проверенную структуру как новую программу (одной транзакцией)',
        body: ImportBody,
        response: { 201: ImportResult },
      },
    },
    async (req, reply) => reply.status(201).send(await service.importRoadmap(user(req), req.body)),
  );

  app.post(
    '/api/programmes/reminders/run',
    {
      schema: {
        tags,
        summary:
          'Запустить напоминания сейчас (отметка просроченных, уведомления, письма при настроенном SMTP)',
        response: {
          200: z.object({
            today: z.string(),
            overdueMarked: z.number(),
            notified: z.number(),
            emailed: z.number(),
          }),
        },
      },
    },
    async (req) => {
      ensure(policies.canRunReminders(user(req)));
      return remindersService(deps.database).run();
    },
  );

  // ------------------------------------------------------------------------------ one programme
  app.get(
    '/api/programmes/:id',
    { schema: { tags, summary: 'Паспорт программы', params: IdParam, response: { 200: Programme } } },
    async (req) => service.card(user(req), req.params.id),
  );

  app.patch(
    '/api/programmes/:id',
    {
      schema: {
        tags,
        summary: 'Изменить паспорт (с проверкой версии)',
        params: IdParam,
        body: ProgrammePatch,
        response: { 200: Programme },
      },
    },
    async (req) => service.update(user(req), req.params.id, req.body),
  );

  app.delete(
    '/api/programmes/:id',
    {
      schema: {
        tags,
        summary:
          'Удалить черновик программы (version и content — версия и contentStamp паспорта, которые видел пользователь; 409 при расхождении)',
        params: IdParam,
        querystring: z.object({ version: z.coerce.number().int(), content: z.string() }),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await service.remove(user(req), req.params.id, files, req.query);
      return { ok: true };
    },
  );

  app.post(
    '/api/programmes/:id/status',
    {
      schema: {
        tags,
        summary: 'Сменить статус: черновик → утверждена → реализуется → завершена',
        params: IdParam,
        body: StatusChange,
        response: { 200: Programme },
      },
    },
    async (req) => service.setStatus(user(req), req.params.id, req.body.status, req.body.version),
  );

  app.get(
    '/api/programmes/:id/roadmap',
    {
      schema: {
        tags,
        summary:
          'Дорожная карта: разделы и мероприятия с фильтрами (статус, уровень, школа, исполнитель, период)',
        params: IdParam,
        querystring: RoadmapQuery,
        response: { 200: Roadmap },
      },
    },
    async (req) => service.roadmap(user(req), req.params.id, req.query),
  );

  app.post(
    '/api/programmes/:id/sections',
    {
      schema: {
        tags,
        summary: 'Добавить раздел',
        params: IdParam,
        body: SectionInput,
        response: { 201: Section },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.addSection(user(req), req.params.id, req.body)),
  );

  const SectionParams = IdParam.extend({ sectionId: z.coerce.number().int().positive() });
  app.patch(
    '/api/programmes/:id/sections/:sectionId',
    {
      schema: {
        tags,
        summary:
          'Изменить раздел (с проверкой версии: 409 при одновременной правке); новый номер переносится на вложенные разделы и мероприятия (2.1 → 3.1)',
        params: SectionParams,
        body: SectionPatch,
        response: { 200: Section },
      },
    },
    async (req) => service.updateSection(user(req), req.params.id, req.params.sectionId, req.body),
  );

  app.post(
    '/api/programmes/:id/sections/:sectionId/move',
    {
      schema: {
        tags,
        summary:
          'Переместить раздел на одно место вверх или вниз среди разделов того же уровня (с проверкой версии: 409 при одновременной правке)',
        params: SectionParams,
        body: z.object({ direction: z.enum(['up', 'down']), version: SectionVersion }),
        response: { 200: Section },
      },
    },
    async (req) =>
      service.moveSection(
        user(req),
        req.params.id,
        req.params.sectionId,
        req.body.direction,
        req.body.version,
      ),
  );

  app.delete(
    '/api/programmes/:id/sections/:sectionId',
    {
      schema: {
        tags,
        summary:
          'Удалить пустой раздел (version — версия раздела, которую видел пользователь; 409 при расхождении)',
        params: SectionParams,
        querystring: z.object({ version: SectionVersion }),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await service.deleteSection(user(req), req.params.id, req.params.sectionId, req.query.version);
      return { ok: true };
    },
  );

  app.post(
    '/api/programmes/:id/activities',
    {
      schema: {
        tags,
        summary: 'Добавить мероприятие (срок разбирается из текста)',
        params: IdParam,
        body: ActivityCreate,
        response: { 201: ActivityCard },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.addActivity(user(req), req.params.id, req.body)),
  );

  app.get(
    '/api/programmes/:id/progress',
    {
      schema: {
        tags,
        summary: 'Показатели выполнения программы',
        params: IdParam,
        response: { 200: ProgressFigures },
      },
    },
    async (req) => service.progress(user(req), req.params.id),
  );

  app.get(
    '/api/programmes/:id/document.docx',
    {
      schema: {
        tags,
        summary: 'Программа с дорожной картой в DOCX (форма приложения к приказу)',
        params: IdParam,
      },
    },
    async (req, reply) => {
      const data = await service.documentData(user(req), req.params.id);
      const buf = await programmeDocx(data, req.locale, await indicators.tableFor(req.params.id, req.locale));
      return sendFile(reply, buf, MIME.docx, `${fileBase(data.programme.name)}.docx`);
    },
  );

  app.get(
    '/api/programmes/:id/document.xlsx',
    { schema: { tags, summary: 'Программа с дорожной картой в XLSX', params: IdParam } },
    async (req, reply) => {
      const data = await service.documentData(user(req), req.params.id);
      const buf = await programmeXlsx(data, req.locale);
      return sendFile(reply, buf, MIME.xlsx, `${fileBase(data.programme.name)}.xlsx`);
    },
  );

  app.get(
    '/api/programmes/:id/report.docx',
    {
      schema: {
        tags,
        summary: 'Отчёт о ходе реализации (выполненное с подтверждениями, просроченное) в DOCX',
        params: IdParam,
      },
    },
    async (req, reply) => {
      const data = await service.documentData(user(req), req.params.id);
      const buf = await progressReportDocx(
        data,
        req.locale,
        await indicators.tableFor(req.params.id, req.locale),
      );
      return sendFile(reply, buf, MIME.docx, `otchet-${data.today}.docx`);
    },
  );

  // ------------------------------------------------------------------------------ activities
  const atags = ['activities'];
  app.get(
    '/api/activities/:id',
    {
      schema: {
        tags: atags,
        summary: 'Мероприятие: периоды, подтверждения, права',
        params: IdParam,
        response: { 200: ActivityCard },
      },
    },
    async (req) => service.activityCard(user(req), req.params.id),
  );

  app.patch(
    '/api/activities/:id',
    {
      schema: {
        tags: atags,
        summary: 'Изменить мероприятие (с проверкой версии: 409 при одновременной правке)',
        params: IdParam,
        body: ActivityPatch,
        response: { 200: ActivityCard },
      },
    },
    async (req) => service.updateActivity(user(req), req.params.id, req.body),
  );

  app.delete(
    '/api/activities/:id',
    {
      schema: {
        tags: atags,
        summary: 'Удалить мероприятие (version — версия, которую видел пользователь; 409 при расхождении)',
        params: IdParam,
        querystring: z.object({ version: z.coerce.number().int() }),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await service.deleteActivity(user(req), req.params.id, files, req.query.version);
      return { ok: true };
    },
  );

  app.post(
    '/api/activities/:id/status',
    {
      schema: {
        tags: atags,
        summary: 'Отметить выполнение мероприятия (статус и комментарий)',
        params: IdParam,
        body: ActivityStatusInput,
        response: { 200: ActivityCard },
      },
    },
    async (req) => service.setActivityStatus(user(req), req.params.id, req.body),
  );

  app.patch(
    '/api/activities/:id/occurrences/:occurrenceId',
    {
      schema: {
        tags: atags,
        summary: 'Отметить выполнение за период повторяющегося мероприятия',
        params: IdParam.extend({ occurrenceId: z.coerce.number().int().positive() }),
        body: OccurrencePatch,
        response: { 200: ActivityCard },
      },
    },
    async (req) => service.setOccurrence(user(req), req.params.id, req.params.occurrenceId, req.body),
  );

  app.post(
    '/api/activities/:id/evidence',
    {
      schema: {
        tags: atags,
        summary: 'Приложить файл-подтверждение',
        params: IdParam,
        ...multipartDoc(
          'multipart/form-data: `file` (pdf, docx, xlsx, odt, ods, jpg, png, txt, zip и др.), необязательные `title` и `occurrenceId`.',
        ),
        response: { 201: ActivityCard },
      },
    },
    async (req, reply) => {
      const p = user(req);
      await evidence.checkUpload(p, req.params.id); // before reading the upload
      const f = await readUpload(
        req,
        maxEvidence,
        (name) => new AppError('evidence.tooLarge', { name, mb: Math.round(maxEvidence / 1024 / 1024) }, 413),
      );
      const occurrenceId = f.fields.occurrenceId ? Number(f.fields.occurrenceId) : null;
      if (occurrenceId !== null && !Number.isInteger(occurrenceId))
        throw new AppError('programmes.occurrenceUnknown', { id: f.fields.occurrenceId ?? '' }, 404);
      await evidence.upload(
        p,
        req.params.id,
        { fileName: f.fileName, data: f.data, title: f.fields.title, occurrenceId },
        maxEvidence,
      );
      return reply.status(201).send(await service.activityCard(p, req.params.id));
    },
  );

  app.post(
    '/api/activities/:id/evidence/link',
    {
      schema: {
        tags: atags,
        summary: 'Приложить ссылку-подтверждение (публикация на сайте, документ в облаке)',
        params: IdParam,
        body: EvidenceLink,
        response: { 201: ActivityCard },
      },
    },
    async (req, reply) => {
      const p = user(req);
      await evidence.addLink(p, req.params.id, req.body);
      return reply.status(201).send(await service.activityCard(p, req.params.id));
    },
  );

  // ------------------------------------------------------------------------------ evidence
  app.get(
    '/api/evidence/:id/file',
    { schema: { tags: ['evidence'], summary: 'Скачать файл подтверждения', params: IdParam } },
    async (req, reply) => {
      const f = await evidence.download(user(req), req.params.id);
      return sendFile(reply, f.data, f.mime, f.name);
    },
  );

  app.post(
    '/api/evidence/:id/review',
    {
      schema: {
        tags: ['evidence'],
        summary: 'Принять или вернуть подтверждение (куратор, координатор)',
        params: IdParam,
        body: Review,
        response: { 200: ActivityCard },
      },
    },
    async (req) => {
      const p = user(req);
      const activityId = await evidence.review(p, req.params.id, req.body);
      return service.activityCard(p, activityId);
    },
  );

  app.delete(
    '/api/evidence/:id',
    {
      schema: {
        tags: ['evidence'],
        summary: 'Удалить непринятое подтверждение',
        params: IdParam,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await evidence.remove(user(req), req.params.id);
      return { ok: true };
    },
  );

  // ------------------------------------------------------------------------------ me
  app.get(
    '/api/me/tasks',
    {
      schema: {
        tags: ['me'],
        summary: 'Мои задачи: открытые мероприятия, где я исполнитель или ответственная сторона',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: TaskList },
      },
    },
    async (req) => service.myTasks(user(req), req.query.limit, req.query.offset),
  );

  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['me'],
        summary: 'Уведомления пользователя',
        querystring: z.object({
          unread: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: NotificationList },
      },
    },
    async (req) => notifications.list(user(req), req.query.unread === 'true', req.query.limit, req.locale),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags: ['me'],
        summary: 'Отметить уведомление прочитанным',
        params: IdParam,
        response: { 200: z.object({ updated: z.number() }) },
      },
    },
    async (req) => ({ updated: await notifications.markRead(user(req), req.params.id) }),
  );

  app.post(
    '/api/notifications/read-all',
    {
      schema: {
        tags: ['me'],
        summary: 'Отметить все уведомления прочитанными',
        response: { 200: z.object({ updated: z.number() }) },
      },
    },
    async (req) => ({ updated: await notifications.markRead(user(req), null) }),
  );
}
