// Test support: an AtlasApi over canned answers, recording its calls, with requests that can be held open
// (to test cancellation) or made to fail. Used by the state classes' unit tests only.

import {
  ApiError,
  type AtlasApi,
  type CoverageGap,
  type HotspotUnit,
  type Hotspots,
  type Indicator,
  type UnitIndexColumns,
  type ModelSummary,
  type OccupiedAreaCollection,
  type OccupiedAreaSnapshot,
  type ModelDefinition,
  type Scores,
  type ScoresFull,
  type Source,
  type Unit,
  type UnitLevel,
  type UnitProfile,
  type IndexDates,
} from '../api/index.ts';
import { fakeCalls, type CallControls } from './fake-calls.ts';

export const INDICATORS: Indicator[] = [
  {
    id: 'idps_per_1000',
    nameUk: 'ВПО на 1000 мешканців',
    nameEn: 'IDPs per 1,000 residents',
    description: '',
    unit: 'per 1,000 residents',
    domain: 'displacement',
    direction: 'higher_is_worse',
    derivation: null,
    source: { id: 'kse', name: 'KSE', licence: 'MIT', attribution: 'KSE Institute' },
    periods: ['2023-07-25'],
    coverage: [{ period: '2023-07-25', units: 3 }],
  },
  {
    id: 'occupied_share',
    nameUk: 'Частка окупованої території',
    nameEn: 'Share of area occupied',
    description: '',
    unit: 'share (0–1)',
    domain: 'conflict_exposure',
    direction: 'higher_is_worse',
    derivation: null,
    source: { id: 'deepstate', name: 'DeepState', licence: 'Unclear', attribution: 'DeepStateMap' },
    periods: ['2025-01-02', '2026-08-22'],
    coverage: [],
  },
  {
    id: 'population_2022',
    nameUk: 'Населення',
    nameEn: 'Population',
    description: '',
    unit: 'persons',
    domain: 'demography',
    direction: 'neutral',
    derivation: null,
    source: { id: 'kse', name: 'KSE', licence: 'MIT', attribution: 'KSE Institute' },
    periods: ['2022-01-01'],
    coverage: [],
  },
];

const name = (uk: string, en: string) => ({ uk, en });

export const MODELS: ModelSummary[] = [
  {
    id: 'cpi',
    version: '1',
    name: name('Індекс конфліктного потенціалу', 'Conflict Potential Index'),
    description: name('', ''),
    kind: 'index',
    scoresUrl: '/api/models/cpi/scores',
  },
  {
    id: 'needs',
    version: '1',
    name: name('Індекс потреб', 'Needs Index'),
    description: name('', ''),
    kind: 'index',
    scoresUrl: '/api/models/needs/scores',
  },
  {
    id: 'gap',
    version: 'cpi 1, needs 1',
    name: name('Розрив у покритті', 'Coverage gap'),
    description: name('', ''),
    kind: 'derived',
    scoresUrl: '/api/coverage',
  },
];

export const SOURCES: Source[] = [
  {
    id: 'kse',
    name: 'KSE',
    publisher: 'Kyiv School of Economics Institute',
    homepage: null,
    licence: 'MIT',
    licenceUrl: null,
    attribution: 'KSE Institute',
    caveats: null,
    files: [],
  },
];

const score = (pcode: string, s: number | null, cls: number | null, rank: number | null) => ({
  pcode,
  nameUk: pcode,
  nameEn: pcode,
  oblastPcode: pcode.slice(0, 4),
  score: s,
  class: cls,
  rank,
  ranked: rank !== null,
  unrankedReason: rank !== null ? null : s === null ? ('unscored' as const) : ('low_confidence' as const),
  confidence: 0.5,
  coverage: 0.6,
  dimensions: {},
  components: {},
  band: { median: rank, p5: rank, p95: rank },
  unscoredReason: s === null ? 'too little data' : null,
  proxyComponents: [],
});

export const SCORES: Scores = {
  model: { id: 'cpi', version: '1' },
  scenario: null,
  asOf: null,
  dataVersion: 'v1',
  generatedAt: '2026-11-21T00:00:00Z',
  aggregation: {},
  weights: {},
  periods: {
    a: { indicatorId: 'idps_per_1000', period: '2023-07-25' },
    b: { indicatorId: 'occupied_share', period: '2026-08-22' },
    c: { indicatorId: 'assessment_cohesion_trust', period: null },
  },
  classes: {
    thresholds: [2, 3.5, 5, 6.5],
    labels: ['дуже низький', 'низький', 'середній', 'високий', 'дуже високий'].map((uk) => name(uk, uk)),
  },
  minConfidence: 0.25,
  rankedCount: 3,
  units: [
    score('UA6312027', 2.4, 2, 3),
    score('UA6312001', 7.1, 5, 1),
    score('UA0502001', 5, 4, 2),
    score('UA0102003', null, null, null),
  ],
};

/** A two-dimension model definition for the profile's index tree (FIXTURE, made by hand). */
const indicatorNode = (indicatorId: string, proxy?: boolean) => ({
  id: indicatorId,
  indicatorId,
  period: 'latest',
  weight: 1,
  direction: 'higher_is_worse' as const,
  transform: { type: 'none' as const },
  goalposts: { min: 0, max: 100 },
  ...(proxy ? { proxy } : {}),
});
export const MODEL_DEFINITION: ModelDefinition = {
  id: 'cpi',
  version: '1',
  name: name('Індекс', 'Conflict Potential Index'),
  description: name('опис', 'description'),
  references: [],
  aggregation: { index: 'arithmetic', dimension: 'arithmetic', component: 'arithmetic' },
  minComponentCoverage: 2 / 3,
  classes: SCORES.classes as ModelDefinition['classes'],
  confidence: {
    referenceDate: '2026-11-21',
    fullConfidenceAgeYears: 1,
    zeroConfidenceAgeYears: 5,
    proxyWeight: 0.5,
    intervalWidthForZero: 0.5,
    intervalFloor: 0.25,
    minForRanking: 0.25,
  },
  dimensions: [
    {
      id: 'pressure',
      name: name('Тиск', 'Pressure'),
      weight: 1,
      components: [
        {
          id: 'displacement_load',
          name: name('Навантаження ВПО', 'Displacement load'),
          weight: 1,
          indicators: [indicatorNode('idps_per_1000')],
        },
      ],
    },
    {
      id: 'social_fragility',
      name: name('Соціальна крихкість', 'Social fragility'),
      weight: 1,
      components: [
        {
          id: 'cohesion_trust',
          name: name('Згуртованість і довіра', 'Cohesion and trust'),
          weight: 1,
          indicators: [indicatorNode('assessment_cohesion_trust'), indicatorNode('osbb_per_10k', true)],
        },
      ],
    },
  ],
};

/** The full scores (fields=full): UA6312027's breakdown has a value for pressure only. */
/** The dates the fake index changes at: two occupied-area snapshots and a budget year. */
export const INDEX_DATES: IndexDates['dates'] = [
  { date: '2024-01-01', kinds: ['budget_year'], indicatorIds: ['own_revenue_per_capita'] },
  { date: '2025-01-02', kinds: ['occupied_area'], indicatorIds: ['occupied_share'] },
  { date: '2026-08-22', kinds: ['occupied_area'], indicatorIds: ['occupied_share'] },
];

export const FULL_SCORES: ScoresFull = {
  ...SCORES,
  units: SCORES.units.map((u) => ({
    ...score(u.pcode, u.score, u.class, u.rank),
    ...(u.pcode === 'UA6312027'
      ? {
          dimensions: { pressure: 2.4, social_fragility: null },
          components: { displacement_load: 2.4, cohesion_trust: null },
        }
      : {}),
  })),
};

/** The coverage gap: UA0502001 has no Needs score, so no gap. */
export const COVERAGE_GAP: CoverageGap = {
  asOf: '2026-11-21',
  sector: null,
  models: { cpi: '1', needs: '1' },
  coverageBasis: 'presence',
  units: [
    { pcode: 'UA6312027', nameUk: 'a', nameEn: 'a', cpi: 2.4, needs: 6, coverage: 1, gap: 0 },
    { pcode: 'UA6312001', nameUk: 'b', nameEn: 'b', cpi: 7.1, needs: 8, coverage: 0, gap: 8 },
    { pcode: 'UA0502001', nameUk: 'c', nameEn: 'c', cpi: 5, needs: null, coverage: 0, gap: null },
    { pcode: 'UA0102003', nameUk: 'd', nameEn: 'd', cpi: null, needs: 3.5, coverage: 0, gap: 3.5 },
  ],
};

const hotspotUnit = (pcode: string, score: number | null, extra: Partial<HotspotUnit>): HotspotUnit => ({
  pcode,
  nameUk: `Громада ${pcode}`,
  nameEn: `Hromada ${pcode}`,
  score,
  lag: score,
  p: null,
  q: null,
  ...extra,
});

/** LISA: a high-high pair, and UA0502001 a low value among high neighbours (the watch list). */
export function hotspots(modelId: string, method: 'lisa' | 'gi'): Hotspots {
  const lisa = method === 'lisa';
  const units = [
    hotspotUnit(
      'UA6312027',
      2.4,
      lisa ? { cluster: 'LH', p: 0.002, q: 0.01 } : { z: -2.9, hotspot: 'cold', p: 0.004, q: 0.01 },
    ),
    hotspotUnit(
      'UA6312001',
      7.1,
      lisa ? { cluster: 'HH', p: 0.001, q: 0.004 } : { z: 3.4, hotspot: 'hot', p: 0.001, q: 0.004 },
    ),
    hotspotUnit(
      'UA0502001',
      5,
      lisa ? { cluster: 'ns', p: 0.3, q: 0.5 } : { z: 0.2, hotspot: 'ns', p: 0.8, q: 0.9 },
    ),
    hotspotUnit('UA0102003', null, lisa ? { cluster: null } : { z: null, hotspot: null }),
  ];
  return {
    model: { id: modelId, version: '1' },
    method,
    settings: lisa
      ? { permutations: 999, seed: 1, alpha: 0.05, adjust: 'bh' }
      : { alpha: 0.05, adjust: 'bh' },
    globalMoran: null,
    watchList: lisa ? [units[0]!] : [],
    units,
  };
}

export const OCCUPIED_SNAPSHOTS: OccupiedAreaSnapshot[] = [
  {
    date: '2025-01-02',
    source: { id: 'deepstate', name: 'DeepStateMap', licence: 'Unclear', attribution: 'DeepStateMap.Live' },
    features: 1,
    areaKm2: 110000,
  },
  {
    date: '2026-08-22',
    source: { id: 'deepstate', name: 'DeepStateMap', licence: 'Unclear', attribution: 'DeepStateMap.Live' },
    features: 1,
    areaKm2: 116000.5,
  },
];

export function occupiedArea(date: string): OccupiedAreaCollection {
  const snapshot = OCCUPIED_SNAPSHOTS.find((s) => s.date === date);
  if (!snapshot)
    throw new ApiError(404, 'NOT_FOUND', `no snapshot on ${date}`, `/api/occupied-areas/${date}`);
  return {
    type: 'FeatureCollection',
    metadata: {
      date,
      source: snapshot.source,
      licence: snapshot.source?.licence ?? null,
      attribution: snapshot.source?.attribution ?? null,
    },
    features: [
      {
        type: 'Feature',
        id: 1,
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [37, 49],
              [38, 49],
              [38, 50],
              [37, 50],
              [37, 49],
            ],
          ],
        },
        properties: { date, areaKm2: snapshot.areaKm2 },
      },
    ],
  };
}

/** A unit of the fixtures: a 1° square with its south-west corner at (x, y), or none. */
interface FakeUnit {
  pcode: string;
  parentPcode: string | null;
  at: [number, number] | null;
  nameUk?: string;
  nameEn?: string;
}

function indexOf(level: UnitLevel, units: FakeUnit[]): UnitIndexColumns {
  const sorted = [...units].sort((a, b) => a.pcode.localeCompare(b.pcode));
  const boxes = sorted.map((u) =>
    u.at ? ([u.at[0], u.at[1], u.at[0] + 1, u.at[1] + 1] as [number, number, number, number]) : null,
  );
  const drawn = boxes.filter((b) => b !== null);
  return {
    level,
    pcode: sorted.map((u) => u.pcode),
    nameUk: sorted.map((u) => u.nameUk ?? `Громада ${u.pcode}`),
    nameEn: sorted.map((u) => u.nameEn ?? `Hromada ${u.pcode}`),
    parentPcode: sorted.map((u) => u.parentPcode),
    bbox: boxes,
    label: sorted.map((u) => (u.at ? ([u.at[0] + 0.5, u.at[1] + 0.5] as [number, number]) : null)),
    extent: [
      Math.min(...drawn.map((b) => b[0])),
      Math.min(...drawn.map((b) => b[1])),
      Math.max(...drawn.map((b) => b[2])),
      Math.max(...drawn.map((b) => b[3])),
    ],
  };
}

/** Three hromadas in a row (two in UA63, one in UA05) and one without a boundary. */
export function hromadaIndex(): UnitIndexColumns {
  return indexOf('hromada', [
    { pcode: 'UA6312027', parentPcode: 'UA6312', at: [36, 49] },
    { pcode: 'UA6312001', parentPcode: 'UA6312', at: [37, 49] },
    { pcode: 'UA0502001', parentPcode: 'UA0502', at: [28, 49] },
    { pcode: 'UA0102003', parentPcode: 'UA0102', at: null, nameUk: 'Без меж', nameEn: 'No boundary' },
  ]);
}

export function oblastIndex(): UnitIndexColumns {
  return indexOf('oblast', [
    { pcode: 'UA63', parentPcode: null, at: [36, 49] },
    { pcode: 'UA05', parentPcode: null, at: [28, 49] },
  ]);
}

export function raionIndex(): UnitIndexColumns {
  return indexOf('raion', [{ pcode: 'UA6312', parentPcode: 'UA63', at: [36, 49] }]);
}

export const UNIT: Unit = {
  pcode: 'UA6312027',
  katottg: null,
  level: 'hromada',
  nameUk: 'Харківська',
  nameEn: 'Kharkivska',
  parent: { pcode: 'UA6312', nameUk: 'Харківський', nameEn: 'Kharkivskyi' },
  oblastPcode: 'UA63',
  isCrimea: false,
  special: null,
  hromadaType: 'міська',
  population2022: 1421125,
  areaKm2: 345.6,
};

export const PROFILE: UnitProfile = {
  ...UNIT,
  geometryMissing: false,
  labelPoint: [36.25, 49.99],
  parents: [
    { pcode: 'UA6312', level: 'raion', nameUk: 'Харківський', nameEn: 'Kharkivskyi' },
    { pcode: 'UA63', level: 'oblast', nameUk: 'Харківська', nameEn: 'Kharkivska' },
  ],
  indicators: [],
  neighbours: [{ pcode: 'UA6312001', nameUk: 'Безлюдівська', nameEn: 'Bezliudivska' }],
  programmes: [],
  assessments: [],
  trends: [],
};

type Method = keyof AtlasApi;

export interface FakeApi extends AtlasApi, CallControls<Method> {}

export function fakeApi(): FakeApi {
  const { controls, answer } = fakeCalls<Method>();

  const values: Record<string, Record<string, number>> = {
    idps_per_1000: { UA6312027: -203.5, UA6312001: 96.1, UA0502001: 120.3 },
    occupied_share: { UA6312027: 0, UA6312001: 0.5, UA0502001: 0 },
    population_2022: { UA6312027: 1421125, UA6312001: 12000, UA0502001: 9000 },
  };

  return {
    ...controls,
    units: (q, signal) =>
      answer('units', [q], signal, () => {
        const items = [UNIT].filter(
          (u) =>
            !q.q ||
            u.nameEn.toLowerCase().includes(q.q.toLowerCase()) ||
            u.nameUk.toLowerCase().includes(q.q.toLowerCase()),
        );
        return { items, total: items.length };
      }),
    unit: (pcode, signal) =>
      answer('unit', [pcode], signal, () => {
        if (pcode !== PROFILE.pcode)
          throw new ApiError(404, 'NOT_FOUND', `no unit ${pcode}`, `/api/units/${pcode}`);
        return PROFILE;
      }),
    unitIndex: (level: UnitLevel, signal) =>
      answer('unitIndex', [level], signal, () =>
        level === 'hromada' ? hromadaIndex() : level === 'oblast' ? oblastIndex() : raionIndex(),
      ),
    indicators: (signal) => answer('indicators', [], signal, () => INDICATORS),
    indicatorValues: (id, period, signal) =>
      answer('indicatorValues', [id, period], signal, () => {
        const ind = INDICATORS.find((i) => i.id === id);
        if (!ind) throw new ApiError(404, 'NOT_FOUND', `no indicator ${id}`, '');
        // Positional, as the API answers: every unit of the level, null where one has no value.
        const byPcode = values[id] ?? {};
        const units = [...new Set([...Object.keys(byPcode), 'UA0102003'])].sort();
        return {
          indicatorId: id,
          period: period ?? ind.periods.at(-1)!,
          unit: ind.unit,
          units,
          values: units.map((pcode) => byPcode[pcode] ?? null),
        };
      }),
    models: (signal) => answer('models', [], signal, () => MODELS),
    scores: (modelId, signal, minConfidence, asOf) =>
      // Only the arguments given: older tests expect ['cpi'].
      answer(
        'scores',
        [modelId, minConfidence, asOf].slice(0, asOf ? 3 : minConfidence !== undefined ? 2 : 1),
        signal,
        () => ({
          ...SCORES,
          model: { id: modelId, version: '1' },
          asOf: asOf ?? null,
        }),
      ),
    scoresFull: (modelId, pcode, asOf, signal) =>
      answer('scoresFull', [modelId, pcode, asOf], signal, () => ({
        ...FULL_SCORES,
        model: { id: modelId, version: '1' },
        asOf: asOf ?? null,
        units: FULL_SCORES.units.filter((u) => u.pcode === pcode),
      })),
    modelDates: (modelId, signal) =>
      answer('modelDates', [modelId], signal, () => ({
        model: { id: modelId, version: '1' },
        dates: INDEX_DATES,
      })),
    indexTrend: (modelId, pcode, signal) =>
      answer('indexTrend', [modelId, pcode], signal, () => ({
        model: { id: modelId, version: '1' },
        pcode,
        points: INDEX_DATES.map((d, i) => ({
          date: d.date,
          score: 4 + i,
          rank: 10 - i,
          rankedCount: 20,
          confidence: 0.8,
          dimensions: { pressure: 2 + i * 0.5 },
          components: {},
          indicators: { idps: 10 + i },
        })),
      })),
    modelDefinition: (modelId, signal) =>
      answer('modelDefinition', [modelId], signal, () => ({ ...MODEL_DEFINITION, id: modelId })),
    sources: (signal) => answer('sources', [], signal, () => SOURCES),
    hotspots: (modelId, method, signal) =>
      answer('hotspots', [modelId, method], signal, () => hotspots(modelId, method)),
    coverageGap: (signal) => answer('coverageGap', [], signal, () => COVERAGE_GAP),
    occupiedAreas: (signal) => answer('occupiedAreas', [], signal, () => OCCUPIED_SNAPSHOTS),
    occupiedArea: (date, signal) => answer('occupiedArea', [date], signal, () => occupiedArea(date)),
  };
}

/** Lets queued microtasks (the fake's answers) run. */
export const settle = () => new Promise<void>((r) => setTimeout(r, 0));
