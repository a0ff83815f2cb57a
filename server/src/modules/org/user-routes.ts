import { z } from 'zod';
import type { App, AppDeps } from '../../platform/http/context.js';
import { user } from '../../platform/http/context.js';
import { Role, UserCreate, UserOut, UserPatch } from '../../../../common/src/schemas/org.js';
import { usersService } from './users-service.js';

const IdParam = z.object({ id: z.coerce.number().int().positive() });

export async function userRoutes(app: App, deps: AppDeps) {
  const users = usersService(deps.database);

  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Пользователи (координаторам: регион — все, муниципалитет — свои)',
        querystring: z.object({
          role: Role.optional(),
          municipalityId: z.coerce.number().int().optional(),
          q: z.string().max(100).optional(),
        }),
        response: { 200: z.array(UserOut) },
      },
    },
    async (req) => users.list(user(req), req.query),
  );

  app.get(
    '/api/users/:id',
    { schema: { tags: ['users'], summary: 'Пользователь', params: IdParam, response: { 200: UserOut } } },
    async (req) => users.get(user(req), req.params.id),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Создать пользователя',
        body: UserCreate,
        response: { 201: UserOut },
      },
    },
    async (req, reply) => reply.status(201).send(await users.create(user(req), req.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Изменить пользователя (роль, права, пароль, блокировка)',
        params: IdParam,
        body: UserPatch,
        response: { 200: UserOut },
      },
    },
    async (req) => users.update(user(req), req.params.id, req.body),
  );
}
