import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { Coverage3w } from '../../api/coverage.ts';
import { CatalogueState } from '../../state/catalogue.svelte.ts';
import { CoverageState } from '../../state/coverage/coverage.svelte.ts';
import { UnitIndexState } from '../../state/unit-index.svelte.ts';
import { ViewState } from '../../state/view.svelte.ts';
import { fakeCoverageApi } from '../../testing/coverage-fixtures.ts';
import { fakeApi } from '../../testing/fake-api.ts';
import WithI18n from '../../testing/WithI18n.svelte';
import CoverageDownloads from './CoverageDownloads.svelte';

// Issue #14, item 7, as the donor sees it: downloads that carry the filters, the 3W with reach unknown apart
// from zero, and the activity chart with a table. FIXTURE answer, made by hand.
const row = (oblastPcode: string, reached: number | null, sitesReachKnown: number) => ({
  organisation: 'FIXTURE org',
  organisationUk: 'FIXTURE організація',
  sector: 'Health',
  oblastPcode,
  oblastNameUk: null,
  oblastNameEn: null,
  programmes: 1,
  communities: 2,
  sites: 2,
  reached,
  sitesReachKnown,
});
const ANSWER: Coverage3w = {
  pivot: [row('UA63', 0, 2), row('UA26', null, 0)],
  totals: { programmes: 1, organisations: 1, communities: 4, sites: 4, reached: 0, sitesReachKnown: 2 },
  timeline: [
    { month: '2024-01', programmes: 1, sites: 4 },
    { month: '2024-02', programmes: 0, sites: 0 },
  ],
};

async function html(lang: 'uk' | 'en') {
  const search = '?v=coverage&csec=Health&cto=2024';
  const api = fakeCoverageApi();
  api.coverage3w = async () => ANSWER;
  const atlas = fakeApi();
  const catalogue = new CatalogueState(atlas);
  const units = new UnitIndexState(atlas);
  await Promise.all([catalogue.load(), units.load()]);
  const state = new CoverageState({
    api,
    view: ViewState.fromSearch(search),
    catalogue,
    units,
    search,
    today: () => '2026-11-21',
  });
  await state.activate();
  const props = { state, oblastName: (p: string) => `oblast ${p}` };
  return render(WithI18n, { props: { lang, component: CoverageDownloads, props } }).body;
}

describe('CoverageDownloads', () => {
  it('links every table in its formats with the view filters, GeoJSON only for places', async () => {
    const body = (await html('en')).replaceAll('&amp;', '&');
    expect(body).toContain('/api/coverage?format=csv&table=sites&activeTo=2024-12-31&sector=Health');
    expect(body).toContain('/api/coverage?format=geojson&table=gap&sector=Health&asOf=2024-12-31');
    expect(body).not.toContain('format=geojson&table=pivot');
    expect(body.match(/id="coverage-export-/g)).toHaveLength(10);
  });

  it('shows a reported zero as 0 and an unreported reach as "not reported", in both languages', async () => {
    const en = await html('en');
    expect(en).toMatch(/People reached in all:\s*<strong[^>]*>0<\/strong>/);
    expect(en).toContain('reported for 2 of 4 sites');
    expect(en).toContain('not reported');
    expect(en).toContain('FIXTURE org');
    const uk = await html('uk');
    expect(uk).toContain('не вказано');
    expect(uk).toContain('FIXTURE організація');
    expect(uk).toContain('Активність програм за місяцями');
  });

  it('draws one bar per month and gives the same figures as a table', async () => {
    const body = await html('en');
    expect(body.match(/<rect /g)).toHaveLength(2);
    expect(body).toContain('Activity table');
    expect(body).toMatch(/Bar chart: programmes active each month from Jan 2024 to Feb 2024, at most 1/);
  });
});
