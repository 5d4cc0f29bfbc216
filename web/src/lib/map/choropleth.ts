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
}

export interface Choropleth {
  classification: Classification;
  /** One colour per bin, light to dark. */
  colours: string[];
  /** Class (0-based) by pcode; units without a value are absent. */
  classOf: ReadonlyMap<string, number>;
}

export function buildChoropleth(input: ChoroplethInput): Choropleth {
  const classification = classify(input.values.values(), {
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
  return { classification, colours, classOf };
}
