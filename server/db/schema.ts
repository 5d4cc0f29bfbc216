import type { ColumnType, Generated } from 'kysely';

// Table interfaces matching migrations/ (kept by hand: one migration so far). Geometry columns are typed as
// opaque strings: they are only ever read through ST_AsGeoJSON & co. in SQL (STYLE §3).
type Geometry = ColumnType<string, never, never>;
type Timestamp = ColumnType<string, string | undefined, string>;

export type UnitLevel = 'oblast' | 'raion' | 'hromada';
export type SpecialUnit = 'kyiv_city' | 'chornobyl_zone' | 'sevastopol';
export type IndicatorDirection = 'higher_is_worse' | 'higher_is_better' | 'neutral';
export type ProgrammeStatus = 'planned' | 'active' | 'completed';

export interface SourcesTable {
  id: string;
  name: string;
  publisher: string;
  homepage: string | null;
  licence: string;
  licence_url: string | null;
  attribution: string;
  caveats: string | null;
}

export interface SourceFilesTable {
  id: string;
  source_id: string;
  title: string | null;
  url: string | null;
  sha256: string;
  bytes: number | null;
  period: string | null;
  retrieved_at: Timestamp;
}

export interface ImportBatchesTable {
  id: Generated<number>;
  kind: string;
  source_file_id: string | null;
  file_name: string;
  file_sha256: string;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  status: 'succeeded' | 'superseded';
  notes: string | null;
}

export interface RejectedRowsTable {
  id: Generated<number>;
  batch_id: number;
  row_number: number;
  field: string | null;
  reason: string;
  raw: string | null;
}

export interface AdminUnitsTable {
  pcode: string;
  katottg: string | null;
  level: UnitLevel;
  parent_pcode: string | null;
  name_uk: string;
  name_en: string;
  hromada_type: 'міська' | 'селищна' | 'сільська' | null;
  geom: Geometry;
  label_point: Geometry;
  area_km2: number | null;
  is_crimea: Generated<boolean>;
  special: SpecialUnit | null;
  valid_on: string | null;
  batch_id: number;
  search_text: ColumnType<string, never, never>;
}

export interface IndicatorsTable {
  id: string;
  name_uk: string;
  name_en: string;
  description: string;
  unit: string;
  domain: string;
  direction: IndicatorDirection;
  source_id: string;
  derivation: string | null;
}

export interface IndicatorValuesTable {
  indicator_id: string;
  unit_pcode: string;
  period: string;
  value: number;
  batch_id: number;
}

export interface OccupiedAreasTable {
  snapshot_date: string;
  geom: Geometry;
  area_km2: number;
  batch_id: number;
}

export interface NeighboursTable {
  unit_pcode: string;
  neighbour_pcode: string;
  batch_id: number;
}

export interface OrganisationsTable {
  id: Generated<number>;
  name: string;
  name_uk: string | null;
  acronym: string | null;
  url: string | null;
  created_at: Timestamp;
}

export interface ProgrammesTable {
  id: Generated<number>;
  code: string;
  organisation_id: number;
  donor: string | null;
  sector: string;
  title: string;
  description: string | null;
  period_start: string;
  period_end: string | null;
  status: ProgrammeStatus | null;
  budget: number | null;
  currency: string | null;
  batch_id: number | null;
}

export interface ProgrammeSitesTable {
  id: Generated<number>;
  programme_id: number;
  unit_pcode: string;
  period_start: string;
  period_end: string | null;
  reached: number | null;
  batch_id: number | null;
}

export const ASSESSMENT_COMPONENTS = [
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
export type AssessmentComponent = (typeof ASSESSMENT_COMPONENTS)[number];

export type AssessmentsTable = {
  id: Generated<number>;
  unit_pcode: string;
  assessed_on: string;
  assessor: string | null;
  strategy_adopted: boolean | null;
  notes: string | null;
  batch_id: number | null;
} & Record<AssessmentComponent, number | null>;

export interface ScenariosTable {
  id: string;
  model_id: string;
  model_version: string;
  name: string;
  description: string | null;
  weights: ColumnType<Record<string, number>, string, string>;
  aggregation: ColumnType<Record<string, string> | null, string | null, string | null>;
  created_at: Timestamp;
}

/** Boundaries in EPSG:3857 simplified per zoom band for vector tiles; derived, rebuilt per data version. */
export interface TileGeometriesTable {
  level: UnitLevel;
  band: number;
  pcode: string;
  fid: number;
  geom: ColumnType<string, string, never>;
}

export interface TileBuildsTable {
  id: Generated<boolean>;
  data_version: string;
  recipe: string;
  built_at: Timestamp;
  duration_ms: number;
}

export interface DB {
  sources: SourcesTable;
  source_files: SourceFilesTable;
  import_batches: ImportBatchesTable;
  rejected_rows: RejectedRowsTable;
  admin_units: AdminUnitsTable;
  indicators: IndicatorsTable;
  indicator_values: IndicatorValuesTable;
  occupied_areas: OccupiedAreasTable;
  neighbours: NeighboursTable;
  organisations: OrganisationsTable;
  programmes: ProgrammesTable;
  programme_sites: ProgrammeSitesTable;
  assessments: AssessmentsTable;
  scenarios: ScenariosTable;
  tile_geometries: TileGeometriesTable;
  tile_builds: TileBuildsTable;
}
