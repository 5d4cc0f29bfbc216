import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../shared/app-env.ts';
import { AppError } from '../../shared/errors.ts';
import {
  createRouter,
  ErrorBody,
  errorResponses,
  writeErrorResponses,
  writeSecurity,
} from '../../shared/openapi.ts';
import { decodeCursor, NextCursor, PAGE, pageQuery } from '../../shared/pagination.ts';
import { principalOf, requirePrincipal, writeContext } from '../auth/auth.middleware.ts';
import { NewScenario, Scenario, SCENARIO_BODY_MAX_BYTES } from './scenarios.schemas.ts';
import type { ScenariosService } from './scenarios.service.ts';

const tags = ['scenarios'];

const listRoute = createRoute({
  method: 'get',
  path: '/scenarios',
  tags,
  summary: `Shared weight sets, newest first, ${PAGE.defaultLimit} a page (at most ${PAGE.maxLimit})`,
  description:
    'Only scenarios saved with `shared: true` (by a signed-in user) are listed; an unlisted scenario opens by ' +
    "its id (GET /scenarios/{id}). With `mine=true` a signed-in caller's own unlisted scenarios are listed too.",
  request: {
    query: z.object({
      model: z.string().max(100).optional(),
      mine: z
        .enum(['true', 'false'])
        .optional()
        .openapi({ description: "true: also the signed-in caller's own unlisted scenarios (401 anonymous)" }),
      ...pageQuery(),
    }),
  },
  responses: {
    200: {
      description: 'One page of shared scenarios',
      content: {
        'application/json': {
          schema: z.object({ scenarios: z.array(Scenario), nextCursor: NextCursor }).openapi('ScenarioPage'),
        },
      },
    },
    400: errorResponses[400],
    401: {
      description: '`mine=true` without a signed-in user',
      content: { 'application/json': { schema: ErrorBody } },
    },
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/scenarios/{id}',
  tags,
  summary: 'Delete a saved scenario: its owner (or an admin) only; the audit trail keeps what it was',
  security: writeSecurity,
  request: { params: z.object({ id: z.string().max(100) }) },
  responses: { 204: { description: 'Deleted' }, ...writeErrorResponses },
});

const getRoute = createRoute({
  method: 'get',
  path: '/scenarios/{id}',
  tags,
  summary: 'One scenario, shared or not, by the id that a link carries',
  request: { params: z.object({ id: z.string().max(100) }) },
  responses: {
    200: { description: 'Scenario', content: { 'application/json': { schema: Scenario } } },
    ...errorResponses,
  },
});

/**
 * 413 for a scenario body over the bound: by its declared length before reading it, else (a chunked body)
 * by what was read, which hono keeps for the validator. The app-wide body limit has already capped it.
 * Not hono's bodyLimit here: the NUL guard has already read the body, and bodyLimit reads the raw stream again.
 */
const scenarioBodyLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  const declared = c.req.header('Content-Length');
  const length =
    declared !== undefined ? Number(declared) : new TextEncoder().encode(await c.req.text()).byteLength;
  if (length > SCENARIO_BODY_MAX_BYTES) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `body: a scenario is at most ${SCENARIO_BODY_MAX_BYTES / 1024} KiB (this one is ${Math.ceil(length / 1024)} KiB)`,
    );
  }
  await next();
};

const createRouteDef = createRoute({
  method: 'post',
  path: '/scenarios',
  tags,
  middleware: [scenarioBodyLimit] as const,
  summary: 'Save a named weight set for a model; returns its id for a link (unlisted unless `shared`)',
  description:
    `Open without an account, within the per-address limit on anonymous writes (429 with Retry-After). A body ` +
    `over ${SCENARIO_BODY_MAX_BYTES / 1024} KiB is a 413. Listing a scenario publicly (\`shared: true\`) ` +
    'needs a signed-in user: the public list is a page anyone reads, so what appears there has a name behind it.',
  request: { body: { content: { 'application/json': { schema: NewScenario } } } },
  responses: {
    201: { description: 'Saved', content: { 'application/json': { schema: Scenario } } },
    ...errorResponses,
    401: {
      description: '`shared: true` without a signed-in user',
      content: { 'application/json': { schema: ErrorBody } },
    },
    413: {
      description: `The body is over ${SCENARIO_BODY_MAX_BYTES / 1024} KiB`,
      content: { 'application/json': { schema: ErrorBody } },
    },
    429: {
      description: 'Too many writes from this address without signing in: wait Retry-After seconds',
      content: { 'application/json': { schema: ErrorBody } },
    },
  },
});

/** The scenarios feature over its service, made once by createApp. */
export function createScenariosRoutes(scenarios: ScenariosService) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const q = c.req.valid('query');
      const after = q.cursor ? decodeCursor(q.cursor, ['string', 'string'] as const) : undefined;
      const ownerId = q.mine === 'true' ? (await requirePrincipal(c)).user.id : undefined;
      return c.json(await scenarios.list({ modelId: q.model, ownerId, limit: q.limit, after }), 200);
    })
    .openapi(getRoute, async (c) => {
      const principal = await principalOf(c);
      return c.json(await scenarios.get(c.req.valid('param').id, principal?.user.id ?? null), 200);
    })
    .openapi(deleteRoute, async (c) => {
      await scenarios.remove(await writeContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    })
    .openapi(createRouteDef, async (c) =>
      c.json(await scenarios.create(c.req.valid('json'), () => principalOf(c)), 201),
    );
}
