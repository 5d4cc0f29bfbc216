import { sql, type Kysely } from 'kysely';

// Frozen migration (STYLE §4). Issue #13, sections 3 and 4: field submissions of the instrument, as imported
// from KoboToolbox or ODK Central (one row per consenting respondent, no names or contacts: the form asks none),
// and per assessment the uncertainty of each component score computed from them (respondents, 95 % interval).
// Rejected rows live in rejected_rows with their import batch, like every importer's.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('assessment_submissions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    // The instance id (Kobo _uuid, ODK meta-instanceID without "uuid:"): a re-upload skips what is here.
    .addColumn('submission_id', 'text', (c) => c.notNull().unique())
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('form_version', 'text', (c) => c.notNull())
    .addColumn('round_date', 'date', (c) => c.notNull())
    .addColumn('unit_pcode', 'text', (c) => c.notNull().references('admin_units.pcode'))
    .addColumn('respondent_group', 'text', (c) => c.notNull())
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batches.id'))
    .execute();
  await db.schema
    .createIndex('assessment_submissions_round')
    .on('assessment_submissions')
    .columns(['organisation_id', 'unit_pcode', 'round_date'])
    .execute();

  await db.schema
    .createTable('assessment_component_stats')
    .addColumn('assessment_id', 'integer', (c) =>
      c.notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('component', 'text', (c) => c.notNull())
    .addColumn('respondents', 'integer', (c) => c.notNull())
    // Null when the component had fewer respondents than the minimum ("insufficient"): no interval then.
    .addColumn('ci_low', 'double precision')
    .addColumn('ci_high', 'double precision')
    .addColumn('weighting', 'text')
    .addPrimaryKeyConstraint('assessment_component_stats_pk', ['assessment_id', 'component'])
    .addCheckConstraint('assessment_component_stats_interval', sql`ci_low is null or ci_low <= ci_high`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('assessment_component_stats').execute();
  await db.schema.dropTable('assessment_submissions').execute();
}
