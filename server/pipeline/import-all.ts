import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { cachedPathFor } from './fetch-sources.ts';
import type { ImportReport } from './import-batch.ts';
import { computeNeighbours, importFile } from './importers/index.ts';
import type { SourcesManifest } from './sources-manifest.ts';

/** The committed seed of real programmes, credited to its source in data/sources.json ("ipcg"). */
export const seedProgrammeFiles = [
  {
    url: new URL('../../data/programmes/ipcg-veteran-reintegration.csv', import.meta.url),
    seed: {
      sourceId: 'ipcg',
      fileId: 'ipcg-veteran-reintegration',
      title: "Veteran-reintegration pilots named in ІМіП's programme description (HXL 5W)",
      period: '2016/2019',
    },
  },
];

/**
 * Imports every file of the manifest in dependency order (boundaries before codes before indicators;
 * population before per-capita values), then neighbours and the programme seed. Each step is its own
 * transaction: a failing step leaves the steps before it in place and names the file.
 */
export async function importAll(
  db: Kysely<DB>,
  manifest: SourcesManifest,
  cacheDir: string,
  onStep: (report: ImportReport) => void = () => {},
): Promise<ImportReport[]> {
  const order = [
    'boundaries',
    'katottg',
    'kse-population',
    'kse-geography',
    'kse-war-status',
    'kse-budgets',
    'kse-idps',
    'kse-partnerships',
    'kse-osbb',
    'kse-edem',
    'kse-community-competence',
    'kse-dfrr',
    'occupied-areas',
  ];
  const levelOrder = { oblast: 0, raion: 1, hromada: 2 } as Record<string, number>;
  const files = [...manifest.files].sort(
    (a, b) =>
      order.indexOf(a.importer) - order.indexOf(b.importer) ||
      (levelOrder[String(a.options?.level)] ?? 0) - (levelOrder[String(b.options?.level)] ?? 0),
  );
  const reports: ImportReport[] = [];
  const step = (r: ImportReport) => {
    reports.push(r);
    onStep(r);
  };
  for (const file of files) {
    step(
      await importFile(db, manifest, {
        importer: file.importer,
        filePath: cachedPathFor(cacheDir, file),
        options: file.options as { level?: string; snapshotDate?: string } | undefined,
      }),
    );
  }
  step(await computeNeighbours(db));
  for (const { url, seed } of seedProgrammeFiles) {
    step(await importFile(db, manifest, { importer: 'programmes', filePath: url.pathname, seed }));
  }
  return reports;
}
