import type { components, paths } from './generated/schema';
import { dataOf, type Http } from './http.ts';
import type { Coverage, IndicatorValues, ModelMatrix } from './schema.ts';

// The target view's API calls (issue #4), kept apart from AtlasApi so that each view owns its own client.
// Shapes as the API documents them (server/features/models, scenarios and targeting *.schemas.ts).

type Signal = AbortSignal | undefined;
type S = components['schemas'];

export type { ModelMatrix } from './schema.ts';
/** A saved scenario (without `shared`, which only the scenario list's owner view reads). */
export type Scenario = Omit<S['Scenario'], 'shared' | 'own'>;
export type NewScenario = NonNullable<
  paths['/scenarios']['post']['requestBody']
>['content']['application/json'];
/** The body of POST /api/targeting (server/features/targeting/targeting.schemas.ts). */
export type TargetingRequest = S['TargetingRequest'];
export type TargetingFilters = TargetingRequest['filters'];
/** What the shortlist maximises: π = CPI × Needs × (1 − coverage), or one index alone. */
export type Priority = TargetingRequest['priority'];
export type ShortlistEntry = S['ShortlistEntry'];
export type TargetingResult = S['TargetingResult'];
export type ExportFormat = 'csv' | 'geojson' | 'xlsx';
/** A scenario as the gallery lists it: with whether it is listed publicly and whether the caller saved it. */
export type ListedScenario = S['Scenario'];
/** GET /api/models/{id}/compare: every hromada's rank under scenario a (before) and b (after). */
export type ScenarioComparison =
  paths['/models/{id}/compare']['get']['responses'][200]['content']['application/json'];

/** A file the server made, with the name it gave it (Content-Disposition). */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

export interface TargetApi {
  /**
   * The model's definition, as stored: unknown on purpose, since the state parses it with server/model's own
   * schema (which also applies its defaults) before anything reads it.
   */
  model(id: string, signal?: Signal): Promise<unknown>;
  matrix(id: string, signal?: Signal): Promise<ModelMatrix>;
  coverage(signal?: Signal): Promise<Coverage>;
  /** The latest share of each hromada's area under occupation (what targeting's "exclude occupied" reads). */
  occupiedShare(signal?: Signal): Promise<IndicatorValues>;
  scenario(id: string, signal?: Signal): Promise<Scenario>;
  saveScenario(s: NewScenario, signal?: Signal): Promise<Scenario>;
  /** The shared scenarios and (`mine`, signed in) the caller's own, newest first: the first page of 200. */
  listScenarios(mine: boolean, signal?: Signal): Promise<ListedScenario[]>;
  deleteScenario(id: string): Promise<void>;
  compareScenarios(model: string, a: string, b: string, signal?: Signal): Promise<ScenarioComparison>;
  target(req: TargetingRequest, signal?: Signal): Promise<TargetingResult>;
  exportShortlist(req: TargetingRequest, format: ExportFormat, signal?: Signal): Promise<DownloadedFile>;
}

export function createTargetApi({ api }: Http): TargetApi {
  const path = (id: string) => ({ path: { id } });
  return {
    model: (id, signal) => dataOf(api.GET('/models/{id}', { params: path(id), signal })),
    matrix: (id, signal) => dataOf(api.GET('/models/{id}/matrix', { params: path(id), signal })),
    coverage: (signal) => dataOf(api.GET('/coverage', { signal })),
    // Without format=columns the values come keyed by pcode (the other form of the same answer).
    occupiedShare: async (signal) =>
      (await dataOf(
        api.GET('/indicators/{id}/values', {
          params: { path: { id: 'occupied_share' }, query: { level: 'hromada' } },
          signal,
        }),
      )) as IndicatorValues,
    scenario: (id, signal) => dataOf(api.GET('/scenarios/{id}', { params: path(id), signal })),
    saveScenario: (body, signal) => dataOf(api.POST('/scenarios', { body, signal })),
    listScenarios: async (mine, signal) =>
      (
        await dataOf(
          api.GET('/scenarios', {
            params: { query: { limit: 200, ...(mine ? { mine: 'true' as const } : {}) } },
            signal,
          }),
        )
      ).scenarios,
    deleteScenario: async (id) => {
      await dataOf(api.DELETE('/scenarios/{id}', { params: path(id) }));
    },
    compareScenarios: (model, a, b, signal) =>
      dataOf(api.GET('/models/{id}/compare', { params: { path: { id: model }, query: { a, b } }, signal })),
    target: (body, signal) => dataOf(api.POST('/targeting', { body, signal })),
    exportShortlist: async (body, format, signal) => {
      // A file, not JSON: read as a Blob, under the name the server gave it.
      const { data, response } = await api.POST('/targeting', {
        params: { query: { format } },
        body,
        signal,
        headers: { Accept: '*/*' },
        parseAs: 'blob',
      });
      const filename = fileNameOf(response.headers.get('Content-Disposition')) ?? `shortlist.${format}`;
      return { blob: data as Blob, filename };
    },
  };
}

/** The file name of `attachment; filename="…"`, or null. */
export function fileNameOf(disposition: string | null): string | null {
  const m = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return m ? m[1]! : null;
}
