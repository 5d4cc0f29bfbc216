import { ApiError, getJson, type Fetch } from './client.ts';
import type {
  CoverageGap,
  HotspotMethod,
  Hotspots,
  Indicator,
  IndicatorColumn,
  IndicatorUnits,
  IndicatorValueColumns,
  ModelSummary,
  OccupiedAreaCollection,
  OccupiedAreaSnapshot,
  Scores,
  Source,
  UnitIndexColumns,
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
  /** A level's names, boxes and label points (the shapes come as vector tiles). */
  unitIndex(level: UnitLevel, signal?: Signal): Promise<UnitIndexColumns>;
  indicators(signal?: Signal): Promise<Indicator[]>;
  /** A hromada indicator's values for one period (default: the latest), aligned to the level's units. */
  indicatorValues(id: string, period: string | undefined, signal?: Signal): Promise<IndicatorColumn>;
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
  // Unit lists by URL: the URL names the list's version, so one fetch serves every indicator (issue #5, B5).
  // Fetched without the caller's signal, since the next measure wants the same list; a failure is not kept.
  const unitLists = new Map<string, Promise<IndicatorUnits>>();
  const unitList = (url: string) => {
    let list = unitLists.get(url);
    if (!list) {
      list = get<IndicatorUnits>(url, undefined);
      unitLists.set(url, list);
      list.catch(() => unitLists.delete(url));
    }
    return list;
  };
  return {
    units: (q, signal) => get('/api/units', signal, q),
    unit: (pcode, signal) => get(`/api/units/${encodeURIComponent(pcode)}`, signal),
    unitIndex: (level, signal) => get(`/api/layers/${level}.index.json`, signal),
    indicators: (signal) => get('/api/indicators', signal),
    indicatorValues: async (id, period, signal) => {
      const path = `/api/indicators/${encodeURIComponent(id)}/values`;
      const c = await get<IndicatorValueColumns>(path, signal, {
        period,
        level: 'hromada',
        format: 'columns',
      });
      const { units } = await unitList(c.unitsUrl);
      if (units.length !== c.values.length) {
        throw new ApiError(200, 'BAD_JSON', `${c.values.length} values for ${units.length} units`, path);
      }
      return { indicatorId: c.indicatorId, period: c.period, unit: c.unit, units, values: c.values };
    },
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
