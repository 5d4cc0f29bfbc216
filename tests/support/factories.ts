import type { Executor } from '../../server/pipeline/import-batch.ts';

/** FIXTURE: an empty, successful import batch — moves the data version as a real import would. */
export async function recordEmptyImportBatch(db: Executor, fileName: string): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('import_batches')
    .values({
      kind: 'fixture',
      file_name: fileName,
      file_sha256: '-',
      started_at: now,
      finished_at: now,
      duration_ms: 0,
      rows_read: 0,
      rows_accepted: 0,
      rows_rejected: 0,
      status: 'succeeded',
    })
    .execute();
}
