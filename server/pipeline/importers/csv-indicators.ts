import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { loadUnitPcodes } from '../../db/unit-pcodes.ts';
import { syncCatalogue } from '../catalogue.ts';
import type { ImportReport, ImportTarget, RejectedRow } from '../import-batch.ts';
import { runImport } from '../import-batch.ts';
import { parseCsv, parseNumber, requireColumns, type ColumnSpec } from '../parse/csv.ts';
import { isMissing } from '../../shared/missing-value.ts';
import { katottgToPcode } from '../../shared/pcode.ts';
import type { SourcesManifest } from '../sources-manifest.ts';
import { DuplicateGuard, replaceIndicatorValues, type IndicatorValue } from './indicator-values.ts';

/** Thrown inside `toValues` to reject the current row with the field at fault. */
export class RowRejection extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** Reads the current row's cells by canonical field name. */
export interface RowReader<K extends string> {
  text(field: K): string;
  /** A number, or null when the cell says the value is missing (NA, empty): never zero. */
  number(field: K): number | null;
  /** 0 or 1; anything else rejects the row. */
  flag(field: K): 0 | 1 | null;
}

/** One KSE-style CSV: a KATOTTG hromada code per row and some columns that become indicator values. */
export interface CsvIndicatorSpec<K extends string, C> {
  kind: string;
  indicatorIds: readonly string[];
  codeColumn: readonly string[];
  columns: ColumnSpec<K>;
  prepare?: (trx: Transaction<DB>) => Promise<C>;
  /** The values of one row (missing ones simply left out), or a RowRejection. `key` defaults to the pcode. */
  toValues: (row: RowReader<K>, pcode: string, ctx: C) => Omit<IndicatorValue, 'pcode'>[];
  rowKey?: (row: RowReader<K>, pcode: string) => string;
  notes?: (ctx: C) => string[];
}

export async function importIndicatorCsv<K extends string, C>(
  db: Kysely<DB>,
  manifest: SourcesManifest,
  target: ImportTarget,
  text: string,
  spec: CsvIndicatorSpec<K, C>,
): Promise<ImportReport> {
  const parsed = parseCsv(text, { fileName: target.fileName });
  const resolver = requireColumns(parsed, { __code: spec.codeColumn, ...spec.columns } as ColumnSpec<
    K | '__code'
  >);

  return runImport(db, target, async (trx, batchId) => {
    await syncCatalogue(trx, manifest);
    const known = await loadUnitPcodes(trx, 'hromada');
    const ctx = (spec.prepare ? await spec.prepare(trx) : undefined) as C;
    const rejected: RejectedRow[] = parsed.problems.map((p) => ({
      rowNumber: p.rowNumber,
      reason: p.reason,
    }));
    const guard = new DuplicateGuard();
    const values: IndicatorValue[] = [];
    let accepted = 0;

    for (const row of parsed.rows) {
      const raw = row.raw.join(parsed.delimiter);
      const reader: RowReader<K> = {
        text: (f) => resolver.get(row, f),
        number: (f) => {
          const r = parseNumber(resolver.get(row, f), { delimiter: parsed.delimiter });
          if (!r.ok) throw new RowRejection(resolver.columns[f], r.reason);
          return r.value;
        },
        flag: (f) => {
          const n = reader.number(f);
          if (n !== null && n !== 0 && n !== 1)
            throw new RowRejection(resolver.columns[f], `"${n}" is not 0 or 1`);
          return n;
        },
      };
      const codeField = resolver.columns.__code;
      const code = resolver.get(row, '__code').trim();
      try {
        if (isMissing(code)) throw new RowRejection(codeField, 'hromada code is missing');
        let pcode: string;
        try {
          pcode = katottgToPcode(code);
        } catch (err) {
          throw new RowRejection(codeField, (err as Error).message);
        }
        if (!known.has(pcode)) {
          throw new RowRejection(
            codeField,
            `no hromada ${pcode} (KATOTTG ${code}) in the imported boundaries`,
          );
        }
        const dup = guard.check(spec.rowKey ? spec.rowKey(reader, pcode) : pcode, row.rowNumber, raw);
        if (dup === 'duplicate') continue;
        if (dup !== 'first') {
          rejected.push({ ...dup, field: codeField });
          continue;
        }
        values.push(...spec.toValues(reader, pcode, ctx).map((v) => ({ ...v, pcode })));
        accepted++;
      } catch (err) {
        if (!(err instanceof RowRejection)) throw err;
        rejected.push({ rowNumber: row.rowNumber, field: err.field, reason: err.message, raw });
      }
    }

    await replaceIndicatorValues(trx, batchId, { indicatorIds: spec.indicatorIds }, values);
    const notes = [...(spec.notes?.(ctx) ?? [])];
    if (guard.exactDuplicates.length) {
      notes.push(
        `${guard.exactDuplicates.length} exact duplicate row(s) removed: rows ${guard.exactDuplicates.join(', ')}`,
      );
    }
    return { rowsRead: parsed.rows.length + parsed.problems.length, rowsAccepted: accepted, rejected, notes };
  });
}

/**
 * Two specs read from one file in one import (one batch, one report): the file's entry in data/sources.json
 * names one importer, and a path may appear there only once. Row keys are the pcode (no `rowKey`).
 */
export function combineSpecs<A extends string, B extends string>(
  kind: string,
  a: CsvIndicatorSpec<A, void>,
  b: CsvIndicatorSpec<B, void>,
): CsvIndicatorSpec<A | B, void> {
  return {
    kind,
    indicatorIds: [...a.indicatorIds, ...b.indicatorIds],
    codeColumn: a.codeColumn,
    columns: { ...a.columns, ...b.columns } as ColumnSpec<A | B>,
    toValues: (row, pcode) => [...a.toValues(row, pcode), ...b.toValues(row, pcode)],
  };
}
