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
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

describe('GET /api/openapi.json', () => {
  it('documents every API path, and not the docs page', async () => {
    const { status, body } = await t.getJson<OpenApiDocument>('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    // Every path and its methods. Reads are GET; the POSTs of scores, scenarios and targeting compute or save
    // a shareable weight set; every other POST, PATCH and DELETE is a write that needs a role (issue #6,
    // tests/integration/access-matrix.test.ts).
    const methods: Record<string, string[]> = {
      '/health': ['get'],
      '/client-config': ['get'],
      '/auth/login': ['post'],
      '/auth/logout': ['post'],
      '/auth/me': ['get'],
      '/auth/password': ['post'],
      '/users': ['get', 'post'],
      '/users/{id}': ['patch'],
      '/organisations': ['get', 'post'],
      '/organisations/{id}': ['delete', 'patch'],
      '/tokens': ['get', 'post'],
      '/tokens/{id}': ['delete'],
      '/audit': ['get'],
      '/units': ['get'],
      '/units/{pcode}': ['get'],
      '/units.geojson': ['get'],
      '/indicators': ['get'],
      '/indicators/{id}/values': ['get'],
      '/indicators/units': ['get'],
      '/sources': ['get'],
      '/layers/{level}.topojson': ['get'],
      '/layers/{level}.index.json': ['get'],
      '/models': ['get'],
      '/models/{id}': ['get'],
      '/models/{id}/scores': ['get', 'post'],
      '/models/{id}/matrix': ['get'],
      '/models/{id}/hotspots': ['get'],
      '/models/{id}/compare': ['get'],
      '/models/{id}/dates': ['get'],
      '/models/{id}/trend': ['get'],
      '/scenarios': ['get', 'post'],
      '/scenarios/{id}': ['delete', 'get'],
      '/coverage': ['get'],
      '/coverage/3w': ['get'],
      '/targeting': ['post'],
      '/programmes': ['get', 'post'],
      '/programmes/import': ['post'],
      '/programmes/summary': ['get'],
      '/programmes/{code}': ['delete', 'get', 'patch'],
      '/programmes/{code}/sites': ['post'],
      '/programmes/{code}/sites/{pcode}': ['delete'],
      '/assessments': ['get', 'post'],
      '/assessments/{id}': ['delete', 'patch'],
      '/assessment-submissions': ['post'],
      '/assessment-submissions/preview': ['post'],
      '/assessment-submissions/rounds': ['get'],
      '/assessment-submissions/uploads': ['get'],
      '/assessment-submissions/uploads/{batchId}/rejected': ['get'],
      '/strategies': ['get', 'post'],
      '/strategies/counts': ['get'],
      '/strategies/export': ['get'],
      '/strategies/{id}': ['delete', 'get', 'patch'],
      '/instrument': ['get'],
      '/instrument/xlsform': ['get'],
      '/instrument/xform': ['get'],
      '/rounds/changes': ['get'],
      '/rounds/communities': ['get'],
      '/occupied-areas': ['get'],
      '/occupied-areas/{date}': ['get'],
    };
    expect(Object.keys(body.paths).sort()).toEqual(Object.keys(methods).sort());
    for (const [path, item] of Object.entries(body.paths)) {
      const methodsOfPath = Object.keys(item).sort();
      expect(methodsOfPath, path).toEqual(methods[path]);
      const writes = methodsOfPath.filter((m) => m !== 'get');
      for (const m of writes) {
        const open = ['/auth/login', '/models/{id}/scores', '/scenarios', '/targeting'].includes(path);
        const operation = (item as Record<string, { security?: unknown[] }>)[m]!;
        // Writes say how they authenticate: the session cookie (with X-CSRF-Token) or an API token.
        if (!open) expect(operation.security, `${m} ${path}`).toEqual([{ session: [] }, { bearer: [] }]);
      }
      for (const m of methodsOfPath) {
        const responses = Object.keys((item as Record<string, { responses: object }>)[m]!.responses);
        expect(
          responses.some((r) => r.startsWith('2')),
          `${m} ${path}`,
        ).toBe(true);
      }
    }
    expect(Object.keys(body.components.securitySchemes).sort()).toEqual(['bearer', 'session']);
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
