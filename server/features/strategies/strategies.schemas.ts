import { z } from '@hono/zod-openapi';
import { offsetPageQuery } from '../../shared/pagination.ts';
import { IdParam, IdValue, IsoDate, Text } from '../../shared/schemas.ts';
import { dateOutsideWindow } from '../../shared/plausibility.ts';
import { WriteWarning } from '../programmes/programmes.schemas.ts';

// Issue #13, section 6. The stages of a community's safety strategy, in the order the background text tells
// the cycle (ІМіП, «Відновні практики в громадах»): the analysis of security risks and security potential, a
// safety strategy drafted from it, its adoption by the council as a local programme, then its monitoring.

/** The stages in the order a strategy goes through them. */
export const STRATEGY_STAGES = ['risk_analysis', 'drafted', 'adopted', 'monitoring'] as const;
export type StrategyStage = (typeof STRATEGY_STAGES)[number];

export const StrategyStageSchema = z.enum(STRATEGY_STAGES).openapi('StrategyStage', {
  description:
    'risk_analysis: security risks and potential analysed; drafted: a safety strategy drafted; adopted: ' +
    'adopted by the council as a local programme; monitoring: adopted and monitored (next review date)',
});

const PcodeQuery = (level: string, example: string, digits: number) =>
  z
    .string()
    .regex(new RegExp(`^UA\\d{${digits}}$`), `expected ${level} pcode such as ${example}`)
    .openapi({ example });

export const StrategyIdParam = z.object({
  id: IdParam().openapi({ type: 'integer', param: { name: 'id', in: 'path' } }),
});

const filters = {
  stage: StrategyStageSchema.optional().openapi({ description: 'Only strategies at this stage' }),
  oblast: PcodeQuery('an oblast', 'UA63', 2)
    .optional()
    .openapi({ description: 'Only communities of this oblast' }),
  organisation: IdParam().optional().openapi({ type: 'integer', description: 'Only this organisation’s' }),
  pcode: PcodeQuery('a hromada', 'UA6312027', 7).optional().openapi({ description: 'One community' }),
};

export const StrategiesQuery = z.object({ ...filters, ...offsetPageQuery() });
export type StrategiesQuery = z.infer<typeof StrategiesQuery>;
export type StrategyFilter = Pick<StrategiesQuery, 'stage' | 'oblast' | 'organisation' | 'pcode'>;

export const StrategiesExportQuery = z.object({
  ...filters,
  format: z.enum(['csv', 'xlsx']).openapi({ description: 'CSV or Excel, each with an HXL hashtag row' }),
});

export const StrategyCountsQuery = z.object({
  oblast: filters.oblast,
  organisation: filters.organisation,
});

/** A strategy as the API and its audit trail show it. */
export const StrategyRecord = z
  .object({
    id: z.number().int(),
    pcode: z.string(),
    organisationId: z.number().int(),
    stage: StrategyStageSchema,
    riskAnalysisOn: z.string().nullable().openapi({ description: 'When the risk analysis was done' }),
    draftedOn: z.string().nullable().openapi({ description: 'When the strategy was drafted' }),
    adoptedOn: z.string().nullable().openapi({ description: 'Date of the council decision' }),
    decisionNumber: z.string().nullable().openapi({ description: "Number of the council's decision" }),
    decisionUrl: z.string().nullable().openapi({ description: 'Link to the published decision' }),
    nextReviewOn: z.string().nullable().openapi({ description: 'Next monitoring review' }),
    notes: z.string().nullable(),
  })
  .openapi('StrategyRecord');
export type StrategyRecord = z.infer<typeof StrategyRecord>;

export const StrategyView = StrategyRecord.extend({
  nameUk: z.string(),
  nameEn: z.string(),
  oblastPcode: z.string().nullable(),
  organisationName: z.string(),
  lastChangedAt: z.string().nullable(),
  lastChangedBy: z.string().nullable(),
}).openapi('Strategy');
export type StrategyView = z.infer<typeof StrategyView>;

export const StrategyWritten = StrategyRecord.extend({
  warnings: z.array(WriteWarning).openapi({
    description: 'Accepted, but worth a second look: a community in occupied Crimea or Sevastopol',
  }),
}).openapi('StrategyWritten');
export type StrategyWritten = z.infer<typeof StrategyWritten>;

/** A date of the strategy's cycle: a calendar date in the plausible window (whether it may be ahead: service). */
const StageDate = IsoDate.superRefine((v, ctx) => {
  const reason = dateOutsideWindow(v, new Date());
  if (reason) ctx.addIssue({ code: 'custom', message: reason });
});

const fields = {
  stage: StrategyStageSchema,
  riskAnalysisOn: StageDate.nullable().optional(),
  draftedOn: StageDate.nullable().optional(),
  adoptedOn: StageDate.nullable().optional(),
  decisionNumber: Text({ singleLine: true }).trim().min(1).max(100).nullable().optional(),
  // A link a reader can open: http(s) only (no javascript:, file: or data: links in the UI).
  decisionUrl: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) link to the decision' })
    .max(2000)
    .nullable()
    .optional(),
  nextReviewOn: StageDate.nullable().optional(),
  notes: Text().trim().max(5000).nullable().optional(),
};

export const NewStrategy = z
  .object({
    pcode: Text()
      .trim()
      .min(1)
      .max(40)
      .openapi({ description: 'Hromada pcode or KATOTTG', example: 'UA6312027' }),
    organisationId: IdValue().openapi({ description: 'The accompanying organisation: one of yours' }),
    ...fields,
  })
  .strict()
  .openapi('NewStrategy');
export type NewStrategy = z.infer<typeof NewStrategy>;

export const StrategyPatch = z
  .object(fields)
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change')
  .openapi('StrategyPatch', {
    description: 'Stages move forward only; null clears a field. The result is checked as a whole.',
  });
export type StrategyPatch = z.infer<typeof StrategyPatch>;

const StageCounts = z.object(
  Object.fromEntries(STRATEGY_STAGES.map((s) => [s, z.number().int()])) as Record<StrategyStage, z.ZodNumber>,
);

export const StrategyCounts = z
  .object({
    analysed: z.number().int().openapi({
      description: 'Communities with at least a risk analysis (every community with a strategy record)',
    }),
    adopted: z.number().int().openapi({
      description:
        'Communities whose strategy the council adopted as a local programme (adopted or monitoring)',
    }),
    byStage: StageCounts.openapi({ description: "Communities by their strategy's furthest stage" }),
    byOblast: z.array(
      z.object({ oblastPcode: z.string(), nameUk: z.string(), nameEn: z.string(), byStage: StageCounts }),
    ),
    units: z
      .record(z.string(), StrategyStageSchema)
      .openapi({ description: "Each community's furthest stage, keyed by pcode (for a map layer)" }),
  })
  .openapi('StrategyCounts');
export type StrategyCounts = z.infer<typeof StrategyCounts>;
