import { sql, type Kysely } from 'kysely';

// Frozen migration (STYLE §4). Bounded lists (issue #11, items 2 and 3): a scenario is listed publicly only
// when it is marked shared (an unlisted one still opens by its id), and it records who saved it, if anyone.
// Existing scenarios become unlisted: the web client saved one on every "Find" click, without asking. The
// indexes serve the keyset pages of GET /api/scenarios and GET /api/programmes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('scenarios')
    .addColumn('shared', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .alterTable('scenarios')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await sql`create index scenarios_shared_page_idx on scenarios (created_at desc, id desc) where shared`.execute(
    db,
  );
  await sql`create index programmes_page_idx on programmes (period_start desc, code)
    where deleted_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists programmes_page_idx`.execute(db);
  await sql`drop index if exists scenarios_shared_page_idx`.execute(db);
  await db.schema.alterTable('scenarios').dropColumn('created_by').execute();
  await db.schema.alterTable('scenarios').dropColumn('shared').execute();
}
