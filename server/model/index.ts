// The methodology engine of issue #3: pure math, no Node APIs, importable by the web client so that a weight
// slider re-scores in the browser exactly as the server does.

export { ModelInputError } from './model-error.ts';
export {
  AggregationMethodSchema,
  ModelDefinitionSchema,
  modelNodeIds,
  parseModelDefinition,
} from './model-definition.ts';
export type {
  AggregationMethod,
  ComponentNode,
  ConfidenceSettings,
  DimensionNode,
  Direction,
  Goalposts,
  IndicatorNode,
  ModelDefinition,
  ModelDefinitionInput,
  Transform,
} from './model-definition.ts';
export { normaliseColumn, normaliseValue, observedGoalposts, transformValue } from './normalise.ts';
export type { NormalisationSpec } from './normalise.ts';
export { aggregate, aggregationMean, aggregationTerm } from './aggregate.ts';
export { ageFactor, ageInYears, periodStart } from './confidence.ts';
export type { GoalpostMode, IndicatorColumn, IndicatorMatrix } from './indicator-matrix.ts';
export type { Aggregations, ScoreOptions } from './model-structure.ts';
export { classOf, createScorer, scoreModel } from './score.ts';
export type { ScoreClass, ScoreColumns, ScoreResult, Scorer, UnitScore } from './score.ts';
export { compareRanks, competitionRanks } from './ranking.ts';
export type { RankChange } from './ranking.ts';
export { checkNeighbourGraph } from './neighbour-graph.ts';
export type { NeighbourGraph } from './neighbour-graph.ts';
export { getisOrdGiStar, globalMoran, localMoran, lowHighWatchList, spatialLag } from './spatial.ts';
export type {
  GiStarOptions,
  GiStarResult,
  GiStarUnit,
  GlobalMoran,
  HotspotClass,
  LisaCluster,
  LocalMoranOptions,
  LocalMoranResult,
  LocalMoranUnit,
  MoranTest,
} from './spatial.ts';
export { benjaminiHochberg, normalTwoSidedP, quantileSorted } from './statistics.ts';
export { mulberry32 } from './random.ts';
export type { Random } from './random.ts';
export { monteCarloRanks } from './uncertainty.ts';
export type { MonteCarloOptions, MonteCarloResult, RankBand } from './uncertainty.ts';
export { greedyFallback, greedyPreview, loadHighsSolver, lpModel, solveTargeting } from './targeting.ts';
export type {
  BindingConstraint,
  GreedyPreviewResult,
  GroupQuota,
  HighsSolver,
  Infeasible,
  SelectionReason,
  SolveOptions,
  TargetingCandidate,
  TargetingProblem,
  TargetingResult,
  TargetingSelection,
} from './targeting.ts';
