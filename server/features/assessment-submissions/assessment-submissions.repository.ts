import { sql } from 'kysely';
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

/** The import-batch kind of an organisation's uploads: `assessment-submissions:<organisation>:<sha256 prefix>`. */
export const uploadKindPrefix = (organisationId: number) => `assessment-submissions:${organisationId}:`;

/**
 * An organisation's rounds (hromada and round date of its stored submissions), newest round first, then by
 * pcode; `after` is the last round of the previous page. Fetch limit + 1 to know whether there is more.
 */
export async function findOrganisationRounds(
  db: Executor,
  organisationId: number,
  page: { limit: number; after?: { roundDate: string; pcode: string } },
) {
  let q = db
    .selectFrom('assessment_submissions as s')
    .innerJoin('admin_units as u', 'u.pcode', 's.unit_pcode')
    .leftJoin('assessments as a', (join) =>
      join
        .onRef('a.unit_pcode', '=', 's.unit_pcode')
        .onRef('a.assessed_on', '=', 's.round_date')
        .on('a.organisation_id', '=', organisationId)
        .on('a.deleted_at', 'is', null),
    )
    .where('s.organisation_id', '=', organisationId)
    .select([
      's.unit_pcode as pcode',
      'u.name_uk',
      'u.name_en',
      sql<string>`to_char(s.round_date, 'YYYY-MM-DD')`.as('round_date'),
      sql<number>`count(*)::int`.as('respondents'),
      sql<string[]>`array_agg(distinct s.form_version order by s.form_version)`.as('form_versions'),
      sql<number[]>`array_agg(distinct s.batch_id order by s.batch_id)`.as('batch_ids'),
      'a.id as assessment_id',
    ])
    .groupBy(['s.unit_pcode', 'u.name_uk', 'u.name_en', 's.round_date', 'a.id']);
  const after = page.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('s.round_date', '<', after.roundDate),
        eb.and([eb('s.round_date', '=', after.roundDate), eb('s.unit_pcode', '>', after.pcode)]),
      ]),
    );
  return q
    .orderBy('s.round_date', 'desc')
    .orderBy('s.unit_pcode')
    .limit(page.limit + 1)
    .execute();
}

/** An organisation's committed uploads, newest first; `before` is the last batch id of the previous page. */
export async function findOrganisationUploads(
  db: Executor,
  organisationId: number,
  page: { limit: number; before?: number },
) {
  let q = db
    .selectFrom('import_batches')
    .select([
      'id',
      'file_name',
      'started_at',
      'rows_read',
      'rows_accepted',
      'rows_rejected',
      'status',
      'notes',
    ])
    .where('kind', 'like', `${uploadKindPrefix(organisationId)}%`);
  if (page.before !== undefined) q = q.where('id', '<', page.before);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** The organisation of an upload (from its import batch's kind); undefined when the batch is not an upload. */
export async function findUploadOrganisation(db: Executor, batchId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('import_batches')
    .select('kind')
    .where('id', '=', batchId)
    .where('kind', 'like', 'assessment-submissions:%')
    .executeTakeFirst();
  const id = row && /^assessment-submissions:(\d+):/.exec(row.kind)?.[1];
  return id ? Number(id) : undefined;
}

/** The rejected rows of a batch in file order; `after` is the last [row, id] of the previous page. */
export async function findBatchRejections(
  db: Executor,
  batchId: number,
  page: { limit: number; after?: readonly [number, number] },
) {
  let q = db
    .selectFrom('rejected_rows')
    .select(['id', 'row_number', 'field', 'reason'])
    .where('batch_id', '=', batchId);
  const after = page.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('row_number', '>', after[0]),
        eb.and([eb('row_number', '=', after[0]), eb('id', '>', after[1])]),
      ]),
    );
  return q
    .orderBy('row_number')
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}
