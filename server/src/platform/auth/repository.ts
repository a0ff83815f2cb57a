import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { Principal } from './principal.js';

/** SQL of users' sign-in: sessions, failures, and the principal behind a session. */
export function authRepository(db: Db) {
  return {
    findUserByLogin(login: string) {
      return db
        .selectFrom('app_user')
        .selectAll()
        .where(sql`lower(login)`, '=', login.toLowerCase())
        .executeTakeFirst();
    },

    async principal(userId: number): Promise<Principal | undefined> {
      const u = await db
        .selectFrom('app_user')
        .select(['id', 'login', 'full_name', 'role', 'municipality_id', 'school_id', 'locale', 'active'])
        .where('id', '=', userId)
        .executeTakeFirst();
      if (!u || !u.active) return undefined;
      const assigned = await db
        .selectFrom('user_school')
        .select('school_id')
        .where('user_id', '=', userId)
        .execute();
      return {
        id: u.id,
        login: u.login,
        fullName: u.full_name,
        role: u.role,
        municipalityId: u.municipality_id,
        schoolId: u.school_id,
        assignedSchoolIds: assigned.map((a) => a.school_id),
        locale: u.locale,
      };
    },

    createSession(s: {
      id: string;
      userId: number;
      csrfToken: string;
      expiresAt: Date;
      ip: string;
      userAgent: string | null;
    }) {
      return db
        .insertInto('session')
        .values({
          id: s.id,
          user_id: s.userId,
          csrf_token: s.csrfToken,
          expires_at: s.expiresAt,
          ip: s.ip,
          user_agent: s.userAgent,
        })
        .execute();
    },

    /** The live session and its active user, with assigned schools, in one query (runs on every request). */
    async sessionPrincipal(id: string): Promise<{ principal: Principal; csrfToken: string } | undefined> {
      const row = await db
        .selectFrom('session')
        .innerJoin('app_user as u', 'u.id', 'session.user_id')
        .select([
          'session.csrf_token',
          'u.id',
          'u.login',
          'u.full_name',
          'u.role',
          'u.municipality_id',
          'u.school_id',
          'u.locale',
          sql<
            number[] | null
          >`(select array_agg(us.school_id) from user_school us where us.user_id = u.id)`.as('assigned'),
        ])
        .where('session.id', '=', id)
        .where('session.expires_at', '>', new Date())
        .where('u.active', '=', true)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        csrfToken: row.csrf_token,
        principal: {
          id: row.id,
          login: row.login,
          fullName: row.full_name,
          role: row.role,
          municipalityId: row.municipality_id,
          schoolId: row.school_id,
          assignedSchoolIds: (row.assigned ?? []).map(Number),
          locale: row.locale,
        },
      };
    },

    deleteSession(id: string) {
      return db.deleteFrom('session').where('id', '=', id).execute();
    },

    deleteUserSessions(userId: number) {
      return db.deleteFrom('session').where('user_id', '=', userId).execute();
    },

    async recentFailures(login: string, ip: string, since: Date) {
      const row = await db
        .selectFrom('login_failure')
        .select([
          sql<number>`count(*) filter (where lower(login) = ${login.toLowerCase()})`.as('by_login'),
          sql<number>`count(*) filter (where ip = ${ip})`.as('by_ip'),
        ])
        .where('at', '>', since)
        .executeTakeFirstOrThrow();
      return { byLogin: Number(row.by_login), byIp: Number(row.by_ip) };
    },

    recordFailure(login: string, ip: string) {
      return db.insertInto('login_failure').values({ login: login.toLowerCase(), ip }).execute();
    },

    clearFailures(login: string) {
      return db
        .deleteFrom('login_failure')
        .where(sql`lower(login)`, '=', login.toLowerCase())
        .execute();
    },

    purgeExpired(now: Date, failuresBefore: Date) {
      return db.transaction().execute(async (tx) => {
        await tx.deleteFrom('session').where('expires_at', '<', now).execute();
        await tx.deleteFrom('login_failure').where('at', '<', failuresBefore).execute();
      });
    },
  };
}
export type AuthRepository = ReturnType<typeof authRepository>;
