import { createRoute, z } from '@hono/zod-openapi';
import { nowOf } from '../../shared/app-env.ts';
import { createRouter, errorResponses, writeErrorResponses, writeSecurity } from '../../shared/openapi.ts';
import { nextLinkHeader, offsetPageOf } from '../../shared/pagination.ts';
import { sendExport } from '../../shared/table-export/send-export.ts';
import { XLSX_CONTENT_TYPE } from '../../shared/table-export/xlsx.ts';
import { writeContext } from '../auth/auth.middleware.ts';
import {
  NewStrategy,
  StrategiesExportQuery,
  StrategiesQuery,
  StrategyCounts,
  StrategyCountsQuery,
  StrategyIdParam,
  StrategyPatch,
  StrategyView,
  StrategyWritten,
} from './strategies.schemas.ts';
import {
  countStrategies,
  createStrategy,
  deleteStrategy,
  exportStrategies,
  getStrategy,
  listStrategies,
  updateStrategy,
} from './strategies.service.ts';

// Issue #13, section 6: the safety strategies of communities, by stage, with their counts and exports.

const tags = ['strategies'];
const record = (description: string) => ({
  description,
  content: { 'application/json': { schema: StrategyWritten } },
});

const listRoute = createRoute({
  method: 'get',
  path: '/strategies',
  tags,
  summary: 'Safety strategies of communities (not deleted), by community name; 500 a page, at most 1000',
  request: { query: StrategiesQuery },
  responses: {
    200: {
      description: 'Strategies',
      content: { 'application/json': { schema: z.array(StrategyView) } },
      headers: nextLinkHeader,
    },
    400: errorResponses[400],
  },
});

const countsRoute = createRoute({
  method: 'get',
  path: '/strategies/counts',
  tags,
  summary:
    'How many communities analysed their security risks and how many adopted a strategy as a local programme: ' +
    'by furthest stage, per oblast, and each community’s stage',
  request: { query: StrategyCountsQuery },
  responses: {
    200: { description: 'Counts', content: { 'application/json': { schema: StrategyCounts } } },
    400: errorResponses[400],
  },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/strategies/export',
  tags,
  summary: 'The strategies (same filters as the list) as CSV or XLSX with an HXL row and a stamp',
  request: { query: StrategiesExportQuery },
  responses: {
    200: {
      description: 'A CSV or .xlsx download',
      content: {
        'text/csv': { schema: z.string() },
        [XLSX_CONTENT_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    400: errorResponses[400],
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/strategies/{id}',
  tags,
  summary: 'One safety strategy',
  request: { params: StrategyIdParam },
  responses: {
    200: { description: 'The strategy', content: { 'application/json': { schema: StrategyView } } },
    400: errorResponses[400],
    404: errorResponses[404],
  },
});

const createRouteDef = createRoute({
  method: 'post',
  path: '/strategies',
  tags,
  summary:
    "Enter a community's safety strategy at its current stage (editor of the accompanying organisation, admin)",
  security: writeSecurity,
  request: { body: { content: { 'application/json': { schema: NewStrategy } }, required: true } },
  responses: { 201: record('Created'), ...writeErrorResponses },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/strategies/{id}',
  tags,
  summary: 'Advance or correct a strategy: stages move forward only (its organisation’s editors, admins)',
  security: writeSecurity,
  request: {
    params: StrategyIdParam,
    body: { content: { 'application/json': { schema: StrategyPatch } }, required: true },
  },
  responses: { 200: record('Changed'), ...writeErrorResponses },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/strategies/{id}',
  tags,
  summary: 'Delete a strategy: counts and the map stop showing it, the row is kept with who and when',
  security: writeSecurity,
  request: { params: StrategyIdParam },
  responses: { 204: { description: 'Deleted' }, ...writeErrorResponses },
});

// The fixed paths come before /strategies/{id}, which would otherwise take "counts" for an id.
export const strategiesRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { limit, offset, ...filter } = c.req.valid('query');
    const page = { limit, offset };
    const rows = await listStrategies(c.get('deps').db, filter, page);
    const { items, link } = offsetPageOf(rows, page, c.req.url);
    if (link) c.header('Link', link);
    return c.json(items, 200);
  })
  .openapi(countsRoute, async (c) =>
    c.json(await countStrategies(c.get('deps').db, c.req.valid('query')), 200),
  )
  .openapi(exportRoute, async (c) => {
    const { format, ...filter } = c.req.valid('query');
    const deps = c.get('deps');
    return sendExport(c, await exportStrategies(deps.db, filter, format, nowOf(deps)));
  })
  .openapi(getRoute, async (c) => c.json(await getStrategy(c.get('deps').db, c.req.valid('param').id), 200))
  .openapi(createRouteDef, async (c) =>
    c.json(await createStrategy(c.get('deps').db, await writeContext(c), c.req.valid('json')), 201),
  )
  .openapi(patchRoute, async (c) =>
    c.json(
      await updateStrategy(
        c.get('deps').db,
        await writeContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      200,
    ),
  )
  .openapi(deleteRoute, async (c) => {
    await deleteStrategy(c.get('deps').db, await writeContext(c), c.req.valid('param').id);
    return c.body(null, 204);
  });
