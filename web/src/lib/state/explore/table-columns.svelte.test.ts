import { describe, expect, it } from 'vitest';
import { fakeApi, settle } from '../../testing/fake-api.ts';
import { CatalogueState } from '../catalogue.svelte.ts';
import { ViewState } from '../view.svelte.ts';
import { MAX_TABLE_COLUMNS, TableColumnsState } from './table-columns.svelte.ts';

describe('TableColumnsState', () => {
  it("adds an indicator's values as a column once, up to the limit, and takes it away", async () => {
    const api = fakeApi();
    const view = ViewState.fromSearch('');
    const catalogue = new CatalogueState(api);
    await catalogue.load();
    const cols = new TableColumnsState(api, view, catalogue);
    cols.add('indicator:population_2022');
    cols.add('indicator:population_2022');
    await settle();
    expect(cols.columns.map((c) => c.key)).toEqual(['indicator:population_2022']);
    const m = cols.columns[0]!.measure;
    expect(m.status).toBe('ready');
    expect(m.data?.id).toBe('population_2022');
    expect(m.data!.values.size).toBeGreaterThan(0);
    expect(api.calls.filter((c) => c.method === 'indicatorValues')).toHaveLength(1);

    cols.add('indicator:idps_per_1000');
    cols.add('indicator:occupied_share');
    cols.add('index:cpi');
    expect(cols.columns).toHaveLength(MAX_TABLE_COLUMNS);
    cols.remove('indicator:population_2022');
    expect(cols.columns.map((c) => c.key)).toEqual(['indicator:idps_per_1000', 'indicator:occupied_share']);
  });
});
