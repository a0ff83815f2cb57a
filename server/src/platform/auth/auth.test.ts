import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { buildWorld, PASSWORD, signIn, testApp } from '../../test/fixtures.js';
import type { Database } from '../db/index.js';
import type { App } from '../http/context.js';
import { THROTTLE } from './service.js';
import { expectConflict } from '../../test/conflict.js';

let database: Database;
let app: App;

beforeAll(async () => {
  database = await testDatabase();
  await buildWorld(database);
  app = await testApp(database);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('sign-in and sessions', () => {
  it('signs in, sets an HttpOnly cookie, returns the user and a CSRF token', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'REGION', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'rost_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const body = res.json();
    expect(body.user.login).toBe('region');
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const stored = await database.db.selectFrom('session').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(cookie.value); // stored hashed
  });

  it('refuses a wrong password with a Russian message and the same answer for an unknown login', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'muni', password: 'nope-nope-nope' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'nobody', password: 'nope-nope-nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message).toBe('Неверный логин или пароль.');
    expect(unknown.json().message).toBe(wrong.json().message);
  });

  it('throttles repeated failures for a login', async () => {
    for (let i = 0; i < THROTTLE.maxPerLogin; i++) {
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: 'teacher', password: `wrong-${i}` },
      });
    }
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'teacher', password: PASSWORD },
    });
    expect(res.statusCode).toBe(429);
    expect(res.json().message).toContain('Слишком много неудачных попыток');
    await database.db.deleteFrom('login_failure').execute();
  });

  it('requires the CSRF header for cookie-authenticated writes', async () => {
    const c = await signIn(app, 'region');
    const without = await app.inject({
      method: 'POST',
      url: '/api/context-indicators',
      cookies: { rost_session: c.cookie },
      payload: { code: 'x_test', name: 'Проверка', unit: 'percent' },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('error.csrf');
    const withToken = await c.call('POST', '/api/context-indicators', {
      code: 'x_test',
      name: 'Проверка',
      unit: 'percent',
    });
    expect(withToken.statusCode).toBe(201);
  });

  it('logs out: the session no longer works', async () => {
    const c = await signIn(app, 'observer');
    expect((await c.call('GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await c.call('POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await c.call('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('a stale edit of a user is refused with who changed it and when', async () => {
    const admin = await signIn(app, 'region');
    const u = (await admin.call('GET', '/api/users?q=observer')).json()[0];
    expect(
      (await admin.call('PATCH', `/api/users/${u.id}`, { version: u.version, email: 'o@example.org' }))
        .statusCode,
    ).toBe(200);
    const stale = await admin.call('PATCH', `/api/users/${u.id}`, {
      version: u.version,
      email: 'x@example.org',
    });
    expectConflict(stale, 'Пользователь region');
  });

  it('a disabled user cannot sign in and loses their sessions', async () => {
    const admin = await signIn(app, 'region');
    const victim = await signIn(app, 'expert');
    const u = (await admin.call('GET', '/api/users?q=expert')).json()[0];
    const res = await admin.call('PATCH', `/api/users/${u.id}`, { version: u.version, active: false });
    expect(res.statusCode).toBe(200);
    expect((await victim.call('GET', '/api/auth/me')).statusCode).toBe(401);
    const again = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'expert', password: PASSWORD },
    });
    expect(again.statusCode).toBe(403);
  });

  it('sends security headers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('answers in English when asked', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { 'accept-language': 'en-GB' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('Please sign in.');
  });
});
