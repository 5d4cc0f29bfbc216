import { describe, expect, it } from 'vitest';
import { paletteColours } from '../../map/palettes.ts';
import { CatalogueState } from '../catalogue.svelte.ts';
import { fakeApi, settle } from '../../testing/fake-api.ts';
import { MeasureState } from './measure.svelte.ts';
import { ViewState } from '../view.svelte.ts';
import { measureSetup as setup } from '../../testing/measure-setup.ts';

describe('MeasureState', () => {
  it("loads an index's scores with classes, ranks and the sources of its inputs", async () => {
    const { measure, view } = await setup();
    await measure.load(view.measure, view.period);
    expect(measure.status).toBe('ready');
    const data = measure.data!;
    expect(data.kind).toBe('index');
    expect(data.values.get('UA6312027')).toBe(2.4);
    expect(data.values.has('UA0102003')).toBe(false);
    expect(data.ranked).toBe(3);
    expect(data.period).toBe('2023-07-25–2026-08-22');
    expect(data.scores?.get('UA6312001')?.class).toBe(5);
    expect(measure.meta?.name.en).toBe('Conflict Potential Index');
    expect(measure.meta?.sourceIds.sort()).toEqual(['deepstate', 'kse']);
    expect(measure.palette).toBe('ylorrd');
  });

  it('colours an index in its own palette before the catalogue is in, so the first map is not recoloured (B10)', async () => {
    const api = fakeApi();
    api.hold('models');
    const view = ViewState.fromSearch('');
    const catalogue = new CatalogueState(api);
    void catalogue.load();
    const measure = new MeasureState(api, view, catalogue);
    await measure.load(view.measure, view.period);
    expect(catalogue.status).toBe('loading');
    expect(measure.meta).toBeNull();
    // The colours the map is first given (the effect that applies them runs again when they change).
    const first = measure.choropleth?.colours;
    expect(first).toEqual(paletteColours('ylorrd', first!.length));
    api.release();
    await settle();
    expect(catalogue.status).toBe('ready');
    expect(measure.meta?.name.en).toBe('Conflict Potential Index');
    expect(measure.choropleth?.colours).toEqual(first);
  });

  it("classifies by the view's method: quantiles by default, the model's classes on request", async () => {
    const { measure, view } = await setup();
    await measure.load(view.measure, null);
    expect(measure.choropleth?.classification.kind).toBe('categories');
    view.method = 'fixed';
    const c = measure.choropleth!;
    expect(c.classification.kind).toBe('fixed');
    expect(c.classification.bins).toHaveLength(5);
    // The model's own classes (1-based) are the map's (0-based).
    for (const [pcode, cls] of c.classOf) expect(cls + 1).toBe(measure.data!.scores!.get(pcode)!.class);
  });

  it("loads an indicator for a period, with the indicator's unit, direction and palette", async () => {
    const { measure, view } = await setup('?m=indicator:occupied_share&p=2025-01-02');
    await measure.load(view.measure, view.period);
    expect(measure.data?.period).toBe('2025-01-02');
    expect(measure.data?.unit).toBe('share (0–1)');
    // Positional values back by pcode: a 0 stays a value, a unit without one stays absent.
    expect(measure.data?.values.get('UA6312001')).toBe(0.5);
    expect(measure.data?.values.get('UA6312027')).toBe(0);
    expect(measure.data?.values.has('UA0102003')).toBe(false);
    expect(measure.meta?.periods).toEqual(['2025-01-02', '2026-08-22']);
    expect(measure.meta?.sourceIds).toEqual(['deepstate']);
    view.palette = 'cividis';
    expect(measure.palette).toBe('cividis');
    expect(measure.choropleth?.colours[0]).toBe('#fee838');
  });

  it('fetches a measure once and shows it again from memory', async () => {
    const { api, measure } = await setup();
    await measure.load('indicator:idps_per_1000', null);
    await measure.load('index:cpi', null);
    await measure.load('indicator:idps_per_1000', null);
    expect(api.calls.filter((c) => c.method === 'indicatorValues' || c.method === 'scores')).toHaveLength(2);
    expect(measure.data?.key).toBe('indicator:idps_per_1000');
  });

  it('fetches the shown measure again after an edit invalidated what was fetched (issue #13: a new round)', async () => {
    const { api, measure, view } = await setup();
    await measure.load(view.measure, view.period);
    await measure.invalidate();
    expect(api.calls.filter((c) => c.method === 'scores')).toHaveLength(2);
    expect(measure.data?.key).toBe(view.measure);
    expect(measure.status).toBe('ready');
  });

  it('cancels a slower earlier request: the last measure asked for wins', async () => {
    const { api, measure } = await setup();
    api.hold('scores');
    const first = measure.load('index:cpi', null);
    const second = measure.load('indicator:idps_per_1000', null);
    await second;
    api.release();
    await first;
    await settle();
    expect(measure.data?.key).toBe('indicator:idps_per_1000');
    expect(measure.status).toBe('ready');
  });

  it('reports an unknown indicator as an error', async () => {
    const { measure, view } = await setup();
    view.setMeasure('indicator:nope');
    await measure.load(view.measure, null);
    expect(measure.status).toBe('error');
    expect(measure.error?.message).toBe('no indicator nope');
    expect(measure.meta).toBeNull();
  });

  it("loads the coverage gap from /api/coverage, with the Needs index's inputs as its sources", async () => {
    const { api, measure, view } = await setup('?m=index:gap');
    await measure.load(view.measure, null);
    expect(api.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['coverageGap', 'scores']));
    expect(api.calls.find((c) => c.method === 'scores')?.args).toEqual(['needs']);
    const data = measure.data!;
    expect(data.values.get('UA6312001')).toBe(8);
    expect(data.values.has('UA0502001')).toBe(false);
    expect(data.asOf).toBe('2026-11-21');
    expect(data.classes).toBeNull();
    expect(measure.meta?.name.en).toBe('Coverage gap');
    expect(measure.meta?.sourceNote?.en).toBe(
      'coverage: programmes recorded in the Atlas (see Data sources)',
    );
    expect(measure.meta?.sourceIds.sort()).toEqual(['deepstate', 'kse']);
  });

  it("follows another key than the view's measure when asked to (a bivariate map's second)", async () => {
    const api = fakeApi();
    const view = ViewState.fromSearch('?m2=indicator:population_2022');
    const catalogue = new CatalogueState(api);
    await catalogue.load();
    const second = new MeasureState(api, view, catalogue, () => view.measure2);
    expect(second.meta?.name.en).toBe('Population');
    view.setMeasure2(null);
    expect(second.meta).toBeNull();
  });

  it('tells the coverage gap from an index before the catalogue has loaded', async () => {
    const api = fakeApi();
    const view = ViewState.fromSearch('?m=index:gap');
    const catalogue = new CatalogueState(api);
    const measure = new MeasureState(api, view, catalogue);
    await measure.load(view.measure, null);
    expect(measure.status).toBe('ready');
    expect(measure.data?.values.get('UA6312001')).toBe(8);
    expect(api.calls.some((c) => c.method === 'scores' && c.args[0] === 'gap')).toBe(false);
  });

  it("asks for the default index's scores without waiting for the catalogue to say what it is (B10)", async () => {
    const api = fakeApi();
    const view = ViewState.fromSearch('?m=index:cpi');
    const catalogue = new CatalogueState(api);
    const measure = new MeasureState(api, view, catalogue);
    api.hold('models');
    const loading = measure.load(view.measure, null);
    await Promise.resolve();
    expect(api.calls.map((c) => c.method)).toContain('scores');
    api.release();
    await loading;
    expect(measure.status).toBe('ready');
    expect(measure.data?.classes).not.toBeNull();
  });
});
