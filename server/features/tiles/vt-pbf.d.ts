// vt-pbf ships no types; this is the one function the tiles feature uses.
declare module 'vt-pbf' {
  import type { LegacyFeature } from 'geojson-vt';

  /** Encodes geojson-vt tiles, one per layer name, as one Mapbox Vector Tile. */
  export function fromGeojsonVt(
    layers: Record<string, { features: LegacyFeature[] }>,
    options?: { version?: number; extent?: number },
  ): Uint8Array;
}
