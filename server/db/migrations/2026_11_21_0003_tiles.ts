import { sql, type Kysely } from 'kysely';

// Frozen migration (STYLE §4). Vector tiles (issue #5): boundaries in Web Mercator (EPSG:3857), simplified
// once per zoom band, with a GiST index, so that a tile is one indexed ST_TileEnvelope filter and
// ST_AsMVTGeom without reprojecting or simplifying per request. The rows are derived from admin_units and
// rebuilt by the tiles feature whenever the data version (or its simplification recipe) changes; there is
// deliberately no foreign key, so imports that replace admin_units never wait on this table.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tile_geometries')
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('oblast', 'raion', 'hromada')`))
    // The band's lowest zoom.
    .addColumn('band', 'smallint', (c) => c.notNull())
    .addColumn('pcode', 'text', (c) => c.notNull())
    // The MVT feature id (the pcode's digits).
    .addColumn('fid', 'bigint', (c) => c.notNull())
    .addColumn('geom', sql`geometry(MultiPolygon, 3857)`, (c) => c.notNull())
    .addPrimaryKeyConstraint('tile_geometries_pk', ['level', 'band', 'pcode'])
    .execute();
  await sql`create index tile_geometries_geom_idx on tile_geometries using gist (geom)`.execute(db);

  // One row: which data version and simplification recipe tile_geometries holds.
  await db.schema
    .createTable('tile_builds')
    .addColumn('id', 'boolean', (c) =>
      c
        .primaryKey()
        .defaultTo(true)
        .check(sql`id`),
    )
    .addColumn('data_version', 'text', (c) => c.notNull())
    .addColumn('recipe', 'text', (c) => c.notNull())
    .addColumn('built_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tile_builds').ifExists().execute();
  await db.schema.dropTable('tile_geometries').ifExists().execute();
}
