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
  scenario?: { id: string; name: string | null } | null;
  /** What the file calls the scenario (scenarioName); the id alone says nothing to a reader. */
  scenarioName?: string;
  asOf?: string | null;
  generatedAt: string;
  dataVersion: string;
  sources: { id: string; name: string; licence: string; attribution: string }[];
  /** The request that produced the table (filters, weights, budget …), as sent; GeoJSON carries it. */
  request?: unknown;
  /**
   * The settings that chose these rows, in words (issue #14, item 10): filters, weights, budget … CSV and XLSX
   * carry them, so a file forwarded without its request still says what it is a list of.
   */
  context?: ExportContext[];
}

/** One setting of an export: "Budget" → "500,000 UAH". */
export interface ExportContext {
  label: string;
  /** The HXL attribute of its #meta column in the CSV: #meta+<key>. */
  key: string;
  value: string;
}

/**
 * What the file calls the scenario (issue #14, item 10): the name its author gave it; "unsaved scenario" when it
 * has no name of its own (a link's weights saved under their id) or when custom weights were sent without one;
 * "default weights" otherwise. Never the id twice ("EUfDv9mQ (EUfDv9mQ)").
 */
export function scenarioName(
  scenario: { id: string; name: string | null } | null | undefined,
  customWeights = false,
): string {
  const name = scenario?.name?.trim();
  if (scenario && name && name !== scenario.id) return name;
  if (scenario || customWeights) return 'unsaved scenario';
  return 'default weights';
}

/** Numbers as a reader wants them in a table: `digits` decimals, no floating-point tail (0.30000000000000004). */
export function rounded(v: number | null | undefined, digits: number): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  return Number(v.toFixed(digits));
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
