import type { Map as MaplibreMap } from 'maplibre-gl';
import { TILE_SOURCES, type TileSourceId } from './context.ts';

// Marking a few units of a tile source by pcode (hovered, selected, shortlisted…) through feature-state
// rather than a layer filter: a new filter makes MapLibre re-parse every tile of the source in its workers,
// which on a pointer move over 1,769 hromadas stalls the page for seconds; feature-state only repaints.

/** Sets `key` on the units of `next` to their value and clears it on the units that left; returns `next`. */
export function markUnits<V extends number | boolean>(
  map: MaplibreMap,
  source: TileSourceId,
  key: string,
  previous: ReadonlyMap<string, V>,
  next: ReadonlyMap<string, V>,
  cleared: V,
): ReadonlyMap<string, V> {
  const target = { source, sourceLayer: TILE_SOURCES[source] };
  for (const pcode of previous.keys()) {
    if (!next.has(pcode)) map.setFeatureState({ ...target, id: pcode }, { [key]: cleared });
  }
  for (const [pcode, value] of next) {
    if (previous.get(pcode) !== value) map.setFeatureState({ ...target, id: pcode }, { [key]: value });
  }
  return next;
}
