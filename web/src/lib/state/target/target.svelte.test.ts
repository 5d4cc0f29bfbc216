import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors.ts';
import type { TargetingRequest } from '../../api/target.ts';
import { CatalogueState } from '../catalogue.svelte.ts';
import { fakeApi } from '../../testing/fake-api.ts';
import { UnitIndexState } from '../unit-index.svelte.ts';
import { fakeTargetApi, UNITS } from '../../testing/target-fake-api.ts';
import { TargetState } from './target.svelte.ts';
import { ViewState } from '../view.svelte.ts';

const [CRIMEA, B, C, D, E] = UNITS;

async function setup(search = '?v=target&tm=cpi', api = fakeTargetApi()) {
  const atlas = fakeApi();
  const catalogue = new CatalogueState(atlas);
  await catalogue.load();
  const view = ViewState.fromSearch(search);
  const target = new TargetState({ api, view, catalogue, units: new UnitIndexState(atlas), search });
  return { api, view, target };
}

/** The ranked list as pcodes, best first. */
function order(target: TargetState): string[] {
  return [...target.scored!.ranking.order].map((u) => target.facts[u]!.pcode);
}

function score(target: TargetState, pcode: string): number {
  return target.scored!.run.score[target.indexOf.get(pcode)!]!;
}

describe('TargetState', () => {
  it('re-scores in the browser and ranks the hromadas the default filters keep (occupied left out)', async () => {
    const { target } = await setup();
    await target.activate();
    expect(target.status).toBe('ready');
    // CPI = mean of pressure (10 × occupied share) and capacity (10 × (1 − revenue/1000)); see the fake.
    expect(score(target, B)).toBeCloseTo(5.5, 12);
    expect(score(target, D)).toBeCloseTo(4.5, 12);
    expect(score(target, C)).toBeCloseTo(0.5, 12);
    expect(Number.isNaN(score(target, E))).toBe(true);
    expect(order(target)).toEqual([B, D, C]);
    expect(target.scored!.ranking.excluded).toEqual({ occupied: 1, unscored: 1 });
    // The model's fixed classes colour the map; Crimea is scored (and coloured) though left out of the list.
    const c = target.choropleth!;
    expect(c.classification.kind).toBe('fixed');
    expect(c.classOf.get(B)).toBe(3);
    expect(c.classOf.get(CRIMEA)).toBe(4);
    expect(c.classOf.has(E)).toBe(false);
  });

  it('moving a weight changes the ranking at once, with the change against the default weights', async () => {
    const { target } = await setup();
    await target.activate();
    target.setWeights('cpi', { pressure: 4 });
    // B: (4 × 2 + 9) / 5 = 3.4; D: (4 × 4 + 5) / 5 = 4.2.
    expect(score(target, B)).toBeCloseTo(3.4, 12);
    expect(score(target, D)).toBeCloseTo(4.2, 12);
    expect(order(target)).toEqual([D, B, C]);
    const ranks = target.scored!.ranking.ranks;
    const before = target.baseline!.ranking.ranks;
    expect(before[target.indexOf.get(D)!]! - ranks[target.indexOf.get(D)!]!).toBe(1);
    expect(target.scored!.ms).toBeGreaterThanOrEqual(0);
    expect(target.query).toEqual({ tm: 'cpi', twc: 'pressure:4' });
  });

  it('reopens the same weights, filters and budget from its URL', async () => {
    const { target } = await setup('?v=target&tm=cpi&twc=pressure:4&tb=2000000&tfx=0&tfo=UA12,UA59');
    await target.activate();
    expect(target.weightsOf('cpi')).toEqual({ pressure: 4 });
    expect(target.budget).toBe(2_000_000);
    expect(target.filters.excludeOccupied).toBe(false);
    // Crimea stays out (oblast filter), the oblasts kept are UA12 and UA59.
    expect(order(target)).toEqual([D, B, C]);
    expect(target.query).toEqual({ tm: 'cpi', twc: 'pressure:4', tb: '2000000', tfx: '0', tfo: 'UA12,UA59' });
  });

  it('opens a saved scenario named by the link and keeps its id while the weights are unchanged', async () => {
    const api = fakeTargetApi();
    api.scenarios.set('abc', {
      id: 'abc',
      modelId: 'cpi',
      modelVersion: '1',
      name: 'East',
      description: null,
      weights: { pressure: 4, capacity: 1 },
      aggregation: null,
      useProxies: true,
      createdAt: '2025-06-01T00:00:00Z',
    });
    const { target } = await setup('?v=target&tm=cpi&tsc=abc', api);
    await target.activate();
    // The default weight (capacity 1) is not an override.
    expect(target.weightsOf('cpi')).toEqual({ pressure: 4 });
    expect(target.scenarioName()).toBe('East');
    expect(order(target)).toEqual([D, B, C]);
    expect(target.query.tsc).toBe('abc');
    target.setWeights('cpi', { pressure: 3 });
    expect(target.query.tsc).toBeUndefined();
    expect(target.query.twc).toBe('pressure:3');
  });

  it('says so when the scenario of a link is gone, and shows the weights the link carries', async () => {
    const { target } = await setup('?v=target&tm=cpi&tsc=gone&twc=pressure:2');
    await target.activate();
    expect(target.status).toBe('ready');
    expect(target.scenarios.missing).toBe('gone');
    expect(target.weightsOf('cpi')).toEqual({ pressure: 2 });
    expect(target.query.tsc).toBeUndefined();
  });

  it('computes π = CPI × Needs × (1 − coverage) and re-scores both indices', async () => {
    const { target } = await setup('?v=target');
    await target.activate();
    expect(target.priority).toBe('gap');
    // Needs = mean of economic (as capacity) and displacement (IDPs / 10): B 7, D 6.5, C 1 (covered: π 0).
    expect(score(target, B)).toBeCloseTo(5.5 * 7, 10);
    expect(score(target, D)).toBeCloseTo(4.5 * 6.5, 10);
    expect(score(target, C)).toBe(0);
    expect(order(target)).toEqual([B, D, C]);
    const thresholds = target.choropleth!.classification.thresholds;
    expect(thresholds.length).toBeGreaterThan(0);
    target.setWeights('needs', { displacement: 5 });
    // Needs B: (9 + 5 × 5) / 6, D: (5 + 5 × 8) / 6.
    expect(score(target, D)).toBeCloseTo((4.5 * (5 + 40)) / 6, 10);
    expect(target.query).toEqual({ twn: 'displacement:5' });
    // π's classes (quintiles under the default weights) stay put while the weights move.
    expect(target.choropleth!.classification.thresholds).toEqual(thresholds);
  });

  it('applies the filters of POST /api/targeting to the list', async () => {
    const { target } = await setup();
    await target.activate();
    target.filters = { ...target.filters, oblasts: ['UA12'] };
    expect(order(target)).toEqual([B, C]);
    target.filters = { ...target.filters, oblasts: [], sector: 'protection' };
    expect(order(target)).toEqual([B, D]);
    target.filters = { ...target.filters, sector: null };
    // Per-capita costs need a population: D has none.
    target.cost = { type: 'per_capita', amount: 50 };
    expect(order(target)).toEqual([B, C]);
    expect(target.scored!.ranking.excluded.populationUnknown).toBe(1);
    expect(target.sectors).toEqual(['protection']);
  });

  it('finds the shortlist with the weights in the request, saving no scenario, and knows when it is out of date', async () => {
    // Issue #11 item 3: "Find" used to save a public scenario on every click.
    const { api, target } = await setup();
    await target.activate();
    target.setWeights('cpi', { pressure: 4 });
    target.filters = { ...target.filters, populationMin: 1000, minConfidence: 0.5 };
    target.budget = 1_000_000;
    await target.findShortlist();
    expect(api.calls.filter((c) => c.method === 'saveScenario')).toHaveLength(0);
    const request = api.calls.find((c) => c.method === 'target')!.args[0] as TargetingRequest;
    expect(request).toEqual({
      priority: 'cpi',
      weights: { pressure: 4 },
      filters: { excludeOccupied: true, populationMin: 1000, minConfidence: 0.5, currentSystemOnly: true },
      cost: { type: 'flat', amount: 500_000 },
      budget: 1_000_000,
      method: 'exact',
    });
    expect(target.shortlist.status).toBe('ready');
    expect([...target.shortlist.pcodes]).toEqual([B, D]);
    // The link carries the weights themselves, so it restores the view without any saved scenario.
    expect(target.query).toMatchObject({ tr: '1', tb: '1000000' });
    expect(target.query.tsc).toBeUndefined();
    expect(target.stale).toBe(false);
    target.budget = 2_000_000;
    expect(target.stale).toBe(true);
    target.budget = 1_000_000;
    await target.findShortlist();
    expect(api.calls.filter((c) => c.method === 'saveScenario')).toHaveLength(0);
  });

  it("downloads the server's files of the very request the shortlist answers", async () => {
    const { api, target } = await setup();
    expect(await target.shortlist.download('csv')).toBeNull();
    await target.activate();
    await target.findShortlist();
    const file = await target.shortlist.download('geojson');
    expect(file?.filename).toBe('shortlist.geojson');
    const call = api.calls.find((c) => c.method === 'exportShortlist')!;
    expect(call.args).toEqual([target.shortlist.request, 'geojson']);
    api.fail('exportShortlist', new ApiError(500, 'INTERNAL', 'boom', '/api/targeting'));
    expect(await target.shortlist.download('xlsx')).toBeNull();
    expect(target.shortlist.exportError?.message).toBe('boom');
    expect(target.shortlist.exporting).toBeNull();
  });

  it('shows why no shortlist was found', async () => {
    const { api, target } = await setup();
    await target.activate();
    api.fail(
      'target',
      new ApiError(422, 'UNPROCESSABLE', 'no community passes the filters', '/api/targeting'),
    );
    await target.findShortlist();
    expect(target.shortlist.status).toBe('error');
    expect(target.shortlist.error?.message).toBe('no community passes the filters');
  });

  it('finds the shortlist again when a link says it was found', async () => {
    const { api, target } = await setup('?v=target&tm=needs&tr=1');
    await target.activate();
    expect(target.shortlist.status).toBe('ready');
    const request = api.calls.find((c) => c.method === 'target')!.args[0] as TargetingRequest;
    expect(request.priority).toBe('needs');
    expect(request.scenario).toBeUndefined();
  });

  it('saves named scenarios for the customised models under π and puts their ids in the link', async () => {
    const { api, target } = await setup('?v=target');
    await target.activate();
    expect(target.customised).toBe(false);
    target.setWeights('needs', { displacement: 2 });
    expect(await target.saveScenario('East')).toBe(true);
    const posts = api.calls.filter((c) => c.method === 'saveScenario').map((c) => c.args[0]);
    expect(posts).toEqual([{ modelId: 'needs', name: 'East', weights: { displacement: 2 }, shared: false }]);
    expect(target.query).toEqual({ twn: 'displacement:2', tsn: 's1' });
    expect(target.shareSearch).toBe('?v=target&twn=displacement:2&tsn=s1');
    expect(target.scenarioName()).toBe('East');
  });

  it('reports a failed save with the API message', async () => {
    const { api, target } = await setup();
    await target.activate();
    target.setWeights('cpi', { pressure: 2 });
    api.fail(
      'saveScenario',
      new ApiError(400, 'BAD_REQUEST', 'body parameter weights: bad', '/api/scenarios'),
    );
    expect(await target.saveScenario('X')).toBe(false);
    expect(target.scenarios.saving).toBe('error');
    expect(target.scenarios.error?.message).toBe('body parameter weights: bad');
  });

  it('shows an error when the data does not load, and loads on retry', async () => {
    const api = fakeTargetApi();
    api.fail('coverage', new ApiError(0, 'NETWORK', 'down', '/api/coverage'));
    const { target } = await setup('?v=target&tm=cpi', api);
    await target.activate();
    expect(target.status).toBe('error');
    expect(target.error?.network).toBe(true);
    api.succeed('coverage');
    await target.retry();
    expect(target.status).toBe('ready');
  });

  it('loads a model once, when a priority first needs it', async () => {
    const { api, target } = await setup();
    await target.activate();
    await target.activate();
    await target.setPriority('needs');
    await target.setPriority('cpi');
    expect(api.calls.filter((c) => c.method === 'matrix').map((c) => c.args[0])).toEqual(['cpi', 'needs']);
    expect(api.calls.filter((c) => c.method === 'coverage')).toHaveLength(1);
  });

  it('describes a hromada for the tooltip and gives the legend for the PNG export', async () => {
    const { target } = await setup();
    await target.activate();
    const line = target.describe(B, 'en')!;
    expect(line.measure).toBe('Conflict Potential Index (CPI)');
    expect(line.value).toBe('5.5 / 10 · high');
    expect(line.detail).toBe('Rank 1 of 3');
    expect(target.describe(CRIMEA, 'en')!.detail).toBe('Does not pass the filters');
    const legend = target.legend('uk')!;
    expect(legend.entries.slice(0, 5).map((e) => e.colour)).toEqual(target.choropleth!.colours);
    // Only sources of inputs with data, with their periods and licences (the fake catalogue knows deepstate).
    // In Ukrainian the source's Ukrainian name and licence (issue #14, item 8: "Unclear" showed).
    expect(legend.sources).toEqual([
      'Знімки окупованих територій DeepStateMap (щоденно збирає cyterat/deepstate-map-data) (2025) · ' +
        'Невизначена (GPL-3.0 репозиторію стосується лише скриптів; умов повторного використання DeepState не вказано)',
    ]);
    expect(target.legend('en')!.sources).toEqual(['DeepState (2025) · Unclear']);
  });

  it('marks the weights whose indicators have no data at all', async () => {
    const { target } = await setup();
    await target.activate();
    expect([...target.models.cpi!.empty]).toEqual(['social']);
  });
});
