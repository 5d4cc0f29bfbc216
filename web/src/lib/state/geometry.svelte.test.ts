import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/index.ts';
import { fakeApi, hromadaTopology } from './fake-api.ts';
import { GeometryState } from './geometry.svelte.ts';
import { bboxOf, labelPoint, topologyToLevel, unionBBox } from './geometry.ts';

describe('topologyToLevel', () => {
  it('decodes each unit once, keyed by pcode, with its oblast and box', () => {
    const level = topologyToLevel(hromadaTopology(), 'hromada');
    expect(level.collection.features).toHaveLength(3);
    const f = level.byPcode.get('UA6312027')!;
    expect(f.properties).toEqual({
      pcode: 'UA6312027',
      nameUk: 'Громада UA6312027',
      nameEn: 'Hromada UA6312027',
      parentPcode: 'UA6312',
      oblastPcode: 'UA63',
    });
    expect(level.bbox.get('UA6312027')).toEqual([36, 49, 37, 50]);
    expect(level.extent).toEqual([28, 49, 38, 50]);
  });

  it('leaves a unit without a boundary off the map but keeps its name', () => {
    const level = topologyToLevel(hromadaTopology(), 'hromada');
    expect(level.byPcode.has('UA0102003')).toBe(false);
    expect(level.names.get('UA0102003')?.nameEn).toBe('No boundary');
  });

  it('refuses a topology of another level', () => {
    expect(() => topologyToLevel(hromadaTopology(), 'raion')).toThrow(/no object named "raion"/);
  });
});

describe('geometry helpers', () => {
  it('puts a label inside a concave unit, in its largest part', () => {
    // A U shape: its centroid (1.5, ~1) falls in the notch; the label must not.
    const u = {
      type: 'MultiPolygon' as const,
      coordinates: [
        [
          [
            [0, 0],
            [3, 0],
            [3, 3],
            [2, 3],
            [2, 1],
            [1, 1],
            [1, 3],
            [0, 3],
            [0, 0],
          ],
        ],
        [
          [
            [10, 10],
            [10.1, 10],
            [10.1, 10.1],
            [10, 10],
          ],
        ],
      ],
    };
    const [x, y] = labelPoint(u);
    expect(x).toBeLessThan(3);
    const inNotch = x > 1 && x < 2 && y > 1;
    expect(inNotch).toBe(false);
  });

  it('measures boxes', () => {
    expect(
      bboxOf({
        type: 'Polygon',
        coordinates: [
          [
            [1, 2],
            [3, 5],
            [0, 4],
            [1, 2],
          ],
        ],
      }),
    ).toEqual([0, 2, 3, 5]);
    expect(
      unionBBox([
        [0, 0, 1, 1],
        [2, -1, 3, 0.5],
      ]),
    ).toEqual([0, -1, 3, 1]);
    expect(unionBBox([])).toBeNull();
  });
});

describe('GeometryState', () => {
  it('loads the three levels once and names units of every level', async () => {
    const api = fakeApi();
    const g = new GeometryState(api);
    await g.load();
    expect(g.status).toBe('ready');
    expect(g.hromada?.collection.features).toHaveLength(3);
    expect(g.oblast?.byPcode.has('UA63')).toBe(true);
    expect(g.unitName('UA63')?.nameEn).toBe('Hromada UA63');
    expect(g.unitName('UA6312')?.nameUk).toBe('Громада UA6312');
    expect(g.oblastLabels.map((l) => l.pcode).sort()).toEqual(['UA05', 'UA63']);
    expect(api.calls.filter((c) => c.method === 'layer')).toHaveLength(3);
  });

  it('reports the boundaries failing to load', async () => {
    const api = fakeApi();
    api.fail('layer', new ApiError(0, 'NETWORK', 'Failed to fetch', '/api/layers/hromada.topojson'));
    const g = new GeometryState(api);
    await g.load();
    expect(g.status).toBe('error');
    expect(g.error?.network).toBe(true);
  });
});
