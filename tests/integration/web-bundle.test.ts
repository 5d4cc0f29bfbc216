import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/config.ts';
import { ensureWebBuild } from '../support/web-client.ts';

// Issue #15, item 1: the first map needs MapLibre and the app, nothing else. deck.gl (labels, coverage dots),
// papaparse and exceljs (downloads) are chunks loaded when first used. Read from the build's own chunk graph
// (web/dist/.vite/manifest.json) and the files it names.

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  css?: string[];
}

const dist = path.join(repoRoot, 'web', 'dist');
let manifest: Record<string, Chunk>;

/** The chunks loaded with `key` before it runs: itself and its static imports, recursively. */
function staticClosure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const k of manifest[key]?.imports ?? []) staticClosure(k, seen);
  return seen;
}

beforeAll(async () => {
  await ensureWebBuild();
  manifest = JSON.parse(await readFile(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    Chunk
  >;
}, 300_000);

describe('the first chunk graph', () => {
  it('loads no deck.gl, luma.gl, zod, papaparse or exceljs', async () => {
    const first = staticClosure('index.html');
    const lazy = Object.keys(manifest).filter((k) => /@deck\.gl|@luma\.gl|papaparse|exceljs/.test(k));
    expect(lazy.length).toBeGreaterThanOrEqual(4);
    for (const k of lazy) {
      expect(manifest[k]!.isDynamicEntry, k).toBe(true);
      expect(first.has(k), k).toBe(false);
    }
    // Nor any chunk that only those need: no file loaded first holds luma.gl's code (deck.gl draws with it),
    // nor zod's (only the Target view parses model definitions: state/target/model-parser.ts).
    for (const k of first) {
      const code = await readFile(path.join(dist, manifest[k]!.file), 'utf8');
      expect(code.includes('luma.gl'), manifest[k]!.file).toBe(false);
      expect(code.includes('$ZodType'), manifest[k]!.file).toBe(false);
    }
  });

  it('has every JS and CSS file precompressed beside it, brotli smaller than gzip', async () => {
    const files = new Set(Object.values(manifest).flatMap((c) => [c.file, ...(c.css ?? [])]));
    for (const f of files) {
      const plain = await readFile(path.join(dist, f));
      if (plain.byteLength < 1024) continue;
      const br = await readFile(path.join(dist, `${f}.br`));
      const gz = await readFile(path.join(dist, `${f}.gz`));
      expect(br.byteLength, f).toBeLessThan(gz.byteLength);
      expect(gz.byteLength, f).toBeLessThan(plain.byteLength);
    }
  });
});
