import { createHttp, dataOf, type Fetch } from './http.ts';

export type { ClientConfig } from './schema.ts';

/** GET /api/client-config: the installation's optional basemap and the data's freshness. */
export function fetchClientConfig(fetchFn?: Fetch, signal?: AbortSignal, base = '') {
  // Its own client over the given fetch: the state that asks is built before (and apart from) the Apis.
  return dataOf(createHttp(fetchFn, base).api.GET('/client-config', { signal }));
}
