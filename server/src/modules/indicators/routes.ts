import { z } from 'zod';
import type { App, AppDeps } from '../../platform/http/context.js';
import { user } from '../../platform/http/context.js';
import { MIME, sendFile } from '../../platform/http/download.js';
import {
  Breakdown,
  BreakdownQuery,
  Catalogue,
  ComputeInput,
  ComputeResult,
  Definition,
  DefinitionInput,
  DefinitionPatch,
  IndicatorRow,
  IndicatorTable,
  ManualValueInput,
  ProgrammeIndicatorInput,
  ProgrammeIndicatorPatch,
  SchoolBasis,
} from '../../../../common/src/schemas/indicators.js';
import { indicatorsService, noDataIn } from './service.js';
import type { NoData } from './domain/index.js';
import { indicatorsXlsx } from './documents.js';
import { postgresFileStore } from '../../platform/files/index.js';
import { AppError } from '../../platform/errors.js';
import { evidenceMaxBytes } from '../programmes/evidence-service.js';
import { multipartDoc, readUpload } from '../programmes/routes.js';

const IdParam = z.object({ id: z.coerce.number().int().positive() });
const ValueParam = IdParam.extend({ year: z.coerce.number().int().min(2000).max(2100) });
const Ok = z.object({ ok: z.boolean() });

/** Target indicators: the catalogue, a programme's indicators, computed and entered values, drill-down. */
export async function indicatorsRoutes(app: App, deps: AppDeps) {
  const service = indicatorsService(deps.database);
  const files = postgresFileStore();
  const maxEvidence = evidenceMaxBytes();
  const tags = ['indicators'];

  app.get(
    '/api/indicators/catalogue',
    {
      schema: {
        tags,
        summary: 'Каталог целевых показателей, расчёты и поля, из которых регион может задать свои доли',
        response: { 200: Catalogue },
      },
    },
    async (req) => {
      user(req);
      return service.catalogue(req.locale);
    },
  );
  app.post(
    '/api/indicators/catalogue',
    {
      schema: {
        tags,
        summary: 'Добавить показатель в каталог (региональный координатор)',
        body: DefinitionInput,
        response: { 201: Definition },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createDefinition(user(req), req.body)),
  );
  app.patch(
    '/api/indicators/catalogue/:code',
    {
      schema: {
        tags,
        summary: 'Изменить показатель каталога (с проверкой версии)',
        params: z.object({ code: z.string().max(61) }),
        body: DefinitionPatch,
        response: { 200: Definition },
      },
    },
    async (req) => service.updateDefinition(user(req), req.params.code, req.body),
  );
  app.delete(
    '/api/indicators/catalogue/:code',
    {
      schema: {
        tags,
        summary: 'Удалить собственный показатель региона из каталога',
        params: z.object({ code: z.string().max(61) }),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await service.deleteDefinition(user(req), req.params.code);
      return { ok: true };
    },
  );

  app.get(
    '/api/programmes/:id/indicators',
    {
      schema: {
        tags,
        summary: 'Целевые показатели программы: базовое значение, цели и факт по годам, достижение',
        params: IdParam,
        response: { 200: IndicatorTable },
      },
    },
    async (req) => service.table(user(req), req.params.id, req.locale),
  );
  app.post(
    '/api/programmes/:id/indicators',
    {
      schema: {
        tags,
        summary: 'Добавить показатель в программу (из каталога или свой)',
        params: IdParam,
        body: ProgrammeIndicatorInput,
        response: { 201: IndicatorRow },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.addIndicator(user(req), req.params.id, req.body, req.locale)),
  );
  app.post(
    '/api/programmes/:id/indicators/compute',
    {
      schema: {
        tags,
        summary: 'Рассчитать все вычисляемые показатели программы за год',
        params: IdParam,
        body: ComputeInput,
        response: { 200: ComputeResult },
      },
    },
    async (req) => {
      const t0 = performance.now();
      const values = await service.computeProgramme(user(req), req.params.id, req.body.year);
      return presentCompute(values, t0, req.locale);
    },
  );
  app.get(
    '/api/programmes/:id/indicators.xlsx',
    { schema: { tags, summary: 'Целевые показатели программы (XLSX)', params: IdParam } },
    async (req, reply) => {
      const p = user(req);
      const table = await service.table(p, req.params.id, req.locale);
      const data = await indicatorsXlsx(table, req.locale);
      return sendFile(reply, data, MIME.xlsx, `pokazateli-${req.params.id}.xlsx`);
    },
  );

  app.patch(
    '/api/indicators/:id',
    {
      schema: {
        tags,
        summary: 'Изменить показатель программы (с проверкой версии)',
        params: IdParam,
        body: ProgrammeIndicatorPatch,
        response: { 200: IndicatorRow },
      },
    },
    async (req) => service.updateIndicator(user(req), req.params.id, req.body, req.locale),
  );
  app.delete(
    '/api/indicators/:id',
    {
      schema: {
        tags,
        summary: 'Удалить показатель программы вместе с его значениями',
        params: IdParam,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await service.deleteIndicator(user(req), req.params.id);
      return { ok: true };
    },
  );
  app.post(
    '/api/indicators/:id/compute',
    {
      schema: {
        tags,
        summary: 'Рассчитать показатель за год',
        params: IdParam,
        body: ComputeInput,
        response: { 200: ComputeResult },
      },
    },
    async (req) => {
      const t0 = performance.now();
      const values = await service.compute(user(req), req.params.id, req.body.year);
      return presentCompute(values, t0, req.locale);
    },
  );
  app.put(
    '/api/indicators/:id/values/:year',
    {
      schema: {
        tags,
        summary: 'Внести фактическое значение вручную (с источником)',
        params: ValueParam,
        body: ManualValueInput,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await service.setManual(user(req), req.params.id, req.params.year, req.body);
      return { ok: true };
    },
  );
  app.delete(
    '/api/indicators/:id/values/:year',
    {
      schema: {
        tags,
        summary: 'Удалить значение показателя за год',
        params: ValueParam,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await service.deleteValue(user(req), req.params.id, req.params.year);
      return { ok: true };
    },
  );
  app.post(
    '/api/indicators/:id/values/:year/evidence',
    {
      schema: {
        tags,
        summary: 'Приложить файл-подтверждение к значению, внесённому вручную',
        params: ValueParam,
        ...multipartDoc('multipart/form-data: `file` (pdf, docx, xlsx, odt, ods, jpg, png, txt, zip и др.)'),
        response: { 200: Ok },
      },
    },
    async (req) => {
      const p = user(req);
      await service.checkEvidenceUpload(p, req.params.id, req.params.year); // before reading the upload
      const f = await readUpload(
        req,
        maxEvidence,
        (name) => new AppError('evidence.tooLarge', { name, mb: Math.round(maxEvidence / 1024 / 1024) }, 413),
      );
      await service.attachEvidence(
        p,
        req.params.id,
        req.params.year,
        { name: f.fileName, data: f.data },
        files,
        maxEvidence,
      );
      return { ok: true };
    },
  );
  app.get(
    '/api/indicators/:id/values/:year/evidence',
    { schema: { tags, summary: 'Скачать файл-подтверждение значения', params: ValueParam } },
    async (req, reply) => {
      const f = await service.evidence(user(req), req.params.id, req.params.year, files);
      return sendFile(reply, f.data, f.mime, f.name);
    },
  );
  app.get(
    '/api/indicators/:id/values/:year/breakdown',
    {
      schema: {
        tags,
        summary: 'Расчёт значения: числитель и знаменатель по муниципалитетам и школам',
        params: ValueParam,
        querystring: BreakdownQuery,
        response: { 200: Breakdown },
      },
    },
    async (req) => service.breakdown(user(req), req.params.id, req.params.year, req.query, req.locale),
  );
  app.get(
    '/api/indicators/:id/values/:year/basis',
    {
      schema: {
        tags,
        summary: 'Записи, учтённые для школы (или для мероприятий без школы)',
        params: ValueParam,
        querystring: z.object({ schoolId: z.coerce.number().int().positive().optional() }),
        response: { 200: SchoolBasis },
      },
    },
    async (req) =>
      service.basis(user(req), req.params.id, req.params.year, req.query.schoolId ?? null, req.locale),
  );
}

function presentCompute(
  values: Array<{
    indicatorId: number;
    name: string;
    year: number;
    value: number | null;
    noData: NoData | null;
  }>,
  t0: number,
  locale: 'ru' | 'en',
) {
  return {
    computed: values.length,
    ms: Math.round(performance.now() - t0),
    values: values.map((v) => ({
      ...v,
      noData: noDataIn(locale, v.noData),
    })),
  };
}
