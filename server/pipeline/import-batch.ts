import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ImportError } from '../shared/errors.ts';
import { explainDatabaseRefusal } from './database-refusal.ts';
import { upsertSourceFile } from './provenance.ts';
import type { ProvenanceFile } from './provenance.ts';
import type { SourceDataset } from './sources-manifest.ts';

/** A row the importer would not load, with where and why. Kept in `rejected_rows` and printed by the CLI. */
export interface RejectedRow {
  rowNumber: number;
  field?: string | null;
  reason: string;
  raw?: string | null;
}

export interface BatchOutcome {
  rowsRead: number;
  rowsAccepted: number;
  rejected: RejectedRow[];
  notes?: string[];
}

export interface ImportReport extends BatchOutcome {
  batchId: number;
  kind: string;
  fileName: string;
  durationMs: number;
  notes: string[];
}

export interface ImportTarget {
  /** What is imported, including its scope so that a re-run supersedes the earlier batch: `boundaries:hromada`. */
  kind: string;
  fileName: string;
  sha256: string;
  /** Provenance when the file is one of data/sources.json or a committed seed file. */
  source?: { dataset: SourceDataset; file: ProvenanceFile };
  /** Strict: any rejected row fails the whole import and nothing is written. */
  strict?: boolean;
}

/**
 * Runs one import as one transaction: the batch row, the importer's writes and its rejected rows commit
 * together or not at all, so a failure never half-loads. Importers replace what an earlier batch of the same
 * kind wrote, which makes a re-run idempotent.
 */
export async function runImport(
  db: Kysely<DB>,
  target: ImportTarget,
  work: (trx: Transaction<DB>, batchId: number) => Promise<BatchOutcome>,
): Promise<ImportReport> {
  try {
    return await db.transaction().execute((trx) => runImportIn(trx, target, work));
  } catch (err) {
    throw explainDatabaseRefusal(err, target.fileName);
  }
}

/** runImport inside a transaction the caller owns (an upload through the API commits it with its audit rows). */
export async function runImportIn(
  trx: Transaction<DB>,
  target: ImportTarget,
  work: (trx: Transaction<DB>, batchId: number) => Promise<BatchOutcome>,
): Promise<ImportReport> {
  const started = new Date();
  if (target.source) await upsertSourceFile(trx, target.source.dataset, target.source.file);
  const { id: batchId } = await trx
    .insertInto('import_batches')
    .values({
      kind: target.kind,
      source_file_id: target.source?.file.id ?? null,
      file_name: target.fileName,
      file_sha256: target.sha256,
      started_at: started.toISOString(),
      finished_at: started.toISOString(),
      duration_ms: 0,
      rows_read: 0,
      rows_accepted: 0,
      rows_rejected: 0,
      status: 'succeeded',
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const outcome = await work(trx, batchId);
  if (target.strict && outcome.rejected.length > 0) {
    const first = outcome.rejected[0]!;
    throw new ImportError(
      `${target.fileName}: ${outcome.rejected.length} row(s) rejected in strict mode, nothing was imported. ` +
        `First: row ${first.rowNumber}${first.field ? `, field ${first.field}` : ''}: ${first.reason}`,
      { file: target.fileName, row: first.rowNumber, field: first.field ?? undefined },
    );
  }
  for (const chunk of chunks(outcome.rejected, 1000)) {
    await trx
      .insertInto('rejected_rows')
      .values(
        chunk.map((r) => ({
          batch_id: batchId,
          row_number: r.rowNumber,
          field: r.field ?? null,
          reason: r.reason,
          raw: r.raw ?? null,
        })),
      )
      .execute();
  }
  const finished = new Date();
  const notes = outcome.notes ?? [];
  await trx
    .updateTable('import_batches')
    .set({
      finished_at: finished.toISOString(),
      duration_ms: finished.getTime() - started.getTime(),
      rows_read: outcome.rowsRead,
      rows_accepted: outcome.rowsAccepted,
      rows_rejected: outcome.rejected.length,
      notes: notes.length ? notes.join('\n') : null,
    })
    .where('id', '=', batchId)
    .execute();
  await trx
    .updateTable('import_batches')
    .set({ status: 'superseded' })
    .where('kind', '=', target.kind)
    .where('id', '<>', batchId)
    .execute();
  return {
    ...outcome,
    notes,
    batchId,
    kind: target.kind,
    fileName: target.fileName,
    durationMs: finished.getTime() - started.getTime(),
  };
}

export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
