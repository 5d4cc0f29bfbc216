// What the client's first view fetches before it can colour the map, announced with the page itself
// (`Link: rel=preload`) so that the browser fetches it while the scripts load instead of after they have run:
// ~0.7 s earlier on a first visit here (B10, issue #15). Each URL must be exactly the client's request
// (web/src/lib/api/index.ts: unitIndex, scores; web/src/lib/state/view-params.ts: the default view), or the
// browser fetches twice; tests/e2e/first-view-preloads.test.ts checks that each preload is used.

/** The hromadas' index: every view draws hromadas. */
const UNIT_INDEX = '/api/layers/hromada.index.json';

/**
 * The hromada tiles' TileJSON, as MapLibre asks for it (web/src/lib/map/MapView.svelte, ensureTileSource): every
 * view draws hromadas, and without the preload it waited ~0.2–0.4 s for one of the browser's six connections
 * behind the catalogue's requests (B10). The tiles themselves depend on the viewport and are not announced.
 */
const HROMADA_TILEJSON = '/tiles/hromada?properties=pcode';

/** The default measure's scores, as the Explore view asks for them (fields=summary, with rank bands). */
const DEFAULT_SCORES = '/api/models/cpi/scores?bands=true&fields=summary';

/** The URLs the page at `search` will fetch first (its view lives in the query: view-params.ts). */
export function firstViewPreloads(search: URLSearchParams): string[] {
  const tab = search.get('v');
  const explore = tab === null || tab === 'explore';
  // Any of these changes what the first scores request is (another measure, threshold or date).
  const defaultScores =
    explore && [null, 'index:cpi'].includes(search.get('m')) && !search.has('mc') && !search.has('asof');
  return defaultScores ? [UNIT_INDEX, DEFAULT_SCORES, HROMADA_TILEJSON] : [UNIT_INDEX, HROMADA_TILEJSON];
}

/** The Link header announcing them: fetch-destined, in the same CORS mode as the client's fetch(). */
export function preloadLinkHeader(urls: readonly string[]): string {
  return urls.map((u) => `<${u}>; rel=preload; as=fetch; crossorigin=anonymous`).join(', ');
}
