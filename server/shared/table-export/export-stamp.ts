// What every exported table is made of, whatever its format: the columns and the stamp of where it came from.

/** One exported column: a human header, its HXL hashtag (hxlstandard.org) and how to read it from a row. */
export interface ExportColumn<R> {
  header: string;
  hxl: string;
  value: (row: R) => string | number | boolean | null;
}

/** Where an export came from, stamped on every file so a figure can be traced back after it leaves the app. */
export interface ExportStamp {
  title: string;
  model?: { id: string; version: string };
  scenario?: { id: string; name: string } | null;
  asOf?: string | null;
  generatedAt: string;
  dataVersion: string;
  sources: { id: string; name: string; licence: string; attribution: string }[];
  /** The request that produced the table (filters, weights, budget …), as sent; GeoJSON carries it. */
  request?: unknown;
}

/** A file name that says what and when: `cpi-2026.11-1-default-2026-11-21.csv`. */
export function exportFileName(stamp: ExportStamp, extension: string): string {
  const parts = [
    stamp.model?.id ?? stamp.title,
    stamp.model?.version,
    stamp.scenario?.id ?? 'default',
    stamp.generatedAt.slice(0, 10),
  ];
  return `${parts
    .filter(Boolean)
    .join('-')
    .replace(/[^\w.-]+/g, '_')}.${extension}`;
}
