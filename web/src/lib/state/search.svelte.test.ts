import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/index.ts';
import { fakeApi } from '../testing/fake-api.ts';
import { SearchState } from './search.svelte.ts';

describe('SearchState', () => {
  it('asks the API for hromadas once typing pauses', async () => {
    const api = fakeApi();
    const s = new SearchState(api, 5);
    const a = s.input('kh');
    const b = s.input('khar');
    await Promise.all([a, b]);
    expect(api.calls).toEqual([{ method: 'units', args: [{ q: 'khar', level: 'hromada', limit: 12 }] }]);
    expect(s.status).toBe('ready');
    expect(s.results.map((u) => u.pcode)).toEqual(['UA6312027']);
  });

  it('searches within the oblast filter', async () => {
    const api = fakeApi();
    const s = new SearchState(api, 0);
    await s.input('Харків', 'UA63');
    expect(api.calls[0]?.args[0]).toMatchObject({ q: 'Харків', parent: 'UA63' });
  });

  it('does not search for fewer than two letters', async () => {
    const api = fakeApi();
    const s = new SearchState(api, 0);
    await s.input(' x ');
    expect(api.calls).toHaveLength(0);
    expect(s.status).toBe('idle');
  });

  it('reports a failed search and clears', async () => {
    const api = fakeApi();
    api.fail('units', new ApiError(503, 'UNAVAILABLE', 'database busy', '/api/units'));
    const s = new SearchState(api, 0);
    await s.input('Kharkiv');
    expect(s.status).toBe('error');
    expect(s.error?.message).toBe('database busy');
    s.clear();
    expect(s).toMatchObject({ query: '', status: 'idle', error: null, results: [] });
  });
});
