import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cachedPathFor, fetchSources, type FetchProgress } from './fetch-sources.ts';
import { loadSourcesManifest, type SourceFile, type SourcesManifest } from './sources-manifest.ts';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

// Fixture contents, served by the local HTTP server below and written to the fixture mirror.
// `big` spans several stream chunks so that progress is reported more than once.
const contents: Record<string, Buffer> = {
  small: Buffer.from('code,name\nUA01,Fixture hromada\n'),
  big: Buffer.alloc(300_000, 'hromada,'),
};

let server: Server;
let baseUrl: string;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const body = contents[(req.url ?? '').replace(/^\/files\//, '')];
    if (!body) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  // fetch keeps connections alive; close them or close() waits for them to time out.
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A manifest entry for a fixture served at `/files/<name>`; `overrides` break it on purpose. */
function fixtureFile(name: string, overrides: Partial<SourceFile> = {}): SourceFile {
  const body = contents[name] ?? Buffer.from('');
  return {
    id: `fixture-${name}`,
    source: 'fixture',
    title: `Fixture ${name}`,
    path: `fixtures/${name}.csv`,
    url: `${baseUrl}/files/${name}`,
    sha256: sha256(body),
    bytes: body.length,
    period: '2024',
    importer: 'fixture',
    ...overrides,
  };
}

function fixtureManifest(...files: SourceFile[]): SourcesManifest {
  return {
    sources: [
      {
        id: 'fixture',
        name: 'Fixture source',
        publisher: 'Tests',
        homepage: 'https://example.org',
        licence: 'CC0',
        licenceUrl: 'https://example.org/cc0',
        attribution: 'Fixture data',
      },
    ],
    files,
  };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

const noNetwork: typeof fetch = () => Promise.reject(new Error('the network must not be used'));

let tmp: string;
let cacheDir: string;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'atlas-fetch-'));
  cacheDir = path.join(tmp, 'cache');
  requests.length = 0;
});

afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('fetchSources: download', () => {
  it('downloads, verifies and places each file at its cache path, reporting progress', async () => {
    const manifest = fixtureManifest(fixtureFile('small'), fixtureFile('big'));
    const progress: FetchProgress[] = [];

    const results = await fetchSources({ manifest, cacheDir, onProgress: (p) => progress.push(p) });

    expect(results.map((r) => [r.file.id, r.status])).toEqual([
      ['fixture-small', 'downloaded'],
      ['fixture-big', 'downloaded'],
    ]);
    expect(results[1]!.localPath).toBe(cachedPathFor(cacheDir, manifest.files[1]!));
    // Compared by hash: a deep toEqual over 300 kB is needlessly slow.
    expect(sha256(await readFile(results[1]!.localPath))).toBe(manifest.files[1]!.sha256);
    expect(await listFiles(cacheDir)).toEqual(
      expect.arrayContaining(['fixtures/small.csv', 'fixtures/big.csv']),
    );
    expect(await listFiles(cacheDir)).toHaveLength(2);

    const bigProgress = progress.filter((p) => p.fileId === 'fixture-big');
    expect(bigProgress.length).toBeGreaterThan(1);
    expect(bigProgress.at(-1)).toEqual({ fileId: 'fixture-big', received: 300_000, total: 300_000 });
  });

  it('keeps a verified cached file without a request', async () => {
    const manifest = fixtureManifest(fixtureFile('small'));
    await fetchSources({ manifest, cacheDir });
    expect(requests).toHaveLength(1);

    const again = await fetchSources({ manifest, cacheDir });

    expect(again[0]!.status).toBe('cached');
    expect(requests).toHaveLength(1);
  });

  it('downloads again when the cached copy is corrupt', async () => {
    const file = fixtureFile('small');
    const localPath = cachedPathFor(cacheDir, file);
    await mkdir(path.dirname(localPath), { recursive: true });
    await writeFile(localPath, Buffer.alloc(file.bytes, 'x'));

    const [result] = await fetchSources({ manifest: fixtureManifest(file), cacheDir });

    expect(result!.status).toBe('downloaded');
    expect(await readFile(localPath)).toEqual(contents.small);
  });

  it('discards a download with the wrong checksum and names file, url and both hashes', async () => {
    const wrong = sha256('something else');
    const file = fixtureFile('big', { sha256: wrong });

    const error = await fetchSources({ manifest: fixtureManifest(file), cacheDir }).catch((e: Error) => e);

    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('fixture-big');
    expect(message).toContain(file.url);
    expect(message).toContain(`expected sha256 ${wrong}`);
    expect(message).toContain(`got ${sha256(contents.big!)}`);
    expect(message).toContain('the file is discarded');
    expect(await listFiles(cacheDir)).toEqual([]);
  });

  it('discards a download of the wrong size', async () => {
    const file = fixtureFile('small', { bytes: contents.small!.length + 1 });

    await expect(fetchSources({ manifest: fixtureManifest(file), cacheDir })).rejects.toThrow(
      `(${file.bytes} bytes), got ${file.sha256} (${contents.small!.length} bytes); the file is discarded`,
    );
    expect(await listFiles(cacheDir)).toEqual([]);
  });

  it('reports an HTTP error with its status and url', async () => {
    const file = fixtureFile('missing');

    await expect(fetchSources({ manifest: fixtureManifest(file), cacheDir })).rejects.toThrow(
      `fixture-missing: HTTP 404 Not Found for ${baseUrl}/files/missing`,
    );
    expect(await listFiles(cacheDir)).toEqual([]);
  });

  it('reports a connection failure with its reason', async () => {
    // A port that was just free: nothing listens there any more.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const file = fixtureFile('small', { url: `http://127.0.0.1:${port}/files/small` });

    await expect(fetchSources({ manifest: fixtureManifest(file), cacheDir })).rejects.toThrow(
      `fixture-small: could not download ${file.url}: connect ECONNREFUSED`,
    );
  });

  it('fetches only the files asked for and rejects unknown ids', async () => {
    const manifest = fixtureManifest(fixtureFile('small'), fixtureFile('big'));

    const results = await fetchSources({ manifest, cacheDir, only: ['fixture-big'] });
    expect(results.map((r) => r.file.id)).toEqual(['fixture-big']);

    await expect(fetchSources({ manifest, cacheDir, only: ['fixture-nope'] })).rejects.toThrow(
      'unknown source file id(s): fixture-nope',
    );
  });
});

describe('fetchSources: mirror', () => {
  let mirrorDir: string;

  beforeEach(async () => {
    // Fixture mirror: the same relative paths as the manifest, like ATLAS_DATA_MIRROR.
    mirrorDir = path.join(tmp, 'mirror');
    await mkdir(path.join(mirrorDir, 'fixtures'), { recursive: true });
    await writeFile(path.join(mirrorDir, 'fixtures/small.csv'), contents.small!);
  });

  it('copies from the mirror without using the network', async () => {
    const file = fixtureFile('small');

    const [result] = await fetchSources({
      manifest: fixtureManifest(file),
      cacheDir,
      mirrorDir,
      fetchImpl: noNetwork,
    });

    expect(result!.status).toBe('copied');
    expect(await readFile(cachedPathFor(cacheDir, file))).toEqual(contents.small);
  });

  it('names the missing mirror path', async () => {
    const file = fixtureFile('big');

    await expect(
      fetchSources({ manifest: fixtureManifest(file), cacheDir, mirrorDir, fetchImpl: noNetwork }),
    ).rejects.toThrow(
      `fixture-big: not found in the data mirror: ${path.join(mirrorDir, 'fixtures/big.csv')}`,
    );
  });

  it('verifies mirror copies too', async () => {
    const file = fixtureFile('small', { sha256: sha256('something else') });

    await expect(fetchSources({ manifest: fixtureManifest(file), cacheDir, mirrorDir })).rejects.toThrow(
      /fixture-small: checksum mismatch for .*fixtures\/small\.csv/,
    );
    expect(await listFiles(cacheDir)).toEqual([]);
  });

  const realMirror = process.env.ATLAS_DATA_MIRROR;

  it.skipIf(!realMirror)('copies all files of data/sources.json from ATLAS_DATA_MIRROR', async () => {
    const manifest = await loadSourcesManifest();

    const results = await fetchSources({ manifest, cacheDir, mirrorDir: realMirror, fetchImpl: noNetwork });

    expect(results).toHaveLength(18);
    for (const { file, localPath, status } of results) {
      expect(status).toBe('copied');
      expect(sha256(await readFile(localPath))).toBe(file.sha256);
    }
  });
});
