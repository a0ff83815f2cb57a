import path from 'node:path';
import fs from 'node:fs';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  hasZodFastifySchemaValidationErrors,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasMessage, isLocale, translate, type Locale } from '../../../../common/src/i18n/index.js';
import { AppError } from '../errors.js';
import type { App, AppDeps } from './context.js';
import { authRoutes, SESSION_COOKIE } from '../auth/routes.js';
import { auditRoutes } from '../audit/routes.js';
import { orgRoutes } from '../../modules/org/routes.js';
import { userRoutes } from '../../modules/org/user-routes.js';
import { registryRoutes } from '../../modules/org/registry-routes.js';
import { programmesRoutes } from '../../modules/programmes/routes.js';
import { resultsRoutes } from '../../modules/results/routes.js';
import { jobRoutes } from '../jobs/routes.js';
import { identificationRoutes } from '../../modules/identification/routes.js';
import { indicatorsRoutes } from '../../modules/indicators/routes.js';
import { isDemoLoaded } from '../../modules/org/demo/status.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const ZOD_LOCALES = { ru: z.locales.ru().localeError, en: z.locales.en().localeError };
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const Health = z.object({
  ok: z.boolean(),
  storage: z.enum(['pglite', 'postgres']),
  /** True when the database holds the demo region (`npm start` on an empty database, `rost seed`). */
  demo: z.boolean(),
});

function requestLocale(header: string | undefined, explicit: string | undefined): Locale {
  if (isLocale(explicit)) return explicit;
  if (header && /^en\b/i.test(header.trim())) return 'en';
  return 'ru';
}

export interface BuildOptions {
  /** Serve the built web application from this folder (omitted in API tests). */
  webDist?: string;
  logger?: boolean;
}

export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger: opts.logger ? { level: deps.config.logLevel } : false,
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  const routeList: string[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (r) => {
    for (const m of Array.isArray(r.method) ? r.method : [r.method]) routeList.push(`${m} ${r.url}`);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: deps.config.secureCookies,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Rost API',
        description:
          'Поддержка школ с низкими образовательными результатами (ШНОР) и школ в неблагоприятных социальных условиях (ШНСУ).',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.decorateRequest('principal', null);
  app.decorateRequest('sessionKey', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('locale', 'ru');

  app.addHook('onRequest', async (req) => {
    const q = req.query as Record<string, string | undefined> | undefined;
    req.locale = requestLocale(req.headers['accept-language'], q?.lang);
    if (!req.url.startsWith('/api/') || req.url === '/api/health') return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const s = await deps.auth.resolve(token);
      if (s) {
        req.principal = s.principal;
        req.sessionKey = s.key;
        req.csrfToken = s.csrfToken;
        if (!isLocale(q?.lang)) req.locale = s.principal.locale;
      }
    }
    // Cookie-authenticated writes must carry the session's CSRF token in a header.
    if (!SAFE_METHODS.has(req.method) && req.principal && req.headers['x-csrf-token'] !== req.csrfToken) {
      throw new AppError('error.csrf');
    }
  });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) {
      return reply
        .status(err.status)
        .send({ code: err.code, message: err.render(req.locale), details: err.details });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => {
        const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        // zod's own message is English: render the issue again in the request's language.
        const rendered = ZOD_LOCALES[req.locale]({ code: v.keyword, ...(v.params ?? {}) } as never);
        const message = (typeof rendered === 'string' ? rendered : rendered?.message) ?? v.message ?? '';
        // A route names its fields under its own catalogue prefix (`config.fieldLabels`), else the registry's.
        const prefix = (req.routeOptions.config as { fieldLabels?: string }).fieldLabels ?? 'registry.field';
        const labelKey = `${prefix}.${field.replace(/\.\d+$/, '')}`;
        return { field, label: hasMessage(labelKey) ? translate(req.locale, labelKey) : field, message };
      });
      const text = details.map((d) => `${d.label || '—'}: ${d.message}`).join('; ');
      return reply.status(400).send({
        code: 'error.validation',
        message: translate(req.locale, 'error.validation', { details: text }),
        details,
      });
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 413 || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.status(413).send({
        code: 'error.tooLarge',
        message: translate(req.locale, 'error.tooLarge', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }),
      });
    }
    if (status && status >= 400 && status < 500) {
      return reply.status(status).send({
        code: 'error.request',
        message: translate(req.locale, 'error.request', { detail: (err as Error).message }),
      });
    }
    req.log.error(err);
    return reply
      .status(500)
      .send({ code: 'error.internal', message: translate(req.locale, 'error.internal') });
  });

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Состояние сервера: хранилище и загружен ли демо-регион (без входа)',
        response: { 200: Health },
      },
    },
    async (req) => {
      let demo = false;
      try {
        demo = await isDemoLoaded(deps.database.db);
      } catch (e) {
        // The health answer stays as it was before the flag: a failed look-up is only logged.
        req.log.warn(e);
      }
      return { ok: true, storage: deps.database.kind, demo };
    },
  );

  await app.register(async (api) => {
    await authRoutes(api as App, deps);
    await orgRoutes(api as App, deps);
    await userRoutes(api as App, deps);
    await registryRoutes(api as App, deps);
    await auditRoutes(api as App, deps);
    await programmesRoutes(api as App, deps);
    await resultsRoutes(api as App, deps);
    await jobRoutes(api as App, deps);
    await identificationRoutes(api as App, deps);
    await indicatorsRoutes(api as App, deps);
  });

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !opts.webDist) {
      return reply
        .status(404)
        .send({ code: 'error.notFound', message: translate(req.locale, 'error.notFound') });
    }
    // The single-page app handles its own routes.
    return reply.type('text/html').sendFile('index.html');
  });

  if (opts.webDist && fs.existsSync(path.join(opts.webDist, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: path.resolve(opts.webDist),
      wildcard: false,
      index: 'index.html',
    });
  }
  return app as unknown as App;
}
