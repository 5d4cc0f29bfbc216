import { z } from '@hono/zod-openapi';

const aggregationMethod = z.enum(['arithmetic', 'geometric', 'harmonic']);
export const AggregationOverride = z
  .object({ index: aggregationMethod, dimension: aggregationMethod, component: aggregationMethod })
  .partial();

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const ModelIdParam = z.object({ id: z.string().min(1).openapi({ example: 'cpi' }) });

export const ScoresQuery = z.object({
  scenario: z
    .string()
    .optional()
    .openapi({ description: 'A saved scenario id (its weights and aggregation)' }),
  asOf: isoDate.optional().openapi({ description: 'Use the newest values at or before this date' }),
  bands: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'Monte Carlo rank bands (default true)' }),
  format: z.enum(['json', 'csv', 'geojson', 'xlsx']).optional(),
  fields: z
    .enum(['full', 'summary'])
    .optional()
    .openapi({
      description:
        "JSON only. 'summary': per unit only pcode, score, class, rank, confidence, coverage, band and the " +
        "reason a unit is unscored — what a map needs, about a fifth of the bytes of 'full' (the default)",
    }),
});

export const ScoresBody = z.object({
  weights: z
    .record(z.string(), z.number().nonnegative())
    .optional()
    .openapi({ description: 'Weight per node id' }),
  aggregation: AggregationOverride.optional(),
  asOf: isoDate.optional(),
  bands: z.boolean().optional(),
});

export const HotspotsQuery = z.object({
  method: z.enum(['lisa', 'gi']).default('lisa'),
  scenario: z.string().optional(),
  asOf: isoDate.optional(),
  seed: z.coerce.number().int().optional(),
  permutations: z.coerce.number().int().min(99).max(9999).optional(),
  alpha: z.coerce.number().gt(0).lt(1).optional(),
});

export const CompareQuery = z.object({
  a: z.string().optional().openapi({ description: 'Scenario id; the model default when absent' }),
  b: z.string().optional(),
  asOf: isoDate.optional(),
});

const name = z.object({ uk: z.string(), en: z.string() });
export const ModelSummary = z
  .object({
    id: z.string(),
    version: z.string(),
    name,
    description: name,
    kind: z.enum(['index', 'derived']),
    scoresUrl: z.string(),
  })
  .openapi('ModelSummary');

export const UnitScoreRow = z
  .object({
    pcode: z.string(),
    nameUk: z.string(),
    nameEn: z.string(),
    oblastPcode: z.string(),
    score: z.number().nullable(),
    class: z.number().int().nullable(),
    rank: z.number().int().nullable(),
    confidence: z.number(),
    coverage: z.number(),
    dimensions: z.record(z.string(), z.number().nullable()),
    components: z.record(z.string(), z.number().nullable()),
    band: z
      .object({ median: z.number().nullable(), p5: z.number().nullable(), p95: z.number().nullable() })
      .nullable(),
    unscoredReason: z.string().nullable(),
  })
  .openapi('UnitScore');

export const ScoresResponse = z
  .object({
    model: z.object({ id: z.string(), version: z.string() }),
    scenario: z.object({ id: z.string(), name: z.string() }).nullable(),
    asOf: z.string().nullable(),
    dataVersion: z.string(),
    generatedAt: z.string(),
    aggregation: z.record(z.string(), z.string()),
    weights: z.record(z.string(), z.number()),
    periods: z.record(z.string(), z.object({ indicatorId: z.string(), period: z.string().nullable() })),
    classes: z.object({ thresholds: z.array(z.number()), labels: z.array(name) }),
    units: z.array(UnitScoreRow),
  })
  .openapi('Scores');
