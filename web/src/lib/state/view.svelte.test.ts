import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW } from './view-params.ts';
import { ViewState } from './view.svelte.ts';

describe('ViewState', () => {
  it('opens the view a URL describes and writes it back', () => {
    const search = '?m=indicator:idps_per_1000&c=equal&sel=UA6312027&lang=en&at=7/49.99/36.25';
    const view = ViewState.fromSearch(search);
    expect(view.measure).toBe('indicator:idps_per_1000');
    expect(view.method).toBe('equal');
    expect(view.selected).toBe('UA6312027');
    expect(view.lang).toBe('en');
    expect(view.camera).toEqual({ zoom: 7, lat: 49.99, lon: 36.25 });
    expect(view.search).toBe(search);
  });

  it('keeps `search` in step with every change', () => {
    const view = new ViewState();
    expect(view.search).toBe('');
    view.select('UA6312027');
    expect(view.search).toBe('?sel=UA6312027');
    view.toggleLang();
    expect(view.search).toBe('?sel=UA6312027&lang=en');
    view.camera = { zoom: 6, lat: 48.5, lon: 31.2 };
    expect(view.search).toBe('?sel=UA6312027&lang=en&at=6/48.5/31.2');
    view.select(null);
    view.toggleLang();
    view.camera = null;
    expect(view.search).toBe('');
  });

  it('starts a new measure at its latest period', () => {
    const view = new ViewState({ measure: 'indicator:occupied_share', period: '2025-01-02' });
    view.setMeasure('indicator:idps_per_1000');
    expect(view.period).toBeNull();
  });

  it("drops the model's classes for an indicator, which has none", () => {
    const view = new ViewState({ method: 'fixed' });
    view.setMeasure('index:needs');
    expect(view.method).toBe('fixed');
    view.setMeasure('indicator:idps_per_1000');
    expect(view.method).toBe('quantile');
  });

  it('keeps the Explore layers in the URL', () => {
    const view = new ViewState();
    view.setMeasure2('index:gap');
    view.hotspots = 'lisa';
    view.occupied = '2026-08-22';
    view.labels = false;
    expect(view.search).toBe('?m2=index:gap&hs=lisa&occ=2026-08-22&lbl=0');
    expect(ViewState.fromSearch(view.search).params()).toEqual(view.params());
  });

  it('never shows a measure against itself', () => {
    const view = new ViewState({ measure: 'index:cpi' });
    view.setMeasure2('index:cpi');
    expect(view.measure2).toBeNull();
    view.setMeasure2('index:needs');
    view.setMeasure('index:needs');
    expect(view.measure).toBe('index:needs');
    expect(view.measure2).toBeNull();
  });

  it('replaces the whole view at once', () => {
    const view = ViewState.fromSearch('?sel=UA6312027&ob=UA63');
    view.assign({ ...DEFAULT_VIEW });
    expect(view.params()).toEqual(DEFAULT_VIEW);
  });
});
