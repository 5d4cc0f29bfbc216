import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitList } from '../../server/features/units/units.schemas.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface LayerProperties {
  nameUk: string;
  nameEn: string;
  parentPcode: string | null;
}

async function layer(level: string, headers: Record<string, string> = {}) {
  const res = await t.app.request(`/api/layers/${level}.topojson`, { headers });
  return { res, text: await res.text() };
}

function decode(level: string, text: string) {
  const topo = JSON.parse(text) as Topology<{ [k: string]: GeometryCollection<LayerProperties> }>;
  const object = topo.objects[level];
  expect(object, `object named ${level}`).toBeDefined();
  return {
    topo,
    features: feature(topo, object!) as FeatureCollection<Polygon | MultiPolygon | null, LayerProperties>,
  };
}

describe('GET /api/layers/{level}.topojson', () => {
  it('gives the 27 oblasts as a quantised topology that topojson-client decodes', async () => {
    const { res, text } = await layer('oblast');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const { topo, features } = decode('oblast', text);
    expect(topo.type).toBe('Topology');
    expect(topo.transform?.scale).toHaveLength(2);
    expect(features.features).toHaveLength(27);

    const oblasts = (await t.getJson<UnitList>('/api/units?level=oblast&limit=100')).body.items;
    expect(features.features.map((f) => f.id).sort()).toEqual(oblasts.map((o) => o.pcode).sort());
    const kharkiv = features.features.find((f) => f.id === 'UA63')!;
    expect(kharkiv.properties).toEqual({ nameUk: 'Харківська', nameEn: 'Kharkivska', parentPcode: null });
    expect(kharkiv.geometry?.type).toMatch(/Polygon$/);
  });

  it('gives every raion and hromada, keeping units without a boundary as null geometries', async () => {
    for (const [level, total] of [
      ['raion', 139],
      ['hromada', 1769],
    ] as const) {
      const { res, text } = await layer(level);
      expect(res.status).toBe(200);
      const { features } = decode(level, text);
      expect(features.features).toHaveLength(total);
      expect(features.features.every((f) => typeof f.id === 'string' && f.properties.nameUk)).toBe(true);
      if (level === 'hromada') {
        const kharkiv = features.features.find((f) => f.id === 'UA6312027');
        expect(kharkiv?.properties.parentPcode).toBe('UA6312');
        const missing = features.features.filter((f) => f.geometry === null).map((f) => f.id);
        const geojson = JSON.parse(
          await (await t.app.request('/api/units.geojson')).text(),
        ) as FeatureCollection;
        expect(missing.sort()).toEqual(
          geojson.features
            .filter((f) => f.geometry === null)
            .map((f) => f.id)
            .sort(),
        );
        // Every decoded ring is still a ring after simplification.
        for (const f of features.features) {
          if (!f.geometry) continue;
          const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
          for (const ring of polygons.flat()) expect(ring.length, String(f.id)).toBeGreaterThanOrEqual(4);
        }
      }
    }
  });

  it('is cacheable: a strong ETag of the body, an hour of max-age, 304 on If-None-Match', async () => {
    const first = await layer('oblast');
    const etag = first.res.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.res.headers.get('cache-control')).toBe('public, max-age=3600');

    const again = await layer('oblast');
    expect(again.res.headers.get('etag')).toBe(etag);
    expect(again.text).toBe(first.text);

    for (const ifNoneMatch of [etag!, `W/${etag}`, `"other", ${etag}`, '*']) {
      const { res, text } = await layer('oblast', { 'If-None-Match': ifNoneMatch });
      expect(res.status, ifNoneMatch).toBe(304);
      expect(text).toBe('');
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    }
    expect((await layer('oblast', { 'If-None-Match': '"stale"' })).res.status).toBe(200);
    expect((await layer('raion')).res.headers.get('etag')).not.toBe(etag);
  });
});
