// The index tree of one hromada's profile (issue #14, item 3): index → dimensions → components, each with its
// 0–10 value, the share of its inputs that have no data here, and whether a component is scored from open-data
// proxies or from a field assessment (issue #13; docs/methodology.md "Proxies" and "Confidence").
// Pure: the profile and the scores API give the values, the model definition the structure and the names.

import type { Bilingual, ComponentTrend } from '../api/index.ts';

/** The parts of a model definition (GET /api/models/{id}) the tree reads. */
export interface TreeModel {
  name: Bilingual;
  dimensions: readonly {
    id: string;
    name: Bilingual;
    components: readonly {
      id: string;
      name: Bilingual;
      indicators: readonly { indicatorId: string; proxy?: boolean | undefined }[];
    }[];
  }[];
}

/** One unit's row of the full scores (GET /api/models/{id}/scores, fields=full). */
export interface TreeScores {
  score: number | null;
  dimensions: Record<string, number | null>;
  components: Record<string, number | null>;
  proxyComponents: readonly string[];
}

/** The newest usable assessment of a component: its score and 95 % interval (null: none computed). */
export interface Assessed {
  date: string;
  score: number;
  ciLow: number | null;
  ciHigh: number | null;
}

export interface TreeNode {
  id: string;
  kind: 'index' | 'dimension' | 'component';
  name: Bilingual;
  /** 0–10; null: no data. */
  value: number | null;
  /** Inputs counted for this node and how many of them have no data here. */
  inputs: number;
  missingInputs: number;
  /** missingInputs / inputs (1 when the node has no value at all). */
  missing: number;
  /** A component scored from open-data proxies, having no assessment here. */
  proxy: boolean;
  assessed: Assessed | null;
  children: TreeNode[];
}

/** The newest round of a component's trend with a score (an insufficient round gives no score). */
export function latestAssessed(trend: ComponentTrend | undefined): Assessed | null {
  if (!trend) return null;
  for (let i = trend.points.length - 1; i >= 0; i--) {
    const p = trend.points[i]!;
    if (p.score !== null && !p.insufficient)
      return { date: p.date, score: p.score, ciLow: p.ciLow, ciHigh: p.ciHigh };
  }
  return null;
}

/**
 * Builds the tree. `hasValue(indicatorId)`: whether the hromada has any value of that indicator.
 * Inputs counted per component: its own (non-proxy) indicators, and its proxy indicators only when the
 * component is scored from them — a proxy stands in for a missing assessment, it is not a gap when the
 * assessment is there (model-definition.ts, `proxy`). An assessed component counts as complete: the
 * assessment scores the whole component. Dimensions and the index pool their components' inputs, so a
 * dimension's share says how much of what it is built on is missing here.
 */
export function buildIndexTree(
  model: TreeModel,
  row: TreeScores,
  opts: { hasValue: (indicatorId: string) => boolean; trends: readonly ComponentTrend[] },
): TreeNode {
  const proxies = new Set(row.proxyComponents);
  const trends = new Map(opts.trends.map((t) => [t.component as string, t]));
  const node = (n: Omit<TreeNode, 'missing'>): TreeNode => ({
    ...n,
    missing: n.value === null ? 1 : n.inputs === 0 ? 0 : n.missingInputs / n.inputs,
  });

  const dimensions = model.dimensions.map((d) => {
    const components = d.components.map((c) => {
      const value = row.components[c.id] ?? null;
      const proxy = value !== null && proxies.has(c.id);
      const assessment = value !== null && !proxy ? latestAssessed(trends.get(c.id)) : null;
      const counted = c.indicators.filter((i) => !i.proxy || proxy);
      const missingInputs =
        value === null
          ? counted.length
          : assessment
            ? 0
            : counted.filter((i) => !opts.hasValue(i.indicatorId)).length;
      return node({
        id: c.id,
        kind: 'component',
        name: c.name,
        value,
        inputs: counted.length,
        missingInputs,
        proxy,
        assessed: assessment,
        children: [],
      });
    });
    return node({
      id: d.id,
      kind: 'dimension',
      name: d.name,
      value: row.dimensions[d.id] ?? null,
      inputs: sum(components, 'inputs'),
      missingInputs: sum(components, 'missingInputs'),
      proxy: false,
      assessed: null,
      children: components,
    });
  });
  return node({
    id: 'index',
    kind: 'index',
    name: model.name,
    value: row.score,
    inputs: sum(dimensions, 'inputs'),
    missingInputs: sum(dimensions, 'missingInputs'),
    proxy: false,
    assessed: null,
    children: dimensions,
  });
}

function sum(nodes: TreeNode[], key: 'inputs' | 'missingInputs'): number {
  return nodes.reduce((s, n) => s + n[key], 0);
}
