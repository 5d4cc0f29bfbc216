import type { ModelDefinition } from '../model/model-definition.ts';
import type { IndicatorMatrix } from '../model/indicator-matrix.ts';
import { getisOrdGiStar, localMoran, type LocalMoranOptions, type GiStarOptions } from '../model/spatial.ts';
import {
  loadHighsSolver,
  solveTargeting,
  type HighsSolver,
  type TargetingProblem,
} from '../model/targeting.ts';
import { monteCarloRanks, type MonteCarloOptions } from '../model/uncertainty.ts';

let solver: Promise<HighsSolver> | undefined;

type Values = readonly (number | null)[];
type Graph = readonly (readonly number[])[];

/**
 * The model work that takes seconds of CPU (issue #15 item 2), as the pool's threads run it: pure functions of
 * structured-cloneable input. HiGHS is loaded once per thread.
 */
export const heavyTasks = {
  targeting: async (a: { problem: TargetingProblem; timeLimitSeconds: number }) =>
    solveTargeting(a.problem, {
      solver: await (solver ??= loadHighsSolver()),
      timeLimitSeconds: a.timeLimitSeconds,
    }),
  rankBands: (a: { model: ModelDefinition; matrix: IndicatorMatrix; options: MonteCarloOptions }) =>
    monteCarloRanks(a.model, a.matrix, a.options),
  lisa: (a: { values: Values; graph: Graph; options: LocalMoranOptions }) =>
    localMoran(a.values, a.graph, a.options),
  gi: (a: { values: Values; graph: Graph; options: GiStarOptions }) =>
    getisOrdGiStar(a.values, a.graph, a.options),
};

export type HeavyTasks = typeof heavyTasks;
