import { randomBytes } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import type { ModelDefinition } from '../../model/model-definition.ts';
import { ModelInputError } from '../../model/model-error.ts';
import { modelStructure, resolveAggregations, resolveWeights } from '../../model/model-structure.ts';
import { AppError } from '../../shared/errors.ts';
import { createRouter, errorResponses } from '../../shared/openapi.ts';
import { AggregationOverride } from '../models/models.schemas.ts';
import { findScenario, findScenarios, insertScenario, type ScenarioRow } from './scenarios.repository.ts';

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
    createdAt: z.string(),
  })
  .openapi('Scenario');

const NewScenario = z.object({
  modelId: z.string().min(1),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).optional(),
  weights: z
    .record(z.string(), z.number().nonnegative())
    .openapi({ description: 'Weight per node id of the model' }),
  aggregation: AggregationOverride.optional(),
});

const view = (s: ScenarioRow) => ({
  id: s.id,
  modelId: s.model_id,
  modelVersion: s.model_version,
  name: s.name,
  description: s.description,
  weights: s.weights,
  aggregation: s.aggregation,
  createdAt: s.created_at,
});

const listRoute = createRoute({
  method: 'get',
  path: '/scenarios',
  tags,
  summary: 'Saved weight sets, newest first',
  request: { query: z.object({ model: z.string().optional() }) },
  responses: {
    200: { description: 'Scenarios', content: { 'application/json': { schema: z.array(Scenario) } } },
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/scenarios/{id}',
  tags,
  summary: 'One scenario, by the id that a shared link carries',
  request: { params: z.object({ id: z.string() }) },
  responses: {
    200: { description: 'Scenario', content: { 'application/json': { schema: Scenario } } },
    ...errorResponses,
  },
});

const createRouteDef = createRoute({
  method: 'post',
  path: '/scenarios',
  tags,
  summary: 'Save a named weight set for a model; returns its shareable id',
  request: { body: { content: { 'application/json': { schema: NewScenario } } } },
  responses: {
    201: { description: 'Saved', content: { 'application/json': { schema: Scenario } } },
    ...errorResponses,
  },
});

export function createScenariosRoutes(models: Map<string, ModelDefinition>) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const rows = await findScenarios(c.get('deps').db, c.req.valid('query').model);
      return c.json(rows.map(view), 200);
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
        id: randomBytes(6).toString('base64url'),
        modelId: model.id,
        modelVersion: model.version,
        name: body.name,
        description: body.description ?? null,
        weights: body.weights,
        aggregation: body.aggregation ?? null,
      });
      return c.json(view(row), 201);
    });
}
