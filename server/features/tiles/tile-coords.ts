import { AppError } from '../../shared/errors.ts';

/** A tile address in the XYZ scheme (Web Mercator, y down: what MapLibre and Martin use). */
export interface TileCoord {
  z: number;
  x: number;
  y: number;
}

/** Highest zoom served. Boundaries hold ~25 vertices per hromada: beyond z14 a client overzooms. */
export const MAX_ZOOM = 14;
/** MVT extent and the clip buffer around it, in tile units (the defaults of ST_AsMVTGeom and geojson-vt). */
export const EXTENT = 4096;
export const BUFFER = 64;

const DIGITS = /^(0|[1-9][0-9]{0,9})$/;

/**
 * Parses z/x/y from the path. Anything but plain decimal integers in range is the caller's mistake: a 400
 * naming the parameter (issue #5: bad z/x/y → 400). `y` may carry a `.pbf` or `.mvt` suffix.
 */
export function parseTileCoord(z: string, x: string, y: string): TileCoord {
  const yDigits = y.replace(/\.(pbf|mvt)$/, '');
  const zoom = parsePart('z', z, MAX_ZOOM);
  const max = 2 ** zoom - 1;
  return { z: zoom, x: parsePart('x', x, max, zoom), y: parsePart('y', yDigits, max, zoom) };
}

function parsePart(name: 'z' | 'x' | 'y', text: string, max: number, zoom?: number): number {
  const value = DIGITS.test(text) ? Number(text) : NaN;
  if (Number.isInteger(value) && value <= max) return value;
  const range =
    name === 'z' ? `an integer from 0 to ${max}` : `an integer from 0 to ${max} at zoom ${zoom ?? 0}`;
  throw new AppError('BAD_REQUEST', `path parameter ${name}: must be ${range}, got "${text}"`);
}

/** The tile's bounds in longitude/latitude: [west, south, east, north]. */
export function tileBounds({ z, x, y }: TileCoord): [number, number, number, number] {
  const n = 2 ** z;
  const lon = (i: number) => (i / n) * 360 - 180;
  const lat = (j: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * j) / n))) * 180) / Math.PI;
  return [lon(x), lat(y + 1), lon(x + 1), lat(y)];
}

/** The tile at zoom z that holds a point. */
export function tileAt(lon: number, lat: number, z: number): TileCoord {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { z, x: Math.min(n - 1, Math.max(0, x)), y: Math.min(n - 1, Math.max(0, y)) };
}

/** Every tile at zoom z that intersects a lon/lat box. */
export function tilesCovering(bbox: readonly [number, number, number, number], z: number): TileCoord[] {
  const nw = tileAt(bbox[0], bbox[3], z);
  const se = tileAt(bbox[2], bbox[1], z);
  const tiles: TileCoord[] = [];
  for (let x = nw.x; x <= se.x; x++) for (let y = nw.y; y <= se.y; y++) tiles.push({ z, x, y });
  return tiles;
}
