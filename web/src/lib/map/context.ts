import type { Layer } from '@deck.gl/core';
import type { LayerSpecification, Map as MaplibreMap } from 'maplibre-gl';
import { getContext, setContext } from 'svelte';
import type { DeckModules } from './deck.ts';

// How layer components reach the map (STYLE §13, after svelte-maplibre-gl): MapView renders its children only
// once the map has loaded, so `map` is always ready for them.

/** Draw order of the MapLibre layers (lower is drawn first); ids are stable. */
export const LAYER_ORDER = {
  'land-fill': 5,
  'hromada-fill': 10,
  'hotspot-fill': 11,
  'target-veil': 12,
  'occupied-fill': 14,
  'hromada-line': 20,
  'change-marked': 24,
  'assessed-line': 24.5,
  'hotspot-line': 25,
  'hotspot-dash': 25.5,
  'occupied-line': 26,
  'raion-line': 30,
  'oblast-line': 40,
  'target-casing': 42,
  'target-line': 43,
  'highlight-casing': 50,
  'highlight-line': 51,
} as const;

/** Draw order of the deck.gl layers in the one overlay, over the map (lower is drawn first). */
export const DECK_ORDER = {
  'coverage-sites': 8,
  'oblast-labels': 20,
  'hromada-labels': 30,
} as const;

export type MapLayerId = keyof typeof LAYER_ORDER;
/** The boundaries, as vector tiles from /tiles (issue #5), each source one tile layer of one level. */
export const TILE_SOURCES = { hromadas: 'hromada', raions: 'raion', oblasts: 'oblast' } as const;
export type TileSourceId = keyof typeof TILE_SOURCES;
export type SourceId = TileSourceId | 'occupied';
export type DeckLayerId = keyof typeof DECK_ORDER;

/** What a layer over a boundary source names: the source and its one tile layer. */
export function tileSource(id: TileSourceId): { source: TileSourceId; 'source-layer': string } {
  return { source: id, 'source-layer': TILE_SOURCES[id] };
}

export interface MapContext {
  readonly map: MaplibreMap;
  /** The zoom, to a quarter step (layers that change with zoom follow it without redrawing every frame). */
  readonly zoom: number;
  /** Adds a MapLibre layer at its place in LAYER_ORDER, whatever order the components mount in. */
  addLayer(spec: LayerSpecification & { id: MapLayerId }): void;
  removeLayer(id: MapLayerId): void;
  /** Adds a GeoJSON source once (its features' `pcode` becomes the feature id, for feature-state). */
  ensureSource(id: 'occupied', data: GeoJSON.FeatureCollection): void;
  /**
   * Adds a boundary source once: the level's vector tiles (GET /tiles/{level}), pcode as the feature id for
   * feature-state, and no names in the tiles (the unit index has them).
   */
  ensureTileSource(id: TileSourceId): void;
  /** Puts (or with null, takes away) a deck.gl layer in the one overlay. */
  setDeckLayer(id: DeckLayerId, layer: Layer | null): void;
  /**
   * deck.gl's layer classes, once the first choropleth is painted (or the map has had time to paint one):
   * deck.gl is a chunk loaded when first used, after the first map (issue #15, item 1). Null until then.
   */
  readonly deck: DeckModules | null;
  /** Says that the choropleth's colours are set: the map marks itself `data-first-paint` once it has drawn them. */
  choroplethSet(): void;
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
