import type { Executor } from '../../db/executor.ts';
import type { AssessmentComponent } from '../../model/assessment-components.ts';

// The SQL of rounds and monitoring (issue #13, section 5). A round is an assessment: one community, one date.

/**
 * Every live round on or before `until` that scored the component, with its interval (when scored from
 * submissions) and who made it; per community newest first. A round that found the component insufficient
 * has no score and is not a round of this component: a model as of a date uses the latest score, as here.
 */
export async function findComponentRounds(db: Executor, component: AssessmentComponent, until: string) {
  return db
    .selectFrom('assessments as a')
    .innerJoin('admin_units as u', 'u.pcode', 'a.unit_pcode')
    .leftJoin('assessment_component_stats as s', (join) =>
      join.onRef('s.assessment_id', '=', 'a.id').on('s.component', '=', component),
    )
    .leftJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select((eb) => [
      'a.id',
      'a.unit_pcode',
      'u.name_uk',
      'u.name_en',
      'a.assessed_on',
      eb.ref(`a.${component}`).$notNull().as('score'),
      's.respondents',
      's.ci_low',
      's.ci_high',
      'o.name as organisation',
    ])
    .where('a.deleted_at', 'is', null)
    .where(`a.${component}`, 'is not', null)
    .where('a.assessed_on', '<=', until)
    .orderBy('a.unit_pcode')
    .orderBy('a.assessed_on', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
}

/** Every live round of every community, with who made it; per community newest first. */
export async function findRounds(db: Executor) {
  return db
    .selectFrom('assessments as a')
    .innerJoin('admin_units as u', 'u.pcode', 'a.unit_pcode')
    .leftJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.unit_pcode', 'u.name_uk', 'u.name_en', 'a.assessed_on', 'o.name as organisation'])
    .where('a.deleted_at', 'is', null)
    .orderBy('a.unit_pcode')
    .orderBy('a.assessed_on', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
}
