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
    postgis: z.object({
      version: z.string(),
      mvt: z.boolean().openapi({ description: 'ST_AsMVT available (false on the embedded PGlite)' }),
    }),
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
  const { db, databaseKind, capabilities } = c.get('deps');
  return c.json(
    {
      status: 'ok' as const,
      database: databaseKind,
      dataVersion: await findDataVersion(db),
      postgis: { version: capabilities.postgisVersion, mvt: capabilities.mvt },
    },
    200,
  );
});
