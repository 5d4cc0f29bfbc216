import type { Direction, Goalposts, Transform } from './model-definition.ts';

// Per-indicator pre-processing (issue #3; JRC, "INFORM Risk methodology"): an optional transform for heavy
// tails, then min-max to 0–10 against FIXED goalposts stored with the model, so that a new data release does
// not silently re-scale the past; inverted where higher is better, so that 10 is always the worst.
// Missing values stay missing (NaN in the typed-array form, null otherwise), never 0.

/** What normalisation needs to know about an indicator node. */
export interface NormalisationSpec {
  direction: Direction;
  transform: Transform;
  goalposts: Goalposts;
}

/**
 * The transform on the raw scale. log: log10(1 + x); a value below 0 lies below the goalpost min (which the
 * schema keeps ≥ 0 for log) and would be clamped to it anyway, so it is clamped before the log to stay defined.
 * winsorise: clamp to [lower, upper]; goalposts are not winsorised.
 */
export function transformValue(transform: Transform, x: number): number {
  switch (transform.type) {
    case 'none':
      return x;
    case 'log':
      return Math.log10(1 + Math.max(x, 0));
    case 'winsorise':
      return Math.min(Math.max(x, transform.lower), transform.upper);
  }
}

function goalpostValue(transform: Transform, x: number): number {
  return transform.type === 'log' ? Math.log10(1 + x) : x;
}

function isMissing(x: number | null | undefined): x is null | undefined {
  return x === null || x === undefined || Number.isNaN(x);
}

/**
 * Normalises one column into `out` (NaN = missing) against `goalposts` (default: the fixed goalposts of the
 * spec). Allocates nothing when `out` is given.
 */
export function normaliseColumn(
  values: ArrayLike<number | null>,
  spec: NormalisationSpec,
  out: Float64Array = new Float64Array(values.length),
  goalposts: Goalposts = spec.goalposts,
): Float64Array {
  normaliseStrided(values, spec, goalposts, out, 0, 1);
  return out;
}

/**
 * normaliseColumn writing value u to out[offset + u·stride], so a column lands straight in a unit-major
 * matrix. It inlines transformValue (the readable definition, tested against it): this runs for every value
 * whenever the data change.
 */
export function normaliseStrided(
  values: ArrayLike<number | null>,
  spec: NormalisationSpec,
  goalposts: Goalposts,
  out: Float64Array,
  offset: number,
  stride: number,
): void {
  const { transform } = spec;
  const lo = goalpostValue(transform, goalposts.min);
  const hi = goalpostValue(transform, goalposts.max);
  const scale = 10 / (hi - lo);
  const invert = spec.direction === 'higher_is_better';
  const type = transform.type === 'none' ? 0 : transform.type === 'log' ? 1 : 2;
  const lower = transform.type === 'winsorise' ? transform.lower : -Infinity;
  const upper = transform.type === 'winsorise' ? transform.upper : Infinity;
  const n = values.length;
  for (let u = 0, at = offset; u < n; u++, at += stride) {
    const x = values[u];
    if (x === null || x === undefined || x !== x) {
      out[at] = NaN;
      continue;
    }
    const t =
      type === 0
        ? x
        : type === 1
          ? Math.log10(1 + (x > 0 ? x : 0))
          : x < lower
            ? lower
            : x > upper
              ? upper
              : x;
    let s = (t - lo) * scale;
    s = s < 0 ? 0 : s > 10 ? 10 : s;
    out[at] = invert ? 10 - s : s;
  }
}

/** One value normalised to 0–10 (10 = worst), or null when missing. */
export function normaliseValue(
  x: number | null | undefined,
  spec: NormalisationSpec,
  goalposts: Goalposts = spec.goalposts,
): number | null {
  if (isMissing(x)) return null;
  const out = normaliseColumn([x], spec, new Float64Array(1), goalposts);
  return out[0] ?? null;
}

/**
 * Goalposts at the observed extremes after the transform's clamping (raw units), for the min-max-over-the-
 * observed-range alternative of the uncertainty analysis (COINr `n_minmax`). Null when fewer than two distinct
 * values are present: a column that does not vary has no range, and its fixed goalposts are kept.
 */
export function observedGoalposts(
  values: ArrayLike<number | null>,
  spec: NormalisationSpec,
): Goalposts | null {
  let min = Infinity;
  let max = -Infinity;
  for (let u = 0; u < values.length; u++) {
    const x = values[u];
    if (isMissing(x)) continue;
    const t = spec.transform.type === 'log' ? Math.max(x, 0) : transformValue(spec.transform, x);
    if (t < min) min = t;
    if (t > max) max = t;
  }
  return min < max ? { min, max } : null;
}
