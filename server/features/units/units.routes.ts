import { createRoute } from '@hono/zod-openapi';
import { createRouter, errorResponses } from '../../shared/openapi.ts';
import {
  GeoJsonQuery,
  PcodeParams,
  UnitFeatureCollection,
  UnitList,
  UnitProfile,
  UnitsQuery,
} from './units.schemas.ts';
import { getUnitProfile, getUnitsGeoJson, listUnits } from './units.service.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/units',
  tags: ['units'],
  summary: 'Find units by level, parent and name (Ukrainian or English), sorted by Ukrainian name',
  request: { query: UnitsQuery },
  responses: {
    200: {
      description: 'One page of units and the total',
      content: { 'application/json': { schema: UnitList } },
    },
    ...errorResponses,
  },
});

const geoJsonRoute = createRoute({
  method: 'get',
  path: '/units.geojson',
  tags: ['units'],
  summary: 'Units as a GeoJSON FeatureCollection, optionally with indicator values as properties',
  request: { query: GeoJsonQuery },
  responses: {
    200: {
      description:
        'RFC 7946 GeoJSON (exterior rings counter-clockwise); units without a boundary have no geometry',
      content: { 'application/geo+json': { schema: UnitFeatureCollection } },
    },
    ...errorResponses,
  },
});

const profileRoute = createRoute({
  method: 'get',
  path: '/units/{pcode}',
  tags: ['units'],
  summary: "A unit's profile: every indicator value with its source, neighbours and programmes",
  request: { params: PcodeParams },
  responses: {
    200: { description: 'The unit', content: { 'application/json': { schema: UnitProfile } } },
    ...errorResponses,
  },
});

export const unitsRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await listUnits(c.get('deps').db, c.req.valid('query')), 200))
  .openapi(geoJsonRoute, async (c) => {
    const collection = await getUnitsGeoJson(c.get('deps').db, c.req.valid('query'));
    return c.json(collection, 200, { 'Content-Type': 'application/geo+json' });
  })
  .openapi(profileRoute, async (c) => {
    const { pcode } = c.req.valid('param');
    return c.json(await getUnitProfile(c.get('deps').db, pcode), 200);
  });
