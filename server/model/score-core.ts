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
//
// Proxies (issue #13). A component's indicators form two groups: its own (e.g. an assessment) and its proxies
// (open data standing in for it). For a unit where any own indicator has a value, the own group alone scores
// the component, proxies ignored: an assessment replaces the proxy. Otherwise the proxy group scores it, under
// the same coverage rule counted over the proxies, and the component is marked proxy-based. Each group shares
// out the component's whole nominal share (sᵢ = share(component) · wᵢ/Σw(group)), so either group covers the
// component fully; a proxy-based component's confidence term is multiplied by confidence.proxyWeight (< 1).
//
// Precision (issue #13 §4). A value that comes with a 95 % interval (an assessment scored from field
// submissions) counts in confidence by its precision factor qᵤᵢ (confidence.ts: intervalFactor, 1 without an
// interval): confidence = Σ sᵢ · ageFactorᵢ · qᵤᵢ. Coverage is unchanged: the value is there.

/** Per-unit outputs; NaN = not scored. Component and dimension scores are unit-major (u·count + c). */
export interface ScoreBuffers {
  index: Float64Array;
  dimension: Float64Array;
  component: Float64Array;
  coverage: Float64Array;
  confidence: Float64Array;
  /** 1 where the component (unit-major, as `component`) was scored from its proxies. */
  proxy: Uint8Array;
}

/**
 * How many present indicators each component needs from its own indicators (`own`) and from its proxies
 * (`proxy`); 0 where that group is switched off, both 0 when the component is.
 */
export interface ComponentNeeds {
  own: Int32Array;
  proxy: Int32Array;
}

/** Whether component c is switched on (either of its groups is). */
export function componentOn(need: ComponentNeeds, c: number): boolean {
  return (need.own[c] as number) > 0 || (need.proxy[c] as number) > 0;
}

export function createScoreBuffers(structure: ModelStructure, n: number): ScoreBuffers {
  return {
    index: new Float64Array(n),
    dimension: new Float64Array(n * structure.dimensionIds.length),
    component: new Float64Array(n * structure.componentIds.length),
    coverage: new Float64Array(n),
    confidence: new Float64Array(n),
    proxy: new Uint8Array(n * structure.componentIds.length),
  };
}

/** The coverage rule's needs per component and group (see ComponentNeeds). */
export function componentNeeds(
  structure: ModelStructure,
  weights: NodeWeights,
  minComponentCoverage: number,
): ComponentNeeds {
  const own = new Int32Array(structure.componentIds.length);
  const proxy = new Int32Array(structure.componentIds.length);
  // The epsilon keeps 2 of 3 at 2/3 from failing on the last bit of the product.
  const needOf = (on: number) => (on === 0 ? 0 : Math.max(1, Math.ceil(minComponentCoverage * on - 1e-9)));
  for (let d = 0; d < structure.dimensionIds.length; d++) {
    const dimOn = (weights.dimension[d] as number) > 0;
    const cEnd = structure.dimensionStart[d + 1] as number;
    for (let c = structure.dimensionStart[d] as number; c < cEnd; c++) {
      if (!dimOn || !((weights.component[c] as number) > 0)) continue;
      let onOwn = 0;
      let onProxy = 0;
      const iEnd = structure.componentStart[c + 1] as number;
      for (let i = structure.componentStart[c] as number; i < iEnd; i++) {
        if (!((weights.indicator[i] as number) > 0)) continue;
        if (structure.proxy[i] === 1) onProxy++;
        else onOwn++;
      }
      own[c] = needOf(onOwn);
      proxy[c] = needOf(onProxy);
    }
  }
  return { own, proxy };
}

/** Each indicator's nominal share of the index (see above); 0 for switched-off indicators. */
export function indicatorShares(
  structure: ModelStructure,
  weights: NodeWeights,
  need: ComponentNeeds,
): Float64Array {
  const shares = new Float64Array(structure.indicators.length);
  let dimTotal = 0;
  const compTotal = new Float64Array(structure.dimensionIds.length);
  for (let d = 0; d < structure.dimensionIds.length; d++) {
    const cEnd = structure.dimensionStart[d + 1] as number;
    for (let c = structure.dimensionStart[d] as number; c < cEnd; c++) {
      if (componentOn(need, c)) compTotal[d] = (compTotal[d] as number) + (weights.component[c] as number);
    }
    if ((compTotal[d] as number) > 0) dimTotal += weights.dimension[d] as number;
  }
  for (let d = 0; d < structure.dimensionIds.length; d++) {
    if (!((compTotal[d] as number) > 0)) continue;
    const dimShare = (weights.dimension[d] as number) / dimTotal;
    const cEnd = structure.dimensionStart[d + 1] as number;
    for (let c = structure.dimensionStart[d] as number; c < cEnd; c++) {
      if (!componentOn(need, c)) continue;
      const compShare = (dimShare * (weights.component[c] as number)) / (compTotal[d] as number);
      // Each group (own indicators, proxies) shares out the whole component share.
      let ownTotal = 0;
      let proxyTotal = 0;
      const from = structure.componentStart[c] as number;
      const to = structure.componentStart[c + 1] as number;
      for (let i = from; i < to; i++) {
        if (structure.proxy[i] === 1) proxyTotal += weights.indicator[i] as number;
        else ownTotal += weights.indicator[i] as number;
      }
      for (let i = from; i < to; i++) {
        const total = structure.proxy[i] === 1 ? proxyTotal : ownTotal;
        shares[i] = total > 0 ? (compShare * (weights.indicator[i] as number)) / total : 0;
      }
    }
  }
  return shares;
}

/** componentSource's answers: the component is not scored, scored from its own indicators, from its proxies. */
export const UNSCORED = 0;
export const OWN = 1;
export const PROXIES = 2;

/**
 * Which group scores component c for the unit whose normalised row starts at `row` (rules above): UNSCORED,
 * OWN or PROXIES. The values that enter are then those of the group that are present and switched on.
 */
export function componentSource(
  structure: ModelStructure,
  indicatorWeights: Float64Array,
  need: ComponentNeeds,
  normalised: Float64Array,
  row: number,
  c: number,
): number {
  if (!componentOn(need, c)) return UNSCORED;
  let own = 0;
  let proxies = 0;
  const iEnd = structure.componentStart[c + 1] as number;
  for (let i = structure.componentStart[c] as number; i < iEnd; i++) {
    const x = normalised[row + i] as number;
    if ((indicatorWeights[i] as number) > 0 && x === x) {
      if (structure.proxy[i] === 1) proxies++;
      else own++;
    }
  }
  if (own > 0) return own >= (need.own[c] as number) ? OWN : UNSCORED;
  const needProxies = need.proxy[c] as number;
  return needProxies > 0 && proxies >= needProxies ? PROXIES : UNSCORED;
}

/**
 * Scores n units from the normalised unit-major matrix into `out`. `ageFactors` (per indicator) enables
 * coverage and confidence; without it (Monte Carlo runs, which only rank) they are left untouched.
 * `precision` (unit-major like `normalised`, indicator-matrix.ts: precisionFactors) scales each value's
 * confidence term; null means 1 everywhere.
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
  precision: Float64Array | null = null,
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
  const outProxy = out.proxy;
  const isProxy = structure.proxy;
  const proxyWeight = structure.definition.confidence.proxyWeight;

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
        const source = componentSource(structure, indW, need, normalised, row, c);
        let score = NaN;
        if (source !== UNSCORED) {
          const group = source === PROXIES ? 1 : 0;
          let sum = 0;
          let weight = 0;
          let cov = 0;
          let conf = 0;
          const iEnd = componentStart[c + 1] as number;
          for (let i = componentStart[c] as number; i < iEnd; i++) {
            const w = indW[i] as number;
            const x = normalised[row + i] as number;
            if (w > 0 && x === x && isProxy[i] === group) {
              weight += w;
              sum += w * termOf(cm, x);
              const s = shares[i] as number;
              cov += s;
              conf += s * (ages[i] as number) * (precision === null ? 1 : (precision[row + i] as number));
            }
          }
          score = meanOf(cm, sum, weight);
          const wc = compW[c] as number;
          dimSum += wc * termOf(dm, score);
          dimWeight += wc;
          coverage += cov;
          confidence += group === 1 ? conf * proxyWeight : conf;
        }
        outComp[u * nComp + c] = score;
        outProxy[u * nComp + c] = source === PROXIES ? 1 : 0;
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
