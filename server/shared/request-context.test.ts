import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import type { AppDeps, AppEnv } from './app-env.ts';
import { requestContext, requestIdFrom, respond } from './request-context.ts';
import { securityHeaders, securityHeadersFor } from './security.ts';

const config = loadConfig({});
const deps = { config } as AppDeps;
const security = securityHeaders(config);

function app() {
  return new Hono<AppEnv>()
    .use('*', requestContext(deps))
    .get('/fast', (c) => respond(c, null, 304, { ETag: '"x"', 'Cache-Control': 'no-cache' }))
    .get('/json', (c) => c.json({ requestId: c.get('requestId') }))
    .get('/own-csp', (c) => {
      c.header('Content-Security-Policy', "default-src 'none'");
      return c.html('<p>page</p>');
    })
    .get('/page', (c) => c.html('<p>page</p>'))
    .get('/fails', () => {
      throw new Error('boom');
    })
    .onError((_err, c) => c.json({ requestId: c.get('requestId') }, 500));
}

function expectEnvelope(res: Response, path: string): void {
  const set = securityHeadersFor(security, res.headers.get('Content-Type'));
  for (const [name, value] of Object.entries(set)) {
    if (name === 'Content-Security-Policy' && path === '/own-csp') continue;
    expect(res.headers.get(name), `${path} ${name}`).toBe(value);
  }
  expect(res.headers.get('X-Request-Id'), path).toMatch(/^[\w=-]+$/);
}

describe('requestContext', () => {
  it('gives every answer its request id and the security headers, however it was built', async () => {
    const a = app();
    for (const path of ['/fast', '/json', '/own-csp', '/page', '/fails', '/nothing-here']) {
      expectEnvelope(await a.request(path), path);
    }
    // A page all of them, data only what matters for data (security.ts).
    expect((await a.request('/page')).headers.get('Permissions-Policy')).toBe(
      security.document['Permissions-Policy'],
    );
    expect((await a.request('/json')).headers.get('Permissions-Policy')).toBeNull();
    const fast = await a.request('/fast');
    expect(fast.status).toBe(304);
    expect(fast.headers.get('ETag')).toBe('"x"');
  });

  it("keeps a handler's own header: Swagger UI's CSP with its nonce", async () => {
    const res = await app().request('/own-csp');
    expect(res.headers.get('Content-Security-Policy')).toBe("default-src 'none'");
  });

  it('names the same id in the header and in the context (error bodies quote it)', async () => {
    for (const path of ['/json', '/fails']) {
      const res = await app().request(path);
      expect(((await res.json()) as { requestId: string }).requestId).toBe(res.headers.get('X-Request-Id'));
    }
  });

  it("keeps a caller's sane X-Request-Id, like hono/request-id, and replaces anything else", () => {
    expect(requestIdFrom('proxy-123_abc=')).toBe('proxy-123_abc=');
    for (const bad of [undefined, '', 'has space', 'semi;colon', 'x'.repeat(256)]) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('answers through c.body() when there is no envelope (a bare sub-app)', async () => {
    const bare = new Hono<AppEnv>().get('/', (c) => respond(c, new Uint8Array([1, 2]), 200, { ETag: '"y"' }));
    const res = await bare.request('/');
    expect(res.headers.get('ETag')).toBe('"y"');
    expect(res.headers.get('X-Frame-Options')).toBeNull();
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([1, 2]));
  });
});
