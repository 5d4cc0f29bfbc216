import { openPglite, openPostgres } from './server/db/client.ts';
import { migrateToLatest } from './server/db/migrate.ts';
import { loadSourcesManifest } from './server/pipeline/sources-manifest.ts';
import { importAll } from './server/pipeline/import-all.ts';
import { sql } from 'kysely';
const kind = process.argv[2];
const d =
  kind === 'pg' ? openPostgres('postgres://postgres@127.0.0.1:5432/atlas_scratch') : await openPglite({});
if (kind === 'pg') {
  await sql`drop schema if exists public cascade`.execute(d.db);
  await sql`create schema public`.execute(d.db);
}
let t = Date.now();
await migrateToLatest(d.db);
console.log('migrate', Date.now() - t);
const m = await loadSourcesManifest();
t = Date.now();
await importAll(d.db, m, '/work/shared/data', (r) => {
  console.log(r.kind, r.rowsRead, r.rowsAccepted, r.rejected.length, r.durationMs, r.notes.join(' | '));
  for (const x of r.rejected.slice(0, 3)) console.log('   rej', JSON.stringify(x).slice(0, 200));
});
console.log('total', Date.now() - t);
if (d.pglite) {
  const t2 = Date.now();
  const dump = await d.pglite.dumpDataDir('none');
  console.log('dump', dump.size, Date.now() - t2);
}
await d.close();
