import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '../../server/features/sources/sources.schemas.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { testDataDir } from '../support/test-data.ts';

interface Manifest {
  sources: { id: string; name: string; licence: string; licenceUrl: string; attribution: string }[];
  files: { id: string; source: string; path: string; url: string; sha256: string; period: string }[];
}

let t: TestApp;
let manifest: Manifest;
let sources: Source[];
beforeAll(async () => {
  t = await createTestApp();
  manifest = JSON.parse(
    await readFile(new URL('../../data/sources.json', import.meta.url), 'utf8'),
  ) as Manifest;
  const res = await t.getJson<Source[]>('/api/sources');
  expect(res.status).toBe(200);
  sources = res.body;
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/sources', () => {
  it('lists every dataset of data/sources.json with its licence and attribution', () => {
    expect(sources.map((s) => s.id).sort()).toEqual(manifest.sources.map((s) => s.id).sort());
    for (const def of manifest.sources) {
      expect(sources.find((s) => s.id === def.id)).toMatchObject({
        name: def.name,
        licence: def.licence,
        licenceUrl: def.licenceUrl,
        attribution: def.attribution,
      });
    }
  });

  it('lists each imported file with its pinned URL and the sha256 of the file on disk', async () => {
    for (const def of manifest.files) {
      const source = sources.find((s) => s.id === def.source)!;
      const file = source.files.find((f) => f.id === def.id);
      expect(file, def.id).toMatchObject({
        url: def.url,
        sha256: def.sha256.toLowerCase(),
        period: def.period,
      });
      expect(Number.isNaN(Date.parse(file!.retrievedAt))).toBe(false);
    }
    // The pinned hash is the hash of the very bytes the tests imported.
    const population = manifest.files.find((f) => f.id === 'kse-population-2022')!;
    const bytes = await readFile(path.join(testDataDir(), population.path));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(population.sha256.toLowerCase());
  });
});
