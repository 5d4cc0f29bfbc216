// Boundaries: the TopoJSON of a level (from /api/layers/{level}.topojson) decoded once into GeoJSON that the
// map uploads once; everything that changes later (values, classes, selection) is joined by pcode.

import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import polylabel from 'polylabel';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type { LayerTopology, UnitLevel } from '../api/index.ts';

export interface UnitProps {
  pcode: string;
  nameUk: string;
  nameEn: string;
  parentPcode: string | null;
  /** UA63 for UA6312027: the oblast every unit lies in. */
  oblastPcode: string;
}

export type UnitFeature = Feature<Polygon | MultiPolygon, UnitProps>;
export type BBox = [west: number, south: number, east: number, north: number];

export interface LevelGeometry {
  level: UnitLevel;
  /** Units with a boundary (units without one are left out of the map, not drawn empty). */
  collection: FeatureCollection<Polygon | MultiPolygon, UnitProps>;
  byPcode: ReadonlyMap<string, UnitFeature>;
  bbox: ReadonlyMap<string, BBox>;
  /** Units of the level, with or without a boundary. */
  names: ReadonlyMap<string, { nameUk: string; nameEn: string; parentPcode: string | null }>;
  /** The whole level's extent. */
  extent: BBox;
}

function ringsOf(g: Polygon | MultiPolygon): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

export function bboxOf(g: Polygon | MultiPolygon): BBox {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const poly of ringsOf(g))
    for (const [x, y] of poly[0] ?? []) {
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    }
  return [w, s, e, n];
}

/** Planar area of a ring (degrees², only to compare parts of one unit). */
function ringArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += (ring[j]![0]! + ring[i]![0]!) * (ring[j]![1]! - ring[i]![1]!);
  return Math.abs(a / 2);
}

/**
 * Where a unit's label goes: the pole of inaccessibility of its largest part (polylabel, Agafonkin 2016),
 * which, unlike a centroid, is always inside, even for the crescent-shaped units around a city.
 */
export function labelPoint(g: Polygon | MultiPolygon): [number, number] {
  let best: Position[][] = [];
  let bestArea = -1;
  for (const poly of ringsOf(g)) {
    const a = ringArea(poly[0] ?? []);
    if (a > bestArea) {
      bestArea = a;
      best = poly;
    }
  }
  const [w, s, e, n] = bboxOf({ type: 'Polygon', coordinates: best });
  const p = polylabel(best as number[][][], Math.max(e - w, n - s) / 100);
  return [p[0], p[1]];
}

/** Decodes the topology of one level (its one object is named after the level). */
export function topologyToLevel(topology: LayerTopology, level: UnitLevel): LevelGeometry {
  const object = topology.objects[level];
  if (!object) throw new Error(`the ${level} layer has no object named "${level}"`);
  const names = new Map<string, { nameUk: string; nameEn: string; parentPcode: string | null }>();
  for (const g of object.geometries) names.set(g.id, g.properties);
  const decoded = feature(topology as unknown as Topology, object as never) as unknown as FeatureCollection<
    Polygon | MultiPolygon | null,
    { nameUk: string; nameEn: string; parentPcode: string | null }
  >;
  const features: UnitFeature[] = [];
  const byPcode = new Map<string, UnitFeature>();
  const bbox = new Map<string, BBox>();
  for (const f of decoded.features) {
    if (!f.geometry) continue;
    const pcode = String(f.id);
    const unit: UnitFeature = {
      type: 'Feature',
      id: pcode,
      geometry: f.geometry,
      properties: { pcode, ...f.properties, oblastPcode: pcode.slice(0, 4) },
    };
    features.push(unit);
    byPcode.set(pcode, unit);
    bbox.set(pcode, bboxOf(f.geometry));
  }
  const b = topology.bbox;
  const extent: BBox = [b[0] ?? 22, b[1] ?? 44, b[2] ?? 40.5, b[3] ?? 52.5];
  return { level, collection: { type: 'FeatureCollection', features }, byPcode, bbox, names, extent };
}

/** The extent of several units' boxes. */
export function unionBBox(boxes: Iterable<BBox>): BBox | null {
  let out: BBox | null = null;
  for (const [w, s, e, n] of boxes)
    out = out
      ? [Math.min(out[0], w), Math.min(out[1], s), Math.max(out[2], e), Math.max(out[3], n)]
      : [w, s, e, n];
  return out;
}
