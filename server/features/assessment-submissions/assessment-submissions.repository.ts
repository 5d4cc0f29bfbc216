import type { Executor } from '../../db/executor.ts';
import type { AssessmentComponent } from '../../model/assessment-components.ts';

/** Which of these submission ids are already imported (any organisation): a re-upload skips them. */
export async function findImportedIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('assessment_submissions')
    .select('submission_id')
    .where('submission_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.submission_id));
}

export interface NewSubmissionRow {
  submission_id: string;
  organisation_id: number;
  form_version: string;
  round_date: string;
  unit_pcode: string;
  respondent_group: string;
  answers: Record<string, number | null>;
  submitted_at: string | null;
  batch_id: number;
}

export async function insertSubmissions(db: Executor, rows: readonly NewSubmissionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('assessment_submissions')
    .values(rows.map((r) => ({ ...r, answers: JSON.stringify(r.answers) })))
    .execute();
}

/** Every stored submission of an organisation's round in one hromada (what the round's scores are over). */
export async function findRoundSubmissions(
  db: Executor,
  round: { organisationId: number; pcode: string; roundDate: string },
) {
  return db
    .selectFrom('assessment_submissions')
    .select(['respondent_group', 'answers'])
    .where('organisation_id', '=', round.organisationId)
    .where('unit_pcode', '=', round.pcode)
    .where('round_date', '=', round.roundDate)
    .orderBy('id')
    .execute();
}

export interface ComponentStatsRow {
  component: AssessmentComponent;
  respondents: number;
  ci_low: number | null;
  ci_high: number | null;
  weighting: string | null;
}

/** Replaces the stats of an assessment with these. */
export async function replaceComponentStats(
  db: Executor,
  assessmentId: number,
  stats: readonly ComponentStatsRow[],
): Promise<void> {
  await db.deleteFrom('assessment_component_stats').where('assessment_id', '=', assessmentId).execute();
  if (stats.length === 0) return;
  await db
    .insertInto('assessment_component_stats')
    .values(stats.map((s) => ({ ...s, assessment_id: assessmentId })))
    .execute();
}

/** The live assessment of a community on a date, with its organisation, locked for the transaction. */
export async function findLiveAssessmentAt(db: Executor, pcode: string, assessedOn: string) {
  return db
    .selectFrom('assessments')
    .selectAll()
    .where('unit_pcode', '=', pcode)
    .where('assessed_on', '=', assessedOn)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Every hromada with its raion's and oblast's names in both languages: how a KoboToolbox labels export names the
 * hromada (the cascade's choice labels, built from these same columns in instrument.repository.ts).
 */
export async function findHromadaNames(db: Executor) {
  return db
    .selectFrom('admin_units as h')
    .innerJoin('admin_units as r', 'r.pcode', 'h.parent_pcode')
    .innerJoin('admin_units as o', 'o.pcode', 'r.parent_pcode')
    .select([
      'h.pcode',
      'h.name_uk',
      'h.name_en',
      'r.name_uk as raion_uk',
      'r.name_en as raion_en',
      'o.name_uk as oblast_uk',
      'o.name_en as oblast_en',
    ])
    .where('h.level', '=', 'hromada')
    .execute();
}
