import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSourcesManifest, parseSourcesManifest } from './sources-manifest.ts';

// Fixture: a minimal valid manifest, as plain JSON, for the tests below to break one field at a time.
function fixtureManifest() {
  const file = (id: string) => ({
    id,
    source: 'fixture-source',
    title: `Fixture ${id}`,
    path: `fixture/${id}.csv`,
    url: `https://example.org/${id}.csv`,
    sha256: 'a'.repeat(64),
    bytes: 10,
    period: '2024',
    importer: 'fixture',
  });
  return {
    sources: [
      {
        id: 'fixture-source',
        name: 'Fixture source',
        publisher: 'Tests',
        homepage: 'https://example.org',
        licence: 'CC0',
        licenceUrl: 'https://creativecommons.org/publicdomain/zero/1.0/',
        attribution: 'Fixture data',
      },
    ],
    files: [file('a'), file('b'), file('c'), file('d')],
  };
}

describe('parseSourcesManifest', () => {
  it('accepts a valid manifest and lower-cases sha256', () => {
    const json = fixtureManifest();
    json.files[0]!.sha256 = 'AB'.repeat(32);
    const manifest = parseSourcesManifest(json);
    expect(manifest.files).toHaveLength(4);
    expect(manifest.files[0]!.sha256).toBe('ab'.repeat(32));
  });

  it('names the file and field of a malformed sha256', () => {
    const json = fixtureManifest();
    json.files[3]!.sha256 = 'not-a-hash';
    expect(() => parseSourcesManifest(json, 'data/sources.json')).toThrow(
      'data/sources.json: files[3].sha256: expected 64 hex characters',
    );
  });

  it('rejects a file whose source is not listed', () => {
    const json = fixtureManifest();
    json.files[1]!.source = 'nowhere';
    expect(() => parseSourcesManifest(json)).toThrow(
      'sources.json: files[1].source: unknown source "nowhere"',
    );
  });

  it('rejects duplicate file ids and paths', () => {
    const json = fixtureManifest();
    json.files[2] = { ...json.files[0]! };
    expect(() => parseSourcesManifest(json)).toThrow(/files\[2\]\.id: duplicate file id "a"/);
    expect(() => parseSourcesManifest(json)).toThrow(/files\[2\]\.path: duplicate path "fixture\/a\.csv"/);
  });

  it('rejects a path that would escape the cache directory', () => {
    const json = fixtureManifest();
    json.files[0]!.path = '../outside.csv';
    expect(() => parseSourcesManifest(json)).toThrow(/files\[0\]\.path: expected a relative path/);
  });

  it('names missing and unknown fields', () => {
    const json: { sources: Record<string, unknown>[]; files: Record<string, unknown>[] } = fixtureManifest();
    delete json.files[0]!.url;
    json.sources[0]!.licence_url = 'typo';
    expect(() => parseSourcesManifest(json)).toThrow(/files\[0\]\.url: /);
    expect(() => parseSourcesManifest(json)).toThrow(/sources\[0\]: Unrecognized key: "licence_url"/);
  });

  it('reports every problem at once, one per line', () => {
    const json = fixtureManifest();
    json.files[0]!.sha256 = 'x';
    json.files[1]!.bytes = -1;
    json.files[2]!.source = 'nowhere';
    let message = '';
    try {
      parseSourcesManifest(json);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.split('\n')).toEqual([
      expect.stringContaining('files[0].sha256'),
      expect.stringContaining('files[1].bytes'),
      expect.stringContaining('files[2].source'),
    ]);
  });
});

describe('loadSourcesManifest', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'atlas-manifest-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('validates the real data/sources.json', async () => {
    const manifest = await loadSourcesManifest();
    expect(manifest.files).toHaveLength(18);
    const sourceIds = manifest.sources.map((s) => s.id);
    for (const file of manifest.files) expect(sourceIds).toContain(file.source);
  });

  it('names the manifest file when its JSON is invalid', async () => {
    const file = path.join(dir, 'sources.json');
    await writeFile(file, '{ "sources": [');
    await expect(loadSourcesManifest(file)).rejects.toThrow(`${file}: invalid JSON`);
  });

  it('names the manifest file when it cannot be read', async () => {
    const file = path.join(dir, 'missing.json');
    await expect(loadSourcesManifest(file)).rejects.toThrow(`${file}: cannot read the manifest`);
  });
});
