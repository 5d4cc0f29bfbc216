import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/index.ts';
import { CatalogueState, groupByDomain } from './catalogue.svelte.ts';
import { fakeApi, INDICATORS } from '../testing/fake-api.ts';

describe('CatalogueState', () => {
  it('loads indicators, indices and sources together', async () => {
    const api = fakeApi();
    const c = new CatalogueState(api);
    const done = c.load();
    expect(c.status).toBe('loading');
    await done;
    expect(c.status).toBe('ready');
    expect(c.indices.map((m) => m.id)).toEqual(['cpi', 'needs']);
    expect(c.indicator('idps_per_1000')?.unit).toBe('per 1,000 residents');
    expect(c.source('kse')?.licence).toBe('MIT');
    expect(api.calls.map((x) => x.method).sort()).toEqual(['indicators', 'models', 'sources']);
  });

  it('groups indicators by domain, conflict first', () => {
    const groups = groupByDomain(INDICATORS);
    expect(groups.map((g) => g.domain)).toEqual(['conflict_exposure', 'displacement', 'demography']);
    expect(groups[1]!.indicators.map((i) => i.id)).toEqual(['idps_per_1000']);
  });

  it('reports a failure and recovers on retry', async () => {
    const api = fakeApi();
    api.fail('models', new ApiError(500, 'INTERNAL', 'boom', '/api/models'));
    const c = new CatalogueState(api);
    await c.load();
    expect(c.status).toBe('error');
    expect(c.error).toEqual({ network: false, message: 'boom', status: 500, code: 'INTERNAL' });
    api.fail('models', undefined as unknown as Error);
    await c.load();
    expect(c.status).toBe('ready');
    expect(c.error).toBeNull();
  });
});
