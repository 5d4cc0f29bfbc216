// Usage: npm run data:fetch [-- --only id1,id2]
// Downloads the pinned source files of data/sources.json into ATLAS_CACHE_DIR (default .atlas/cache),
// or copies them from ATLAS_DATA_MIRROR when it is set, verifying each against its sha256.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { fetchSources, type FetchResult } from '../server/pipeline/fetch-sources.ts';
import { createProgressReporter, formatBytes } from '../server/pipeline/progress-bar.ts';
import { loadSourcesManifest } from '../server/pipeline/sources-manifest.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' } } });
  const only = values.only
    ?.split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const { cacheDir, mirrorDir } = loadConfig().data;
  const manifest = await loadSourcesManifest();

  console.log(mirrorDir ? `Copying from mirror ${mirrorDir} to ${cacheDir}` : `Downloading to ${cacheDir}`);
  const progress = createProgressReporter();
  let results: FetchResult[];
  try {
    results = await fetchSources({ manifest, cacheDir, mirrorDir, only, onProgress: progress.onProgress });
  } finally {
    progress.stop();
  }
  printSummary(results, cacheDir);
}

function printSummary(results: FetchResult[], cacheDir: string): void {
  const rows = results.map((r) => [
    r.file.id,
    r.status,
    formatBytes(r.file.bytes),
    path.relative(cacheDir, r.localPath),
  ]);
  const header = ['file', 'status', 'size', 'path'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(['', line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
  const count = (status: FetchResult['status']) => results.filter((r) => r.status === status).length;
  console.log(
    `\n${results.length} file(s) verified: ${count('downloaded')} downloaded, ${count('copied')} copied, ${count('cached')} already cached`,
  );
}

main().catch((err: unknown) => {
  // Failures here are expected conditions (offline, checksum, bad manifest) with messages that say what to do;
  // a stack trace would only bury them.
  console.error(`data:fetch failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
