import { randomBytes, createHash } from 'node:crypto';
import { AppError } from '../errors.js';
import type { AuthRepository } from './repository.js';
import { dummyHash, verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';

export const THROTTLE = { windowMinutes: 15, maxPerLogin: 5, maxPerIp: 30 };

const token = () => randomBytes(32).toString('base64url');
/** Sessions are stored by the hash of their token: a leaked table gives no usable cookie. */
const sessionKey = (t: string) => createHash('sha256').update(t).digest('hex');

export function authService(repo: AuthRepository, opts: { sessionTtlHours: number }) {
  return {
    async login(login: string, password: string, ip: string, userAgent: string | null) {
      const since = new Date(Date.now() - THROTTLE.windowMinutes * 60_000);
      const failures = await repo.recentFailures(login, ip, since);
      if (failures.byLogin >= THROTTLE.maxPerLogin || failures.byIp >= THROTTLE.maxPerIp) {
        throw new AppError('auth.throttled', { minutes: THROTTLE.windowMinutes });
      }
      const user = await repo.findUserByLogin(login);
      const ok = user
        ? await verifyPassword(user.password_hash, password)
        : await verifyPassword(await dummyHash(), password).then(() => false);
      if (!user || !ok) {
        await repo.recordFailure(login, ip);
        throw new AppError('auth.invalid');
      }
      if (!user.active) throw new AppError('auth.inactive');
      await repo.clearFailures(login);
      const sessionToken = token();
      const csrfToken = token();
      await repo.createSession({
        id: sessionKey(sessionToken),
        userId: user.id,
        csrfToken,
        expiresAt: new Date(Date.now() + opts.sessionTtlHours * 3600_000),
        ip,
        userAgent,
      });
      const principal = await repo.principal(user.id);
      if (!principal) throw new AppError('auth.inactive');
      return { sessionToken, csrfToken, principal };
    },

    async resolve(
      sessionToken: string,
    ): Promise<{ principal: Principal; csrfToken: string; key: string } | undefined> {
      const key = sessionKey(sessionToken);
      const s = await repo.sessionPrincipal(key);
      return s ? { ...s, key } : undefined;
    },

    logout(key: string) {
      return repo.deleteSession(key);
    },
  };
}
export type AuthService = ReturnType<typeof authService>;
