import { createRoute } from '@hono/zod-openapi';
import { createRouter, writeErrorResponses, writeSecurity } from '../../shared/openapi.ts';
import { actorOf } from '../auth/actor.ts';
import { requirePrincipal } from '../auth/auth.middleware.ts';
import { AuditList, AuditQuery } from './audit.schemas.ts';
import { listAudit } from './audit.service.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['audit'],
  summary:
    'The audit trail: who changed what, when, before and after. Admins see all; others what they did and ' +
    "what happened to their organisations' records",
  security: writeSecurity,
  request: { query: AuditQuery },
  responses: {
    200: { description: 'Newest first', content: { 'application/json': { schema: AuditList } } },
    400: writeErrorResponses[400],
    401: writeErrorResponses[401],
  },
});

export const auditRoutes = createRouter().openapi(listRoute, async (c) =>
  c.json(await listAudit(c.get('deps').db, actorOf(await requirePrincipal(c)), c.req.valid('query')), 200),
);
