// deck.gl (its layers, luma.gl, math.gl: ~240 KiB compressed) is not needed to paint the first choropleth,
// which is MapLibre's alone (issue #15, item 1): it is a chunk of its own, fetched once the first map is
// painted. Only types are imported statically here; `npm run` tests check the first chunk graph has no deck.gl.

import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { ScatterplotLayer, TextLayer } from '@deck.gl/layers';

export interface DeckModules {
  MapboxOverlay: typeof MapboxOverlay;
  TextLayer: typeof TextLayer;
  ScatterplotLayer: typeof ScatterplotLayer;
}

let loading: Promise<DeckModules> | undefined;

/** deck.gl's modules, imported once (a failed import is tried again next time). */
export function importDeck(): Promise<DeckModules> {
  loading ??= Promise.all([import('@deck.gl/mapbox'), import('@deck.gl/layers')]).then(
    ([mapbox, layers]) => ({
      MapboxOverlay: mapbox.MapboxOverlay,
      TextLayer: layers.TextLayer,
      ScatterplotLayer: layers.ScatterplotLayer,
    }),
    (err: unknown) => {
      loading = undefined;
      throw err;
    },
  );
  return loading;
}
