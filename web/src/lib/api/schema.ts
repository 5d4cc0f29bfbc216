import type { components } from './generated/schema';

// The API's shapes under the names the client uses: every one an alias of the generated schema
// (generated/schema.d.ts, `npm run api:types`), so a change to the server's zod schemas shows up here as a
// type error instead of a silent drift (issue #12).

type S = components['schemas'];

export type UnitLevel = S['UnitLevel'];
export type Direction = S['Indicator']['direction'];
/** Ukrainian and English text of one label. */
export type Bilingual = S['ModelSummary']['name'];
export type UnitRef = S['UnitRef'];
export type Unit = S['Unit'];
export type UnitList = S['UnitList'];
export type ValueSource = S['ValueSource'];
export type UnitIndicatorValue = S['UnitIndicatorValue'];
export type UnitProgramme = S['UnitProgramme'];
export type UnitAssessment = S['UnitAssessment'];
export type UnitProfile = S['UnitProfile'];
export type ComponentTrend = S['ComponentTrend'];
export type TrendPoint = S['TrendPoint'];
export type Indicator = S['Indicator'];
export type IndicatorValues = S['IndicatorValues'];
export type IndicatorValueColumns = S['IndicatorValueColumns'];
export type IndicatorUnits = S['IndicatorUnits'];
export type ModelSummary = S['ModelSummary'];
export type ModelClasses = S['ScoresSummary']['classes'];
/** The scores as the map asks for them (`fields=summary`: no names, no breakdown). */
export type Scores = Omit<S['ScoresSummary'], 'fields'>;
export type UnitScore = S['UnitScoreSummary'];
/** The scores with each unit's breakdown (`fields=full`): dimensions, components, proxy components. */
export type ScoresFull = S['Scores'];
export type IndexDates = S['IndexDates'];
export type IndexDateKind = IndexDates['dates'][number]['kinds'][number];
export type IndexTrend = S['IndexTrend'];
export type UnitScoreFull = S['UnitScore'];
export type ScoreBand = NonNullable<UnitScore['band']>;
export type Source = S['Source'];
export type SourceFile = S['SourceFile'];
export type Hotspots = S['Hotspots'];
export type HotspotUnit = S['HotspotUnit'];
export type HotspotMethod = Hotspots['method'];
export type LisaCluster = NonNullable<HotspotUnit['cluster']>;
export type OccupiedAreaSource = S['OccupiedAreaSource'];
export type OccupiedAreaSnapshot = S['OccupiedAreaSnapshot'];
export type OccupiedAreaCollection = S['OccupiedAreaFeatureCollection'];
export type UnitIndexColumns = S['UnitIndex'];
export type ClientConfig = S['ClientConfig'];
export type ModelDefinition = S['ModelDefinition'];
export type ModelMatrix = S['ModelMatrix'];
/** GET /api/coverage (each unit's coverageBasis repeats the answer's, so the client reads that one). */
export type CoverageUnit = Omit<S['CoverageUnit'], 'coverageBasis'>;
export type Coverage = Omit<S['Coverage'], 'units'> & { units: CoverageUnit[] };
/** One hromada of GET /api/coverage as the map's gap layer reads it: gap = needs × (1 − coverage). */
export type CoverageGapUnit = Pick<
  CoverageUnit,
  'pcode' | 'nameUk' | 'nameEn' | 'cpi' | 'needs' | 'coverage' | 'gap'
>;
export type CoverageGap = Omit<Coverage, 'units'> & { units: CoverageGapUnit[] };

export type AssessmentComponentId = keyof S['AssessmentScores'];
