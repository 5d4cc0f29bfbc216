import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify, sphericalTriangleArea } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { MAX_ZOOM } from './tile-coords.ts';

// Geometry for vector tiles, simplified once per zoom band (issue #5). Both tile paths (ST_AsMVT on native
// PostGIS, geojson-vt on PGlite) read these same simplified shapes, so they draw the same map.

/** A range of zooms that share one simplification of the boundaries. */
export interface ZoomBand {
  /** The band's id: its lowest zoom. */
  readonly band: number;
  readonly minzoom: number;
  readonly maxzoom: number;
  /** Visvalingam threshold in steradians (spherical triangle area on the unit sphere); 0 keeps every vertex. */
  readonly minWeight: number;
}

const WEB_MERCATOR_CIRCUMFERENCE = 40_075_016.686;
const EARTH_RADIUS = 6_371_008.8;
/** Ukraine's middle latitude: where a Web Mercator pixel's ground size is taken. */
const REFERENCE_LATITUDE = 48.5;

/**
 * The ground size of one screen pixel at zoom z (MapLibre draws 512-pixel tiles), at Ukraine's latitude.
 * A vertex whose triangle with its neighbours covers less than one such pixel cannot be seen at that zoom.
 */
export function pixelMetres(z: number): number {
  return (WEB_MERCATOR_CIRCUMFERENCE * Math.cos((REFERENCE_LATITUDE * Math.PI) / 180)) / (512 * 2 ** z);
}

const pixelWeight = (z: number) => (pixelMetres(z) / EARTH_RADIUS) ** 2;

/**
 * Four bands: each simplified for its highest zoom, so it is exact to a pixel across the band. From z10 the
 * source geometry (already ~25 vertices per hromada) is used as it is.
 */
export const ZOOM_BANDS: readonly ZoomBand[] = [
  { band: 0, minzoom: 0, maxzoom: 5, minWeight: pixelWeight(5) },
  { band: 6, minzoom: 6, maxzoom: 7, minWeight: pixelWeight(7) },
  { band: 8, minzoom: 8, maxzoom: 9, minWeight: pixelWeight(9) },
  { band: 10, minzoom: 10, maxzoom: MAX_ZOOM, minWeight: 0 },
];

/**
 * Names the simplification recipe: stored with the built geometry, so a change of bands here rebuilds it
 * even when the data version is unchanged.
 */
export const TILE_RECIPE = `v1:${ZOOM_BANDS.map((b) => `${b.minzoom}-${b.maxzoom}@${b.minWeight.toExponential(3)}`).join(',')}`;

export function bandFor(z: number): ZoomBand {
  return ZOOM_BANDS.find((b) => z >= b.minzoom && z <= b.maxzoom) ?? ZOOM_BANDS[ZOOM_BANDS.length - 1]!;
}

/**
 * The MVT feature id of a unit: its pcode's digits (UA0102003 → 102003). MVT ids are unsigned integers,
 * and MapLibre's feature-state needs one; pcodes are unique within a level, and each layer is one level.
 */
export function featureId(pcode: string): number {
  return Number(pcode.slice(2));
}

export interface SourceUnit {
  pcode: string;
  geometry: Polygon | MultiPolygon;
}

export interface BandGeometry {
  band: number;
  pcode: string;
  geometry: MultiPolygon;
}

/**
 * Simplifies one level's boundaries for every band that simplifies (the top band is the source geometry,
 * copied in SQL). Simplification runs on a topology (shared borders are one arc, simplified once), so
 * neighbours keep meeting without new gaps or overlaps; rings that collapse below a triangle are dropped,
 * and a unit whose every ring collapsed is left out of that band. Pure.
 */
export function simplifyForBands(units: readonly SourceUnit[]): BandGeometry[] {
  const out: BandGeometry[] = [];
  const collection: FeatureCollection<Polygon | MultiPolygon, null> = {
    type: 'FeatureCollection',
    features: units.map((u) => ({ type: 'Feature', id: u.pcode, properties: null, geometry: u.geometry })),
  };
  const topo = topology({ units: collection as FeatureCollection }) as Topology<{
    units: GeometryCollection;
  }>;
  const weighted = presimplify(topo, sphericalTriangleArea);
  for (const band of ZOOM_BANDS) {
    if (band.minWeight === 0) continue;
    const simplified = simplify(weighted, band.minWeight) as Topology<{ units: GeometryCollection }>;
    const decoded = feature(simplified, simplified.objects.units) as FeatureCollection<
      Polygon | MultiPolygon | null
    >;
    for (const f of decoded.features as Feature<Polygon | MultiPolygon | null>[]) {
      const geometry = f.geometry && withoutCollapsedRings(asMultiPolygon(f.geometry));
      if (geometry) out.push({ band: band.band, pcode: String(f.id), geometry });
    }
  }
  return out;
}

function asMultiPolygon(g: Polygon | MultiPolygon): MultiPolygon {
  return g.type === 'MultiPolygon' ? g : { type: 'MultiPolygon', coordinates: [g.coordinates] };
}

function distinctPoints(ring: Position[]): number {
  return new Set(ring.map((p) => `${p[0]},${p[1]}`)).size;
}

function withoutCollapsedRings(g: MultiPolygon): MultiPolygon | null {
  const polygons = g.coordinates
    .map((rings) => rings.filter((ring) => ring.length >= 4 && distinctPoints(ring) >= 3))
    // A polygon whose exterior collapsed is dropped with its holes.
    .filter((rings, i) => rings.length > 0 && rings[0] === g.coordinates[i]![0]);
  return polygons.length ? { type: 'MultiPolygon', coordinates: polygons } : null;
}
