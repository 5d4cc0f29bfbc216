// Re-scoring in the browser (issue #4, with the shared model of issue #3): server/model's own scorer runs on
// the model's definition and raw matrix, so a weight slider gives exactly the server's scores. The results are
// laid out over one list of hromadas (the "universe", GET /api/coverage's order) as typed arrays, so that the
// priority π and the ranking read them without building objects.

import type { IndicatorMatrix } from '../../../../../server/model/indicator-matrix.ts';
import type { ModelDefinition } from '../../../../../server/model/model-definition.ts';
import { ModelInputError } from '../../../../../server/model/model-error.ts';
import { createScorer, type ScoreColumns, type Scorer } from '../../../../../server/model/score.ts';
import type { Priority } from '../../api/target.ts';
import type { ModelId } from './target-params.ts';

/** One model's scores over the universe; NaN = unscored. */
export interface ModelRun {
  score: Float64Array;
  confidence: Float64Array;
}

/** A model's scorer, checked and normalised once, that re-scores under any weights over the universe's order. */
export interface UniverseScorer {
  readonly definition: ModelDefinition;
  run(weights: Readonly<Record<string, number>>): ModelRun;
}

export function createUniverseScorer(
  definition: ModelDefinition,
  matrix: IndicatorMatrix,
  universe: readonly string[],
): UniverseScorer {
  const scorer: Scorer = createScorer(definition, matrix);
  const position = new Map(scorer.units.map((p, i) => [p, i]));
  // Where each hromada of the universe sits in the scorer's units (−1 when the model has no row for it).
  const at = Int32Array.from(universe, (p) => position.get(p) ?? -1);
  return {
    definition,
    run(weights) {
      const n = universe.length;
      const score = new Float64Array(n).fill(NaN);
      const confidence = new Float64Array(n);
      let result: ScoreColumns;
      try {
        result = scorer.scoreColumns({ weights });
      } catch (err) {
        // Every weight at 0 leaves nothing to score: no hromada has a score, rather than a broken view.
        if (err instanceof ModelInputError) return { score, confidence };
        throw err;
      }
      for (let u = 0; u < n; u++) {
        const r = at[u]!;
        if (r < 0) continue;
        score[u] = result.index[r]!;
        confidence[u] = result.confidence[r]!;
      }
      return { score, confidence };
    },
  };
}

/**
 * The priority the shortlist maximises, per hromada (server/features/targeting: π = CPI × Needs × (1 − coverage),
 * 0–100, docs/methodology.md "Coverage and gap"; or one index alone), and the confidence the minimum-confidence
 * filter reads (for π the lower of the two indices', as the server takes it).
 */
export function priorityRun(
  priority: Priority,
  runs: Partial<Record<ModelId, ModelRun>>,
  coverage: Float64Array,
): ModelRun | null {
  if (priority !== 'gap') return runs[priority] ?? null;
  const cpi = runs.cpi;
  const needs = runs.needs;
  if (!cpi || !needs) return null;
  const n = coverage.length;
  const score = new Float64Array(n);
  const confidence = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    // NaN (unscored) in either index leaves π unscored.
    score[u] = cpi.score[u]! * needs.score[u]! * (1 - coverage[u]!);
    confidence[u] = Math.min(cpi.confidence[u]!, needs.confidence[u]!);
  }
  return { score, confidence };
}
