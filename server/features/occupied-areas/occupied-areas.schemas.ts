import { z } from '@hono/zod-openapi';
import { IsoDate } from '../programmes/programmes.schemas.ts';

export const OccupiedAreaSource = z
  .object({
    id: z.string().openapi({ example: 'deepstate' }),
    name: z.string(),
    licence: z.string(),
    attribution: z.string().openapi({ description: 'The credit line to show wherever the area is shown' }),
  })
  .openapi('OccupiedAreaSource');

export const OccupiedAreaSnapshot = z
  .object({
    date: z.string().openapi({ example: '2026-01-01' }),
    // Not `.nullable()`: on a named schema that made the component itself nullable in the document
    // (asteasolutions/zod-to-openapi#387), so the typed web client read every use of it as maybe null.
    source: z.union([OccupiedAreaSource, z.null()]).openapi({
      description: 'null when the snapshot was imported from a local file not in data/sources.json',
    }),
    features: z.number().int().openapi({ description: 'Polygons in the snapshot (features of its GeoJSON)' }),
    areaKm2: z.number().openapi({ description: 'Geodesic area, km²' }),
  })
  .openapi('OccupiedAreaSnapshot');
export type OccupiedAreaSnapshot = z.infer<typeof OccupiedAreaSnapshot>;

export const OccupiedAreaSnapshotList = z
  .array(OccupiedAreaSnapshot)
  .openapi('OccupiedAreaSnapshotList', { description: 'Oldest first' });

export const OccupiedAreaParams = z.object({
  date: IsoDate.openapi({ param: { name: 'date', in: 'path' }, example: '2026-01-01' }),
});

/** `v`: the data version the client pins the URL to (as for /layers). */
export const OccupiedAreaQuery = z.object({ v: z.string().optional() });

export const OccupiedAreaFeatureCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    metadata: z.object({
      date: z.string(),
      source: z.union([OccupiedAreaSource, z.null()]),
      licence: z.string().nullable(),
      attribution: z.string().nullable(),
    }),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.number().int().openapi({ description: 'The polygon’s index in the snapshot, from 1' }),
        geometry: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.unknown()) }),
        properties: z.object({
          date: z.string(),
          areaKm2: z.number().openapi({ description: 'Geodesic area of the unsimplified polygon, km²' }),
        }),
      }),
    ),
  })
  .openapi('OccupiedAreaFeatureCollection', {
    description:
      'RFC 7946 GeoJSON (exterior rings counter-clockwise), simplified for display: topology-preserving ' +
      'simplification with a tolerance of 0.002° (≈ 150–220 m) and 5 decimals (≈ 1 m)',
  });
export type OccupiedAreaFeatureCollection = z.infer<typeof OccupiedAreaFeatureCollection>;
