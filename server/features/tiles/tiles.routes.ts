import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv } from '../../shared/app-env.ts';
import { sendPrecompressed } from '../../shared/http-cache.ts';
import { parseTileCoord } from './tile-coords.ts';
import {
  createTilesService,
  MVT_CONTENT_TYPE,
  type TilesOptions,
  type TilesService,
} from './tiles.service.ts';

/** Metadata names the current data version, so clients should see a new one soon after an import. */
const SHORT = 'public, max-age=60';
/** A tile URL pinned to the current data version never changes: CDNs and browsers may keep it. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The request's origin, for the absolute tile URLs TileJSON needs (MapLibre does not resolve relative ones). */
function origin(c: Context<AppEnv>): string {
  return new URL(c.req.url).origin;
}

/**
 * The tile API, shaped like Martin's (STYLE §10; issue #5): `/` catalogue, `/:source` TileJSON,
 * `/:source/:z/:x/:y` Mapbox Vector Tile. Mounted at /tiles; one service (and its caches) per app.
 */
export function createTilesRoutes(options: TilesOptions = {}) {
  let service: TilesService | undefined;
  const svc = (c: Context<AppEnv>) => (service ??= createTilesService(c.get('deps'), options));

  return new Hono<AppEnv>()
    .get('/', async (c) =>
      sendPrecompressed(c, await svc(c).catalog(), {
        contentType: 'application/json',
        cacheControl: SHORT,
      }),
    )
    .get('/:source', async (c) =>
      sendPrecompressed(
        c,
        await svc(c).tileJson(
          c.req.param('source'),
          c.req.query('indicators'),
          origin(c),
          c.req.query('properties'),
        ),
        { contentType: 'application/json', cacheControl: SHORT },
      ),
    )
    .get('/:source/:z/:x/:y', async (c) => {
      const coord = parseTileCoord(c.req.param('z'), c.req.param('x'), c.req.param('y'));
      const served = await svc(c).tile(
        c.req.param('source'),
        coord,
        c.req.query('indicators'),
        c.req.query('properties'),
      );
      const pinned = c.req.query('v');
      // A URL pinned to an older version gets today's tile, but must not be kept under the old URL.
      const cacheControl =
        pinned === undefined ? SHORT : pinned === served.dataVersion ? IMMUTABLE : 'no-cache';
      return sendPrecompressed(c, served.body, {
        contentType: MVT_CONTENT_TYPE,
        cacheControl,
        emptyIsNoContent: true,
      });
    });
}
