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
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
    expect(config.data.mirrorDir).toBe(path.resolve('../shared/data'));
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
