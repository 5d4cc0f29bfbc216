import { describe, expect, it } from 'vitest';
import { activityTimeline, pivot3w, reachTotals, type SiteFacts } from './coverage-3w.ts';

// FIXTURE sites, made by hand: two organisations, two oblasts, reach known on some sites only.
const site = (over: Partial<SiteFacts>): SiteFacts => ({
  code: 'P1',
  organisation: 'Org A',
  sector: 'Education',
  pcode: 'UA6312027',
  oblast_pcode: 'UA63',
  oblast_name_uk: 'Харківська',
  oblast_name_en: 'Kharkivska',
  period_start: '2024-01-01',
  period_end: '2024-03-31',
  reached: null,
  ...over,
});

const rows: SiteFacts[] = [
  site({ reached: 100 }),
  site({ pcode: 'UA6314017', reached: 50 }),
  site({ code: 'P2', pcode: 'UA6312027', period_start: '2024-03-01', period_end: null }),
  site({ organisation: 'Org B', pcode: 'UA2604019', oblast_pcode: 'UA26', reached: 0 }),
];

describe('pivot3w', () => {
  it('counts communities once per organisation × sector × oblast and keeps unknown reach apart from zero', () => {
    const p = pivot3w(rows);
    expect(p.map((r) => [r.organisation, r.oblastPcode])).toEqual([
      ['Org A', 'UA63'],
      ['Org B', 'UA26'],
    ]);
    expect(p[0]).toMatchObject({ programmes: 2, communities: 2, sites: 3, reached: 150, sitesReachKnown: 2 });
    // A reported zero is a zero: the site counts as known.
    expect(p[1]).toMatchObject({ communities: 1, reached: 0, sitesReachKnown: 1 });
  });

  it('says unknown (null), not 0, when no site reports people reached', () => {
    expect(pivot3w([site({})])[0]!.reached).toBeNull();
    expect(reachTotals([site({})]).reached).toBeNull();
  });

  it("carries the organisation's Ukrainian name where the data has one", () => {
    expect(pivot3w([site({ organisation_uk: 'Організація А' })])[0]!.organisationUk).toBe('Організація А');
    expect(pivot3w([site({})])[0]!.organisationUk).toBeNull();
  });
});

describe('reachTotals', () => {
  it('sums the known reach and counts programmes, organisations and communities once', () => {
    expect(reachTotals(rows)).toEqual({
      programmes: 2,
      organisations: 2,
      communities: 3,
      sites: 4,
      reached: 150,
      sitesReachKnown: 3,
    });
  });
});

describe('activityTimeline', () => {
  it('counts a site in every month its period overlaps, an open end running to today', () => {
    const t = activityTimeline(rows, '2024-05-10');
    expect(t.map((m) => m.month)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    expect(t[0]).toEqual({ month: '2024-01', programmes: 1, sites: 3 });
    expect(t[2]).toEqual({ month: '2024-03', programmes: 2, sites: 4 });
    expect(t[4]).toEqual({ month: '2024-05', programmes: 1, sites: 1 });
  });

  it('is empty without sites and bounded for a mistyped start', () => {
    expect(activityTimeline([], '2024-05-10')).toEqual([]);
    expect(
      activityTimeline([site({ period_start: '1900-01-01', period_end: null })], '2026-01-01'),
    ).toHaveLength(600);
  });
});
