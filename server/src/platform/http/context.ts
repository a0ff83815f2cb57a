import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Locale } from '../../../../common/src/i18n/index.js';
import type { Principal } from '../auth/principal.js';
import type { AuthService } from '../auth/service.js';
import { AppError } from '../errors.js';
import type { Database } from '../db/index.js';
import type { Config } from '../config.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface AppDeps {
  database: Database;
  config: Config;
  auth: AuthService;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every registered route as 'METHOD /url', for the access-matrix test. */
    routeList: string[];
  }
  interface FastifyRequest {
    principal: Principal | null;
    sessionKey: string | null;
    csrfToken: string | null;
    locale: Locale;
  }
}

/** The signed-in user, or 401. */
export function user(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('error.unauthenticated');
  return req.principal;
}
