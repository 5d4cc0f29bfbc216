import { sql, type Kysely } from 'kysely';

// Frozen migration (STYLE §4): no app imports; Kysely<any>. Runs identically on PGlite (PG 18 + PostGIS 3.6)
// and native PostgreSQL 15 + PostGIS 3.3, so it uses only features both have.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists postgis`.execute(db);

  // Provenance: dataset-level licence and attribution, then the exact files (url + sha256) we read.
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('publisher', 'text', (c) => c.notNull())
    .addColumn('homepage', 'text')
    .addColumn('licence', 'text', (c) => c.notNull())
    .addColumn('licence_url', 'text')
    .addColumn('attribution', 'text', (c) => c.notNull())
    .addColumn('caveats', 'text')
    .execute();

  await db.schema
    .createTable('source_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('title', 'text')
    .addColumn('url', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint')
    .addColumn('period', 'text')
    .addColumn('retrieved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('import_batches')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_file_id', 'text', (c) => c.references('source_files.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull())
    .addColumn('rows_accepted', 'integer', (c) => c.notNull())
    .addColumn('rows_rejected', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('succeeded', 'superseded')`))
    .addColumn('notes', 'text')
    .execute();

  await db.schema
    .createTable('rejected_rows')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batches.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('raw', 'text')
    .execute();

  await db.schema
    .createTable('admin_units')
    .addColumn('pcode', 'text', (c) =>
      c.primaryKey().check(sql`pcode ~ '^UA[0-9]{2}([0-9]{2}([0-9]{3})?)?$'`),
    )
    .addColumn('katottg', 'text', (c) => c.unique().check(sql`katottg ~ '^UA[0-9]{17}$'`))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('oblast', 'raion', 'hromada')`))
    .addColumn('parent_pcode', 'text', (c) => c.references('admin_units.pcode'))
    .addColumn('name_uk', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('hromada_type', 'text', (c) => c.check(sql`hromada_type in ('міська', 'селищна', 'сільська')`))
    .addColumn('geom', sql`geometry(MultiPolygon, 4326)`)
    .addColumn('label_point', sql`geometry(Point, 4326)`)
    .addColumn('area_km2', 'double precision')
    .addColumn('is_crimea', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('special', 'text', (c) =>
      c.check(sql`special in ('kyiv_city', 'chornobyl_zone', 'sevastopol')`),
    )
    .addColumn('valid_on', 'date')
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batches.id'))
    // Lower-cased, apostrophe-free names in both scripts, so that search forgives ' ’ ʼ and case.
    .addColumn('search_text', 'text', (c) =>
      c.generatedAlwaysAs(sql`lower(translate(name_uk || ' ' || name_en, '''’ʼ\`´', ''))`).stored(),
    )
    .execute();
  await sql`create index admin_units_geom_idx on admin_units using gist (geom)`.execute(db);
  await db.schema
    .createIndex('admin_units_level_parent_idx')
    .on('admin_units')
    .columns(['level', 'parent_pcode'])
    .execute();

  await db.schema
    .createTable('indicators')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[a-z][a-z0-9_]*$'`))
    .addColumn('name_uk', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) =>
      c.notNull().check(sql`direction in ('higher_is_worse', 'higher_is_better', 'neutral')`),
    )
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('derivation', 'text')
    .execute();

  await db.schema
    .createTable('indicator_values')
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id'))
    .addColumn('unit_pcode', 'text', (c) => c.notNull().references('admin_units.pcode'))
    .addColumn('period', 'text', (c) => c.notNull())
    // Missing values are absent rows, never zero.
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batches.id'))
    .addPrimaryKeyConstraint('indicator_values_pk', ['indicator_id', 'unit_pcode', 'period'])
    .execute();
  await db.schema
    .createIndex('indicator_values_unit_idx')
    .on('indicator_values')
    .column('unit_pcode')
    .execute();

  await db.schema
    .createTable('occupied_areas')
    .addColumn('snapshot_date', 'date', (c) => c.primaryKey())
    .addColumn('geom', sql`geometry(MultiPolygon, 4326)`, (c) => c.notNull())
    .addColumn('area_km2', 'double precision', (c) => c.notNull())
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batches.id'))
    .execute();

  await db.schema
    .createTable('neighbours')
    .addColumn('unit_pcode', 'text', (c) => c.notNull().references('admin_units.pcode').onDelete('cascade'))
    .addColumn('neighbour_pcode', 'text', (c) =>
      c.notNull().references('admin_units.pcode').onDelete('cascade'),
    )
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batches.id'))
    .addPrimaryKeyConstraint('neighbours_pk', ['unit_pcode', 'neighbour_pcode'])
    .addCheckConstraint('neighbours_not_self', sql`unit_pcode <> neighbour_pcode`)
    .execute();

  await db.schema
    .createTable('organisations')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('name_uk', 'text')
    .addColumn('acronym', 'text')
    .addColumn('url', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('programmes')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('donor', 'text')
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date')
    .addColumn('status', 'text', (c) => c.check(sql`status in ('planned', 'active', 'completed')`))
    .addColumn('budget', 'numeric')
    .addColumn('currency', 'text')
    .addColumn('batch_id', 'integer', (c) => c.references('import_batches.id'))
    .addCheckConstraint('programmes_period', sql`period_end is null or period_end >= period_start`)
    .execute();

  await db.schema
    .createTable('programme_sites')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('unit_pcode', 'text', (c) => c.notNull().references('admin_units.pcode'))
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date')
    .addColumn('reached', 'integer', (c) => c.check(sql`reached >= 0`))
    .addColumn('batch_id', 'integer', (c) => c.references('import_batches.id'))
    .addUniqueConstraint('programme_sites_unique', ['programme_id', 'unit_pcode', 'period_start'])
    .execute();
  await db.schema
    .createIndex('programme_sites_unit_idx')
    .on('programme_sites')
    .column('unit_pcode')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'programme_sites',
    'programmes',
    'organisations',
    'neighbours',
    'occupied_areas',
    'indicator_values',
    'indicators',
    'admin_units',
    'rejected_rows',
    'import_batches',
    'source_files',
    'sources',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
