import { meanOf, methodCode, termOf } from './aggregate.ts';
import type { Aggregations, ModelStructure, NodeWeights } from './model-structure.ts';

// The hot loop shared by scoreModel (every weight-slider move in the browser) and the Monte Carlo analysis
// (1,000 re-scores): typed arrays in, typed arrays out, no allocation per unit.
//
// INFORM hierarchy (JRC, "INFORM Risk methodology"): indicators → components → dimensions → index, each level a
// weighted mean (aggregate.ts) over the children PRESENT with weights renormalised over them. A component is
// scored only when at least minComponentCoverage of its (switched-on) indicators are present, by count
// (issue #3: two-thirds); a dimension is scored when at least one of its components is; the index when at
// least one dimension is.
//
// Coverage and confidence (issue #3: "a confidence from coverage and data age"). Each indicator i has a nominal
// share of the index, sᵢ = wᵢ/Σw(component) · w_c/Σw(dimension) · w_d/Σw(dimensions), over switched-on nodes,
// so Σ sᵢ = 1. Over the indicators that entered the score (present, in a scored component):
//   coverage   = Σ sᵢ
//   confidence = Σ sᵢ · ageFactorᵢ = coverage × (share-weighted mean age factor of the values used)
// A value present in a component that failed the coverage rule did not enter the score and does not count.

/** Per-unit outputs; NaN = not scored. Component and dimension scores are unit-major (u·count + c). */
export interface ScoreBuffers {
  index: Float64Array;
  dimension: Float64Array;
  component: Float64Array;
  coverage: Float64Array;
  confidence: Float64Array;
}

export function createScoreBuffers(structure: ModelStructure, n: number): ScoreBuffers {
  return {
    index: new Float64Array(n),
    dimension: new Float64Array(n * structure.dimensionIds.length),
    component: new Float64Array(n * structure.componentIds.length),
    coverage: new Float64Array(n),
    confidence: new Float64Array(n),
  };
}

/** How many present indicators component c needs, or 0 when c is switched off. */
export function componentNeeds(
  structure: ModelStructure,
  weights: NodeWeights,
  minComponentCoverage: number,
): Int32Array {
  const need = new Int32Array(structure.componentIds.length);
  for (let d = 0; d < structure.dimensionIds.length; d++) {
    const dimOn = (weights.dimension[d] as number) > 0;
    const cEnd = structure.dimensionStart[d + 1] as number;
    for (let c = structure.dimensionStart[d] as number; c < cEnd; c++) {
      if (!dimOn || !((weights.component[c] as number) > 0)) continue;
      let on = 0;
      const iEnd = structure.componentStart[c + 1] as number;
      for (let i = structure.componentStart[c] as number; i < iEnd; i++) {
        if ((weights.indicator[i] as number) > 0) on++;
      }
      // The epsilon keeps 2 of 3 at 2/3 from failing on the last bit of the product.
      need[c] = on === 0 ? 0 : Math.max(1, Math.ceil(minComponentCoverage * on - 1e-9));
    }
  }
  return need;
}

/** Each indicator's nominal share of the index (see above); 0 for switched-off indicators. */
export function indicatorShares(
  structure: ModelStructure,
  weights: NodeWeights,
  need: Int32Array,
): Float64Array {
  const shares = new Float64Array(structure.indicators.length);
  let dimTotal = 0;
  const compTotal = new Float64Array(structure.dimensionIds.length);
  for (let d = 0; d < structure.dimensionIds.length; d++) {
    const cEnd = structure.dimensionStart[d + 1] as number;
    for (let c = structure.dimensionStart[d] as number; c < cEnd; c++) {
      if ((need[c] as number) > 0) compTotal[d] = (compTotal[d] as number) + (weights.component[c] as number);
    }
    if ((compTotal[d] as number) > 0) dimTotal += weights.dimension[d] as number;
  }
  for (let d = 0; d < structure.dimensionIds.length; d++) {
    if (!((compTotal[d] as number) > 0)) continue;
    const dimShare = (weights.dimension[d] as number) / dimTotal;
    const cEnd = structure.dimensionStart[d + 1] as number;
    for (let c = structure.dimensionStart[d] as number; c < cEnd; c++) {
      if ((need[c] as number) === 0) continue;
      const compShare = (dimShare * (weights.component[c] as number)) / (compTotal[d] as number);
      let indTotal = 0;
      const from = structure.componentStart[c] as number;
      const to = structure.componentStart[c + 1] as number;
      for (let i = from; i < to; i++) indTotal += weights.indicator[i] as number;
      for (let i = from; i < to; i++) {
        shares[i] = (compShare * (weights.indicator[i] as number)) / indTotal;
      }
    }
  }
  return shares;
}

/**
 * Scores n units from the normalised unit-major matrix into `out`. `ageFactors` (per indicator) enables
 * coverage and confidence; without it (Monte Carlo runs, which only rank) they are left untouched.
 */
export function scoreUnits(
  structure: ModelStructure,
  weights: NodeWeights,
  aggregation: Aggregations,
  minComponentCoverage: number,
  normalised: Float64Array,
  n: number,
  ageFactors: Float64Array | null,
  out: ScoreBuffers,
): void {
  const k = structure.indicators.length;
  const nComp = structure.componentIds.length;
  const nDim = structure.dimensionIds.length;
  const { componentStart, dimensionStart } = structure;
  const indW = weights.indicator;
  const compW = weights.component;
  const dimW = weights.dimension;
  const need = componentNeeds(structure, weights, minComponentCoverage);
  // Without age factors, zero shares make the coverage sums no-ops and keep one branch-free loop.
  const withCoverage = ageFactors !== null;
  const shares = withCoverage ? indicatorShares(structure, weights, need) : new Float64Array(k);
  const ages = withCoverage ? ageFactors : shares;
  const im = methodCode(aggregation.index);
  const dm = methodCode(aggregation.dimension);
  const cm = methodCode(aggregation.component);
  const outIndex = out.index;
  const outDim = out.dimension;
  const outComp = out.component;
  const outCoverage = out.coverage;
  const outConfidence = out.confidence;

  for (let u = 0; u < n; u++) {
    const row = u * k;
    let indexSum = 0;
    let indexWeight = 0;
    let coverage = 0;
    let confidence = 0;
    for (let d = 0; d < nDim; d++) {
      let dimSum = 0;
      let dimWeight = 0;
      const cEnd = dimensionStart[d + 1] as number;
      for (let c = dimensionStart[d] as number; c < cEnd; c++) {
        const needed = need[c] as number;
        let score = NaN;
        if (needed > 0) {
          let sum = 0;
          let weight = 0;
          let present = 0;
          let cov = 0;
          let conf = 0;
          const iEnd = componentStart[c + 1] as number;
          for (let i = componentStart[c] as number; i < iEnd; i++) {
            const w = indW[i] as number;
            const x = normalised[row + i] as number;
            if (w > 0 && x === x) {
              present++;
              weight += w;
              sum += w * termOf(cm, x);
              const s = shares[i] as number;
              cov += s;
              conf += s * (ages[i] as number);
            }
          }
          if (present >= needed) {
            score = meanOf(cm, sum, weight);
            const wc = compW[c] as number;
            dimSum += wc * termOf(dm, score);
            dimWeight += wc;
            coverage += cov;
            confidence += conf;
          }
        }
        outComp[u * nComp + c] = score;
      }
      let dimScore = NaN;
      if (dimWeight > 0) {
        const wd = dimW[d] as number;
        dimScore = meanOf(dm, dimSum, dimWeight);
        indexSum += wd * termOf(im, dimScore);
        indexWeight += wd;
      }
      outDim[u * nDim + d] = dimScore;
    }
    outIndex[u] = indexWeight > 0 ? meanOf(im, indexSum, indexWeight) : NaN;
    if (withCoverage) {
      // Sums of shares can overshoot 1 by a rounding bit; the clamp keeps the documented range.
      outCoverage[u] = coverage < 1 ? coverage : 1;
      outConfidence[u] = confidence < 1 ? confidence : 1;
    }
  }
}
