import { z } from '@hono/zod-openapi';
import { IsoDate, Text } from '../../shared/schemas.ts';
import { programmeFilterFields, windowInOrder } from '../programmes/programmes.schemas.ts';

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
        currentSystemOnly: z
          .boolean()
          .optional()
          .openapi({
            description:
              'Only hromadas of the current system (leaves out the pre-reform Crimean units, ' +
              "server/model/comparability.ts): with minConfidence, the map's comparable set (issue #14)",
          }),
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

const modelVersions = z
  .object({ cpi: z.string(), needs: z.string() })
  .openapi({ description: 'Versions of the CPI and needs models the figures come from' });

/** Who a row is about, in the coverage table and in the shortlist alike. */
const hromadaFields = {
  pcode: z.string(),
  nameUk: z.string(),
  nameEn: z.string(),
  oblastPcode: z.string(),
  population: z.number().nullable(),
};

/** One hromada of GET /api/coverage (docs/methodology.md, "Coverage and gap"). */
export const CoverageUnit = z
  .object({
    ...hromadaFields,
    isCrimea: z.boolean(),
    cpi: z.number().nullable(),
    cpiConfidence: z.number(),
    needs: z.number().nullable(),
    needsConfidence: z.number(),
    coverage: z
      .number()
      .openapi({ description: "0–1; with basis 'presence', 1 when a programme is active here" }),
    coverageBasis: z.literal('presence'),
    programmes: z.array(
      z.object({ code: z.string(), title: z.string(), sector: z.string(), organisation: z.string() }),
    ),
    gap: z
      .number()
      .nullable()
      .openapi({ description: 'needs × (1 − coverage), 0–10; null without a needs score' }),
    priority: z.number().nullable().openapi({ description: 'π = CPI × needs × (1 − coverage), 0–100' }),
  })
  .openapi('CoverageUnit');

export const CoverageResponse = z
  .object({
    asOf: IsoDate.openapi({ description: 'The day programme presence is counted on' }),
    sector: z.string().nullable(),
    models: modelVersions,
    coverageBasis: z.literal('presence'),
    units: z.array(CoverageUnit),
  })
  .openapi('Coverage');

/**
 * GET /api/coverage and /coverage/3w: the gap's day and scenarios, the programme filters of the Coverage view,
 * and for a download the format and the table (issue #14, item 7).
 */
export const CoverageQuery = z
  .object({
    ...programmeFilterFields,
    sector: Text().max(200).optional(),
    // A real calendar day: 2024-02-30 was a 500 from the database (issue #11, item 4).
    asOf: IsoDate.optional(),
    cpiScenario: Text().max(200).optional(),
    needsScenario: Text().max(200).optional(),
    format: z.enum(['json', 'csv', 'xlsx', 'geojson']).optional(),
    table: z.enum(['gap', 'sites', 'programmes', 'pivot']).optional().openapi({
      description: 'Which table a download holds (default gap); pivot and programmes have no GeoJSON',
    }),
  })
  .superRefine(windowInOrder)
  .superRefine((q, ctx) => {
    if (q.format === 'geojson' && (q.table === 'pivot' || q.table === 'programmes')) {
      ctx.addIssue({
        code: 'custom',
        path: ['format'],
        message: `table ${q.table} has no places: geojson is for table gap or sites; use csv or xlsx`,
      });
    }
  });

const PivotRow = z
  .object({
    organisation: z.string(),
    organisationUk: z.string().nullable(),
    sector: z.string(),
    oblastPcode: z.string(),
    oblastNameUk: z.string().nullable(),
    oblastNameEn: z.string().nullable(),
    programmes: z.number().int(),
    communities: z.number().int().openapi({ description: 'Distinct hromadas with a site' }),
    sites: z.number().int(),
    reached: z
      .number()
      .nullable()
      .openapi({ description: 'People reached over the sites that report it; null = none does (unknown)' }),
    sitesReachKnown: z.number().int(),
  })
  .openapi('PivotRow');

export const Coverage3w = z
  .object({
    pivot: z.array(PivotRow),
    totals: z.object({
      programmes: z.number().int(),
      organisations: z.number().int(),
      communities: z.number().int(),
      sites: z.number().int(),
      reached: z.number().nullable(),
      sitesReachKnown: z.number().int(),
    }),
    timeline: z
      .array(z.object({ month: z.string(), programmes: z.number().int(), sites: z.number().int() }))
      .openapi({ description: 'Active programmes and sites per month (YYYY-MM), first start to last end' }),
  })
  .openapi('Coverage3w');

export const ShortlistEntry = z
  .object({
    ...hromadaFields,
    rank: z
      .number()
      .int()
      .openapi({ description: 'Priority rank among the eligible communities (1 = highest priority)' }),
    priority: z.number(),
    cost: z.number(),
    cpi: z.number().nullable(),
    needs: z.number().nullable(),
    coverage: z.number(),
    reason: z.string().openapi({
      description: 'Why, in English: "priority rank 3 of 1303 eligible: π = … ; cost …"',
    }),
  })
  .openapi('ShortlistEntry');

export const TargetingResult = z
  .object({
    method: z.enum(['exact', 'greedy-preview']),
    optimal: z
      .boolean()
      .openapi({ description: 'The solver proved the selection optimal (a preview never is)' }),
    status: z.enum(['optimal', 'time-limit', 'feasible', 'infeasible', 'failed']),
    reason: z.string().optional().openapi({ description: 'Why nothing could be selected, when so' }),
    fallback: z
      .discriminatedUnion('cause', [
        z.object({
          cause: z.literal('size'),
          limit: z.number().int().openapi({ description: 'The most candidates the exact solver takes' }),
          candidates: z.number().int(),
        }),
        z.object({
          cause: z.literal('time'),
          limit: z.number().openapi({ description: 'Seconds the exact solver had' }),
        }),
      ])
      .optional()
      .openapi({
        description:
          'Present when an exact request was answered with the greedy preview (method "greedy-preview"): the ' +
          'problem had more candidates than the exact solver takes, or the solver found no selection in its time',
      }),
    priority: z.enum(['gap', 'cpi', 'needs']),
    budget: z.number(),
    totalCost: z.number(),
    objective: z.number(),
    eligible: z.number().int(),
    excluded: z
      .record(z.string(), z.number().int())
      .openapi({ description: 'Communities left out, by reason ("occupied", "not scored" …)' }),
    asOf: z.string(),
    model: modelVersions,
    selected: z.array(ShortlistEntry),
  })
  .openapi('TargetingResult');
