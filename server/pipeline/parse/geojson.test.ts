import { describe, expect, it } from 'vitest';
import { ParseError } from './csv.ts';
import { parseFeatureCollection, UKRAINE_EXTENT } from './geojson.ts';

// Hand-written fixtures: a unit square near Kyiv and a few deliberately broken variants.
const file = { fileName: 'fixture.geojson' };
const square = [
  [
    [30, 50],
    [31, 50],
    [31, 51],
    [30, 51],
    [30, 50],
  ],
];
const crs84 = { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } };
const feature = (geometry: unknown, properties: unknown = { ADM3_PCODE: 'UA8000000' }) => ({
  type: 'Feature',
  properties,
  geometry,
});
const collection = (features: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type: 'FeatureCollection', ...extra, features });

describe('parseFeatureCollection', () => {
  it('returns polygons, multipolygons and the declared CRS', () => {
    const text = collection(
      [
        feature({ type: 'Polygon', coordinates: square }),
        feature({ type: 'MultiPolygon', coordinates: [square] }, null),
      ],
      { crs: crs84 },
    );
    const parsed = parseFeatureCollection(text, file);
    expect(parsed.crs).toBe('urn:ogc:def:crs:OGC:1.3:CRS84');
    expect(parsed.features).toEqual([
      {
        index: 0,
        properties: { ADM3_PCODE: 'UA8000000' },
        geometry: { type: 'Polygon', coordinates: square },
        empty: false,
      },
      { index: 1, properties: {}, geometry: { type: 'MultiPolygon', coordinates: [square] }, empty: false },
    ]);
  });

  it('keeps an empty GeometryCollection as an empty feature (COD-AB has two in Crimea)', () => {
    const parsed = parseFeatureCollection(
      collection([feature({ type: 'GeometryCollection', geometries: [] })]),
      file,
    );
    expect(parsed.crs).toBeNull();
    expect(parsed.features[0]).toMatchObject({
      geometry: { type: 'GeometryCollection', geometries: [] },
      empty: true,
    });
  });

  it.each(['EPSG:4326', 'urn:ogc:def:crs:EPSG::4326'])('accepts CRS %s', (name) => {
    const text = collection([], { crs: { type: 'name', properties: { name } } });
    expect(parseFeatureCollection(text, file).crs).toBe(name);
  });

  it('rejects any other CRS, naming it', () => {
    const text = collection([], {
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } },
    });
    expect(() => parseFeatureCollection(text, file)).toThrow(
      /^fixture\.geojson: unsupported CRS urn:ogc:def:crs:EPSG::3857: only WGS 84/,
    );
  });

  it('reports corrupt JSON with the file and the position', () => {
    const text = '{\n  "type": "FeatureCollection",\n  "features": [,]\n}';
    expect(() => parseFeatureCollection(text, file)).toThrow(ParseError);
    expect(() => parseFeatureCollection(text, file)).toThrow(/^fixture\.geojson: not valid JSON/);
    // V8 gives a character offset for this kind of error; the message turns it into line and column.
    expect(() =>
      parseFeatureCollection('{"type":\n"FeatureCollection",\n "features": [] "x"}', file),
    ).toThrow(/^fixture\.geojson: not valid JSON at line 3, column 17: /);
    expect(() => parseFeatureCollection('{"type": "Feature', file)).toThrow(
      /fixture\.geojson: not valid JSON/,
    );
  });

  it('rejects documents that are not FeatureCollections', () => {
    expect(() => parseFeatureCollection(JSON.stringify({ type: 'Feature' }), file)).toThrow(
      /fixture\.geojson: not a GeoJSON FeatureCollection: type/,
    );
  });

  it('names the feature index for unsupported or malformed geometries', () => {
    const point = collection([
      feature({ type: 'Polygon', coordinates: square }),
      feature({ type: 'Point', coordinates: [30, 50] }),
    ]);
    expect(() => parseFeatureCollection(point, file)).toThrow(
      'fixture.geojson: features[1]: geometry Point is not accepted (Polygon, MultiPolygon or an empty GeometryCollection)',
    );
    const nonEmpty = collection([
      feature({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [0, 0] }] }),
    ]);
    expect(() => parseFeatureCollection(nonEmpty, file)).toThrow(/features\[0\]: invalid GeometryCollection/);
    const badRing = collection([
      feature({
        type: 'Polygon',
        coordinates: [
          [
            [30, 50],
            [31, 50],
          ],
        ],
      }),
    ]);
    expect(() => parseFeatureCollection(badRing, file)).toThrow(
      /features\[0\]: invalid Polygon: coordinates\[0\]: a linear ring/,
    );
    const text = collection([
      feature({
        type: 'Polygon',
        coordinates: [
          [
            [30, 50],
            [31, 'x'],
            [31, 51],
            [30, 50],
          ],
        ],
      }),
    ]);
    expect(() => parseFeatureCollection(text, file)).toThrow(
      /features\[0\]: invalid Polygon: coordinates\[0\]\[1\]\[1\]/,
    );
    expect(() => parseFeatureCollection(collection([feature(null)]), file)).toThrow(
      /features\[0\]: geometry null/,
    );
  });

  it('rejects coordinates that are not lon/lat degrees, naming the feature', () => {
    const utm = [
      [
        [500000, 5600000],
        [510000, 5600000],
        [510000, 5610000],
        [500000, 5600000],
      ],
    ];
    const text = collection([
      feature({ type: 'Polygon', coordinates: square }),
      feature({ type: 'MultiPolygon', coordinates: [utm] }),
    ]);
    expect(() => parseFeatureCollection(text, file)).toThrow(
      'fixture.geojson: features[1]: vertex [500000, 5600000] is not longitude/latitude in degrees',
    );
  });

  it('checks every vertex, not only the first: a ring that drifts into metres is refused', () => {
    // Issue #11, item 6: a "hromada" whose first vertex was degrees and the rest metres measured 6.8 million km².
    const drifting = [
      [
        [30, 50],
        [500000, 50],
        [500000, 5600000],
        [30, 50],
      ],
    ];
    expect(() =>
      parseFeatureCollection(collection([feature({ type: 'Polygon', coordinates: drifting })]), file),
    ).toThrow('fixture.geojson: features[0]: vertex [500000, 50] is not longitude/latitude in degrees');
  });

  describe('with an extent', () => {
    const at = (lon: number, lat: number) => [
      [
        [lon, lat],
        [lon + 0.1, lat],
        [lon + 0.1, lat + 0.1],
        [lon, lat],
      ],
    ];
    const parse = (coordinates: unknown) =>
      parseFeatureCollection(collection([feature({ type: 'Polygon', coordinates })]), {
        ...file,
        extent: UKRAINE_EXTENT,
      }).features[0]!;

    it('leaves a feature inside Ukraine unmarked', () => {
      expect(parse(square).outside).toBeUndefined();
      expect(parse(at(40.1, 49.9)).outside).toBeUndefined(); // Luhansk oblast's eastern edge
    });

    it('marks a polygon in New York, with its span and the limits', () => {
      expect(parse(at(-74, 40.7)).outside).toBe(
        "outside Ukraine's extent (longitude 21…41.5, latitude 43.5…53.5): its vertices span longitude " +
          '-74…-73.9, latitude 40.7…40.8',
      );
    });

    it('says when latitude and longitude look swapped (a hromada placed in Saudi Arabia)', () => {
      expect(parse(at(49.9, 30.5)).outside).toMatch(/latitude and longitude look swapped/);
      expect(parse(at(-74, 40.7)).outside).not.toMatch(/swapped/);
    });

    it('marks a feature that only reaches out of the extent with one vertex', () => {
      const spike = [
        [
          [30, 50],
          [31, 50],
          [31, 58],
          [30, 50],
        ],
      ];
      expect(parse(spike).outside).toMatch(/latitude 50…58/);
    });
  });
});
