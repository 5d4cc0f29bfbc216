import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin, ResolvedConfig } from 'vite';

// Issue #15, item 1: the client's files compressed once at build time, brotli (quality 11) and gzip (level 9),
// written beside each file (`x.js.br`, `x.js.gz`); the server sends the one the browser accepts
// (server/web-assets.ts) and never compresses per request. A copy not smaller than the file is not written.

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const COMPRESSIBLE = /\.(html|m?js|css|svg|json|txt|wasm)$/;
/** Below this, the headers of a response outweigh what compression saves. */
const MIN_BYTES = 1024;

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

export async function precompressDir(dir: string): Promise<{ files: number; bytes: number; br: number }> {
  const files = (await filesUnder(dir)).filter((f) => COMPRESSIBLE.test(f));
  let bytes = 0;
  let brBytes = 0;
  await Promise.all(
    files.map(async (file) => {
      if ((await stat(file)).size < MIN_BYTES) return;
      const body = await readFile(file);
      const [br, gz] = await Promise.all([
        brotli(body, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
          },
        }),
        gzip(body, { level: 9 }),
      ]);
      bytes += body.byteLength;
      if (br.byteLength < body.byteLength) {
        await writeFile(`${file}.br`, br);
        brBytes += br.byteLength;
      }
      if (gz.byteLength < body.byteLength) await writeFile(`${file}.gz`, gz);
    }),
  );
  return { files: files.length, bytes, br: brBytes };
}

export function precompressPlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'atlas-precompress',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      const outDir = path.resolve(config.root, config.build.outDir);
      const { files, bytes, br } = await precompressDir(outDir);
      config.logger.info(
        `precompressed ${files} files: ${(bytes / 1024).toFixed(0)} KiB → brotli ${(br / 1024).toFixed(0)} KiB`,
      );
    },
  };
}
