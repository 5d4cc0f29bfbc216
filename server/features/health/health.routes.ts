import { createRoute, z } from '@hono/zod-openapi';
import { RETRY_AFTER_SECONDS } from '../../db/availability.ts';
import { AppError } from '../../shared/errors.ts';
import { createRouter, ErrorBody } from '../../shared/openapi.ts';
import { findDataVersion } from '../../db/data-version.ts';

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
  description:
    'Runs one small query. 503 DATABASE_UNAVAILABLE (with Retry-After) when the database cannot answer it in ' +
    'time, and on the embedded database also when it cannot write: a write failed on storage in the last ' +
    'minute, or its disk is (nearly) full. Load balancers and docker-compose use it as the health check.',
  responses: {
    200: {
      description: 'The service and its database are up',
      content: { 'application/json': { schema: Health } },
    },
    503: {
      description: `The database cannot be reached, did not answer in time, or cannot write (DATABASE_UNAVAILABLE); retry after the Retry-After seconds (${RETRY_AFTER_SECONDS})`,
      headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds before retrying' } },
      content: { 'application/json': { schema: ErrorBody } },
    },
  },
});

export const healthRoutes = createRouter().openapi(route, async (c) => {
  const { db, databaseKind, capabilities, databaseStatus } = c.get('deps');
  // A failure here (refused, reset, timed out) is answered 503 by the app's one error handler.
  const dataVersion = await findDataVersion(db);
  databaseStatus?.recordSuccess();
  // On PGlite a read can succeed while every write fails (a full disk); native PostgreSQL has its own
  // monitoring for that, and a write failure there is answered 503 where it happens.
  const storage = databaseKind === 'pglite' ? await databaseStatus?.storageProblem() : undefined;
  if (storage) throw new AppError('DATABASE_UNAVAILABLE', `The database cannot write: ${storage}`);
  return c.json(
    {
      status: 'ok' as const,
      database: databaseKind,
      dataVersion,
      postgis: { version: capabilities.postgisVersion, mvt: capabilities.mvt },
    },
    200,
  );
});
