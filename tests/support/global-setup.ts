import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { repoRoot } from '../../server/config.ts';
import { detectCapabilities } from '../../server/db/capabilities.ts';
import { openPglite, openPostgres, type Database } from '../../server/db/client.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { fetchSources } from '../../server/pipeline/fetch-sources.ts';
import { importAll } from '../../server/pipeline/import-all.ts';
import { createTilesService } from '../../server/features/tiles/tiles.service.ts';
import { loadSourcesManifest } from '../../server/pipeline/sources-manifest.ts';
import { testDataDir } from './test-data.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { kind: 'pglite'; dumpPath: string } | { kind: 'postgres'; url: string; template: string };
  }
}

/**
 * Builds the imported database once per run: migrate + import every real source file from the mirror.
 * PGlite: dumped to a tarball that each test file loads into memory; the dump is reused across runs while
 * nothing that shapes it (migrations, importers, data manifest) has changed.
 * PostgreSQL: a template database that each test file clones with CREATE DATABASE … TEMPLATE.
 */
export default async function setup(project: TestProject): Promise<void | (() => Promise<void>)> {
  const manifest = await loadSourcesManifest();
  const dataDir = testDataDir();
  if (!process.env.ATLAS_DATA_MIRROR) {
    await fetchSources({ manifest, cacheDir: dataDir });
  }

  const url = process.env.TEST_DATABASE_URL;
  const key = await inputsKey();
  if (url) {
    // One template per set of inputs: two checkouts (worktrees, or a branch and main) testing on one server
    // at once must not drop each other's template while the other is cloning it.
    const template = `atlas_test_template_${key}`;
    // Every vitest project runs this setup; the key, written only after a complete build, lets the second
    // one (and later runs with the same inputs) reuse the template instead of importing everything again.
    const built = await withAdmin(url, async (admin) => {
      const { rows } = await admin.query<{ key: string | null }>(
        `select shobj_description(oid, 'pg_database') as key from pg_database where datname = $1`,
        [template],
      );
      if (rows[0]?.key === key) return true;
      await admin.query(`drop database if exists ${template}`);
      await admin.query(`create database ${template}`);
      return false;
    });
    if (!built) {
      const database = openPostgres(withDatabase(url, template));
      await buildInto(database, manifest, dataDir);
      await withAdmin(url, (admin) => admin.query(`comment on database ${template} is '${key}'`));
    }
    project.provide('testDatabase', { kind: 'postgres', url, template });
    return;
  }

  const dumpDir = path.join(repoRoot, '.atlas', 'test');
  const dumpPath = path.join(dumpDir, `pglite-${key}.tar`);
  if (!existsSync(dumpPath)) {
    await mkdir(dumpDir, { recursive: true });
    const database = await openPglite({});
    await buildInto(database, manifest, dataDir, async () => {
      const dump = await database.pglite!.dumpDataDir('none');
      await writeFile(`${dumpPath}.part`, Buffer.from(await dump.arrayBuffer()));
      await rename(`${dumpPath}.part`, dumpPath);
    });
  }
  project.provide('testDatabase', { kind: 'pglite', dumpPath });
}

async function buildInto(
  database: Database,
  manifest: Awaited<ReturnType<typeof loadSourcesManifest>>,
  dataDir: string,
  before?: () => Promise<void>,
): Promise<void> {
  try {
    await migrateToLatest(database.db);
    await importAll(database.db, manifest, dataDir);
    // The tile shapes as a server builds them on its first tile request: every test file whose map draws
    // tiles would otherwise build them again in its own copy. They record their data version and recipe, so
    // a copy whose recipe has changed rebuilds them.
    await createTilesService({
      db: database.db,
      capabilities: await detectCapabilities(database.db),
    }).warm();
    await sql`analyze`.execute(database.db);
    await before?.();
  } finally {
    await database.close();
  }
}

/** A hash of everything that decides the content of the imported database. */
async function inputsKey(): Promise<string> {
  const hash = createHash('sha256');
  const roots = ['server/db', 'server/pipeline', 'data'];
  for (const root of roots) {
    const entries = await readdir(path.join(repoRoot, root), { recursive: true, withFileTypes: true });
    const files = entries
      .filter((e) => e.isFile() && !e.name.endsWith('.test.ts'))
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
    for (const file of files) hash.update(path.relative(repoRoot, file)).update(await readFile(file));
  }
  // This file too: it decides what is built beyond the import (the tile shapes).
  hash.update(await readFile(fileURLToPath(import.meta.url)));
  return hash.digest('hex').slice(0, 16);
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
