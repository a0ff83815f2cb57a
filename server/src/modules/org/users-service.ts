import type { Database } from '../../platform/db/index.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ensure, policies } from '../../platform/auth/policies.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { AppError, notFound } from '../../platform/errors.js';
import { audit, diff } from '../../platform/audit/audit.js';
import { translate } from '../../../../common/src/i18n/index.js';
import type { Role } from '../../../../common/src/schemas/org.js';
import { presentUser, usersRepository, type UserFilter } from './users-repository.js';
import { conflictFromAudit } from '../../platform/conflict.js';

interface ScopeInput {
  role: Role;
  municipalityId: number | null;
  schoolId: number | null;
  schoolIds: number[];
}

export function usersService(database: Database) {
  const { db } = database;
  const repo = usersRepository(db);

  /** Complete and check the scope a role needs: a school's municipality is derived from the school. */
  async function normaliseScope(p: Principal, s: ScopeInput): Promise<ScopeInput> {
    const out = { ...s };
    const need = (what: string) => {
      throw new AppError('user.scopeRequired', { role: translate('ru', `role.${s.role}`), what });
    };
    if (s.role === 'regional_coordinator')
      return { role: s.role, municipalityId: null, schoolId: null, schoolIds: [] };
    if (s.role === 'municipal_coordinator' && !s.municipalityId) need('муниципалитет');
    if ((s.role === 'school_team' || s.role === 'teacher') && !s.schoolId) need('школу');
    if ((s.role === 'curator' || s.role === 'expert') && s.schoolIds.length === 0 && !s.municipalityId) {
      // a curator without schools yet is allowed, but must belong somewhere
      if (p.role === 'municipal_coordinator') out.municipalityId = p.municipalityId;
    }
    if (s.schoolId) {
      const school = await db
        .selectFrom('school')
        .select(['municipality_id'])
        .where('id', '=', s.schoolId)
        .executeTakeFirst();
      if (!school) throw notFound();
      out.municipalityId = school.municipality_id;
    }
    if (s.role !== 'curator' && s.role !== 'expert') out.schoolIds = [];
    if (out.schoolIds.length) {
      const rows = await db
        .selectFrom('school')
        .select(['id', 'municipality_id'])
        .where('id', 'in', out.schoolIds)
        .execute();
      if (rows.length !== new Set(out.schoolIds).size) throw notFound();
      if (p.role === 'municipal_coordinator') {
        if (rows.some((r) => r.municipality_id !== p.municipalityId)) throw new AppError('error.forbidden');
        out.municipalityId = p.municipalityId;
      }
    }
    if (out.municipalityId) {
      const m = await db
        .selectFrom('municipality')
        .select('id')
        .where('id', '=', out.municipalityId)
        .executeTakeFirst();
      if (!m) throw new AppError('org.municipalityUnknown', { id: out.municipalityId });
    }
    return out;
  }

  return {
    async list(p: Principal, f: UserFilter) {
      ensure(policies.canManageUsers(p));
      const scoped =
        p.role === 'municipal_coordinator' ? { ...f, municipalityId: p.municipalityId ?? -1 } : f;
      return (await repo.list(scoped)).map(presentUser);
    },

    async get(p: Principal, id: number) {
      ensure(policies.canManageUsers(p));
      const u = await repo.getWithNames(id).catch(() => undefined);
      if (!u || !policies.canManageUser(p, { role: u.role, municipalityId: u.municipality_id }))
        throw notFound();
      return presentUser(u);
    },

    async create(
      p: Principal,
      input: ScopeInput & { login: string; fullName: string; email: string | null; password: string },
    ) {
      ensure(policies.canManageUsers(p));
      const scope = await normaliseScope(p, input);
      ensure(policies.canManageUser(p, scope));
      if (await repo.loginTaken(input.login)) throw new AppError('user.loginTaken', { login: input.login });
      const password_hash = await hashPassword(input.password);
      const id = await db.transaction().execute(async (tx) => {
        const { id } = await repo.insert(tx, {
          login: input.login,
          full_name: input.fullName,
          email: input.email,
          password_hash,
          role: scope.role,
          municipality_id: scope.municipalityId,
          school_id: scope.schoolId,
        });
        await repo.setSchools(tx, id, scope.schoolIds);
        await audit(tx, p, {
          action: 'create',
          entity: 'user',
          entityId: id,
          summary: input.login,
          after: { login: input.login, fullName: input.fullName, ...scope },
        });
        return id;
      });
      return presentUser(await repo.getWithNames(id));
    },

    async update(
      p: Principal,
      id: number,
      patch: Partial<ScopeInput> & {
        version: number;
        fullName?: string | undefined;
        email?: string | null | undefined;
        password?: string | undefined;
        active?: boolean | undefined;
        locale?: 'ru' | 'en' | undefined;
      },
    ) {
      const self = p.id === id;
      const current = await repo.getWithNames(id).catch(() => undefined);
      const manages =
        current &&
        policies.canManageUsers(p) &&
        policies.canManageUser(p, { role: current.role, municipalityId: current.municipality_id });
      if (!current || (!manages && !self)) throw notFound();
      // Everyone may change their own name, e-mail, password and language; only coordinators change roles and scope.
      const scopeChange =
        patch.role !== undefined ||
        patch.municipalityId !== undefined ||
        patch.schoolId !== undefined ||
        patch.schoolIds !== undefined ||
        patch.active !== undefined;
      if (scopeChange) ensure(!!manages && !self);
      const before = presentUser(current);
      const scope = scopeChange
        ? await normaliseScope(p, {
            role: patch.role ?? current.role,
            municipalityId:
              patch.municipalityId !== undefined ? patch.municipalityId : current.municipality_id,
            schoolId: patch.schoolId !== undefined ? patch.schoolId : current.school_id,
            schoolIds: patch.schoolIds ?? before.schoolIds,
          })
        : undefined;
      if (scope) ensure(policies.canManageUser(p, scope));
      await db.transaction().execute(async (tx) => {
        const updated = await repo.updateVersioned(tx, id, patch.version, {
          ...(patch.fullName !== undefined ? { full_name: patch.fullName } : {}),
          ...(patch.email !== undefined ? { email: patch.email } : {}),
          ...(patch.password !== undefined ? { password_hash: await hashPassword(patch.password) } : {}),
          ...(patch.active !== undefined ? { active: patch.active } : {}),
          ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
          ...(scope
            ? { role: scope.role, municipality_id: scope.municipalityId, school_id: scope.schoolId }
            : {}),
        });
        if (!updated) throw await conflictFromAudit(tx, 'user', String(id));
        if (scope) await repo.setSchools(tx, id, scope.schoolIds);
        if (patch.active === false || patch.password !== undefined) {
          await tx.deleteFrom('session').where('user_id', '=', id).execute();
        }
        const after = presentUser(await usersRepository(tx).getWithNames(id));
        const d = diff(before as never, after as never);
        if (patch.password !== undefined) d.after.password = '***';
        await audit(tx, p, {
          action: 'update',
          entity: 'user',
          entityId: id,
          summary: current.login,
          before: d.before,
          after: d.after,
        });
      });
      return presentUser(await repo.getWithNames(id));
    },
  };
}
