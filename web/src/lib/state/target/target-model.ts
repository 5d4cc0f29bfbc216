// What the Target view keeps of the data it loads once: each model ready to re-score (definition → sliders,
// scorer, default scores, the periods of its inputs, the nodes without any data) and the facts about every
// hromada that the filters read. Pure functions over the API's answers.

import type { ModelDefinition } from '../../../../../server/model/model-definition.ts';
import type { Coverage } from '../../api/coverage.ts';
import type { ModelMatrix } from '../../api/target.ts';
import type { IndicatorValues } from '../../api/schema.ts';
import type { ModelId } from './target-params.ts';
import type { UnitFacts } from './target-ranking.ts';
import { createUniverseScorer, type ModelRun, type UniverseScorer } from './target-scoring.ts';
import { weightTree, type WeightNode } from './target-weights.ts';

/** One model, loaded once: its definition, the sliders' tree, its scorer and its scores under default weights. */
export interface LoadedModel {
  id: ModelId;
  version: string;
  name: { uk: string; en: string };
  /** The parsed definition: a scenario opened later has its weights normalised against it. */
  definition: ModelDefinition;
  tree: WeightNode[];
  scorer: UniverseScorer;
  defaults: ModelRun;
  /** The period of each input indicator (indicator id → period; null = no data), for the sources line. */
  periods: Map<string, string | null>;
  classes: { thresholds: number[]; labels: { uk: string; en: string }[] };
  /** The confidence a score needs to be ranked (server/model/comparability.ts, issue #14). */
  minForRanking: number;
  /** Dimensions and components none of whose indicators has a value: their weight changes nothing. */
  empty: ReadonlySet<string>;
}

export function loadedModel(
  id: ModelId,
  definition: ModelDefinition,
  matrix: ModelMatrix,
  universe: readonly string[],
): LoadedModel {
  const scorer = createUniverseScorer(definition, { units: matrix.units, columns: matrix.columns }, universe);
  const periods = new Map<string, string | null>();
  const empty = new Set<string>();
  const hasData = (nodeId: string) => matrix.columns[nodeId]?.values.some((v) => v !== null) ?? false;
  for (const d of definition.dimensions) {
    for (const c of d.components) {
      for (const i of c.indicators) periods.set(i.indicatorId, matrix.columns[i.id]?.period ?? null);
      if (!c.indicators.some((i) => hasData(i.id))) empty.add(c.id);
    }
    if (d.components.every((c) => empty.has(c.id))) empty.add(d.id);
  }
  return {
    id,
    version: definition.version,
    name: definition.name,
    definition,
    tree: weightTree(definition),
    scorer,
    defaults: scorer.run({}),
    periods,
    classes: { thresholds: [...definition.classes.thresholds], labels: definition.classes.labels },
    minForRanking: definition.confidence.minForRanking,
    empty,
  };
}

/** Every hromada of GET /api/coverage with what the filters read, the latest occupied share joined in. */
export function unitFacts(coverage: Coverage, occupied: IndicatorValues): UnitFacts[] {
  return coverage.units.map((u) => ({
    pcode: u.pcode,
    nameUk: u.nameUk,
    nameEn: u.nameEn,
    oblastPcode: u.oblastPcode,
    population: u.population,
    isCrimea: u.isCrimea,
    occupiedShare: occupied.values[u.pcode] ?? null,
    coverage: u.coverage,
    sectors: [...new Set(u.programmes.map((p) => p.sector))],
  }));
}
