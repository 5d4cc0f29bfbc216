// The bivariate map of issue #4 ("bivariate 3×3 map of any two measures, e.g. CPI × coverage gap"): each
// measure in three classes (terciles by default, or the view's method with three classes), the nine
// combinations in Joshua Stevens' 3×3 scheme (palettes.ts). Pure; ExploreState builds it when a second
// measure is chosen, and the fill layer reads it like any choropleth (`classOf` → one of nine colours).

import { classIndex, classify, type ClassMethod, type Classification } from './classify.ts';
import type { Choropleth } from './choropleth.ts';
import { BIVARIATE_COLOURS } from './palettes.ts';

/** Classes per measure: three, as Stevens' schemes and most bivariate maps use (nine colours stay readable). */
export const BIVARIATE_K = 3;

export interface BivariateInput {
  /** The first measure (columns, left to right). */
  x: ReadonlyMap<string, number>;
  /** The second measure (rows, bottom to top). */
  y: ReadonlyMap<string, number>;
  /** The model's fixed classes are five, not three: 'fixed' falls back to terciles. */
  method: ClassMethod;
}

export interface Bivariate extends Choropleth {
  /** The first measure's classes (also `classification`, which a single-measure legend would read). */
  x: Classification;
  y: Classification;
  /** Colours by [row][column]: rows from low to high of the second measure, columns of the first. */
  grid: string[][];
  /** Hromadas by [row][column]. */
  counts: number[][];
}

/** Where class `c` of `k` sits on a three-step axis: three classes as they are, two (a flag) at the ends. */
export function axisStep(c: number, k: number): number {
  if (k <= 1) return 0;
  return Math.round((c * (BIVARIATE_K - 1)) / (k - 1));
}

/**
 * Classifies the hromadas that have both values (a hromada missing either has no place in the grid and is
 * drawn as "no data"), each measure by itself, so that with terciles each row and each column holds about
 * a third of them. `classOf` is row × 3 + column, the index into `colours`.
 */
export function buildBivariate(input: BivariateInput): Bivariate {
  const both: string[] = [];
  for (const [pcode, v] of input.x) {
    const w = input.y.get(pcode);
    if (Number.isFinite(v) && w !== undefined && Number.isFinite(w)) both.push(pcode);
  }
  const method = input.method === 'fixed' ? 'quantile' : input.method;
  const x = classify(
    both.map((p) => input.x.get(p)!),
    { method, k: BIVARIATE_K },
  );
  const y = classify(
    both.map((p) => input.y.get(p)!),
    { method, k: BIVARIATE_K },
  );
  const counts = BIVARIATE_COLOURS.map((row) => row.map(() => 0));
  const classOf = new Map<string, number>();
  for (const pcode of both) {
    const col = axisStep(classIndex(input.x.get(pcode)!, x.thresholds), x.bins.length);
    const row = axisStep(classIndex(input.y.get(pcode)!, y.thresholds), y.bins.length);
    classOf.set(pcode, row * BIVARIATE_K + col);
    counts[row]![col]!++;
  }
  const grid = BIVARIATE_COLOURS.map((row) => [...row]);
  return { classification: x, colours: grid.flat(), classOf, x, y, grid, counts };
}

/** The grid cell of a class index: its row (second measure) and column (first measure). */
export function cellOf(cls: number): { row: number; col: number } {
  return { row: Math.floor(cls / BIVARIATE_K), col: cls % BIVARIATE_K };
}
