import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ImportReport, ImportTarget, RejectedRow } from '../import-batch.ts';
import { runImport } from '../import-batch.ts';
import { parseCsv, requireColumns } from '../parse/csv.ts';
import { isMissing } from '../../shared/missing-value.ts';
import { katottgToPcode } from '../../shared/pcode.ts';

const HROMADA_TYPES = new Set(['міська', 'селищна', 'сільська']);

/**
 * Sets the KATOTTG code of every oblast, raion and hromada (and the hromada type) from KSE's
 * ua-admin-hromada.csv. COD-AB pcodes are the first 4, 6 and 9 characters of KATOTTG (SOURCES.md,
 * "Join keys"); the file's 6 extra Crimea units have no COD-AB polygon and are reported as rejected.
 */
export async function importKatottg(
  db: Kysely<DB>,
  target: ImportTarget,
  text: string,
): Promise<ImportReport> {
  const parsed = parseCsv(text, { fileName: target.fileName });
  const cols = requireColumns(parsed, {
    hromada: ['hromada_code'],
    raion: ['raion_code'],
    oblast: ['oblast_code'],
    type: ['type', 'hromada_type'],
  });

  return runImport(db, target, async (trx) => {
    const units = await trx.selectFrom('admin_units').select(['pcode', 'level']).execute();
    const known = new Set(units.map((u) => u.pcode));
    const rejected: RejectedRow[] = parsed.problems.map((p) => ({
      rowNumber: p.rowNumber,
      reason: p.reason,
    }));
    const codes = new Map<string, { katottg: string; type: string | null; rowNumber: number }>();
    let accepted = 0;

    for (const row of parsed.rows) {
      const raw = row.raw.join(parsed.delimiter);
      const entries: [keyof typeof cols.columns, number][] = [
        ['oblast', 4],
        ['raion', 6],
        ['hromada', 9],
      ];
      const problem = (() => {
        for (const [field, length] of entries) {
          const code = cols.get(row, field).trim();
          if (!/^UA\d{17}$/.test(code)) return { field, reason: `"${code}" is not a KATOTTG code` };
          const pcode = field === 'hromada' ? katottgToPcode(code) : code.slice(0, length);
          if (!known.has(pcode))
            return { field, reason: `no unit ${pcode} (KATOTTG ${code}) in the imported boundaries` };
          const earlier = codes.get(pcode);
          if (earlier && earlier.katottg !== code) {
            return {
              field,
              reason: `${pcode} already has KATOTTG ${earlier.katottg} (row ${earlier.rowNumber})`,
            };
          }
        }
        const type = cols.get(row, 'type').trim();
        if (!isMissing(type) && !HROMADA_TYPES.has(type))
          return { field: 'type', reason: `unknown hromada type "${type}"` };
        return null;
      })();
      if (problem) {
        rejected.push({
          rowNumber: row.rowNumber,
          field: cols.columns[problem.field as keyof typeof cols.columns],
          reason: problem.reason,
          raw,
        });
        continue;
      }
      for (const [field, length] of entries) {
        const code = cols.get(row, field).trim();
        const pcode = code.slice(0, length);
        if (!codes.has(pcode)) {
          const type = cols.get(row, 'type').trim();
          codes.set(pcode, {
            katottg: code,
            type: field === 'hromada' && !isMissing(type) ? type : null,
            rowNumber: row.rowNumber,
          });
        }
      }
      accepted++;
    }

    const rows = [...codes].map(([pcode, c]) => ({ pcode, katottg: c.katottg, type: c.type }));
    await sql`
      update admin_units a set katottg = c.katottg, hromada_type = c.type
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as c(pcode text, katottg text, type text)
      where a.pcode = c.pcode
    `.execute(trx);
    return { rowsRead: parsed.rows.length + parsed.problems.length, rowsAccepted: accepted, rejected };
  });
}
