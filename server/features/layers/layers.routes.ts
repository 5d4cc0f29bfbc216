import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, errorResponses } from '../../shared/openapi.ts';
import { UnitLevel } from '../units/units.schemas.ts';
import { LayerParams, LayerTopology } from './layers.schemas.ts';
import { getLayer, LayerCache } from './layers.service.ts';

const layerResponses = {
  200: {
    description: 'The layer. Cacheable for an hour; revalidate with If-None-Match',
    headers: z.object({ ETag: z.string(), 'Cache-Control': z.string() }),
    content: { 'application/json': { schema: LayerTopology } },
  },
  304: { description: 'Not modified: the ETag given in If-None-Match is current' },
  400: errorResponses[400],
};

/** The route as documented. */
const documentedRoute = createRoute({
  method: 'get',
  path: '/layers/{level}.topojson',
  tags: ['layers'],
  summary: 'A whole level as TopoJSON (simplified on shared borders, quantised), for the map',
  request: { params: LayerParams },
  responses: layerResponses,
});

// Hono's router takes a parameter up to the next "/", so `{level}.topojson` would capture "oblast.topojson"
// under the name "level.topojson". The handler is registered with a pattern instead, and the parameter
// stripped of its suffix before it is checked, so that a bad level still gets the standard 400.
const servedRoute = createRoute({
  ...documentedRoute,
  path: '/layers/{level{[^/]+\\.topojson}}',
  hide: true,
  request: {
    params: z.object({
      level: z
        .string()
        .transform((file) => file.replace(/\.topojson$/, ''))
        .pipe(UnitLevel),
    }),
  },
});

/** RFC 9110 §13.1.2: If-None-Match compares weakly and may list several tags, or be "*". */
function isNotModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** The layers feature with its own cache: one per app, made by createApp (STYLE §9: no module singletons). */
export function createLayersRoutes() {
  const cache = new LayerCache();
  const router = createRouter();
  router.openAPIRegistry.registerPath(documentedRoute);
  return router.openapi(servedRoute, async (c) => {
    const { level } = c.req.valid('param');
    const layer = await getLayer(c.get('deps').db, cache, level);
    const headers = { ETag: layer.etag, 'Cache-Control': 'public, max-age=3600' };
    if (isNotModified(c.req.header('If-None-Match'), layer.etag)) return c.body(null, 304, headers);
    return c.body(layer.body, 200, { ...headers, 'Content-Type': 'application/json' });
  });
}
