import { z } from 'zod';
import type { App, AppDeps } from '../http/context.js';
import { user } from '../http/context.js';
import { AuditEntry, Page } from '../../../../common/src/schemas/org.js';
import { ensure, policies } from '../auth/policies.js';
import { auditRepository, presentAudit } from './audit.js';

export async function auditRoutes(app: App, deps: AppDeps) {
  const repo = auditRepository(deps.database.db);
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Журнал изменений (только региональный координатор)',
        querystring: z.object({
          entity: z.string().optional(),
          entityId: z.string().optional(),
          userLogin: z.string().optional(),
          action: z.string().optional(),
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: Page(AuditEntry) },
      },
    },
    async (req) => {
      ensure(policies.canReadAudit(user(req)));
      const { total, rows } = await repo.list(req.query);
      return { items: rows.map(presentAudit), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
}
