// Small statistical helpers for the spatial statistics and the uncertainty analysis.

/**
 * Benjamini–Hochberg adjusted p-values (q-values) controlling the false discovery rate (Benjamini & Hochberg
 * 1995, "Controlling the false discovery rate", JRSS B 57(1)); the same numbers as R's p.adjust(p, "BH").
 * Null entries are not tests: they stay null and do not count in m.
 */
export function benjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[] {
  // Typed arrays: 180k tests sort in tens of milliseconds (bench B12), not a generic array of indices.
  const tested: number[] = [];
  pValues.forEach((p, i) => {
    if (p !== null && !Number.isNaN(p)) tested.push(i);
  });
  const m = tested.length;
  const p = Float64Array.from(tested, (i) => pValues[i] as number);
  const order = Uint32Array.from({ length: m }, (_, k) => k).sort((a, b) => p[a]! - p[b]! || a - b);
  const q: (number | null)[] = pValues.map(() => null);
  // q(k) = min over j ≥ k of p(j)·m/j, taken from the largest p down.
  let running = 1;
  for (let r = m; r >= 1; r--) {
    const k = order[r - 1]!;
    running = Math.min(running, (p[k]! * m) / r);
    q[tested[k]!] = running;
  }
  return q;
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
