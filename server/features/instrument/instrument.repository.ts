import type { Executor } from '../../db/executor.ts';

/**
 * The hromadas a field team can assess, with their raions and oblasts: every hromada outside occupied Crimea and
 * Sevastopol, Kyiv city included, the Chornobyl exclusion zone (no residents) left out.
 */
export async function findCascadeUnits(db: Executor) {
  return db
    .selectFrom('admin_units as u')
    .select(['u.pcode', 'u.parent_pcode', 'u.level', 'u.name_uk', 'u.name_en'])
    .where((eb) => {
      const assessable = eb
        .selectFrom('admin_units as h')
        .where('h.level', '=', 'hromada')
        .where('h.is_crimea', '=', false)
        .where((w) => w.or([w('h.special', 'is', null), w('h.special', '=', 'kyiv_city')]));
      const raions = assessable.select('h.parent_pcode');
      return eb.or([
        eb('u.pcode', 'in', assessable.select('h.pcode')),
        eb('u.pcode', 'in', raions),
        eb(
          'u.pcode',
          'in',
          eb.selectFrom('admin_units as r').select('r.parent_pcode').where('r.pcode', 'in', raions),
        ),
      ]);
    })
    .execute();
}
