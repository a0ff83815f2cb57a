import { z } from 'zod';
import type { App, AppDeps } from '../http/context.js';
import { user } from '../http/context.js';
import { notFound } from '../errors.js';
import { translate } from '../../../../common/src/i18n/index.js';
import { jobsRepository } from './repository.js';

export const JobView = z.object({
  id: z.number(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  /** 0..1 */
  progress: z.number(),
  stage: z.string().nullable(),
  stageMessage: z.string().nullable(),
  result: z.unknown(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export async function jobRoutes(app: App, deps: AppDeps) {
  const repo = jobsRepository(deps.database.db);
  app.get(
    '/api/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Состояние фонового задания (для индикатора выполнения); видно только его автору',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: JobView },
      },
    },
    async (req) => {
      const p = user(req);
      const job = await repo.get(req.params.id);
      if (!job || job.owner_id !== p.id) throw notFound();
      return {
        id: job.id,
        kind: job.kind,
        status: job.status,
        progress: job.progress,
        stage: job.stage,
        stageMessage: job.stage ? translate(req.locale, job.stage, job.stage_params ?? {}) : null,
        result: job.result ?? null,
        error: job.error
          ? { code: job.error.key, message: translate(req.locale, job.error.key, job.error.params) }
          : null,
        createdAt: job.created_at.toISOString(),
        startedAt: job.started_at?.toISOString() ?? null,
        finishedAt: job.finished_at?.toISOString() ?? null,
      };
    },
  );
}
