import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectCapabilities, type DatabaseCapabilities } from '../../server/db/capabilities.ts';
import type { Database } from '../../server/db/client.ts';
import type { DB } from '../../server/db/schema.ts';
import { buildModelInput } from '../../server/features/models/model-matrix.ts';
import { loadModelDefinitions } from '../../server/features/models/model-registry.ts';
import {
  findActiveProgrammeSites,
  findHromadaNeighbours,
  findLatestOccupiedShare,
  findProgrammeSectorsByUnit,
} from '../../server/features/models/models.repository.ts';
import { bandFor } from '../../server/features/tiles/tile-geometry.ts';
import {
  findBandFeatures,
  findLevelValues,
  renderMvt,
} from '../../server/features/tiles/tiles.repository.ts';
import { getAssessedCommunities, getRoundChanges } from '../../server/features/rounds/rounds.service.ts';
import { getUnitProfile } from '../../server/features/units/units.service.ts';
import { POPULATION_PERIOD } from '../../server/shared/population.ts';
import { insertNeighbourPairs } from '../../server/pipeline/importers/neighbours.ts';
import { recordSql } from '../support/sql-recorder.ts';
import { renderSnapshotFile, UPDATE_COMMAND } from '../support/sql-snapshot-file.ts';
import { openTestDatabase } from '../support/test-db.ts';

// The compiled SQL of the key queries, committed in server/queries/*.sql so that every change to them shows
// in a diff (issue #12, STYLE §5; immich's server/src/queries). The real functions run over the imported
// test database with the fixed arguments below; the "sent by" lines come from the call stack.

interface QuerySpec {
  title: string;
  run: (db: Kysely<DB>) => Promise<unknown>;
  /**
   * Whether the statements are sent (default: yes). When not, only the first one is compiled and recorded:
   * for ST_AsMVT where the database lacks it (PGlite), or a write that would spoil the test data.
   */
  send?: (capabilities: DatabaseCapabilities) => boolean;
}

const KHARKIV = 'UA6312027';
const AS_OF = '2026-01-01';
const models = loadModelDefinitions();
const model = (id: string) => models.get(id) ?? expect.unreachable(`no model ${id}`);

const SNAPSHOTS: Record<string, readonly QuerySpec[]> = {
  tiles: [
    {
      title: 'a hromada tile at z8 over Kharkiv with names and one joined indicator (ST_AsMVT renderer)',
      send: (c) => c.mvt,
      run: (db) =>
        renderMvt(db, {
          layer: 'hromada',
          level: 'hromada',
          band: bandFor(8).band,
          tile: { z: 8, x: 153, y: 88 },
          extras: JSON.stringify({ [KHARKIV]: { idps_per_1000: 12.5 } }),
          properties: ['pcode', 'nameUk', 'nameEn'],
        }),
    },
    {
      title: 'one band of the oblasts as GeoJSON (geojson-vt renderer)',
      run: (db) => findBandFeatures(db, 'oblast', bandFor(0).band),
    },
    {
      title: "an indicator's values at one level, joined to tiles",
      run: (db) => findLevelValues(db, 'population_2022', POPULATION_PERIOD, 'hromada'),
    },
  ],
  'scores-inputs': [
    { title: 'the CPI model input', run: (db) => buildModelInput(db, model('cpi'), AS_OF) },
    { title: 'the needs model input', run: (db) => buildModelInput(db, model('needs'), AS_OF) },
  ],
  coverage: [
    {
      title: 'programme sites active on a date, in one sector',
      run: (db) => findActiveProgrammeSites(db, AS_OF, 'protection'),
    },
    {
      title: 'programme sites active on a date, any sector',
      run: (db) => findActiveProgrammeSites(db, AS_OF),
    },
    { title: 'sectors ever covered per unit', run: (db) => findProgrammeSectorsByUnit(db) },
    { title: 'the latest occupied share per unit', run: (db) => findLatestOccupiedShare(db) },
  ],
  neighbours: [
    {
      title: 'queen contiguity computed at import (compiled, not sent: it would add every pair twice)',
      send: () => false,
      run: (db) => insertNeighbourPairs(db, 1),
    },
    { title: 'the hromada neighbour graph of hot spots', run: (db) => findHromadaNeighbours(db) },
  ],
  profile: [{ title: `the profile of ${KHARKIV}`, run: (db) => getUnitProfile(db, KHARKIV) }],
  rounds: [
    {
      title: 'the change map: each community’s rounds of one component up to date B',
      run: (db) => getRoundChanges(db, { component: 'cohesion_trust', from: '2025-01-01', to: '2026-01-01' }),
    },
    { title: 'who assessed which community when', run: (db) => getAssessedCommunities(db) },
  ],
};

const UPDATE = Boolean(process.env.UPDATE_SQL_SNAPSHOTS);
const queriesDir = new URL('../../server/queries/', import.meta.url);

let database: Database;
let capabilities: DatabaseCapabilities;
beforeAll(async () => {
  database = await openTestDatabase();
  capabilities = await detectCapabilities(database.db);
  if (UPDATE) await mkdir(queriesDir, { recursive: true });
});
afterAll(async () => {
  await database?.close();
});

describe('SQL snapshots (server/queries)', () => {
  for (const [name, specs] of Object.entries(SNAPSHOTS)) {
    it(`server/queries/${name}.sql is the SQL the server sends`, async () => {
      const entries = [];
      for (const spec of specs) {
        const send = spec.send?.(capabilities) ?? true;
        const queries = await recordSql(database.db, spec.run, { send });
        // A function that returns early (an empty list of ids) sends nothing: its arguments need changing.
        expect(queries.length, `"${spec.title}" sent no SQL`).toBeGreaterThan(0);
        entries.push({ title: spec.title, queries });
      }
      const actual = renderSnapshotFile(entries);
      const file = new URL(`${name}.sql`, queriesDir);
      if (UPDATE) await writeFile(file, actual);
      const committed = await readFile(file, 'utf8').catch(() => '');
      expect(
        actual,
        `server/queries/${name}.sql differs from the SQL sent: review the diff, then run ${UPDATE_COMMAND}`,
      ).toBe(committed);
    });
  }

  it('server/queries holds no snapshot that is no longer made', async () => {
    const stale = (await readdir(queriesDir)).filter((f) => !(f.replace(/\.sql$/, '') in SNAPSHOTS));
    if (UPDATE) for (const f of stale) await rm(new URL(f, queriesDir));
    else expect(stale, `remove them, or run ${UPDATE_COMMAND}`).toEqual([]);
  });
});
