import { ApiError } from './errors.ts';
import { dataOf, type Http } from './http.ts';
import type {
  CoverageGap,
  HotspotMethod,
  Hotspots,
  Indicator,
  IndicatorUnits,
  IndicatorValueColumns,
  IndexDates,
  IndexTrend,
  ModelDefinition,
  ModelSummary,
  OccupiedAreaCollection,
  OccupiedAreaSnapshot,
  Scores,
  ScoresFull,
  Source,
  UnitIndexColumns,
  UnitLevel,
  UnitList,
  UnitProfile,
} from './schema.ts';

export { ApiError, isAbort } from './errors.ts';
export type { ApiErrorCode } from './errors.ts';
export type * from './schema.ts';

type Signal = AbortSignal | undefined;

/** One indicator's values for one period, as the client hands them on: `values[i]` is the value of `units[i]`. */
export interface IndicatorColumn {
  indicatorId: string;
  period: string;
  unit: string;
  units: readonly string[];
  values: readonly (number | null)[];
}

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
  /** minConfidence: the ranking threshold (server/model/comparability.ts); omitted = the model's own. */
  /** asOf: score with the newest values at or before that day (YYYY-MM-DD); omitted = now. */
  scores(modelId: string, signal?: Signal, minConfidence?: number, asOf?: string): Promise<Scores>;
  /** One unit's score with its breakdown (dimensions, components, proxies): the profile's index tree. */
  scoresFull(modelId: string, pcode: string, asOf: string | undefined, signal?: Signal): Promise<ScoresFull>;
  /** The dates at which a model's scores change (occupied-area snapshots, budget years, periods). */
  modelDates(modelId: string, signal?: Signal): Promise<IndexDates>;
  /** One hromada's scores at each of the model's dates (the profile's sparklines). */
  indexTrend(modelId: string, pcode: string, signal?: Signal): Promise<IndexTrend>;
  /** A model's definition: its dimensions and components, with their names. */
  modelDefinition(modelId: string, signal?: Signal): Promise<ModelDefinition>;
  sources(signal?: Signal): Promise<Source[]>;
  /** LISA clusters or Gi* hot spots of a model's scores, with the low-high watch list. */
  hotspots(modelId: string, method: HotspotMethod, signal?: Signal): Promise<Hotspots>;
  /** The coverage gap of every hromada (the 'gap' model's scores). */
  coverageGap(signal?: Signal): Promise<CoverageGap>;
  /** The dated occupied-area snapshots, oldest first. */
  occupiedAreas(signal?: Signal): Promise<OccupiedAreaSnapshot[]>;
  occupiedArea(date: string, signal?: Signal): Promise<OccupiedAreaCollection>;
}

/** An AtlasApi over the one typed client. */
export function createApi({ api, geo }: Http): AtlasApi {
  // Unit lists by URL: the URL names the list's version, so one fetch serves every indicator (issue #5, B5).
  // Fetched without the caller's signal, since the next measure wants the same list; a failure is not kept.
  const unitLists = new Map<string, Promise<IndicatorUnits>>();
  const unitList = (url: string) => {
    let list = unitLists.get(url);
    if (!list) {
      // The server names the list by URL; its query (level and version) is the document's.
      const query = Object.fromEntries(new URL(url, 'http://atlas.invalid').searchParams) as {
        level: UnitLevel;
        v?: string;
      };
      list = dataOf(api.GET('/indicators/units', { params: { query } }));
      unitLists.set(url, list);
      list.catch(() => unitLists.delete(url));
    }
    return list;
  };
  return {
    units: (query, signal) => dataOf(api.GET('/units', { params: { query }, signal })),
    // `as`: openapi-fetch's Readable<> widens the document's tuples (a label point, a box) to arrays.
    unit: async (pcode, signal) =>
      (await dataOf(api.GET('/units/{pcode}', { params: { path: { pcode } }, signal }))) as UnitProfile,
    unitIndex: async (level, signal) =>
      (await dataOf(
        api.GET('/layers/{level}.index.json', { params: { path: { level } }, signal }),
      )) as UnitIndexColumns,
    indicators: (signal) => dataOf(api.GET('/indicators', { signal })),
    indicatorValues: async (id, period, signal) => {
      // `as`: the document gives both forms of the answer for the path; format=columns asks for this one.
      const c = (await dataOf(
        api.GET('/indicators/{id}/values', {
          params: { path: { id }, query: { period, level: 'hromada', format: 'columns' } },
          signal,
        }),
      )) as IndicatorValueColumns;
      const { units } = await unitList(c.unitsUrl);
      if (units.length !== c.values.length) {
        const path = `/api/indicators/${encodeURIComponent(id)}/values`;
        throw new ApiError(200, 'BAD_JSON', `${c.values.length} values for ${units.length} units`, path);
      }
      return { indicatorId: c.indicatorId, period: c.period, unit: c.unit, units, values: c.values };
    },
    models: (signal) => dataOf(api.GET('/models', { signal })),
    // The rank bands are what the profile shows as the uncertainty of a rank: asked for explicitly.
    // The summary (no names, no breakdown): a fifth of the bytes, and all the map, tooltip and profile use
    // (`as`: the document gives the full and the summary form for the path; fields=summary asks for this one).
    scores: async (id, signal, minConfidence, asOf) =>
      (await dataOf(
        api.GET('/models/{id}/scores', {
          params: {
            path: { id },
            query: {
              bands: 'true',
              fields: 'summary',
              ...(minConfidence !== undefined ? { minConfidence } : {}),
              ...(asOf ? { asOf } : {}),
            },
          },
          signal,
        }),
      )) as Scores,
    // `as`: the document gives the full and the summary form for the path; fields=full asks for this one.
    // One row (pcode): the profile does not fetch every unit's breakdown (1.25 MB; issue #14 item 5).
    scoresFull: async (id, pcode, asOf, signal) =>
      (await dataOf(
        api.GET('/models/{id}/scores', {
          params: {
            path: { id },
            query: { bands: 'false', fields: 'full', pcode, ...(asOf ? { asOf } : {}) },
          },
          signal,
        }),
      )) as ScoresFull,
    // `as`: openapi-fetch's Readable<> widens the definition's tuples (the class thresholds) to arrays.
    modelDefinition: async (id, signal) =>
      (await dataOf(api.GET('/models/{id}', { params: { path: { id } }, signal }))) as ModelDefinition,
    modelDates: (id, signal) => dataOf(api.GET('/models/{id}/dates', { params: { path: { id } }, signal })),
    indexTrend: (id, pcode, signal) =>
      dataOf(api.GET('/models/{id}/trend', { params: { path: { id }, query: { pcode } }, signal })),
    sources: (signal) => dataOf(api.GET('/sources', { signal })),
    hotspots: (id, method, signal) =>
      dataOf(api.GET('/models/{id}/hotspots', { params: { path: { id }, query: { method } }, signal })),
    coverageGap: (signal) => dataOf(api.GET('/coverage', { signal })),
    occupiedAreas: (signal) => dataOf(api.GET('/occupied-areas', { signal })),
    occupiedArea: (date, signal) =>
      dataOf(geo.GET('/occupied-areas/{date}', { params: { path: { date } }, signal })),
  };
}
