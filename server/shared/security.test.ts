import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { contentSecurityPolicy, securityHeaders, securityHeadersFor } from './security.ts';

/** The headers Hono's secureHeaders() sent with the options the app used before they were precomputed. */
async function honoSecureHeaders(config: ReturnType<typeof loadConfig>): Promise<Record<string, string>> {
  const app = new Hono()
    .use(
      secureHeaders({
        contentSecurityPolicy: contentSecurityPolicy(config),
        xFrameOptions: 'DENY',
        referrerPolicy: 'strict-origin-when-cross-origin',
        permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
        overwrite: false,
      }),
    )
    .get('/', (c) => c.body(null, 204));
  const headers: Record<string, string> = {};
  (await app.request('/')).headers.forEach((value, name) => (headers[name] = value));
  return headers;
}

describe('securityHeaders', () => {
  // Precomputed for speed (issue #5, B2), they must stay exactly what issue #6 chose.
  it('are the headers of hono/secure-headers with our options, name for name and value for value', async () => {
    for (const env of [{}, { ATLAS_BASEMAP_STYLE_URL: 'http://tiles.example.org:8080/style.json' }]) {
      const config = loadConfig(env);
      const ours = Object.fromEntries(
        Object.entries(securityHeaders(config).document).map(([name, value]) => [name.toLowerCase(), value]),
      );
      expect(ours).toEqual(await honoSecureHeaders(config));
    }
  });

  it('let an online basemap through the CSP only when one is configured', () => {
    const csp = (env: NodeJS.ProcessEnv) =>
      securityHeaders(loadConfig(env)).document['Content-Security-Policy'];
    expect(csp({})).toContain("connect-src 'self';");
    expect(csp({ ATLAS_BASEMAP_STYLE_URL: 'https://tiles.example.org/style.json' })).toContain(
      "connect-src 'self' https: https://tiles.example.org;",
    );
  });

  it('give data the few that matter for data, and pages, scripts and bodiless answers all of them', () => {
    const sets = securityHeaders(loadConfig({}));
    for (const type of [
      'text/html; charset=UTF-8',
      'text/javascript',
      'application/javascript',
      undefined,
      null,
    ]) {
      expect(securityHeadersFor(sets, type), String(type)).toBe(sets.document);
    }
    for (const type of [
      'application/json',
      'application/x-protobuf',
      'text/css',
      'image/svg+xml',
      'text/csv',
    ]) {
      expect(securityHeadersFor(sets, type), type).toBe(sets.resource);
    }
    // What data keeps: no sniffing, no framing, HTTPS only, no cross-origin reads, nothing runs if opened.
    expect(sets.resource).toEqual({
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Strict-Transport-Security': sets.document['Strict-Transport-Security'],
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    });
  });
});
