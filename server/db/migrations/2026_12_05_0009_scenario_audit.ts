import { sql, type Kysely } from 'kysely';

// Issue #14 item 9: an owner deletes a saved scenario, and the audit trail records it as other deletes are.
// Scenario writes are not data changes (they do not touch what the map scores), so audit_log_data_idx stays.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_log drop constraint audit_log_entity_type_check`.execute(db);
  await sql`alter table audit_log add constraint audit_log_entity_type_check check (entity_type in
    ('user', 'organisation', 'programme', 'assessment', 'api_token', 'safety_strategy', 'scenario'))`.execute(
    db,
  );
  // The gallery lists a user's own scenarios besides the shared ones.
  await sql`create index scenarios_created_by_idx on scenarios (created_by, created_at desc, id desc)
    where created_by is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index scenarios_created_by_idx`.execute(db);
  await db.deleteFrom('audit_log').where('entity_type', '=', 'scenario').execute();
  await sql`alter table audit_log drop constraint audit_log_entity_type_check`.execute(db);
  await sql`alter table audit_log add constraint audit_log_entity_type_check check (entity_type in
    ('user', 'organisation', 'programme', 'assessment', 'api_token', 'safety_strategy'))`.execute(db);
}
