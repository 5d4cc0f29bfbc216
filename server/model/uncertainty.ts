import type { AggregationMethod } from './aggregate.ts';
import type { GoalpostMode, IndicatorMatrix } from './indicator-matrix.ts';
import { matrixColumns, normaliseMatrix } from './indicator-matrix.ts';
import type { ModelDefinition } from './model-definition.ts';
import { ModelInputError } from './model-error.ts';
import type { Aggregations, NodeWeights, ScoreOptions } from './model-structure.ts';
import { modelStructure, resolveAggregations, resolveWeights } from './model-structure.ts';
import type { Random } from './random.ts';
import { mulberry32, randomInt } from './random.ts';
import { createComparableScratch, currentSystemMask, rankComparableInto } from './comparability.ts';
import { createScoreBuffers, scoreUnits } from './score-core.ts';
import { quantileSorted } from './statistics.ts';

// Monte Carlo uncertainty analysis of the ranks, as COINr's get_sensitivity(SA_type = "UA") does it
// (Becker, COINr; Saisana, Saltelli & Tarantola 2005, doi:10.1111/j.1467-985X.2005.00350.x; issue #3):
// R runs, each re-scoring every unit with
//  - every node weight (dimension, component, indicator) multiplied by an independent U(1 − j, 1 + j), j = 25%
//    (COINr get_noisy_weights: "deviate by ± NoiseFactor of their nominal values");
//  - the index aggregation and, independently, the dimension aggregation drawn from the alternatives
//    (arithmetic, geometric); components keep the model's aggregation;
//  - the normalisation drawn from the alternatives: the model's fixed goalposts, or min-max over the observed
//    range (COINr n_minmax);
// then ranking. Per unit: the median rank and the 5th–95th percentile band (interpolated as R's default
// quantile, type 7). Which units are scored does not depend on weights or normalisation, so
// a unit unscored in the nominal run has no band.

/** Options: the nominal scenario (weights, aggregation) and the perturbations around it. */
export interface MonteCarloOptions extends ScoreOptions {
  /** Runs R; default 1,000. */
  runs?: number;
  /** mulberry32 seed; default 1. */
  seed?: number;
  /** Half-width of the uniform weight jitter as a fraction; default 0.25 (±25%). */
  weightJitter?: number;
  /** Aggregations drawn for the index and dimension levels; default arithmetic and geometric. */
  aggregationAlternatives?: readonly AggregationMethod[];
  /** Normalisations drawn per run; default fixed goalposts and observed min-max. */
  normalisationAlternatives?: readonly GoalpostMode[];
  /**
   * The units ranked in the nominal scenario (UnitScore.ranked, comparability.ts): every run ranks these
   * only, so a band counts the same comparable units as the rank (issue #14). Default: the current-system
   * hromadas (the confidence threshold is not applied, as runs do not compute confidence).
   */
  rankable?: readonly boolean[];
}

/** One unit's rank under uncertainty. Rank numbers: 1 = worst off, so rankP5 ≤ medianRank ≤ rankP95. */
export interface RankBand {
  pcode: string;
  /** The rank in the nominal scenario. */
  rank: number | null;
  medianRank: number | null;
  rankP5: number | null;
  rankP95: number | null;
}

export interface MonteCarloResult {
  runs: number;
  seed: number;
  weightJitter: number;
  aggregationAlternatives: AggregationMethod[];
  normalisationAlternatives: GoalpostMode[];
  units: RankBand[];
}

export function monteCarloRanks(
  definition: ModelDefinition,
  matrix: IndicatorMatrix,
  options: MonteCarloOptions = {},
): MonteCarloResult {
  const runs = options.runs ?? 1000;
  const seed = options.seed ?? 1;
  const jitter = options.weightJitter ?? 0.25;
  const aggregationAlternatives = [...(options.aggregationAlternatives ?? ['arithmetic', 'geometric'])];
  const normalisationAlternatives = [...(options.normalisationAlternatives ?? ['goalposts', 'observed'])];
  if (!Number.isInteger(runs) || runs < 1)
    throw new ModelInputError(`runs must be a positive integer, got ${runs}`);
  if (!(jitter >= 0 && jitter < 1))
    throw new ModelInputError(`weightJitter must be in [0, 1), got ${jitter}`);
  if (aggregationAlternatives.length === 0 || normalisationAlternatives.length === 0) {
    throw new ModelInputError('aggregationAlternatives and normalisationAlternatives must not be empty');
  }
  for (const m of aggregationAlternatives) resolveAggregations(definition, { index: m });
  for (const m of normalisationAlternatives) {
    if (m !== 'goalposts' && m !== 'observed') {
      throw new ModelInputError(
        `normalisation alternative must be goalposts or observed, got ${JSON.stringify(m)}`,
      );
    }
  }

  const structure = modelStructure(definition);
  const base = resolveWeights(structure, options.weights, options.useProxies ?? true);
  const baseAggregation = resolveAggregations(definition, options.aggregation);
  const columns = matrixColumns(structure, matrix);
  const n = matrix.units.length;
  const min = definition.minComponentCoverage;
  const normalised = new Map<GoalpostMode, Float64Array>();
  for (const mode of new Set<GoalpostMode>(['goalposts', ...normalisationAlternatives])) {
    normalised.set(mode, normaliseMatrix(structure, columns, n, mode));
  }

  // Buffers reused by every run: the scores, one rank vector, the sort scratch, all runs' ranks unit-major.
  const buffers = createScoreBuffers(structure, n);
  const rankRun = new Int32Array(n);
  const sortScratch = createComparableScratch(n);
  const rankable = options.rankable
    ? Uint8Array.from(options.rankable, (r) => (r ? 1 : 0))
    : currentSystemMask(matrix.units);
  if (rankable.length !== n) {
    throw new ModelInputError(`rankable has ${rankable.length} entries for ${n} units`);
  }
  const ranks = new Int32Array(n * runs);

  scoreUnits(
    structure,
    base,
    baseAggregation,
    min,
    normalised.get('goalposts') as Float64Array,
    n,
    null,
    buffers,
  );
  const nominal = new Int32Array(n);
  rankComparableInto(buffers.index, null, rankable, 0, nominal, sortScratch);

  const random = mulberry32(seed);
  const weights: NodeWeights = {
    indicator: new Float64Array(base.indicator.length),
    component: new Float64Array(base.component.length),
    dimension: new Float64Array(base.dimension.length),
  };
  const aggregation: Aggregations = { ...baseAggregation };
  for (let r = 0; r < runs; r++) {
    jitterInto(base.dimension, weights.dimension, jitter, random);
    jitterInto(base.component, weights.component, jitter, random);
    jitterInto(base.indicator, weights.indicator, jitter, random);
    aggregation.index = aggregationAlternatives[
      randomInt(random, aggregationAlternatives.length)
    ] as AggregationMethod;
    aggregation.dimension = aggregationAlternatives[
      randomInt(random, aggregationAlternatives.length)
    ] as AggregationMethod;
    const mode = normalisationAlternatives[
      randomInt(random, normalisationAlternatives.length)
    ] as GoalpostMode;
    scoreUnits(structure, weights, aggregation, min, normalised.get(mode) as Float64Array, n, null, buffers);
    rankComparableInto(buffers.index, null, rankable, 0, rankRun, sortScratch);
    for (let u = 0; u < n; u++) ranks[u * runs + r] = rankRun[u] as number;
  }

  const units: RankBand[] = new Array(n);
  for (let u = 0; u < n; u++) {
    const pcode = matrix.units[u] as string;
    if (nominal[u] === 0) {
      units[u] = { pcode, rank: null, medianRank: null, rankP5: null, rankP95: null };
      continue;
    }
    const own = ranks.subarray(u * runs, (u + 1) * runs).sort();
    units[u] = {
      pcode,
      rank: nominal[u] as number,
      medianRank: quantileSorted(own, 0.5),
      rankP5: quantileSorted(own, 0.05),
      rankP95: quantileSorted(own, 0.95),
    };
  }
  return { runs, seed, weightJitter: jitter, aggregationAlternatives, normalisationAlternatives, units };
}

// A switched-off node (weight 0) stays off: jitter perturbs the scenario, it does not change the model.
function jitterInto(from: Float64Array, to: Float64Array, jitter: number, random: Random): void {
  for (let i = 0; i < from.length; i++) to[i] = (from[i] as number) * (1 + jitter * (2 * random() - 1));
}
