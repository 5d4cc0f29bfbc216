import type { IndicatorMatrix } from './indicator-matrix.ts';
import type { ModelDefinition } from './model-definition.ts';
import type { NeighbourGraph } from './neighbour-graph.ts';
import { scoreModel } from './score.ts';
import { globalMoran } from './spatial.ts';

// What a model's proxy indicators add (issue #13, docs/methodology.md "Validating the proxies"): the
// figures npm run validate:proxies prints, computed live from the database's values. OECD/JRC (2008, steps 4
// and 7) ask a composite's builder to show each indicator's coverage, its correlations with the others and with
// what it should not merely restate (size, the other dimensions), and how the results move when it is added.

/** Spearman's rank correlation over the units where both values exist (average ranks for ties); null below 3. */
export function spearman(
  a: readonly (number | null)[],
  b: readonly (number | null)[],
): { rho: number | null; n: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let u = 0; u < a.length; u++) {
    const x = a[u];
    const y = b[u];
    if (x === null || x === undefined || y === null || y === undefined || x !== x || y !== y) continue;
    xs.push(x);
    ys.push(y);
  }
  const n = xs.length;
  if (n < 3) return { rho: null, n };
  const rx = averageRanks(xs);
  const ry = averageRanks(ys);
  const mx = rx.reduce((s, v) => s + v, 0) / n;
  const my = ry.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (rx[i] as number) - mx;
    const dy = (ry[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return { rho: sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null, n };
}

function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number));
  const ranks = new Array<number>(values.length);
  for (let s = 0; s < order.length;) {
    let e = s;
    while (e + 1 < order.length && values[order[e + 1] as number] === values[order[s] as number]) e++;
    const rank = (s + e) / 2 + 1;
    for (let k = s; k <= e; k++) ranks[order[k] as number] = rank;
    s = e + 1;
  }
  return ranks;
}

export interface ProxyValidation {
  units: number;
  /** Per proxy node: its component, the units with a value and the share of all units. */
  coverage: { node: string; component: string; present: number; share: number }[];
  /** Per component with proxies: the units where it is scored from them. */
  proxyScored: { component: string; units: number }[];
  /** Spearman's rho of every pair of proxies (raw values), with the units both have. */
  pairs: { a: string; b: string; rho: number | null; n: number }[];
  /** Spearman's rho of each proxy with population and with the pressure dimension's score. */
  against: {
    node: string;
    population: { rho: number | null; n: number };
    pressure: { rho: number | null; n: number };
  }[];
  /** The index with proxies on and off. */
  ranks: { scoredBoth: number; rho: number | null; medianAbsChange: number; movedOver100: number };
  moran: { on: number | null; off: number | null; social: number | null };
}

/**
 * The validation figures for `definition` (its proxy nodes flagged `proxy`) over `matrix`; `population` and
 * `neighbours` follow the matrix's units. `pressureDimension` is the dimension the proxies are compared with.
 */
export function validateProxies(
  definition: ModelDefinition,
  matrix: IndicatorMatrix,
  population: readonly (number | null)[],
  neighbours: NeighbourGraph,
  pressureDimension: string,
  socialDimension: string,
): ProxyValidation {
  const n = matrix.units.length;
  const proxies = definition.dimensions.flatMap((d) =>
    d.components.flatMap((c) =>
      c.indicators.filter((i) => i.proxy === true).map((i) => ({ node: i.id, component: c.id })),
    ),
  );
  const column = (id: string) => matrix.columns[id]?.values ?? [];
  const on = scoreModel(definition, matrix);
  const off = scoreModel(definition, matrix, { useProxies: false });
  const pressure = on.units.map((u) => u.dimensions[pressureDimension] ?? null);

  const coverage = proxies.map((p) => {
    const present = column(p.node).filter((v) => v !== null).length;
    return { ...p, present, share: present / n };
  });
  const components = [...new Set(proxies.map((p) => p.component))];
  const proxyScored = components.map((component) => ({
    component,
    units: on.units.filter((u) => u.proxyComponents.includes(component)).length,
  }));
  const pairs: ProxyValidation['pairs'] = [];
  for (let i = 0; i < proxies.length; i++) {
    for (let j = i + 1; j < proxies.length; j++) {
      const a = proxies[i]!.node;
      const b = proxies[j]!.node;
      pairs.push({ a, b, ...spearman(column(a), column(b)) });
    }
  }
  const against = proxies.map((p) => ({
    node: p.node,
    population: spearman(column(p.node), population),
    pressure: spearman(column(p.node), pressure),
  }));

  const changes: number[] = [];
  for (let u = 0; u < n; u++) {
    const a = on.units[u]!.rank;
    const b = off.units[u]!.rank;
    if (a !== null && b !== null) changes.push(Math.abs(a - b));
  }
  changes.sort((x, y) => x - y);
  const scores = (r: typeof on) => r.units.map((u) => u.score);
  return {
    units: n,
    coverage,
    proxyScored,
    pairs,
    against,
    ranks: {
      scoredBoth: changes.length,
      rho: spearman(scores(on), scores(off)).rho,
      medianAbsChange: changes.length > 0 ? (changes[Math.floor((changes.length - 1) / 2)] as number) : 0,
      movedOver100: changes.filter((c) => c > 100).length,
    },
    moran: {
      on: globalMoran(scores(on), neighbours)?.i ?? null,
      off: globalMoran(scores(off), neighbours)?.i ?? null,
      social:
        globalMoran(
          on.units.map((u) => u.dimensions[socialDimension] ?? null),
          neighbours,
        )?.i ?? null,
    },
  };
}
