import { meanOf, methodCode, termOf } from './aggregate.ts';
import type { Aggregations, ModelStructure, NodeWeights } from './model-structure.ts';
import type { ComponentNeeds, ScoreBuffers } from './score-core.ts';
import {
  componentNeeds,
  componentSource,
  createScoreBuffers,
  indicatorShares,
  PROXIES,
  UNSCORED,
} from './score-core.ts';

// scoreUnits (score-core.ts: the formulas and their sources) for one matrix scored again and again, as the
// browser does on every weight-slider move (issue #5, B6). What a run cannot have changed is not computed
// again:
// - A dimension's component and dimension scores depend only on what lies under it: its component and
//   indicator weights, the component and dimension aggregations, and whether it is switched on. They stay in
//   the output buffers, with each unit's index term (x, ln(x + 1) or 1/(x + 1) of the dimension score), until
//   one of those changes; moving a dimension's slider then re-aggregates the index level only.
// - A unit's coverage and confidence depend only on which of its values entered the score (its pattern) and
//   on the indicators' shares. Units with one pattern (most have every value) share them: summed once per
//   pattern, not once per unit. A unit with a value of precision below 1 (an assessment with a wide interval,
//   score-core.ts) has a confidence of its own: it gets a pattern of its own, whatever its values.
// Every sum runs over the same terms in the same order as in scoreUnits, so the results are the same to the
// last bit (score-memo.test.ts compares the two).

/** Re-scores one normalised matrix; the results of the last run are in `out`. */
export interface MemoScorer {
  readonly out: ScoreBuffers;
  run(weights: NodeWeights, aggregation: Aggregations): void;
}

/** A MemoScorer over `normalised` (unit-major, as normaliseMatrix gives it) with coverage and confidence. */
export function createMemoScorer(
  structure: ModelStructure,
  normalised: Float64Array,
  n: number,
  ageFactors: Float64Array,
  minComponentCoverage: number,
  precision: Float64Array | null = null,
): MemoScorer {
  const k = structure.indicators.length;
  const nComp = structure.componentIds.length;
  const nDim = structure.dimensionIds.length;
  const { componentStart, dimensionStart } = structure;
  const out = createScoreBuffers(structure, n);
  const isProxy = structure.proxy;
  const proxyWeight = structure.definition.confidence.proxyWeight;
  // Per dimension, what its kept scores were computed with: [on, index, dimension and component methods,
  // its component weights, its indicator weights]. NaN never equals anything, so the first run computes all.
  const keys = Array.from({ length: nDim }, (_, d) => {
    const c0 = dimensionStart[d] as number;
    const c1 = dimensionStart[d + 1] as number;
    const i0 = componentStart[c0] as number;
    const i1 = componentStart[c1] as number;
    return new Float64Array(4 + (c1 - c0) + (i1 - i0)).fill(NaN);
  });
  const scored = new Uint8Array(n * nDim);
  const indexTerm = new Float64Array(n * nDim);
  const entered = new Uint8Array(n * k);
  const pattern = new Int32Array(n);
  let representatives: number[] = [];
  let patternCoverage = new Float64Array(0);
  let patternConfidence = new Float64Array(0);

  const nextKeys = keys.map((key) => new Float64Array(key.length));
  // Units whose confidence the pattern does not determine (some precision factor below 1).
  const ownPattern = new Uint8Array(n);
  if (precision !== null) {
    for (let u = 0; u < n; u++) {
      for (let i = 0; i < k; i++) {
        if ((precision[u * k + i] as number) < 1) {
          ownPattern[u] = 1;
          break;
        }
      }
    }
  }

  /** Dimension d's key for these settings; true when it differs from the one its kept scores have. */
  function updateKey(d: number, weights: NodeWeights, im: number, dm: number, cm: number): boolean {
    const key = keys[d] as Float64Array;
    const next = nextKeys[d] as Float64Array;
    next[0] = (weights.dimension[d] as number) > 0 ? 1 : 0;
    next[1] = im;
    next[2] = dm;
    next[3] = cm;
    let at = 4;
    const c0 = dimensionStart[d] as number;
    const c1 = dimensionStart[d + 1] as number;
    for (let c = c0; c < c1; c++) next[at++] = weights.component[c] as number;
    const iEnd = componentStart[c1] as number;
    for (let i = componentStart[c0] as number; i < iEnd; i++) next[at++] = weights.indicator[i] as number;
    let changed = false;
    for (let j = 0; j < at; j++) {
      if (key[j] !== next[j]) {
        changed = true;
        break;
      }
    }
    if (changed) key.set(next);
    return changed;
  }

  /** scoreUnits' loop over the components of dimension d, for every unit; also notes which values entered. */
  function scoreDimension(
    d: number,
    weights: NodeWeights,
    need: ComponentNeeds,
    aggregation: Aggregations,
  ): void {
    const im = methodCode(aggregation.index);
    const dm = methodCode(aggregation.dimension);
    const cm = methodCode(aggregation.component);
    const indW = weights.indicator;
    const compW = weights.component;
    const c0 = dimensionStart[d] as number;
    const c1 = dimensionStart[d + 1] as number;
    for (let u = 0; u < n; u++) {
      const row = u * k;
      let dimSum = 0;
      let dimWeight = 0;
      for (let c = c0; c < c1; c++) {
        const source = componentSource(structure, indW, need, normalised, row, c);
        const group = source === PROXIES ? 1 : 0;
        const iStart = componentStart[c] as number;
        const iEnd = componentStart[c + 1] as number;
        let score = NaN;
        if (source !== UNSCORED) {
          let sum = 0;
          let weight = 0;
          for (let i = iStart; i < iEnd; i++) {
            const w = indW[i] as number;
            const x = normalised[row + i] as number;
            if (w > 0 && x === x && isProxy[i] === group) {
              weight += w;
              sum += w * termOf(cm, x);
            }
          }
          score = meanOf(cm, sum, weight);
          const wc = compW[c] as number;
          dimSum += wc * termOf(dm, score);
          dimWeight += wc;
        }
        for (let i = iStart; i < iEnd; i++) {
          const x = normalised[row + i] as number;
          entered[row + i] =
            source !== UNSCORED && (indW[i] as number) > 0 && x === x && isProxy[i] === group ? 1 : 0;
        }
        out.component[u * nComp + c] = score;
        out.proxy[u * nComp + c] = group;
      }
      const at = u * nDim + d;
      if (dimWeight > 0) {
        const dimScore = meanOf(dm, dimSum, dimWeight);
        out.dimension[at] = dimScore;
        scored[at] = 1;
        indexTerm[at] = termOf(im, dimScore);
      } else {
        out.dimension[at] = NaN;
        scored[at] = 0;
        indexTerm[at] = 0;
      }
    }
  }

  /** Groups the units by the values that entered their score. */
  function findPatterns(): void {
    const ids = new Map<number | string, number>();
    representatives = [];
    for (let u = 0; u < n; u++) {
      // A string no patternKey gives (those are a number, or numbers joined by commas).
      const key = ownPattern[u] === 1 ? `unit ${u}` : patternKey(entered, u * k, k);
      let id = ids.get(key);
      if (id === undefined) {
        id = representatives.length;
        ids.set(key, id);
        representatives.push(u);
      }
      pattern[u] = id;
    }
    patternCoverage = new Float64Array(representatives.length);
    patternConfidence = new Float64Array(representatives.length);
  }

  return {
    out,
    run(weights, aggregation) {
      const need = componentNeeds(structure, weights, minComponentCoverage);
      const im = methodCode(aggregation.index);
      const dm = methodCode(aggregation.dimension);
      const cm = methodCode(aggregation.component);
      let changed = false;
      for (let d = 0; d < nDim; d++) {
        if (updateKey(d, weights, im, dm, cm)) {
          scoreDimension(d, weights, need, aggregation);
          changed = true;
        }
      }
      if (changed) findPatterns();

      // Coverage and confidence per pattern, summed as scoreUnits sums them per unit.
      const shares = indicatorShares(structure, weights, need);
      for (let p = 0; p < representatives.length; p++) {
        const row = (representatives[p] as number) * k;
        let coverage = 0;
        let confidence = 0;
        for (let c = 0; c < nComp; c++) {
          let cov = 0;
          let conf = 0;
          let used = false;
          // Only one group enters (score-core.ts), so one entered proxy marks a proxy-based component.
          let fromProxies = false;
          const iEnd = componentStart[c + 1] as number;
          for (let i = componentStart[c] as number; i < iEnd; i++) {
            if (entered[row + i] === 0) continue;
            used = true;
            if (isProxy[i] === 1) fromProxies = true;
            const s = shares[i] as number;
            cov += s;
            conf += s * (ageFactors[i] as number) * (precision === null ? 1 : (precision[row + i] as number));
          }
          if (used) {
            coverage += cov;
            confidence += fromProxies ? conf * proxyWeight : conf;
          }
        }
        // Sums of shares can overshoot 1 by a rounding bit; the clamp keeps the documented range.
        patternCoverage[p] = coverage < 1 ? coverage : 1;
        patternConfidence[p] = confidence < 1 ? confidence : 1;
      }

      // Locals, not the closure's variables, in the loop that runs on every slider move.
      const dimW = weights.dimension;
      const { index, coverage, confidence } = out;
      const unitPattern = pattern;
      const patternCov = patternCoverage;
      const patternConf = patternConfidence;
      const dimScored = scored;
      const terms = indexTerm;
      for (let u = 0; u < n; u++) {
        const base = u * nDim;
        let indexSum = 0;
        let indexWeight = 0;
        for (let d = 0; d < nDim; d++) {
          if (dimScored[base + d] === 0) continue;
          const wd = dimW[d] as number;
          indexSum += wd * (terms[base + d] as number);
          indexWeight += wd;
        }
        index[u] = indexWeight > 0 ? meanOf(im, indexSum, indexWeight) : NaN;
        const p = unitPattern[u] as number;
        coverage[u] = patternCov[p] as number;
        confidence[u] = patternConf[p] as number;
      }
    },
  };
}

/** A row of 0/1 flags as a Map key: a bit mask when it fits in 30 bits, else the masks of 30 joined. */
function patternKey(flags: Uint8Array, from: number, k: number): number | string {
  let mask = 0;
  let key = '';
  for (let i = 0; i < k; i++) {
    if (i > 0 && i % 30 === 0) {
      key += `${mask},`;
      mask = 0;
    }
    mask |= (flags[from + i] as number) << (i % 30);
  }
  return k <= 30 ? mask : key + mask;
}
