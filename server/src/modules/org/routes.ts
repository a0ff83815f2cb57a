import { z } from 'zod';
import type { App, AppDeps } from '../../platform/http/context.js';
import { user } from '../../platform/http/context.js';
import { schoolScope } from '../../platform/auth/principal.js';
import { ensure, policies } from '../../platform/auth/policies.js';
import { audit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import {
  AuditEntry,
  ContextIndicator,
  ContextPut,
  Municipality,
  Page,
  SchoolCard,
  SchoolCreate,
  SchoolListItem,
  SchoolListQuery,
  SchoolPatch,
} from '../../../../common/src/schemas/org.js';
import { schoolsService } from './service.js';
import { indicatorsRepository, municipalitiesRepository } from './repository.js';

const IdParam = z.object({ id: z.coerce.number().int().positive() });

export async function orgRoutes(app: App, deps: AppDeps) {
  const schools = schoolsService(deps.database);
  const municipalities = municipalitiesRepository(deps.database.db);
  const indicators = indicatorsRepository(deps.database.db);

  app.get(
    '/api/region',
    {
      schema: {
        tags: ['org'],
        summary: 'Регион и сводка по видимым пользователю школам',
        response: {
          200: z.object({
            code: z.string(),
            name: z.string(),
            municipalities: z.number(),
            schools: z.number(),
            students: z.number(),
            smallSchools: z.number(),
            ruralSchools: z.number(),
          }),
        },
      },
    },
    async (req) => {
      const p = user(req);
      const region = await municipalities.region();
      const list = (await municipalities.list(schoolScope(p))).filter(
        (m) => m.schools > 0 || p.role === 'regional_coordinator',
      );
      const sum = (k: 'schools' | 'students' | 'smallSchools' | 'ruralSchools') =>
        list.reduce((a, m) => a + m[k], 0);
      return {
        code: region?.code ?? '',
        name: region?.name ?? '',
        municipalities: list.length,
        schools: sum('schools'),
        students: sum('students'),
        smallSchools: sum('smallSchools'),
        ruralSchools: sum('ruralSchools'),
      };
    },
  );

  app.get(
    '/api/municipalities',
    {
      schema: {
        tags: ['org'],
        summary: 'Муниципалитеты с числом школ (в пределах прав пользователя)',
        response: { 200: z.array(Municipality) },
      },
    },
    async (req) => municipalities.list(schoolScope(user(req))),
  );

  app.get(
    '/api/schools',
    {
      schema: {
        tags: ['org'],
        summary: 'Реестр школ: поиск, фильтры, сортировка, страницы',
        querystring: SchoolListQuery,
        response: { 200: Page(SchoolListItem) },
      },
    },
    async (req) => schools.list(user(req), req.query),
  );

  app.post(
    '/api/schools',
    {
      schema: {
        tags: ['org'],
        summary: 'Добавить школу',
        body: SchoolCreate,
        response: { 201: SchoolCard },
      },
    },
    async (req, reply) => {
      const p = user(req);
      if (!(await municipalities.get(req.body.municipalityId))) {
        throw new AppError('org.municipalityUnknown', { id: req.body.municipalityId });
      }
      const id = await schools.create(p, req.body);
      return reply.status(201).send(await schools.card(p, id));
    },
  );

  app.get(
    '/api/schools/:id',
    { schema: { tags: ['org'], summary: 'Карточка школы', params: IdParam, response: { 200: SchoolCard } } },
    async (req) => schools.card(user(req), req.params.id),
  );

  app.patch(
    '/api/schools/:id',
    {
      schema: {
        tags: ['org'],
        summary: 'Изменить атрибуты школы (с проверкой версии)',
        params: IdParam,
        body: SchoolPatch,
        response: { 200: SchoolCard },
      },
    },
    async (req) => schools.update(user(req), req.params.id, req.body),
  );

  app.put(
    '/api/schools/:id/context/:year',
    {
      schema: {
        tags: ['org'],
        summary: 'Социальный контекст школы за учебный год (осенний год: 2024 = 2024/25)',
        params: IdParam.extend({ year: z.coerce.number().int().min(2000).max(2100) }),
        body: ContextPut,
        response: { 200: SchoolCard },
      },
    },
    async (req) => schools.putContext(user(req), req.params.id, req.params.year, req.body),
  );

  app.get(
    '/api/schools/:id/history',
    {
      schema: {
        tags: ['org'],
        summary: 'История изменений школы',
        params: IdParam,
        response: { 200: z.array(AuditEntry) },
      },
    },
    async (req) => schools.history(user(req), req.params.id),
  );

  app.get(
    '/api/context-indicators',
    {
      schema: {
        tags: ['org'],
        summary: 'Показатели социального контекста (встроенные и заданные регионом)',
        response: { 200: z.array(ContextIndicator) },
      },
    },
    async (req) => {
      user(req);
      return indicators.list();
    },
  );

  app.post(
    '/api/context-indicators',
    {
      schema: {
        tags: ['org'],
        summary: 'Добавить показатель контекста, заданный регионом',
        body: z.object({
          code: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/),
          name: z.string().trim().min(3).max(300),
          unit: z.enum(['percent', 'count', 'number', 'boolean']),
        }),
        response: { 201: ContextIndicator },
      },
    },
    async (req, reply) => {
      const p = user(req);
      ensure(policies.canDefineIndicators(p));
      if ((await indicators.list()).some((i) => i.code === req.body.code)) {
        throw new AppError('error.duplicate', { field: 'code' });
      }
      const row = await deps.database.db.transaction().execute(async (tx) => {
        const r = await indicators.insert(tx, { ...req.body, builtin: false });
        await audit(tx, p, {
          action: 'create',
          entity: 'context_indicator',
          entityId: r.code,
          summary: r.name,
          after: r,
        });
        return r;
      });
      return reply.status(201).send(row);
    },
  );
}
