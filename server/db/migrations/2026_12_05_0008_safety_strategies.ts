import { sql, type Kysely } from 'kysely';

// Frozen migration (STYLE §4). Issue #13, section 6: per community, the stage of its safety strategy as the
// background text tells the cycle (ІМіП, «Відновні практики в громадах»): the analysis of security risks and
// the community's security potential → a safety strategy drafted → adopted by the council as a local programme
// (date, decision number, link) → in monitoring (next review). One live row per community and organisation
// (two organisations may accompany the same community); soft-deleted like every editable table. Writes are
// audited as entity 'safety_strategy', and they move the data version's edit counter so that maps refresh.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('safety_strategies')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('unit_pcode', 'text', (c) => c.notNull().references('admin_units.pcode'))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('stage', 'text', (c) =>
      c.notNull().check(sql`stage in ('risk_analysis', 'drafted', 'adopted', 'monitoring')`),
    )
    .addColumn('risk_analysis_on', 'date')
    .addColumn('drafted_on', 'date')
    .addColumn('adopted_on', 'date')
    .addColumn('decision_number', 'text')
    .addColumn('decision_url', 'text', (c) => c.check(sql`decision_url ~ '^https?://'`))
    .addColumn('next_review_on', 'date')
    .addColumn('notes', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('deleted_by', 'integer', (c) => c.references('users.id'))
    // An adopted strategy is a council decision: it has a date and a number (the API says so first).
    .addCheckConstraint(
      'safety_strategies_adopted_details',
      sql`stage not in ('adopted', 'monitoring') or (adopted_on is not null and decision_number is not null)`,
    )
    .addCheckConstraint(
      'safety_strategies_monitoring_review',
      sql`stage <> 'monitoring' or next_review_on is not null`,
    )
    .execute();
  await sql`create unique index safety_strategies_live on safety_strategies (unit_pcode, organisation_id)
    where deleted_at is null`.execute(db);
  await sql`create index safety_strategies_organisation_idx on safety_strategies (organisation_id)
    where deleted_at is null`.execute(db);

  // The audit trail learns the new entity, and the data version's edit counter (its partial index, which
  // server/db/data-version.ts's predicate matches) counts strategy writes as data changes.
  await sql`alter table audit_log drop constraint audit_log_entity_type_check`.execute(db);
  await sql`alter table audit_log add constraint audit_log_entity_type_check check (entity_type in
    ('user', 'organisation', 'programme', 'assessment', 'api_token', 'safety_strategy'))`.execute(db);
  await sql`drop index audit_log_data_idx`.execute(db);
  await sql`create index audit_log_data_idx on audit_log (id)
    where entity_type in ('organisation', 'programme', 'assessment', 'safety_strategy')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index audit_log_data_idx`.execute(db);
  await sql`create index audit_log_data_idx on audit_log (id)
    where entity_type in ('organisation', 'programme', 'assessment')`.execute(db);
  await db.deleteFrom('audit_log').where('entity_type', '=', 'safety_strategy').execute();
  await sql`alter table audit_log drop constraint audit_log_entity_type_check`.execute(db);
  await sql`alter table audit_log add constraint audit_log_entity_type_check check (entity_type in
    ('user', 'organisation', 'programme', 'assessment', 'api_token'))`.execute(db);
  await db.schema.dropTable('safety_strategies').execute();
}
