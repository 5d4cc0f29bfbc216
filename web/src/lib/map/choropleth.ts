// A choropleth is a classification of one measure's values plus the palette it is drawn in; the map layer
// writes `classOf` into feature-state and the legend draws `classification.bins` with `colours`.

import { classify, type ClassMethod, type Classification } from './classify.ts';
import { paletteColours, type PaletteId } from './palettes.ts';

export interface ChoroplethInput {
  values: ReadonlyMap<string, number>;
  method: ClassMethod;
  palette: PaletteId;
  /** The model's classes (indices only): what method 'fixed' uses. */
  fixed?: {
    thresholds: readonly number[];
    labels: readonly { uk: string; en: string }[];
    domain: [number, number];
  };
  /**
   * Index scores only: the units compared with one another (ranked, server/model/comparability.ts). The
   * data-driven classes (quantiles, breaks) are computed from these alone, so the 297 Crimean units scored
   * from old data do not move every hromada's class (issue #14); the others still get the class their value
   * falls in and are marked `faded`.
   */
  comparable?: ReadonlySet<string>;
  /** Per unit, the confidence of its value (0–1): below `hideBelow` it is not drawn. */
  confidence?: ReadonlyMap<string, number>;
  hideBelow?: number;
}

/** The fill opacity of a faded unit on the map; the legend's swatch for it uses the same. */
export const FADED_OPACITY = 0.35;

/** How a unit is drawn besides its colour: faded = scored but not comparable (low confidence, Crimea). */
export type UnitMark = 'faded' | 'hidden';

export interface Choropleth {
  classification: Classification;
  /** One colour per bin, light to dark. */
  colours: string[];
  /** Class (0-based) by pcode; units without a value are absent. */
  classOf: ReadonlyMap<string, number>;
  /** Units drawn apart (issue #14, item 2); absent = drawn normally. */
  marks?: ReadonlyMap<string, UnitMark>;
  /** The "hide below" confidence the marks used (0 = none hidden). */
  hideBelow?: number;
}

export function buildChoropleth(input: ChoroplethInput): Choropleth {
  const comparable = input.comparable;
  const classed = comparable
    ? [...input.values].filter(([p]) => comparable.has(p)).map(([, v]) => v)
    : input.values.values();
  const classification = classify(classed, {
    method: input.method,
    ...(input.fixed ? { fixed: input.fixed } : {}),
  });
  const colours = paletteColours(input.palette, classification.bins.length);
  const classOf = new Map<string, number>();
  const { thresholds } = classification;
  for (const [pcode, v] of input.values) {
    if (!Number.isFinite(v)) continue;
    let c = 0;
    while (c < thresholds.length && v >= thresholds[c]!) c++;
    classOf.set(pcode, c);
  }
  const marks = new Map<string, UnitMark>();
  const hideBelow = input.hideBelow ?? 0;
  for (const pcode of classOf.keys()) {
    const conf = input.confidence?.get(pcode);
    if (hideBelow > 0 && conf !== undefined && conf < hideBelow) marks.set(pcode, 'hidden');
    else if (comparable && !comparable.has(pcode)) marks.set(pcode, 'faded');
  }
  return { classification, colours, classOf, ...(comparable || hideBelow > 0 ? { marks, hideBelow } : {}) };
}
