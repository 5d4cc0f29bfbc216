import { z } from '@hono/zod-openapi';
import { AggregationOverride } from '../../shared/schemas.ts';

export const Scenario = z
  .object({
    id: z.string(),
    modelId: z.string(),
    modelVersion: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    weights: z.record(z.string(), z.number()),
    aggregation: z.record(z.string(), z.string()).nullable(),
    useProxies: z.boolean().openapi({ description: "false: the model's proxy indicators are switched off" }),
    shared: z.boolean().openapi({ description: 'Listed by GET /scenarios; unlisted ones open by id only' }),
    own: z.boolean().openapi({ description: 'The signed-in caller saved it (and so may delete it)' }),
    createdAt: z.string(),
  })
  .openapi('Scenario');

/**
 * The largest scenario body (issue #11 item 3): far more than any model needs (a model has a few dozen
 * nodes), small enough that saving one costs nothing. Each field has its own bound too, so a 400 names it.
 */
export const SCENARIO_BODY_MAX_BYTES = 64 * 1024;
export const SCENARIO_MAX_WEIGHTS = 500;

export const NewScenario = z.object({
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
  useProxies: z
    .boolean()
    .default(true)
    .openapi({
      description:
        'Score components that have no assessment from their open-data proxies (default true); false scores ' +
        'them from assessments only',
    }),
  shared: z
    .boolean()
    .default(false)
    .openapi({
      description:
        'List it publicly in GET /scenarios (needs a signed-in user). Default false: unlisted, opened only by ' +
        'its id, as a shared link does',
    }),
});

export type Scenario = z.infer<typeof Scenario>;
export type NewScenarioBody = z.infer<typeof NewScenario>;
