import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../shared/openapi.ts';
import { findDataVersion } from './health.repository.ts';

const Health = z
  .object({
    status: z.literal('ok'),
    database: z.enum(['pglite', 'postgres']),
    dataVersion: z
      .string()
      .openapi({ description: 'Changes whenever an import commits; "empty" before the first' }),
  })
  .openapi('Health');

const route = createRoute({
  method: 'get',
  path: '/health',
  tags: ['meta'],
  summary: 'Liveness, database engine and data version',
  responses: {
    200: { description: 'The service is up', content: { 'application/json': { schema: Health } } },
  },
});

export const healthRoutes = createRouter().openapi(route, async (c) => {
  const { db, databaseKind } = c.get('deps');
  return c.json(
    { status: 'ok' as const, database: databaseKind, dataVersion: await findDataVersion(db) },
    200,
  );
});
