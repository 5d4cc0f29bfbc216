import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors.ts';
import type { ProgrammeQuery } from '../../api/coverage.ts';
import { CatalogueState } from '../catalogue.svelte.ts';
import { fakeCoverageApi, OCCUPIED } from '../../testing/coverage-fixtures.ts';
import { COVERED_COLOUR, NONE_COLOUR } from './coverage-map.ts';
import { CoverageState } from './coverage.svelte.ts';
import { fakeApi, settle } from '../../testing/fake-api.ts';
import { fakeStrategiesApi } from '../../testing/strategies-fake-api.ts';
import { STAGE_COLOURS } from '../strategies/strategies-map.ts';
import { UnitIndexState } from '../unit-index.svelte.ts';
import { ViewState } from '../view.svelte.ts';
import { fakeRoundsApi } from '../../testing/rounds-fixtures.ts';
import { AssessedState } from './assessed.svelte.ts';

const TODAY = '2026-11-21';

async function setup(search = '?v=coverage') {
  const atlas = fakeApi();
  const api = fakeCoverageApi();
  const view = ViewState.fromSearch(search);
  const catalogue = new CatalogueState(atlas);
  const units = new UnitIndexState(atlas);
  await Promise.all([catalogue.load(), units.load()]);
  const state = new CoverageState({ api, view, catalogue, units, search, today: () => TODAY });
  return { api, view, state };
}

const callsOf = (api: ReturnType<typeof fakeCoverageApi>, method: string) =>
  api.calls.filter((c) => c.method === method).map((c) => c.args[0]);

describe('CoverageState', () => {
  it('reads its filters from the URL and writes back only what differs from the defaults', async () => {
    const { state } = await setup('?v=coverage&sel=UA6312027&cm=gap&csec=Health&cfrom=2016&cto=2019');
    expect(state.params).toMatchObject({ mode: 'gap', sector: 'Health', from: '2016', to: '2019' });
    expect(state.query).toEqual({ cm: 'gap', csec: 'Health', cfrom: '2016', cto: '2019' });
    expect(state.asOf).toBe('2019-12-31');
    await state.set({ mode: 'programmes', sector: null });
    expect(state.query).toEqual({ cfrom: '2016', cto: '2019' });
  });

  it('loads nothing until activated, then the programmes and the gap on today, once', async () => {
    const { api, state } = await setup();
    expect(state.status).toBe('idle');
    expect(api.calls).toEqual([]);
    const loading = state.activate();
    expect(state.status).toBe('loading');
    await loading;
    expect(state.status).toBe('ready');
    expect(callsOf(api, 'programmes')).toEqual([{}]);
    expect(callsOf(api, 'programmeSummary')).toEqual([{}]);
    expect(callsOf(api, 'coverage')).toEqual([{ asOf: TODAY }]);
    expect(callsOf(api, 'model')).toEqual(['needs']);
    expect(callsOf(api, 'indicatorValues')).toEqual(['occupied_share']);
    await state.activate();
    expect(api.calls).toHaveLength(5);
  });

  it('shows the list a page at a time while the map and the counts cover every programme (issue #11)', async () => {
    const { api, state } = await setup();
    // One programme a page: the API's pages, made small.
    const programmes = api.programmes;
    api.programmes = (q, signal) => programmes({ ...q, limit: 1 }, signal);
    await state.activate();
    expect(state.programmes.map((p) => p.code)).toEqual(['vets']);
    expect(state.hasMore).toBe(true);
    expect(state.list?.total).toBe(2);
    // The counts and the map come from the summary, not from the page.
    expect(state.summary).toMatchObject({ programmes: 2, organisations: 2, hromadas: 2 });
    expect(state.byHromada.get('UA6312027')).toMatchObject({
      count: 2,
      sectors: ['Health', 'Veteran reintegration'],
    });
    await state.more();
    expect(state.programmes.map((p) => p.code)).toEqual(['vets', 'health']);
    expect(state.hasMore).toBe(false);
    expect(callsOf(api, 'programmes').at(-1)).toMatchObject({ cursor: '1' });
    // A new filter starts again from the first page.
    await state.set({ sector: 'Health' });
    expect(state.programmes.map((p) => p.code)).toEqual(['health']);
  });

  it('passes the filters to the API: ids, names and the period as dates', async () => {
    const { api, state } = await setup(
      '?corg=2&cdon=European%20Union&csec=Health&cst=active&cfrom=2022&cto=2024',
    );
    await state.activate();
    expect(callsOf(api, 'programmes')).toEqual([
      {
        organisation: 2,
        donor: 'European Union',
        sector: 'Health',
        status: 'active',
        activeFrom: '2022-01-01',
        activeTo: '2024-12-31',
      } satisfies ProgrammeQuery,
    ]);
    expect(callsOf(api, 'coverage')).toEqual([{ asOf: '2024-12-31', sector: 'Health' }]);
    expect(state.programmes.map((p) => p.code)).toEqual(['health']);
  });

  it('refreshes the programmes and the gap after an edit (issue #6), and nothing before it is shown', async () => {
    const { api, state } = await setup();
    await state.refresh();
    expect(api.calls).toEqual([]);
    await state.activate();
    await state.refresh();
    expect([callsOf(api, 'programmes').length, callsOf(api, 'coverage').length]).toEqual([2, 2]);
    expect(state.status).toBe('ready');
  });

  it('reloads only what a change affects', async () => {
    const { api, state } = await setup();
    await state.activate();
    const count = (m: string) => callsOf(api, m).length;

    await state.set({ mode: 'gap', colourBy: 'count', includeOccupied: true });
    expect([count('programmes'), count('coverage')]).toEqual([1, 1]);

    await state.set({ organisation: 1 });
    expect([count('programmes'), count('coverage')]).toEqual([2, 1]);

    // A start of the period does not move the gap's date (still today); an end does.
    await state.set({ from: '2016' });
    expect([count('programmes'), count('coverage')]).toEqual([3, 1]);
    await state.set({ to: '2018' });
    expect([count('programmes'), count('coverage')]).toEqual([4, 2]);
    expect(callsOf(api, 'coverage').at(-1)).toEqual({ asOf: '2018-12-31' });

    await state.set({ sector: 'Health' });
    expect([count('programmes'), count('coverage')]).toEqual([5, 3]);
    // The needs model and the occupied areas are fetched once.
    expect([count('model'), count('indicatorValues')]).toEqual([1, 1]);
  });

  it('clears the programme filters and keeps the map mode', async () => {
    const { state } = await setup('?cm=gap&corg=1&cfrom=2024');
    await state.activate();
    expect(state.programmes).toEqual([]);
    await state.clearFilters();
    expect(state.query).toEqual({ cm: 'gap' });
    expect(state.programmes).toHaveLength(2);
  });

  it('shows the answer to the latest filter, not a slower earlier one', async () => {
    const { api, state } = await setup();
    await state.activate();
    api.hold('programmes');
    const first = state.set({ sector: 'Health' });
    const second = state.set({ sector: 'Veteran reintegration' });
    api.release();
    await Promise.all([first, second]);
    expect(state.programmes.map((p) => p.code)).toEqual(['vets']);
    expect(state.status).toBe('ready');
  });

  it('reports a failed load with the API message and recovers on retry', async () => {
    const { api, state } = await setup();
    api.fail('programmes', new ApiError(500, 'INTERNAL', 'database unavailable', '/api/programmes'));
    await state.activate();
    expect(state.status).toBe('error');
    expect(state.listError).toMatchObject({ message: 'database unavailable', status: 500, network: false });
    expect(state.gapStatus).toBe('ready');
    api.fail('programmes', null);
    await state.retry();
    expect(state.status).toBe('ready');
    expect(state.programmes).toHaveLength(2);
  });

  it('works without the occupied areas when they do not load', async () => {
    const { api, state } = await setup();
    api.fail('indicatorValues', new ApiError(0, 'NETWORK', 'offline', ''));
    await state.activate();
    expect(state.status).toBe('ready');
    expect(state.occupied).toBeNull();
    expect(state.highNeed.map((u) => u.pcode)).toEqual(['UA6312001', 'UA0502001']);
  });

  it('counts what the filtered programmes reach', async () => {
    const { state } = await setup();
    await state.activate();
    expect(state.summary).toMatchObject({ programmes: 2, organisations: 2, hromadas: 2 });
    await state.set({ sector: 'Health' });
    expect(state.summary).toMatchObject({ programmes: 1, organisations: 1, hromadas: 1 });
  });

  it('lists high-need hromadas with no programme, leaving out occupied ones unless asked', async () => {
    const { state } = await setup();
    await state.activate();
    // UA6312001 has the highest needs but is wholly occupied; UA6312027 is covered; UA0102003 unscored.
    expect(OCCUPIED.values.UA6312001).toBe(1);
    expect(state.highNeed.map((u) => u.pcode)).toEqual(['UA0502001']);
    await state.set({ includeOccupied: true });
    expect(state.highNeed.map((u) => u.pcode)).toEqual(['UA6312001', 'UA0502001']);
  });

  it('colours hromadas with programmes on the map and puts a dot at each, inside its hromada', async () => {
    const { state } = await setup();
    await state.activate();
    const c = state.choropleth!;
    expect(c.colours[c.classOf.get('UA6312001')!]).toBe(NONE_COLOUR);
    expect(c.colours[c.classOf.get('UA6312027')!]).not.toBe(NONE_COLOUR);
    expect(state.sites.map((s) => s.pcode).sort()).toEqual(['UA0502001', 'UA6312027']);
    // The fake hromadas are unit squares with their south-west corner at (36, 49) and (28, 49).
    const dot = state.sites.find((s) => s.pcode === 'UA6312027')!;
    expect(dot.position[0]).toBeGreaterThan(36);
    expect(dot.position[0]).toBeLessThan(37);
    expect(dot.position[1]).toBeGreaterThan(49);
    expect(dot.position[1]).toBeLessThan(50);
    expect(dot.colour).toBe(c.colours[c.classOf.get('UA6312027')!]);
  });

  it('switches the map to the gap without fetching, covered hromadas marked', async () => {
    const { api, state } = await setup();
    await state.activate();
    const before = api.calls.length;
    await state.set({ mode: 'gap' });
    expect(api.calls).toHaveLength(before);
    const c = state.choropleth!;
    expect(c.classification.kind).toBe('fixed');
    expect(c.colours[c.classOf.get('UA6312027')!]).toBe(COVERED_COLOUR);
    expect(c.classOf.get('UA6312001')).toBe(4);
    expect(c.classOf.has('UA0102003')).toBe(false);
    expect(state.sites.map((s) => s.pcode)).toEqual(['UA6312027']);
    expect(state.activeHromadas).toBe(1);
  });

  it('describes a hromada for the tooltip in both maps and both languages', async () => {
    const { state } = await setup();
    await state.activate();
    expect(state.describe('UA6312027', 'uk')).toMatchObject({ measure: 'Програми', value: '2 програми' });
    expect(state.describe('UA0502001', 'en')).toMatchObject({
      value: '1 programme',
      detail: 'Institute for Peace and Common Ground · Veteran reintegration · 2016–2019',
    });
    expect(state.describe('UA0502001', 'uk')?.detail).toBe('ІМіП · Реінтеграція ветеранів · 2016–2019');
    expect(state.describe('UA6312001', 'en')).toMatchObject({
      value: 'no programme recorded',
      swatch: NONE_COLOUR,
    });

    await state.set({ mode: 'gap' });
    expect(state.describe('UA6312001', 'en')).toMatchObject({
      measure: 'Coverage gap',
      value: '7.1 / 10',
      detail: 'Needs: 7.1 / 10 · no programme active (21 Nov 2026)',
    });
    expect(state.describe('UA6312027', 'en')).toMatchObject({ value: '0.0 / 10', swatch: COVERED_COLOUR });
    expect(state.describe('UA6312027', 'en')?.detail).toContain('programme active');
    expect(state.describe('UA0102003', 'uk')?.value).toBe('немає оцінки потреб');
  });

  it('gives a legend with every class and the sources of every figure', async () => {
    const { state } = await setup();
    await state.activate();
    const programmes = state.legend('en')!;
    expect(programmes.title).toBe('Hromadas with programmes');
    expect(programmes.entries.map((e) => e.label)).toEqual([
      'no programme recorded',
      'Veteran reintegration',
      'several sectors',
    ]);
    expect(programmes.sources).toEqual([
      'Programmes: HDX 5W — CC BY 4.0 (1 programme)',
      'Programmes: no source dataset given (1 programme)',
    ]);

    await state.set({ mode: 'gap' });
    const gap = state.legend('en')!;
    expect(gap.subtitle).toContain('21 Nov 2026');
    expect(gap.entries.map((e) => e.colour)).toContain(COVERED_COLOUR);
    expect(gap.entries[0]!.label).toBe('дуже низький · 0.0–2.0');
    // The needs index's inputs: one from KSE with its period, one with no data yet.
    expect(gap.sources).toContain('Needs Index, version 1: KSE — MIT; 25 Jul 2023');
    expect(gap.sources).toContain(
      'Needs Index, version 1: 1 of 2 inputs (community assessments) have no data yet, so confidence in the scores is low.',
    );
    expect(gap.sources.at(-1)).toMatch(
      /^Method: Gap = needs × \(1 − coverage\); coverage = presence of a programme/,
    );
    const sources = state.sources('en');
    expect(sources.occupied).toEqual([{ label: 'Occupied areas', text: 'DeepState — Unclear; 22 Aug 2026' }]);
  });

  it('stops its requests when disposed', async () => {
    const { api, state } = await setup();
    api.hold('programmes');
    const loading = state.activate();
    state.dispose();
    api.release();
    await loading;
    await settle();
    expect(state.list).toBeNull();
  });

  it('adds who assessed a community to the tooltip and the legend while the outline is shown', async () => {
    const atlas = fakeApi();
    const view = ViewState.fromSearch('?v=coverage');
    const catalogue = new CatalogueState(atlas);
    const units = new UnitIndexState(atlas);
    await Promise.all([catalogue.load(), units.load()]);
    const assessed = new AssessedState(fakeRoundsApi());
    await assessed.load();
    const state = new CoverageState({
      api: fakeCoverageApi(),
      view,
      catalogue,
      units,
      search: '?v=coverage',
      today: () => TODAY,
      assessed,
    });
    await state.activate();
    expect(state.describe('UA6312027', 'en')!.detail).not.toContain('latest');
    expect(state.legend('en')!.overlays ?? []).toEqual([]);
    assessed.shown = true;
    expect(state.describe('UA6312027', 'en')!.detail).toContain('2 rounds · latest 1 Aug 2033 · FIXTURE org');
    expect(state.describe('UA6312001', 'en')!.detail).not.toContain('latest');
    expect(state.legend('en')!.overlays!.at(-1)!.entries[0]).toMatchObject({
      label: '2 communities assessed',
      swatch: 'line',
    });
  });
});

describe('CoverageState, safety strategies mode (issue #13, section 6)', () => {
  it('loads the strategies with the view and draws them when the map shows strategies, filtered by the URL', async () => {
    const atlas = fakeApi();
    const strategies = fakeStrategiesApi();
    const search = '?v=coverage&cm=strategies&cstg=adopted';
    const view = ViewState.fromSearch(search);
    const catalogue = new CatalogueState(atlas);
    const units = new UnitIndexState(atlas);
    await Promise.all([catalogue.load(), units.load()]);
    const state = new CoverageState({
      api: fakeCoverageApi(),
      strategies,
      view,
      catalogue,
      units,
      search,
      today: () => TODAY,
    });
    await state.activate();
    expect(strategies.calls.map((c) => c.method)).toEqual(['counts']);
    expect(state.query).toEqual({ cm: 'strategies', cstg: 'adopted' });
    expect(state.choropleth?.colours).toEqual([NONE_COLOUR, STAGE_COLOURS.adopted]);
    expect(state.sites.map((s) => s.pcode)).toEqual(['UA6312027']);
    expect(state.legend('en')?.title).toBe('Safety strategy stage');
    expect(state.describe('UA6312027', 'uk')?.value).toBe('Затверджено радою як місцеву програму');
    await state.set({ mode: 'gap' });
    expect(state.legend('en')?.title).not.toBe('Safety strategy stage');
  });
});
