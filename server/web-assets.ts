import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { precompress, strongEtag, type Precompressed } from './shared/http-cache.ts';

// The built web client served like the tiles (issue #15, item 1): every file compressed once (brotli and gzip,
// written beside it by the build: web/vite-precompress.ts), sent in the coding the client accepts, validated
// with a strong ETag, and cached for good when its name carries a content hash.

/** Files Vite names by their content (`assets/index-Dh9EsiL5.js`): a new build gives them new names. */
const HASHED = /^assets\/.+-[\w-]{8,}\.[a-z0-9]+$/;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Codings written by the build beside a file (`x.js.br`, `x.js.gz`): never served as files of their own. */
const CODING_SUFFIX = /\.(br|gz)$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and other unhashed files: the browser keeps them but asks each time (a 304 costs no body). */
export const REVALIDATE = 'no-cache';

export interface WebAsset {
  readonly contentType: string;
  readonly cacheControl: string;
  /** The bodies, read (or, for a build without its .br/.gz files, compressed) on first use. */
  load(): Promise<Precompressed>;
}

function readBody(file: string): Precompressed {
  const identity = new Uint8Array(readFileSync(file));
  const coded = (suffix: string) =>
    existsSync(file + suffix) ? new Uint8Array(readFileSync(file + suffix)) : undefined;
  const gzip = coded('.gz');
  const br = coded('.br');
  return {
    identity,
    gzip,
    br,
    etag: strongEtag(identity),
    bytes: identity.byteLength + (gzip?.byteLength ?? 0) + (br?.byteLength ?? 0),
  };
}

/** Text worth compressing when the build left no compressed copies (an older build, a hand-made dist). */
const COMPRESSIBLE = /\.(html|m?js|css|svg|json|txt|wasm)$/;

function assetOf(file: string, relative: string): WebAsset | null {
  const contentType = CONTENT_TYPES[path.extname(file).toLowerCase()];
  if (!contentType) return null;
  let body: Promise<Precompressed> | undefined;
  return {
    contentType,
    cacheControl: HASHED.test(relative) ? IMMUTABLE : REVALIDATE,
    load() {
      body ??= (async () => {
        const read = readBody(file);
        if (read.gzip || read.br || !COMPRESSIBLE.test(file)) return read;
        return precompress(read.identity, { brotliQuality: 9 });
      })();
      // A failed read is not remembered (a file replaced mid-read is read again next time).
      body.catch(() => (body = undefined));
      return body;
    },
  };
}

/**
 * The files of a built client by URL path (`/assets/index-….js`), listed once: a path not in the list is a
 * 404 without touching the disk, and `..` can never reach outside the folder. The build's own metadata
 * (`.vite/`, the manifest) is not served.
 */
export function listWebAssets(distDir: string): Map<string, WebAsset> {
  const assets = new Map<string, WebAsset>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (!CODING_SUFFIX.test(entry.name) && statSync(file).isFile()) {
        const relative = path.relative(distDir, file).split(path.sep).join('/');
        const asset = assetOf(file, relative);
        if (asset) assets.set(`/${relative}`, asset);
      }
    }
  };
  if (existsSync(distDir)) walk(distDir);
  return assets;
}

/**
 * The listing of a client folder, listed again when a new build replaces it under a running server (a new
 * index.html): asked for index.html or for a path it does not know, it checks index.html's time first.
 */
export function watchWebAssets(distDir: string): { get(urlPath: string): WebAsset | undefined } {
  const indexFile = path.join(distDir, 'index.html');
  const builtAt = () => (existsSync(indexFile) ? statSync(indexFile).mtimeMs : 0);
  let listedAt = builtAt();
  let assets = listWebAssets(distDir);
  return {
    get(urlPath) {
      const known = assets.get(urlPath);
      if (known && urlPath !== '/index.html') return known;
      const now = builtAt();
      if (now !== listedAt) {
        listedAt = now;
        assets = listWebAssets(distDir);
      }
      return assets.get(urlPath);
    },
  };
}
