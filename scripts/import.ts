// Usage:
//   npm run import -- all                                   fetch (or copy from ATLAS_DATA_MIRROR) and import every source
//   npm run import -- <kind> <file> [--level L] [--date D] [--strict]
//   npm run import -- neighbours                            recompute neighbours from the imported boundaries
// kinds: boundaries (--level oblast|raion|hromada), katottg, kse-population, kse-geography, kse-war-status,
//        kse-budgets, kse-idps, occupied-areas (--date YYYY-MM-DD, or taken from the file name), programmes
// Each import is one transaction: it commits whole or not at all. Rejected rows are listed with file, row,
// field and reason; --strict turns any rejected row into a failure that writes nothing.
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/client.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { fetchSources } from '../server/pipeline/fetch-sources.ts';
import { describeReport } from '../server/pipeline/ensure-data.ts';
import type { ImportReport } from '../server/pipeline/import-batch.ts';
import { importAll } from '../server/pipeline/import-all.ts';
import { computeNeighbours, importerKinds, importFile } from '../server/pipeline/importers/index.ts';
import { createProgressReporter } from '../server/pipeline/progress-bar.ts';
import { loadSourcesManifest } from '../server/pipeline/sources-manifest.ts';

const usage = `usage: npm run import -- all | neighbours | <kind> <file> [--level L] [--date YYYY-MM-DD] [--strict]
kinds: ${importerKinds.join(', ')}`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      level: { type: 'string' },
      date: { type: 'string' },
      strict: { type: 'boolean', default: false },
    },
  });
  const [kind, file] = positionals;
  if (!kind || (kind !== 'all' && kind !== 'neighbours' && !file)) throw new Error(usage);

  const config = loadConfig();
  const manifest = await loadSourcesManifest();
  const database = await openDatabase(config.database);
  const print = (r: ImportReport) => console.log(describeReport(r).join('\n'));
  try {
    await migrateToLatest(database.db);
    if (kind === 'all') {
      const progress = createProgressReporter();
      await fetchSources({
        manifest,
        cacheDir: config.data.cacheDir,
        mirrorDir: config.data.mirrorDir,
        onProgress: progress.onProgress,
      }).finally(() => progress.stop());
      await importAll(database.db, manifest, config.data.mirrorDir ?? config.data.cacheDir, print);
    } else if (kind === 'neighbours') {
      print(await computeNeighbours(database.db));
    } else {
      print(
        await importFile(database.db, manifest, {
          importer: kind,
          filePath: file!,
          options: { level: values.level, snapshotDate: values.date },
          strict: values.strict,
        }),
      );
    }
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(`import failed: ${err instanceof Error ? err.message : String(err)}`);
  console.error('Nothing was written by the failed step.');
  process.exitCode = 1;
});
