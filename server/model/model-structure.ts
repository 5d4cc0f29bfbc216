import type { AggregationMethod, IndicatorNode, ModelDefinition } from './model-definition.ts';
import { AggregationMethodSchema } from './model-definition.ts';
import { ModelInputError } from './model-error.ts';

// The model tree flattened into index ranges over plain arrays, so that scoring 1,469 units walks typed arrays
// instead of objects. Definition order is kept: the indicators of component c are the contiguous range
// [componentStart[c], componentStart[c + 1]), the components of dimension d likewise under dimensionStart.

/** The aggregation used at each level: components from indicators, dimensions from components, the index. */
export interface Aggregations {
  index: AggregationMethod;
  dimension: AggregationMethod;
  component: AggregationMethod;
}

/** Scenario options for scoring: weight overrides by node id, aggregation overrides by level. */
export interface ScoreOptions {
  /** Weight per dimension, component or indicator node id; ≥ 0, where 0 switches the node off. */
  weights?: Readonly<Record<string, number>>;
  aggregation?: Partial<Aggregations>;
}

export interface ModelStructure {
  readonly definition: ModelDefinition;
  readonly indicators: readonly IndicatorNode[];
  readonly componentIds: readonly string[];
  readonly dimensionIds: readonly string[];
  readonly componentStart: Int32Array;
  readonly dimensionStart: Int32Array;
}

/** Weights per node in structure order. */
export interface NodeWeights {
  indicator: Float64Array;
  component: Float64Array;
  dimension: Float64Array;
}

export function modelStructure(definition: ModelDefinition): ModelStructure {
  const indicators: IndicatorNode[] = [];
  const componentIds: string[] = [];
  const dimensionIds: string[] = [];
  const componentStart: number[] = [0];
  const dimensionStart: number[] = [0];
  for (const d of definition.dimensions) {
    dimensionIds.push(d.id);
    for (const c of d.components) {
      componentIds.push(c.id);
      indicators.push(...c.indicators);
      componentStart.push(indicators.length);
    }
    dimensionStart.push(componentIds.length);
  }
  return {
    definition,
    indicators,
    componentIds,
    dimensionIds,
    componentStart: Int32Array.from(componentStart),
    dimensionStart: Int32Array.from(dimensionStart),
  };
}

/**
 * The definition's weights with `overrides` applied. Unknown ids and weights that are negative or not finite
 * are errors; a weight of 0 switches a node (and everything under it) off, as a slider at zero would. At least
 * one indicator must stay switched on.
 */
export function resolveWeights(
  structure: ModelStructure,
  overrides: Readonly<Record<string, number>> = {},
): NodeWeights {
  const { definition } = structure;
  const indicator = new Float64Array(structure.indicators.length);
  const component = new Float64Array(structure.componentIds.length);
  const dimension = new Float64Array(structure.dimensionIds.length);
  const slot = new Map<string, [Float64Array, number]>();
  let c = 0;
  let i = 0;
  definition.dimensions.forEach((dim, d) => {
    dimension[d] = dim.weight;
    slot.set(dim.id, [dimension, d]);
    for (const comp of dim.components) {
      component[c] = comp.weight;
      slot.set(comp.id, [component, c]);
      c++;
      for (const ind of comp.indicators) {
        indicator[i] = ind.weight;
        slot.set(ind.id, [indicator, i]);
        i++;
      }
    }
  });
  const unknown = Object.keys(overrides).filter((id) => !slot.has(id));
  if (unknown.length > 0) {
    throw new ModelInputError(
      `unknown weight ${unknown.length === 1 ? 'id' : 'ids'} ${unknown.map((u) => `"${u}"`).join(', ')} ` +
        `for model ${definition.id}; its nodes are ${[...slot.keys()].join(', ')}`,
    );
  }
  for (const [id, w] of Object.entries(overrides)) {
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new ModelInputError(`weight of "${id}" must be a finite number ≥ 0, got ${String(w)}`);
    }
    const [array, index] = slot.get(id) as [Float64Array, number];
    array[index] = w;
  }
  const weights = { indicator, component, dimension };
  if (!anyIndicatorOn(structure, weights)) {
    throw new ModelInputError(
      `every indicator of model ${definition.id} is weighted 0: nothing left to score`,
    );
  }
  return weights;
}

function anyIndicatorOn(structure: ModelStructure, w: NodeWeights): boolean {
  for (let d = 0; d < structure.dimensionIds.length; d++) {
    if (!((w.dimension[d] as number) > 0)) continue;
    const cEnd = structure.dimensionStart[d + 1] as number;
    for (let c = structure.dimensionStart[d] as number; c < cEnd; c++) {
      if (!((w.component[c] as number) > 0)) continue;
      const iEnd = structure.componentStart[c + 1] as number;
      for (let i = structure.componentStart[c] as number; i < iEnd; i++) {
        if ((w.indicator[i] as number) > 0) return true;
      }
    }
  }
  return false;
}

/** Every node's weight by id, as used (for stamping results and exports). */
export function weightsById(structure: ModelStructure, w: NodeWeights): Record<string, number> {
  const out: Record<string, number> = {};
  structure.dimensionIds.forEach((id, d) => (out[id] = w.dimension[d] as number));
  structure.componentIds.forEach((id, c) => (out[id] = w.component[c] as number));
  structure.indicators.forEach((node, i) => (out[node.id] = w.indicator[i] as number));
  return out;
}

/** The definition's aggregations with overrides applied, each checked. */
export function resolveAggregations(
  definition: ModelDefinition,
  overrides: Partial<Aggregations> = {},
): Aggregations {
  const out: Aggregations = { ...definition.aggregation };
  for (const level of ['index', 'dimension', 'component'] as const) {
    const method = overrides[level];
    if (method === undefined) continue;
    if (!AggregationMethodSchema.safeParse(method).success) {
      throw new ModelInputError(
        `aggregation.${level} must be arithmetic, geometric or harmonic, got ${JSON.stringify(method)}`,
      );
    }
    out[level] = method;
  }
  for (const level of Object.keys(overrides)) {
    if (level !== 'index' && level !== 'dimension' && level !== 'component') {
      throw new ModelInputError(`unknown aggregation level "${level}" (index, dimension or component)`);
    }
  }
  return out;
}
