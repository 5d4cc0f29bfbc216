import { gunzipSync } from 'node:zlib';
import type { FeatureCollection, Polygon, Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OccupiedAreaSnapshot } from '../../server/features/occupied-areas/occupied-areas.schemas.ts';
import type { Source } from '../../server/features/sources/sources.schemas.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let snapshots: OccupiedAreaSnapshot[];
beforeAll(async () => {
  t = await createTestApp();
  snapshots = (await t.getJson<OccupiedAreaSnapshot[]>('/api/occupied-areas')).body;
});
afterAll(async () => {
  await t?.close();
});

type Snapshot = FeatureCollection<Polygon, { date: string; areaKm2: number }> & {
  metadata: {
    date: string;
    source: { id: string; name: string } | null;
    licence: string;
    attribution: string;
  };
};

async function snapshot(date: string, headers: Record<string, string> = {}) {
  const res = await t.app.request(`/api/occupied-areas/${date}`, { headers });
  return { res, text: await res.text() };
}

/** Twice the signed area (shoelace): positive for a counter-clockwise ring. */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++)
    sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return sum;
}

/** Ray casting over every ring of the polygon (holes included). */
function contains(polygon: Polygon, [x, y]: [number, number]): boolean {
  let inside = false;
  for (const ring of polygon.coordinates) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

describe('GET /api/occupied-areas', () => {
  it('lists the DeepState snapshots oldest first, with their source, polygons and a plausible area', async () => {
    expect(snapshots.length).toBeGreaterThan(0);
    const dates = snapshots.map((s) => s.date);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBe(dates.length);
    expect(dates).toContain('2026-01-01');

    const deepstate = (await t.getJson<Source[]>('/api/sources')).body.find((s) => s.id === 'deepstate')!;
    for (const s of snapshots) {
      expect(s.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(s.source).toEqual({
        id: 'deepstate',
        name: deepstate.name,
        licence: deepstate.licence,
        attribution: deepstate.attribution,
      });
      expect(s.features).toBeGreaterThanOrEqual(1);
      // Occupied territory, Crimea included, has been ≈ 100–120 thousand km² since 2022.
      expect(s.areaKm2, s.date).toBeGreaterThan(90_000);
      expect(s.areaKm2, s.date).toBeLessThan(130_000);
    }
  });
});

describe('GET /api/occupied-areas/{date}', () => {
  it('gives every snapshot as GeoJSON polygons inside Ukraine, with the provenance of the list', async () => {
    for (const s of snapshots) {
      const { res, text } = await snapshot(s.date);
      expect(res.status, s.date).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
      const fc = JSON.parse(text) as Snapshot;
      expect(fc.type).toBe('FeatureCollection');
      expect(fc.metadata).toEqual({
        date: s.date,
        source: s.source,
        licence: s.source!.licence,
        attribution: s.source!.attribution,
      });
      expect(fc.features).toHaveLength(s.features);
      let area = 0;
      for (const f of fc.features) {
        expect(f.type).toBe('Feature');
        expect(f.geometry.type).toBe('Polygon');
        expect(f.properties.date).toBe(s.date);
        expect(f.properties.areaKm2).toBeGreaterThan(0);
        area += f.properties.areaKm2;
        for (const [i, ring] of f.geometry.coordinates.entries()) {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring.at(-1)).toEqual(ring[0]);
          // RFC 7946: exterior rings counter-clockwise, holes clockwise (DeepState's rings are clockwise).
          expect(Math.sign(signedArea(ring)), `${s.date} ring ${i}`).toBe(i === 0 ? 1 : -1);
          for (const [lon, lat] of ring) {
            expect(lon).toBeGreaterThanOrEqual(22);
            expect(lon).toBeLessThanOrEqual(41);
            expect(lat).toBeGreaterThanOrEqual(44);
            expect(lat).toBeLessThanOrEqual(53);
          }
        }
      }
      // The parts add up to the whole (each part's area is of the unsimplified polygon).
      expect(Math.abs(area - s.areaKm2) / s.areaKm2).toBeLessThan(0.001);

      const polygons = fc.features.map((f) => f.geometry);
      const inside = (p: [number, number]) => polygons.some((g) => contains(g, p));
      // Donetsk, Mariupol and Sevastopol were occupied on every snapshot date; Kharkiv, Zaporizhzhia and
      // Kyiv were not.
      expect(inside([37.8, 48.0]), `${s.date} Donetsk`).toBe(true);
      expect(inside([37.55, 47.1]), `${s.date} Mariupol`).toBe(true);
      expect(inside([33.52, 44.6]), `${s.date} Sevastopol`).toBe(true);
      expect(inside([36.23, 49.99]), `${s.date} Kharkiv`).toBe(false);
      expect(inside([35.14, 47.84]), `${s.date} Zaporizhzhia`).toBe(false);
      expect(inside([30.52, 50.45]), `${s.date} Kyiv`).toBe(false);
    }
  });

  it('is simplified for display: at most 5 decimals and well under 600 KB for the latest', async () => {
    const latest = snapshots.at(-1)!;
    const { text } = await snapshot(latest.date);
    expect(Buffer.byteLength(text)).toBeLessThan(600 * 1024);
    const fc = JSON.parse(text) as Snapshot;
    const decimals = fc.features
      .flatMap((f) => f.geometry.coordinates.flat())
      .flat()
      .map((c) => String(c).split('.')[1]?.length ?? 0);
    expect(Math.max(...decimals)).toBeLessThanOrEqual(5);
  });

  it('is cacheable: a strong ETag, an hour of max-age, 304 on If-None-Match, immutable when pinned', async () => {
    const date = snapshots.at(-1)!.date;
    const first = await snapshot(date);
    const etag = first.res.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.res.headers.get('cache-control')).toBe('public, max-age=3600');

    for (const ifNoneMatch of [etag!, `W/${etag}`, `"other", ${etag}`]) {
      const { res, text } = await snapshot(date, { 'If-None-Match': ifNoneMatch });
      expect(res.status, ifNoneMatch).toBe(304);
      expect(text).toBe('');
      expect(res.headers.get('etag')).toBe(etag);
    }
    expect((await snapshot(date, { 'If-None-Match': '"stale"' })).res.status).toBe(200);
    if (snapshots.length > 1) {
      expect((await snapshot(snapshots[0]!.date)).res.headers.get('etag')).not.toBe(etag);
    }

    const gz = await t.app.request(`/api/occupied-areas/${date}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(first.text);

    const { dataVersion } = (await t.getJson<{ dataVersion: string }>('/api/health')).body;
    const pinned = await t.app.request(`/api/occupied-areas/${date}?v=${dataVersion}`);
    expect(pinned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers 404 for a date without a snapshot, listing the dates there are', async () => {
    const { status, body } = await t.getJson<{ error: { code: string; message: string } }>(
      '/api/occupied-areas/2020-01-01',
    );
    expect(status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.message).toContain('2020-01-01');
    for (const s of snapshots) expect(body.error.message).toContain(s.date);
  });

  it('answers 400 naming the date when it is not a calendar date', async () => {
    for (const bad of ['2024-13-01', '2024-02-30', '20240708', 'latest']) {
      const { status, body } = await t.getJson<{ error: { code: string; message: string } }>(
        `/api/occupied-areas/${bad}`,
      );
      expect(status, bad).toBe(400);
      expect(body.error.code).toBe('BAD_REQUEST');
      expect(body.error.message, bad).toContain('parameter date');
    }
  });
});
