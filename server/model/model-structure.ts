import type { AggregationMethod, IndicatorNode, ModelDefinition } from './model-definition.ts';
import { ModelInputError } from './model-error.ts';

/**
 * AggregationMethodSchema's values, checked without zod: this module is in the web client's first chunk, which
 * should not carry zod (issue #15, item 1); model-structure.test.ts keeps the two lists equal.
 */
export const AGGREGATION_METHODS: ReadonlySet<string> = new Set<AggregationMethod>([
  'arithmetic',
  'geometric',
  'harmonic',
]);

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
  /** false switches every proxy indicator off, as before proxies existed (issue #13); default true. */
  useProxies?: boolean;
  /**
   * The confidence a unit needs to be ranked (comparability.ts, issue #14); default: the model definition's
   * confidence.minForRanking.
   */
  minConfidence?: number;
}

export interface ModelStructure {
  readonly definition: ModelDefinition;
  readonly indicators: readonly IndicatorNode[];
  readonly componentIds: readonly string[];
  readonly dimensionIds: readonly string[];
  readonly componentStart: Int32Array;
  readonly dimensionStart: Int32Array;
  /** 1 for a proxy indicator (model-definition.ts), in structure order. */
  readonly proxy: Uint8Array;
  /** The definition's weights, in structure order (copied by resolveWeights, never changed). */
  readonly defaultWeights: NodeWeights;
  /** Each node id's level and index, in definition order (dimension, its components, their indicators). */
  readonly nodeSlots: ReadonlyMap<string, NodeSlot>;
}

/** Where a node's weight sits in NodeWeights. */
export interface NodeSlot {
  level: keyof NodeWeights;
  index: number;
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
  const nodeSlots = new Map<string, NodeSlot>();
  for (const d of definition.dimensions) {
    nodeSlots.set(d.id, { level: 'dimension', index: dimensionIds.length });
    dimensionIds.push(d.id);
    for (const c of d.components) {
      nodeSlots.set(c.id, { level: 'component', index: componentIds.length });
      componentIds.push(c.id);
      for (const i of c.indicators) {
        nodeSlots.set(i.id, { level: 'indicator', index: indicators.length });
        indicators.push(i);
      }
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
    proxy: Uint8Array.from(indicators, (i) => (i.proxy === true ? 1 : 0)),
    defaultWeights: {
      indicator: Float64Array.from(indicators, (i) => i.weight),
      component: Float64Array.from(definition.dimensions.flatMap((d) => d.components.map((c) => c.weight))),
      dimension: Float64Array.from(definition.dimensions, (d) => d.weight),
    },
    nodeSlots,
  };
}

/**
 * The definition's weights with `overrides` applied. Unknown ids and weights that are negative or not finite
 * are errors; a weight of 0 switches a node (and everything under it) off, as a slider at zero would. At least
 * one indicator must stay switched on. With `useProxies` false every proxy indicator is switched off too.
 */
export function resolveWeights(
  structure: ModelStructure,
  overrides: Readonly<Record<string, number>> = {},
  useProxies = true,
): NodeWeights {
  // Runs on every slider move (issue #5, B6): the slots and defaults were built once, with the structure.
  const { definition, nodeSlots, defaultWeights } = structure;
  const weights: NodeWeights = {
    indicator: defaultWeights.indicator.slice(),
    component: defaultWeights.component.slice(),
    dimension: defaultWeights.dimension.slice(),
  };
  const ids = Object.keys(overrides);
  const unknown = ids.filter((id) => !nodeSlots.has(id));
  if (unknown.length > 0) {
    throw new ModelInputError(
      `unknown weight ${unknown.length === 1 ? 'id' : 'ids'} ${unknown.map((u) => `"${u}"`).join(', ')} ` +
        `for model ${definition.id}; its nodes are ${[...nodeSlots.keys()].join(', ')}`,
    );
  }
  for (const id of ids) {
    const w = overrides[id];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new ModelInputError(`weight of "${id}" must be a finite number ≥ 0, got ${String(w)}`);
    }
    const slot = nodeSlots.get(id) as NodeSlot;
    weights[slot.level][slot.index] = w;
  }
  if (!useProxies) {
    structure.proxy.forEach((isProxy, i) => {
      if (isProxy === 1) weights.indicator[i] = 0;
    });
  }
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
    if (!AGGREGATION_METHODS.has(method)) {
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
