import { describe, expect, it } from 'vitest';
import { DEFAULT_COVERAGE } from './coverage-params.ts';
import { coverageExportHref, formatsOf, timelineBars, timelineSteps } from './coverage-export.ts';

const filtered = {
  ...DEFAULT_COVERAGE,
  organisation: 7,
  donor: 'USAID',
  sector: 'Education',
  status: 'active' as const,
  from: '2022',
  to: '2024-06-30',
};

describe('coverageExportHref', () => {
  it('carries every programme filter of the view to the sites, programmes and pivot tables', () => {
    const url = new URL(coverageExportHref('sites', 'csv', filtered, '2026-12-04'), 'http://x.test');
    expect(url.pathname).toBe('/api/coverage');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      format: 'csv',
      table: 'sites',
      organisation: '7',
      donor: 'USAID',
      sector: 'Education',
      status: 'active',
      activeFrom: '2022-01-01',
      activeTo: '2024-06-30',
    });
  });

  it('measures the gap as the map does: in the sector, on the end of the period or today', () => {
    const gap = new URL(coverageExportHref('gap', 'geojson', filtered, '2026-12-04'), 'http://x.test');
    expect(Object.fromEntries(gap.searchParams)).toEqual({
      format: 'geojson',
      table: 'gap',
      sector: 'Education',
      asOf: '2024-06-30',
    });
    const today = new URL(coverageExportHref('gap', 'csv', DEFAULT_COVERAGE, '2026-12-04'), 'http://x.test');
    expect(today.searchParams.get('asOf')).toBe('2026-12-04');
    expect(today.searchParams.has('sector')).toBe(false);
  });

  it('offers GeoJSON only for tables of places', () => {
    expect(formatsOf('pivot')).toEqual(['csv', 'xlsx']);
    expect(formatsOf('sites')).toContain('geojson');
  });
});

describe('the activity timeline', () => {
  const months = [
    { month: '2024-01', programmes: 1, sites: 3 },
    { month: '2024-02', programmes: 1, sites: 3 },
    { month: '2024-03', programmes: 0, sites: 0 },
    { month: '2024-04', programmes: 2, sites: 4 },
  ];

  it('draws one bar per month on a scale from zero, an idle month as no bar', () => {
    const bars = timelineBars(months, 400, 40);
    expect(bars.map((b) => b.height)).toEqual([20, 20, 0, 40]);
    expect(bars.map((b) => b.x)).toEqual([0, 100, 200, 300]);
    expect(bars[3]!.y).toBe(0);
    expect(timelineBars([], 400, 40)).toEqual([]);
  });

  it('reads as a table of the steps where activity changes', () => {
    expect(timelineSteps(months)).toEqual([
      { from: '2024-01', to: '2024-02', programmes: 1, sites: 3 },
      { from: '2024-03', to: '2024-03', programmes: 0, sites: 0 },
      { from: '2024-04', to: '2024-04', programmes: 2, sites: 4 },
    ]);
  });
});
