import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import GeoJSONVT, { type LegacyFeature } from 'geojson-vt';
import { fromGeojsonVt } from 'vt-pbf';
import { BUFFER, EXTENT, type TileCoord } from './tile-coords.ts';
import { isAllProperties, type BaseProperty } from './tile-properties.ts';
import type { ZoomBand } from './tile-geometry.ts';

// The tile path for engines without ST_AsMVT (PGlite): one geojson-vt index per level and zoom band, built
// once from the same simplified geometry as the SQL path, then encoded with vt-pbf (issue #5).

export interface BandFeature {
  fid: number;
  pcode: string;
  name_uk: string;
  name_en: string;
  parent_pcode: string | null;
  geometry: MultiPolygon;
}

export type TileProperties = Record<string, string | number>;

/** A geojson-vt index over one band's features, with the same clip buffer and extent as ST_AsMVTGeom. */
export function buildBandIndex(band: ZoomBand, features: readonly BandFeature[]): GeoJSONVT {
  const collection: FeatureCollection<MultiPolygon, TileProperties> = {
    type: 'FeatureCollection',
    features: features.map((f): Feature<MultiPolygon, TileProperties> => ({
      type: 'Feature',
      id: f.fid,
      geometry: f.geometry,
      properties: baseProperties(f),
    })),
  };
  return new GeoJSONVT(collection, {
    maxZoom: band.maxzoom,
    indexMaxZoom: Math.min(5, band.maxzoom),
    // The shapes are simplified already; one unit of 4096 only drops what quantisation collapses anyway,
    // as ST_AsMVTGeom does.
    tolerance: 1,
    extent: EXTENT,
    buffer: BUFFER,
  });
}

/** The properties every tile feature carries, named as in the SQL path. MVT has no null: absent instead. */
export function baseProperties(f: Omit<BandFeature, 'geometry' | 'fid'>): TileProperties {
  const p: TileProperties = { pcode: f.pcode, nameUk: f.name_uk, nameEn: f.name_en };
  if (f.parent_pcode !== null) p.parentPcode = f.parent_pcode;
  return p;
}

/**
 * Encodes one tile of an index as MVT v2 with the asked base properties, merging each feature's extra
 * properties (joined indicators or scores, by pcode). An empty tile is an empty body.
 */
export function renderVectorTile(
  index: GeoJSONVT,
  layer: string,
  tile: TileCoord,
  extras: ReadonlyMap<string, TileProperties> | null,
  properties: readonly BaseProperty[],
): Uint8Array {
  const found = index.getTile(tile.z, tile.x, tile.y);
  if (!found || found.features.length === 0) return new Uint8Array(0);
  const all = isAllProperties(properties);
  const features: LegacyFeature[] =
    extras || !all
      ? found.features.map((f) => {
          const own = f.tags ?? {};
          const tags: TileProperties = {};
          for (const p of properties) if (own[p] !== undefined) tags[p] = own[p] as string | number;
          const extra = extras?.get(String(own.pcode));
          return { ...f, tags: extra ? { ...tags, ...extra } : tags };
        })
      : found.features;
  return fromGeojsonVt({ [layer]: { features } }, { version: 2, extent: EXTENT });
}
