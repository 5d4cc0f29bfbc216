import type { UnitLevel } from '../../db/schema.ts';
import type { UnitIndexRow } from './layers.repository.ts';

export type BBox = [west: number, south: number, east: number, north: number];

/**
 * A level's units without their shapes (issue #5): what the map client needs to name, find, label and frame
 * every unit while the shapes themselves come as vector tiles. Columns, not objects, so that the keys are not
 * repeated 1,769 times; all arrays are aligned and ordered by pcode.
 */
export interface UnitIndex {
  level: UnitLevel;
  pcode: string[];
  nameUk: string[];
  nameEn: string[];
  parentPcode: (string | null)[];
  /** [west, south, east, north] in degrees, rounded outwards to 0.001° (≈ 100 m); null without a boundary. */
  bbox: (BBox | null)[];
  /** Label point [lon, lat] (the import's `label_point`), 0.0001° (≈ 10 m); null without a boundary. */
  label: ([number, number] | null)[];
  /** The extent of every box. */
  extent: BBox;
}

const down = (x: number, step: number) => Math.floor(x / step) * step;
const up = (x: number, step: number) => Math.ceil(x / step) * step;
/** Rounds away float noise (0.1 + 0.2) so that the JSON stays short. */
const tidy = (x: number, decimals: number) => Number(x.toFixed(decimals));

/** Pure; no I/O. Rows must be ordered by pcode (findUnitIndexRows does). */
export function buildUnitIndex(level: UnitLevel, rows: readonly UnitIndexRow[]): UnitIndex {
  const index: UnitIndex = {
    level,
    pcode: [],
    nameUk: [],
    nameEn: [],
    parentPcode: [],
    bbox: [],
    label: [],
    extent: [Infinity, Infinity, -Infinity, -Infinity],
  };
  const e = index.extent;
  for (const u of rows) {
    index.pcode.push(u.pcode);
    index.nameUk.push(u.name_uk);
    index.nameEn.push(u.name_en);
    index.parentPcode.push(u.parent_pcode);
    const { west, south, east, north, label_lon, label_lat } = u;
    if (west === null || south === null || east === null || north === null) {
      index.bbox.push(null);
      index.label.push(null);
      continue;
    }
    const box: BBox = [
      tidy(down(west, 0.001), 3),
      tidy(down(south, 0.001), 3),
      tidy(up(east, 0.001), 3),
      tidy(up(north, 0.001), 3),
    ];
    index.bbox.push(box);
    index.label.push(
      label_lon === null || label_lat === null ? null : [tidy(label_lon, 4), tidy(label_lat, 4)],
    );
    e[0] = Math.min(e[0], box[0]);
    e[1] = Math.min(e[1], box[1]);
    e[2] = Math.max(e[2], box[2]);
    e[3] = Math.max(e[3], box[3]);
  }
  if (!Number.isFinite(e[0])) index.extent = [22, 44, 40.5, 52.5];
  return index;
}
