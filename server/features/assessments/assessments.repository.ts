import { ASSESSMENT_COMPONENTS, type AssessmentComponent } from '../../model/assessment-components.ts';
import type { Executor } from '../../db/executor.ts';

export async function findAssessments(
  db: Executor,
  f: { pcode?: string; organisation?: number },
  page?: { limit: number; offset: number },
) {
  return db
    .selectFrom('assessments')
    .selectAll()
    .where('deleted_at', 'is', null)
    .$if(f.pcode !== undefined, (q) => q.where('unit_pcode', '=', f.pcode!))
    .$if(f.organisation !== undefined, (q) => q.where('organisation_id', '=', f.organisation!))
    .orderBy('unit_pcode')
    .orderBy('assessed_on', 'desc')
    .orderBy('id')
    .$if(page !== undefined, (q) => q.limit(page!.limit + 1).offset(page!.offset))
    .execute();
}

export type AssessmentRow = Awaited<ReturnType<typeof findAssessments>>[number];

/** A live assessment; `forUpdate` locks it for the transaction. */
export async function findAssessment(db: Executor, id: number, forUpdate = false) {
  return db
    .selectFrom('assessments')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .$if(forUpdate, (q) => q.forUpdate())
    .executeTakeFirst();
}

/** The live assessment of a community on a date (there is at most one). */
export async function findAssessmentAt(db: Executor, pcode: string, assessedOn: string) {
  return db
    .selectFrom('assessments')
    .select('id')
    .where('unit_pcode', '=', pcode)
    .where('assessed_on', '=', assessedOn)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export interface AssessmentValues {
  assessed_on: string;
  organisation_id: number | null;
  assessor: string | null;
  strategy_adopted: boolean | null;
  notes: string | null;
  scores: Partial<Record<AssessmentComponent, number | null>>;
}

function columns(v: Partial<AssessmentValues>) {
  const { scores, ...rest } = v;
  const picked = Object.fromEntries(
    ASSESSMENT_COMPONENTS.filter((c) => scores?.[c] !== undefined).map((c) => [c, scores![c]]),
  );
  return { ...rest, ...picked };
}

export async function insertAssessment(db: Executor, pcode: string, v: AssessmentValues) {
  const { scores: given, ...rest } = v;
  const scores = Object.fromEntries(ASSESSMENT_COMPONENTS.map((c) => [c, given[c] ?? null])) as Record<
    AssessmentComponent,
    number | null
  >;
  return db
    .insertInto('assessments')
    .values({ ...rest, ...scores, unit_pcode: pcode })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateAssessmentRow(db: Executor, id: number, v: Partial<AssessmentValues>) {
  return db
    .updateTable('assessments')
    .set(columns(v))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Forgets the survey statistics (respondents, 95 % interval) of these components of an assessment: a score
 * corrected by hand is no longer the estimate the interval was computed around (issue #13 §4).
 */
export async function deleteComponentStats(
  db: Executor,
  assessmentId: number,
  components: readonly AssessmentComponent[],
): Promise<void> {
  if (components.length === 0) return;
  await db
    .deleteFrom('assessment_component_stats')
    .where('assessment_id', '=', assessmentId)
    .where('component', 'in', components)
    .execute();
}

export async function softDeleteAssessment(db: Executor, id: number, now: string, by: number | null) {
  await db.updateTable('assessments').set({ deleted_at: now, deleted_by: by }).where('id', '=', id).execute();
}
