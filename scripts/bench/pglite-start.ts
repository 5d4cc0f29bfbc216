// B8, run in a fresh process per measurement so that each start pays module loading and WebAssembly
// compilation as a server start does. `warm`: what the server does on a warm start over a persisted data
// directory (open with its lock, migrations checked, capabilities probed, data version read). `bare`: an
// in-memory PGlite with `create extension postgis` and nothing else: the floor of any PGlite + PostGIS start.
export {};

const t0 = performance.now();
const [mode, dataDir] = process.argv.slice(2);

if (mode === 'warm') {
  const { openPglite } = await import('../../server/db/client.ts');
  const { migrateToLatest } = await import('../../server/db/migrate.ts');
  const { detectCapabilities } = await import('../../server/db/capabilities.ts');
  const { findDataVersion } = await import('../../server/db/data-version.ts');
  const database = await openPglite({ dataDir: dataDir! });
  await migrateToLatest(database.db);
  await detectCapabilities(database.db);
  await findDataVersion(database.db);
  const ms = performance.now() - t0;
  await database.close();
  process.send!({ ms });
} else {
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const pglite = await PGlite.create({ extensions: { postgis } });
  await pglite.exec('create extension if not exists postgis');
  const ms = performance.now() - t0;
  await pglite.close();
  process.send!({ ms });
}
