import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import type { Logger } from '../shared/logger.ts';
import { fetchSources } from './fetch-sources.ts';
import type { ImportReport } from './import-batch.ts';
import { importAll } from './import-all.ts';
import { createProgressReporter } from './progress-bar.ts';
import { loadSourcesManifest } from './sources-manifest.ts';

/** One line per import step, with every rejected row (file, row, field, reason) so nothing is silently lost. */
export function describeReport(r: ImportReport): string[] {
  const head =
    `${r.kind}: ${r.fileName}: ${r.rowsRead} read, ${r.rowsAccepted} accepted, ${r.rejected.length} rejected ` +
    `(${(r.durationMs / 1000).toFixed(1)} s)`;
  return [
    head,
    ...r.notes.map((n) => `  note: ${n}`),
    ...r.rejected.map(
      (x) =>
        `  rejected: ${r.fileName} row ${x.rowNumber}${x.field ? `, field ${x.field}` : ''}: ${x.reason}`,
    ),
  ];
}

/**
 * First start: when the database holds no import yet, fetch the pinned sources (or copy them from the
 * mirror), verify them and import everything. Later starts find the data and do nothing.
 */
export async function ensureData(db: Kysely<DB>, config: Config, logger: Logger): Promise<void> {
  const existing = await db.selectFrom('import_batches').select('id').limit(1).executeTakeFirst();
  if (existing) return;
  if (!config.data.autoImport) {
    logger.warn(
      'The database is empty and ATLAS_AUTO_IMPORT=false: run `npm run import -- all` to load the data',
    );
    return;
  }
  const manifest = await loadSourcesManifest();
  logger.info(
    config.data.mirrorDir
      ? `First start: copying the source data from ${config.data.mirrorDir}`
      : `First start: downloading the source data into ${config.data.cacheDir}`,
  );
  const progress = createProgressReporter();
  try {
    await fetchSources({
      manifest,
      cacheDir: config.data.cacheDir,
      mirrorDir: config.data.mirrorDir,
      onProgress: progress.onProgress,
    });
  } finally {
    progress.stop();
  }
  logger.info('Importing into the database (about a minute)…');
  await importAll(db, manifest, config.data.mirrorDir ?? config.data.cacheDir, (r) => {
    for (const line of describeReport(r)) logger.info(line);
  });
}
