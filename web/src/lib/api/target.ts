import { ApiError, getJson, isAbort, type Fetch } from './client.ts';
import type { ApiErrorBody, IndicatorValues } from './types.ts';
import type { Coverage } from './coverage.ts';

// The target view's API calls (issue #4), kept apart from AtlasApi so that each view owns its own client.
// Shapes as server/features/models, scenarios and targeting answer them (their *.schemas.ts and routes).

type Signal = AbortSignal | undefined;

/** What GET /api/models/{id}/matrix gives: the raw inputs of a model, as server/model's createScorer reads them. */
export interface ModelMatrix {
  model: { id: string; version: string };
  asOf: string | null;
  dataVersion: string;
  units: string[];
  columns: Record<string, { values: (number | null)[]; period: string | null }>;
}

export interface Scenario {
  id: string;
  modelId: string;
  modelVersion: string;
  name: string;
  description: string | null;
  weights: Record<string, number>;
  aggregation: Record<string, string> | null;
  createdAt: string;
}

export interface NewScenario {
  modelId: string;
  name: string;
  /** Weight per node id; the server keeps only positive weights. */
  weights: Record<string, number>;
  description?: string;
}

/** What the shortlist maximises: π = CPI × Needs × (1 − coverage), or one index alone. */
export type Priority = 'gap' | 'cpi' | 'needs';

export interface TargetingFilters {
  oblasts?: string[];
  populationMin?: number;
  populationMax?: number;
  excludeOccupied: boolean;
  minConfidence?: number;
  notCoveredInSector?: string;
}

/** The body of POST /api/targeting (server/features/targeting/targeting.schemas.ts). */
export interface TargetingRequest {
  priority: Priority;
  /** Saved scenario for the CPI (for priority 'needs': for the Needs index). */
  scenario?: string;
  /** Saved scenario for the Needs index under priority 'gap'. */
  needsScenario?: string;
  /** Weight overrides for the CPI (for priority 'needs': the Needs index), over the scenario's. */
  weights?: Record<string, number>;
  /** Weight overrides for the Needs index under priority 'gap'. */
  needsWeights?: Record<string, number>;
  filters: TargetingFilters;
  cost: { type: 'flat' | 'per_capita'; amount: number };
  budget: number;
  maxCount?: number;
  method: 'exact' | 'greedy-preview';
}

export interface ShortlistEntry {
  pcode: string;
  nameUk: string;
  nameEn: string;
  oblastPcode: string;
  population: number | null;
  priority: number;
  cost: number;
  cpi: number | null;
  needs: number | null;
  coverage: number;
  /** The server's reason, in English: "priority rank 3 of 1303 eligible: π = … ; cost …". */
  reason: string;
}

export interface TargetingResult {
  method: 'exact' | 'greedy-preview';
  /** True when the solver proved the selection optimal; a greedy preview never is. */
  optimal: boolean;
  status: string;
  /** Why nothing could be selected (infeasible quotas…), when so. */
  reason?: string;
  priority: Priority;
  budget: number;
  totalCost: number;
  objective: number;
  eligible: number;
  /** Communities left out, by reason ("occupied", "not scored" …). */
  excluded: Record<string, number>;
  asOf: string;
  model: { cpi: string; needs: string };
  selected: ShortlistEntry[];
}

export type ExportFormat = 'csv' | 'geojson' | 'xlsx';

/** A file the server made, with the name it gave it (Content-Disposition). */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

export interface TargetApi {
  /** The model's definition, as stored (the state parses it with server/model's own schema). */
  model(id: string, signal?: Signal): Promise<unknown>;
  matrix(id: string, signal?: Signal): Promise<ModelMatrix>;
  coverage(signal?: Signal): Promise<Coverage>;
  /** The latest share of each hromada's area under occupation (what targeting's "exclude occupied" reads). */
  occupiedShare(signal?: Signal): Promise<IndicatorValues>;
  scenario(id: string, signal?: Signal): Promise<Scenario>;
  saveScenario(s: NewScenario, signal?: Signal): Promise<Scenario>;
  target(req: TargetingRequest, signal?: Signal): Promise<TargetingResult>;
  exportShortlist(req: TargetingRequest, format: ExportFormat, signal?: Signal): Promise<DownloadedFile>;
}

export function createTargetApi(fetchFn: Fetch = (input, init) => fetch(input, init), base = ''): TargetApi {
  const get = <T>(path: string, signal: Signal, query?: Record<string, string>) =>
    getJson<T>(fetchFn, base, path, { signal, query });
  const post = (path: string, body: unknown, signal: Signal, accept: string) =>
    postJson(fetchFn, base, path, body, signal, accept);
  const id = encodeURIComponent;
  return {
    model: (m, signal) => get(`/api/models/${id(m)}`, signal),
    matrix: (m, signal) => get(`/api/models/${id(m)}/matrix`, signal),
    coverage: (signal) => get('/api/coverage', signal),
    occupiedShare: (signal) => get('/api/indicators/occupied_share/values', signal, { level: 'hromada' }),
    scenario: (s, signal) => get(`/api/scenarios/${id(s)}`, signal),
    saveScenario: async (s, signal) =>
      (await (await post('/api/scenarios', s, signal, 'application/json')).json()) as Scenario,
    target: async (req, signal) =>
      (await (await post('/api/targeting', req, signal, 'application/json')).json()) as TargetingResult,
    exportShortlist: async (req, format, signal) => {
      const res = await post(`/api/targeting?format=${format}`, req, signal, '*/*');
      const blob = await res.blob();
      return { blob, filename: fileNameOf(res.headers.get('Content-Disposition')) ?? `shortlist.${format}` };
    },
  };
}

/**
 * POSTs `body` as JSON and resolves with the response when it is OK; rejects as getJson does (ApiError with the
 * API's code and message, status 0 for a network failure, the AbortError when aborted).
 */
async function postJson(
  fetchFn: Fetch,
  base: string,
  path: string,
  body: unknown,
  signal: Signal,
  accept: string,
): Promise<Response> {
  let res: Response;
  try {
    res = await fetchFn(`${base}${path}`, {
      method: 'POST',
      signal,
      headers: { 'Content-Type': 'application/json', Accept: accept },
      body: JSON.stringify(body),
    });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err), path);
  }
  if (res.ok) return res;
  let error: Partial<ApiErrorBody['error']> | undefined;
  try {
    error = ((await res.json()) as Partial<ApiErrorBody>).error;
  } catch {
    error = undefined;
  }
  throw new ApiError(
    res.status,
    error?.code ?? `HTTP_${res.status}`,
    error?.message ?? (res.statusText || `HTTP ${res.status}`),
    path,
    error?.requestId,
  );
}

/** The file name of `attachment; filename="…"`, or null. */
export function fileNameOf(disposition: string | null): string | null {
  const m = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return m ? m[1]! : null;
}
