import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface OpenApiDocument {
  openapi: string;
  paths: Record<
    string,
    Record<string, { responses: Record<string, unknown>; parameters?: { name: string }[] }>
  >;
  components: { schemas: Record<string, unknown> };
}

describe('GET /api/openapi.json', () => {
  it('documents every API path, and not the docs page', async () => {
    const { status, body } = await t.getJson<OpenApiDocument>('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths).sort()).toEqual(
      [
        '/health',
        '/client-config',
        '/units',
        '/units/{pcode}',
        '/units.geojson',
        '/indicators',
        '/indicators/{id}/values',
        '/sources',
        '/layers/{level}.topojson',
        '/models',
        '/models/{id}',
        '/models/{id}/scores',
        '/models/{id}/matrix',
        '/models/{id}/hotspots',
        '/models/{id}/compare',
        '/scenarios',
        '/scenarios/{id}',
        '/coverage',
        '/targeting',
        '/programmes',
        '/occupied-areas',
        '/occupied-areas/{date}',
      ].sort(),
    );
    // Reads are GET; the writes are re-scoring, saving a scenario and solving a selection.
    const writes = ['/models/{id}/scores', '/scenarios', '/targeting'];
    for (const [path, item] of Object.entries(body.paths)) {
      const methods = Object.keys(item).sort();
      expect(methods, path).toEqual(
        path === '/targeting' ? ['post'] : writes.includes(path) ? ['get', 'post'] : ['get'],
      );
      for (const m of methods) {
        const responses = Object.keys((item as Record<string, { responses: object }>)[m]!.responses);
        expect(
          responses.some((r) => r.startsWith('2')),
          `${m} ${path}`,
        ).toBe(true);
      }
    }
    expect(body.paths['/layers/{level}.topojson']!.get!.parameters?.map((p) => p.name)).toEqual(['level']);
    expect(body.paths['/units']!.get!.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['level', 'parent', 'q', 'limit', 'offset']),
    );
    expect(Object.keys(body.components.schemas)).toEqual(
      expect.arrayContaining(['Error', 'Unit', 'UnitProfile', 'Indicator', 'Source', 'LayerTopology']),
    );
  });
});

describe('GET /api/docs', () => {
  it('serves Swagger UI from the installed package, pointed at the API document', async () => {
    const res = await t.app.request('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain("url: '/api/openapi.json'");
    expect(html).not.toMatch(/https?:\/\//); // no CDN: works offline

    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(
      expect.arrayContaining(['/api/docs/assets/swagger-ui-bundle.js', '/api/docs/assets/swagger-ui.css']),
    );
    const types: Record<string, RegExp> = { js: /^text\/javascript/, css: /^text\/css/, png: /^image\/png/ };
    for (const asset of assets) {
      const r = await t.app.request(asset);
      expect(r.status, asset).toBe(200);
      expect(r.headers.get('content-type'), asset).toMatch(types[asset.split('.').at(-1)!]!);
      expect((await r.arrayBuffer()).byteLength, asset).toBeGreaterThan(100);
    }
  });
});
