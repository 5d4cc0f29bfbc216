import { createRoute, z } from '@hono/zod-openapi';
import type { Executor } from '../../db/executor.ts';
import { createRouter, errorResponses } from '../../shared/openapi.ts';
import { HOUR, sendVersioned, versionClock } from '../../shared/versioned-resource.ts';
import { findDataVersion, importVersionOf } from '../../db/data-version.ts';
import {
  OccupiedAreaFeatureCollection,
  OccupiedAreaParams,
  OccupiedAreaQuery,
  OccupiedAreaSnapshotList,
} from './occupied-areas.schemas.ts';
import { createSnapshotCache, getSnapshotGeoJson, listSnapshots } from './occupied-areas.service.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/occupied-areas',
  tags: ['occupied-areas'],
  summary: 'The dated occupied-area snapshots: source, polygon count and area',
  responses: {
    200: {
      description: 'Every snapshot, oldest first',
      content: { 'application/json': { schema: OccupiedAreaSnapshotList } },
    },
  },
});

const snapshotRoute = createRoute({
  method: 'get',
  path: '/occupied-areas/{date}',
  tags: ['occupied-areas'],
  summary: "One snapshot's occupied area as GeoJSON, simplified for display, with source and licence",
  request: { params: OccupiedAreaParams, query: OccupiedAreaQuery },
  responses: {
    200: {
      description:
        'The polygons, one feature each. Cacheable for an hour and revalidated with If-None-Match; for a ' +
        'year (immutable) when `v` names the current data version (GET /api/health). gzip or brotli when ' +
        'accepted, compressed once per data version',
      headers: z.object({ ETag: z.string(), 'Cache-Control': z.string() }),
      content: { 'application/geo+json': { schema: OccupiedAreaFeatureCollection } },
    },
    304: { description: 'Not modified: the ETag given in If-None-Match is current' },
    400: errorResponses[400],
    404: {
      description: 'No snapshot on that date; the message lists the dates there are',
      content: errorResponses[404].content,
    },
  },
});

/** The occupied-areas feature with its own cache: one per app, made by createApp (STYLE §9). */
export function createOccupiedAreasRoutes(db: Executor) {
  const cache = createSnapshotCache();
  // As for /layers: snapshots change with imports only, not with programme edits.
  const clock = versionClock(() => findDataVersion(db), { versionOf: importVersionOf });
  return createRouter()
    .openapi(listRoute, async (c) => c.json(await listSnapshots(db), 200))
    .openapi(snapshotRoute, async (c) => {
      const { date } = c.req.valid('param');
      const version = await clock.current();
      const body = await getSnapshotGeoJson(db, cache, date, version);
      return sendVersioned(c, body, {
        contentType: 'application/geo+json',
        unpinned: HOUR,
        pin: clock.pin(c.req.valid('query').v, version),
      });
    });
}
