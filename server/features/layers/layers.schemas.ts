import { z } from '@hono/zod-openapi';
import { UnitLevel } from '../units/units.schemas.ts';

export const LayerParams = z.object({
  level: UnitLevel.openapi({ param: { name: 'level', in: 'path' } }),
});

/** `v`: the data version the client pins the URL to (served, documented in the 200 description). */
export const LayerQuery = z.object({ v: z.string().optional() });

export const LayerTopology = z
  .object({
    type: z.literal('Topology'),
    transform: z.object({
      scale: z.tuple([z.number(), z.number()]),
      translate: z.tuple([z.number(), z.number()]),
    }),
    bbox: z.array(z.number()),
    objects: z.record(
      z.string(),
      z.object({
        type: z.literal('GeometryCollection'),
        geometries: z.array(
          z.object({
            type: z.enum(['Polygon', 'MultiPolygon']).nullable(),
            id: z.string().openapi({ description: 'The unit pcode' }),
            properties: z.object({
              nameUk: z.string(),
              nameEn: z.string(),
              parentPcode: z.string().nullable(),
            }),
            arcs: z.array(z.unknown()).optional(),
          }),
        ),
      }),
    ),
    arcs: z.array(z.array(z.tuple([z.number(), z.number()]))),
  })
  .openapi('LayerTopology', {
    description:
      'TopoJSON; the one object is named after the level. Decode with topojson-client `feature()`.',
  });

const Box = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const UnitIndex = z
  .object({
    level: UnitLevel,
    pcode: z.array(z.string()),
    nameUk: z.array(z.string()),
    nameEn: z.array(z.string()),
    parentPcode: z.array(z.string().nullable()),
    bbox: z.array(Box.nullable()).openapi({
      description: '[west, south, east, north], degrees, rounded outwards to 0.001°; null without a boundary',
    }),
    label: z.array(z.tuple([z.number(), z.number()]).nullable()).openapi({
      description:
        'Where the label goes: the centre of the largest circle inside the unit (computed at import), 0.0001°',
    }),
    extent: Box,
  })
  .openapi('UnitIndex', {
    description:
      "A level's units without their shapes, as aligned columns ordered by pcode: what a map client drawing " +
      'the shapes from /tiles needs to name, find, label and frame every unit.',
  });
