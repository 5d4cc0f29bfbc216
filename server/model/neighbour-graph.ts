import { ModelInputError } from './model-error.ts';

// The neighbour graph the spatial statistics run on: adjacency lists by unit index (the queen neighbours of
// issue #2), symmetric. Units with a missing value are left out with their edges, and units left without
// neighbours (isolates) are left out too: a spatial statistic says nothing about a unit with no neighbours.

/** Adjacency lists by unit index: neighbours[i] lists the indices of i's neighbours. Must be symmetric. */
export type NeighbourGraph = readonly (readonly number[])[];

/** The units analysed, renumbered 0…n−1, in compressed sparse row form. */
export interface AnalysisGraph {
  /** Original index of each analysed unit. */
  readonly unit: Int32Array;
  /** Position of each original unit among the analysed, or −1 when left out. */
  readonly position: Int32Array;
  /** Neighbours of analysed unit p are adjacency[start[p]] … adjacency[start[p + 1] − 1] (positions). */
  readonly start: Int32Array;
  readonly adjacency: Int32Array;
  /** The value of each analysed unit. */
  readonly x: Float64Array;
}

/**
 * Throws ModelInputError unless `neighbours` is a symmetric graph without self-loops over `n` units. Linear in
 * the number of edges: per-unit stamps instead of a set of i·n + j keys, which above ~46k units leave the small
 * integer range and made the check (and Gi*, LISA) grow faster than the graph (bench B12, issue #15).
 */
export function checkNeighbourGraph(neighbours: NeighbourGraph, n: number): void {
  if (neighbours.length !== n) {
    throw new ModelInputError(`neighbour graph has ${neighbours.length} adjacency lists for ${n} units`);
  }
  const stamp = new Int32Array(n).fill(-1);
  // In-edges by unit (compressed sparse rows): who lists j.
  const inStart = new Int32Array(n + 1);
  neighbours.forEach((list, i) => {
    for (const j of list) {
      if (!Number.isInteger(j) || j < 0 || j >= n)
        throw new ModelInputError(`unit ${i}: neighbour ${j} out of range`);
      if (j === i) throw new ModelInputError(`unit ${i} lists itself as a neighbour`);
      if (stamp[j] === i) throw new ModelInputError(`unit ${i} lists neighbour ${j} twice`);
      stamp[j] = i;
      inStart[j + 1]!++;
    }
  });
  for (let j = 0; j < n; j++) inStart[j + 1]! += inStart[j]!;
  const fill = inStart.slice(0, n);
  const listedBy = new Int32Array(inStart[n]!);
  neighbours.forEach((list, i) => {
    for (const j of list) listedBy[fill[j]!++] = i;
  });
  stamp.fill(-1);
  for (let j = 0; j < n; j++) {
    for (const k of neighbours[j]!) stamp[k] = j;
    for (let e = inStart[j]!; e < inStart[j + 1]!; e++) {
      const i = listedBy[e]!;
      if (stamp[i] !== j) {
        throw new ModelInputError(
          `neighbour graph is not symmetric: ${j} is a neighbour of ${i} but not vice versa`,
        );
      }
    }
  }
}

function present(x: number | null | undefined): x is number {
  return x !== null && x !== undefined && Number.isFinite(x);
}

/** The analysis graph over units with a value and at least one neighbour with a value. */
export function analysisGraph(values: readonly (number | null)[], neighbours: NeighbourGraph): AnalysisGraph {
  const n = values.length;
  checkNeighbourGraph(neighbours, n);
  const position = new Int32Array(n).fill(-1);
  const unit: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!present(values[i])) continue;
    const list = neighbours[i] as readonly number[];
    if (list.some((j) => present(values[j]))) {
      position[i] = unit.length;
      unit.push(i);
    }
  }
  const start = new Int32Array(unit.length + 1);
  const adjacency: number[] = [];
  unit.forEach((i, p) => {
    for (const j of neighbours[i] as readonly number[]) {
      const q = position[j] as number;
      if (q >= 0) adjacency.push(q);
    }
    start[p + 1] = adjacency.length;
  });
  return {
    unit: Int32Array.from(unit),
    position,
    start,
    adjacency: Int32Array.from(adjacency),
    x: Float64Array.from(unit, (i) => values[i] as number),
  };
}
