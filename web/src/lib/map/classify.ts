// Class breaks for choropleths: quantiles, equal intervals, natural breaks and a model's fixed classes. Pure functions, the
// legend and the map both read the same Classification, so what the legend says is what the map shows.
//
// Convention (as the model's classes, server/model/score.ts classOf): classes are half-open, class i holds
// values v with thresholds[i-1] <= v < thresholds[i]; the last class also holds the maximum.

import { ckmeans } from 'simple-statistics';

export type ClassMethod = 'quantile' | 'equal' | 'natural' | 'fixed';

export const CLASS_METHODS: readonly ClassMethod[] = ['quantile', 'equal', 'natural', 'fixed'];

export interface ClassBin {
  /** Smallest value the class can hold (the lowest data value for the first class). */
  lower: number;
  /** Where the next class starts (the highest data value for the last class). */
  upper: number;
  /** How many of the classified values fall in it. */
  count: number;
  /** A label of its own (a category or a model class); otherwise the legend shows lower–upper. */
  label?: { uk: string; en: string };
}

export interface Classification {
  /** The method actually used: few distinct values make categories whatever was asked. */
  kind: ClassMethod | 'categories';
  /** Interior thresholds, ascending, one fewer than bins. */
  thresholds: number[];
  bins: ClassBin[];
  /** Values classified (missing values are not classified and not counted). */
  n: number;
}

/** The class (0-based) of `value` under ascending `thresholds`. */
export function classIndex(value: number, thresholds: readonly number[]): number {
  let lo = 0;
  let hi = thresholds.length;
  // The number of thresholds <= value, by binary search.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (value >= thresholds[mid]!) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Finite values only, ascending. */
export function sortedFinite(values: Iterable<number>): number[] {
  const out: number[] = [];
  for (const v of values) if (Number.isFinite(v)) out.push(v);
  return out.sort((a, b) => a - b);
}

/** The step that keeps three significant digits of a range: thresholds are rounded to it. */
export function niceStep(range: number): number {
  return range > 0 ? 10 ** (Math.floor(Math.log10(range)) - 2) : 0;
}

/**
 * Rounds a threshold to three significant digits of the data's range, so that the legend reads "120–150"
 * rather than "120.2769–150.0112", and the map classifies with exactly the numbers the legend shows.
 * `floor` (the class's lowest value, which must stay below the threshold) makes it round up instead.
 */
export function niceThreshold(t: number, range: number, floor = -Infinity): number {
  const step = niceStep(range);
  if (!(step > 0) || t === 0) return t;
  // Print at the step's precision, which also removes floating-point noise (0.30000000000000004).
  const digits = Math.min(20, Math.max(0, -Math.floor(Math.log10(step))));
  const fix = (v: number) => Number(v.toFixed(digits));
  const rounded = fix(Math.round(t / step) * step);
  return rounded > floor ? rounded : fix(Math.ceil(t / step) * step);
}

/**
 * The roundest number in (below, t]: a quantile threshold `t` (a data value) can move down to anything above
 * the value below it without moving any unit to another class, so the legend gets round numbers for free.
 */
export function roundestIn(below: number, t: number, range: number): number {
  if (!(range > 0) || !(t > below)) return t;
  const top = Math.floor(Math.log10(range));
  for (let e = top; e >= top - 6; e--) {
    const step = 10 ** e;
    const digits = Math.min(20, Math.max(0, -e));
    const candidate = Number((Math.floor(t / step) * step).toFixed(digits));
    if (candidate > below && candidate <= t) return candidate;
  }
  return t;
}

/** Strictly ascending thresholds inside (min, max]: duplicates and empty edge classes are dropped. */
function cleanThresholds(ts: number[], min: number, max: number): number[] {
  const out: number[] = [];
  for (const t of ts) {
    if (!(t > min) || t > max) continue;
    if (out.length > 0 && t <= out[out.length - 1]!) continue;
    out.push(t);
  }
  return out;
}

/** The first index of `sorted` whose value is >= v (with `after`, > v): a binary search. */
function firstIndex(sorted: readonly number[], v: number, after = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (after ? sorted[mid]! <= v : sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Quantile thresholds for k classes of `sorted` values: each class takes about an equal share of the values
 * not yet classed, and each threshold is the roundest number that gives the same classes (roundestIn). Equal values always share a class, so a block of ties (the many hromadas with 0 % of their
 * area occupied) becomes a class of its own, and the classes after it split the rest evenly — rather than
 * the ties swallowing several quantiles and leaving one class for everything else.
 */
export function quantileThresholds(sorted: readonly number[], k: number): number[] {
  const n = sorted.length;
  if (n === 0 || k < 2) return [];
  const range = sorted[n - 1]! - sorted[0]!;
  const thresholds: number[] = [];
  let start = 0;
  for (let c = 0; c < k - 1 && start < n; c++) {
    const target = start + Math.round((n - start) / (k - c));
    if (target >= n) break;
    const lowest = sorted[start]!;
    // The class must hold at least its lowest value; past a block of ties, the next distinct value starts the next.
    let t = sorted[target]!;
    if (t <= lowest) {
      const next = firstIndex(sorted, lowest, true);
      if (next >= n) break;
      t = sorted[next]!;
    }
    const at = firstIndex(sorted, t);
    t = roundestIn(sorted[at - 1]!, t, range);
    thresholds.push(t);
    start = at;
  }
  return cleanThresholds(thresholds, sorted[0]!, sorted[n - 1]!);
}

/** Equal-interval thresholds for k classes between min and max. */
export function equalIntervalThresholds(min: number, max: number, k: number): number[] {
  if (!(max > min) || k < 2) return [];
  const raw: number[] = [];
  for (let i = 1; i < k; i++) raw.push(min + ((max - min) * i) / k);
  return cleanThresholds(
    raw.map((t) => niceThreshold(t, max - min, min)),
    min,
    max,
  );
}

/**
 * Natural-breaks thresholds for k classes of `sorted` values: Ckmeans.1d.dp (Wang & Song 2011, "Ckmeans.1d.dp:
 * optimal k-means clustering in one dimension by dynamic programming", The R Journal 3(2)), as simple-statistics
 * implements it — the optimal version of what Jenks' natural breaks approximate (least within-class sum of
 * squares). Each threshold is the roundest number between one cluster's highest value and the next one's
 * lowest (roundestIn), so no value changes class.
 */
export function naturalBreakThresholds(sorted: readonly number[], k: number): number[] {
  const n = sorted.length;
  if (n === 0 || k < 2) return [];
  const clusters = ckmeans(sorted, Math.min(k, n));
  const range = sorted[n - 1]! - sorted[0]!;
  const thresholds: number[] = [];
  for (let i = 1; i < clusters.length; i++) {
    const below = clusters[i - 1]!.at(-1)!;
    const start = clusters[i]![0]!;
    thresholds.push(roundestIn(below, start, range));
  }
  return cleanThresholds(thresholds, sorted[0]!, sorted[n - 1]!);
}

function binsFor(
  sorted: readonly number[],
  thresholds: readonly number[],
  min: number,
  max: number,
): ClassBin[] {
  const bins: ClassBin[] = [];
  for (let i = 0; i <= thresholds.length; i++) {
    bins.push({
      lower: i === 0 ? min : thresholds[i - 1]!,
      upper: i === thresholds.length ? max : thresholds[i]!,
      count: 0,
    });
  }
  for (const v of sorted) bins[classIndex(v, thresholds)]!.count++;
  return bins;
}

export interface ClassifyOptions {
  method: ClassMethod;
  /** Number of classes for quantiles and equal intervals. */
  k?: number;
  /** The model's fixed classes, for method 'fixed' (ignored otherwise); without them 'fixed' falls back to quantiles. */
  fixed?: {
    thresholds: readonly number[];
    labels: readonly { uk: string; en: string }[];
    domain: [number, number];
  };
}

/** Classifies `values` (missing ones left out) by the method asked for. */
export function classify(values: Iterable<number>, opts: ClassifyOptions): Classification {
  const sorted = sortedFinite(values);
  const k = opts.k ?? 5;
  const n = sorted.length;
  if (opts.method === 'fixed' && opts.fixed) {
    const { thresholds, labels, domain } = opts.fixed;
    const bins = binsFor(sorted, thresholds, domain[0], domain[1]).map((b, i) =>
      labels[i] ? { ...b, label: labels[i] } : b,
    );
    return { kind: 'fixed', thresholds: [...thresholds], bins, n };
  }
  if (n === 0)
    return { kind: opts.method === 'fixed' ? 'quantile' : opts.method, thresholds: [], bins: [], n };
  const min = sorted[0]!;
  const max = sorted[n - 1]!;
  // Few distinct values (flags, counts of a handful): one class per value says more than ranges would.
  const distinct: number[] = [];
  for (const v of sorted) if (distinct.length === 0 || v !== distinct[distinct.length - 1]) distinct.push(v);
  if (distinct.length <= k) {
    const thresholds = distinct.slice(1);
    const bins = binsFor(sorted, thresholds, min, max).map((b, i) => ({
      ...b,
      lower: distinct[i]!,
      upper: distinct[i]!,
    }));
    return { kind: 'categories', thresholds, bins, n };
  }
  const method = opts.method === 'fixed' ? 'quantile' : opts.method;
  const thresholds =
    method === 'equal'
      ? equalIntervalThresholds(min, max, k)
      : method === 'natural'
        ? naturalBreakThresholds(sorted, k)
        : quantileThresholds(sorted, k);
  return { kind: method, thresholds, bins: binsFor(sorted, thresholds, min, max), n };
}
