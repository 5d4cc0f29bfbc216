import type { Kysely } from 'kysely';

// Frozen migration (STYLE §4). Issue #13: a scenario can switch the models' proxy indicators off. Scenarios
// saved before proxies existed get true, the default, so they open as any scenario saved without the setting.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('scenarios')
    .addColumn('use_proxies', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('scenarios').dropColumn('use_proxies').execute();
}
