import type { Kysely } from 'kysely';
import { findDataVersion } from '../../db/data-version.ts';
import type { DB } from '../../db/schema.ts';
import type { ExportColumn, ExportStamp } from '../../shared/table-export/export-stamp.ts';
import { exportTable, type ExportFile, type ExportFormat } from '../../shared/table-export/table-export.ts';
import type { ModelsService } from '../models/models.service.ts';
import { activityTimeline, pivot3w, reachTotals, type PivotRow } from '../programmes/coverage-3w.ts';
import {
  findProgrammes,
  findSiteRows,
  type ProgrammeFilter,
  type SiteRow,
} from '../programmes/programmes.repository.ts';
import { listSourceCredits } from '../sources/sources.service.ts';
import { hromadaFeatures } from '../units/units.service.ts';
import { computeGap, type GapRow } from './coverage.service.ts';

// What a donor takes away from the Coverage view (issue #14, item 7): the programmes, their sites, the gap
// and the OCHA 3W pivot, as CSV with HXL hashtags (hxlstandard.org), XLSX or GeoJSON, each stamped with the
// filters, the date and the sources with their licences. People reached is left blank where a site does
// not report it: unknown is not zero.

export type CoverageTable = 'gap' | 'sites' | 'programmes' | 'pivot';
export const COVERAGE_TABLES: readonly CoverageTable[] = ['gap', 'sites', 'programmes', 'pivot'];
/** The tables whose rows are places, and so can be GeoJSON. */
export const PLACE_TABLES: readonly CoverageTable[] = ['gap', 'sites'];

export interface CoverageExportQuery {
  table?: CoverageTable;
  sector?: string;
  asOf?: string;
  cpiScenario?: string;
  needsScenario?: string;
  organisation?: number;
  donor?: string;
  status?: 'planned' | 'active' | 'completed';
  activeFrom?: string;
  activeTo?: string;
}

const siteColumns: ExportColumn<SiteRow>[] = [
  { header: 'Organisation', hxl: '#org+name', value: (r) => r.organisation },
  { header: 'Donor', hxl: '#org+funder', value: (r) => r.donor },
  { header: 'Sector', hxl: '#sector+name', value: (r) => r.sector },
  { header: 'Programme code', hxl: '#activity+code', value: (r) => r.code },
  { header: 'Programme', hxl: '#activity+name', value: (r) => r.title },
  { header: 'Status', hxl: '#status', value: (r) => r.status },
  { header: 'Oblast pcode', hxl: '#adm1+code', value: (r) => r.oblast_pcode },
  { header: 'Oblast (uk)', hxl: '#adm1+name+i_uk', value: (r) => r.oblast_name_uk },
  { header: 'Oblast (en)', hxl: '#adm1+name+i_en', value: (r) => r.oblast_name_en },
  { header: 'Hromada pcode', hxl: '#adm3+code', value: (r) => r.pcode },
  { header: 'Hromada (uk)', hxl: '#adm3+name+i_uk', value: (r) => r.name_uk },
  { header: 'Hromada (en)', hxl: '#adm3+name+i_en', value: (r) => r.name_en },
  { header: 'Site start', hxl: '#date+start', value: (r) => r.period_start },
  { header: 'Site end', hxl: '#date+end', value: (r) => r.period_end },
  { header: 'People reached (blank = not reported)', hxl: '#reached', value: (r) => r.reached },
];

interface ProgrammeExportRow {
  code: string;
  title: string;
  organisation: string;
  donor: string | null;
  sector: string;
  status: string | null;
  start: string;
  end: string | null;
  budget: number | null;
  currency: string | null;
  communities: number;
  sites: number;
  reached: number | null;
  sitesReachKnown: number;
  source: string | null;
  licence: string | null;
}

const programmeColumns: ExportColumn<ProgrammeExportRow>[] = [
  { header: 'Programme code', hxl: '#activity+code', value: (r) => r.code },
  { header: 'Programme', hxl: '#activity+name', value: (r) => r.title },
  { header: 'Organisation', hxl: '#org+name', value: (r) => r.organisation },
  { header: 'Donor', hxl: '#org+funder', value: (r) => r.donor },
  { header: 'Sector', hxl: '#sector+name', value: (r) => r.sector },
  { header: 'Status', hxl: '#status', value: (r) => r.status },
  { header: 'Start', hxl: '#date+start', value: (r) => r.start },
  { header: 'End', hxl: '#date+end', value: (r) => r.end },
  { header: 'Budget', hxl: '#value+budget', value: (r) => r.budget },
  { header: 'Currency', hxl: '#currency', value: (r) => r.currency },
  { header: 'Communities', hxl: '#adm3+num', value: (r) => r.communities },
  { header: 'Sites', hxl: '#loc+num', value: (r) => r.sites },
  { header: 'People reached (blank = not reported)', hxl: '#reached', value: (r) => r.reached },
  { header: 'Sites reporting people reached', hxl: '#loc+num+reach_known', value: (r) => r.sitesReachKnown },
  { header: 'Source', hxl: '#meta+source', value: (r) => r.source },
  { header: 'Licence', hxl: '#meta+licence', value: (r) => r.licence },
];

const pivotColumns: ExportColumn<PivotRow>[] = [
  { header: 'Organisation', hxl: '#org+name', value: (r) => r.organisation },
  { header: 'Sector', hxl: '#sector+name', value: (r) => r.sector },
  { header: 'Oblast pcode', hxl: '#adm1+code', value: (r) => r.oblastPcode },
  { header: 'Oblast (uk)', hxl: '#adm1+name+i_uk', value: (r) => r.oblastNameUk },
  { header: 'Oblast (en)', hxl: '#adm1+name+i_en', value: (r) => r.oblastNameEn },
  { header: 'Programmes', hxl: '#activity+num', value: (r) => r.programmes },
  { header: 'Communities', hxl: '#adm3+num', value: (r) => r.communities },
  { header: 'Sites', hxl: '#loc+num', value: (r) => r.sites },
  { header: 'People reached (blank = not reported)', hxl: '#reached', value: (r) => r.reached },
  { header: 'Sites reporting people reached', hxl: '#loc+num+reach_known', value: (r) => r.sitesReachKnown },
];

const gapColumns: ExportColumn<GapRow>[] = [
  { header: 'Hromada pcode', hxl: '#adm3+code', value: (r) => r.pcode },
  { header: 'Hromada (uk)', hxl: '#adm3+name+i_uk', value: (r) => r.nameUk },
  { header: 'Hromada (en)', hxl: '#adm3+name+i_en', value: (r) => r.nameEn },
  { header: 'Oblast pcode', hxl: '#adm1+code', value: (r) => r.oblastPcode },
  { header: 'Population 2022', hxl: '#population+total', value: (r) => r.population },
  { header: 'Needs', hxl: '#severity+num+needs', value: (r) => r.needs },
  { header: 'Needs confidence', hxl: '#meta+confidence+needs', value: (r) => r.needsConfidence },
  { header: 'CPI', hxl: '#severity+num+cpi', value: (r) => r.cpi },
  { header: 'CPI confidence', hxl: '#meta+confidence+cpi', value: (r) => r.cpiConfidence },
  { header: 'Gap', hxl: '#severity+num+gap', value: (r) => r.gap },
  { header: 'Priority', hxl: '#severity+num+priority', value: (r) => r.priority },
];

/** The filters of a request as one line, e.g. `sector=Education; activeFrom=2024-01-01` (or `none`). */
export function filterText(q: CoverageExportQuery): string {
  const keys = ['sector', 'organisation', 'donor', 'status', 'activeFrom', 'activeTo', 'asOf'] as const;
  const set = keys.filter((k) => q[k] !== undefined).map((k) => `${k}=${q[k]}`);
  return set.length > 0 ? set.join('; ') : 'none';
}

/**
 * The shared stamp has no place for the view's filters in CSV and XLSX, so each row carries them, as the
 * stamp's #meta columns do: a file that travels alone still says which programmes it holds.
 */
function withFilters<R>(columns: ExportColumn<R>[], q: CoverageExportQuery): ExportColumn<R>[] {
  const text = filterText(q);
  return [...columns, { header: 'Filters', hxl: '#meta+filters', value: () => text }];
}

/** The programme filters of the query, as the repository takes them. */
export function programmeFilterOf(q: CoverageExportQuery): ProgrammeFilter {
  return {
    organisation: q.organisation,
    donor: q.donor,
    sector: q.sector,
    status: q.status,
    activeFrom: q.activeFrom,
    activeTo: q.activeTo,
  };
}

/** The 3W answer: pivot, totals and timeline over the sites of the filtered programmes. */
export async function coverage3w(db: Kysely<DB>, q: CoverageExportQuery, today: string) {
  const rows = await findSiteRows(db, programmeFilterOf(q));
  return { pivot: pivot3w(rows), totals: reachTotals(rows), timeline: activityTimeline(rows, today) };
}

/** One of the Coverage tables as a file, stamped with the request (its filters), the date and the sources. */
export async function exportCoverage(
  db: Kysely<DB>,
  models: ModelsService,
  q: CoverageExportQuery,
  format: ExportFormat,
): Promise<ExportFile> {
  const table = q.table ?? 'gap';
  const [dataVersion, sources] = await Promise.all([findDataVersion(db), listSourceCredits(db)]);
  const base: ExportStamp = {
    title: `coverage-${table}`,
    generatedAt: new Date().toISOString(),
    dataVersion,
    sources,
    request: { ...q, table, format },
  };
  if (table === 'gap') {
    const gap = await computeGap(db, models, q);
    // The gap a donor can fill: hromadas with no programme active on the day (in the sector), neediest first.
    const rows = gap.rows
      .filter((r) => r.coverage === 0)
      .sort((a, b) => (b.gap ?? -1) - (a.gap ?? -1) || a.pcode.localeCompare(b.pcode));
    const stamp: ExportStamp = {
      ...base,
      model: {
        id: 'coverage-gap',
        version: `cpi ${gap.cpi.model.version}, needs ${gap.needs.model.version}`,
      },
      asOf: gap.asOf,
    };
    return exportTable(
      {
        columns: withFilters(gapColumns, { sector: q.sector, asOf: gap.asOf }),
        rows,
        stamp,
        features: () => hromadaFeatures(db, (r: GapRow) => ({ ...r, programmes: undefined })),
      },
      format,
    );
  }
  const sites = await findSiteRows(db, programmeFilterOf(q));
  if (table === 'sites') {
    return exportTable(
      {
        columns: withFilters(siteColumns, q),
        rows: sites,
        stamp: base,
        features: async () => {
          const m = await hromadaFeatures(db, (r: SiteRow) => ({ ...r }));
          // A hromada has as many features as sites there: the id names the programme too.
          return { ...m, id: (r) => `${r.code}:${r.pcode}:${r.period_start}` };
        },
      },
      format,
    );
  }
  if (table === 'pivot') {
    return exportTable(
      { columns: withFilters(pivotColumns, q), rows: pivot3w(sites), stamp: base, features: noPlaces },
      format,
    );
  }
  const programmes = await findProgrammes(db, programmeFilterOf(q));
  const bySite = new Map<string, SiteRow[]>();
  for (const s of sites) bySite.set(s.code, [...(bySite.get(s.code) ?? []), s]);
  const rows: ProgrammeExportRow[] = programmes.map((p) => {
    const own = bySite.get(p.code) ?? [];
    const reach = reachTotals(own);
    return {
      code: p.code,
      title: p.title,
      organisation: p.organisation_name,
      donor: p.donor,
      sector: p.sector,
      status: p.status,
      start: p.period_start,
      end: p.period_end,
      budget: p.budget,
      currency: p.currency,
      communities: reach.communities,
      sites: reach.sites,
      reached: reach.reached,
      sitesReachKnown: reach.sitesReachKnown,
      source: p.source_name,
      licence: p.source_licence,
    };
  });
  return exportTable(
    { columns: withFilters(programmeColumns, q), rows, stamp: base, features: noPlaces },
    format,
  );
}

/** The query schema refuses GeoJSON for these tables before this could be reached. */
function noPlaces(): never {
  throw new Error('a table without places has no GeoJSON');
}
