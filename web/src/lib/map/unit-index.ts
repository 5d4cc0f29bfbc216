// The units of a level without their shapes (GET /api/layers/{level}.index.json): names, boxes and label
// points, decoded once into maps keyed by pcode. The shapes come as vector tiles (issue #5); everything the
// client needs to name, find, label and frame a unit is here.

import type { UnitIndexColumns, UnitLevel } from '../api/index.ts';

export type BBox = [west: number, south: number, east: number, north: number];

export interface UnitNames {
  nameUk: string;
  nameEn: string;
  parentPcode: string | null;
}

export interface LevelIndex {
  level: UnitLevel;
  /** Units drawn on the map (those with a boundary), in pcode order. */
  pcodes: readonly string[];
  /** Units of the level, with or without a boundary. */
  names: ReadonlyMap<string, UnitNames>;
  bbox: ReadonlyMap<string, BBox>;
  /** Where each unit's label goes (inside it, even for a crescent-shaped unit). */
  label: ReadonlyMap<string, [number, number]>;
  /** The whole level's extent. */
  extent: BBox;
}

/** UA63 for UA6312027: the oblast every unit lies in. */
export const oblastOf = (pcode: string): string => pcode.slice(0, 4);

/** Decodes a level's unit index; refuses one of another level or with columns of unequal length. */
export function toLevelIndex(columns: UnitIndexColumns, level: UnitLevel): LevelIndex {
  if (columns.level !== level) throw new Error(`the ${level} index came as the ${columns.level} index`);
  const n = columns.pcode.length;
  for (const key of ['nameUk', 'nameEn', 'parentPcode', 'bbox', 'label'] as const) {
    if (columns[key].length !== n) throw new Error(`the ${level} index: column ${key} is not ${n} long`);
  }
  const pcodes: string[] = [];
  const names = new Map<string, UnitNames>();
  const bbox = new Map<string, BBox>();
  const label = new Map<string, [number, number]>();
  columns.pcode.forEach((pcode, i) => {
    names.set(pcode, {
      nameUk: columns.nameUk[i]!,
      nameEn: columns.nameEn[i]!,
      parentPcode: columns.parentPcode[i] ?? null,
    });
    const box = columns.bbox[i];
    const point = columns.label[i];
    if (!box || !point) return;
    pcodes.push(pcode);
    bbox.set(pcode, box);
    label.set(pcode, point);
  });
  return { level, pcodes, names, bbox, label, extent: columns.extent };
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

export interface Label {
  pcode: string;
  position: [number, number];
  nameUk: string;
  nameEn: string;
}

/** Every drawn unit of a level with its label point and names, for the label layer. */
export function labelsOf(level: LevelIndex): Label[] {
  return level.pcodes.map((pcode) => {
    const n = level.names.get(pcode)!;
    return { pcode, position: level.label.get(pcode)!, nameUk: n.nameUk, nameEn: n.nameEn };
  });
}
