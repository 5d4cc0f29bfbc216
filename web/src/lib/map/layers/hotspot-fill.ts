// The hot spots as fills (issue #14 item 12), besides the outlines of hotspot-style.ts: the categorical cluster
// map and the significance map as GeoDa draws them (Anselin, "Local Spatial Autocorrelation (2)", GeoDa
// workbook, https://geodacenter.github.io/workbook/6a_local_auto/lab6a.html): high-high red, low-low blue,
// the outliers in their pale tints, not significant grey; the significance map in greens that darken as the
// p-value shrinks. A hromada left out of the analysis (no score, or no scored neighbour) is its own class, so
// that it is not read as "not significant".

import type { HotspotUnit, Hotspots } from '../../api/index.ts';

/** How the hot-spot layer draws its answer. */
export type HotspotView = 'outline' | 'cluster' | 'significance';
export const HOTSPOT_VIEWS: readonly HotspotView[] = ['outline', 'cluster', 'significance'];

/** A hromada's fill: a cluster or Gi* class, a p-value class, not significant, or left out. */
export type HotspotFill = 'HH' | 'LL' | 'HL' | 'LH' | 'hot' | 'cold' | 'p3' | 'p2' | 'p1' | 'ns' | 'out';

/** GeoDa's colours (the workbook above; Gi* hot and cold as its high-high and low-low). */
export const FILL_COLOUR: Record<HotspotFill, string> = {
  HH: '#ff0000',
  LL: '#0000ff',
  HL: '#f4ada8',
  LH: '#a7adf9',
  hot: '#ff0000',
  cold: '#0000ff',
  p3: '#1a7a1a',
  p2: '#53c53c',
  p1: '#84f576',
  ns: '#eeeeee',
  out: '#9a9a9a',
};

/**
 * The p-value bounds of the significance map's classes: GeoDa's 0.001 and 0.01 that lie below the analysis's
 * alpha, then alpha itself — so that the map's "significant" is the cluster map's (999 permutations cannot give
 * a pseudo p below 0.001, so GeoDa's 0.0001 class is left out).
 */
export function significanceBounds(alpha: number): number[] {
  return [...[0.001, 0.01].filter((b) => b < alpha), alpha];
}

/**
 * The evidence a unit's class was decided on: the Benjamini–Hochberg q-value when the analysis controls the
 * false discovery rate, else its p (server/model/spatial.ts), so that both maps agree on what is significant.
 */
export function evidenceOf(u: HotspotUnit, adjust: Hotspots['settings']['adjust']): number | null {
  return adjust === 'bh' ? u.q : u.p;
}

/** The significance classes, strongest (darkest) first, one per bound of significanceBounds. */
const SIGNIFICANCE_FILLS = ['p3', 'p2', 'p1'] as const;

/** Each analysed hromada's fill in `view` (nothing for the outlines). */
export function fillsOf(data: Hotspots | null, view: HotspotView): Map<string, HotspotFill> {
  const out = new Map<string, HotspotFill>();
  if (!data || view === 'outline') return out;
  const bounds = significanceBounds(data.settings.alpha);
  for (const u of data.units) {
    const cls = data.method === 'lisa' ? u.cluster : u.hotspot;
    const evidence = evidenceOf(u, data.settings.adjust);
    if (cls === null || cls === undefined || evidence === null) {
      out.set(u.pcode, 'out');
    } else if (cls === 'ns') {
      out.set(u.pcode, 'ns');
    } else if (view === 'cluster') {
      out.set(u.pcode, cls);
    } else {
      // The class of the smallest bound the evidence reaches: p3 for the strongest.
      const i = bounds.findIndex((b) => evidence <= b);
      out.set(u.pcode, i < 0 ? 'ns' : SIGNIFICANCE_FILLS[i]!);
    }
  }
  return out;
}

/** One line of the fill legend: its class, colour, how many hromadas and, on the significance map, its bound. */
export interface FillLegendEntry {
  fill: HotspotFill;
  colour: string;
  count: number;
  /** The p-value bound ("p ≤ 0.01"), significance map only. */
  bound?: number;
}

/** The legend of a fill view: every class of the method, zeros included, then not significant and left out. */
export function fillLegend(data: Hotspots, view: HotspotView, fills: ReadonlyMap<string, HotspotFill>) {
  const count = new Map<HotspotFill, number>();
  for (const f of fills.values()) count.set(f, (count.get(f) ?? 0) + 1);
  const entry = (fill: HotspotFill, bound?: number): FillLegendEntry => ({
    fill,
    colour: FILL_COLOUR[fill],
    count: count.get(fill) ?? 0,
    ...(bound !== undefined ? { bound } : {}),
  });
  let classes: FillLegendEntry[];
  if (view === 'significance') {
    const bounds = significanceBounds(data.settings.alpha);
    classes = SIGNIFICANCE_FILLS.slice(0, bounds.length).map((f, i) => entry(f, bounds[i]));
  } else {
    classes = (data.method === 'lisa' ? (['HH', 'LL', 'LH', 'HL'] as const) : (['hot', 'cold'] as const)).map(
      (f) => entry(f),
    );
  }
  return [...classes, entry('ns'), entry('out')];
}
