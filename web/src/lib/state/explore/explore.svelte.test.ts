import { FILL_COLOUR } from '../../map/layers/hotspot-fill.ts';
import { describe, expect, it } from 'vitest';
import { BIVARIATE_COLOURS, NO_DATA_COLOUR } from '../../map/palettes.ts';
import { cellOf } from '../../map/bivariate.ts';
import { ExploreState } from './explore.svelte.ts';
import { COVERAGE_GAP, settle, SCORES } from '../../testing/fake-api.ts';
import { measureSetup } from '../../testing/measure-setup.ts';
import { fakeRoundsApi } from '../../testing/rounds-fixtures.ts';

async function setup(search = '') {
  const { api, view, catalogue, measure } = await measureSetup(search);
  const explore = new ExploreState({ measure, api, view, catalogue, rounds: fakeRoundsApi() });
  await measure.load(view.measure, view.period);
  // What follow()'s effects run in the app, when the view changes.
  const sync = async () => {
    explore.syncSecond();
    explore.syncHotspots();
    explore.syncOccupied();
    await settle();
    await settle();
  };
  await sync();
  return { api, view, catalogue, measure, explore, sync };
}

describe('ExploreState', () => {
  it('colours the map by the one measure while there is no second', async () => {
    const { explore, measure } = await setup();
    expect(explore.bivariate).toBeNull();
    expect(explore.choropleth).toEqual(measure.choropleth);
    const line = explore.describe('UA6312027', 'en')!;
    expect(line.measure).toBe('Conflict Potential Index');
    expect(line.value).toContain('/ 10');
    expect(explore.describe('UA0102003', 'en')!.swatch).toBe(NO_DATA_COLOUR);
  });

  it('makes a bivariate map of CPI × coverage gap, from the two measures the API gives', async () => {
    const { explore, api, view, sync } = await setup('?m2=index:gap');
    expect(api.calls.map((c) => c.method)).toContain('coverageGap');
    const b = explore.bivariate!;
    expect(b).not.toBeNull();
    expect(explore.choropleth).toEqual(b);
    // Only hromadas with a CPI score and a gap: UA6312027 (2.4, 0) and UA6312001 (7.1, 8).
    const both = SCORES.units
      .filter((u) => u.score !== null && COVERAGE_GAP.units.find((g) => g.pcode === u.pcode)?.gap != null)
      .map((u) => u.pcode)
      .sort();
    expect([...b.classOf.keys()].sort()).toEqual(both);
    expect(cellOf(b.classOf.get('UA6312027')!)).toEqual({ row: 0, col: 0 });
    expect(cellOf(b.classOf.get('UA6312001')!)).toEqual({ row: 2, col: 2 });

    const line = explore.describe('UA6312001', 'en')!;
    expect(line.measure).toBe('Conflict Potential Index × Coverage gap');
    expect(line.detail).toBe('high × high');
    expect(line.swatch).toBe(BIVARIATE_COLOURS[2]![2]);
    expect(explore.describe('UA0502001', 'en')!.swatch).toBe(NO_DATA_COLOUR);

    const legend = explore.legend('en')!;
    expect(legend.title).toBe('Conflict Potential Index × Coverage gap');
    expect(legend.grid?.colours).toEqual(BIVARIATE_COLOURS);
    expect(legend.grid?.xLabel).toBe('Conflict Potential Index');
    expect(legend.grid?.yLabel).toBe('Coverage gap');
    expect(legend.grid?.xTicks).toHaveLength(b.x.bins.length);
    // The gap's sources: the Needs index's inputs and the programmes note.
    expect(legend.sources).toContain('coverage: programmes recorded in the Atlas (see Data sources)');

    view.setMeasure2(null);
    await sync();
    expect(explore.bivariate).toBeNull();
  });

  it('loads the hot spots of the index on the map and shows them in the legend and tooltip', async () => {
    const { explore, api, view, sync } = await setup('?m=index:needs&hs=lisa');
    expect(api.calls.find((c) => c.method === 'hotspots')?.args).toEqual(['needs', 'lisa']);
    expect(explore.hotspots.watchList.map((u) => u.pcode)).toEqual(['UA6312027']);
    expect(explore.describe('UA6312027', 'en')!.detail).toContain('Low among high (watch)');
    const overlay = explore.legend('en')!.overlays![0]!;
    expect(overlay.title).toBe('LISA clusters — Needs Index');
    expect(overlay.entries.map((e) => e.label)).toEqual([
      'High among high (cluster) (1)',
      'Low among low (cluster) (0)',
      'High among low (outlier) (0)',
      'Low among high (watch) (1)',
    ]);
    expect(overlay.note).toContain('q ≤ 0.05');

    // The cluster and significance maps (issue #14 item 12) put their own fill classes in the legend (the PNG's).
    explore.hotspots.display = 'cluster';
    expect(explore.legend('en')!.overlays![0]!.entries.map((e) => [e.colour, e.label])).toEqual([
      ['#ff0000', 'High among high (cluster) (1)'],
      ['#0000ff', 'Low among low (cluster) (0)'],
      ['#a7adf9', 'Low among high (watch) (1)'],
      ['#f4ada8', 'High among low (outlier) (0)'],
      ['#eeeeee', 'not significant (1)'],
      ['#9a9a9a', 'left out (1)'],
    ]);
    explore.hotspots.display = 'significance';
    // Benjamini–Hochberg: classed by q (0.004 and 0.01), so named q.
    expect(explore.legend('uk')!.overlays![0]!.entries.map((e) => e.label)).toEqual([
      'q ≤ 0,001 (0)',
      'q ≤ 0,01 (2)',
      'q ≤ 0,05 (0)',
      'незначущі (1)',
      'поза аналізом (1)',
    ]);
    const tip = explore.describe('UA6312001', 'en')!;
    expect(tip.swatch).toBe(FILL_COLOUR.p2);
    expect(tip.detail).toContain('q ≤ 0.01 · q = 0.004');
    explore.hotspots.display = 'outline';

    // An indicator has no hot spots: the layer goes away without asking the server.
    view.setMeasure('indicator:idps_per_1000');
    await sync();
    expect(explore.hotspotModel).toBeNull();
    expect(explore.hotspots.data).toBeNull();
    expect(api.calls.filter((c) => c.method === 'hotspots')).toHaveLength(1);
  });

  it('computes no hot spots for the coverage gap, which the API has none for', async () => {
    const { explore, api } = await setup('?m=index:gap&hs=gi');
    expect(explore.hotspotModel).toBeNull();
    expect(api.calls.some((c) => c.method === 'hotspots')).toBe(false);
  });

  it('draws the occupied area of the date asked for, with its source and licence', async () => {
    const { explore, view, sync } = await setup('?occ=2025-01-02');
    expect(explore.occupied.snapshots).toHaveLength(2);
    expect(explore.occupied.data?.metadata.date).toBe('2025-01-02');
    const legend = explore.legend('en')!;
    const overlay = legend.overlays!.find((o) => o.title === 'Occupied area')!;
    expect(overlay.entries[0]).toMatchObject({ swatch: 'hatch' });
    expect(overlay.entries[0]!.label).toContain('as of');
    expect(overlay.note).toBe('DeepStateMap (Unclear)');
    view.occupied = null;
    await sync();
    expect(explore.occupied.data).toBeNull();
    expect(explore.legend('en')!.overlays).toBeUndefined();
  });

  it("lists the measure's sources with their licences", async () => {
    const { explore } = await setup('?m=indicator:idps_per_1000');
    // In Ukrainian the source's Ukrainian texts (issue #14, item 8), in English the catalogue's own.
    const [line] = explore.legend('uk')!.sources;
    expect(line).toMatch(/^Інститут Київської школи економіки, .* Ліцензія: MIT\.$/);
    expect(explore.legend('en')!.sources[0]).toMatch(/^KSE Institute .*MIT\.$/);
  });

  it('shows the change map instead of the measure while a component is chosen, and the measure again after', async () => {
    const { explore, measure } = await setup();
    explore.change.component = 'cohesion_trust';
    explore.change.sync();
    await settle();
    expect(explore.choropleth).toEqual(explore.change.choropleth);
    expect(explore.choropleth!.classOf.get('UA6312027')).toBe(4);
    // The component's one wording (server/model/assessment-components.ts).
    expect(explore.describe('UA6312027', 'en')!.measure).toBe('Change: Community cohesion and trust');
    expect(explore.legend('en')!.title).toBe('Change: Community cohesion and trust');
    explore.change.component = null;
    expect(explore.choropleth).toEqual(measure.choropleth);
    expect(explore.legend('en')!.title).toBe('Conflict Potential Index');
  });
});
