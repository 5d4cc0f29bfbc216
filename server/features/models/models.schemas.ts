import { z } from '@hono/zod-openapi';
import { ModelDefinitionSchema } from '../../model/model-definition.ts';
import { AggregationOverride, IsoDate, Text } from '../../shared/schemas.ts';

/** A hromada-level pcode as COD-AB writes it (UA + digits). */
const Pcode = z
  .string()
  .regex(/^UA\d{2,17}$/, 'expected a pcode such as UA0102001')
  .openapi({ example: 'UA1402001' });

export const ModelIdParam = z.object({ id: z.string().min(1).openapi({ example: 'cpi' }) });

/** The confidence a unit needs to be ranked (server/model/comparability.ts, issue #14). */
const MinConfidence = z.coerce
  .number()
  .min(0)
  .max(1)
  .openapi({
    description:
      "Rank only hromadas of the current system whose confidence is at least this (0–1; default: the model's " +
      'confidence.minForRanking). Others are scored but unranked, with unrankedReason',
    example: 0.5,
  });

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
  minConfidence: MinConfidence.optional(),
  // The profile needs one hromada's row, not all 1,767 (1.25 MB of full rows; issue #14 item 5).
  pcode: Pcode.optional().openapi({
    description: "Only this hromada's row (ranks stay those among all units); 404 when there is no such unit",
  }),
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
  minConfidence: z.number().min(0).max(1).optional(),
  useProxies: z
    .boolean()
    .optional()
    .openapi({
      description:
        "false: score from assessments only, the model's proxy indicators switched off (default: the scenario's " +
        'setting, else true)',
    }),
});

export const HotspotsQuery = z.object({
  method: z.enum(['lisa', 'gi']).default('lisa'),
  scenario: Text().max(200).optional(),
  asOf: IsoDate.optional(),
  seed: z.coerce.number().int().optional(),
  permutations: z.coerce.number().int().min(99).max(9999).optional(),
  alpha: z.coerce.number().gt(0).lt(1).optional(),
  minConfidence: MinConfidence.optional(),
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
    rank: z.number().int().nullable().openapi({
      description: 'Competition rank among the ranked (comparable) units only; null when not ranked',
    }),
    ranked: z.boolean().openapi({
      description: 'Compared with the others: a hromada of the current system with enough confidence',
    }),
    unrankedReason: z
      .enum(['unscored', 'no_data_since_2014', 'low_confidence'])
      .nullable()
      .openapi({ description: 'Why the unit has no rank; null when ranked' }),
    confidence: z.number(),
    coverage: z.number(),
    dimensions: z.record(z.string(), z.number().nullable()),
    components: z.record(z.string(), z.number().nullable()),
    proxyComponents: z.array(z.string()).openapi({
      description: 'The components scored from open-data proxies, having no assessment here (issue #13)',
    }),
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
  ranked: true,
  unrankedReason: true,
  confidence: true,
  coverage: true,
  band: true,
  unscoredReason: true,
  proxyComponents: true,
}).openapi('UnitScoreSummary', {
  description: "A unit's score without names and breakdown (fields=summary)",
});

const scoresFields = {
  model: z.object({ id: z.string(), version: z.string() }),
  scenario: z.object({ id: z.string(), name: z.string() }).nullable(),
  asOf: z.string().nullable(),
  dataVersion: z.string(),
  generatedAt: z.string().openapi({
    description:
      'When the inputs of these scores were read from the database (the same until the data changes)',
  }),
  aggregation: z.record(z.string(), z.string()),
  weights: z.record(z.string(), z.number()),
  periods: z.record(z.string(), z.object({ indicatorId: z.string(), period: z.string().nullable() })),
  classes: z.object({ thresholds: z.array(z.number()), labels: z.array(name) }),
  minConfidence: z.number().openapi({ description: 'The confidence threshold the ranks used' }),
  rankedCount: z
    .number()
    .int()
    .openapi({ description: 'How many units are ranked: the "of N" of every rank' }),
};

export const ScoresResponse = z.object({ ...scoresFields, units: z.array(UnitScoreRow) }).openapi('Scores');

/** fields=summary: the same run, each unit without names and breakdown (issue #11, item 12: was undocumented). */
export const ScoresSummaryResponse = z
  .object({ ...scoresFields, fields: z.literal('summary'), units: z.array(UnitScoreSummaryRow) })
  .openapi('ScoresSummary');

/**
 * GET /api/models/{id}: the definition as stored in data/models, described by server/model's own schema so
 * that the document (and the web client typed from it, issue #12) says what the answer really is.
 */
export const ModelDefinitionResponse = ModelDefinitionSchema.openapi('ModelDefinition', {
  description: 'A model definition as stored in data/models (server/model/model-definition.ts)',
});

export const ModelMatrixResponse = z
  .object({
    model: z.object({ id: z.string(), version: z.string() }),
    asOf: z.string().nullable(),
    dataVersion: z.string(),
    // readonly: the scorer's matrix is answered as it is, not copied.
    units: z.array(z.string()).readonly().openapi({ description: 'The pcodes the columns are aligned to' }),
    columns: z
      .record(
        z.string(),
        z.object({
          values: z.array(z.number().nullable()).readonly(),
          period: z.string().nullable(),
          intervalWidths: z.array(z.number().nullable()).readonly().optional().openapi({
            description:
              "The i-th value's 95 % interval width (assessments imported from field submissions), null for none; absent when no value has one",
          }),
        }),
      )
      .readonly()
      .openapi({ description: "Per indicator node: the i-th unit's raw value, and the period taken" }),
  })
  .openapi('ModelMatrix');

const moranTest = z.object({ variance: z.number(), z: z.number(), p: z.number() });

export const HotspotUnit = z
  .object({
    pcode: z.string(),
    nameUk: z.string(),
    nameEn: z.string(),
    score: z.number().nullable(),
    lag: z.number().nullable().openapi({ description: "The neighbours' mean score (spatial lag)" }),
    localI: z.number().nullable().optional().openapi({ description: "LISA: local Moran's Iᵢ" }),
    p: z.number().nullable().openapi({ description: 'LISA: permutation pseudo p; Gi*: two-sided normal p' }),
    q: z.number().nullable().openapi({ description: 'Benjamini–Hochberg q-value (false discovery rate)' }),
    cluster: z.enum(['HH', 'LL', 'HL', 'LH', 'ns']).nullable().optional().openapi({
      description: 'LISA only; null when the unit is left out (no score or no scored neighbour)',
    }),
    z: z.number().nullable().optional().openapi({ description: 'Gi* only: the z-score' }),
    hotspot: z.enum(['hot', 'cold', 'ns']).nullable().optional().openapi({ description: 'Gi* only' }),
  })
  .openapi('HotspotUnit');

export const HotspotsResponse = z
  .object({
    model: z.object({ id: z.string(), version: z.string() }),
    method: z.enum(['lisa', 'gi']),
    settings: z.object({
      permutations: z.number().int().optional(),
      seed: z.number().int().optional(),
      alpha: z.number(),
      adjust: z.enum(['bh', 'none']),
    }),
    globalMoran: z
      .object({
        i: z.number(),
        expected: z.number(),
        n: z.number().int(),
        normality: moranTest,
        randomisation: moranTest,
      })
      .nullable(),
    watchList: z
      .array(HotspotUnit)
      .openapi({ description: 'Significant low-high outliers, most significant first (LISA only)' }),
    units: z.array(HotspotUnit),
  })
  .openapi('Hotspots');

const scenarioRef = z.object({ id: z.string(), name: z.string() }).nullable();

export const ComparisonResponse = z
  .object({
    model: z.object({ id: z.string(), version: z.string() }),
    a: scenarioRef.openapi({ description: 'Scenario a; null = the default weights' }),
    b: scenarioRef.openapi({ description: 'Scenario b; null = the default weights' }),
    changes: z.array(
      z.object({
        pcode: z.string(),
        nameUk: z.string().optional(),
        nameEn: z.string().optional(),
        before: z.number().int().nullable(),
        after: z.number().int().nullable(),
        change: z.number().int().nullable().openapi({
          description:
            'before − after: positive when the unit moved towards rank 1; null when unranked in either',
        }),
      }),
    ),
  })
  .openapi('Comparison');

const IndexDateKind = z.enum(['occupied_area', 'budget_year', 'indicator_period', 'assessment']);

export const IndexDatesResponse = z
  .object({
    model: z.object({ id: z.string(), version: z.string() }),
    dates: z.array(
      z.object({
        date: z
          .string()
          .openapi({ format: 'date', description: 'From this day on (asOf ≥ date) the new values count' }),
        kinds: z.array(IndexDateKind).openapi({
          description:
            'What changes: an occupied-area snapshot, a budget year, another indicator period, an assessment',
        }),
        indicatorIds: z
          .array(z.string())
          .openapi({ description: 'The indicators with a new period that day' }),
      }),
    ),
  })
  .openapi('IndexDates', {
    description: "The dates at which a model's scores can change, oldest first: the useful values of asOf",
  });

export const TrendQuery = z.object({ pcode: Pcode });

export const IndexTrendResponse = z
  .object({
    model: z.object({ id: z.string(), version: z.string() }),
    pcode: z.string(),
    points: z.array(
      z.object({
        date: z.string(),
        score: z.number().nullable(),
        rank: z.number().int().nullable(),
        rankedCount: z.number().int(),
        confidence: z.number(),
        dimensions: z.record(z.string(), z.number().nullable()),
        components: z.record(z.string(), z.number().nullable()),
        indicators: z
          .record(z.string(), z.number().nullable())
          .openapi({ description: 'Per indicator node: the raw value taken on that date (asOf)' }),
      }),
    ),
  })
  .openapi('IndexTrend', {
    description: "One hromada's scores at each of the model's dates (GET …/dates), default weights",
  });
