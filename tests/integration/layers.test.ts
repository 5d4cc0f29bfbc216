import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { sql } from 'kysely';
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

describe('GET /api/layers/{level}.index.json (unit index for a map drawn from tiles)', () => {
  interface Index {
    level: string;
    pcode: string[];
    nameUk: string[];
    nameEn: string[];
    parentPcode: (string | null)[];
    bbox: ([number, number, number, number] | null)[];
    label: ([number, number] | null)[];
    extent: [number, number, number, number];
  }

  it('lists every unit of a level in pcode order, with names, parents, boxes and label points', async () => {
    const { status, body } = await t.getJson<Index>('/api/layers/hromada.index.json');
    expect(status).toBe(200);
    expect(body.level).toBe('hromada');
    expect(body.pcode).toHaveLength(1769);
    expect([...body.pcode].sort()).toEqual(body.pcode);
    for (const column of ['nameUk', 'nameEn', 'parentPcode', 'bbox', 'label'] as const) {
      expect(body[column], column).toHaveLength(1769);
    }
    const i = body.pcode.indexOf('UA6312027');
    expect([body.nameUk[i], body.nameEn[i], body.parentPcode[i]]).toEqual([
      'Харківська',
      'Kharkivska',
      'UA6312',
    ]);

    // Units without a boundary have neither box nor label point: the same ones the TopoJSON leaves empty.
    const topo = decode('hromada', (await layer('hromada')).text);
    const empty = topo.features.features.filter((f) => f.geometry === null).map((f) => String(f.id));
    expect(body.pcode.filter((_, k) => body.bbox[k] === null)).toEqual(empty.sort());

    // Each label point lies in its unit (checked in the database against the full boundary) and its box.
    const { rows } = await sql<{ pcode: string; inside: boolean }>`
      select u.pcode, ST_Intersects(u.geom, ST_Buffer(ST_SetSRID(ST_MakePoint(p.x, p.y), 4326)::geography, 20)::geometry) as inside
      from admin_units u
      join (select unnest(${body.pcode}::text[]) as pcode,
                   unnest(${body.label.map((l) => l?.[0] ?? null)}::float8[]) as x,
                   unnest(${body.label.map((l) => l?.[1] ?? null)}::float8[]) as y) p on p.pcode = u.pcode
      where u.level = 'hromada' and p.x is not null`.execute(t.database.db);
    expect(rows).toHaveLength(1769 - empty.length);
    expect(rows.filter((r) => !r.inside).map((r) => r.pcode)).toEqual([]);
    body.pcode.forEach((pcode, k) => {
      const [b, l] = [body.bbox[k], body.label[k]];
      if (!b || !l) return;
      expect(l[0] >= b[0] && l[0] <= b[2] && l[1] >= b[1] && l[1] <= b[3], pcode).toBe(true);
      expect(b[0] >= body.extent[0] && b[2] <= body.extent[2], pcode).toBe(true);
    });
  });

  it('frames a unit as its boundary does, rounded outwards to 0.001°', async () => {
    const { body } = await t.getJson<Index>('/api/layers/oblast.index.json');
    const { rows } = await sql<{ pcode: string; w: number; s: number; e: number; n: number }>`
      select pcode, ST_XMin(geom) as w, ST_YMin(geom) as s, ST_XMax(geom) as e, ST_YMax(geom) as n
      from admin_units where level = 'oblast' order by pcode`.execute(t.database.db);
    expect(body.pcode).toEqual(rows.map((r) => r.pcode));
    rows.forEach((r, k) => {
      const [w, s, e, n] = body.bbox[k]!;
      for (const [rounded, exact, outward] of [
        [w, r.w, -1],
        [s, r.s, -1],
        [e, r.e, 1],
        [n, r.n, 1],
      ] as const) {
        expect((rounded - exact) * outward, r.pcode).toBeGreaterThanOrEqual(-1e-9);
        expect(Math.abs(rounded - exact), r.pcode).toBeLessThan(0.001 + 1e-9);
      }
    });
  });

  it('is cached like the layers (ETag, 304, immutable when pinned) and refuses an unknown level', async () => {
    const first = await t.app.request('/api/layers/raion.index.json', {
      headers: { 'Accept-Encoding': 'br' },
    });
    expect(first.headers.get('content-encoding')).toBe('br');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+-br"$/);
    const again = await t.app.request('/api/layers/raion.index.json', {
      headers: { 'Accept-Encoding': 'br', 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
    const dataVersion = (await t.getJson<{ dataVersion: string }>('/api/health')).body.dataVersion;
    const pinned = await t.app.request(`/api/layers/raion.index.json?v=${dataVersion}`);
    expect(pinned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bad = await t.getJson<{ error: { code: string; message: string } }>(
      '/api/layers/village.index.json',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/level/);
  });
});
