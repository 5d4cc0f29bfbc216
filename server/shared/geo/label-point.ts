// Where to put a unit's label and how to frame it: computed once per data version on the server, so that the
// client needs no geometry to search, label or zoom to a unit (issue #5: the map draws from vector tiles).

import type { MultiPolygon, Polygon, Position } from 'geojson';
import polylabel from 'polylabel';

export type BBox = [west: number, south: number, east: number, north: number];

function partsOf(g: Polygon | MultiPolygon): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** The box of a unit's outer rings. */
export function bboxOf(g: Polygon | MultiPolygon): BBox {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const part of partsOf(g))
    for (const [x, y] of part[0] ?? []) {
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    }
  return [w, s, e, n];
}

/** Planar area of a ring (degrees², only to compare the parts of one unit). */
function ringArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += (ring[j]![0]! + ring[i]![0]!) * (ring[j]![1]! - ring[i]![1]!);
  return Math.abs(a / 2);
}

/**
 * The pole of inaccessibility of the unit's largest part (polylabel, Agafonkin 2016), which, unlike a
 * centroid, is always inside, even for the crescent-shaped units around a city. Precision: 1 % of the part's
 * larger side.
 */
export function labelPoint(g: Polygon | MultiPolygon): [number, number] {
  let best: Position[][] = [];
  let bestArea = -1;
  for (const part of partsOf(g)) {
    const a = ringArea(part[0] ?? []);
    if (a > bestArea) {
      bestArea = a;
      best = part;
    }
  }
  const [w, s, e, n] = bboxOf({ type: 'Polygon', coordinates: best });
  const p = polylabel(best as number[][][], Math.max(e - w, n - s) / 100);
  return [p[0], p[1]];
}
