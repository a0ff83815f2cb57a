import type { Database } from '../platform/db/index.js';
import type { Role } from '../platform/db/schema.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { loadConfig } from '../platform/config.js';
import { createApp } from '../platform/http/create-app.js';
import type { App } from '../platform/http/context.js';

export const PASSWORD = 'test-password-123';

export interface World {
  municipalities: { a: number; b: number };
  schools: { a1: number; a2: number; b1: number };
  users: Record<string, { id: number; login: string; role: Role }>;
}

const school = (
  municipality_id: number,
  code: string,
  name: string,
  locality: 'urban' | 'rural' = 'urban',
) => ({
  municipality_id,
  code,
  full_name: `Муниципальное бюджетное общеобразовательное учреждение "${name}"`,
  short_name: `МБОУ "${name}"`,
  type: 'СОШ',
  locality,
  settlement: locality === 'urban' ? 'г. Северогорск' : 'с. Ивановка',
  students_noo: 100,
  students_ooo: 120,
  students_soo: 30,
});

/** Two municipalities, three schools, and one user per role scoped to municipality A / school a1. */
export async function buildWorld(database: Database): Promise<World> {
  const { db } = database;
  const hash = await hashPassword(PASSWORD);
  const region = await db
    .insertInto('region')
    .values({ code: '99', name: 'Тестовая область' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const [ma, mb] = await db
    .insertInto('municipality')
    .values([
      { region_id: region.id, code: 'A', name: 'Альфинский муниципальный район', kind: 'district' },
      { region_id: region.id, code: 'B', name: 'городской округ Бетинск', kind: 'city' },
    ])
    .returning('id')
    .execute();
  const [a1, a2, b1] = await db
    .insertInto('school')
    .values([
      school(ma!.id, 'A-1', 'СОШ № 1 с. Ивановка', 'rural'),
      school(ma!.id, 'A-2', 'Петровская СОШ', 'rural'),
      school(mb!.id, 'B-1', 'СОШ № 5 г. Бетинска'),
    ])
    .returning('id')
    .execute();
  const specs: Array<{
    login: string;
    role: Role;
    municipality_id?: number;
    school_id?: number;
    assigned?: number[];
  }> = [
    { login: 'region', role: 'regional_coordinator' },
    { login: 'muni', role: 'municipal_coordinator', municipality_id: ma!.id },
    { login: 'team', role: 'school_team', municipality_id: ma!.id, school_id: a1!.id },
    { login: 'curator', role: 'curator', municipality_id: ma!.id, assigned: [a1!.id] },
    { login: 'expert', role: 'expert', assigned: [a1!.id] },
    { login: 'teacher', role: 'teacher', municipality_id: ma!.id, school_id: a1!.id },
    { login: 'observer', role: 'observer', municipality_id: ma!.id },
    { login: 'muni_b', role: 'municipal_coordinator', municipality_id: mb!.id },
  ];
  const users: World['users'] = {};
  for (const s of specs) {
    const { id } = await db
      .insertInto('app_user')
      .values({
        login: s.login,
        full_name: `Пользователь ${s.login}`,
        role: s.role,
        municipality_id: s.municipality_id ?? null,
        school_id: s.school_id ?? null,
        password_hash: hash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (s.assigned)
      await db
        .insertInto('user_school')
        .values(s.assigned.map((school_id) => ({ user_id: id, school_id })))
        .execute();
    users[s.login] = { id, login: s.login, role: s.role };
  }
  return { municipalities: { a: ma!.id, b: mb!.id }, schools: { a1: a1!.id, a2: a2!.id, b1: b1!.id }, users };
}

export async function testApp(database: Database): Promise<App> {
  const app = await createApp(database, loadConfig({}));
  await app.ready();
  return app;
}

/** A signed-in HTTP client over fastify's inject: keeps the session cookie and sends the CSRF token. */
export async function signIn(app: App, login: string, password = PASSWORD) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
  if (res.statusCode !== 200) throw new Error(`login ${login}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'rost_session')!;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url,
      cookies: { rost_session: cookie.value },
      headers: { 'x-csrf-token': csrf, ...headers },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  return { call, cookie: cookie.value, csrf };
}
export type Client = Awaited<ReturnType<typeof signIn>>;
