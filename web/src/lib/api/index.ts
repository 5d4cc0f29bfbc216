import { getJson, type Fetch } from './client.ts';
import type {
  CoverageGap,
  HotspotMethod,
  Hotspots,
  Indicator,
  IndicatorValues,
  LayerTopology,
  ModelSummary,
  OccupiedAreaCollection,
  OccupiedAreaSnapshot,
  Scores,
  Source,
  UnitLevel,
  UnitList,
  UnitProfile,
} from './types.ts';

export { ApiError, isAbort } from './client.ts';
export type * from './types.ts';

type Signal = AbortSignal | undefined;

/** The typed API client. State classes take one (tests pass one over a fake fetch). */
export interface AtlasApi {
  units(
    q: { q?: string; level?: UnitLevel; parent?: string; limit?: number },
    signal?: Signal,
  ): Promise<UnitList>;
  unit(pcode: string, signal?: Signal): Promise<UnitProfile>;
  layer(level: UnitLevel, signal?: Signal): Promise<LayerTopology>;
  indicators(signal?: Signal): Promise<Indicator[]>;
  indicatorValues(id: string, period: string | undefined, signal?: Signal): Promise<IndicatorValues>;
  models(signal?: Signal): Promise<ModelSummary[]>;
  scores(modelId: string, signal?: Signal): Promise<Scores>;
  sources(signal?: Signal): Promise<Source[]>;
  /** LISA clusters or Gi* hot spots of a model's scores, with the low-high watch list. */
  hotspots(modelId: string, method: HotspotMethod, signal?: Signal): Promise<Hotspots>;
  /** The coverage gap of every hromada (the 'gap' model's scores). */
  coverageGap(signal?: Signal): Promise<CoverageGap>;
  /** The dated occupied-area snapshots, oldest first. */
  occupiedAreas(signal?: Signal): Promise<OccupiedAreaSnapshot[]>;
  occupiedArea(date: string, signal?: Signal): Promise<OccupiedAreaCollection>;
}

/** An AtlasApi over `fetchFn` (the browser's fetch by default) at `base` (same origin by default). */
export function createApi(fetchFn: Fetch = (input, init) => fetch(input, init), base = ''): AtlasApi {
  const get = <T>(path: string, signal: Signal, query?: Record<string, string | number | undefined>) =>
    getJson<T>(fetchFn, base, path, { signal, query });
  return {
    units: (q, signal) => get('/api/units', signal, q),
    unit: (pcode, signal) => get(`/api/units/${encodeURIComponent(pcode)}`, signal),
    layer: (level, signal) => get(`/api/layers/${level}.topojson`, signal),
    indicators: (signal) => get('/api/indicators', signal),
    indicatorValues: (id, period, signal) =>
      get(`/api/indicators/${encodeURIComponent(id)}/values`, signal, { period, level: 'hromada' }),
    models: (signal) => get('/api/models', signal),
    // The rank bands are what the profile shows as the uncertainty of a rank: asked for explicitly.
    // The summary (no names, no breakdown): a fifth of the bytes, and all the map, tooltip and profile use.
    scores: (modelId, signal) =>
      get(`/api/models/${encodeURIComponent(modelId)}/scores`, signal, {
        bands: 'true',
        fields: 'summary',
      }),
    sources: (signal) => get('/api/sources', signal),
    hotspots: (modelId, method, signal) =>
      get(`/api/models/${encodeURIComponent(modelId)}/hotspots`, signal, { method }),
    coverageGap: (signal) => get('/api/coverage', signal),
    occupiedAreas: (signal) => get('/api/occupied-areas', signal),
    occupiedArea: (date, signal) => get(`/api/occupied-areas/${encodeURIComponent(date)}`, signal),
  };
}
