// Test support for the Coverage view: programmes, a coverage table and a CoverageApi over them that records
// its calls and can hold or fail requests. Used by the coverage unit tests only.

import { ApiError } from '../api/errors.ts';
import type {
  Coverage,
  CoverageApi,
  CoverageUnit,
  ModelDefinition,
  Programme,
  PageQuery,
  ProgrammeList,
  ProgrammeQuery,
  ProgrammeSite,
} from '../api/coverage.ts';
import type { IndicatorValues } from '../api/schema.ts';
import { summaryOf } from '../state/coverage/coverage-summary.ts';
import { fakeCalls, type CallControls } from './fake-calls.ts';

export function site(pcode: string, over: Partial<ProgrammeSite> = {}): ProgrammeSite {
  return {
    pcode,
    nameUk: `Громада ${pcode}`,
    nameEn: `Hromada ${pcode}`,
    oblastPcode: pcode.slice(0, 4),
    periodStart: '2016-01-01',
    periodEnd: '2019-12-31',
    reached: null,
    ...over,
  };
}

export function programme(code: string, over: Partial<Programme> = {}): Programme {
  return {
    code,
    title: `Programme ${code}`,
    description: null,
    organisation: { id: 1, name: 'Institute for Peace and Common Ground', nameUk: 'ІМіП', acronym: null },
    donor: null,
    sector: 'Veteran reintegration',
    periodStart: '2016-01-01',
    periodEnd: '2019-12-31',
    status: 'completed',
    budget: null,
    currency: null,
    source: null,
    sites: [],
    ...over,
    siteCount: over.siteCount ?? over.sites?.length ?? 0,
  };
}

export function unit(pcode: string, needs: number | null, coverage = 0): CoverageUnit {
  return {
    pcode,
    nameUk: `Громада ${pcode}`,
    nameEn: `Hromada ${pcode}`,
    oblastPcode: pcode.slice(0, 4),
    population: 1000,
    isCrimea: false,
    cpi: 5,
    cpiConfidence: 0.4,
    needs,
    needsConfidence: 0.25,
    coverage,
    programmes:
      coverage > 0 ? [{ code: 'a', title: 'Programme a', sector: 'Health', organisation: 'Org' }] : [],
    gap: needs === null ? null : needs * (1 - coverage),
    priority: needs === null ? null : 5 * needs * (1 - coverage),
  };
}

/** Two programmes in the fake geometry's hromadas (fake-api.ts): UA6312027 has both. */
export const PROGRAMMES: Programme[] = [
  programme('vets', {
    sites: [site('UA6312027'), site('UA0502001', { reached: 120 })],
  }),
  programme('health', {
    organisation: { id: 2, name: 'Health Org', nameUk: null, acronym: 'HO' },
    donor: 'European Union',
    sector: 'Health',
    periodStart: '2022-03-01',
    periodEnd: null,
    status: 'active',
    source: { id: 'hdx', name: 'HDX 5W', licence: 'CC BY 4.0 (HDX)', attribution: 'OCHA' },
    sites: [site('UA6312027', { periodStart: '2022-03-01', periodEnd: null, reached: 30 })],
  }),
];

export const FACETS: ProgrammeList['facets'] = {
  organisations: [
    { id: 1, name: 'Institute for Peace and Common Ground', nameUk: 'ІМіП', acronym: null, programmes: 1 },
    { id: 2, name: 'Health Org', nameUk: null, acronym: 'HO', programmes: 1 },
  ],
  donors: ['European Union'],
  sectors: ['Health', 'Veteran reintegration'],
  statuses: ['active', 'completed'],
};

/** Needs: UA6312001 highest and uncovered, UA0502001 next, UA6312027 covered, UA0102003 unscored. */
export function coverageTable(asOf: string, sector: string | null): Coverage {
  return {
    asOf,
    sector,
    models: { cpi: '1', needs: '1' },
    coverageBasis: 'presence',
    units: [unit('UA6312027', 4, 1), unit('UA6312001', 7.1), unit('UA0502001', 3), unit('UA0102003', null)],
  };
}

export const NEEDS_MODEL: ModelDefinition = {
  id: 'needs',
  version: '1',
  name: { uk: 'Індекс потреб', en: 'Needs Index' },
  classes: {
    thresholds: [2, 3.5, 5, 6.5],
    labels: ['дуже низький', 'низький', 'середній', 'високий', 'дуже високий'].map((uk) => ({ uk, en: uk })),
  },
  dimensions: [
    {
      id: 'load',
      components: [
        {
          id: 'idp',
          indicators: [
            { id: 'a', indicatorId: 'idps_per_1000', period: 'latest' },
            { id: 'b', indicatorId: 'assessment_idp_social', period: 'latest' },
          ],
        },
      ],
    },
  ],
};

/** UA6312001 wholly occupied. */
export const OCCUPIED: IndicatorValues = {
  indicatorId: 'occupied_share',
  period: '2026-08-22',
  unit: 'share (0–1)',
  values: { UA6312001: 1, UA0502001: 0, UA6312027: 0 },
};

type Method = keyof CoverageApi;

export interface FakeCoverageApi extends CoverageApi, CallControls<Method> {}

/** A CoverageApi over the fixtures; programmes are filtered as the API does (sector, organisation, window). */
export function fakeCoverageApi(): FakeCoverageApi {
  const { controls, answer } = fakeCalls<Method>();

  const filtered = (q: ProgrammeQuery): Programme[] =>
    PROGRAMMES.filter(
      (p) =>
        (q.sector === undefined || p.sector === q.sector) &&
        (q.organisation === undefined || p.organisation.id === q.organisation) &&
        (q.donor === undefined || p.donor === q.donor) &&
        (q.status === undefined || p.status === q.status),
    )
      .map((p) => ({
        ...p,
        sites: p.sites.filter(
          (s) =>
            (q.activeTo === undefined || s.periodStart <= q.activeTo) &&
            (q.activeFrom === undefined || s.periodEnd === null || s.periodEnd >= q.activeFrom),
        ),
      }))
      .map((p) => ({ ...p, siteCount: p.sites.length }))
      .filter((p) => (q.activeFrom === undefined && q.activeTo === undefined) || p.sites.length > 0);

  // Pages as the API gives them: `limit` at a time (50 by default), the cursor being the next index here.
  const list = (q: ProgrammeQuery & PageQuery): ProgrammeList => {
    const all = filtered(q);
    const from = q.cursor ? Number(q.cursor) : 0;
    const to = from + (q.limit ?? 50);
    return {
      facets: FACETS,
      programmes: all.slice(from, to),
      total: all.length,
      nextCursor: to < all.length ? String(to) : null,
    };
  };

  return {
    ...controls,
    programmes: (q, signal) => answer('programmes', [q], signal, () => list(q)),
    programmeSummary: (q, signal) => answer('programmeSummary', [q], signal, () => summaryOf(filtered(q))),
    coverage: (q, signal) =>
      answer('coverage', [q], signal, () => coverageTable(q.asOf ?? 'today', q.sector ?? null)),
    model: (id, signal) =>
      answer('model', [id], signal, () => {
        if (id !== 'needs') throw new ApiError(404, 'NOT_FOUND', `no model ${id}`, '');
        return NEEDS_MODEL;
      }),
    indicatorValues: (id, signal) => answer('indicatorValues', [id], signal, () => OCCUPIED),
  };
}
