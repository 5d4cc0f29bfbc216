import type { Executor } from '../db/executor.ts';
import type { SourceDataset, SourceFile } from './sources-manifest.ts';

/**
 * What provenance records about a file: a pinned download (data/sources.json) or a file committed to the
 * repository itself (the programme seed), which has no URL but still a source, a licence and a hash.
 */
export type ProvenanceFile = Pick<SourceFile, 'id' | 'title' | 'sha256' | 'bytes' | 'period'> & {
  url: string | null;
};

/** The dataset's licence and attribution, as data/sources.json states them. Idempotent. */
export async function upsertSourceDataset(db: Executor, dataset: SourceDataset): Promise<void> {
  await upsertSourceDatasets(db, [dataset]);
}

/** Upserts several source datasets in one statement (every import step syncs them: issue #15). */
export async function upsertSourceDatasets(db: Executor, datasets: readonly SourceDataset[]): Promise<void> {
  // One row per id: a multi-row upsert may not touch the same row twice.
  const byId = new Map(datasets.map((d) => [d.id, d]));
  if (!byId.size) return;
  await db
    .insertInto('sources')
    .values(
      [...byId.values()].map((dataset) => ({
        id: dataset.id,
        name: dataset.name,
        publisher: dataset.publisher,
        homepage: dataset.homepage ?? null,
        licence: dataset.licence,
        licence_url: dataset.licenceUrl ?? null,
        attribution: dataset.attribution,
        caveats: dataset.caveats ?? null,
      })),
    )
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        publisher: eb.ref('excluded.publisher'),
        homepage: eb.ref('excluded.homepage'),
        licence: eb.ref('excluded.licence'),
        licence_url: eb.ref('excluded.licence_url'),
        attribution: eb.ref('excluded.attribution'),
        caveats: eb.ref('excluded.caveats'),
      })),
    )
    .execute();
}

/** The exact file a batch read: pinned URL, sha256, period, and when it was retrieved. */
export async function upsertSourceFile(
  db: Executor,
  dataset: SourceDataset,
  file: ProvenanceFile,
): Promise<void> {
  await upsertSourceDataset(db, dataset);
  const row = {
    id: file.id,
    source_id: dataset.id,
    title: file.title,
    url: file.url,
    sha256: file.sha256,
    bytes: file.bytes,
    period: file.period,
    retrieved_at: new Date().toISOString(),
  };
  await db
    .insertInto('source_files')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}
