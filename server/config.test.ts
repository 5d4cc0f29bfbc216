import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, repoRoot } from './config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded database under .atlas', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'pglite', dataDir: path.join(repoRoot, '.atlas', 'db') });
    expect(config.server.port).toBe(8080);
    expect(config.data.autoImport).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('uses PostgreSQL when DATABASE_URL is set, and the mirror when given', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h/db', ATLAS_DATA_MIRROR: '../shared/data' });
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h/db',
      connectTimeoutMs: 5_000,
      statementTimeoutMs: 30_000,
    });
    expect(config.data.mirrorDir).toBe(path.resolve('../shared/data'));
  });

  it('takes the database timeouts from the environment (issue #11), 0 meaning none', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@h/db',
      ATLAS_DB_CONNECT_TIMEOUT_MS: '1500',
      ATLAS_DB_STATEMENT_TIMEOUT_MS: '0',
    });
    expect(config.database).toMatchObject({ connectTimeoutMs: 1500, statementTimeoutMs: 0 });
    expect(() => loadConfig({ ATLAS_DB_CONNECT_TIMEOUT_MS: '-1' })).toThrow(/ATLAS_DB_CONNECT_TIMEOUT_MS/);
  });

  it('reports every invalid key at once, by name', () => {
    expect(() =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', ATLAS_AUTO_IMPORT: 'maybe' }),
    ).toThrow(
      /PORT: .*\n.*DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL\n.*ATLAS_AUTO_IMPORT/s,
    );
  });

  it('has no basemap unless one is configured, and takes only an http(s) style URL', () => {
    expect(loadConfig({}).basemap).toBeNull();
    const config = loadConfig({
      ATLAS_BASEMAP_STYLE_URL: 'https://tiles.example.org/style.json',
      ATLAS_BASEMAP_ATTRIBUTION: '© OpenStreetMap contributors',
    });
    expect(config.basemap).toEqual({
      styleUrl: 'https://tiles.example.org/style.json',
      attribution: '© OpenStreetMap contributors',
    });
    expect(() => loadConfig({ ATLAS_BASEMAP_STYLE_URL: 'file:///etc/passwd' })).toThrow(
      /ATLAS_BASEMAP_STYLE_URL: must be an http\(s\) URL/,
    );
  });
});

describe('security settings (issue #6)', () => {
  it('defaults to public reads, CORS off, 12-hour sessions, 10 MB bodies, Secure cookies over https', () => {
    expect(loadConfig({}).security).toEqual({
      readAccess: 'public',
      corsOrigins: null,
      sessionTtlMs: 12 * 3_600_000,
      bodyLimitBytes: 10 * 1024 * 1024,
      cookieSecure: 'auto',
      login: { windowMs: 15 * 60_000, addressMaxFailures: 10, accountFreeFailures: 20, maxDelayMs: 30_000 },
      trustedProxies: [],
    });
  });

  it('rate limits and the targeting queue (issue #11): defaults, and trusted proxies must be addresses', () => {
    const config = loadConfig({});
    expect(config.rateLimits).toEqual({ windowMs: 60_000, anonymousWrites: 30, compute: 30 });
    expect(config.targeting).toEqual({ concurrency: 1, queue: 4, timeLimitSeconds: 20 });
    expect(loadConfig({ ATLAS_TARGETING_TIME_LIMIT: '7.5' }).targeting.timeLimitSeconds).toBe(7.5);
    expect(() => loadConfig({ ATLAS_TARGETING_TIME_LIMIT: '0' })).toThrow(/ATLAS_TARGETING_TIME_LIMIT/);
    expect(loadConfig({ ATLAS_TRUSTED_PROXIES: '10.0.0.1, ::1' }).security.trustedProxies).toEqual([
      '10.0.0.1',
      '::1',
    ]);
    expect(() => loadConfig({ ATLAS_TRUSTED_PROXIES: 'proxy.example.org' })).toThrow(/ATLAS_TRUSTED_PROXIES/);
    expect(() => loadConfig({ ATLAS_RATE_COMPUTE: '0' })).toThrow(/ATLAS_RATE_COMPUTE/);
  });

  it('takes a list of CORS origins and refuses anything that is not an origin', () => {
    const config = loadConfig({
      ATLAS_CORS_ORIGINS: 'https://atlas.example.org, http://localhost:5173',
      ATLAS_READ_ACCESS: 'login',
      ATLAS_COOKIE_SECURE: 'true',
    });
    expect(config.security.corsOrigins).toEqual(['https://atlas.example.org', 'http://localhost:5173']);
    expect(config.security.readAccess).toBe('login');
    expect(config.security.cookieSecure).toBe(true);
    for (const bad of ['*', 'https://atlas.example.org/', 'atlas.example.org', 'ftp://x.org']) {
      expect(() => loadConfig({ ATLAS_CORS_ORIGINS: bad }), bad).toThrow(/ATLAS_CORS_ORIGINS/);
    }
    expect(() => loadConfig({ ATLAS_READ_ACCESS: 'private', ATLAS_BODY_LIMIT_MB: '0' })).toThrow(
      /ATLAS_READ_ACCESS.*\n.*ATLAS_BODY_LIMIT_MB/s,
    );
  });
});
