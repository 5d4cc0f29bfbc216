// What a donor takes away from the Coverage view (issue #14, item 7): download links that carry the view's
// filters to GET /api/coverage?format=…&table=…, and the geometry of the small programme-activity chart.

import { gapAsOf, periodWindow, type CoverageParams } from './coverage-params.ts';

export type ExportFormat = 'csv' | 'xlsx' | 'geojson';
/** The tables the API exports: the gap, the sites, the programmes and the 3W pivot. */
export type CoverageTable = 'gap' | 'sites' | 'programmes' | 'pivot';
export const COVERAGE_TABLES: readonly CoverageTable[] = ['sites', 'programmes', 'pivot', 'gap'];

/** Which formats each table has: the pivot and the programmes are not places, so they have no GeoJSON. */
export function formatsOf(table: CoverageTable): ExportFormat[] {
  return table === 'gap' || table === 'sites' ? ['csv', 'xlsx', 'geojson'] : ['csv', 'xlsx'];
}

/**
 * The programme filters of the view as API query parameters (the same as the list's and the 3W's), so a file
 * holds exactly the programmes the donor sees.
 */
export function programmeQueryOf(p: CoverageParams): Record<string, string> {
  const q: Record<string, string> = { ...periodWindow(p) };
  if (p.organisation !== null) q.organisation = String(p.organisation);
  if (p.donor !== null) q.donor = p.donor;
  if (p.sector !== null) q.sector = p.sector;
  if (p.status !== null) q.status = p.status;
  return q;
}

/**
 * The link of one download. The gap is measured as the map's gap is: on the period's end (or today) and in
 * the chosen sector; the other tables take every programme filter.
 */
export function coverageExportHref(
  table: CoverageTable,
  format: ExportFormat,
  p: CoverageParams,
  today: string,
  base = '',
): string {
  const q = new URLSearchParams({ format, table });
  if (table === 'gap') {
    if (p.sector !== null) q.set('sector', p.sector);
    q.set('asOf', gapAsOf(p, today));
  } else {
    for (const [k, v] of Object.entries(programmeQueryOf(p))) q.set(k, v);
  }
  return `${base}/api/coverage?${q}`;
}

export interface TimelineMonth {
  month: string;
  programmes: number;
  sites: number;
}

export interface TimelineBar {
  month: string;
  x: number;
  y: number;
  width: number;
  height: number;
  programmes: number;
}

/**
 * Bars of active programmes per month in a `width` × `height` box: one bar per month, heights on one scale
 * from zero (a bar's height is its count; no month is left out, so a gap in activity shows as a gap).
 */
export function timelineBars(months: readonly TimelineMonth[], width: number, height: number): TimelineBar[] {
  if (months.length === 0) return [];
  const max = Math.max(1, ...months.map((m) => m.programmes));
  const step = width / months.length;
  return months.map((m, i) => {
    const h = (m.programmes / max) * height;
    return {
      month: m.month,
      x: i * step,
      y: height - h,
      width: Math.max(step - 1, 0.5),
      height: h,
      programmes: m.programmes,
    };
  });
}

/** The timeline's table alternative: months with activity change, so a decade reads as a few lines. */
export function timelineSteps(
  months: readonly TimelineMonth[],
): { from: string; to: string; programmes: number; sites: number }[] {
  const out: { from: string; to: string; programmes: number; sites: number }[] = [];
  for (const m of months) {
    const last = out.at(-1);
    if (last && last.programmes === m.programmes && last.sites === m.sites) last.to = m.month;
    else out.push({ from: m.month, to: m.month, programmes: m.programmes, sites: m.sites });
  }
  return out;
}
