import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../shared/app-env.ts';
import { createRoute, z } from '@hono/zod-openapi';
import type { ModelDefinition } from '../../model/model-definition.ts';
import { ModelInputError } from '../../model/model-error.ts';
import { modelStructure, resolveAggregations, resolveWeights } from '../../model/model-structure.ts';
import { AppError } from '../../shared/errors.ts';
import { createRouter, ErrorBody, errorResponses } from '../../shared/openapi.ts';
import { decodeCursor, NextCursor, PAGE, pageOf, pageQuery } from '../../shared/pagination.ts';
import { AggregationOverride } from '../../shared/schemas.ts';
import { principalOf } from '../auth/auth.middleware.ts';
import {
  findScenario,
  findSharedScenarios,
  insertScenario,
  type ScenarioRow,
} from './scenarios.repository.ts';

const tags = ['scenarios'];

const Scenario = z
  .object({
    id: z.string(),
    modelId: z.string(),
    modelVersion: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    weights: z.record(z.string(), z.number()),
    aggregation: z.record(z.string(), z.string()).nullable(),
    shared: z.boolean().openapi({ description: 'Listed by GET /scenarios; unlisted ones open by id only' }),
    createdAt: z.string(),
  })
  .openapi('Scenario');

/**
 * The largest scenario body (issue #11 item 3): far more than any model needs (a model has a few dozen
 * nodes), small enough that saving one costs nothing. Each field has its own bound too, so a 400 names it.
 */
export const SCENARIO_BODY_MAX_BYTES = 64 * 1024;
export const SCENARIO_MAX_WEIGHTS = 500;

const NewScenario = z.object({
  modelId: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).optional(),
  weights: z
    .record(z.string().min(1).max(100), z.number().nonnegative())
    .refine((w) => Object.keys(w).length <= SCENARIO_MAX_WEIGHTS, {
      message: `at most ${SCENARIO_MAX_WEIGHTS} weights`,
    })
    .openapi({ description: `Weight per node id of the model (at most ${SCENARIO_MAX_WEIGHTS})` }),
  aggregation: AggregationOverride.optional(),
  shared: z
    .boolean()
    .default(false)
    .openapi({
      description:
        'List it publicly in GET /scenarios (needs a signed-in user). Default false: unlisted, opened only by ' +
        'its id, as a shared link does',
    }),
});

const view = (s: ScenarioRow) => ({
  id: s.id,
  modelId: s.model_id,
  modelVersion: s.model_version,
  name: s.name,
  description: s.description,
  weights: s.weights,
  aggregation: s.aggregation,
  shared: s.shared,
  createdAt: s.created_at,
});

const listRoute = createRoute({
  method: 'get',
  path: '/scenarios',
  tags,
  summary: `Shared weight sets, newest first, ${PAGE.defaultLimit} a page (at most ${PAGE.maxLimit})`,
  description:
    'Only scenarios saved with `shared: true` (by a signed-in user) are listed; an unlisted scenario opens by ' +
    'its id (GET /scenarios/{id}).',
  request: {
    query: z.object({ model: z.string().max(100).optional(), ...pageQuery() }),
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
  },
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

export function createScenariosRoutes(models: Map<string, ModelDefinition>) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const q = c.req.valid('query');
      const after = q.cursor ? decodeCursor(q.cursor, ['string', 'string'] as const) : undefined;
      const rows = await findSharedScenarios(c.get('deps').db, { modelId: q.model, limit: q.limit, after });
      const page = pageOf(rows, q.limit, (r) => [r.created_key, r.id]);
      return c.json({ scenarios: page.items.map(view), nextCursor: page.nextCursor }, 200);
    })
    .openapi(getRoute, async (c) => {
      const row = await findScenario(c.get('deps').db, c.req.valid('param').id);
      if (!row) throw new AppError('NOT_FOUND', `no scenario "${c.req.valid('param').id}"`);
      return c.json(view(row), 200);
    })
    .openapi(createRouteDef, async (c) => {
      const body = c.req.valid('json');
      const model = models.get(body.modelId);
      if (!model) throw new AppError('BAD_REQUEST', `body parameter modelId: no model "${body.modelId}"`);
      const principal = await principalOf(c);
      if (body.shared && !principal) {
        throw new AppError(
          'UNAUTHORIZED',
          'body parameter shared: sign in to list a scenario publicly (an unlisted one needs no account)',
        );
      }
      // Validate against the model before storing: an unknown node id is the caller's mistake, said now.
      try {
        resolveWeights(modelStructure(model), body.weights);
        resolveAggregations(model, body.aggregation);
      } catch (err) {
        if (err instanceof ModelInputError)
          throw new AppError('BAD_REQUEST', `body parameter weights: ${err.message}`);
        throw err;
      }
      const row = await insertScenario(c.get('deps').db, {
        // 96 random bits: an unlisted scenario is found only by whoever has its link.
        id: randomBytes(12).toString('base64url'),
        modelId: model.id,
        modelVersion: model.version,
        name: body.name,
        description: body.description ?? null,
        weights: body.weights,
        aggregation: body.aggregation ?? null,
        shared: body.shared,
        createdBy: principal?.user.id ?? null,
      });
      return c.json(view(row), 201);
    });
}
