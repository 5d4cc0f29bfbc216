import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv } from '../../shared/app-env.ts';
import { sendVersioned } from '../../shared/versioned-resource.ts';
import { parseTileCoord } from './tile-coords.ts';
import { MVT_CONTENT_TYPE, type TilesService } from './tiles.service.ts';

/** Metadata names the current data version, so clients should see a new one soon after an import. */
const SHORT = 'public, max-age=60';

/** The request's origin, for the absolute tile URLs TileJSON needs (MapLibre does not resolve relative ones). */
function origin(c: Context<AppEnv>): string {
  return new URL(c.req.url).origin;
}

/**
 * The tile API, shaped like Martin's (STYLE §10; issue #5): `/` catalogue, `/:source` TileJSON,
 * `/:source/:z/:x/:y` Mapbox Vector Tile. Mounted at /tiles, over the app's one tiles service (and its caches).
 */
export function createTilesRoutes(service: TilesService) {
  return new Hono<AppEnv>()
    .get('/', async (c) =>
      sendVersioned(c, await service.catalog(), { contentType: 'application/json', unpinned: SHORT }),
    )
    .get('/:source', async (c) =>
      sendVersioned(
        c,
        await service.tileJson(
          c.req.param('source'),
          c.req.query('indicators'),
          origin(c),
          c.req.query('properties'),
        ),
        { contentType: 'application/json', unpinned: SHORT },
      ),
    )
    .get('/:source/:z/:x/:y', async (c) => {
      const coord = parseTileCoord(c.req.param('z'), c.req.param('x'), c.req.param('y'));
      const served = await service.tile(
        c.req.param('source'),
        coord,
        c.req.query('indicators'),
        c.req.query('properties'),
      );
      return sendVersioned(c, served.body, {
        contentType: MVT_CONTENT_TYPE,
        unpinned: SHORT,
        pin: { requested: c.req.query('v'), current: served.dataVersion },
        emptyIsNoContent: true,
      });
    });
}
