import { getJson, type Fetch } from './client.ts';

/** GET /api/client-config: the installation's optional basemap and the data's freshness. */
export interface ClientConfig {
  basemap: { styleUrl: string; attribution: string | null } | null;
  data: { version: string; importedAt: string | null };
}

export function fetchClientConfig(
  fetchFn: Fetch = (input, init) => fetch(input, init),
  signal?: AbortSignal,
  base = '',
): Promise<ClientConfig> {
  return getJson<ClientConfig>(fetchFn, base, '/api/client-config', { signal });
}
