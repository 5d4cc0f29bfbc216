import type { AggregationMethod } from './model-definition.ts';
import { ModelInputError } from './model-error.ts';

// Weighted means over the values PRESENT, weights renormalised over them: a missing value never counts as
// zero (issue #3). Geometric and harmonic means are undefined or degenerate at 0, which is a legitimate score
// on the 0–10 scale, so they are taken on x + 1 and shifted back, the INFORM convention (JRC, "INFORM Risk
// methodology": geometric mean of the dimensions computed on (x + 1), minus 1):
//   arithmetic  A = Σ wᵢxᵢ / Σ wᵢ
//   geometric   G = (Π (xᵢ + 1)^wᵢ)^(1/Σ wᵢ) − 1 = exp(Σ wᵢ ln(xᵢ + 1) / Σ wᵢ) − 1
//   harmonic    H = Σ wᵢ / Σ (wᵢ / (xᵢ + 1)) − 1
// All three are accumulated as a weighted sum of a per-value term (termOf, meanOf), so the scorer's hot loop
// needs no arrays.

export type { AggregationMethod };

/** A method as a small integer, so the scorer's hot loop branches on numbers rather than strings. */
export type MethodCode = 0 | 1 | 2;

export function methodCode(method: AggregationMethod): MethodCode {
  return method === 'arithmetic' ? 0 : method === 'geometric' ? 1 : 2;
}

/** The per-value term whose weighted sum `meanOf` turns into the mean: x, ln(x + 1) or 1/(x + 1). */
export function termOf(code: MethodCode, x: number): number {
  return code === 0 ? x : code === 1 ? Math.log(x + 1) : 1 / (x + 1);
}

/**
 * The mean from Σ wᵢ·term(xᵢ) and Σ wᵢ. The clamp to [0, 10] only removes rounding noise (exp(ln 11) − 1 is
 * 10.000000000000002): any of these means of values in [0, 10] lies in [0, 10].
 */
export function meanOf(code: MethodCode, weightedTermSum: number, weightSum: number): number {
  const m =
    code === 0
      ? weightedTermSum / weightSum
      : code === 1
        ? Math.exp(weightedTermSum / weightSum) - 1
        : weightSum / weightedTermSum - 1;
  return m < 0 ? 0 : m > 10 ? 10 : m;
}

/** termOf by method name. */
export function aggregationTerm(method: AggregationMethod, x: number): number {
  return termOf(methodCode(method), x);
}

/** meanOf by method name. */
export function aggregationMean(
  method: AggregationMethod,
  weightedTermSum: number,
  weightSum: number,
): number {
  return meanOf(methodCode(method), weightedTermSum, weightSum);
}

/**
 * Weighted mean of the present values (null or NaN = missing) on the 0–10 scale; null when none is present.
 * A weight of 0 leaves its value out. Weights must be finite and ≥ 0.
 */
export function aggregate(
  values: ArrayLike<number | null>,
  weights: ArrayLike<number>,
  method: AggregationMethod,
): number | null {
  if (values.length !== weights.length) {
    throw new ModelInputError(`aggregate: ${values.length} values but ${weights.length} weights`);
  }
  const code = methodCode(method);
  let sum = 0;
  let weightSum = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights[i] as number;
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new ModelInputError(`aggregate: weight ${i} must be finite and at least 0, got ${w}`);
    }
    const x = values[i];
    if (x === null || x === undefined || Number.isNaN(x) || w === 0) continue;
    sum += w * termOf(code, x);
    weightSum += w;
  }
  return weightSum > 0 ? meanOf(code, sum, weightSum) : null;
}
