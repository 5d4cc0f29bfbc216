import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../shared/errors.ts';
import { lastChanges } from '../audit/audit.service.ts';
import { decodeCursor, pageOf } from '../../shared/pagination.ts';
import {
  countProgrammes,
  findHromadaProgrammes,
  findOblastCounts,
  findOrganisationFacet,
  findProgrammes,
  findProgrammeSites,
  findProgrammeTotals,
  findProgrammeValueFacets,
  findSectorCounts,
  findSourceCounts,
} from './programmes.repository.ts';
import {
  SITES_PER_PROGRAMME,
  type Programme,
  type ProgrammeDetail,
  type ProgrammeFilterQuery,
  type ProgrammeList,
  type ProgrammesQuery,
  type ProgrammeSummary,
} from './programmes.schemas.ts';

/**
 * One page of the programmes that pass the filters (issue #11 item 2: at most `limit`, keyset cursor), each
 * with its first SITES_PER_PROGRAMME sites (those active in the window, if one is given) and how many it has,
 * and its source; how many pass in all; and the facets over all programmes, so that a filter never hides its
 * own choices.
 */
export async function listProgrammes(db: Executor, query: ProgrammesQuery): Promise<ProgrammeList> {
  const window = { activeFrom: query.activeFrom, activeTo: query.activeTo };
  const after = query.cursor ? decodeCursor(query.cursor, ['string', 'string'] as const) : undefined;
  const [rows, total, organisations, values] = await Promise.all([
    findProgrammes(db, query, { limit: query.limit, after }),
    countProgrammes(db, query),
    findOrganisationFacet(db),
    findProgrammeValueFacets(db),
  ]);
  const page = pageOf(rows, query.limit, (r) => [r.period_start, r.code]);
  const sites = await findProgrammeSites(
    db,
    page.items.map((r) => r.id),
    window,
    SITES_PER_PROGRAMME,
  );
  const sitesOf = groupSites(sites);
  return {
    programmes: page.items.map((r) => toProgramme(r, sitesOf.get(r.id))),
    total,
    nextCursor: page.nextCursor,
    facets: {
      organisations: organisations.map((o) => ({
        id: o.id,
        name: o.name,
        nameUk: o.name_uk,
        acronym: o.acronym,
        programmes: o.programmes,
      })),
      ...values,
    },
    filters: filtersOf(query),
  };
}

function filtersOf(query: ProgrammeFilterQuery): ProgrammeList['filters'] {
  return {
    organisation: query.organisation ?? null,
    donor: query.donor ?? null,
    sector: query.sector ?? null,
    status: query.status ?? null,
    activeFrom: query.activeFrom ?? null,
    activeTo: query.activeTo ?? null,
    pcode: query.pcode ?? null,
  };
}

const byHromadas = (a: CountRow, b: CountRow) =>
  b.hromadas - a.hromadas || b.programmes - a.programmes || a.key.localeCompare(b.key);
type CountRow = ProgrammeSummary['bySector'][number];

/**
 * The Coverage view's figures over every programme that passes the filters, in SQL (issue #11 item 2): the
 * counts, by sector and by oblast, what the map draws per hromada, and the datasets. Its size is bounded by
 * the number of hromadas, sectors and sources, whatever the number of programmes.
 */
export async function summariseProgrammes(
  db: Executor,
  query: ProgrammeFilterQuery,
): Promise<ProgrammeSummary> {
  const [totals, sectors, oblasts, hromadas, sources] = await Promise.all([
    findProgrammeTotals(db, query),
    findSectorCounts(db, query),
    findOblastCounts(db, query),
    findHromadaProgrammes(db, query),
    findSourceCounts(db, query),
  ]);
  const firstOf = new Map(hromadas.firsts.map((f) => [f.pcode, f]));
  const count = (rows: { key: string; programmes: number; hromadas: number }[]) =>
    rows
      .map((r) => ({ key: r.key, programmes: Number(r.programmes), hromadas: Number(r.hromadas) }))
      .sort(byHromadas);
  return {
    programmes: Number(totals.programmes),
    organisations: Number(totals.organisations),
    donors: Number(totals.donors),
    noDonor: Number(totals.no_donor),
    hromadas: Number(totals.hromadas),
    oblasts: Number(totals.oblasts),
    reached: {
      people: Number(totals.people),
      sitesKnown: Number(totals.sites_known),
      sites: Number(totals.sites),
    },
    bySector: count(sectors),
    byOblast: count(oblasts),
    hromadaProgrammes: hromadas.counts.map((h) => {
      const f = firstOf.get(h.pcode)!;
      return {
        pcode: h.pcode!,
        programmes: Number(h.programmes),
        sectors: h.sectors,
        first: {
          code: f.code,
          organisation: {
            id: f.organisation_id,
            name: f.organisation_name,
            nameUk: f.organisation_name_uk,
            acronym: f.organisation_acronym,
          },
          sector: f.sector,
          periodStart: f.period_start,
          periodEnd: f.period_end,
        },
      };
    }),
    sources: sources.map((s) => ({
      source:
        s.id === null ? null : { id: s.id, name: s.name!, licence: s.licence!, attribution: s.attribution! },
      programmes: Number(s.programmes),
    })),
    periods: { earliest: totals.earliest, latest: totals.latest },
    filters: filtersOf(query),
  };
}

type ProgrammeListRow = Awaited<ReturnType<typeof findProgrammes>>[number];
type SiteListRow = Awaited<ReturnType<typeof findProgrammeSites>>[number];

function groupSites(sites: SiteListRow[]): Map<number, { sites: Programme['sites']; count: number }> {
  const sitesOf = new Map<number, { sites: Programme['sites']; count: number }>();
  for (const s of sites) {
    const entry = sitesOf.get(s.programme_id) ?? { sites: [], count: Number(s.site_count) };
    entry.sites.push({
      pcode: s.unit_pcode,
      nameUk: s.name_uk,
      nameEn: s.name_en,
      oblastPcode: s.oblast_pcode,
      periodStart: s.period_start,
      periodEnd: s.period_end,
      reached: s.reached,
    });
    sitesOf.set(s.programme_id, entry);
  }
  return sitesOf;
}

function toProgramme(
  r: ProgrammeListRow,
  sites: { sites: Programme['sites']; count: number } | undefined,
): Programme {
  return {
    code: r.code,
    title: r.title,
    description: r.description,
    organisation: {
      id: r.organisation_id,
      name: r.organisation_name,
      nameUk: r.organisation_name_uk,
      acronym: r.organisation_acronym,
    },
    donor: r.donor,
    sector: r.sector,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    status: r.status,
    budget: r.budget,
    currency: r.currency,
    source:
      r.source_id === null
        ? null
        : {
            id: r.source_id,
            name: r.source_name!,
            licence: r.source_licence!,
            attribution: r.source_attribution!,
          },
    sites: sites?.sites ?? [],
    siteCount: sites?.count ?? 0,
  };
}

/** One live programme with all its live sites, and when it last changed through the API and by whom. */
export async function getProgramme(db: Executor, code: string): Promise<ProgrammeDetail> {
  const [row] = await findProgrammes(db, { code });
  if (!row) throw new AppError('NOT_FOUND', `no programme ${code}`);
  const [sites, changes] = await Promise.all([
    findProgrammeSites(db, [row.id], {}),
    lastChanges(db, 'programme', [code]),
  ]);
  const change = changes.get(code);
  return {
    ...toProgramme(row, groupSites(sites).get(row.id)),
    lastChangedAt: change?.at ?? null,
    lastChangedBy: change?.by ?? null,
  };
}
