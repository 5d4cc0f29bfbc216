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
}

export interface UnitProfile extends Unit {
  geometryMissing: boolean;
  labelPoint: [number, number] | null;
  parents: (UnitRef & { level: UnitLevel })[];
  indicators: UnitIndicatorValue[];
  neighbours: UnitRef[];
  programmes: UnitProgramme[];
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

export interface UnitScore {
  pcode: string;
  nameUk: string;
  nameEn: string;
  oblastPcode: string;
  score: number | null;
  class: number | null;
  rank: number | null;
  confidence: number;
  coverage: number;
  dimensions: Record<string, number | null>;
  components: Record<string, number | null>;
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

/** The TopoJSON of one level from /api/layers/{level}.topojson; its one object is named after the level. */
export interface LayerTopology {
  type: 'Topology';
  bbox: number[];
  transform: { scale: [number, number]; translate: [number, number] };
  objects: Record<
    string,
    {
      type: 'GeometryCollection';
      geometries: {
        type: 'Polygon' | 'MultiPolygon' | null;
        id: string;
        properties: { nameUk: string; nameEn: string; parentPcode: string | null };
        arcs?: unknown[];
      }[];
    }
  >;
  arcs: [number, number][][];
}

/** The API's error body (one shape for every error). */
export interface ApiErrorBody {
  error: { code: string; message: string; requestId?: string };
}
