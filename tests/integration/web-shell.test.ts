import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountWebClient } from '../../server/web-client.ts';
import { precompressDir } from '../../web/vite-precompress.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue #15, item 1: the web shell served like the tiles: precompressed at build time (web/vite-precompress.ts)
// and sent in the coding the client accepts, hashed assets cached for good, index.html revalidated by ETag,
// and a real 404 for what is not there. Over a small built client of its own (a temporary folder).

let t: TestApp;
let dist: string;
const script = `export const app = ${JSON.stringify('Атлас громад '.repeat(400))};\n`;
const HASHED = '/assets/index-AbCd1234.js';

beforeAll(async () => {
  dist = await mkdtemp(path.join(os.tmpdir(), 'atlas-web-shell-'));
  await mkdir(path.join(dist, 'assets'));
  await mkdir(path.join(dist, '.vite'));
  await writeFile(
    path.join(dist, 'index.html'),
    `<!doctype html><html lang="uk"><head><title>Атлас громад</title></head><body><div id="app"></div>` +
      `<script type="module" src="${HASHED}"></script>${'<!-- padding -->'.repeat(100)}</body></html>`,
  );
  await writeFile(path.join(dist, HASHED), script);
  await writeFile(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(dist, '.vite', 'manifest.json'), '{}');
  await precompressDir(dist);
  t = await createTestApp();
  mountWebClient(t.app, { distDir: dist });
}, 120_000);

afterAll(async () => {
  await t?.close();
  if (dist) await rm(dist, { recursive: true, force: true });
});

const get = (p: string, headers: Record<string, string> = {}) => t.app.request(p, { headers });

describe('content coding', () => {
  it('sends brotli, gzip or identity as the client accepts, always with Vary: Accept-Encoding', async () => {
    const br = await get(HASHED, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.headers.get('content-type')).toMatch(/^text\/javascript/);
    const brBody = Buffer.from(await br.arrayBuffer());
    expect(brBody.byteLength).toBeLessThan(script.length / 4);
    expect(brotliDecompressSync(brBody).toString()).toBe(script);

    const gz = await get(HASHED, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script);

    const plain = await get(HASHED);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    expect(await plain.text()).toBe(script);

    const refused = await get(HASHED, { 'Accept-Encoding': 'br;q=0, gzip' });
    expect(refused.headers.get('content-encoding')).toBe('gzip');
  });

  it('gives each coding its own strong ETag', async () => {
    const tags = new Set<string | null>();
    for (const enc of ['br', 'gzip', 'identity']) {
      tags.add((await get(HASHED, { 'Accept-Encoding': enc })).headers.get('etag'));
    }
    expect(tags.size).toBe(3);
    for (const tag of tags) expect(tag).toMatch(/^"[^"]+"$/);
  });
});

describe('caching', () => {
  it('caches content-hashed assets for a year, immutable', async () => {
    const res = await get(HASHED, { 'Accept-Encoding': 'br' });
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates index.html with its ETag: 304 without a body when unchanged', async () => {
    for (const p of ['/', '/index.html', '/?v=coverage&lang=en']) {
      const first = await get(p, { 'Accept-Encoding': 'br' });
      expect(first.status, p).toBe(200);
      expect(first.headers.get('content-type')).toMatch(/^text\/html/);
      expect(first.headers.get('cache-control')).toBe('no-cache');
      const etag = first.headers.get('etag');
      expect(etag).toBeTruthy();
      const again = await get(p, { 'Accept-Encoding': 'br', 'If-None-Match': etag! });
      expect(again.status, p).toBe(304);
      expect(await again.text()).toBe('');
      const stale = await get(p, { 'Accept-Encoding': 'br', 'If-None-Match': '"old"' });
      expect(stale.status, p).toBe(200);
    }
  });

  it('does not cache unhashed public files for good', async () => {
    const res = await get('/favicon.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });
});

describe('what is not there', () => {
  it('answers 404 for unknown assets, the build’s metadata, the coded copies and paths outside', async () => {
    for (const p of [
      '/assets/index-ZZZZ9999.js',
      '/assets/',
      '/.vite/manifest.json',
      `${HASHED}.br`,
      '/assets/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      const res = await get(p, { 'Accept-Encoding': 'br' });
      expect(res.status, p).toBe(404);
      expect(res.headers.get('cache-control') ?? '', p).not.toMatch(/immutable/);
    }
  });
});

describe('a build without compressed copies', () => {
  it('compresses once on first use instead', async () => {
    const bare = await mkdtemp(path.join(os.tmpdir(), 'atlas-web-bare-'));
    try {
      await mkdir(path.join(bare, 'assets'));
      await writeFile(
        path.join(bare, 'index.html'),
        `<!doctype html><title>x</title>${'<p>x</p>'.repeat(300)}`,
      );
      // A bare Hono app: the client's routes need nothing of the API's.
      const app = new Hono();
      mountWebClient(app, { distDir: bare });
      const res = await app.request('/', { headers: { 'Accept-Encoding': 'gzip' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe('gzip');
    } finally {
      await rm(bare, { recursive: true, force: true });
    }
  });
});

describe('a client built after the server started', () => {
  it('answers / with where the API is until the build lands, then the client, without a restart', async () => {
    const later = await mkdtemp(path.join(os.tmpdir(), 'atlas-web-later-'));
    try {
      const app = new Hono();
      mountWebClient(app, { distDir: path.join(later, 'dist') });
      const before = await app.request('/');
      expect(before.status).toBe(200);
      expect(await before.text()).toContain('/api/docs');
      expect((await app.request('/no/such/page')).status).toBe(404);

      await mkdir(path.join(later, 'dist', 'assets'), { recursive: true });
      await writeFile(path.join(later, 'dist', HASHED), script);
      await writeFile(path.join(later, 'dist', 'index.html'), '<!doctype html><title>Атлас громад</title>');
      const after = await app.request('/');
      expect(after.status).toBe(200);
      expect(await after.text()).toContain('<title>Атлас громад</title>');
      expect((await app.request(HASHED)).status).toBe(200);
    } finally {
      await rm(later, { recursive: true, force: true });
    }
  });
});

// B4 repeat visit: what the first map asks of the API (catalogue, scores summary) comes back as 304 from a
// warm cache instead of again in full.
describe('API answers revalidated by ETag', () => {
  it.each(['/api/models', '/api/sources', '/api/models/cpi/scores?fields=summary&pcode=UA1204001'])(
    '%s: a weak tag shared by every coding, 304 with no body when it still matches',
    async (p) => {
      const br = await get(p, { 'Accept-Encoding': 'br, gzip' });
      expect(br.status).toBe(200);
      const tag = br.headers.get('etag');
      expect(tag).toMatch(/^W\/"[^"]+"$/);
      const plain = await get(p);
      expect(plain.headers.get('etag')).toBe(tag);

      const again = await get(p, { 'Accept-Encoding': 'br, gzip', 'If-None-Match': tag! });
      expect(again.status).toBe(304);
      expect((await again.arrayBuffer()).byteLength).toBe(0);
      expect(again.headers.get('etag')).toBe(tag);

      const stale = await get(p, { 'If-None-Match': 'W/"not-this-one"' });
      expect(stale.status).toBe(200);
      expect((await stale.arrayBuffer()).byteLength).toBeGreaterThan(0);
    },
  );

  it("sends the map's scores compressed once with brotli, with a strong tag per coding and 304s", async () => {
    const p = '/api/models/cpi/scores?bands=true&fields=summary';
    const br = await get(p, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    const tag = br.headers.get('etag')!;
    expect(tag).toMatch(/^"[^"]+-br"$/);
    const packed = Buffer.from(await br.arrayBuffer());
    const json = brotliDecompressSync(packed).toString();
    expect((JSON.parse(json) as { units: unknown[] }).units.length).toBeGreaterThan(1469);
    // Brotli at its best: well under a tenth of the JSON.
    expect(packed.byteLength).toBeLessThan(json.length / 10);
    const again = await get(p, { 'Accept-Encoding': 'gzip, deflate, br', 'If-None-Match': tag });
    expect(again.status).toBe(304);
    const plain = await get(p);
    expect(await plain.text()).toBe(json);
  });

  it('leaves error answers and writes without a tag', async () => {
    const missing = await get('/api/units/UA9999999');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('etag')).toBeNull();
  });
});
