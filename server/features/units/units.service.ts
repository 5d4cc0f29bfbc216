import type { UnitLevel } from '../../db/schema.ts';
import { ASSESSMENT_COMPONENTS, type AssessmentComponent } from '../../model/assessment-components.ts';
import { componentTrends } from '../../model/round-trends.ts';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../shared/errors.ts';
import type { FeatureMapping } from '../../shared/table-export/geojson.ts';
import { lastChanges } from '../audit/audit.service.ts';
import { resolveIndicatorPeriods } from '../indicators/indicators.service.ts';
import {
  findAncestors,
  findNeighbours,
  findUnit,
  findUnitGeometries,
  findUnitIndicatorValues,
  findUnitNames,
  findUnitAssessments,
  findUnitComponentStats,
  findUnitProgrammes,
  findUnits,
  findValuesForUnits,
  type UnitFilter,
  type UnitRow,
} from './units.repository.ts';
import { childLevel, type Unit, type UnitFeatureCollection, type UnitProfile } from './units.schemas.ts';

/**
 * The search normalisation of admin_units.search_text, done to the query in JS:
 * lower(translate(text, '''’ʼ`´', '')). Both must stay the same for search to forgive case and apostrophes.
 */
export function normaliseSearch(text: string): string {
  return text.replace(/['’ʼ`´]/g, '').toLowerCase();
}

/** A LIKE pattern matching the text anywhere, with LIKE's own wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

// Names sort as Ukrainian readers expect (… Г Ґ Д Е Є … И І Ї Й …), which neither engine's default "C"
// collation gives; ties (same name in two oblasts) go by pcode so that paging is stable.
const ukrainian = new Intl.Collator('uk');
const byName = (a: { pcode: string; name_uk: string }, b: { pcode: string; name_uk: string }) =>
  ukrainian.compare(a.name_uk, b.name_uk) || (a.pcode < b.pcode ? -1 : a.pcode > b.pcode ? 1 : 0);

function toUnit(r: UnitRow): Unit {
  return {
    pcode: r.pcode,
    katottg: r.katottg,
    level: r.level,
    nameUk: r.name_uk,
    nameEn: r.name_en,
    parent:
      r.parent_pcode && r.parent_name_uk !== null && r.parent_name_en !== null
        ? { pcode: r.parent_pcode, nameUk: r.parent_name_uk, nameEn: r.parent_name_en }
        : null,
    oblastPcode: r.pcode.slice(0, 4),
    isCrimea: r.is_crimea,
    special: r.special,
    hromadaType: r.hromada_type,
    population2022: r.population_2022,
    areaKm2: r.area_km2,
  };
}

/** The filter for `level` and `parent`: a parent must exist (404), and without a level lists its children. */
async function unitFilter(
  db: Executor,
  level: UnitLevel | undefined,
  parent: string | undefined,
): Promise<UnitFilter> {
  if (!parent) return { level };
  const parentUnit = await findUnit(db, parent);
  if (!parentUnit) throw new AppError('NOT_FOUND', `no unit ${parent}`);
  return { level: level ?? childLevel[parentUnit.level] ?? undefined, within: parent };
}

export async function listUnits(
  db: Executor,
  query: { level?: UnitLevel; parent?: string; q?: string; limit: number; offset: number },
): Promise<{ items: Unit[]; total: number }> {
  const filter = await unitFilter(db, query.level, query.parent);
  if (query.parent && !filter.level) return { items: [], total: 0 }; // a hromada contains no units
  if (query.q) filter.searchPattern = containsPattern(normaliseSearch(query.q));
  // Sorting needs every match, but only by name: the full rows are read for one page.
  const names = (await findUnitNames(db, filter)).sort(byName);
  const page = names.slice(query.offset, query.offset + query.limit).map((n) => n.pcode);
  const rows = new Map((await findUnits(db, page)).map((r) => [r.pcode, r]));
  const items = page.flatMap((pcode) => {
    const row = rows.get(pcode);
    return row ? [toUnit(row)] : [];
  });
  return { items, total: names.length };
}

export async function getUnitProfile(db: Executor, pcode: string): Promise<UnitProfile> {
  const unit = await findUnit(db, pcode);
  if (!unit) throw new AppError('NOT_FOUND', `no unit ${pcode}`);
  const [ancestors, values, neighbours, programmes, assessments, stats] = await Promise.all([
    findAncestors(db, pcode),
    findUnitIndicatorValues(db, pcode),
    findNeighbours(db, pcode),
    findUnitProgrammes(db, pcode),
    findUnitAssessments(db, pcode),
    findUnitComponentStats(db, pcode),
  ]);
  const [changes, assessmentChanges] = await Promise.all([
    lastChanges(
      db,
      'programme',
      programmes.map((p) => p.code),
    ),
    lastChanges(
      db,
      'assessment',
      assessments.map((a) => String(a.id)),
    ),
  ]);
  const scoresOf = (a: (typeof assessments)[number]) =>
    Object.fromEntries(ASSESSMENT_COMPONENTS.map((c) => [c, a[c]])) as Record<
      AssessmentComponent,
      number | null
    >;
  const trends = componentTrends(
    assessments.map((a) => ({
      id: a.id,
      assessedOn: a.assessed_on,
      organisation: a.organisation,
      scores: scoresOf(a),
    })),
    stats.map((s) => ({
      assessmentId: s.assessment_id,
      component: s.component,
      respondents: s.respondents,
      ciLow: s.ci_low,
      ciHigh: s.ci_high,
    })),
  );
  return {
    ...toUnit(unit),
    geometryMissing: unit.geometry_missing,
    labelPoint: unit.label_lon !== null && unit.label_lat !== null ? [unit.label_lon, unit.label_lat] : null,
    parents: ancestors.map((a) => ({ pcode: a.pcode, level: a.level, nameUk: a.name_uk, nameEn: a.name_en })),
    indicators: values.map((v) => ({
      indicatorId: v.indicator_id,
      nameUk: v.name_uk,
      nameEn: v.name_en,
      unit: v.unit,
      direction: v.direction,
      period: v.period,
      value: v.value,
      source: {
        id: v.source_id,
        name: v.source_name,
        licence: v.source_licence,
        attribution: v.source_attribution,
        url: v.source_url,
      },
    })),
    neighbours: neighbours.map((n) => ({ pcode: n.pcode, nameUk: n.name_uk, nameEn: n.name_en })),
    programmes: programmes.map((p) => ({
      id: p.id,
      code: p.code,
      title: p.title,
      organisation: p.organisation,
      donor: p.donor,
      sector: p.sector,
      periodStart: p.period_start,
      periodEnd: p.period_end,
      status: p.status,
      reached: p.reached,
      lastChangedAt: changes.get(p.code)?.at ?? null,
      lastChangedBy: changes.get(p.code)?.by ?? null,
    })),
    assessments: assessments.map((a) => ({
      id: a.id,
      assessedOn: a.assessed_on,
      assessor: a.assessor,
      organisation: a.organisation,
      strategyAdopted: a.strategy_adopted,
      notes: a.notes,
      scores: scoresOf(a),
      lastChangedAt: assessmentChanges.get(String(a.id))?.at ?? null,
      lastChangedBy: assessmentChanges.get(String(a.id))?.by ?? null,
    })),
    trends,
  };
}

/**
 * The units of one level as a GeoJSON FeatureCollection (RFC 7946), each requested indicator a property
 * with the value of one period (the given one, else the indicator's latest) and that period beside it.
 */
export async function getUnitsGeoJson(
  db: Executor,
  query: { level: UnitLevel; parent?: string; indicators?: string; period?: string },
): Promise<UnitFeatureCollection> {
  const ids = query.indicators ? query.indicators.split(',') : [];
  const indicators = ids.length ? await resolveIndicatorPeriods(db, ids, query.period, 'BAD_REQUEST') : [];
  const filter = { ...(await unitFilter(db, query.level, query.parent)), level: query.level };
  const pairs = indicators.map((i) => ({ indicatorId: i.id, period: i.period }));
  const [units, values] = await Promise.all([
    findUnitGeometries(db, filter),
    findValuesForUnits(db, pairs, filter),
  ]);
  const valueOf = new Map(values.map((v) => [`${v.unit_pcode} ${v.indicator_id}`, v.value]));
  return {
    type: 'FeatureCollection',
    features: units.map((u) => {
      const properties: Record<string, string | number | null> = {
        pcode: u.pcode,
        katottg: u.katottg,
        nameUk: u.name_uk,
        nameEn: u.name_en,
        level: u.level,
        parentPcode: u.parent_pcode,
      };
      for (const i of indicators) {
        properties[i.id] = valueOf.get(`${u.pcode} ${i.id}`) ?? null;
        properties[`${i.id}__period`] = i.period;
      }
      return { type: 'Feature', id: u.pcode, geometry: u.geometry, properties };
    }),
  };
}

/**
 * How per-hromada rows become GeoJSON features in an export: the pcode is the feature id, the hromada's
 * shape its geometry (null when it has none).
 */
export async function hromadaFeatures<R extends { pcode: string }>(
  db: Executor,
  properties: (row: R) => Record<string, unknown>,
  metadata?: Record<string, unknown>,
): Promise<FeatureMapping<R>> {
  const geometries = new Map(
    (await findUnitGeometries(db, { level: 'hromada' })).map((g) => [g.pcode, g.geometry]),
  );
  return { id: (r) => r.pcode, geometry: (r) => geometries.get(r.pcode) ?? null, properties, metadata };
}
