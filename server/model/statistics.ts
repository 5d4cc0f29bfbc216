// Small statistical helpers for the spatial statistics and the uncertainty analysis.

/**
 * Benjamini–Hochberg adjusted p-values (q-values) controlling the false discovery rate (Benjamini & Hochberg
 * 1995, "Controlling the false discovery rate", JRSS B 57(1)); the same numbers as R's p.adjust(p, "BH").
 * Null entries are not tests: they stay null and do not count in m.
 */
export function benjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[] {
  let m = 0;
  for (const p of pValues) if (p !== null && !Number.isNaN(p)) m++;
  // The p-values alone, sorted by the typed array's native numeric sort (no comparator: sorting indices
  // through a comparator grew faster than n and set Gi*'s exponent on 180k units, B12).
  const sorted = new Float64Array(m);
  let k = 0;
  for (const p of pValues) if (p !== null && !Number.isNaN(p)) sorted[k++] = p;
  sorted.sort();
  // q at rank r = min over j ≥ r of p(j)·m/j, taken from the largest p down. Equal p-values get the same q
  // (the minimum runs through every rank they hold), so q is a function of p: each test reads it at the last
  // rank of its p.
  const qSorted = new Float64Array(m);
  let running = 1;
  for (let r = m; r >= 1; r--) {
    running = Math.min(running, (sorted[r - 1]! * m) / r);
    qSorted[r - 1] = running;
  }
  return pValues.map((p) => (p === null || Number.isNaN(p) ? null : qSorted[lastIndexOf(sorted, p)]!));
}

/** The last index of `x` in ascending `sorted` (which holds it), by binary search. */
function lastIndexOf(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length; // ends as the first index holding a value above x
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * erfc(x) for x ≥ 0 by the Chebyshev-based fit `erfcc` of Press et al., "Numerical Recipes in C" (2nd ed., 1992,
 * §6.2), fractional error below 1.2e-7 everywhere: ample for p-values.
 */
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const y =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return y;
}

/** Two-sided p-value of a standard normal z-score: P(|Z| ≥ |z|) = erfc(|z|/√2). */
export function normalTwoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/**
 * The p-quantile of ascending-sorted values by linear interpolation between order statistics, R's default
 * (Hyndman & Fan 1996, type 7).
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, n - 1)] as number;
  return a + (h - lo) * (b - a);
}
