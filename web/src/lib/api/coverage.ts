import { getJson, type Fetch } from './client.ts';
import type { Bilingual, IndicatorValues, ModelClasses } from './types.ts';

// The coverage view's API calls (issue #4), kept apart from AtlasApi so that each view owns its own client.
// Shapes as server/features/programmes/programmes.schemas.ts and server/features/targeting (GET /api/coverage)
// give them; written out here so that the client bundle never reaches server code.

type Signal = AbortSignal | undefined;

export type ProgrammeStatus = 'planned' | 'active' | 'completed';

export interface ProgrammeOrganisation {
  id: number;
  name: string;
  nameUk: string | null;
  acronym: string | null;
}

/** The dataset a programme was imported from. */
export interface ProgrammeSource {
  id: string;
  name: string;
  licence: string;
  attribution: string;
}

/** One hromada where a programme works (dates YYYY-MM-DD, inclusive; periodEnd null = open-ended). */
export interface ProgrammeSite {
  pcode: string;
  nameUk: string;
  nameEn: string;
  oblastPcode: string;
  periodStart: string;
  periodEnd: string | null;
  /** People reached here, where known. */
  reached: number | null;
}

export interface Programme {
  code: string;
  title: string;
  description: string | null;
  organisation: ProgrammeOrganisation;
  donor: string | null;
  sector: string;
  periodStart: string;
  periodEnd: string | null;
  status: ProgrammeStatus | null;
  budget: number | null;
  currency: string | null;
  /** null when the programme was entered without a source dataset. */
  source: ProgrammeSource | null;
  /** With a period filter, only the sites active in it; in a list page only the first 20 (see siteCount). */
  sites: ProgrammeSite[];
  /** How many sites (active in the period filter) the programme has in all. */
  siteCount: number;
}

/** Every value in use over all programmes, whatever the filters (so that choices never shrink). */
export interface ProgrammeFacets {
  organisations: (ProgrammeOrganisation & { programmes: number })[];
  donors: string[];
  sectors: string[];
  statuses: ProgrammeStatus[];
}

/** One page of GET /api/programmes (issue #11: at most `limit`, 50 by default, 200 at most). */
export interface ProgrammeList {
  programmes: Programme[];
  /** How many programmes pass the filters, on all pages. */
  total: number;
  /** The cursor of the next page; null on the last. */
  nextCursor: string | null;
  facets: ProgrammeFacets;
}

/** Programmes and distinct hromadas for one sector or one oblast. */
export interface CountRow {
  key: string;
  programmes: number;
  hromadas: number;
}

/** The first programme of a hromada in the list's order: what the map's tooltip names. */
export interface HromadaFirst {
  code: string;
  organisation: ProgrammeOrganisation;
  sector: string;
  periodStart: string;
  periodEnd: string | null;
}

/** GET /api/programmes/summary: the figures over every programme that passes the filters, counted in SQL. */
export interface ProgrammeSummary {
  programmes: number;
  organisations: number;
  /** Distinct donors named; programmes without a donor are counted in `noDonor`. */
  donors: number;
  noDonor: number;
  /** Distinct hromadas with at least one site. */
  hromadas: number;
  oblasts: number;
  /** People reached, summed over the sites that report it. */
  reached: { people: number; sitesKnown: number; sites: number };
  /** Most hromadas first. */
  bySector: CountRow[];
  byOblast: CountRow[];
  /** One entry per hromada with a site: how many programmes, their sectors (sorted), the first of them. */
  hromadaProgrammes: { pcode: string; programmes: number; sectors: string[]; first: HromadaFirst }[];
  /** The datasets of the programmes; source null = entered without one. */
  sources: { source: ProgrammeSource | null; programmes: number }[];
  /** The earliest start and the latest end (or start). */
  periods: { earliest: string | null; latest: string | null };
}

/** GET /api/programmes filters; dates are YYYY-MM-DD and select sites active in [activeFrom, activeTo]. */
export interface ProgrammeQuery {
  organisation?: number;
  donor?: string;
  sector?: string;
  status?: ProgrammeStatus;
  activeFrom?: string;
  activeTo?: string;
}

/** A page of the list: its size and where it starts. */
export interface PageQuery {
  limit?: number;
  cursor?: string;
}

/** One hromada of GET /api/coverage (docs/methodology.md, "Coverage and gap"). */
export interface CoverageUnit {
  pcode: string;
  nameUk: string;
  nameEn: string;
  oblastPcode: string;
  population: number | null;
  isCrimea: boolean;
  cpi: number | null;
  cpiConfidence: number;
  needs: number | null;
  needsConfidence: number;
  /** 0–1; with basis 'presence', 1 when a programme is active here on asOf. */
  coverage: number;
  programmes: { code: string; title: string; sector: string; organisation: string }[];
  /** needs × (1 − coverage), 0–10; null without a needs score. */
  gap: number | null;
  /** CPI × needs × (1 − coverage), 0–100. */
  priority: number | null;
}

export interface Coverage {
  asOf: string;
  sector: string | null;
  /** Versions of the CPI and needs models the figures come from. */
  models: { cpi: string; needs: string };
  coverageBasis: 'presence';
  units: CoverageUnit[];
}

/** The parts of a model definition (GET /api/models/{id}) this view reads: version, classes and inputs. */
export interface ModelDefinition {
  id: string;
  version: string;
  name: Bilingual;
  classes: ModelClasses;
  dimensions: {
    id: string;
    components: { id: string; indicators: { id: string; indicatorId: string; period: string }[] }[];
  }[];
}

export interface CoverageApi {
  programmes(query: ProgrammeQuery & PageQuery, signal?: Signal): Promise<ProgrammeList>;
  programmeSummary(query: ProgrammeQuery, signal?: Signal): Promise<ProgrammeSummary>;
  coverage(query: { sector?: string; asOf?: string }, signal?: Signal): Promise<Coverage>;
  model(id: string, signal?: Signal): Promise<ModelDefinition>;
  /** An indicator's latest hromada values (the view reads the occupied share, to set occupied hromadas apart). */
  indicatorValues(id: string, signal?: Signal): Promise<IndicatorValues>;
}

export function createCoverageApi(
  fetchFn: Fetch = (input, init) => fetch(input, init),
  base = '',
): CoverageApi {
  const get = <T>(path: string, signal: Signal, query?: Record<string, string | number | undefined>) =>
    getJson<T>(fetchFn, base, path, { signal, query });
  return {
    programmes: (q, signal) => get('/api/programmes', signal, { ...q }),
    programmeSummary: (q, signal) => get('/api/programmes/summary', signal, { ...q }),
    coverage: (q, signal) => get('/api/coverage', signal, { ...q }),
    model: (id, signal) => get(`/api/models/${encodeURIComponent(id)}`, signal),
    indicatorValues: (id, signal) =>
      get(`/api/indicators/${encodeURIComponent(id)}/values`, signal, { level: 'hromada' }),
  };
}
