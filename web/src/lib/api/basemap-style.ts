import type { StyleSpecification } from 'maplibre-gl';
import type { Fetch } from './client.ts';

/**
 * The optional online basemap's MapLibre style (issue #4), from the URL the installation configures: not our
 * API, so a plain fetch whose failure names the URL.
 */
export async function fetchBasemapStyle(
  url: string,
  fetchFn: Fetch = (input, init) => fetch(input, init),
  signal?: AbortSignal,
): Promise<StyleSpecification> {
  const res = await fetchFn(url, signal ? { signal } : {});
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as StyleSpecification;
}
