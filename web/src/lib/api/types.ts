// The JSON shapes the client reads, as the API documents them at /api/openapi.json (server/features/*/
// *.schemas.ts). Written out here rather than imported so that the client bundle never reaches server code.

export type UnitLevel = 'oblast' | 'raion' | 'hromada';
export type Direction = 'higher_is_worse' | 'higher_is_better' | 'neutral';

/** Ukrainian and English text of one label. */
export interface Bilingual {
  uk: string;
  en: string;
}

export interface UnitRef {
  pcode: string;
  nameUk: string;
  nameEn: string;
}

export interface Unit extends UnitRef {
  katottg: string | null;
  level: UnitLevel;
  parent: UnitRef | null;
  oblastPcode: string;
  isCrimea: boolean;
  special: 'kyiv_city' | 'chornobyl_zone' | 'sevastopol' | null;
  hromadaType: 'міська' | 'селищна' | 'сільська' | null;
  population2022: number | null;
  areaKm2: number | null;
}

export interface UnitList {
  items: Unit[];
  total: number;
}

export interface ValueSource {
  id: string;
  name: string;
  licence: string;
  attribution: string;
  url: string | null;
}

export interface UnitIndicatorValue {
  indicatorId: string;
  nameUk: string;
  nameEn: string;
  unit: string;
  direction: Direction;
  period: string;
  value: number;
  source: ValueSource;
}

export interface UnitProgramme {
  id: number;
  code: string;
  title: string;
  organisation: string;
  donor: string | null;
  sector: string;
  periodStart: string;
  periodEnd: string | null;
  status: 'planned' | 'active' | 'completed' | null;
  reached: number | null;
  /** When and by whom it last changed through the API (audit trail); null while as imported. */
  lastChangedAt: string | null;
  lastChangedBy: string | null;
}

/** The community-security components of an assessment (issue #3), each 0–10. */
export const ASSESSMENT_COMPONENT_IDS = [
  'cohesion_trust',
  'stakeholder_communication',
  'police_community',
  'resident_leadership',
  'vulnerable_integration',
  'idp_economic',
  'idp_social',
  'idp_youth',
  'idp_legal',
  'idp_cultural',
  'idp_information',
] as const;
export type AssessmentComponentId = (typeof ASSESSMENT_COMPONENT_IDS)[number];

export interface UnitAssessment {
  id: number;
  assessedOn: string;
  assessor: string | null;
  organisation: string | null;
  strategyAdopted: boolean | null;
  notes: string | null;
  scores: Record<AssessmentComponentId, number | null>;
  lastChangedAt: string | null;
  lastChangedBy: string | null;
}

export interface UnitProfile extends Unit {
  geometryMissing: boolean;
  labelPoint: [number, number] | null;
  parents: (UnitRef & { level: UnitLevel })[];
  indicators: UnitIndicatorValue[];
  neighbours: UnitRef[];
  programmes: UnitProgramme[];
  assessments: UnitAssessment[];
}

export interface Indicator {
  id: string;
  nameUk: string;
  nameEn: string;
  description: string;
  unit: string;
  domain: string;
  direction: Direction;
  derivation: string | null;
  source: { id: string; name: string; licence: string; attribution: string };
  /** Every period with values, oldest first. */
  periods: string[];
  coverage: { period: string; units: number }[];
}

export interface IndicatorValues {
  indicatorId: string;
  period: string;
  unit: string;
  /** Value by pcode; units without a value are absent (missing is never zero). */
  values: Record<string, number>;
}

/** GET /api/indicators/{id}/values?format=columns: the values as one array aligned to the unit list of `unitsUrl`. */
export interface IndicatorValueColumns {
  indicatorId: string;
  period: string;
  unit: string;
  level: UnitLevel;
  /** GET /api/indicators/units?level=…&v=…: immutable, so fetched once per list. */
  unitsUrl: string;
  /** Value of the i-th unit; null = no value (never zero). */
  values: (number | null)[];
}

/** GET /api/indicators/units: every pcode of a level, in the order of the columns form. */
export interface IndicatorUnits {
  level: UnitLevel;
  version: string;
  units: string[];
}

/** One indicator's values for one period, as the client hands them on: `values[i]` is the value of `units[i]`. */
export interface IndicatorColumn {
  indicatorId: string;
  period: string;
  unit: string;
  units: readonly string[];
  values: readonly (number | null)[];
}

export interface ModelSummary {
  id: string;
  version: string;
  name: Bilingual;
  description: Bilingual;
  kind: 'index' | 'derived';
  scoresUrl: string;
}

export interface ModelClasses {
  /** Four ascending thresholds: class c holds scores in [thresholds[c-2], thresholds[c-1]). */
  thresholds: number[];
  labels: Bilingual[];
}

export interface ScoreBand {
  median: number | null;
  p5: number | null;
  p95: number | null;
}

/** One unit's score as the map asks for it (`fields=summary`: no names, no breakdown). */
export interface UnitScore {
  pcode: string;
  score: number | null;
  class: number | null;
  rank: number | null;
  confidence: number;
  coverage: number;
  /** Monte Carlo rank band (5th–95th percentile of the rank). */
  band: ScoreBand | null;
  unscoredReason: string | null;
}

export interface Scores {
  model: { id: string; version: string };
  scenario: { id: string; name: string } | null;
  asOf: string | null;
  dataVersion: string;
  generatedAt: string;
  aggregation: Record<string, string>;
  weights: Record<string, number>;
  periods: Record<string, { indicatorId: string; period: string | null }>;
  classes: ModelClasses;
  units: UnitScore[];
}

export interface SourceFile {
  id: string;
  title: string | null;
  url: string | null;
  sha256: string;
  period: string | null;
  retrievedAt: string;
}

export interface Source {
  id: string;
  name: string;
  publisher: string;
  homepage: string | null;
  licence: string;
  licenceUrl: string | null;
  attribution: string;
  caveats: string | null;
  files: SourceFile[];
}

/** A LISA cluster of a significant unit (value / neighbours' value against the mean), 'ns' when not significant. */
export type LisaCluster = 'HH' | 'LL' | 'HL' | 'LH' | 'ns';
export type HotspotMethod = 'lisa' | 'gi';

/** One hromada in GET /api/models/{id}/hotspots (server/model/spatial.ts). */
export interface HotspotUnit {
  pcode: string;
  nameUk: string;
  nameEn: string;
  score: number | null;
  /** The neighbours' mean score (spatial lag). */
  lag: number | null;
  /** LISA: local Moran's Iᵢ. */
  localI?: number | null;
  /** LISA: permutation pseudo p; Gi*: two-sided normal p. */
  p: number | null;
  /** Benjamini–Hochberg q-value (false discovery rate). */
  q: number | null;
  /** LISA only; null when the unit is left out (no score or no neighbour with one). */
  cluster?: LisaCluster | null;
  /** Gi* only: the z-score. */
  z?: number | null;
  /** Gi* only. */
  hotspot?: 'hot' | 'cold' | 'ns' | null;
}

export interface MoranTest {
  variance: number;
  z: number;
  p: number;
}

export interface Hotspots {
  model: { id: string; version: string };
  method: HotspotMethod;
  settings: { permutations?: number; seed?: number; alpha: number; adjust: 'bh' | 'none' };
  globalMoran: {
    i: number;
    expected: number;
    n: number;
    normality: MoranTest;
    randomisation: MoranTest;
  } | null;
  /** Significant low-high outliers, most significant first (LISA only; empty for Gi*). */
  watchList: HotspotUnit[];
  units: HotspotUnit[];
}

export interface OccupiedAreaSource {
  id: string;
  name: string;
  licence: string;
  /** The credit line to show wherever the area is shown. */
  attribution: string;
}

/** One dated snapshot in GET /api/occupied-areas (oldest first). */
export interface OccupiedAreaSnapshot {
  date: string;
  /** null when imported from a local file not in data/sources.json. */
  source: OccupiedAreaSource | null;
  features: number;
  areaKm2: number;
}

/** GET /api/occupied-areas/{date}: the polygons of one snapshot, simplified for display. */
export interface OccupiedAreaCollection {
  type: 'FeatureCollection';
  metadata: {
    date: string;
    source: OccupiedAreaSource | null;
    licence: string | null;
    attribution: string | null;
  };
  features: {
    type: 'Feature';
    id: number;
    geometry: { type: 'Polygon'; coordinates: number[][][] };
    properties: { date: string; areaKm2: number };
  }[];
}

/** One hromada in GET /api/coverage: gap = needs × (1 − coverage) (docs/methodology.md). */
export interface CoverageGapUnit {
  pcode: string;
  nameUk: string;
  nameEn: string;
  cpi: number | null;
  needs: number | null;
  /** 0–1; programme presence while people in need are not in the open data. */
  coverage: number;
  gap: number | null;
}

export interface CoverageGap {
  /** The date programme presence is counted at. */
  asOf: string;
  sector: string | null;
  models: { cpi: string; needs: string };
  coverageBasis: string;
  units: CoverageGapUnit[];
}

/** GET /api/layers/{level}.index.json: a level's units without shapes, as aligned columns in pcode order. */
export interface UnitIndexColumns {
  level: UnitLevel;
  pcode: string[];
  nameUk: string[];
  nameEn: string[];
  parentPcode: (string | null)[];
  /** [west, south, east, north], null for a unit without a boundary. */
  bbox: ([number, number, number, number] | null)[];
  label: ([number, number] | null)[];
  extent: [number, number, number, number];
}

/** The API's error body (one shape for every error). */
export interface ApiErrorBody {
  error: { code: string; message: string; requestId?: string };
}
