import { ModelInputError } from './model-error.ts';
import type { AnalysisGraph, NeighbourGraph } from './neighbour-graph.ts';
import { analysisGraph } from './neighbour-graph.ts';
import { mulberry32 } from './random.ts';
import { benjaminiHochberg, normalTwoSidedP } from './statistics.ts';

// Spatial statistics over the queen-neighbour graph (issue #3): spatial lag, global and local Moran's I,
// Getis-Ord Gi*, with false-discovery-rate control. Units with a missing value are excluded with their edges,
// isolates get null (neighbour-graph.ts). Moran statistics use row-standardised weights wᵢⱼ = 1/kᵢ;
// Gi* uses binary weights including the unit itself, as Ord & Getis (1995) define it.

/** Mean of the neighbours' values (row-standardised lag); null for missing units and isolates. */
export function spatialLag(
  values: readonly (number | null)[],
  neighbours: NeighbourGraph,
): (number | null)[] {
  const g = analysisGraph(values, neighbours);
  const out: (number | null)[] = values.map(() => null);
  for (let p = 0; p < g.unit.length; p++) out[g.unit[p] as number] = lagAt(g, g.x, p);
  return out;
}

function lagAt(g: AnalysisGraph, x: Float64Array, p: number): number {
  const from = g.start[p] as number;
  const to = g.start[p + 1] as number;
  let sum = 0;
  for (let e = from; e < to; e++) sum += x[g.adjacency[e] as number] as number;
  return sum / (to - from);
}

/** A z-test of Moran's I under one null hypothesis. */
export interface MoranTest {
  variance: number;
  z: number;
  /** Two-sided normal p-value. */
  p: number;
}

export interface GlobalMoran {
  /** Moran's I = (n / S₀) · Σᵢ Σⱼ wᵢⱼ zᵢ zⱼ / Σᵢ zᵢ², z = deviations from the mean. */
  i: number;
  /** E[I] = −1 / (n − 1) under no spatial autocorrelation. */
  expected: number;
  /** Units analysed (with a value and at least one neighbour with a value). */
  n: number;
  /** Variance under the normality assumption (Cliff & Ord 1981). */
  normality: MoranTest;
  /** Variance under randomisation, i.e. over all permutations of the values (Cliff & Ord 1981). */
  randomisation: MoranTest;
}

/**
 * Global Moran's I (Moran 1950) with row-standardised weights and the analytical moments of Cliff & Ord
 * (1981, "Spatial Processes", eqs. 1.35–1.36), as PySAL esda reports them. Null when fewer than 4 units can be
 * analysed (the randomisation variance needs n > 3) or the values do not vary.
 */
export function globalMoran(
  values: readonly (number | null)[],
  neighbours: NeighbourGraph,
): GlobalMoran | null {
  const g = analysisGraph(values, neighbours);
  const n = g.unit.length;
  if (n < 4) return null;
  const z = deviations(g.x);
  let m2 = 0;
  let m4 = 0;
  for (const v of z) {
    m2 += v * v;
    m4 += v * v * v * v;
  }
  if (!(m2 > 0)) return null;

  // Row-standardised: S₀ = n. S₁ = ½ Σᵢⱼ (wᵢⱼ + wⱼᵢ)², S₂ = Σᵢ (wᵢ. + w.ᵢ)² (row sums are 1).
  const colSum = new Float64Array(n);
  let cross = 0;
  let s1 = 0;
  for (let p = 0; p < n; p++) {
    const k = (g.start[p + 1] as number) - (g.start[p] as number);
    let lag = 0;
    for (let e = g.start[p] as number; e < (g.start[p + 1] as number); e++) {
      const q = g.adjacency[e] as number;
      const kq = (g.start[q + 1] as number) - (g.start[q] as number);
      lag += z[q] as number;
      colSum[q] = (colSum[q] as number) + 1 / k;
      s1 += (1 / k + 1 / kq) ** 2; // every ordered pair (p, q) with an edge
    }
    cross += ((z[p] as number) * lag) / k;
  }
  s1 /= 2;
  let s2 = 0;
  for (let p = 0; p < n; p++) s2 += (1 + (colSum[p] as number)) ** 2;
  const s0 = n;
  const i = (n / s0) * (cross / m2);
  const expected = -1 / (n - 1);

  const varNorm = (n * n * s1 - n * s2 + 3 * s0 * s0) / ((n * n - 1) * s0 * s0) - expected * expected;
  const kurtosis = (n * m4) / (m2 * m2);
  const varRand =
    (n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0) -
      kurtosis * ((n * n - n) * s1 - 2 * n * s2 + 6 * s0 * s0)) /
      ((n - 1) * (n - 2) * (n - 3) * s0 * s0) -
    expected * expected;
  return { i, expected, n, normality: test(i, expected, varNorm), randomisation: test(i, expected, varRand) };
}

function checkAlpha(alpha = 0.05): number {
  if (!(alpha > 0 && alpha < 1)) throw new ModelInputError(`alpha must be between 0 and 1, got ${alpha}`);
  return alpha;
}

function test(i: number, expected: number, variance: number): MoranTest {
  const z = (i - expected) / Math.sqrt(variance);
  return { variance, z, p: normalTwoSidedP(z) };
}

function deviations(x: Float64Array): Float64Array {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  return x.map((v) => v - mean);
}

/** LISA quadrant of a significant unit (value / neighbours' value vs the mean), 'ns' when not significant. */
export type LisaCluster = 'HH' | 'LL' | 'HL' | 'LH' | 'ns';

export interface LocalMoranUnit {
  /** Iᵢ = (zᵢ / m₂) Σⱼ wᵢⱼ zⱼ, m₂ = Σ zᵢ² / n (Anselin 1995, eq. 7); null when excluded. */
  i: number | null;
  /** Mean of the neighbours' values. */
  lag: number | null;
  /** Folded pseudo p-value (M + 1) / (R + 1) from conditional permutations. */
  p: number | null;
  /** Benjamini–Hochberg q-value over all analysed units. */
  q: number | null;
  cluster: LisaCluster | null;
}

export interface LocalMoranOptions {
  /** Conditional permutations R per unit; default 999. */
  permutations?: number;
  /** PRNG seed (mulberry32); default 1. */
  seed?: number;
  /** Significance level applied to q (or p when adjust is 'none'); default 0.05. */
  alpha?: number;
  /** 'bh' (default): significance from Benjamini–Hochberg q-values, controlling the FDR; 'none': raw p. */
  adjust?: 'bh' | 'none';
}

export interface LocalMoranResult {
  permutations: number;
  seed: number;
  alpha: number;
  adjust: 'bh' | 'none';
  /** One entry per input unit, by index. */
  units: LocalMoranUnit[];
}

/**
 * Local Moran's I (Anselin 1995, "Local Indicators of Spatial Association — LISA", Geographical Analysis 27(2))
 * with conditional permutation inference: for each unit its value is held fixed and kᵢ neighbour values are
 * drawn without replacement from the other n − 1 units, R times. The pseudo p-value is folded as in PySAL
 * esda's Moran_Local: M = #{Iᵢ* ≥ Iᵢ}, replaced by R − M when that is smaller, p = (M + 1) / (R + 1).
 * A unit exactly at the mean (zᵢ = 0, so Iᵢ = 0 whatever its neighbours) gets p = 1.
 */
export function localMoran(
  values: readonly (number | null)[],
  neighbours: NeighbourGraph,
  options: LocalMoranOptions = {},
): LocalMoranResult {
  const permutations = options.permutations ?? 999;
  const seed = options.seed ?? 1;
  const alpha = checkAlpha(options.alpha);
  const adjust = options.adjust ?? 'bh';
  if (!Number.isInteger(permutations) || permutations < 1) {
    throw new ModelInputError(`permutations must be a positive integer, got ${permutations}`);
  }
  const g = analysisGraph(values, neighbours);
  const n = g.unit.length;
  const units: LocalMoranUnit[] = values.map(() => ({ i: null, lag: null, p: null, q: null, cluster: null }));
  const z = deviations(g.x);
  let m2 = 0;
  let scale = 0;
  for (const v of z) {
    m2 += v * v;
    scale = Math.max(scale, Math.abs(v));
  }
  m2 /= n;
  const random = mulberry32(seed);
  let maxDegree = 0;
  for (let p = 0; p < n; p++)
    maxDegree = Math.max(maxDegree, (g.start[p + 1] as number) - (g.start[p] as number));
  const drawn = new Int32Array(maxDegree);
  const pValues: (number | null)[] = values.map(() => null);
  const lagOfZ = new Float64Array(n);

  for (let p = 0; p < n; p++) {
    const zi = z[p] as number;
    const from = g.start[p] as number;
    const k = (g.start[p + 1] as number) - from;
    let observed = 0;
    for (let e = from; e < from + k; e++) observed += z[g.adjacency[e] as number] as number;
    const unit = units[g.unit[p] as number] as LocalMoranUnit;
    unit.i = (zi / m2) * (observed / k);
    unit.lag = lagAt(g, g.x, p);
    lagOfZ[p] = observed / k;
    if (zi === 0) {
      unit.p = 1;
      pValues[g.unit[p] as number] = 1;
      continue;
    }
    const others = n - 1;
    const draw = Math.min(k, others);
    // Iᵢ* ≥ Iᵢ ⟺ the permuted neighbour sum is on the same side as zᵢ; the tolerance keeps a permuted set of
    // equal values from losing the tie to summation order.
    const tol = 1e-12 * scale * k;
    let larger = 0;
    for (let r = 0; r < permutations; r++) {
      // kᵢ distinct units other than p, uniformly: draw from the n − 1 others and redraw a repeat (kᵢ ≪ n, so
      // repeats are rare and this is cheaper than shuffling).
      let sum = 0;
      for (let t = 0; t < draw; t++) {
        let q: number;
        let repeat: boolean;
        do {
          q = Math.floor(random() * others);
          if (q >= p) q++;
          repeat = false;
          for (let s = 0; s < t; s++) {
            if (drawn[s] === q) {
              repeat = true;
              break;
            }
          }
        } while (repeat);
        drawn[t] = q;
        sum += z[q] as number;
      }
      if (zi > 0 ? sum >= observed - tol : sum <= observed + tol) larger++;
    }
    if (permutations - larger < larger) larger = permutations - larger;
    unit.p = (larger + 1) / (permutations + 1);
    pValues[g.unit[p] as number] = unit.p;
  }

  const qValues = benjaminiHochberg(pValues);
  g.unit.forEach((original, p) => {
    const unit = units[original] as LocalMoranUnit;
    unit.q = qValues[original] ?? null;
    const evidence = adjust === 'bh' ? unit.q : unit.p;
    const zi = z[p] as number;
    const lagDeviation = lagOfZ[p] as number;
    unit.cluster =
      evidence !== null && evidence <= alpha && zi !== 0 && lagDeviation !== 0
        ? (`${zi > 0 ? 'H' : 'L'}${lagDeviation > 0 ? 'H' : 'L'}` as LisaCluster)
        : 'ns';
  });
  return { permutations, seed, alpha, adjust, units };
}

/**
 * The low-high watch list (issue #3): significant LH units — a low value among high-valued neighbours, e.g. a
 * low-CPI hromada in a high-CPI neighbourhood — as unit indices, most significant first.
 */
export function lowHighWatchList(result: LocalMoranResult): number[] {
  const out: number[] = [];
  result.units.forEach((u, index) => {
    if (u.cluster === 'LH') out.push(index);
  });
  const key = (index: number) => {
    const u = result.units[index] as LocalMoranUnit;
    return (result.adjust === 'bh' ? u.q : u.p) ?? 1;
  };
  return out.sort((a, b) => key(a) - key(b) || a - b);
}

export type HotspotClass = 'hot' | 'cold' | 'ns';

export interface GiStarUnit {
  /** The Gi* z-score; null when excluded. */
  z: number | null;
  /** Two-sided normal p-value. */
  p: number | null;
  /** Benjamini–Hochberg q-value over all analysed units. */
  q: number | null;
  hotspot: HotspotClass | null;
}

export interface GiStarOptions {
  /** Default 0.05. */
  alpha?: number;
  /** Default 'bh'. */
  adjust?: 'bh' | 'none';
}

export interface GiStarResult {
  alpha: number;
  adjust: 'bh' | 'none';
  units: GiStarUnit[];
}

/**
 * Getis-Ord Gi* as a z-score (Ord & Getis 1995, "Local Spatial Autocorrelation Statistics", Geographical
 * Analysis 27(4), eq. 14 with binary weights including i itself):
 *   Gᵢ* = (Σⱼ wᵢⱼ xⱼ − x̄ Wᵢ) / (s √((n S₁ᵢ − Wᵢ²) / (n − 1))),  Wᵢ = S₁ᵢ = kᵢ + 1,
 * x̄ and s = √(Σ x²/n − x̄²) over the n analysed units; p two-sided from the normal distribution.
 * Null for every unit when the values do not vary, and for a unit whose neighbourhood is all n units.
 */
export function getisOrdGiStar(
  values: readonly (number | null)[],
  neighbours: NeighbourGraph,
  options: GiStarOptions = {},
): GiStarResult {
  const alpha = checkAlpha(options.alpha);
  const adjust = options.adjust ?? 'bh';
  const g = analysisGraph(values, neighbours);
  const n = g.unit.length;
  const units: GiStarUnit[] = values.map(() => ({ z: null, p: null, q: null, hotspot: null }));
  let sum = 0;
  let sumSq = 0;
  for (const v of g.x) {
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / n;
  const s = Math.sqrt(Math.max(sumSq / n - mean * mean, 0));
  const pValues: (number | null)[] = values.map(() => null);
  // A spread below rounding noise of the mean is no variation at all.
  if (n > 1 && s > 1e-12 * Math.max(1, Math.abs(mean))) {
    for (let p = 0; p < n; p++) {
      const from = g.start[p] as number;
      const to = g.start[p + 1] as number;
      const w = to - from + 1;
      if (w >= n) continue;
      let local = g.x[p] as number;
      for (let e = from; e < to; e++) local += g.x[g.adjacency[e] as number] as number;
      const z = (local - mean * w) / (s * Math.sqrt((n * w - w * w) / (n - 1)));
      const unit = units[g.unit[p] as number] as GiStarUnit;
      unit.z = z;
      unit.p = normalTwoSidedP(z);
      pValues[g.unit[p] as number] = unit.p;
    }
  }
  const qValues = benjaminiHochberg(pValues);
  units.forEach((unit, index) => {
    if (unit.z === null) return;
    unit.q = qValues[index] ?? null;
    const evidence = adjust === 'bh' ? unit.q : unit.p;
    unit.hotspot = evidence !== null && evidence <= alpha ? (unit.z > 0 ? 'hot' : 'cold') : 'ns';
  });
  return { alpha, adjust, units };
}
