import type { ColumnType, Generated } from 'kysely';
import type { AssessmentComponent } from '../model/assessment-components.ts';

// Table interfaces matching migrations/ (kept by hand). Geometry columns are typed as
// opaque strings: they are only ever read through ST_AsGeoJSON & co. in SQL (STYLE §3).
type Geometry = ColumnType<string, never, never>;
type Timestamp = ColumnType<string, string | undefined, string>;

export type UnitLevel = 'oblast' | 'raion' | 'hromada';
export type SpecialUnit = 'kyiv_city' | 'chornobyl_zone' | 'sevastopol';
export type IndicatorDirection = 'higher_is_worse' | 'higher_is_better' | 'neutral';
export type ProgrammeStatus = 'planned' | 'active' | 'completed';
export type Role = 'viewer' | 'editor' | 'admin';
export type AuditVia = 'session' | 'token' | 'cli';
export type AuditAction = 'create' | 'update' | 'delete' | 'import';
export type AuditEntityType =
  'user' | 'organisation' | 'programme' | 'assessment' | 'api_token' | 'safety_strategy' | 'scenario';
export type StrategyStage = 'risk_analysis' | 'drafted' | 'adopted' | 'monitoring';

/** Rows the API never hard-deletes: deleted_at/deleted_by mark them, and reads skip them. */
interface SoftDeleted {
  deleted_at: ColumnType<string | null, string | null | undefined, string | null>;
  deleted_by: ColumnType<number | null, number | null | undefined, number | null>;
}

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

export interface OrganisationsTable extends SoftDeleted {
  id: Generated<number>;
  name: string;
  name_uk: string | null;
  acronym: string | null;
  url: string | null;
  created_at: Timestamp;
}

export interface ProgrammesTable extends SoftDeleted {
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

export interface ProgrammeSitesTable extends SoftDeleted {
  id: Generated<number>;
  programme_id: number;
  unit_pcode: string;
  period_start: string;
  period_end: string | null;
  reached: number | null;
  batch_id: number | null;
}

export type AssessmentsTable = {
  id: Generated<number>;
  unit_pcode: string;
  assessed_on: string;
  assessor: string | null;
  strategy_adopted: boolean | null;
  notes: string | null;
  batch_id: number | null;
  /** The organisation that made the assessment; null for imported ones (only admins change those). */
  organisation_id: ColumnType<number | null, number | null | undefined, number | null>;
} & SoftDeleted &
  Record<AssessmentComponent, number | null>;

export interface ScenariosTable {
  id: string;
  model_id: string;
  model_version: string;
  name: string;
  description: string | null;
  weights: ColumnType<Record<string, number>, string, string>;
  aggregation: ColumnType<Record<string, string> | null, string | null, string | null>;
  created_at: Timestamp;
  /** Listed by GET /api/scenarios (issue #11); unlisted ones open by id only. */
  shared: Generated<boolean>;
  created_by: number | null;
  /** false switches the model's proxy indicators off (issue #13); true for scenarios saved before. */
  use_proxies: Generated<boolean>;
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

export interface UsersTable {
  id: Generated<number>;
  /** Lower-cased. */
  email: string;
  name: string;
  /** `scrypt$N$r$p$salt$hash` (server/features/auth/password.ts); never leaves the server. */
  password_hash: string;
  role: Role;
  password_changed_at: Timestamp;
  disabled_at: string | null;
  created_at: Timestamp;
}

export interface UserOrganisationsTable {
  user_id: number;
  organisation_id: number;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie's secret. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** SHA-256 (hex) of the secret. */
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by: number | null;
}

export interface LoginLockoutsTable {
  email: string;
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}

type Json = ColumnType<unknown, string | null, never>;

/** Append-only: rows are inserted, never updated or deleted. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  actor_label: string;
  via: AuditVia;
  action: AuditAction;
  entity_type: AuditEntityType;
  entity_id: string;
  organisation_id: number | null;
  before: Json;
  after: Json;
  request_id: string | null;
}

/** One consenting respondent's answers to the instrument, as imported (issue #13, section 3). */
export interface AssessmentSubmissionsTable {
  id: Generated<number>;
  submission_id: string;
  organisation_id: number;
  form_version: string;
  round_date: ColumnType<string, string, string>;
  unit_pcode: string;
  respondent_group: string;
  /** item id → Likert point 1…5, null for "hard to say". */
  answers: ColumnType<Record<string, number | null>, string, string>;
  submitted_at: string | null;
  batch_id: number;
}

/** The uncertainty of an assessment's component score computed from submissions (issue #13, section 4). */
export interface AssessmentComponentStatsTable {
  assessment_id: number;
  component: AssessmentComponent;
  respondents: number;
  ci_low: number | null;
  ci_high: number | null;
  weighting: string | null;
}

/** A community's safety strategy as one organisation accompanies it (issue #13, section 6). */
export interface SafetyStrategiesTable extends SoftDeleted {
  id: Generated<number>;
  unit_pcode: string;
  organisation_id: number;
  stage: StrategyStage;
  risk_analysis_on: string | null;
  drafted_on: string | null;
  adopted_on: string | null;
  decision_number: string | null;
  decision_url: string | null;
  next_review_on: string | null;
  notes: string | null;
  created_at: Timestamp;
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
  assessment_submissions: AssessmentSubmissionsTable;
  assessment_component_stats: AssessmentComponentStatsTable;
  safety_strategies: SafetyStrategiesTable;
  scenarios: ScenariosTable;
  tile_geometries: TileGeometriesTable;
  tile_builds: TileBuildsTable;
  users: UsersTable;
  user_organisations: UserOrganisationsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_lockouts: LoginLockoutsTable;
  audit_log: AuditLogTable;
}
