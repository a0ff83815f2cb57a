import { z } from 'zod';
import type { App, AppDeps } from '../../platform/http/context.js';
import { user } from '../../platform/http/context.js';
import type { FastifyRequest } from 'fastify';
import {
  Approve,
  Diff,
  ParamSetCreate,
  ParamSetList,
  ParamSetPatch,
  ParamsInput,
  Propose,
  Run,
  RunSchoolPage,
  RunSchoolsQuery,
  RunStart,
  RunSummary,
  Scatter,
  SchoolHistoryItem,
  SchoolOutcome,
  WhatIf,
} from '../../../../common/src/schemas/identification.js';
import { identificationService } from './service.js';
import { listDocx, listXlsx } from './documents.js';

import { MIME, sendFile } from '../../platform/http/download.js';

const IdParam = z.object({ id: z.coerce.number().int().positive() });
const Ok = z.object({ ok: z.boolean() });

const tags = ['identification'];
/** The signed-in user, with the request's locale (the `lang` parameter wins over the setting). */
const who = (req: FastifyRequest) => ({ ...user(req), locale: req.locale });
const P = '/api/identification';
export async function identificationRoutes(app: App, deps: AppDeps) {
  const service = identificationService(deps.database);

  app.get(
    `${P}/params`,
    {
      schema: {
        tags,
        summary: 'Наборы параметров отбора и параметры по умолчанию',
        response: { 200: ParamSetList },
      },
    },
    async (req) => service.paramSets(who(req)),
  );
  app.post(
    `${P}/params`,
    {
      schema: {
        tags,
        summary:
          'Создать набор параметров (региональный координатор); неверные параметры отклоняются с пояснением',
        body: ParamSetCreate,
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createParamSet(who(req), req.body)),
  );
  app.patch(
    `${P}/params/:id`,
    {
      schema: {
        tags,
        summary: 'Изменить набор параметров',
        params: IdParam,
        body: ParamSetPatch,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (req) => service.updateParamSet(who(req), req.params.id, req.body),
  );
  app.delete(
    `${P}/params/:id`,
    { schema: { tags, summary: 'Удалить набор параметров', params: IdParam, response: { 200: Ok } } },
    async (req) => {
      await service.deleteParamSet(who(req), req.params.id);
      return { ok: true };
    },
  );

  app.get(
    `${P}/runs`,
    { schema: { tags, summary: 'Запуски отбора (новые сначала)', response: { 200: z.array(Run) } } },
    async (req) => service.runs(who(req)),
  );
  app.post(
    `${P}/runs`,
    {
      schema: {
        tags,
        summary:
          'Запустить отбор за год с набором параметров (или параметрами, или набором по умолчанию): параметры проверяются сразу, расчёт выполняет фоновое задание (jobId); запуск имеет состояние «выполняется», затем «готов» или «ошибка»',
        body: RunStart,
        response: { 201: RunSummary.extend({ jobId: z.number().nullable() }) },
      },
    },
    async (req, reply) => {
      const p = who(req);
      const { runId, jobId } = await service.start(p, req.body);
      return reply.status(201).send({ ...(await service.summary(p, runId)), jobId });
    },
  );
  app.get(
    `${P}/runs/:id`,
    {
      schema: {
        tags,
        summary: 'Сводка запуска: категории, муниципалитеты, предложения',
        params: IdParam,
        response: { 200: RunSummary },
      },
    },
    async (req) => service.summary(who(req), req.params.id),
  );
  app.delete(
    `${P}/runs/:id`,
    {
      schema: {
        tags,
        summary: 'Удалить запуск (утверждённый перечень удалить нельзя)',
        params: IdParam,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await service.deleteRun(who(req), req.params.id);
      return { ok: true };
    },
  );
  app.get(
    `${P}/runs/:id/schools`,
    {
      schema: {
        tags,
        summary: 'Школы запуска с фильтрами (муниципалитет, категория, поиск) и страницами',
        params: IdParam,
        querystring: RunSchoolsQuery,
        response: { 200: RunSchoolPage },
      },
    },
    async (req) => service.schools(who(req), req.params.id, req.query),
  );
  app.get(
    `${P}/runs/:id/schools/:schoolId`,
    {
      schema: {
        tags,
        summary: 'Результат отбора одной школы с объяснением и показателями',
        params: IdParam.extend({ schoolId: z.coerce.number().int().positive() }),
        response: { 200: SchoolOutcome },
      },
    },
    async (req) => service.school(who(req), req.params.id, req.params.schoolId),
  );
  app.get(
    `${P}/runs/:id/scatter`,
    {
      schema: {
        tags,
        summary: 'Данные диаграммы рассеяния: индекс контекста, доля ниже минимума, остаток, категория',
        params: IdParam,
        response: { 200: Scatter },
      },
    },
    async (req) => service.scatter(who(req), req.params.id),
  );
  app.post(
    `${P}/runs/:id/whatif`,
    {
      schema: {
        tags,
        summary: 'Что если: расчёт с другими параметрами без сохранения; кто войдёт в перечень и кто выйдет',
        params: IdParam,
        body: z.object({ params: ParamsInput }),
        response: { 200: WhatIf },
      },
    },
    async (req) => service.whatIf(who(req), req.params.id, req.body.params),
  );
  app.get(
    `${P}/runs/:id/diff`,
    {
      schema: {
        tags,
        summary: 'Отличия от утверждённого перечня прошлого года: вошли, остались, вышли',
        params: IdParam,
        response: { 200: Diff },
      },
    },
    async (req) => service.diff(who(req), req.params.id),
  );
  app.post(
    `${P}/runs/:id/propose`,
    {
      schema: {
        tags,
        summary: 'Предложить перечень от муниципалитета (муниципальный координатор)',
        params: IdParam,
        body: Propose,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await service.propose(who(req), req.params.id, req.body.note ?? null);
      return { ok: true };
    },
  );
  app.post(
    `${P}/runs/:id/approve`,
    {
      schema: {
        tags,
        summary: 'Утвердить перечень приказом (номер и дата); утверждённый перечень не изменяется',
        params: IdParam,
        body: Approve,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await service.approve(who(req), req.params.id, req.body);
      return { ok: true };
    },
  );
  app.get(
    `${P}/runs/:id/list.docx`,
    {
      schema: {
        tags,
        summary: 'Перечень с основаниями в DOCX (форма приложения к приказу)',
        params: IdParam,
      },
    },
    async (req, reply) => {
      const data = await service.documentData(who(req), req.params.id);
      return sendFile(reply, await listDocx(data, req.locale), MIME.docx, `perechen-${data.year}.docx`);
    },
  );
  app.get(
    `${P}/runs/:id/list.xlsx`,
    { schema: { tags, summary: 'Перечень с основаниями в XLSX', params: IdParam } },
    async (req, reply) => {
      const data = await service.documentData(who(req), req.params.id);
      return sendFile(reply, await listXlsx(data, req.locale), MIME.xlsx, `perechen-${data.year}.xlsx`);
    },
  );

  app.get(
    '/api/schools/:id/identification',
    {
      schema: {
        tags,
        summary: 'История категорий школы по запускам (школе — только утверждённые перечни)',
        params: IdParam,
        response: { 200: z.array(SchoolHistoryItem) },
      },
    },
    async (req) => service.history(who(req), req.params.id),
  );
}
