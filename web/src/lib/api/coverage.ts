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
  /** With a period filter, only the sites active in it. */
  sites: ProgrammeSite[];
}

/** Every value in use over all programmes, whatever the filters (so that choices never shrink). */
export interface ProgrammeFacets {
  organisations: (ProgrammeOrganisation & { programmes: number })[];
  donors: string[];
  sectors: string[];
  statuses: ProgrammeStatus[];
}

export interface ProgrammeList {
  programmes: Programme[];
  facets: ProgrammeFacets;
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
  programmes(query: ProgrammeQuery, signal?: Signal): Promise<ProgrammeList>;
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
    coverage: (q, signal) => get('/api/coverage', signal, { ...q }),
    model: (id, signal) => get(`/api/models/${encodeURIComponent(id)}`, signal),
    indicatorValues: (id, signal) =>
      get(`/api/indicators/${encodeURIComponent(id)}/values`, signal, { level: 'hromada' }),
  };
}
