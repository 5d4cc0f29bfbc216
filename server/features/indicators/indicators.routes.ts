import { createRoute, z } from '@hono/zod-openapi';
import type { Executor } from '../../db/executor.ts';
import { createRouter, errorResponses } from '../../shared/openapi.ts';
import { sendVersioned } from '../../shared/versioned-resource.ts';
import { createIndicatorsCache } from './indicators.cache.ts';
import {
  IndicatorCatalogue,
  IndicatorParams,
  IndicatorUnits,
  IndicatorUnitsQuery,
  IndicatorValueColumns,
  IndicatorValues,
  IndicatorValuesQuery,
} from './indicators.schemas.ts';
import { listIndicators } from './indicators.service.ts';

const catalogueRoute = createRoute({
  method: 'get',
  path: '/indicators',
  tags: ['indicators'],
  summary: 'The indicator catalogue: definitions, sources, periods and coverage',
  responses: {
    200: { description: 'Every indicator', content: { 'application/json': { schema: IndicatorCatalogue } } },
  },
});

const cached = {
  headers: z.object({ ETag: z.string(), 'Cache-Control': z.string() }),
};
const notModified = { description: 'Not modified: the ETag given in If-None-Match is current' };

const valuesRoute = createRoute({
  method: 'get',
  path: '/indicators/{id}/values',
  tags: ['indicators'],
  summary: "One indicator's values for one period, by unit pcode or as a column aligned to a unit list",
  request: { params: IndicatorParams, query: IndicatorValuesQuery },
  responses: {
    200: {
      description:
        'The values: IndicatorValues (format=keyed) or IndicatorValueColumns (format=columns). Built and ' +
        'compressed (gzip, brotli) once per data version; revalidate with If-None-Match',
      ...cached,
      content: { 'application/json': { schema: z.union([IndicatorValues, IndicatorValueColumns]) } },
    },
    304: notModified,
    400: errorResponses[400],
    404: {
      description: 'No such indicator, or no values for the period (the message lists the periods there are)',
      content: errorResponses[404].content,
    },
  },
});

const unitsRoute = createRoute({
  method: 'get',
  path: '/indicators/units',
  tags: ['indicators'],
  summary: 'The units of a level in the order of the columns form of indicator values',
  request: { query: IndicatorUnitsQuery },
  responses: {
    200: {
      description:
        'Every pcode of the level, sorted. Cacheable for a year (immutable) when `v` names the current ' +
        "list (as the values' unitsUrl does), else revalidated with If-None-Match",
      ...cached,
      content: { 'application/json': { schema: IndicatorUnits } },
    },
    304: notModified,
    400: errorResponses[400],
  },
});

/** The indicators feature with its own caches: one per app, made by createApp (STYLE §9). */
export function createIndicatorsRoutes(db: Executor) {
  const cache = createIndicatorsCache(db);
  return createRouter()
    .openapi(catalogueRoute, async (c) => c.json(await listIndicators(db), 200))
    .openapi(unitsRoute, async (c) => {
      const { level, v } = c.req.valid('query');
      const { value } = await cache.levelUnits(level);
      // Pinned to the unit list itself (its hash), not to the data version.
      return sendVersioned(c, value.encoded, {
        contentType: 'application/json',
        unpinned: 'no-cache',
        pin: { requested: v, current: value.units.version },
      });
    })
    .openapi(valuesRoute, async (c) => {
      const { id } = c.req.valid('param');
      const { level, period, format } = c.req.valid('query');
      const body = await cache.values(id, { level, period, format });
      // Values change with imports: a client asks again each time and gets a 304 while they have not.
      return sendVersioned(c, body, { contentType: 'application/json', unpinned: 'no-cache' });
    });
}
