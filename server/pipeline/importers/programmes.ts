import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ImportReport, ImportTarget, RejectedRow } from '../import-batch.ts';
import { runImport } from '../import-batch.ts';
import { parseProgrammeSites, type ParsedProgrammeSites, type ProgrammeSiteRow } from '../parse/hxl.ts';
import { loadUnitPcodes } from './indicator-values.ts';

/** A programme code for rows that carry none (#meta+id): the same organisation, sector, activity and start. */
export function derivedCode(
  r: Pick<ProgrammeSiteRow, 'organisation' | 'sector' | 'activity' | 'dateStart'>,
): string {
  const slug = (s: string) =>
    s
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '');
  return [r.organisation, r.sector, r.activity ?? '', r.dateStart].map(slug).filter(Boolean).join('--');
}

/** One programme of a 5W sheet, as it will be written: its fields from its first row, its distinct sites. */
export interface PlannedProgramme {
  code: string;
  organisation: string;
  programme: {
    donor: string | null;
    sector: string;
    title: string;
    description: string | null;
    period_start: string;
    period_end: string | null;
    status: ProgrammeSiteRow['status'];
    budget: number | null;
    currency: string | null;
  };
  /** One per pcode and start date, in file order. */
  sites: ProgrammeSiteRow[];
}

export interface ProgrammePlan {
  programmes: PlannedProgramme[];
  rejected: RejectedRow[];
  /** A row with several problems is one row read (the parser reports each bad field of it). */
  rowsRead: number;
}

/**
 * What a parsed 5W sheet will write, and every row it rejects with row, field and reason: rows at unknown
 * hromadas, a programme code given for two organisations (the whole programme is left out) and a site listed
 * twice. Shared by the command-line importer and the upload API (issue #6), so that both read a sheet alike.
 */
export function planProgrammeImport(parsed: ParsedProgrammeSites, known: ReadonlySet<string>): ProgrammePlan {
  const rejected: RejectedRow[] = parsed.problems.map((p) => ({
    rowNumber: p.rowNumber,
    field: p.field || null,
    // The value, unless the parser's reason quotes it already.
    reason: p.value && !p.reason.includes(`"${p.value}"`) ? `"${p.value}": ${p.reason}` : p.reason,
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

  const programmes: PlannedProgramme[] = [];
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
    const ends = rows.map((r) => r.dateEnd);
    programmes.push({
      code,
      organisation: first.organisation,
      programme: {
        donor: first.donor,
        sector: first.sector,
        title: first.activity ?? first.sector,
        description: first.description,
        period_start: rows.map((r) => r.dateStart).sort()[0]!,
        period_end: ends.includes(null) ? null : (ends as string[]).sort().at(-1)!,
        status: first.status,
        budget: first.budget,
        currency: first.currency,
      },
      sites: [...sites.values()],
    });
  }
  const rowsRead = parsed.rows.length + new Set(parsed.problems.map((p) => p.rowNumber)).size;
  return { programmes, rejected, rowsRead };
}

/**
 * Programme coverage from a 5W/3W sheet with HXL hashtags: organisations and programmes are upserted, and
 * each programme named in the file gets exactly the sites the file lists (a re-run replaces, never adds; the
 * replaced sites are kept as deleted rows, not erased).
 */
export async function importProgrammes(
  db: Kysely<DB>,
  target: ImportTarget,
  text: string,
): Promise<ImportReport> {
  const parsed = parseProgrammeSites(text, { fileName: target.fileName });

  return runImport(db, target, async (trx, batchId) => {
    const plan = planProgrammeImport(parsed, await loadUnitPcodes(trx, 'hromada'));
    let accepted = 0;
    for (const planned of plan.programmes) {
      const org = await trx
        .insertInto('organisations')
        .values({ name: planned.organisation })
        .onConflict((oc) => oc.column('name').doUpdateSet({ name: planned.organisation }))
        .returning('id')
        .executeTakeFirstOrThrow();
      const programme = {
        ...planned.programme,
        code: planned.code,
        organisation_id: org.id,
        batch_id: batchId,
      };
      const { id } = await trx
        .insertInto('programmes')
        .values(programme)
        .onConflict((oc) => oc.column('code').doUpdateSet(programme))
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('programme_sites')
        .set({ deleted_at: new Date().toISOString() })
        .where('programme_id', '=', id)
        .where('deleted_at', 'is', null)
        .execute();
      await trx
        .insertInto('programme_sites')
        .values(
          planned.sites.map((r) => ({
            programme_id: id,
            unit_pcode: r.pcode,
            period_start: r.dateStart,
            period_end: r.dateEnd,
            reached: r.reached,
            batch_id: batchId,
          })),
        )
        .execute();
      accepted += planned.sites.length;
    }
    return { rowsRead: plan.rowsRead, rowsAccepted: accepted, rejected: plan.rejected };
  });
}
