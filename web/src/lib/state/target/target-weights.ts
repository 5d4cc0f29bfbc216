// The weight sliders' model: the dimensions and components of a model definition with their default weights,
// the user's overrides (only the nodes moved off their default, as the URL and a saved scenario keep them),
// and each node's share of its level. Pure functions; the scorer (server/model) does the arithmetic.

import type { ModelDefinition } from '../../../../../server/model/model-definition.ts';
import { MAX_WEIGHT } from './target-params.ts';

/** The range of a slider: 0 switches a dimension or component off (the model renormalises over the rest). */
export const WEIGHT_MIN = 0;
export const WEIGHT_MAX = 5;
export const WEIGHT_STEP = 0.1;

export interface WeightNode {
  id: string;
  name: { uk: string; en: string };
  level: 'dimension' | 'component';
  defaultWeight: number;
  /** A dimension's components; empty for a component. */
  children: WeightNode[];
}

/** Dimensions with their components, in the definition's order. */
export function weightTree(definition: ModelDefinition): WeightNode[] {
  return definition.dimensions.map((d) => ({
    id: d.id,
    name: d.name,
    level: 'dimension',
    defaultWeight: d.weight,
    children: d.components.map((c) => ({
      id: c.id,
      name: c.name,
      level: 'component',
      defaultWeight: c.weight,
      children: [],
    })),
  }));
}

/** Every node id of the model (indicators too: a saved scenario may weight them) with its default weight. */
export function defaultWeights(definition: ModelDefinition): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of definition.dimensions) {
    out.set(d.id, d.weight);
    for (const c of d.components) {
      out.set(c.id, c.weight);
      for (const i of c.indicators) out.set(i.id, i.weight);
    }
  }
  return out;
}

export function weightOf(node: WeightNode, overrides: Readonly<Record<string, number>>): number {
  return overrides[node.id] ?? node.defaultWeight;
}

/** The node's weight as a share (0–1) of its level: of all dimensions, or of its dimension's components. */
export function shareOf(
  node: WeightNode,
  siblings: readonly WeightNode[],
  overrides: Readonly<Record<string, number>>,
): number {
  const total = siblings.reduce((s, n) => s + weightOf(n, overrides), 0);
  return total > 0 ? weightOf(node, overrides) / total : 0;
}

/** A slider's value on its steps and in its range (0.30000000000000004 is 0.3). */
export function roundWeight(w: number): number {
  const stepped = +(Math.round(w / WEIGHT_STEP) * WEIGHT_STEP).toFixed(2);
  return Math.min(WEIGHT_MAX, Math.max(WEIGHT_MIN, stepped));
}

/**
 * Overrides that only hold real changes: unknown ids (a scenario of an older model version) and weights equal
 * to the default are dropped, weights outside (0, MAX_WEIGHT] are dropped. Returns the kept overrides and the
 * ids that were unknown.
 */
export function normaliseOverrides(
  definition: ModelDefinition,
  overrides: Readonly<Record<string, number>>,
): { weights: Record<string, number>; unknown: string[] } {
  const defaults = defaultWeights(definition);
  const weights: Record<string, number> = {};
  const unknown: string[] = [];
  for (const [id, w] of Object.entries(overrides)) {
    const d = defaults.get(id);
    if (d === undefined) unknown.push(id);
    else if (Number.isFinite(w) && w >= 0 && w <= MAX_WEIGHT && w !== d) weights[id] = w;
  }
  return { weights, unknown };
}

/** The overrides with `id` set to `weight` (removed when that is its default). */
export function withWeight(
  overrides: Readonly<Record<string, number>>,
  node: WeightNode,
  weight: number,
): Record<string, number> {
  const next = { ...overrides };
  if (weight === node.defaultWeight) delete next[node.id];
  else next[node.id] = weight;
  return next;
}

export function sameWeights(
  a: Readonly<Record<string, number>>,
  b: Readonly<Record<string, number>>,
): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}
