import type { MultiPolygon } from 'geojson';
import type { ModelDefinition } from '../../server/model/model-definition.ts';
import type { IndicatorColumn, IndicatorMatrix } from '../../server/model/indicator-matrix.ts';
import { createScorer } from '../../server/model/score.ts';
import { getisOrdGiStar, localMoran } from '../../server/model/spatial.ts';
import { mulberry32, type Random } from '../../server/model/random.ts';
import { monteCarloRanks } from '../../server/model/uncertainty.ts';
import {
  greedyPreview,
  loadHighsSolver,
  solveTargeting,
  type TargetingCandidate,
} from '../../server/model/targeting.ts';
import { ZOOM_BANDS } from '../../server/features/tiles/tile-geometry.ts';
import { tileAt } from '../../server/features/tiles/tile-coords.ts';
import { BASE_PROPERTIES } from '../../server/features/tiles/tile-properties.ts';
import {
  buildBandIndex,
  renderVectorTile,
  type BandFeature,
} from '../../server/features/tiles/vt-renderer.ts';
import { median, timeMs, type Row } from './lib/measure.ts';

// B12 (issue #15): how the analytical work grows with the number of units, on synthetic units 10× and 100× the
// real 1,767. Each step is timed at every size; the ratio column is the growth exponent
// k = log(t₂ / t₁) / log(n₂ / n₁) between two sizes (1 = linear), the goal its ceiling.
//
// How the synthetic units are made (so that the work per unit is like the real one):
// - Geometry: a hexagonal grid ("odd-r" offset rows) over Ukraine's bounding box, so each inner unit has six
//   neighbours (real hromadas: 5.6 on average, docs/methodology.md) and the graph is planar like real
//   contiguity. Each hexagon edge is split into 8 segments bent by a smooth function of position, so that a
//   polygon has ~48 vertices (real hromada rings at the top zoom band: 30–300) and neighbours share edges.
// - Indicators: for each indicator node of the CPI model, a spatially autocorrelated field (an east–west
//   gradient, as the front line makes, plus noise smoothed over the neighbours three times), mapped through
//   the real column's empirical quantiles when the real matrix is given (same distribution, same share
//   missing, missing at random), otherwise uniform over 0–100. Periods are the real columns' periods.
// - Groups (for targeting quotas): 24 "oblasts" as vertical strips; cost = a population-like log-normal.

export const SCALE_SIZES = [1_800, 18_000, 180_000] as const;

/** The growth exponent ceilings of issue #15 (B12). */
const EXPONENT_GOALS: Record<string, number | null> = {
  scoring: 1.1,
  'Gi*': 1.1,
  'LISA (999 permutations)': 1.2,
  'Monte Carlo rank bands (1,000 runs)': null,
  'exact targeting': null,
  'tile index + render': null,
};

const BBOX = { west: 22.1, east: 40.2, south: 44.4, north: 52.4 };

export interface SyntheticUnits {
  pcodes: string[];
  neighbours: number[][];
  /** Centre of each unit (lon, lat). */
  centres: [number, number][];
  /** Hexagon radius in degrees. */
  radius: number;
  columns: number;
  group: string[];
}

/** A hexagonal grid of about `n` units over Ukraine's bounding box, with its contiguity graph. */
export function syntheticUnits(n: number): SyntheticUnits {
  const width = BBOX.east - BBOX.west;
  const height = BBOX.north - BBOX.south;
  const columns = Math.max(2, Math.round(Math.sqrt((n * width) / height)));
  const rows = Math.ceil(n / columns);
  const dx = width / columns;
  const dy = height / rows;
  const pcodes: string[] = [];
  const centres: [number, number][] = [];
  const group: string[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns && pcodes.length < n; c++) {
      // "UAS" keeps synthetic codes apart from every real pcode (and from Crimea's UA01, comparability.ts).
      pcodes.push(`UAS${String(pcodes.length).padStart(7, '0')}`);
      centres.push([BBOX.west + (c + 0.5 + (r % 2) * 0.5) * dx, BBOX.south + (r + 0.5) * dy]);
      group.push(`G${Math.min(23, Math.floor((c / columns) * 24))}`);
    }
  }
  const at = (r: number, c: number) =>
    r >= 0 && c >= 0 && c < columns && r * columns + c < n ? r * columns + c : -1;
  const neighbours = pcodes.map((_, i) => {
    const r = Math.floor(i / columns);
    const c = i % columns;
    const shift = r % 2; // odd rows sit half a cell to the east
    const cand = [
      at(r, c - 1),
      at(r, c + 1),
      at(r - 1, c - 1 + shift),
      at(r - 1, c + shift),
      at(r + 1, c - 1 + shift),
      at(r + 1, c + shift),
    ];
    return cand.filter((j) => j >= 0);
  });
  return { pcodes, neighbours, centres, radius: Math.max(dx, dy) / Math.sqrt(3), columns, group };
}

/** A field with spatial autocorrelation: gradient + noise smoothed over the neighbours. */
function spatialField(units: SyntheticUnits, random: Random): Float64Array {
  const n = units.pcodes.length;
  let f = Float64Array.from(
    units.centres,
    ([lon]) => (lon - BBOX.west) / (BBOX.east - BBOX.west) + random() * 2,
  );
  for (let pass = 0; pass < 3; pass++) {
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = f[i]!;
      for (const j of units.neighbours[i]!) s += f[j]!;
      next[i] = s / (units.neighbours[i]!.length + 1);
    }
    f = next;
  }
  return f;
}

/** Indicator columns for every node of `definition`, shaped like the real ones when `real` is given. */
export function syntheticMatrix(
  definition: ModelDefinition,
  units: SyntheticUnits,
  real: IndicatorMatrix | null,
  seed = 1,
): IndicatorMatrix {
  const random = mulberry32(seed);
  const n = units.pcodes.length;
  const columns: Record<string, IndicatorColumn> = {};
  for (const dim of definition.dimensions) {
    for (const comp of dim.components) {
      for (const node of comp.indicators) {
        const source = real?.columns[node.id];
        const present = (source?.values ?? []).filter((v): v is number => v !== null).sort((a, b) => a - b);
        const missingShare = source ? 1 - present.length / source.values.length : 0;
        const field = spatialField(units, random);
        const order = Array.from(field.keys()).sort((a, b) => field[a]! - field[b]!);
        const values = new Array<number | null>(n).fill(null);
        order.forEach((u, rank) => {
          if (random() < missingShare) return;
          const q = rank / Math.max(1, n - 1);
          values[u] = present.length ? present[Math.round(q * (present.length - 1))]! : q * 100;
        });
        columns[node.id] = { values, period: source?.period ?? '2023' };
      }
    }
  }
  return { units: units.pcodes, columns };
}

/** Ring points of unit i's hexagon, each edge bent by a function of position (shared edges match). */
function hexagon(units: SyntheticUnits, i: number): MultiPolygon {
  const [cx, cy] = units.centres[i]!;
  const r = units.radius;
  const corners: [number, number][] = [];
  for (let k = 0; k < 6; k++) {
    const a = (Math.PI / 3) * k + Math.PI / 6;
    corners.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  const ring: [number, number][] = [];
  const SEGMENTS = 8;
  for (let k = 0; k < 6; k++) {
    const [x0, y0] = corners[k]!;
    const [x1, y1] = corners[(k + 1) % 6]!;
    for (let s = 0; s < SEGMENTS; s++) {
      const t = s / SEGMENTS;
      const x = x0 + (x1 - x0) * t;
      const y = y0 + (y1 - y0) * t;
      const bend = r * 0.06 * Math.sin(x * 37.1 + y * 53.7);
      ring.push([x + bend, y - bend]);
    }
  }
  ring.push(ring[0]!);
  return { type: 'MultiPolygon', coordinates: [[ring]] };
}

interface StepTiming {
  ms: number;
  remark?: string;
}

type Step = (units: SyntheticUnits, matrix: IndicatorMatrix) => Promise<StepTiming>;

/** Median of `rounds` timings (fewer rounds for slow steps: one above 5 s). */
async function timed(fn: () => unknown, rounds = 3): Promise<number> {
  const first = await timeMs(fn);
  if (first > 5000) return first;
  const more: number[] = [first];
  for (let i = 1; i < rounds; i++) more.push(await timeMs(fn));
  return median(more);
}

function steps(definition: ModelDefinition): Record<string, Step> {
  return {
    scoring: async (_u, matrix) => {
      const scorer = createScorer(definition, matrix);
      const dims = definition.dimensions.map((d) => d.id);
      let i = 0;
      // A weight change, as a slider move re-scores: index, confidence and ranks over all units.
      return {
        ms: await timed(() => scorer.scoreColumns({ weights: { [dims[i++ % dims.length]!]: 2 } }), 5),
      };
    },
    'Gi*': async (units, matrix) => {
      const index = Array.from(createScorer(definition, matrix).scoreColumns().index, (v) =>
        v === v ? v : null,
      );
      return { ms: await timed(() => getisOrdGiStar(index, units.neighbours), 5) };
    },
    'LISA (999 permutations)': async (units, matrix) => {
      const index = Array.from(createScorer(definition, matrix).scoreColumns().index, (v) =>
        v === v ? v : null,
      );
      return { ms: await timed(() => localMoran(index, units.neighbours, { permutations: 999 }), 1) };
    },
    'Monte Carlo rank bands (1,000 runs)': async (_u, matrix) => ({
      ms: await timed(() => monteCarloRanks(definition, matrix, { runs: 1000 }), 1),
    }),
    'exact targeting': async (units, matrix) => {
      const scored = createScorer(definition, matrix).scoreColumns().index;
      const random = mulberry32(7);
      const candidates: TargetingCandidate[] = [];
      units.pcodes.forEach((pcode, i) => {
        const s = scored[i]!;
        if (s === s) {
          const population = Math.exp(8 + 1.2 * (random() * 2 - 1) * 1.7);
          candidates.push({
            pcode,
            priority: s * s,
            cost: Math.round(population / 100),
            group: units.group[i]!,
          });
        }
      });
      const total = candidates.reduce((a, c) => a + c.cost, 0);
      const quotas = Object.fromEntries([...new Set(units.group)].map((g) => [g, { min: 1 }]));
      const problem = { candidates, budget: total * 0.05, quotas };
      const solver = await loadHighsSolver();
      let status = '';
      // As the product asks (its default ATLAS_TARGETING_TIME_LIMIT): above EXACT_MAX_CANDIDATES, or with no
      // selection in time, the answer is the greedy preview labelled with why, not a wait.
      const ms = await timed(async () => {
        const r = await solveTargeting(problem, { solver, timeLimitSeconds: 20 });
        status =
          'fallback' in r
            ? `labelled greedy preview (${r.fallback.cause === 'size' ? `above the exact limit of ${r.fallback.limit.toLocaleString('en')} candidates` : `no selection in ${r.fallback.limit} s`})`
            : r.status;
      }, 1);
      const greedyMs = await timed(() => greedyPreview(problem), 1);
      return { ms, remark: `${status}; greedy preview ${greedyMs.toFixed(0)} ms` };
    },
    'tile index + render': async (units) => {
      // The top band (every vertex kept) as the server builds it, then every z7 tile over the grid rendered.
      const band = ZOOM_BANDS[ZOOM_BANDS.length - 1]!;
      const features: BandFeature[] = units.pcodes.map((pcode, i) => ({
        fid: i + 1,
        pcode,
        name_uk: pcode,
        name_en: pcode,
        parent_pcode: units.group[i]!,
        geometry: hexagon(units, i),
      }));
      const [x0, x1] = [tileAt(BBOX.west, 0, 7).x, tileAt(BBOX.east, 0, 7).x];
      const [y0, y1] = [tileAt(0, BBOX.north, 7).y, tileAt(0, BBOX.south, 7).y];
      let tiles = 0;
      const ms = await timed(() => {
        const index = buildBandIndex(band, features);
        tiles = 0;
        for (let x = x0; x <= x1; x++)
          for (let y = y0; y <= y1; y++) {
            renderVectorTile(index, 'hromada', { z: 7, x, y }, null, BASE_PROPERTIES);
            tiles++;
          }
      }, 1);
      return { ms, remark: `${tiles} z7 tiles` };
    },
  };
}

const label = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));

/**
 * Runs every step at every size and returns the B12 rows: one per step and pair of sizes, with the growth
 * exponent as the ratio, plus the exact-targeting time on 18k units against its 10 s goal.
 */
export async function benchScaleCurve(
  definition: ModelDefinition,
  real: IndicatorMatrix | null,
  sizes: readonly number[] = SCALE_SIZES,
  log: (msg: string) => void = () => {},
): Promise<Row[]> {
  const all = steps(definition);
  const times = new Map<string, StepTiming[]>();
  for (const n of sizes) {
    const units = syntheticUnits(n);
    const matrix = syntheticMatrix(definition, units, real);
    for (const [name, step] of Object.entries(all)) {
      log(`B12: ${name} on ${label(n)} units`);
      const t = await step(units, matrix);
      times.set(name, [...(times.get(name) ?? []), t]);
    }
  }
  const rows: Row[] = [];
  for (const [name, list] of times) {
    for (let k = 1; k < sizes.length; k++) {
      const [n1, n2] = [sizes[k - 1]!, sizes[k]!];
      const [t1, t2] = [list[k - 1]!, list[k]!];
      const exponent = Math.log(t2.ms / t1.ms) / Math.log(n2 / n1);
      const goal = EXPONENT_GOALS[name] ?? null;
      const remark = [t1.remark, t2.remark].filter(Boolean).join(' → ');
      rows.push({
        id: 'B12',
        what: `${name}, ${label(n1)} → ${label(n2)} synthetic units: growth exponent`,
        engine: '–',
        a: { value: t2.ms, unit: 'ms', label: label(n2) },
        b: { value: t1.ms, unit: 'ms', label: label(n1) },
        ratio: exponent,
        goal: goal === null ? null : { op: '<=', value: goal },
        ...(remark ? { note: remark } : {}),
      });
    }
  }
  const targeting = times.get('exact targeting');
  const i18k = sizes.indexOf(18_000);
  if (targeting && i18k >= 0) {
    const t = targeting[i18k]!;
    rows.push({
      id: 'B12',
      what: 'exact targeting on 18k synthetic units (5 % budget, 24 group minima) vs its 10 s goal',
      engine: '–',
      a: { value: t.ms, unit: 'ms', label: 'solve' },
      b: { value: 10_000, unit: 'ms', label: 'goal' },
      ratio: t.ms / 10_000,
      goal: { op: '<=', value: 1 },
      ...(t.remark ? { note: t.remark } : {}),
    });
  }
  return rows;
}
