import type { IndicatorMatrix } from './indicator-matrix.ts';
import { ModelInputError } from './model-error.ts';
import { columnAgeFactors, matrixColumns, normaliseMatrix, precisionFactors } from './indicator-matrix.ts';
import type { ModelDefinition } from './model-definition.ts';
import type { Aggregations, ModelStructure, NodeWeights, ScoreOptions } from './model-structure.ts';
import { modelStructure, resolveAggregations, resolveWeights, weightsById } from './model-structure.ts';
import {
  createComparableScratch,
  currentSystemMask,
  rankComparableInto,
  unrankedReasonOf,
  type UnrankedReason,
} from './comparability.ts';
import type { ScoreBuffers } from './score-core.ts';
import { componentNeeds, componentOn } from './score-core.ts';
import { createMemoScorer } from './score-memo.ts';

// scoreModel: the public face of score-core.ts (formulas and sources there), plus classes, ranks and the
// reason a unit could not be scored. It runs in the browser on every weight-slider move: createScorer checks
// and normalises the data once, after which each re-score aggregates only what the new weights change
// (score-memo.ts), ranks and builds the results (typed-array buffers reused, one result object per unit).

/** Class 1 (lowest) … 5 (highest) from the model's four thresholds. */
export type ScoreClass = 1 | 2 | 3 | 4 | 5;

/** One unit's result. Scores are 0–10, higher = worse; rank 1 = highest score. */
export interface UnitScore {
  pcode: string;
  score: number | null;
  class: ScoreClass | null;
  /**
   * Standard competition rank (ties share a rank: 1, 2, 2, 4) among the comparable units only
   * (comparability.ts); null when the unit is not ranked.
   */
  rank: number | null;
  /** Whether the unit is compared with the others (rank, quantile classes, "top N"). */
  ranked: boolean;
  /** Why it is not ranked; null when it is. */
  unrankedReason: UnrankedReason | null;
  /** coverage × age factor × precision factor of the values used, 0–1 (see score-core.ts). */
  confidence: number;
  /** Share of the model's indicator weight present and used in the score, 0–1. */
  coverage: number;
  dimensions: Record<string, number | null>;
  components: Record<string, number | null>;
  /** The components scored from proxies instead of their own indicators (score-core.ts), in model order. */
  proxyComponents: string[];
  /** Why there is no score, e.g. "no dimension could be scored: pressure has 1 of 5 indicators …"; else null. */
  unscoredReason: string | null;
}

/** A scoring run: the settings it used (for stamping exports) and one result per unit, in matrix order. */
export interface ScoreResult {
  modelId: string;
  modelVersion: string;
  aggregation: Aggregations;
  weights: Record<string, number>;
  /** The confidence a unit needed to be ranked, and how many were: the "of N" of every rank. */
  minConfidence: number;
  rankedCount: number;
  units: UnitScore[];
}

/**
 * The index, rank and confidence of every unit, in matrix order, as typed arrays: what a map needs on each
 * slider move, without building one object per unit (issue #5, B6). NaN index and rank 0 mean unscored.
 */
export interface ScoreColumns {
  index: Float64Array;
  rank: Int32Array;
  confidence: Float64Array;
}

/** Re-scores one matrix under any scenario; the matrix is read, checked and normalised once, at creation. */
export interface Scorer {
  readonly units: readonly string[];
  score(options?: ScoreOptions): ScoreResult;
  /** The same scores as `score` gives, as columns (fresh arrays, safe to keep). */
  scoreColumns(options?: ScoreOptions): ScoreColumns;
}

/**
 * A scorer for `matrix` (one raw column per indicator node) under `definition`. Throws ModelInputError when
 * the matrix does not fit the model; `score` throws it for unknown weight ids or bad weights.
 */
export function createScorer(definition: ModelDefinition, matrix: IndicatorMatrix): Scorer {
  const structure = modelStructure(definition);
  const columns = matrixColumns(structure, matrix);
  const units = [...matrix.units];
  const n = units.length;
  const normalised = normaliseMatrix(structure, columns, n);
  const ages = columnAgeFactors(structure, columns);
  const precision = precisionFactors(structure, columns, n);
  const memo = createMemoScorer(structure, normalised, n, ages, definition.minComponentCoverage, precision);
  const out = memo.out;
  const ranks = new Int32Array(n);
  const rankScratch = createComparableScratch(n);
  const current = currentSystemMask(units);
  const run = (options: ScoreOptions) => {
    const weights = resolveWeights(structure, options.weights, options.useProxies ?? true);
    const aggregation = resolveAggregations(definition, options.aggregation);
    const minConfidence = options.minConfidence ?? definition.confidence.minForRanking;
    if (!(minConfidence >= 0 && minConfidence <= 1)) {
      throw new ModelInputError(`minConfidence must be from 0 to 1, got ${String(minConfidence)}`);
    }
    memo.run(weights, aggregation);
    const rankedCount = rankComparableInto(
      out.index,
      out.confidence,
      current,
      minConfidence,
      ranks,
      rankScratch,
    );
    return { weights, aggregation, minConfidence, rankedCount };
  };
  return {
    units,
    scoreColumns(options: ScoreOptions = {}): ScoreColumns {
      run(options);
      return { index: out.index.slice(), rank: ranks.slice(), confidence: out.confidence.slice() };
    },
    score(options: ScoreOptions = {}): ScoreResult {
      const { weights, aggregation, minConfidence, rankedCount } = run(options);
      return {
        modelId: definition.id,
        modelVersion: definition.version,
        aggregation,
        weights: weightsById(structure, weights),
        minConfidence,
        rankedCount,
        units: unitResults(structure, weights, normalised, out, ranks, units, minConfidence),
      };
    },
  };
}

/**
 * Scores every unit of `matrix` with `definition`, optionally under scenario weights and aggregations
 * (createScorer(definition, matrix).score(options); keep the scorer to re-score the same data).
 */
export function scoreModel(
  definition: ModelDefinition,
  matrix: IndicatorMatrix,
  options: ScoreOptions = {},
): ScoreResult {
  return createScorer(definition, matrix).score(options);
}

function unitResults(
  structure: ModelStructure,
  weights: NodeWeights,
  normalised: Float64Array,
  out: ScoreBuffers,
  ranks: Int32Array,
  pcodes: readonly string[],
  minConfidence: number,
): UnitScore[] {
  const n = pcodes.length;
  const nDim = structure.dimensionIds.length;
  const nComp = structure.componentIds.length;
  const thresholds = structure.definition.classes.thresholds;
  // Copying a template gives every unit's records one shared shape: much cheaper than adding keys one by one.
  const dimensionTemplate = Object.fromEntries(structure.dimensionIds.map((id) => [id, null]));
  const componentTemplate = Object.fromEntries(structure.componentIds.map((id) => [id, null]));
  const units: UnitScore[] = new Array(n);
  for (let u = 0; u < n; u++) {
    const s = out.index[u] as number;
    const scored = s === s;
    const dimensions: Record<string, number | null> = { ...dimensionTemplate };
    for (let d = 0; d < nDim; d++) {
      dimensions[structure.dimensionIds[d] as string] = nullable(out.dimension[u * nDim + d]);
    }
    const components: Record<string, number | null> = { ...componentTemplate };
    const proxyComponents: string[] = [];
    for (let c = 0; c < nComp; c++) {
      const id = structure.componentIds[c] as string;
      components[id] = nullable(out.component[u * nComp + c]);
      if (out.proxy[u * nComp + c] === 1) proxyComponents.push(id);
    }
    units[u] = {
      pcode: pcodes[u] as string,
      score: scored ? s : null,
      class: scored ? classOf(s, thresholds) : null,
      rank: ranks[u] === 0 ? null : (ranks[u] as number),
      ranked: ranks[u] !== 0,
      unrankedReason:
        ranks[u] === 0
          ? (unrankedReasonOf(pcodes[u] as string, s, out.confidence[u] as number, minConfidence) ??
            'low_confidence')
          : null,
      confidence: out.confidence[u] as number,
      coverage: out.coverage[u] as number,
      dimensions,
      components,
      proxyComponents,
      unscoredReason: scored ? null : unscoredReason(structure, weights, normalised, u),
    };
  }
  return units;
}

function nullable(x: number | undefined): number | null {
  return x === undefined || x !== x ? null : x;
}

/**
 * The class of a score: 1 below t1, k from t(k−1) up to but excluding t(k), 5 from t4 (a score on a threshold
 * belongs to the higher class, as INFORM's class ranges such as 5.0–6.4 "High" do).
 */
export function classOf(score: number, thresholds: readonly [number, number, number, number]): ScoreClass {
  if (score < thresholds[0]) return 1;
  if (score < thresholds[1]) return 2;
  if (score < thresholds[2]) return 3;
  if (score < thresholds[3]) return 4;
  return 5;
}

// Only a unit with no scored component at all is unscored (one scored component scores its dimension and the
// index), so the reason counts, per switched-on dimension, the indicators present against those switched on.
// The web client reads this fixed form back to write it in Ukrainian (web/src/lib/i18n/messages-unscored.ts):
// change both together.
function unscoredReason(
  structure: ModelStructure,
  weights: NodeWeights,
  normalised: Float64Array,
  u: number,
): string {
  const k = structure.indicators.length;
  const need = componentNeeds(structure, weights, structure.definition.minComponentCoverage);
  const parts: string[] = [];
  for (let d = 0; d < structure.dimensionIds.length; d++) {
    let present = 0;
    let total = 0;
    const cEnd = structure.dimensionStart[d + 1] as number;
    for (let c = structure.dimensionStart[d] as number; c < cEnd; c++) {
      if (!componentOn(need, c)) continue;
      const iEnd = structure.componentStart[c + 1] as number;
      for (let i = structure.componentStart[c] as number; i < iEnd; i++) {
        if (!((weights.indicator[i] as number) > 0)) continue;
        total++;
        const x = normalised[u * k + i] as number;
        if (x === x) present++;
      }
    }
    if (total > 0) parts.push(`${structure.dimensionIds[d]} has ${present} of ${total} indicators`);
  }
  const pct = Math.round(structure.definition.minComponentCoverage * 100);
  return `no dimension could be scored: ${parts.join(', ')} (a component needs at least ${pct}% of its indicators)`;
}
