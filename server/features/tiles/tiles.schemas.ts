// Response shapes of the tile API. It follows Martin's (maplibre/martin) rather than OpenAPI routes, so that
// a stock MapLibre `{ type: 'vector', url: '/tiles/hromada' }` works and a real tile server could replace it
// (STYLE §10).

/** GET /tiles: Martin's catalogue (`tiles` by source id), plus what `?indicators=` can join. */
export interface TilesCatalog {
  tiles: Record<string, { content_type: string; name: string; description: string }>;
  dataVersion: string;
  renderer: 'postgis' | 'geojson-vt';
  joinable: { id: string; kind: 'indicator' | 'index'; description: string; layers: string[] }[];
}

/** GET /tiles/:source: TileJSON 3.0.0 (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0). */
export interface TileJson {
  tilejson: '3.0.0';
  name: string;
  description: string;
  version: string;
  attribution: string;
  scheme: 'xyz';
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds: [number, number, number, number];
  center: [number, number, number];
  vector_layers: {
    id: string;
    description: string;
    minzoom: number;
    maxzoom: number;
    /** Property name → "Type: description" (TileJSON leaves the value free; Martin gives the type). */
    fields: Record<string, string>;
  }[];
  /** Not in the spec (which allows extra keys): the data version the tile URLs are pinned to. */
  dataVersion: string;
}
