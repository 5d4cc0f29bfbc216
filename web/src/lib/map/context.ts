import type { Layer } from '@deck.gl/core';
import type { LayerSpecification, Map as MaplibreMap } from 'maplibre-gl';
import { getContext, setContext } from 'svelte';

// How layer components reach the map (STYLE §13, after svelte-maplibre-gl): MapView renders its children only
// once the map has loaded, so `map` is always ready for them.

/** Draw order of the MapLibre layers (lower is drawn first); ids are stable. */
export const LAYER_ORDER = {
  'land-fill': 5,
  'hromada-fill': 10,
  'occupied-fill': 14,
  'hromada-line': 20,
  'hotspot-line': 25,
  'occupied-line': 26,
  'raion-line': 30,
  'oblast-line': 40,
} as const;

/** Draw order of the deck.gl layers in the one overlay (lower is drawn first). */
export const DECK_ORDER = {
  'target-shortlist': 5,
  'coverage-sites': 8,
  'hromada-highlight': 10,
  'oblast-labels': 20,
  'hromada-labels': 30,
} as const;

export type MapLayerId = keyof typeof LAYER_ORDER;
export type SourceId = 'hromadas' | 'raions' | 'oblasts' | 'occupied';
export type DeckLayerId = keyof typeof DECK_ORDER;

export interface MapContext {
  readonly map: MaplibreMap;
  /** The zoom, to a quarter step (layers that change with zoom follow it without redrawing every frame). */
  readonly zoom: number;
  /** Adds a MapLibre layer at its place in LAYER_ORDER, whatever order the components mount in. */
  addLayer(spec: LayerSpecification & { id: MapLayerId }): void;
  removeLayer(id: MapLayerId): void;
  /** Adds a GeoJSON source once (its features' `pcode` becomes the feature id, for feature-state). */
  ensureSource(id: SourceId, data: GeoJSON.FeatureCollection): void;
  /** Puts (or with null, takes away) a deck.gl layer in the one overlay. */
  setDeckLayer(id: DeckLayerId, layer: Layer | null): void;
}

const KEY = Symbol('atlas-map');

export function setMapContext(ctx: MapContext): void {
  setContext(KEY, ctx);
}

export function getMapContext(): MapContext {
  const ctx = getContext<MapContext | undefined>(KEY);
  if (!ctx) throw new Error('map layers must be inside <MapView>');
  return ctx;
}
