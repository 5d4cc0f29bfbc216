import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { buildLayerTopology, LayerCache, type LayerUnit } from './layers.service.ts';

describe('LayerCache', () => {
  it('builds a layer once per data version, for concurrent requests too', async () => {
    const cache = new LayerCache();
    let builds = 0;
    const build = async () => `body ${++builds}`;
    const [a, b] = await Promise.all([cache.get('oblast', 'v1', build), cache.get('oblast', 'v1', build)]);
    expect(builds).toBe(1);
    expect(a).toBe(b);
    expect(a.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect((await cache.get('raion', 'v1', build)).body).toBe('body 2');
    expect((await cache.get('oblast', 'v2', build)).body).toBe('body 3');
    // Entries of the older version are gone.
    expect((await cache.get('oblast', 'v1', build)).body).toBe('body 4');
  });

  it('does not keep a failed build', async () => {
    const cache = new LayerCache();
    await expect(cache.get('oblast', 'v1', () => Promise.reject(new Error('db down')))).rejects.toThrow(
      'db down',
    );
    expect((await cache.get('oblast', 'v1', async () => 'ok')).body).toBe('ok');
  });

  it('gives equal bodies equal ETags and different bodies different ones', async () => {
    const cache = new LayerCache();
    const a = await cache.get('oblast', 'v1', async () => 'same');
    const b = await cache.get('raion', 'v1', async () => 'same');
    const c = await cache.get('hromada', 'v1', async () => 'other');
    expect(a.etag).toBe(b.etag);
    expect(c.etag).not.toBe(a.etag);
  });
});

describe('buildLayerTopology', () => {
  // Two unit squares side by side: one shared border, and a unit without a boundary.
  const square = (x: number): LayerUnit['geometry'] => ({
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [x, 50],
          [x + 1, 50],
          [x + 1, 51],
          [x, 51],
          [x, 50],
        ],
      ],
    ],
  });
  const units: LayerUnit[] = [
    { pcode: 'UA01', name_uk: 'Перша', name_en: 'First', parent_pcode: null, geometry: square(30) },
    { pcode: 'UA02', name_uk: 'Друга', name_en: 'Second', parent_pcode: null, geometry: square(31) },
    { pcode: 'UA03', name_uk: 'Третя', name_en: 'Third', parent_pcode: null, geometry: null },
  ];

  it('names the object after the level, keys features by pcode and shares common borders', () => {
    const topo = JSON.parse(buildLayerTopology('oblast', units)) as Topology<{
      oblast: GeometryCollection<{ nameUk: string; nameEn: string; parentPcode: string | null }>;
    }>;
    expect(topo.transform).toBeDefined();
    const fc = feature(topo, topo.objects.oblast);
    expect(fc.features.map((f) => f.id)).toEqual(['UA01', 'UA02', 'UA03']);
    expect(fc.features[0]!.properties).toEqual({ nameUk: 'Перша', nameEn: 'First', parentPcode: null });
    expect(fc.features[2]!.geometry).toBeNull();
    // The shared edge is one arc used by both squares (once reversed).
    const arcsOf = (i: number) => (topo.objects.oblast.geometries[i] as { arcs: number[][][] }).arcs.flat(2);
    const shared = arcsOf(0).filter((a) => arcsOf(1).some((b) => b === a || b === ~a));
    expect(shared).toHaveLength(1);
  });
});
