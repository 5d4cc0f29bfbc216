import type { MultiPolygon, Polygon } from 'geojson';
import { sql, type ExpressionBuilder } from 'kysely';
import type { DB, UnitLevel } from '../../db/schema.ts';
import { POPULATION_PERIOD } from '../../shared/population.ts';
import type { Executor } from '../../db/executor.ts';

/** Which units: of one level, inside one unit (pcodes nest: UA63 ⊃ UA6312 ⊃ UA6312027), matching a search. */
export interface UnitFilter {
  level?: UnitLevel;
  within?: string;
  /** Already normalised like admin_units.search_text, and escaped for LIKE. */
  searchPattern?: string;
}

type UnitScope = ExpressionBuilder<DB & { u: DB['admin_units'] }, 'u'>;

function applyFilter(eb: UnitScope, filter: UnitFilter) {
  const conditions = [];
  if (filter.level) conditions.push(eb('u.level', '=', filter.level));
  if (filter.within) {
    conditions.push(eb('u.pcode', 'like', `${filter.within}%`), eb('u.pcode', '<>', filter.within));
  }
  if (filter.searchPattern) conditions.push(eb('u.search_text', 'like', filter.searchPattern));
  return eb.and(conditions);
}

function selectUnits(db: Executor) {
  return db
    .selectFrom('admin_units as u')
    .leftJoin('admin_units as p', 'p.pcode', 'u.parent_pcode')
    .leftJoin('indicator_values as pop', (join) =>
      join
        .onRef('pop.unit_pcode', '=', 'u.pcode')
        .on('pop.indicator_id', '=', 'population_2022')
        .on('pop.period', '=', POPULATION_PERIOD),
    )
    .select([
      'u.pcode',
      'u.katottg',
      'u.level',
      'u.name_uk',
      'u.name_en',
      'u.parent_pcode',
      'p.name_uk as parent_name_uk',
      'p.name_en as parent_name_en',
      'u.is_crimea',
      'u.special',
      'u.hromada_type',
      'pop.value as population_2022',
      'u.area_km2',
    ]);
}

/**
 * The pcode and name of every unit matching the filter, in no particular order: the service sorts them by
 * Ukrainian collation (which neither engine has built in) and fetches one page with findUnits.
 */
export async function findUnitNames(db: Executor, filter: UnitFilter) {
  return db
    .selectFrom('admin_units as u')
    .select(['u.pcode', 'u.name_uk'])
    .where((eb) => applyFilter(eb, filter))
    .execute();
}

/** Every oblast's pcode and names: exports name the oblast beside its pcode (issue #14, item 10). */
export async function findOblastNames(db: Executor) {
  return db
    .selectFrom('admin_units')
    .select(['pcode', 'name_uk', 'name_en'])
    .where('level', '=', 'oblast')
    .orderBy('pcode')
    .execute();
}

export type UnitRow = Awaited<ReturnType<typeof findUnits>>[number];

/** The units with these pcodes, in no particular order. */
export async function findUnits(db: Executor, pcodes: string[]) {
  if (pcodes.length === 0) return [];
  return selectUnits(db).where('u.pcode', 'in', pcodes).execute();
}

/** One unit with what only the profile shows: whether it has a boundary, and its label point. */
export async function findUnit(db: Executor, pcode: string) {
  return selectUnits(db)
    .select([
      sql<boolean>`u.geom is null`.as('geometry_missing'),
      sql<number | null>`ST_X(u.label_point)`.as('label_lon'),
      sql<number | null>`ST_Y(u.label_point)`.as('label_lat'),
    ])
    .where('u.pcode', '=', pcode)
    .executeTakeFirst();
}

/** The units containing this one, nearest first (a hromada's raion, then its oblast). */
export async function findAncestors(db: Executor, pcode: string) {
  const { rows } = await sql<{ pcode: string; level: UnitLevel; name_uk: string; name_en: string }>`
    with recursive chain as (
      select p.pcode, p.level, p.name_uk, p.name_en, p.parent_pcode, 1 as depth
      from admin_units u join admin_units p on p.pcode = u.parent_pcode
      where u.pcode = ${pcode}
      union all
      select p.pcode, p.level, p.name_uk, p.name_en, p.parent_pcode, chain.depth + 1
      from chain join admin_units p on p.pcode = chain.parent_pcode
    )
    select pcode, level, name_uk, name_en from chain order by depth`.execute(db);
  return rows;
}

/** Every value held for the unit, with the indicator's definition and where the value was read from. */
export async function findUnitIndicatorValues(db: Executor, pcode: string) {
  return (
    db
      .selectFrom('indicator_values as v')
      .innerJoin('indicators as i', 'i.id', 'v.indicator_id')
      .innerJoin('import_batches as b', 'b.id', 'v.batch_id')
      .leftJoin('source_files as f', 'f.id', 'b.source_file_id')
      // The file's own dataset when the batch came from a catalogued file, else the indicator's.
      .innerJoin('sources as s', (join) =>
        join.on((eb) => eb('s.id', '=', eb.fn.coalesce('f.source_id', 'i.source_id'))),
      )
      .select([
        'v.indicator_id',
        'i.name_uk',
        'i.name_en',
        'i.unit',
        'i.direction',
        'v.period',
        'v.value',
        's.id as source_id',
        's.name as source_name',
        's.licence as source_licence',
        's.attribution as source_attribution',
        sql<string | null>`coalesce(f.url, s.homepage)`.as('source_url'),
      ])
      .where('v.unit_pcode', '=', pcode)
      .orderBy('v.indicator_id')
      .orderBy('v.period')
      .execute()
  );
}

export async function findNeighbours(db: Executor, pcode: string) {
  return db
    .selectFrom('neighbours as n')
    .innerJoin('admin_units as u', 'u.pcode', 'n.neighbour_pcode')
    .select(['u.pcode', 'u.name_uk', 'u.name_en'])
    .where('n.unit_pcode', '=', pcode)
    .orderBy('u.pcode')
    .execute();
}

/**
 * The community-security assessments of this unit (issue #3's components, 0–10), newest first, with the
 * organisation that made each one (null for imported ones).
 */
export async function findUnitAssessments(db: Executor, pcode: string) {
  return db
    .selectFrom('assessments as a')
    .leftJoin('organisations as o', 'o.id', 'a.organisation_id')
    .selectAll('a')
    .select('o.name as organisation')
    .where('a.unit_pcode', '=', pcode)
    .where('a.deleted_at', 'is', null)
    .orderBy('a.assessed_on', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
}

/**
 * The intervals of this unit's assessed components (issue #13, section 4), for the assessments that are not
 * deleted: one row per assessment and component that was scored from field submissions. Assessments entered
 * by hand have none.
 */
export async function findUnitComponentStats(db: Executor, pcode: string) {
  return db
    .selectFrom('assessment_component_stats as s')
    .innerJoin('assessments as a', 'a.id', 's.assessment_id')
    .select(['s.assessment_id', 's.component', 's.respondents', 's.ci_low', 's.ci_high', 's.weighting'])
    .where('a.unit_pcode', '=', pcode)
    .where('a.deleted_at', 'is', null)
    .orderBy('s.assessment_id')
    .orderBy('s.component')
    .execute();
}

/** The programme sites at this unit, with their programme and organisation. */
export async function findUnitProgrammes(db: Executor, pcode: string) {
  return db
    .selectFrom('programme_sites as ps')
    .innerJoin('programmes as p', 'p.id', 'ps.programme_id')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select([
      'p.id',
      'p.code',
      'p.title',
      'o.name as organisation',
      'p.donor',
      'p.sector',
      'ps.period_start',
      'ps.period_end',
      'p.status',
      'ps.reached',
    ])
    .where('ps.unit_pcode', '=', pcode)
    .where('ps.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .orderBy('ps.period_start', 'desc')
    .orderBy('p.code')
    .execute();
}

/**
 * The units as GeoJSON features' raw material. Geometry is serialised by PostGIS with RFC 7946 ring order
 * (exterior counter-clockwise) and 6 decimals (≈ 0.1 m); units without a boundary keep `geometry: null`.
 */
export async function findUnitGeometries(db: Executor, filter: UnitFilter) {
  return db
    .selectFrom('admin_units as u')
    .select([
      'u.pcode',
      'u.katottg',
      'u.level',
      'u.name_uk',
      'u.name_en',
      'u.parent_pcode',
      sql<Polygon | MultiPolygon | null>`ST_AsGeoJSON(ST_ForcePolygonCCW(u.geom), 6)::json`.as('geometry'),
    ])
    .where((eb) => applyFilter(eb, filter))
    .orderBy('u.pcode')
    .execute();
}

/** Values of the given (indicator, period) pairs for the units of the filter. */
export async function findValuesForUnits(
  db: Executor,
  pairs: { indicatorId: string; period: string }[],
  filter: UnitFilter,
) {
  if (pairs.length === 0) return [];
  return db
    .selectFrom('indicator_values as v')
    .innerJoin('admin_units as u', 'u.pcode', 'v.unit_pcode')
    .select(['v.unit_pcode', 'v.indicator_id', 'v.value'])
    .where((eb) =>
      eb.and([
        applyFilter(eb, filter),
        eb.or(
          pairs.map((p) => eb.and([eb('v.indicator_id', '=', p.indicatorId), eb('v.period', '=', p.period)])),
        ),
      ]),
    )
    .execute();
}
