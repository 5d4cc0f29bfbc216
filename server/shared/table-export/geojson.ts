import type { Geometry } from 'geojson';
import type { ExportStamp } from './export-stamp.ts';

/** How a table's rows become GeoJSON features: which unit, which shape, which flat properties. */
export interface FeatureMapping<R> {
  id: (row: R) => string;
  geometry: (row: R) => Geometry | null;
  properties: (row: R) => Record<string, unknown>;
  /** Facts of the result that travel in the metadata after the stamp (e.g. whether a selection is optimal). */
  metadata?: Record<string, unknown>;
}

/**
 * A FeatureCollection of the rows. The stamp is a foreign member (RFC 7946 §6.1), `metadata`, so where the
 * numbers come from travels with the file into a GIS.
 */
export function toGeoJson<R>(rows: R[], stamp: ExportStamp, features: FeatureMapping<R>): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    metadata: { ...stamp, ...features.metadata },
    features: rows.map((row) => ({
      type: 'Feature',
      id: features.id(row),
      geometry: features.geometry(row),
      properties: features.properties(row),
    })),
  });
}
