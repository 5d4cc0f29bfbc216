import type { Executor } from '../../pipeline/import-batch.ts';
import { AppError } from '../../shared/errors.ts';
import { lastChanges } from '../audit/audit.service.ts';
import {
  findOrganisationFacet,
  findProgrammes,
  findProgrammeSites,
  findProgrammeValueFacets,
} from './programmes.repository.ts';
import type { Programme, ProgrammeDetail, ProgrammeList, ProgrammesQuery } from './programmes.schemas.ts';

/**
 * The programmes that pass the filters, each with its sites (those active in the window, if one is
 * given) and its source; and the facets over all programmes, so that a filter never hides its own choices.
 */
export async function listProgrammes(db: Executor, query: ProgrammesQuery): Promise<ProgrammeList> {
  const window = { activeFrom: query.activeFrom, activeTo: query.activeTo };
  const [rows, organisations, values] = await Promise.all([
    findProgrammes(db, query),
    findOrganisationFacet(db),
    findProgrammeValueFacets(db),
  ]);
  const sites = await findProgrammeSites(
    db,
    rows.map((r) => r.id),
    window,
  );
  const sitesOf = groupSites(sites);
  return {
    programmes: rows.map((r) => toProgramme(r, sitesOf.get(r.id) ?? [])),
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
    filters: {
      organisation: query.organisation ?? null,
      donor: query.donor ?? null,
      sector: query.sector ?? null,
      status: query.status ?? null,
      activeFrom: query.activeFrom ?? null,
      activeTo: query.activeTo ?? null,
      pcode: query.pcode ?? null,
    },
  };
}

type ProgrammeListRow = Awaited<ReturnType<typeof findProgrammes>>[number];
type SiteListRow = Awaited<ReturnType<typeof findProgrammeSites>>[number];

function groupSites(sites: SiteListRow[]): Map<number, Programme['sites']> {
  const sitesOf = new Map<number, Programme['sites']>();
  for (const s of sites) {
    const list = sitesOf.get(s.programme_id) ?? [];
    list.push({
      pcode: s.unit_pcode,
      nameUk: s.name_uk,
      nameEn: s.name_en,
      oblastPcode: s.oblast_pcode,
      periodStart: s.period_start,
      periodEnd: s.period_end,
      reached: s.reached,
    });
    sitesOf.set(s.programme_id, list);
  }
  return sitesOf;
}

function toProgramme(r: ProgrammeListRow, sites: Programme['sites']): Programme {
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
    sites,
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
    ...toProgramme(row, groupSites(sites).get(row.id) ?? []),
    lastChangedAt: change?.at ?? null,
    lastChangedBy: change?.by ?? null,
  };
}
