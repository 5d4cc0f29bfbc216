import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { SourceFile, SourcesManifest } from './sources-manifest.ts';

/** Bytes of one file received so far; `total` is the pinned size from the manifest. */
export interface FetchProgress {
  fileId: string;
  received: number;
  total: number;
}

export interface FetchSourcesOptions {
  manifest: SourcesManifest;
  /** Where verified files live, at `<cacheDir>/<path>`. */
  cacheDir: string;
  /** A local directory with the same relative paths; when set, files are copied from it and the network is not used. */
  mirrorDir?: string;
  /** File ids to fetch; all files when omitted. */
  only?: string[];
  fetchImpl?: typeof fetch;
  onProgress?: (progress: FetchProgress) => void;
}

export interface FetchResult {
  file: SourceFile;
  localPath: string;
  status: 'cached' | 'downloaded' | 'copied';
}

export function cachedPathFor(cacheDir: string, file: SourceFile): string {
  return path.join(cacheDir, file.path);
}

/**
 * Makes every selected file of the manifest available in the cache, verified against its pinned sha256 and size.
 * Files are fetched one after another: there are few, and a failure then stops before anything else is started.
 */
export async function fetchSources(options: FetchSourcesOptions): Promise<FetchResult[]> {
  const { cacheDir, mirrorDir, fetchImpl = fetch, onProgress } = options;
  const results: FetchResult[] = [];
  for (const file of selectFiles(options.manifest, options.only)) {
    const localPath = cachedPathFor(cacheDir, file);
    if (await isVerified(localPath, file)) {
      results.push({ file, localPath, status: 'cached' });
      continue;
    }
    const report = (received: number) => onProgress?.({ fileId: file.id, received, total: file.bytes });
    if (mirrorDir) {
      const mirrorPath = path.join(mirrorDir, file.path);
      await writeVerified(file, await openMirrorFile(file, mirrorPath), mirrorPath, localPath, report);
      results.push({ file, localPath, status: 'copied' });
    } else {
      await writeVerified(file, await openDownload(file, fetchImpl), file.url, localPath, report);
      results.push({ file, localPath, status: 'downloaded' });
    }
  }
  return results;
}

function selectFiles(manifest: SourcesManifest, only: string[] | undefined): SourceFile[] {
  if (!only) return manifest.files;
  const known = new Set(manifest.files.map((f) => f.id));
  const unknown = only.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new Error(`unknown source file id(s): ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  }
  return manifest.files.filter((f) => only.includes(f.id));
}

async function isVerified(localPath: string, file: SourceFile): Promise<boolean> {
  const stats = await stat(localPath).catch(() => undefined);
  // Comparing the size first avoids hashing a file that cannot match.
  if (!stats?.isFile() || stats.size !== file.bytes) return false;
  const hash = createHash('sha256');
  await pipeline(createReadStream(localPath), hash);
  return hash.digest('hex') === file.sha256;
}

async function openMirrorFile(file: SourceFile, mirrorPath: string): Promise<Readable> {
  const stats = await stat(mirrorPath).catch(() => undefined);
  if (!stats?.isFile()) throw new Error(`${file.id}: not found in the data mirror: ${mirrorPath}`);
  return createReadStream(mirrorPath);
}

async function openDownload(file: SourceFile, fetchImpl: typeof fetch): Promise<Readable> {
  let response: Response;
  try {
    response = await fetchImpl(file.url);
  } catch (err) {
    // fetch() only says "fetch failed"; the reason (DNS, refused, TLS …) is in `cause`.
    const reason = ((err as Error).cause as Error | undefined)?.message ?? (err as Error).message;
    throw new Error(`${file.id}: could not download ${file.url}: ${reason}`, { cause: err });
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new Error(`${file.id}: HTTP ${response.status} ${response.statusText} for ${file.url}`);
  }
  // The DOM and Node typings describe the same web stream differently; at run time it is Node's own.
  return Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
}

/**
 * Streams `input` to a temporary file next to `localPath`, hashing as it goes, and renames it into place only
 * when both sha256 and size match. A rename within one directory is atomic, so readers never see a partial file,
 * and the random temporary name lets two fetches of the same file (CLI and server start-up) run side by side.
 */
async function writeVerified(
  file: SourceFile,
  input: Readable,
  origin: string,
  localPath: string,
  report: (received: number) => void,
): Promise<void> {
  await mkdir(path.dirname(localPath), { recursive: true });
  const tempPath = `${localPath}.${randomBytes(6).toString('hex')}.part`;
  const hash = createHash('sha256');
  let received = 0;
  try {
    await pipeline(
      input,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          received += chunk.length;
          report(received);
          yield chunk;
        }
      },
      createWriteStream(tempPath),
    );
    const actual = hash.digest('hex');
    if (actual !== file.sha256 || received !== file.bytes) {
      throw new Error(
        `${file.id}: checksum mismatch for ${origin}: expected sha256 ${file.sha256} (${file.bytes} bytes), ` +
          `got ${actual} (${received} bytes); the file is discarded`,
      );
    }
    await rename(tempPath, localPath);
  } finally {
    // A no-op after a successful rename; otherwise removes a partial or rejected file.
    await rm(tempPath, { force: true });
  }
}
