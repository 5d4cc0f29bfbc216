import type { RejectedRow } from '../../pipeline/import-batch.ts';
import type { ParsedProgrammeSites, ProgrammeSiteRow } from '../../pipeline/parse/hxl.ts';
import type { ProgrammeColumns } from './programmes.repository.ts';

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
  /** The programme's fields as the table has them; its organisation is named, not yet an id. */
  programme: Omit<ProgrammeColumns, 'organisation_id' | 'status'> & { status: ProgrammeSiteRow['status'] };
  /** One per pcode and start date, in file order. */
  sites: ProgrammeSiteRow[];
}

export interface ProgrammePlan {
  programmes: PlannedProgramme[];
  rejected: RejectedRow[];
  /** A row with several problems is one row read (the parser reports each bad field of it). */
  rowsRead: number;
}

// The 5W sheet's reading and planning. Writing is programmes-import.service.ts's runProgrammeSheet, the one
// write path of the upload API and `npm run import -- programmes` (issue #11 item 10).

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
