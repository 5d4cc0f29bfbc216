import { createRoute, z } from '@hono/zod-openapi';
import type { Executor } from '../../db/executor.ts';
import { createRouter, errorResponses } from '../../shared/openapi.ts';
import { HOUR, sendVersioned, versionClock } from '../../shared/versioned-resource.ts';
import { findDataVersion, importVersionOf } from '../../db/data-version.ts';
import { UnitLevel } from '../units/units.schemas.ts';
import { LayerParams, LayerQuery, LayerTopology, UnitIndex } from './layers.schemas.ts';
import { getLayer, getUnitIndex, LayerCache } from './layers.service.ts';

const cachingDescription =
  'Cacheable for an hour and revalidated with If-None-Match; for a year (immutable) when the ' +
  'query parameter `v` names the current data version (GET /api/health). gzip or brotli when accepted, ' +
  'compressed once per data version';

function responsesOf(schema: typeof LayerTopology | typeof UnitIndex, what: string) {
  return {
    200: {
      description: `${what}. ${cachingDescription}`,
      headers: z.object({ ETag: z.string(), 'Cache-Control': z.string() }),
      content: { 'application/json': { schema } },
    },
    304: { description: 'Not modified: the ETag given in If-None-Match is current' },
    400: errorResponses[400],
  };
}

/** The route as documented. */
const documentedRoute = createRoute({
  method: 'get',
  path: '/layers/{level}.topojson',
  tags: ['layers'],
  summary: 'A whole level as TopoJSON (simplified on shared borders, quantised), for the map',
  request: { params: LayerParams },
  responses: responsesOf(LayerTopology, 'The layer'),
});

const documentedIndexRoute = createRoute({
  method: 'get',
  path: '/layers/{level}.index.json',
  tags: ['layers'],
  summary:
    "A level's units without shapes: names, parents, boxes and label points, for a map drawn from /tiles",
  request: { params: LayerParams },
  responses: responsesOf(UnitIndex, 'The unit index'),
});

// Hono's router takes a parameter up to the next "/", so `{level}.topojson` would capture "oblast.topojson"
// under the name "level.topojson". The handler is registered with a pattern instead, and the parameter
// stripped of its suffix before it is checked, so that a bad level still gets the standard 400.
/** The served twin of a documented route whose file name follows the level (`{level}.topojson`). */
function servedRouteOf(documented: typeof documentedRoute | typeof documentedIndexRoute, suffix: string) {
  const escaped = suffix.replace(/\./g, '\\.');
  return createRoute({
    ...documented,
    path: `/layers/{level{[^/]+${escaped}}}`,
    hide: true,
    request: {
      query: LayerQuery,
      params: z.object({
        level: z
          .string()
          .transform((file) => file.slice(0, -suffix.length))
          .pipe(UnitLevel),
      }),
    },
  });
}

/**
 * The layers feature with its own caches: one per app, made by createApp (STYLE §9: no module singletons).
 * Boundaries and snapshots change with imports only, not with programme edits.
 */
export function createLayersRoutes(db: Executor) {
  const cache = new LayerCache();
  const indexCache = new LayerCache();
  const clock = versionClock(() => findDataVersion(db), { versionOf: importVersionOf });
  const router = createRouter();
  router.openAPIRegistry.registerPath(documentedRoute);
  router.openAPIRegistry.registerPath(documentedIndexRoute);
  return router
    .openapi(servedRouteOf(documentedIndexRoute, '.index.json'), async (c) => {
      const { level } = c.req.valid('param');
      const version = await clock.current();
      const index = await getUnitIndex(db, indexCache, level, version);
      return sendVersioned(c, index.encoded, {
        contentType: 'application/json',
        unpinned: HOUR,
        pin: clock.pin(c.req.valid('query').v, version),
      });
    })
    .openapi(servedRouteOf(documentedRoute, '.topojson'), async (c) => {
      const { level } = c.req.valid('param');
      const version = await clock.current();
      const layer = await getLayer(db, cache, level, version);
      return sendVersioned(c, layer.encoded, {
        contentType: 'application/json',
        unpinned: HOUR,
        pin: clock.pin(c.req.valid('query').v, version),
      });
    });
}
