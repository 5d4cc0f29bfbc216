import { exportFileName, type ExportColumn, type ExportStamp } from './export-stamp.ts';
import type { FeatureMapping } from './geojson.ts';
import { toGeoJson } from './geojson.ts';
import { toHxlCsv } from './hxl-csv.ts';
import { toXlsx, XLSX_CONTENT_TYPE } from './xlsx.ts';

export type ExportFormat = 'csv' | 'xlsx' | 'geojson';

/** A table to export: the same columns and stamp in every format, and how rows map to features for GeoJSON. */
export interface ExportTable<R> {
  columns: ExportColumn<R>[];
  rows: R[];
  stamp: ExportStamp;
  /** Built only when GeoJSON is asked for: it needs the shapes, which the other formats do not. */
  features: () => Promise<FeatureMapping<R>>;
}

/** A file ready to send. */
export interface ExportFile {
  body: string | Uint8Array<ArrayBuffer>;
  contentType: string;
  fileName: string;
}

/**
 * The one way a table leaves the app as a file (CSV or XLSX with an HXL row, or GeoJSON), so that every
 * export of every feature carries the same stamp and file name.
 */
export async function exportTable<R>(table: ExportTable<R>, format: ExportFormat): Promise<ExportFile> {
  const { columns, rows, stamp } = table;
  const fileName = exportFileName(stamp, format);
  if (format === 'csv') {
    return { body: toHxlCsv(columns, rows, stamp), contentType: 'text/csv; charset=utf-8', fileName };
  }
  if (format === 'xlsx') {
    return {
      body: new Uint8Array(await toXlsx(columns, rows, stamp)),
      contentType: XLSX_CONTENT_TYPE,
      fileName,
    };
  }
  return {
    body: toGeoJson(rows, stamp, await table.features()),
    contentType: 'application/geo+json',
    fileName,
  };
}
