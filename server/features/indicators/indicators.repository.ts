import type { UnitLevel } from '../../db/schema.ts';
import type { Executor } from '../../db/executor.ts';

/** The catalogue: every indicator with its source dataset. */
export async function findIndicators(db: Executor, ids?: string[]) {
  let query = db
    .selectFrom('indicators as i')
    .innerJoin('sources as s', 's.id', 'i.source_id')
    .select([
      'i.id',
      'i.name_uk',
      'i.name_en',
      'i.description',
      'i.unit',
      'i.domain',
      'i.direction',
      'i.derivation',
      's.id as source_id',
      's.name as source_name',
      's.licence as source_licence',
      's.attribution as source_attribution',
    ])
    .orderBy('i.id');
  if (ids) query = query.where('i.id', 'in', ids.length ? ids : ['']);
  return query.execute();
}

/** How many units hold a value, per indicator and period, oldest period first. */
export async function findCoverage(db: Executor, ids?: string[]) {
  let query = db
    .selectFrom('indicator_values')
    .select(['indicator_id', 'period', (eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('units')])
    .groupBy(['indicator_id', 'period'])
    .orderBy('indicator_id')
    .orderBy('period');
  if (ids) query = query.where('indicator_id', 'in', ids.length ? ids : ['']);
  return query.execute();
}

/** One indicator's values for one period, for the units of one level. */
export async function findIndicatorValues(
  db: Executor,
  indicatorId: string,
  period: string,
  level: UnitLevel,
) {
  return db
    .selectFrom('indicator_values as v')
    .innerJoin('admin_units as u', 'u.pcode', 'v.unit_pcode')
    .select(['v.unit_pcode', 'v.value'])
    .where('v.indicator_id', '=', indicatorId)
    .where('v.period', '=', period)
    .where('u.level', '=', level)
    .orderBy('v.unit_pcode')
    .execute();
}

/** The pcodes of every unit of a level. */
export async function findLevelPcodes(db: Executor, level: UnitLevel) {
  return db.selectFrom('admin_units').select('pcode').where('level', '=', level).execute();
}
