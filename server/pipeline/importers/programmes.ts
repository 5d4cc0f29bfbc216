import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ImportReport, ImportTarget, RejectedRow } from '../import-batch.ts';
import { runImport } from '../import-batch.ts';
import { parseProgrammeSites, type ProgrammeSiteRow } from '../parse/hxl.ts';
import { loadUnitPcodes } from './indicator-values.ts';

/** A programme code for rows that carry none (#meta+id): the same organisation, sector, activity and start. */
function derivedCode(r: ProgrammeSiteRow): string {
  const slug = (s: string) =>
    s
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '');
  return [r.organisation, r.sector, r.activity ?? '', r.dateStart].map(slug).filter(Boolean).join('--');
}

/**
 * Programme coverage from a 5W/3W sheet with HXL hashtags: organisations and programmes are upserted, and
 * each programme named in the file gets exactly the sites the file lists (a re-run replaces, never adds).
 */
export async function importProgrammes(
  db: Kysely<DB>,
  target: ImportTarget,
  text: string,
): Promise<ImportReport> {
  const parsed = parseProgrammeSites(text, { fileName: target.fileName });

  return runImport(db, target, async (trx, batchId) => {
    const known = await loadUnitPcodes(trx, 'hromada');
    const rejected: RejectedRow[] = parsed.problems.map((p) => ({
      rowNumber: p.rowNumber,
      field: p.field || null,
      reason: p.value ? `"${p.value}": ${p.reason}` : p.reason,
    }));
    const byProgramme = new Map<string, ProgrammeSiteRow[]>();
    for (const r of parsed.rows) {
      if (!known.has(r.pcode)) {
        rejected.push({
          rowNumber: r.rowNumber,
          field: parsed.columns.pcode ?? '#adm3+code',
          reason: `no hromada ${r.pcode} in the imported boundaries`,
        });
        continue;
      }
      const code = r.programmeCode ?? derivedCode(r);
      byProgramme.set(code, [...(byProgramme.get(code) ?? []), r]);
    }

    let accepted = 0;
    for (const [code, rows] of byProgramme) {
      const first = rows[0]!;
      const conflicting = rows.find((r) => r.organisation !== first.organisation);
      if (conflicting) {
        rejected.push({
          rowNumber: conflicting.rowNumber,
          field: parsed.columns.organisation ?? '#org',
          reason: `programme ${code} is given for two organisations: "${first.organisation}" and "${conflicting.organisation}"`,
        });
        continue;
      }
      const org = await trx
        .insertInto('organisations')
        .values({ name: first.organisation })
        .onConflict((oc) => oc.column('name').doUpdateSet({ name: first.organisation }))
        .returning('id')
        .executeTakeFirstOrThrow();
      const ends = rows.map((r) => r.dateEnd);
      const programme = {
        code,
        organisation_id: org.id,
        donor: first.donor,
        sector: first.sector,
        title: first.activity ?? first.sector,
        description: first.description,
        period_start: rows.map((r) => r.dateStart).sort()[0]!,
        period_end: ends.includes(null) ? null : (ends as string[]).sort().at(-1)!,
        status: first.status,
        budget: first.budget,
        currency: first.currency,
        batch_id: batchId,
      };
      const { id } = await trx
        .insertInto('programmes')
        .values(programme)
        .onConflict((oc) => oc.column('code').doUpdateSet(programme))
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.deleteFrom('programme_sites').where('programme_id', '=', id).execute();
      const sites = new Map<string, ProgrammeSiteRow>();
      for (const r of rows) {
        const key = `${r.pcode} ${r.dateStart}`;
        if (sites.has(key)) {
          rejected.push({
            rowNumber: r.rowNumber,
            field: parsed.columns.pcode ?? '#adm3+code',
            reason: `site ${r.pcode} from ${r.dateStart} is listed twice for programme ${code}`,
          });
          continue;
        }
        sites.set(key, r);
      }
      await trx
        .insertInto('programme_sites')
        .values(
          [...sites.values()].map((r) => ({
            programme_id: id,
            unit_pcode: r.pcode,
            period_start: r.dateStart,
            period_end: r.dateEnd,
            reached: r.reached,
            batch_id: batchId,
          })),
        )
        .execute();
      accepted += sites.size;
    }
    // A row with several problems is one row read (the parser reports each bad field of it).
    const rowsRead = parsed.rows.length + new Set(parsed.problems.map((p) => p.rowNumber)).size;
    return { rowsRead, rowsAccepted: accepted, rejected };
  });
}
