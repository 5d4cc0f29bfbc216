import { sql, type Kysely } from 'kysely';

// Frozen migration (STYLE §4). Community-security assessments (issue #3): one row per community and date,
// a 0–10 score per component of the community-security methodology (higher = stronger), and the IDP
// integration dimensions where they were assessed. Scenarios: named weight sets, shareable by id.
export async function up(db: Kysely<any>): Promise<void> {
  const score = (name: string) => (t: any) =>
    t.addColumn(name, 'double precision', (c: any) => c.check(sql`${sql.ref(name)} between 0 and 10`));
  let table = db.schema
    .createTable('assessments')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('unit_pcode', 'text', (c) => c.notNull().references('admin_units.pcode'))
    .addColumn('assessed_on', 'date', (c) => c.notNull())
    .addColumn('assessor', 'text');
  for (const column of [
    'cohesion_trust',
    'stakeholder_communication',
    'police_community',
    'resident_leadership',
    'vulnerable_integration',
    'idp_economic',
    'idp_social',
    'idp_youth',
    'idp_legal',
    'idp_cultural',
    'idp_information',
  ]) {
    table = score(column)(table);
  }
  await table
    .addColumn('strategy_adopted', 'boolean')
    .addColumn('notes', 'text')
    .addColumn('batch_id', 'integer', (c) => c.references('import_batches.id'))
    .addUniqueConstraint('assessments_unit_date', ['unit_pcode', 'assessed_on'])
    .execute();

  await db.schema
    .createTable('scenarios')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('model_id', 'text', (c) => c.notNull())
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('weights', 'jsonb', (c) => c.notNull())
    .addColumn('aggregation', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('scenarios').ifExists().execute();
  await db.schema.dropTable('assessments').ifExists().execute();
}
