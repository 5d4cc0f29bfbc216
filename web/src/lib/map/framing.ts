// The boxes the camera fits: a hromada with room for its neighbours, an oblast, the whole country.

import { oblastOf, unionBBox, type BBox, type LevelIndex } from './unit-index.ts';

/** Ukraine as COD-AB draws it, until the boundaries say otherwise. */
export const UKRAINE: BBox = [22.14, 44.39, 40.22, 52.37];

/** The hromada with about its own size around it on every side: enough to see its neighbours. */
export function surroundings(b: BBox): BBox {
  const dx = Math.max(b[2] - b[0], 0.15);
  const dy = Math.max(b[3] - b[1], 0.1);
  return [b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy];
}

/** The box of an oblast's hromadas. */
export function oblastBBox(hromadas: LevelIndex, pcode: string): BBox | null {
  return unionBBox(hromadas.pcodes.filter((p) => oblastOf(p) === pcode).map((p) => hromadas.bbox.get(p)!));
}
