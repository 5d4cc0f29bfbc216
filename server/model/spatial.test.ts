import { describe, expect, it } from 'vitest';
import { ModelInputError } from './model-error.ts';
import type { NeighbourGraph } from './neighbour-graph.ts';
import { getisOrdGiStar, globalMoran, localMoran, lowHighWatchList, spatialLag } from './spatial.ts';

/** Adjacency of a rows × cols grid, cells numbered row by row; queen adds the diagonals. */
function grid(rows: number, cols: number, contiguity: 'rook' | 'queen'): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const list: number[] = [];
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          if ((dr === 0 && dc === 0) || (contiguity === 'rook' && dr !== 0 && dc !== 0)) continue;
          const rr = r + dr;
          const cc = c + dc;
          if (rr >= 0 && rr < rows && cc >= 0 && cc < cols) list.push(rr * cols + cc);
        }
      }
      out.push(list);
    }
  }
  return out;
}

const ROOK = grid(3, 3, 'rook');
const QUEEN = grid(3, 3, 'queen');
//   1 2 3
//   4 5 6
//   7 8 9
const GRADIENT = [1, 2, 3, 4, 5, 6, 7, 8, 9];

describe('spatialLag', () => {
  it('is the mean of the neighbours (row-standardised)', () => {
    const lag = spatialLag(GRADIENT, ROOK);
    expect(lag[0]).toBe(3); // (2 + 4) / 2
    expect(lag[1]).toBe(3); // (1 + 3 + 5) / 3
    expect(lag[4]).toBe(5); // (2 + 4 + 6 + 8) / 4
  });

  it('drops missing units and their edges; isolates get null', () => {
    const values = [...GRADIENT] as (number | null)[];
    values[4] = null;
    const lag = spatialLag(values, ROOK);
    expect(lag[4]).toBeNull();
    expect(lag[1]).toBe(2); // (1 + 3) / 2, the missing centre left out
    const island: NeighbourGraph = [[1], [0], []];
    expect(spatialLag([1, 2, 3], island)).toEqual([2, 1, null]);
    expect(spatialLag([1, null, 3], island)).toEqual([null, null, null]);
  });
});

describe('globalMoran', () => {
  // Rook 3×3, values 1…9: mean 5, z = −4 … 4, Σz² = 60. Row-standardised, Σᵢ zᵢ·(mean of neighbours' z):
  //   (0,0) −4·−2 = 8   (0,1) −3·−2 = 6    (0,2) −2·−1 = 2
  //   (1,0) −1·−⅔ = ⅔   (1,1) 0            (1,2) 1·⅔ = ⅔
  //   (2,0) 2·1 = 2     (2,1) 3·2 = 6      (2,2) 4·2 = 8         sum = 100/3
  // I = (n/S₀)·(100/3)/60 = 5/9 ≈ 0.5556 (S₀ = n = 9), E[I] = −1/8.
  // Moments: S₁ = 8 corner–edge pairs·(½ + ⅓)² + 4 edge–centre pairs·(⅓ + ¼)² = 200/36 + 196/144 = 83/12;
  // column sums corner ⅔, edge 5/4, centre 4/3 → S₂ = 4(5/3)² + 4(9/4)² + (7/3)² = 1325/36;
  // kurtosis b₂ = nΣz⁴/(Σz²)² = 9·708/3600 = 1.77.
  //   Var_N = (n²S₁ − nS₂ + 3S₀²)/((n² − 1)S₀²) − E² = 472/6480 − 1/64 ≈ 0.0572145
  //   Var_R = [n((n² − 3n + 3)S₁ − nS₂ + 3S₀²) − b₂((n² − n)S₁ − 2nS₂ + 6S₀²)] / ((n−1)(n−2)(n−3)S₀²) − E²
  //         = (9·306 − 1.77·321.5) / 27216 − 1/64 ≈ 0.0646566;  z_R = (5/9 + 1/8)/√Var_R ≈ 2.6764, p ≈ 0.00744
  it('matches the hand computation on a 3×3 rook grid', () => {
    const m = globalMoran(GRADIENT, ROOK);
    expect(m).not.toBeNull();
    expect(m?.i).toBeCloseTo(5 / 9, 12);
    expect(m?.expected).toBe(-1 / 8);
    expect(m?.n).toBe(9);
    expect(m?.normality.variance).toBeCloseTo(472 / 6480 - 1 / 64, 12);
    expect(m?.randomisation.variance).toBeCloseTo((9 * 306 - 1.77 * 321.5) / 27216 - 1 / 64, 12);
    expect(m?.randomisation.z).toBeCloseTo(2.676437040844754, 9);
    expect(m?.randomisation.p).toBeCloseTo(0.007440954452016196, 7);
  });

  // Queen 3×3, same values: Σᵢ zᵢ·lagᵢ = 2·(16/3 + 18/5 + 4/3 + 2/5) = 64/3 (corners −4·−4/3, edges −3·−6/5,
  // the other corner −2·−2/3, the side −1·−2/5, mirrored), I = (64/3)/60 = 16/45 ≈ 0.3556.
  it('matches the hand computation on a 3×3 queen grid', () => {
    expect(globalMoran(GRADIENT, QUEEN)?.i).toBeCloseTo(16 / 45, 12);
  });

  it('has the exact permutation moments: mean −1/(n−1) and the randomisation variance (all 9! permutations)', () => {
    const m = globalMoran(GRADIENT, ROOK);
    const values = [...GRADIENT];
    let sum = 0;
    let sumSq = 0;
    let count = 0;
    // Heap's algorithm over every arrangement of the nine values on the grid.
    const c = new Array<number>(values.length).fill(0);
    const visit = () => {
      const i = globalMoranFast(values);
      sum += i;
      sumSq += i * i;
      count++;
    };
    visit();
    let k = 0;
    while (k < values.length) {
      if ((c[k] as number) < k) {
        const j = k % 2 === 0 ? 0 : (c[k] as number);
        [values[j], values[k]] = [values[k] as number, values[j] as number];
        visit();
        c[k] = (c[k] as number) + 1;
        k = 0;
      } else {
        c[k] = 0;
        k++;
      }
    }
    expect(count).toBe(362880);
    const mean = sum / count;
    expect(mean).toBeCloseTo(-1 / 8, 12);
    expect(sumSq / count - mean * mean).toBeCloseTo(m?.randomisation.variance as number, 12);
  });

  it('is null with fewer than four units or no variation', () => {
    expect(globalMoran([1, 2, 3], [[1], [0, 2], [1]])).toBeNull();
    expect(globalMoran([4, 4, 4, 4, 4, 4, 4, 4, 4], ROOK)).toBeNull();
  });
});

// I for the rook grid above with values in `x` (no missing), for the 9! enumeration.
const ROOK_DEGREE = ROOK.map((l) => l.length);
function globalMoranFast(x: readonly number[]): number {
  let cross = 0;
  let m2 = 0;
  for (let i = 0; i < 9; i++) {
    const zi = (x[i] as number) - 5;
    m2 += zi * zi;
    let lag = 0;
    for (const j of ROOK[i] as number[]) lag += (x[j] as number) - 5;
    cross += (zi * lag) / (ROOK_DEGREE[i] as number);
  }
  return cross / m2;
}

describe('localMoran', () => {
  it('computes Iᵢ = (zᵢ/m₂)·lag(z)ᵢ (Anselin 1995), summing to n·I', () => {
    const r = localMoran(GRADIENT, ROOK, { permutations: 99 });
    // m₂ = 60/9; corner (0,0): −4·−2/(60/9) = 1.2; centre 0.
    expect(r.units[0]?.i).toBeCloseTo(1.2, 12);
    expect(r.units[4]?.i).toBe(0);
    const total = r.units.reduce((s, u) => s + (u.i as number), 0);
    expect(total).toBeCloseTo(9 * (5 / 9), 12);
    expect(r.units[0]?.lag).toBe(3);
  });

  it('gives a unit at the mean p = 1 whatever its neighbours', () => {
    const r = localMoran(GRADIENT, ROOK);
    expect(r.units[4]?.p).toBe(1);
    expect(r.units[4]?.cluster).toBe('ns');
  });

  it('is reproducible from its seed; pseudo p-values lie on the (M + 1)/(R + 1) grid', () => {
    const a = localMoran(GRADIENT, ROOK, { seed: 7 });
    const b = localMoran(GRADIENT, ROOK, { seed: 7 });
    expect(b).toEqual(a);
    for (const u of a.units.filter((_, i) => i !== 4)) {
      const m = (u.p as number) * 1000 - 1;
      expect(Math.abs(m - Math.round(m))).toBeLessThan(1e-9);
      expect(u.p as number).toBeGreaterThanOrEqual(1 / 1000);
      expect(u.p as number).toBeLessThanOrEqual(0.5 + 1 / 1000); // folded: at most (R/2 + 1)/(R + 1)
    }
    expect(a.permutations).toBe(999);
    expect(localMoran(GRADIENT, ROOK, { seed: 8 }).units.map((u) => u.p)).not.toEqual(
      a.units.map((u) => u.p),
    );
  });

  // 10×10 queen grid, values from a fixed pattern: a high 5×5 block in the top-left corner (10 + small
  // variation), low elsewhere (1 + small variation), and one low cell (0) in the middle of the block.
  const rows = 10;
  const big = grid(rows, rows, 'queen');
  const pattern = Array.from({ length: rows * rows }, (_, i) => {
    const r = Math.floor(i / rows);
    const c = i % rows;
    const wiggle = ((i * 37) % 11) / 20;
    return r < 5 && c < 5 ? 10 + wiggle : 1 + wiggle;
  });
  const LOW_IN_HIGH = 2 * rows + 2;
  pattern[LOW_IN_HIGH] = 0;

  it('finds the high-high block and the low-high outlier after FDR control', () => {
    const r = localMoran(pattern, big, { seed: 3 });
    expect(r.units[1 * rows + 1]?.cluster).toBe('HH');
    expect(r.units[3 * rows + 3]?.cluster).toBe('HH');
    expect(r.units[LOW_IN_HIGH]?.cluster).toBe('LH');
    expect(r.units[LOW_IN_HIGH]?.p).toBe(1 / 1000);
    expect(lowHighWatchList(r)).toEqual([LOW_IN_HIGH]);
    for (const u of r.units) expect(u.q as number).toBeGreaterThanOrEqual(u.p as number);
  });

  it('labels by raw p when asked, never by q alone', () => {
    const r = localMoran(pattern, big, { seed: 3, adjust: 'none', alpha: 0.05 });
    const bh = localMoran(pattern, big, { seed: 3 });
    const significant = (x: typeof r) => x.units.filter((u) => u.cluster !== 'ns').length;
    expect(significant(r)).toBeGreaterThanOrEqual(significant(bh));
  });

  it('excludes missing units and isolates with null', () => {
    const values = [...GRADIENT] as (number | null)[];
    values[8] = null;
    const r = localMoran(values, ROOK, { permutations: 9 });
    expect(r.units[8]).toEqual({ i: null, lag: null, p: null, q: null, cluster: null });
    expect(r.units[5]?.lag).toBe((3 + 5) / 2);
    const island = localMoran([1, 2, 3, 4, 5], [[1], [0, 2], [1, 3], [2], []], { permutations: 9 });
    expect(island.units[4]?.i).toBeNull();
    expect(island.units[0]?.i).not.toBeNull();
  });

  it('rejects a bad number of permutations or alpha', () => {
    expect(() => localMoran(GRADIENT, ROOK, { permutations: 0 })).toThrow(ModelInputError);
    expect(() => localMoran(GRADIENT, ROOK, { alpha: 0 })).toThrow(/alpha/);
    expect(() => getisOrdGiStar(GRADIENT, ROOK, { alpha: 1.5 })).toThrow(/alpha/);
  });
});

describe('getisOrdGiStar', () => {
  // Rook 3×3 with a hot centre:  1 5 1 / 5 9 5 / 1 5 1.  n = 9, x̄ = 33/9 = 11/3, Σx² = 185,
  // s = √(185/9 − 121/9) = 8/3. Centre: neighbourhood with itself = 9 + 4·5 = 29, W = S₁ = 5:
  //   z = (29 − 5·11/3) / ((8/3)·√((9·5 − 25)/8)) = (32/3) / ((8/3)·√2.5) = 4/√2.5 ≈ 2.5298, p ≈ 0.011412.
  // Corner: 1 + 5 + 5 = 11 = 3·11/3 → z = 0. Edge: 5 + 1 + 1 + 9 = 16, W = 4: (4/3)/((8/3)·√2.5) ≈ 0.3162.
  const HOT = [1, 5, 1, 5, 9, 5, 1, 5, 1];

  it('matches the hand computation for a hot centre cell', () => {
    const r = getisOrdGiStar(HOT, ROOK, { adjust: 'none' });
    expect(r.units[4]?.z).toBeCloseTo(4 / Math.sqrt(2.5), 12);
    expect(r.units[4]?.p).toBeCloseTo(0.011412036386001656, 7);
    expect(r.units[4]?.hotspot).toBe('hot');
    expect(r.units[0]?.z).toBeCloseTo(0, 12);
    expect(r.units[1]?.z).toBeCloseTo(0.5 / Math.sqrt(2.5), 12);
    expect(r.units[0]?.hotspot).toBe('ns');
  });

  it('controls the FDR by default: one p of 0.0114 among nine tests is q = 0.103, not significant', () => {
    const r = getisOrdGiStar(HOT, ROOK);
    expect(r.units[4]?.q).toBeCloseTo(9 * 0.011412036386001656, 6);
    expect(r.units[4]?.hotspot).toBe('ns');
  });

  it('finds cold spots with negative z', () => {
    const cold = HOT.map((x) => 10 - x);
    const r = getisOrdGiStar(cold, ROOK, { adjust: 'none' });
    expect(r.units[4]?.z).toBeCloseTo(-4 / Math.sqrt(2.5), 12);
    expect(r.units[4]?.hotspot).toBe('cold');
  });

  it('gives null for missing units, isolates, constant values and a neighbourhood of everyone', () => {
    const values = [...HOT] as (number | null)[];
    values[0] = null;
    const r = getisOrdGiStar(values, ROOK);
    expect(r.units[0]).toEqual({ z: null, p: null, q: null, hotspot: null });
    expect(r.units[4]?.z).not.toBeNull();
    expect(getisOrdGiStar([3, 3, 3, 3, 3, 3, 3, 3, 3], ROOK).units.every((u) => u.z === null)).toBe(true);
    // Queen centre neighbours all 9 cells: Wᵢ = n, the statistic is undefined.
    expect(getisOrdGiStar(HOT, QUEEN).units[4]?.z).toBeNull();
  });
});

describe('the neighbour graph is checked', () => {
  it('rejects asymmetric graphs, self-loops, out-of-range and duplicate neighbours, wrong length', () => {
    expect(() => spatialLag([1, 2], [[1], []])).toThrow(
      /not symmetric: 1 is a neighbour of 0 but not vice versa/,
    );
    expect(() => spatialLag([1, 2], [[0], []])).toThrow(/unit 0 lists itself/);
    expect(() => spatialLag([1, 2], [[2], []])).toThrow(/neighbour 2 out of range/);
    expect(() => spatialLag([1, 2], [[1, 1], [0]])).toThrow(/lists neighbour 1 twice/);
    expect(() => globalMoran([1, 2, 3], [[1], [0]])).toThrow(/2 adjacency lists for 3 units/);
  });
});
