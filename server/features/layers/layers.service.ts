import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify, sphericalTriangleArea } from 'topojson-simplify';
import type { Objects, Topology } from 'topojson-specification';
import type { UnitLevel } from '../../db/schema.ts';
import type { Executor } from '../../db/executor.ts';
import { precompress, type Precompressed } from '../../shared/http-cache.ts';
import { findLayerUnits, findUnitIndexRows } from './layers.repository.ts';
import { buildUnitIndex } from './unit-index.ts';

/**
 * Visvalingam weight below which a vertex is dropped: the spherical area (steradians) of the triangle it
 * makes with its neighbours. 1e-10 sr ≈ 0.004 km² on the Earth. Simplification runs on the topology, so a
 * border shared by two units is one arc, simplified once, and stays shared (no new gaps or overlaps).
 */
export const MIN_WEIGHT = 1e-10;
/** Grid of the coordinates: 1e5 steps across the layer's bounding box (≈ 10–20 m over Ukraine). */
export const QUANTIZATION = 1e5;

export interface LayerUnit {
  pcode: string;
  name_uk: string;
  name_en: string;
  parent_pcode: string | null;
  geometry: Polygon | MultiPolygon | null;
}

interface LayerProperties {
  nameUk: string;
  nameEn: string;
  parentPcode: string | null;
}

/** A layer as TopoJSON text: one object named after the level, feature id = pcode. Pure; no I/O. */
export function buildLayerTopology(level: UnitLevel, units: LayerUnit[]): string {
  const collection: FeatureCollection<Polygon | MultiPolygon | null, LayerProperties> = {
    type: 'FeatureCollection',
    features: units.map((u): Feature<Polygon | MultiPolygon | null, LayerProperties> => ({
      type: 'Feature',
      id: u.pcode,
      properties: { nameUk: u.name_uk, nameEn: u.name_en, parentPcode: u.parent_pcode },
      geometry: u.geometry,
    })),
  };
  // Quantising while building snaps coincident border vertices together, so shared borders become shared
  // arcs; presimplify drops the quantisation, so it is applied again at the end.
  const topo = topology({ [level]: collection as FeatureCollection }, QUANTIZATION) as Topology<
    Objects<LayerProperties>
  >;
  const simplified = simplify(presimplify(topo, sphericalTriangleArea), MIN_WEIGHT);
  return JSON.stringify(quantize(simplified, QUANTIZATION));
}

export interface CachedLayer {
  body: string;
  /** Strong validator: a hash of the body. */
  etag: string;
  /** The body compressed once (gzip, brotli at maximum quality): no compression per request (issue #5). */
  encoded: Precompressed;
}

/**
 * Serialised layers by (level, data version). Building one takes a second or more, so concurrent requests
 * share one build; when the data version changes, the entries of older versions are dropped.
 */
export class LayerCache {
  readonly #entries = new Map<string, Promise<CachedLayer>>();

  get(level: UnitLevel, dataVersion: string, build: () => Promise<string>): Promise<CachedLayer> {
    const key = `${level}@${dataVersion}`;
    const cached = this.#entries.get(key);
    if (cached) return cached;
    for (const k of this.#entries.keys()) if (!k.endsWith(`@${dataVersion}`)) this.#entries.delete(k);
    const entry = build().then(async (body) => {
      const encoded = await precompress(body);
      return { body, etag: encoded.etag, encoded };
    });
    this.#entries.set(key, entry);
    // A failed build is not remembered: the next request tries again.
    entry.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return entry;
  }
}

export async function getLayer(
  db: Executor,
  cache: LayerCache,
  level: UnitLevel,
  dataVersion: string,
): Promise<CachedLayer> {
  return cache.get(level, dataVersion, async () =>
    buildLayerTopology(level, await findLayerUnits(db, level)),
  );
}

/** The level's unit index (names, boxes, label points; no shapes) as JSON, built once per data version. */
export async function getUnitIndex(
  db: Executor,
  cache: LayerCache,
  level: UnitLevel,
  dataVersion: string,
): Promise<CachedLayer> {
  return cache.get(level, dataVersion, async () =>
    JSON.stringify(buildUnitIndex(level, await findUnitIndexRows(db, level))),
  );
}
