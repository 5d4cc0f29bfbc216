// How the change map colours a community's change of a component between two rounds (issue #13, section 5):
// five fixed classes on the 0–10 scale, centred on no change, in a diverging colour-blind-safe scheme
// (ColorBrewer PuOr, Cynthia Brewer, colorbrewer2.org, Apache-2.0): orange for a fall, purple for a rise —
// higher component scores mean a stronger community, so purple is better. Fixed rather than data-driven
// classes, so that two maps (other dates, other components) read alike and a class never straddles zero.

import type { ClassBin, Classification } from './classify.ts';
import type { Choropleth } from './choropleth.ts';

/** Interior thresholds, ascending: ≤ −2 | −2…−0.5 | −0.5…0.5 | 0.5…2 | ≥ 2 points on 0–10. */
export const CHANGE_THRESHOLDS = [-2, -0.5, 0.5, 2] as const;
export const CHANGE_COLOURS = ['#e66101', '#fdb863', '#f7f7f7', '#b2abd2', '#5e3c99'] as const;
/** The outline of a change whose 95 % interval excludes zero. */
export const MARKED_COLOUR = '#0b0d10';

const BOUNDS: [number, number][] = [
  [-10, -2],
  [-2, -0.5],
  [-0.5, 0.5],
  [0.5, 2],
  [2, 10],
];

/** The class (0-based) of a difference: a value on a threshold goes to the class above it. */
export function changeClass(difference: number): number {
  let c = 0;
  while (c < CHANGE_THRESHOLDS.length && difference >= CHANGE_THRESHOLDS[c]!) c++;
  return c;
}

/** The fill of the change map: every community with two rounds classed by its difference. */
export function changeChoropleth(units: readonly { pcode: string; difference: number }[]): Choropleth {
  const classOf = new Map<string, number>();
  const counts = BOUNDS.map(() => 0);
  for (const u of units) {
    const c = changeClass(u.difference);
    classOf.set(u.pcode, c);
    counts[c]!++;
  }
  const bins: ClassBin[] = BOUNDS.map(([lower, upper], i) => ({ lower, upper, count: counts[i]! }));
  const classification: Classification = {
    kind: 'fixed',
    thresholds: [...CHANGE_THRESHOLDS],
    bins,
    n: units.length,
  };
  return { classification, colours: [...CHANGE_COLOURS], classOf };
}
