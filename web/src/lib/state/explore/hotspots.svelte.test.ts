import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/index.ts';
import { fakeApi, hotspots } from '../../testing/fake-api.ts';
import { HotspotState, hotspotClassOf } from './hotspots.svelte.ts';

describe('HotspotState', () => {
  it('classes the significant hromadas and keeps the watch list, from LISA', async () => {
    const api = fakeApi();
    const state = new HotspotState(api);
    await state.load('cpi', 'lisa');
    expect(state.status).toBe('ready');
    expect(api.calls).toEqual([{ method: 'hotspots', args: ['cpi', 'lisa'] }]);
    expect(Object.fromEntries(state.classOf)).toEqual({ UA6312027: 'LH', UA6312001: 'HH' });
    expect(Object.fromEntries(state.counts)).toEqual({ HH: 1, LL: 0, HL: 0, LH: 1 });
    expect(state.watchList.map((u) => u.pcode)).toEqual(['UA6312027']);
  });

  it('fills the cluster or significance map only when asked, the outlines otherwise', async () => {
    const state = new HotspotState(fakeApi());
    await state.load('cpi', 'lisa');
    expect(state.display).toBe('outline');
    expect(state.fills.size).toBe(0);
    state.display = 'cluster';
    expect(state.fills.get('UA6312027')).toBe('LH');
    expect(state.fills.get('UA6312001')).toBe('HH');
    state.display = 'significance';
    expect([...state.fills.values()].every((f) => ['p3', 'p2', 'p1', 'ns', 'out'].includes(f))).toBe(true);
    expect(state.fills.size).toBe(state.data!.units.length);
  });

  it('shows hot and cold spots from Gi*, which has no watch list', async () => {
    const state = new HotspotState(fakeApi());
    await state.load('needs', 'gi');
    expect(Object.fromEntries(state.classOf)).toEqual({ UA6312027: 'cold', UA6312001: 'hot' });
    expect(Object.fromEntries(state.counts)).toEqual({ hot: 1, cold: 1 });
    expect(state.watchList).toEqual([]);
  });

  it('asks once per model and method, and takes the layer away for null', async () => {
    const api = fakeApi();
    const state = new HotspotState(api);
    await state.load('cpi', 'lisa');
    await state.load('cpi', 'gi');
    await state.load('cpi', 'lisa');
    expect(api.calls.map((c) => c.args[1])).toEqual(['lisa', 'gi']);
    expect(state.data?.method).toBe('lisa');
    await state.load('cpi', null);
    expect(state.status).toBe('idle');
    expect(state.classOf.size).toBe(0);
  });

  it('lets a newer request win over an older one still in flight', async () => {
    const api = fakeApi();
    api.hold('hotspots');
    const state = new HotspotState(api);
    const first = state.load('cpi', 'lisa');
    const second = state.load('needs', 'gi');
    api.release();
    await Promise.all([first, second]);
    expect(state.data?.model.id).toBe('needs');
    expect(state.status).toBe('ready');
  });

  it("reports the API's error", async () => {
    const api = fakeApi();
    api.fail('hotspots', new ApiError(404, 'NOT_FOUND', 'no model "gap"', '/api/models/gap/hotspots'));
    const state = new HotspotState(api);
    await state.load('gap', 'lisa');
    expect(state.status).toBe('error');
    expect(state.error).toMatchObject({ message: 'no model "gap"', status: 404, network: false });
  });
});

describe('hotspotClassOf', () => {
  it('is null for units that are not significant or left out', () => {
    const units = hotspots('cpi', 'lisa').units;
    expect(units.map(hotspotClassOf)).toEqual(['LH', 'HH', null, null]);
  });
});
