import { z } from '@hono/zod-openapi';
import { IsoDate, Text } from '../../shared/schemas.ts';

const pcode4 = z.string().regex(/^UA\d{2}$/, 'expected an oblast pcode such as UA63');

const weightOverrides = z
  .record(z.string().min(1).max(100), z.number().nonnegative())
  .refine((w) => Object.keys(w).length <= 500, { message: 'at most 500 weights' });

export const TargetingRequest = z
  .object({
    priority: z.enum(['gap', 'cpi', 'needs']).default('gap').openapi({
      description: "What to maximise: 'gap' = π = CPI × Needs × (1 − coverage); or one index alone",
    }),
    scenario: Text()
      .max(200)
      .optional()
      .openapi({ description: 'Scenario id for the CPI (or for the chosen index)' }),
    needsScenario: Text().max(200).optional(),
    // Weights in the request itself (issue #11 item 3): the web client no longer saves a scenario to find a
    // shortlist. They apply over the scenario's, as POST /models/{id}/scores applies them.
    weights: weightOverrides.optional().openapi({
      description:
        'Weight per node id for the CPI (or the chosen index), over the scenario’s if one is given',
    }),
    needsWeights: weightOverrides
      .optional()
      .openapi({ description: "With priority 'gap': the Needs index's" }),
    filters: z
      .object({
        oblasts: z.array(pcode4).optional(),
        populationMin: z.number().nonnegative().optional(),
        populationMax: z.number().positive().optional(),
        excludeOccupied: z.boolean().default(true),
        minConfidence: z.number().min(0).max(1).optional(),
        notCoveredInSector: Text()
          .max(200)
          .optional()
          .openapi({ description: 'Leave out communities where a programme of this sector is active' }),
      })
      .default({ excludeOccupied: true }),
    cost: z.discriminatedUnion('type', [
      z.object({ type: z.literal('flat'), amount: z.number().nonnegative() }),
      z.object({ type: z.literal('per_capita'), amount: z.number().nonnegative() }),
    ]),
    budget: z.number().positive(),
    quotas: z
      .record(
        pcode4,
        z.object({
          min: z.number().int().nonnegative().optional(),
          max: z.number().int().nonnegative().optional(),
        }),
      )
      .optional(),
    maxCount: z.number().int().positive().optional(),
    method: z.enum(['exact', 'greedy-preview']).default('exact'),
    asOf: IsoDate.optional(),
  })
  .openapi('TargetingRequest');

export type TargetingRequestBody = z.infer<typeof TargetingRequest>;
