import { sql } from 'kysely';
import { ASSESSMENT_COMPONENTS, type AssessmentComponent } from '../../model/assessment-components.ts';
import { POPULATION_PERIOD } from '../../shared/population.ts';
import type { Executor } from '../../db/executor.ts';

/** Every hromada-level unit the models score, with what filters and costs need. */
export async function findScoredUnits(db: Executor) {
  const { rows } = await sql<{
    pcode: string;
    name_uk: string;
    name_en: string;
    oblast_pcode: string;
    oblast_name_uk: string;
    oblast_name_en: string;
    is_crimea: boolean;
    special: string | null;
    population: number | null;
  }>`
    select u.pcode, u.name_uk, u.name_en, o.pcode as oblast_pcode, o.name_uk as oblast_name_uk,
           o.name_en as oblast_name_en, u.is_crimea, u.special, pop.value as population
    from admin_units u
    join admin_units o on o.pcode = left(u.pcode, 4)
    left join indicator_values pop
      on pop.unit_pcode = u.pcode and pop.indicator_id = 'population_2022' and pop.period = ${POPULATION_PERIOD}
    where u.level = 'hromada'
    order by u.pcode`.execute(db);
  return rows;
}

/** All values of these indicators for hromada-level units, every period. */
export async function findIndicatorValues(db: Executor, indicatorIds: string[]) {
  if (indicatorIds.length === 0) return [];
  return db
    .selectFrom('indicator_values as v')
    .innerJoin('admin_units as u', 'u.pcode', 'v.unit_pcode')
    .select(['v.indicator_id', 'v.unit_pcode', 'v.period', 'v.value'])
    .where('u.level', '=', 'hromada')
    .where('v.indicator_id', 'in', indicatorIds)
    .execute();
}

export interface AssessmentValue {
  unit_pcode: string;
  assessed_on: string;
  component: AssessmentComponent;
  value: number;
  /** ci_high − ci_low of the value's 95 % interval (imported from field submissions); null for none. */
  interval_width: number | null;
}

/** The latest assessed score of each component per unit (an empty component does not erase an earlier score). */
export async function findLatestAssessments(db: Executor, asOf?: string): Promise<AssessmentValue[]> {
  let query = db
    .selectFrom('assessments')
    .selectAll()
    .where('deleted_at', 'is', null)
    .orderBy('assessed_on', 'desc');
  if (asOf) query = query.where('assessed_on', '<=', asOf);
  const rows = await query.execute();
  const latest = new Map<string, AssessmentValue & { assessment_id: number }>();
  for (const row of rows) {
    for (const component of ASSESSMENT_COMPONENTS) {
      const value = row[component];
      const key = `${row.unit_pcode} ${component}`;
      if (value !== null && !latest.has(key)) {
        latest.set(key, {
          assessment_id: row.id,
          unit_pcode: row.unit_pcode,
          assessed_on: row.assessed_on,
          component,
          value,
          interval_width: null,
        });
      }
    }
  }
  // The intervals of the assessments chosen (issue #13 §4): a manual assessment has none.
  const ids = [...new Set([...latest.values()].map((a) => a.assessment_id))];
  if (ids.length > 0) {
    const stats = await db
      .selectFrom('assessment_component_stats')
      .select(['assessment_id', 'component', 'ci_low', 'ci_high'])
      .where('assessment_id', 'in', ids)
      .where('ci_low', 'is not', null)
      .where('ci_high', 'is not', null)
      .execute();
    const widths = new Map(stats.map((s) => [`${s.assessment_id} ${s.component}`, s.ci_high! - s.ci_low!]));
    for (const a of latest.values()) {
      a.interval_width = widths.get(`${a.assessment_id} ${a.component}`) ?? null;
    }
  }
  return [...latest.values()].map(({ assessment_id: _, ...a }) => a);
}

/** Programme sites per unit and sector active on a date (coverage: presence where reach is unknown). */
export async function findActiveProgrammeSites(db: Executor, asOf: string, sector?: string) {
  let query = db
    .selectFrom('programme_sites as s')
    .innerJoin('programmes as p', 'p.id', 's.programme_id')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['s.unit_pcode', 'p.sector', 'p.code', 'p.title', 'o.name as organisation', 's.reached'])
    .where('s.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .where('s.period_start', '<=', asOf)
    .where((eb) => eb.or([eb('s.period_end', 'is', null), eb('s.period_end', '>=', asOf)]));
  if (sector) query = query.where('p.sector', '=', sector);
  return query.execute();
}

/** Programme sites per unit and sector at any time (for "not already covered in sector X"). */
export async function findProgrammeSectorsByUnit(db: Executor) {
  return db
    .selectFrom('programme_sites as s')
    .innerJoin('programmes as p', 'p.id', 's.programme_id')
    .select(['s.unit_pcode', 'p.sector', 's.period_start', 's.period_end'])
    .where('s.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .execute();
}

/** Queen neighbours among hromada-level units, as pcode pairs (both directions). */
export async function findHromadaNeighbours(db: Executor) {
  return db
    .selectFrom('neighbours as n')
    .innerJoin('admin_units as u', 'u.pcode', 'n.unit_pcode')
    .select(['n.unit_pcode', 'n.neighbour_pcode'])
    .where('u.level', '=', 'hromada')
    .execute();
}

/** The latest occupied share per unit (for "exclude occupied"). */
export async function findLatestOccupiedShare(db: Executor) {
  const { rows } = await sql<{ unit_pcode: string; value: number }>`
    select unit_pcode, value from indicator_values
    where indicator_id = 'occupied_share'
      and period = (select max(period) from indicator_values where indicator_id = 'occupied_share')`.execute(
    db,
  );
  return rows;
}

/** Every period of these indicators that holds a hromada value (issue #14 item 5: the dates an index changes). */
export async function findIndicatorPeriods(db: Executor, indicatorIds: string[]) {
  if (indicatorIds.length === 0) return [];
  return db
    .selectFrom('indicator_values as v')
    .innerJoin('admin_units as u', 'u.pcode', 'v.unit_pcode')
    .select(['v.indicator_id', 'v.period'])
    .distinct()
    .where('u.level', '=', 'hromada')
    .where('v.indicator_id', 'in', indicatorIds)
    .execute();
}

/** The days community-security assessments were made (not deleted), oldest first. */
export async function findAssessmentDays(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('assessments')
    .select('assessed_on')
    .distinct()
    .where('deleted_at', 'is', null)
    .orderBy('assessed_on')
    .execute();
  return rows.map((r) => String(r.assessed_on).slice(0, 10));
}
