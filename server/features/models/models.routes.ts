import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ModelDefinition } from '../../model/model-definition.ts';
import type { Executor } from '../../db/executor.ts';
import type { AppEnv } from '../../shared/app-env.ts';
import { AppError } from '../../shared/errors.ts';
import { BoundedCache, precompress, sendPrecompressed, type Precompressed } from '../../shared/http-cache.ts';
import { createRouter, errorResponses } from '../../shared/openapi.ts';
import { sendExport } from '../../shared/table-export/send-export.ts';
import type { ExportFormat } from '../../shared/table-export/table-export.ts';
import { XLSX_CONTENT_TYPE } from '../../shared/table-export/xlsx.ts';
import {
  CompareQuery,
  ComparisonResponse,
  HotspotsQuery,
  HotspotsResponse,
  IndexDatesResponse,
  IndexTrendResponse,
  TrendQuery,
  ModelDefinitionResponse,
  ModelIdParam,
  ModelMatrixResponse,
  ModelSummary,
  ScoresBody,
  ScoresQuery,
  ScoresResponse,
  ScoresSummaryResponse,
} from './models.schemas.ts';
import type { ModelsService, ScoredModel } from './models.service.ts';
import { exportScores } from './scores-export.service.ts';
import { compareJson, hotspotsJson, scoresJson, summaryOf } from './score-view.ts';

const tags = ['models'];

const listRoute = createRoute({
  method: 'get',
  path: '/models',
  tags,
  summary: 'The models: Conflict Potential Index, IDP Integration Needs Index and the coverage gap',
  responses: {
    200: { description: 'Models', content: { 'application/json': { schema: z.array(ModelSummary) } } },
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/models/{id}',
  tags,
  summary: 'A model definition: hierarchy, weights, goalposts, aggregation, classes, references',
  request: { params: ModelIdParam },
  responses: {
    200: {
      description: 'The definition as stored in data/models',
      content: { 'application/json': { schema: ModelDefinitionResponse } },
    },
    ...errorResponses,
  },
});

const scoresContent = {
  'application/json': { schema: ScoresResponse },
  'text/csv': { schema: z.string().openapi({ description: 'CSV with an HXL hashtag row' }) },
  'application/geo+json': { schema: z.any() },
  [XLSX_CONTENT_TYPE]: {
    schema: z
      .string()
      .openapi({ format: 'binary', description: 'Sheets "data" (with an HXL row) and "about"' }),
  },
};

const scoresRoute = createRoute({
  method: 'get',
  path: '/models/{id}/scores',
  tags,
  summary: 'Score, class, rank, confidence, dimension scores and rank band per hromada',
  request: { params: ModelIdParam, query: ScoresQuery },
  responses: {
    200: {
      description: 'Scores (fields=summary: without names and breakdown)',
      content: {
        ...scoresContent,
        'application/json': { schema: z.union([ScoresResponse, ScoresSummaryResponse]) },
      },
    },
    ...errorResponses,
  },
});

const scoresPostRoute = createRoute({
  method: 'post',
  path: '/models/{id}/scores',
  tags,
  summary: 'Re-score with ad-hoc weights and aggregation (nothing is stored)',
  request: {
    params: ModelIdParam,
    query: ScoresQuery.pick({ format: true }),
    body: { content: { 'application/json': { schema: ScoresBody } } },
  },
  responses: { 200: { description: 'Scores', content: scoresContent }, ...errorResponses },
});

const hotspotsRoute = createRoute({
  method: 'get',
  path: '/models/{id}/hotspots',
  tags,
  summary:
    "Local Moran's I clusters (LISA) or Getis-Ord Gi* hot spots, global Moran's I and the low-high watch list",
  request: { params: ModelIdParam, query: HotspotsQuery },
  responses: {
    200: { description: 'Hot spots', content: { 'application/json': { schema: HotspotsResponse } } },
    ...errorResponses,
  },
});

const matrixRoute = createRoute({
  method: 'get',
  path: '/models/{id}/matrix',
  tags,
  summary:
    'The raw inputs of a model (one column per indicator node, with its period), for re-scoring in the browser',
  request: { params: ModelIdParam, query: z.object({ asOf: ScoresQuery.shape.asOf }) },
  responses: {
    200: {
      description: 'Units and columns as server/model scoreModel() takes them',
      content: { 'application/json': { schema: ModelMatrixResponse } },
    },
    ...errorResponses,
  },
});

const compareRoute = createRoute({
  method: 'get',
  path: '/models/{id}/compare',
  tags,
  summary: 'Rank change of every hromada between two scenarios (default weights when a scenario is omitted)',
  request: { params: ModelIdParam, query: CompareQuery },
  responses: {
    200: { description: 'Rank changes', content: { 'application/json': { schema: ComparisonResponse } } },
    ...errorResponses,
  },
});

const datesRoute = createRoute({
  method: 'get',
  path: '/models/{id}/dates',
  tags,
  summary:
    'The dates at which the scores change: occupied-area snapshots, budget years, other indicator periods, assessment days',
  request: { params: ModelIdParam },
  responses: {
    200: {
      description: 'Dates, oldest first',
      content: { 'application/json': { schema: IndexDatesResponse } },
    },
    ...errorResponses,
  },
});

const trendRoute = createRoute({
  method: 'get',
  path: '/models/{id}/trend',
  tags,
  summary: "One hromada's score, dimensions, components and indicator values at each of the model's dates",
  request: { params: ModelIdParam, query: TrendQuery },
  responses: {
    200: { description: 'The trend', content: { 'application/json': { schema: IndexTrendResponse } } },
    ...errorResponses,
  },
});

/** Only `pcode`'s row when asked (the profile), 404 naming the field when there is no such unit. */
function onlyUnit<T extends { units: { pcode: string }[] }>(body: T, pcode: string | undefined): T {
  if (!pcode) return body;
  const units = body.units.filter((u) => u.pcode === pcode);
  if (units.length === 0) throw new AppError('NOT_FOUND', `pcode: no hromada "${pcode}"`);
  return { ...body, units };
}

function summary(m: ModelDefinition) {
  return {
    id: m.id,
    version: m.version,
    name: m.name,
    description: m.description,
    kind: 'index' as const,
    scoresUrl: `/api/models/${m.id}/scores`,
  };
}

/** JSON, or the scoring run as a file (CSV, XLSX, GeoJSON) from the export service. */
async function respond(
  c: Context<AppEnv>,
  db: Executor,
  scored: ScoredModel,
  format: 'json' | ExportFormat | undefined,
  asOf: string | undefined,
) {
  const body = scoresJson(scored, asOf ?? null);
  if (!format || format === 'json') return c.json(body, 200);
  return sendExport(c, await exportScores(db, scored, body, format));
}

/** The models feature over the app's one models service (and its caches), made by createApp. */
export function createModelsRoutes(
  db: Executor,
  models: Map<string, ModelDefinition>,
  service: ModelsService,
) {
  // The map's own request (every first visit asks it): its body compressed once per scoring input, with
  // brotli at its best (28 KiB where gzip per request sends 38; issue #15, B4), not on every request.
  const summaries = new BoundedCache<Precompressed>(32 * 1024 * 1024, (b) => b.bytes);
  return createRouter()
    .openapi(listRoute, (c) =>
      c.json(
        [
          ...[...models.values()].map(summary),
          {
            id: 'gap',
            version: [...models.values()].map((m) => `${m.id} ${m.version}`).join(', '),
            name: { uk: 'Розрив у покритті', en: 'Coverage gap' },
            description: {
              uk: 'Розрив = потреби × (1 − покриття); пріоритет π = КП × потреби × (1 − покриття). Покриття — присутність програм.',
              en: 'Gap = needs × (1 − coverage); priority π = CPI × Needs × (1 − coverage). Coverage is programme presence.',
            },
            kind: 'derived' as const,
            scoresUrl: '/api/coverage',
          },
        ],
        200,
      ),
    )
    .openapi(getRoute, (c) => {
      const m = models.get(c.req.valid('param').id);
      if (!m) throw new AppError('NOT_FOUND', `no model "${c.req.valid('param').id}"`);
      return c.json(m, 200);
    })
    .openapi(scoresRoute, async (c) => {
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      const scored = await service.score(id, {
        scenarioId: q.scenario,
        asOf: q.asOf,
        bands: q.bands !== 'false',
        minConfidence: q.minConfidence,
      });
      if (q.fields === 'summary' && (!q.format || q.format === 'json') && !q.scenario && !q.pcode) {
        // Everything the body depends on: the request's settings and the inputs read for this data version.
        const key = [
          id,
          scored.model.version,
          q.asOf,
          q.bands,
          q.minConfidence,
          scored.dataVersion,
          scored.inputReadAt,
        ];
        const body = await summaries.get(JSON.stringify(key), () =>
          precompress(JSON.stringify(summaryOf(scoresJson(scored, q.asOf ?? null)))),
        );
        return sendPrecompressed(c, body, { contentType: 'application/json', cacheControl: 'no-cache' });
      }
      if (q.fields === 'summary' && (!q.format || q.format === 'json'))
        return c.json(onlyUnit(summaryOf(scoresJson(scored, q.asOf ?? null)), q.pcode), 200);
      if (q.pcode && (!q.format || q.format === 'json'))
        return c.json(onlyUnit(scoresJson(scored, q.asOf ?? null), q.pcode), 200);
      return respond(c, db, scored, q.format, q.asOf);
    })
    .openapi(scoresPostRoute, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const scored = await service.score(id, { ...body, bands: body.bands ?? false });
      return respond(c, db, scored, c.req.valid('query').format, body.asOf);
    })
    .openapi(matrixRoute, async (c) => {
      const { id } = c.req.valid('param');
      const { asOf } = c.req.valid('query');
      const scored = await service.score(id, { asOf });
      return c.json(
        {
          model: { id: scored.model.id, version: scored.model.version },
          asOf: asOf ?? null,
          dataVersion: scored.dataVersion,
          units: scored.input.matrix.units,
          columns: scored.input.matrix.columns,
        },
        200,
      );
    })
    .openapi(hotspotsRoute, async (c) => {
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      const h = await service.hotspots(id, q.method, {
        scenarioId: q.scenario,
        asOf: q.asOf,
        seed: q.seed,
        permutations: q.permutations,
        alpha: q.alpha,
        minConfidence: q.minConfidence,
      });
      return c.json(hotspotsJson(h), 200);
    })
    .openapi(datesRoute, async (c) => {
      const { model: m, dates } = await service.dates(c.req.valid('param').id);
      return c.json({ model: { id: m.id, version: m.version }, dates }, 200);
    })
    .openapi(trendRoute, async (c) => {
      const t = await service.trend(c.req.valid('param').id, c.req.valid('query').pcode);
      return c.json(
        { model: { id: t.model.id, version: t.model.version }, pcode: t.pcode, points: t.points },
        200,
      );
    })
    .openapi(compareRoute, async (c) => {
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      const r = await service.compare(id, q.a, q.b, q.asOf);
      return c.json(compareJson(r), 200);
    });
}
