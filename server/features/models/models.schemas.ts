import { z } from '@hono/zod-openapi';
import { AggregationOverride, IsoDate, Text } from '../../shared/schemas.ts';

export const ModelIdParam = z.object({ id: z.string().min(1).openapi({ example: 'cpi' }) });

export const ScoresQuery = z.object({
  scenario: Text()
    .max(200)
    .optional()
    .openapi({ description: 'A saved scenario id (its weights and aggregation)' }),
  // A real calendar day: 2024-02-30 was a 500 from the database (issue #11, item 4).
  asOf: IsoDate.optional().openapi({ description: 'Use the newest values at or before this date' }),
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
  asOf: IsoDate.optional(),
  bands: z.boolean().optional(),
});

export const HotspotsQuery = z.object({
  method: z.enum(['lisa', 'gi']).default('lisa'),
  scenario: Text().max(200).optional(),
  asOf: IsoDate.optional(),
  seed: z.coerce.number().int().optional(),
  permutations: z.coerce.number().int().min(99).max(9999).optional(),
  alpha: z.coerce.number().gt(0).lt(1).optional(),
});

export const CompareQuery = z.object({
  a: Text().max(200).optional().openapi({ description: 'Scenario id; the model default when absent' }),
  b: Text().max(200).optional(),
  asOf: IsoDate.optional(),
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

export const UnitScoreSummaryRow = UnitScoreRow.pick({
  pcode: true,
  score: true,
  class: true,
  rank: true,
  confidence: true,
  coverage: true,
  band: true,
  unscoredReason: true,
}).openapi('UnitScoreSummary', {
  description: "A unit's score without names and breakdown (fields=summary)",
});

const scoresFields = {
  model: z.object({ id: z.string(), version: z.string() }),
  scenario: z.object({ id: z.string(), name: z.string() }).nullable(),
  asOf: z.string().nullable(),
  dataVersion: z.string(),
  generatedAt: z.string(),
  aggregation: z.record(z.string(), z.string()),
  weights: z.record(z.string(), z.number()),
  periods: z.record(z.string(), z.object({ indicatorId: z.string(), period: z.string().nullable() })),
  classes: z.object({ thresholds: z.array(z.number()), labels: z.array(name) }),
};

export const ScoresResponse = z.object({ ...scoresFields, units: z.array(UnitScoreRow) }).openapi('Scores');

/** fields=summary: the same run, each unit without names and breakdown (issue #11, item 12: was undocumented). */
export const ScoresSummaryResponse = z
  .object({ ...scoresFields, fields: z.literal('summary'), units: z.array(UnitScoreSummaryRow) })
  .openapi('ScoresSummary');
