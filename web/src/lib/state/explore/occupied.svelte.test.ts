import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/index.ts';
import { fakeApi } from '../../testing/fake-api.ts';
import { OccupiedState } from './occupied.svelte.ts';

describe('OccupiedState', () => {
  it('lists the snapshots once, newest last, with their source', async () => {
    const api = fakeApi();
    const state = new OccupiedState(api);
    await state.loadList();
    await state.loadList();
    expect(api.calls.filter((c) => c.method === 'occupiedAreas')).toHaveLength(1);
    expect(state.latest).toBe('2026-08-22');
    expect(state.snapshot('2025-01-02')?.source?.licence).toBe('Unclear');
    expect(state.snapshot('2020-01-01')).toBeNull();
  });

  it("loads a snapshot's polygons with their provenance, each date once", async () => {
    const api = fakeApi();
    const state = new OccupiedState(api);
    await state.load('2026-08-22');
    expect(state.status).toBe('ready');
    expect(state.data?.metadata).toMatchObject({ date: '2026-08-22', attribution: 'DeepStateMap.Live' });
    expect(state.data?.features).toHaveLength(1);
    await state.load('2025-01-02');
    await state.load('2026-08-22');
    expect(api.calls.filter((c) => c.method === 'occupiedArea').map((c) => c.args[0])).toEqual([
      '2026-08-22',
      '2025-01-02',
    ]);
    await state.load(null);
    expect(state.data).toBeNull();
    expect(state.status).toBe('idle');
  });

  it('reports a date the API does not have', async () => {
    const state = new OccupiedState(fakeApi());
    await state.load('2020-01-01');
    expect(state.status).toBe('error');
    expect(state.error?.status).toBe(404);
    expect(state.data).toBeNull();
  });

  it('lists again after a failed list', async () => {
    const api = fakeApi();
    api.fail('occupiedAreas', new ApiError(0, 'NETWORK', 'Failed to fetch', '/api/occupied-areas'));
    const state = new OccupiedState(api);
    await state.loadList();
    expect(state.listStatus).toBe('error');
    expect(state.listError?.network).toBe(true);
    api.fail('occupiedAreas', undefined as unknown as Error);
    await state.loadList();
    expect(state.listStatus).toBe('ready');
    expect(state.snapshots).toHaveLength(2);
  });
});
