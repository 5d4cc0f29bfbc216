import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/index.ts';
import { fakeApi, hromadaIndex, settle } from '../testing/fake-api.ts';
import { UnitIndexState } from './unit-index.svelte.ts';
import { oblastOf, toLevelIndex, unionBBox } from '../map/unit-index.ts';

describe('toLevelIndex', () => {
  it('keys names, boxes and label points by pcode', () => {
    const level = toLevelIndex(hromadaIndex(), 'hromada');
    expect(level.pcodes).toEqual(['UA0502001', 'UA6312001', 'UA6312027']);
    expect(level.names.get('UA6312027')).toEqual({
      nameUk: 'Громада UA6312027',
      nameEn: 'Hromada UA6312027',
      parentPcode: 'UA6312',
    });
    expect(level.bbox.get('UA6312027')).toEqual([36, 49, 37, 50]);
    expect(level.label.get('UA6312027')).toEqual([36.5, 49.5]);
    expect(level.extent).toEqual([28, 49, 38, 50]);
  });

  it('leaves a unit without a boundary off the map but keeps its name', () => {
    const level = toLevelIndex(hromadaIndex(), 'hromada');
    expect(level.pcodes).not.toContain('UA0102003');
    expect(level.bbox.has('UA0102003')).toBe(false);
    expect(level.names.get('UA0102003')?.nameEn).toBe('No boundary');
  });

  it('refuses an index of another level, or with columns of unequal length', () => {
    expect(() => toLevelIndex(hromadaIndex(), 'raion')).toThrow(/the raion index came as the hromada index/);
    const broken = { ...hromadaIndex(), label: [] };
    expect(() => toLevelIndex(broken, 'hromada')).toThrow(/column label is not 4 long/);
  });

  it('finds the oblast of a pcode and the union of boxes', () => {
    expect(oblastOf('UA6312027')).toBe('UA63');
    expect(
      unionBBox([
        [0, 0, 1, 1],
        [2, -1, 3, 0.5],
      ]),
    ).toEqual([0, -1, 3, 1]);
    expect(unionBBox([])).toBeNull();
  });
});

describe('UnitIndexState', () => {
  it('loads the three levels once and names units of every level', async () => {
    const api = fakeApi();
    const units = new UnitIndexState(api);
    await units.load();
    expect(units.status).toBe('ready');
    expect(units.hromada?.pcodes).toHaveLength(3);
    expect(units.oblast?.bbox.has('UA63')).toBe(true);
    expect(units.unitName('UA63')?.nameEn).toBe('Hromada UA63');
    expect(units.unitName('UA6312')?.nameUk).toBe('Громада UA6312');
    expect(units.oblastLabels.map((l) => l.pcode)).toEqual(['UA05', 'UA63']);
    expect(units.oblastLabels[1]!.position).toEqual([36.5, 49.5]);
    expect(api.calls.filter((c) => c.method === 'unitIndex')).toHaveLength(3);
  });

  it('gives the hromada index to the map before the other two levels are in (B10)', async () => {
    const api = fakeApi();
    let releaseOthers = () => {};
    const othersIn = new Promise<void>((resolve) => (releaseOthers = resolve));
    const unitIndex = api.unitIndex;
    api.unitIndex = async (level, signal) => {
      if (level !== 'hromada') await othersIn;
      return unitIndex(level, signal);
    };
    const units = new UnitIndexState(api);
    const loading = units.load();
    await settle();
    expect(units.hromada?.pcodes).toHaveLength(3);
    expect(units.oblast).toBeNull();
    expect(units.status).toBe('loading');
    const first = units.hromada;
    releaseOthers();
    await loading;
    expect(units.status).toBe('ready');
    expect(units.oblast?.bbox.has('UA63')).toBe(true);
    // The same index: whoever draws it is not woken again.
    expect(units.hromada).toBe(first);
  });

  it('reports the index failing to load', async () => {
    const api = fakeApi();
    api.fail('unitIndex', new ApiError(0, 'NETWORK', 'Failed to fetch', '/api/layers/hromada.index.json'));
    const units = new UnitIndexState(api);
    await units.load();
    expect(units.status).toBe('error');
    expect(units.error?.network).toBe(true);
  });
});
