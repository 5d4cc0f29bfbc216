import { sql, type Kysely } from 'kysely';

// Frozen migration (STYLE §4). Accounts, roles and the audit trail (issue #6): users with a scrypt hash and
// one role, editors scoped to organisations, cookie sessions and API tokens stored only as SHA-256 of the
// secret, a per-email lockout for failed sign-ins, and an append-only audit log of every write. Programme
// and assessment data is never hard-deleted by the API: rows get deleted_at/deleted_by and reads skip them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    // Stored lower-cased, so that uniqueness and sign-in ignore case.
    .addColumn('email', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`email = lower(email) and email like '%_@_%'`),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('viewer', 'editor', 'admin')`))
    .addColumn('password_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('user_organisations')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addPrimaryKeyConstraint('user_organisations_pk', ['user_id', 'organisation_id'])
    .execute();
  await db.schema
    .createIndex('user_organisations_organisation_idx')
    .on('user_organisations')
    .column('organisation_id')
    .execute();

  await db.schema
    .createTable('sessions')
    // SHA-256 (hex) of the cookie's random value: a copy of this table cannot be used to sign in.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // Not a credential on its own (it is useless without the session cookie); kept readable so that
    // GET /api/auth/me can hand it back to a client that lost its csrf cookie.
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // The first characters of the secret, to tell tokens apart in a list.
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute();

  // Failed sign-ins per email (known or not, so that the lockout tells nothing about which accounts exist).
  await db.schema
    .createTable('login_lockouts')
    .addColumn('email', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_failure_at', 'timestamptz', (c) => c.notNull())
    .addColumn('locked_until', 'timestamptz')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    // Who, as they were called at the time (a later rename does not rewrite history).
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull().check(sql`via in ('session', 'token', 'cli')`))
    .addColumn('action', 'text', (c) =>
      c.notNull().check(sql`action in ('create', 'update', 'delete', 'import')`),
    )
    .addColumn('entity_type', 'text', (c) =>
      c.notNull().check(sql`entity_type in ('user', 'organisation', 'programme', 'assessment', 'api_token')`),
    )
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('request_id', 'text')
    .execute();
  await db.schema
    .createIndex('audit_log_entity_idx')
    .on('audit_log')
    .columns(['entity_type', 'entity_id', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_log_organisation_idx')
    .on('audit_log')
    .columns(['organisation_id', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_log_actor_idx')
    .on('audit_log')
    .columns(['actor_user_id', 'id'])
    .execute();
  // The data version's edit counter: max(id) over writes that change data (not accounts).
  await sql`create index audit_log_data_idx on audit_log (id)
    where entity_type in ('organisation', 'programme', 'assessment')`.execute(db);

  for (const table of ['organisations', 'programmes', 'programme_sites', 'assessments']) {
    await db.schema
      .alterTable(table)
      .addColumn('deleted_at', 'timestamptz')
      .addColumn('deleted_by', 'integer', (c) => c.references('users.id'))
      .execute();
  }

  // Assessments belong to the organisation that made them (object-level authorisation for editors); the
  // imported ones have none and only admins change them.
  await db.schema
    .alterTable('assessments')
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
    .execute();

  // Soft-deleted rows stay as history: uniqueness holds among the live rows only.
  await db.schema.alterTable('assessments').dropConstraint('assessments_unit_date').execute();
  await sql`create unique index assessments_unit_date_live on assessments (unit_pcode, assessed_on)
    where deleted_at is null`.execute(db);
  await db.schema.alterTable('programme_sites').dropConstraint('programme_sites_unique').execute();
  await sql`create unique index programme_sites_live on programme_sites (programme_id, unit_pcode, period_start)
    where deleted_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists programme_sites_live`.execute(db);
  await db.deleteFrom('programme_sites').where('deleted_at', 'is not', null).execute();
  await db.schema
    .alterTable('programme_sites')
    .addUniqueConstraint('programme_sites_unique', ['programme_id', 'unit_pcode', 'period_start'])
    .execute();
  await sql`drop index if exists assessments_unit_date_live`.execute(db);
  await db.deleteFrom('assessments').where('deleted_at', 'is not', null).execute();
  await db.schema
    .alterTable('assessments')
    .addUniqueConstraint('assessments_unit_date', ['unit_pcode', 'assessed_on'])
    .execute();
  await db.schema.alterTable('assessments').dropColumn('organisation_id').execute();
  for (const table of ['assessments', 'programme_sites', 'programmes', 'organisations']) {
    await db.schema.alterTable(table).dropColumn('deleted_by').dropColumn('deleted_at').execute();
  }
  for (const table of [
    'audit_log',
    'login_lockouts',
    'api_tokens',
    'sessions',
    'user_organisations',
    'users',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
