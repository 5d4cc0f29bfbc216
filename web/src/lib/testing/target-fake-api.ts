// Test support: a TargetApi over a small hand-made world (five hromadas, two tiny models), recording its calls
// and failing or holding them on demand (fake-calls.ts). Invented numbers, for the Target view's unit tests only.

import type { ModelDefinitionInput } from '../../../../server/model/model-definition.ts';
import { ApiError } from '../api/errors.ts';
import type { Coverage } from '../api/coverage.ts';
import type { ModelMatrix, Scenario, TargetApi, TargetingRequest, TargetingResult } from '../api/target.ts';
import { fakeCalls, type CallControls } from './fake-calls.ts';

const text = (en: string) => ({ uk: `${en} (uk)`, en });

function indicator(
  id: string,
  indicatorId: string,
  direction: 'higher_is_worse' | 'higher_is_better',
  max: number,
) {
  return {
    id,
    indicatorId,
    period: 'latest' as const,
    weight: 1,
    direction,
    transform: { type: 'none' as const },
    goalposts: { min: 0, max },
  };
}

function model(id: string, dimensions: ModelDefinitionInput['dimensions']): ModelDefinitionInput {
  return {
    id,
    version: '1',
    name: text(id === 'cpi' ? 'Conflict Potential Index' : 'Needs Index'),
    description: text('test'),
    references: [],
    // Arithmetic throughout, so that the tests can work the scores out by hand.
    aggregation: { index: 'arithmetic', dimension: 'arithmetic', component: 'arithmetic' },
    classes: {
      thresholds: [2, 3.5, 5, 6.5],
      labels: [text('very low'), text('low'), text('medium'), text('high'), text('very high')],
    },
    confidence: { referenceDate: '2025-06-01', fullConfidenceAgeYears: 1, zeroConfidenceAgeYears: 8 },
    dimensions,
  };
}

/**
 * CPI = mean of pressure (occupied share × 10) and capacity ((1 − revenue/1000) × 10); "social" has no data.
 * Needs = mean of economic (as capacity) and displacement (IDPs per 1,000 / 10).
 */
export const DEFINITIONS: Record<string, ModelDefinitionInput> = {
  cpi: model('cpi', [
    {
      id: 'pressure',
      name: text('Pressure'),
      weight: 1,
      components: [
        {
          id: 'war',
          name: text('War'),
          weight: 1,
          indicators: [indicator('c_occ', 'occupied_share', 'higher_is_worse', 1)],
        },
      ],
    },
    {
      id: 'capacity',
      name: text('Lack of capacity'),
      weight: 1,
      components: [
        {
          id: 'fiscal',
          name: text('Fiscal'),
          weight: 1,
          indicators: [indicator('c_rev', 'own_revenue_per_capita', 'higher_is_better', 1000)],
        },
        {
          id: 'social',
          name: text('Social'),
          weight: 1,
          indicators: [indicator('c_trust', 'assessment_trust', 'higher_is_better', 10)],
        },
      ],
    },
  ]),
  needs: model('needs', [
    {
      id: 'economic',
      name: text('Economic'),
      weight: 1,
      components: [
        {
          id: 'econ',
          name: text('Economy'),
          weight: 1,
          indicators: [indicator('n_rev', 'own_revenue_per_capita', 'higher_is_better', 1000)],
        },
      ],
    },
    {
      id: 'displacement',
      name: text('Displacement'),
      weight: 1,
      components: [
        {
          id: 'idp',
          name: text('IDPs'),
          weight: 1,
          indicators: [indicator('n_idp', 'idps_per_1000', 'higher_is_worse', 100)],
        },
      ],
    },
  ]),
};

/** Crimea (occupied), three hromadas that rank, and one without any data. */
export const UNITS = ['UA0102003', 'UA1214019', 'UA1214015', 'UA5904005', 'UA6312027'] as const;
const [CRIMEA, B, C, D, E] = UNITS;

const occupied: Record<string, number> = { [CRIMEA]: 1, [B]: 0.2, [C]: 0, [D]: 0.4 };
const revenue: Record<string, number> = { [CRIMEA]: 0, [B]: 100, [C]: 900, [D]: 500 };
const idps: Record<string, number> = { [B]: 50, [C]: 10, [D]: 80 };
const population: Record<string, number | null> = {
  [CRIMEA]: 20000,
  [B]: 5000,
  [C]: 40000,
  [D]: null,
  [E]: 1000,
};

function column(values: Record<string, number>) {
  return { values: UNITS.map((p) => values[p] ?? null), period: '2025' };
}

export const MATRICES: Record<string, ModelMatrix> = {
  cpi: {
    model: { id: 'cpi', version: '1' },
    asOf: null,
    dataVersion: 'test',
    units: [...UNITS],
    columns: {
      c_occ: column(occupied),
      c_rev: column(revenue),
      c_trust: { values: UNITS.map(() => null), period: null },
    },
  },
  needs: {
    model: { id: 'needs', version: '1' },
    asOf: null,
    dataVersion: 'test',
    units: [...UNITS],
    columns: { n_rev: column(revenue), n_idp: column(idps) },
  },
};

/** Coverage in another order than the matrices (the view must join by pcode); C has a protection programme. */
export const COVERAGE: Coverage = {
  asOf: '2025-06-01',
  sector: null,
  models: { cpi: '1', needs: '1' },
  coverageBasis: 'presence',
  units: [E, D, C, B, CRIMEA].map((pcode) => ({
    pcode,
    nameUk: `${pcode} uk`,
    nameEn: `${pcode} en`,
    oblastPcode: pcode.slice(0, 4),
    population: population[pcode] ?? null,
    isCrimea: pcode === CRIMEA,
    cpi: null,
    cpiConfidence: 0,
    needs: null,
    needsConfidence: 0,
    coverage: pcode === C ? 1 : 0,
    programmes:
      pcode === C ? [{ code: 'p1', title: 'Dialogue', sector: 'protection', organisation: 'IPCG' }] : [],
    gap: null,
    priority: null,
  })),
};

type Method = keyof TargetApi;

export interface FakeTargetApi extends TargetApi, CallControls<Method> {
  scenarios: Map<string, Scenario>;
}

export function fakeTargetApi(): FakeTargetApi {
  const { controls, answer } = fakeCalls<Method>();
  const scenarios = new Map<string, Scenario>();
  let next = 1;

  const notFound = (path: string) => new ApiError(404, 'NOT_FOUND', `no ${path}`, path);

  return {
    ...controls,
    scenarios,
    model: (id, signal) =>
      answer('model', [id], signal, () => {
        if (!DEFINITIONS[id]) throw notFound(`model ${id}`);
        return DEFINITIONS[id];
      }),
    matrix: (id, signal) => answer('matrix', [id], signal, () => MATRICES[id]!),
    coverage: (signal) => answer('coverage', [], signal, () => COVERAGE),
    occupiedShare: (signal) =>
      answer('occupiedShare', [], signal, () => ({
        indicatorId: 'occupied_share',
        period: '2025-01-02',
        unit: 'share (0–1)',
        values: occupied,
      })),
    scenario: (id, signal) =>
      answer('scenario', [id], signal, () => {
        const s = scenarios.get(id);
        if (!s) throw notFound(`scenario ${id}`);
        return s;
      }),
    saveScenario: (s, signal) =>
      answer('saveScenario', [s], signal, () => {
        const saved: Scenario = {
          id: `s${next++}`,
          modelId: s.modelId,
          modelVersion: '1',
          name: s.name,
          description: null,
          weights: s.weights,
          aggregation: null,
          useProxies: true,
          createdAt: '2025-06-01T00:00:00Z',
        };
        scenarios.set(saved.id, saved);
        return saved;
      }),
    // The gallery: every saved scenario is listed as the caller's own, unlisted.
    listScenarios: (mine, signal) =>
      answer('listScenarios', [mine], signal, () =>
        [...scenarios.values()].map((s) => ({ ...s, shared: false, own: true })),
      ),
    deleteScenario: (id) =>
      answer('deleteScenario', [id], undefined, () => {
        if (!scenarios.delete(id)) throw notFound(`scenario ${id}`);
      }),
    compareScenarios: (model, a, b, signal) =>
      answer('compareScenarios', [model, a, b], signal, () => ({
        model: { id: model, version: '1' },
        a: { id: a, name: scenarios.get(a)?.name ?? a },
        b: { id: b, name: scenarios.get(b)?.name ?? b },
        changes: [],
      })),
    target: (req, signal) => answer('target', [req], signal, () => targetingAnswer(req)),
    exportShortlist: (req, format, signal) =>
      answer('exportShortlist', [req, format], signal, () => ({
        blob: new Blob([
          `pcode\n${targetingAnswer(req)
            .selected.map((s) => s.pcode)
            .join('\n')}`,
        ]),
        filename: `shortlist.${format}`,
      })),
  };
}

/** A canned answer: the two hromadas B and D, whatever was asked (the server's optimiser is not under test here). */
function targetingAnswer(req: TargetingRequest): TargetingResult {
  const entry = (pcode: string, rank: number) => ({
    pcode,
    nameUk: `${pcode} uk`,
    nameEn: `${pcode} en`,
    oblastPcode: pcode.slice(0, 4),
    population: population[pcode] ?? null,
    rank,
    priority: 5,
    cost: req.cost.amount,
    cpi: 5,
    needs: 5,
    coverage: 0,
    reason: `priority rank ${rank} of 3 eligible: CPI 5.00; cost ${req.cost.amount}`,
  });
  return {
    method: req.method,
    optimal: true,
    status: 'optimal',
    priority: req.priority,
    budget: req.budget,
    totalCost: 2 * req.cost.amount,
    objective: 10,
    eligible: 3,
    excluded: { occupied: 1 },
    asOf: '2025-06-01',
    model: { cpi: '1', needs: '1' },
    selected: [entry(B, 1), entry(D, 2)],
  };
}
