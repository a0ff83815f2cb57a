import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { AppUserTable, Role } from '../../platform/db/schema.js';
import type { Insertable, Updateable } from 'kysely';
import { notFound } from '../../platform/errors.js';

export interface UserFilter {
  role?: Role | undefined;
  municipalityId?: number | undefined;
  q?: string | undefined;
}

export function usersRepository(db: Db) {
  const withNames = () =>
    db
      .selectFrom('app_user')
      .leftJoin('municipality', 'municipality.id', 'app_user.municipality_id')
      .leftJoin('school', 'school.id', 'app_user.school_id')
      .select([
        'app_user.id',
        'app_user.login',
        'app_user.full_name',
        'app_user.email',
        'app_user.role',
        'app_user.municipality_id',
        'app_user.school_id',
        'app_user.active',
        'app_user.locale',
        'app_user.version',
        'municipality.name as municipality_name',
        'school.short_name as school_name',
        sql<
          number[]
        >`coalesce((select array_agg(us.school_id order by us.school_id) from user_school us where us.user_id = app_user.id), '{}')`.as(
          'school_ids',
        ),
      ]);
  return {
    async getWithNames(id: number) {
      const u = await withNames().where('app_user.id', '=', id).executeTakeFirst();
      if (!u) throw notFound();
      return u;
    },
    list(f: UserFilter) {
      let q = withNames();
      if (f.role) q = q.where('app_user.role', '=', f.role);
      if (f.municipalityId) q = q.where('app_user.municipality_id', '=', f.municipalityId);
      if (f.q) {
        const like = `%${f.q.toLowerCase()}%`;
        q = q.where((eb) =>
          eb.or([
            eb(sql`lower(app_user.login)`, 'like', like),
            eb(sql`lower(app_user.full_name)`, 'like', like),
          ]),
        );
      }
      return q.orderBy('app_user.role').orderBy('app_user.login').limit(1000).execute();
    },
    get(tx: Db, id: number) {
      return tx.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
    },
    loginTaken(login: string) {
      return db
        .selectFrom('app_user')
        .select('id')
        .where(sql`lower(login)`, '=', login.toLowerCase())
        .executeTakeFirst();
    },
    insert(tx: Db, row: Insertable<AppUserTable>) {
      return tx.insertInto('app_user').values(row).returning('id').executeTakeFirstOrThrow();
    },
    updateVersioned(tx: Db, id: number, version: number, patch: Updateable<AppUserTable>) {
      return tx
        .updateTable('app_user')
        .set({ ...patch, version: sql`version + 1` })
        .where('id', '=', id)
        .where('version', '=', version)
        .returning('id')
        .executeTakeFirst();
    },
    async setSchools(tx: Db, userId: number, schoolIds: number[]) {
      await tx.deleteFrom('user_school').where('user_id', '=', userId).execute();
      if (schoolIds.length)
        await tx
          .insertInto('user_school')
          .values(schoolIds.map((school_id) => ({ user_id: userId, school_id })))
          .execute();
    },
  };
}

type UserRow = Awaited<ReturnType<ReturnType<typeof usersRepository>['getWithNames']>>;

export function presentUser(u: UserRow) {
  return {
    id: u.id,
    login: u.login,
    fullName: u.full_name,
    email: u.email,
    role: u.role,
    municipalityId: u.municipality_id,
    municipalityName: u.municipality_name,
    schoolId: u.school_id,
    schoolName: u.school_name,
    schoolIds: (u.school_ids ?? []).map(Number),
    active: u.active,
    locale: u.locale,
    version: u.version,
  };
}
