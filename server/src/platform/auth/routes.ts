import { z } from 'zod';
import type { App, AppDeps } from '../http/context.js';
import { user } from '../http/context.js';
import { UserOut } from '../../../../common/src/schemas/org.js';
import { usersRepository, presentUser } from '../../modules/org/users-repository.js';

export const SESSION_COOKIE = 'rost_session';

const Me = z.object({ user: UserOut, csrfToken: z.string() });

export async function authRoutes(app: App, deps: AppDeps) {
  const users = usersRepository(deps.database.db);
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.secureCookies,
  };

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Вход: создаёт сессию (cookie HttpOnly) и возвращает CSRF-токен',
        body: z.object({ login: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
        response: { 200: Me },
      },
    },
    async (req, reply) => {
      const { sessionToken, csrfToken, principal } = await deps.auth.login(
        req.body.login.trim(),
        req.body.password,
        req.ip,
        req.headers['user-agent'] ?? null,
      );
      reply.setCookie(SESSION_COOKIE, sessionToken, {
        ...cookieOptions,
        maxAge: deps.config.sessionTtlHours * 3600,
      });
      return { user: presentUser(await users.getWithNames(principal.id)), csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Выход', response: { 200: z.object({ ok: z.boolean() }) } } },
    async (req, reply) => {
      if (req.sessionKey) await deps.auth.logout(req.sessionKey);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'Текущий пользователь и CSRF-токен', response: { 200: Me } } },
    async (req) => {
      const p = user(req);
      return { user: presentUser(await users.getWithNames(p.id)), csrfToken: req.csrfToken ?? '' };
    },
  );
}
