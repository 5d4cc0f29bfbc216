// The Target view's part of the URL (issue #4: a shared link reopens the same weights, filters and shortlist).
// Every key starts with `t` (view-params.ts owns v, m, p, c, pal, sel, ob, lang and at):
//   tm   priority model: gap (π, the default) | cpi | needs
//   twc  CPI weights that differ from the model's defaults, `node:weight,node:weight`
//   twn  Needs weights, likewise
//   tsc  the saved scenario (POST /api/scenarios) holding the CPI weights; tsn the one holding the Needs weights
//   tc   cost per community, `flat:<UAH>` or `pc:<UAH per person>`;  tb budget (UAH);  tn at most this many
//   tfo  oblasts `UA12,UA14`;  tfp population range `min-max` (either end may be empty);  tfx=0 keeps occupied
//        communities (they are left out by default);  tfc minimum confidence 0–1;  tfs not covered in this sector
//   tr=1 the shortlist was found: opening the link finds it again
// Defaults are left out. Malformed values fall back to their default: an old or hand-edited link still opens.

import type { Priority } from '../../api/target.ts';

export type ModelId = 'cpi' | 'needs';
export const PRIORITIES: readonly Priority[] = ['gap', 'cpi', 'needs'];

export type CostType = 'flat' | 'per_capita';

export interface TargetFilterParams {
  /** Oblast pcodes; empty = all of Ukraine. */
  oblasts: string[];
  populationMin: number | null;
  populationMax: number | null;
  excludeOccupied: boolean;
  /** 0–1; null = any confidence. */
  minConfidence: number | null;
  /** Leave out communities where a programme of this sector is active; null = no such filter. */
  sector: string | null;
}

export interface TargetParams {
  model: Priority;
  /** Weight overrides by node id, per model; nodes at their default weight are left out. */
  weights: Record<ModelId, Record<string, number>>;
  /** Saved scenario id per model; null when its weights are not saved. */
  scenarios: Record<ModelId, string | null>;
  cost: { type: CostType; amount: number };
  budget: number;
  maxCount: number | null;
  filters: TargetFilterParams;
  run: boolean;
}

/** A small-grants programme: 500,000 UAH per community, 10 million UAH in all (about twenty communities). */
export const DEFAULT_COST = { type: 'flat', amount: 500_000 } as const;
export const DEFAULT_BUDGET = 10_000_000;
/** What a per-capita cost starts at when the user switches to it. */
export const DEFAULT_PER_CAPITA = 50;

export const DEFAULT_FILTERS: Readonly<TargetFilterParams> = Object.freeze({
  oblasts: [],
  populationMin: null,
  populationMax: null,
  excludeOccupied: true,
  minConfidence: null,
  sector: null,
});

export function defaultTargetParams(): TargetParams {
  return {
    model: 'gap',
    weights: { cpi: {}, needs: {} },
    scenarios: { cpi: null, needs: null },
    cost: { ...DEFAULT_COST },
    budget: DEFAULT_BUDGET,
    maxCount: null,
    filters: { ...DEFAULT_FILTERS, oblasts: [] },
    run: false,
  };
}

const NODE_RE = /^[a-z][a-z0-9_]{0,63}$/;
const SCENARIO_RE = /^[A-Za-z0-9_-]{1,64}$/;
const OBLAST_RE = /^UA\d{2}$/;
/** Weights beyond this are typing mistakes, not priorities. */
export const MAX_WEIGHT = 100;

/** `node:weight,node:weight`; malformed pairs are skipped. */
export function parseWeights(s: string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pair of (s ?? '').split(',')) {
    const [id, w, ...rest] = pair.split(':');
    const weight = Number(w);
    if (rest.length > 0 || !id || !NODE_RE.test(id) || w === undefined || w.trim() === '') continue;
    if (Number.isFinite(weight) && weight >= 0 && weight <= MAX_WEIGHT) out[id] = weight;
  }
  return out;
}

/** Sorted by node id, so that the same weights always give the same link. */
export function formatWeights(weights: Readonly<Record<string, number>>): string {
  return Object.keys(weights)
    .sort()
    .map((id) => `${id}:${+weights[id]!.toFixed(3)}`)
    .join(',');
}

function positive(s: string | null, max = Number.MAX_SAFE_INTEGER): number | null {
  if (s === null || s.trim() === '') return null;
  const n = Number(s);
  return Number.isFinite(n) && n > 0 && n <= max ? n : null;
}

function parseCost(s: string | null): TargetParams['cost'] {
  const m = s ? /^(flat|pc):(\d+(?:\.\d+)?)$/.exec(s) : null;
  const amount = m ? Number(m[2]) : NaN;
  if (!m || !Number.isFinite(amount) || amount < 0) return { ...DEFAULT_COST };
  return { type: m[1] === 'pc' ? 'per_capita' : 'flat', amount };
}

function parsePopulation(s: string | null): [number | null, number | null] {
  const m = s ? /^(\d*)-(\d*)$/.exec(s) : null;
  if (!m) return [null, null];
  const min = m[1] ? Number(m[1]) : null;
  const max = m[2] ? Number(m[2]) : null;
  if (min !== null && max !== null && min > max) return [null, null];
  return [min, max === 0 ? null : max];
}

export function parseTargetParams(search: string): TargetParams {
  const q = new URLSearchParams(search);
  const p = defaultTargetParams();
  const tm = q.get('tm');
  if (PRIORITIES.includes(tm as Priority)) p.model = tm as Priority;
  p.weights = { cpi: parseWeights(q.get('twc')), needs: parseWeights(q.get('twn')) };
  for (const [key, model] of [
    ['tsc', 'cpi'],
    ['tsn', 'needs'],
  ] as const) {
    const id = q.get(key);
    if (id && SCENARIO_RE.test(id)) p.scenarios[model] = id;
  }
  p.cost = parseCost(q.get('tc'));
  p.budget = positive(q.get('tb')) ?? DEFAULT_BUDGET;
  const n = positive(q.get('tn'), 10_000);
  p.maxCount = n !== null && Number.isInteger(n) ? n : null;
  const oblasts = (q.get('tfo') ?? '').split(',').filter((o) => OBLAST_RE.test(o));
  p.filters.oblasts = [...new Set(oblasts)].sort();
  [p.filters.populationMin, p.filters.populationMax] = parsePopulation(q.get('tfp'));
  p.filters.excludeOccupied = q.get('tfx') !== '0';
  p.filters.minConfidence = positive(q.get('tfc'), 1);
  const sector = q.get('tfs')?.trim();
  p.filters.sector = sector && sector.length <= 200 ? sector : null;
  p.run = q.get('tr') === '1';
  return p;
}

/** The keys (and values) that differ from the defaults: what App merges into the URL. */
export function formatTargetParams(p: TargetParams): Record<string, string> {
  const q: Record<string, string> = {};
  if (p.model !== 'gap') q.tm = p.model;
  const twc = formatWeights(p.weights.cpi);
  const twn = formatWeights(p.weights.needs);
  if (twc) q.twc = twc;
  if (twn) q.twn = twn;
  if (p.scenarios.cpi) q.tsc = p.scenarios.cpi;
  if (p.scenarios.needs) q.tsn = p.scenarios.needs;
  if (p.cost.type !== DEFAULT_COST.type || p.cost.amount !== DEFAULT_COST.amount)
    q.tc = `${p.cost.type === 'per_capita' ? 'pc' : 'flat'}:${+p.cost.amount.toFixed(2)}`;
  if (p.budget !== DEFAULT_BUDGET) q.tb = String(p.budget);
  if (p.maxCount !== null) q.tn = String(p.maxCount);
  const f = p.filters;
  if (f.oblasts.length > 0) q.tfo = [...f.oblasts].sort().join(',');
  if (f.populationMin !== null || f.populationMax !== null)
    q.tfp = `${f.populationMin ?? ''}-${f.populationMax ?? ''}`;
  if (!f.excludeOccupied) q.tfx = '0';
  if (f.minConfidence !== null) q.tfc = String(f.minConfidence);
  if (f.sector) q.tfs = f.sector;
  if (p.run) q.tr = '1';
  return q;
}
