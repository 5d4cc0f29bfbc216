// Boundary files (COD-AB, OSM, DeepState) as GeoJSON FeatureCollections of areas. Checked here, before any
// SQL, so that a wrong file fails with its name and the offending feature instead of a PostGIS error mid-import.
import type { GeometryCollection, MultiPolygon, Polygon } from 'geojson';
import { z } from 'zod';
import { ParseError } from './csv.ts';

/** One feature; `empty` is true for `GeometryCollection []` (COD-AB has two in Crimea) or empty coordinates. */
export interface ParsedFeature {
  index: number;
  properties: Record<string, unknown>;
  geometry: Polygon | MultiPolygon | GeometryCollection;
  empty: boolean;
  /** Why the feature lies outside the expected extent (when one was given), in words; else undefined. */
  outside?: string;
}

/** A longitude/latitude box that every vertex of a file's features is expected to fall in. */
export interface Extent {
  readonly name: string;
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
}

/**
 * Ukraine's extent with a margin of about 1° (≈ 70–110 km): the country spans 22.14–40.23° E and
 * 44.39–52.38° N (COD-AB ADM0). The margin keeps border hromadas and DeepState polygons that reach a little
 * past the border, and still refuses a layer placed in another country by swapped axes, a wrong CRS or a typo
 * (issue #11, item 6: a hromada in Saudi Arabia and one in New York were accepted).
 */
export const UKRAINE_EXTENT: Extent = {
  name: "Ukraine's extent",
  west: 21,
  south: 43.5,
  east: 41.5,
  north: 53.5,
};

export interface ParsedFeatureCollection {
  features: ParsedFeature[];
  /** The CRS name the file declares, or null when it declares none (RFC 7946: then it is CRS84). */
  crs: string | null;
}

// All mean WGS 84 longitude/latitude in practice. `crs` was dropped by RFC 7946 (§4) but GDAL still writes
// the 2008-spec `{ type: 'name', properties: { name } }` form, as in every file of shared/data.
const ACCEPTED_CRS = ['urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:4326', 'urn:ogc:def:crs:EPSG::4326'];

const collectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  crs: z.unknown().optional(),
  features: z.array(z.unknown()),
});
const namedCrsSchema = z.object({ type: z.literal('name'), properties: z.object({ name: z.string() }) });

// RFC 7946 §3.1.1/§3.1.6: a position has at least two numbers, a linear ring at least four positions.
const ring = z.array(z.array(z.number()).min(2)).min(4, 'a linear ring needs at least 4 positions');
const geometrySchemas = {
  Polygon: z.object({ type: z.literal('Polygon'), coordinates: z.array(ring) }),
  MultiPolygon: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring)) }),
  GeometryCollection: z.object({
    type: z.literal('GeometryCollection'),
    geometries: z.array(z.unknown()).max(0, 'only an empty GeometryCollection is accepted'),
  }),
};
const featureSchema = z.object({
  type: z.literal('Feature'),
  properties: z.record(z.string(), z.unknown()).nullable(),
  geometry: z.looseObject({ type: z.string() }).nullable(), // loose: the full shape is checked per type below
});

/**
 * Parses and checks a FeatureCollection of areas. Every vertex must be longitude/latitude in degrees, else the
 * whole file is refused (a projected or mislabelled file); with `extent`, a feature with a vertex outside it is
 * returned with `outside` saying why, for the importer to reject that feature by name.
 */
export function parseFeatureCollection(
  text: string,
  { fileName, extent }: { fileName: string; extent?: Extent },
): ParsedFeatureCollection {
  const json = parseJson(text.startsWith('\uFEFF') ? text.slice(1) : text, fileName);

  const fc = collectionSchema.safeParse(json);
  if (!fc.success)
    throw new ParseError(`${fileName}: not a GeoJSON FeatureCollection: ${firstIssue(fc.error)}`, fileName);
  const crs = checkCrs(fc.data.crs, fileName);

  const features = fc.data.features.map((raw, index): ParsedFeature => {
    const where = `${fileName}: features[${index}]`;
    const f = featureSchema.safeParse(raw);
    if (!f.success) throw new ParseError(`${where}: not a GeoJSON Feature: ${firstIssue(f.error)}`, fileName);
    const type = f.data.geometry?.type;
    if (type !== 'Polygon' && type !== 'MultiPolygon' && type !== 'GeometryCollection') {
      throw new ParseError(
        `${where}: geometry ${type ?? 'null'} is not accepted (Polygon, MultiPolygon or an empty GeometryCollection)`,
        fileName,
      );
    }
    const g = geometrySchemas[type].safeParse(f.data.geometry);
    if (!g.success) throw new ParseError(`${where}: invalid ${type}: ${firstIssue(g.error)}`, fileName);

    const geometry: ParsedFeature['geometry'] =
      g.data.type === 'GeometryCollection' ? { type: 'GeometryCollection', geometries: [] } : g.data;
    const polygons =
      geometry.type === 'Polygon'
        ? [geometry.coordinates]
        : geometry.type === 'MultiPolygon'
          ? geometry.coordinates
          : [];
    const box = boxOf(polygons, where, fileName);
    const outside = box && extent ? outsideReason(box, extent) : undefined;
    return {
      index,
      properties: f.data.properties ?? {},
      geometry,
      empty: polygons.length === 0,
      ...(outside ? { outside } : {}),
    };
  });
  return { features, crs };
}

function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 gives "... at position N" for most syntax errors; turn it into what an editor shows.
    const position = /at position (\d+)/.exec(message)?.[1];
    let where = '';
    if (position !== undefined) {
      const before = text.slice(0, Number(position)).split('\n');
      where = ` at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
    }
    throw new ParseError(`${fileName}: not valid JSON${where}: ${message.slice(0, 200)}`, fileName);
  }
}

function checkCrs(crs: unknown, fileName: string): string | null {
  if (crs === undefined || crs === null) return null;
  const named = namedCrsSchema.safeParse(crs);
  const name = named.success ? named.data.properties.name : JSON.stringify(crs).slice(0, 200);
  const accepted = ACCEPTED_CRS.find((c) => c.toLowerCase() === name.toLowerCase());
  if (!named.success || !accepted) {
    throw new ParseError(
      `${fileName}: unsupported CRS ${name}: only WGS 84 longitude/latitude is accepted ` +
        `(${ACCEPTED_CRS.join(', ')}); reproject first, e.g. ogr2ogr -t_srs EPSG:4326`,
      fileName,
    );
  }
  return name;
}

type Box = [west: number, south: number, east: number, north: number];

// Every vertex, not a sample: a file whose first vertices look right but whose others are in metres made a
// 6.8 million km² "hromada" (issue #11, item 6). ~45,000 vertices in COD-AB's hromada layer: a few ms.
function boxOf(polygons: number[][][][], where: string, fileName: string): Box | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (const [lon = NaN, lat = NaN] of ring) {
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
          throw new ParseError(
            `${where}: vertex [${lon}, ${lat}] is not longitude/latitude in degrees (projected coordinates? ` +
              'reproject first, e.g. ogr2ogr -t_srs EPSG:4326)',
            fileName,
          );
        }
        if (lon < west) west = lon;
        if (lon > east) east = lon;
        if (lat < south) south = lat;
        if (lat > north) north = lat;
      }
    }
  }
  return west === Infinity ? null : [west, south, east, north];
}

const inside = ([w, s, e, n]: Box, x: Extent) => w >= x.west && e <= x.east && s >= x.south && n <= x.north;
const round = (v: number) => Math.round(v * 1000) / 1000;

function outsideReason(box: Box, extent: Extent): string | undefined {
  if (inside(box, extent)) return undefined;
  const [w, s, e, n] = box;
  const where = `its vertices span longitude ${round(w)}…${round(e)}, latitude ${round(s)}…${round(n)}`;
  const limits = `longitude ${extent.west}…${extent.east}, latitude ${extent.south}…${extent.north}`;
  // GeoJSON is [longitude, latitude] (RFC 7946 §3.1.1); files written as [lat, lon] land in the Middle East.
  const swapped = inside([s, w, n, e], extent)
    ? ': latitude and longitude look swapped ([lon, lat] expected)'
    : '';
  return `outside ${extent.name} (${limits}): ${where}${swapped}`;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `${path ? `${path.replace(/^\./, '')}: ` : ''}${issue.message}${more}`;
}
