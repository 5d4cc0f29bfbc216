import { z } from 'zod';
import { ModelInputError } from './model-error.ts';
import { DEFAULT_MIN_CONFIDENCE } from './comparability.ts';

// A composite-index model as data (data/models/*.json), following the INFORM Risk structure
// index → dimensions → components → indicators, every level scored 0–10 with higher = worse
// (JRC, "INFORM Risk methodology", issue #3).

const NodeId = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'expected an id of lower-case letters, digits and _ such as idp_load')
  .max(64);

const LocalisedText = z.strictObject({ uk: z.string().min(1), en: z.string().min(1) });

const Weight = z.number().positive().finite();

// A period as the data platform stores indicator values: a year, a month or a day.
const Period = z
  .string()
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
    'expected "latest" or a period such as 2022, 2022-09 or 2022-01-01',
  );

export const AggregationMethodSchema = z.enum(['arithmetic', 'geometric', 'harmonic']);
export type AggregationMethod = z.infer<typeof AggregationMethodSchema>;

const Transform = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  // log10(1 + x), applied to values and goalposts alike; defined for x ≥ 0.
  z.strictObject({ type: z.literal('log') }),
  z
    .strictObject({ type: z.literal('winsorise'), lower: z.number().finite(), upper: z.number().finite() })
    .refine((t) => t.lower < t.upper, { message: 'lower must be below upper' }),
]);

const Goalposts = z
  .strictObject({ min: z.number().finite(), max: z.number().finite() })
  .refine((g) => g.min < g.max, { message: 'min must be below max' });

const Comment = z.string().optional();

const IndicatorNodeSchema = z
  .strictObject({
    $comment: Comment,
    id: NodeId,
    indicatorId: NodeId,
    period: z.union([z.literal('latest'), Period]),
    weight: Weight,
    direction: z.enum(['higher_is_worse', 'higher_is_better']),
    transform: Transform,
    goalposts: Goalposts,
    // An open-data stand-in for what an assessment measures (issue #13): used for a unit only when none of its
    // component's other (non-proxy) indicators has a value there, and then counted at confidence.proxyWeight.
    proxy: z.boolean().optional(),
  })
  .superRefine((node, ctx) => {
    if (node.transform.type === 'log' && node.goalposts.min < 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['goalposts', 'min'],
        message: 'must be at least 0 for a log transform (log10(1 + x) is applied to the goalposts too)',
      });
    }
  });

const ComponentSchema = z.strictObject({
  $comment: Comment,
  id: NodeId,
  name: LocalisedText,
  weight: Weight,
  indicators: z.array(IndicatorNodeSchema).min(1),
});

const DimensionSchema = z.strictObject({
  $comment: Comment,
  id: NodeId,
  name: LocalisedText,
  weight: Weight,
  components: z.array(ComponentSchema).min(1),
});

const Threshold = z.number().gt(0).lt(10);

export const ModelDefinitionSchema = z
  .strictObject({
    $comment: Comment,
    id: NodeId,
    version: z.string().min(1),
    name: LocalisedText,
    description: LocalisedText,
    references: z.array(z.string().min(1)),
    aggregation: z.strictObject({
      index: AggregationMethodSchema,
      dimension: AggregationMethodSchema,
      component: AggregationMethodSchema,
    }),
    // INFORM scores a component only when enough of its indicators are present (issue #3: two-thirds).
    minComponentCoverage: z
      .number()
      .gt(0)
      .lte(1)
      .default(2 / 3),
    classes: z.strictObject({
      thresholds: z
        .tuple([Threshold, Threshold, Threshold, Threshold])
        .refine(([a, b, c, d]) => a < b && b < c && c < d, {
          message: 'thresholds must be strictly ascending',
        }),
      labels: z.tuple([LocalisedText, LocalisedText, LocalisedText, LocalisedText, LocalisedText]),
    }),
    confidence: z
      .strictObject({
        referenceDate: z.iso.date(),
        fullConfidenceAgeYears: z.number().finite().min(0),
        zeroConfidenceAgeYears: z.number().finite(),
        // What a component scored from proxies counts for in confidence, against 1 for one scored from its
        // own indicators (issue #13: a proxy vouches for less than an assessment of the same component).
        proxyWeight: z.number().min(0).max(1).default(0.5),
        // What an assessed value with a 95 % interval counts for, by its precision (issue #13 §4):
        // clamp(1 − (width / goalpost range) / intervalWidthForZero, intervalFloor, 1), see confidence.ts.
        // intervalWidthForZero is a share of the indicator's goalpost range (0.5: an interval over half the
        // scale would vouch for nothing), intervalFloor what even the widest interval still counts for.
        intervalWidthForZero: z.number().gt(0).finite().default(0.5),
        intervalFloor: z.number().min(0).max(1).default(0.25),
        // The least confidence a unit's score needs to be ranked among the others (issue #14, item 1;
        // comparability.ts): below it the unit is scored and shown apart, "confidence 11 %", never ranked.
        minForRanking: z.number().min(0).max(1).default(DEFAULT_MIN_CONFIDENCE),
      })
      .refine((c) => c.zeroConfidenceAgeYears > c.fullConfidenceAgeYears, {
        path: ['zeroConfidenceAgeYears'],
        message: 'must be above fullConfidenceAgeYears',
      }),
    dimensions: z.array(DimensionSchema).min(1),
  })
  .superRefine((model, ctx) => {
    // Weight overrides and result records are keyed by node id, so ids must be unique across all levels.
    const seen = new Map<string, string>();
    const check = (id: string, path: (string | number)[]) => {
      const where = formatPath(path);
      const first = seen.get(id);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path, message: `duplicate node id "${id}" (first used at ${first})` });
      } else {
        seen.set(id, where);
      }
    };
    model.dimensions.forEach((d, di) => {
      check(d.id, ['dimensions', di, 'id']);
      d.components.forEach((c, ci) => {
        check(c.id, ['dimensions', di, 'components', ci, 'id']);
        c.indicators.forEach((i, ii) =>
          check(i.id, ['dimensions', di, 'components', ci, 'indicators', ii, 'id']),
        );
      });
    });
  });

/** A validated model definition, defaults applied. */
export type ModelDefinition = z.output<typeof ModelDefinitionSchema>;
/** A model definition as written in JSON (minComponentCoverage may be left out). */
export type ModelDefinitionInput = z.input<typeof ModelDefinitionSchema>;
export type DimensionNode = ModelDefinition['dimensions'][number];
export type ComponentNode = DimensionNode['components'][number];
export type IndicatorNode = ComponentNode['indicators'][number];
export type Transform = IndicatorNode['transform'];
export type Goalposts = IndicatorNode['goalposts'];
export type Direction = IndicatorNode['direction'];
export type ConfidenceSettings = ModelDefinition['confidence'];

/**
 * Validates a model definition (parsed JSON, or JSON text) and reports every problem at once, one per line,
 * each prefixed with `label` and the path, e.g.
 * `data/models/cpi.json: dimensions[0].components[1].indicators[0].goalposts: min must be below max`.
 */
export function parseModelDefinition(json: unknown, label: string): ModelDefinition {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new ModelInputError(`${label}: not valid JSON: ${(error as Error).message}`);
    }
  }
  const parsed = ModelDefinitionSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const path = formatPath(issue.path);
    return path === '' ? `${label}: ${issue.message}` : `${label}: ${path}: ${issue.message}`;
  });
  throw new ModelInputError(lines.join('\n'));
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Every node of the model in definition order, for lookups by id. */
export function modelNodeIds(model: ModelDefinition): {
  dimensions: string[];
  components: string[];
  indicators: string[];
} {
  const dimensions: string[] = [];
  const components: string[] = [];
  const indicators: string[] = [];
  for (const d of model.dimensions) {
    dimensions.push(d.id);
    for (const c of d.components) {
      components.push(c.id);
      for (const i of c.indicators) indicators.push(i.id);
    }
  }
  return { dimensions, components, indicators };
}
