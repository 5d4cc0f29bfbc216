import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/client.ts';
import { runImport } from '../../server/pipeline/import-batch.ts';
import { importFile } from '../../server/pipeline/importers/index.ts';
import { loadSourcesManifest, type SourcesManifest } from '../../server/pipeline/sources-manifest.ts';
import { ImportError } from '../../server/shared/errors.ts';
import { databaseFingerprint } from '../support/fingerprint.ts';
import { openTestDatabase } from '../support/test-db.ts';

// Issue #11, items 6 and 7: implausible geometry and values the database would refuse, each in a small
// hand-made FIXTURE file imported into a private copy of the real database. Real codes: Vinnytsia raion
// UA0502 and its hromada UA0502003; UA0502999 does not exist (a new unit, for the cases that are accepted).

let database: Database;
let manifest: SourcesManifest;
let dir: string;
let before: Record<string, string>;

beforeAll(async () => {
  database = await openTestDatabase();
  manifest = await loadSourcesManifest();
  dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-geometry-'));
});
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  before = await databaseFingerprint(database.db);
});

type Ring = [number, number][];
const box = (lon: number, lat: number, size = 0.1): Ring => [
  [lon, lat],
  [lon + size, lat],
  [lon + size, lat + size],
  [lon, lat + size],
  [lon, lat],
];

async function hromadaFile(
  name: string,
  rings: Ring[],
  props: Record<string, unknown> = {},
  pcode = 'UA0502003',
): Promise<string> {
  const file = path.join(dir, name);
  const properties = {
    ADM3_PCODE: pcode,
    ADM2_PCODE: 'UA0502',
    ADM3_UA: 'Фікстура',
    ADM3_EN: 'Fixture',
    ...props,
  };
  const feature = { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: rings } };
  await writeFile(file, JSON.stringify({ type: 'FeatureCollection', features: [feature] }));
  return file;
}

const importHromadas = (filePath: string, strict = true) =>
  importFile(database.db, manifest, {
    importer: 'boundaries',
    filePath,
    options: { level: 'hromada' },
    strict,
  });

describe('the boundary importer refuses implausible geometry, naming file, feature and reason', () => {
  it('a polygon in New York', async () => {
    const file = await hromadaFile('new-york.geojson', [box(-74, 40.7)]);
    await expect(importHromadas(file)).rejects.toThrow(
      /new-york\.geojson: 1 row\(s\) rejected .* row 1, field features\[0\]\.geometry: UA0502003: outside Ukraine's extent/,
    );
    expect(await databaseFingerprint(database.db)).toEqual(before);
  });

  it('latitude and longitude swapped (placed in Saudi Arabia)', async () => {
    const file = await hromadaFile('swapped.geojson', [box(49.2, 28.4)]);
    await expect(importHromadas(file)).rejects.toThrow(/latitude and longitude look swapped/);
    expect(await databaseFingerprint(database.db)).toEqual(before);
  });

  it('projected coordinates after a first vertex in degrees (the 6.8 million km² hromada)', async () => {
    const ring: Ring = [
      [28.4, 49.2],
      [530000, 49.2],
      [530000, 5450000],
      [28.4, 49.2],
    ];
    const file = await hromadaFile('projected.geojson', [ring]);
    await expect(importHromadas(file, false)).rejects.toThrow(
      /projected\.geojson: features\[0\]: vertex \[530000, 49\.2\] is not longitude\/latitude/,
    );
    expect(await databaseFingerprint(database.db)).toEqual(before);
  });

  it('a self-intersecting polygon whose repair would change its area is refused, not silently halved', async () => {
    // A figure-eight: its two lobes wind in opposite directions, so "repairing" it is a guess.
    const bowtie: Ring = [
      [28.4, 49.2],
      [28.6, 49.4],
      [28.6, 49.2],
      [28.4, 49.4],
      [28.4, 49.2],
    ];
    const file = await hromadaFile('bowtie.geojson', [bowtie]);
    await expect(importHromadas(file)).rejects.toThrow(
      /UA0502003: invalid geometry \(Self-intersection\[28\.5 49\.3\]\); repairing it would change its area from/,
    );
    // Lenient: the unit keeps its old, valid shape, and the refusal is kept with the batch.
    const old = await areaOf('UA0502003');
    const report = await importHromadas(file, false);
    expect(report.rowsAccepted).toBe(0);
    expect(report.rejected[0]).toMatchObject({ rowNumber: 1, field: 'features[0].geometry' });
    expect(await areaOf('UA0502003')).toBe(old);
  });

  it('a ring that only touches itself is repaired without loss, and the repair is reported', async () => {
    // Two triangles that wind the same way and meet at one point on the bottom edge: valid once split.
    const touching: Ring = [
      [28.4, 49.2],
      [28.6, 49.2],
      [28.6, 49.4],
      [28.5, 49.2],
      [28.4, 49.4],
      [28.4, 49.2],
    ];
    const file = await hromadaFile('touching.geojson', [touching], {}, 'UA0502999');
    const report = await importHromadas(file, false);
    expect(report.rejected).toEqual([]);
    expect(report.notes.join('\n')).toMatch(
      /1 invalid geometry repaired with ST_MakeValid, area changed by less than 1 %: UA0502999/,
    );
    const area = await areaOf('UA0502999');
    // Two triangles of 0.1° × 0.2° / 2 each at 49.3° N (1° ≈ 72.7 km east–west, 111.2 km north–south):
    // 2 × 0.01 × 72.7 × 111.2 ≈ 162 km², all of what was drawn.
    expect(area).toBeGreaterThan(155);
    expect(area).toBeLessThan(170);
  });
});

describe('values the database would refuse are named before it sees them (item 7)', () => {
  it('a name of 30,000 characters', async () => {
    const file = await hromadaFile('long-name.geojson', [box(28.4, 49.2)], { ADM3_UA: 'я'.repeat(30_000) });
    await expect(importHromadas(file)).rejects.toThrow(
      /row 1, field features\[0\]\.properties\.ADM3_UA: name is longer than 200 characters \(30,000\)/,
    );
    expect(await databaseFingerprint(database.db)).toEqual(before);
  });

  it('a NUL byte in a name', async () => {
    const file = await hromadaFile('nul.geojson', [box(28.4, 49.2)], { ADM3_EN: 'Vin\u0000nytsia' });
    await expect(importHromadas(file)).rejects.toThrow(
      /field features\[0\]\.properties\.ADM3_EN: name contains a NUL byte/,
    );
    expect(await databaseFingerprint(database.db)).toEqual(before);
  });

  it('an occupied-area snapshot outside Ukraine is refused whole', async () => {
    const file = path.join(dir, 'deepstate-2026-01-01.geojson');
    const feature = {
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: [box(-74, 40.7)] },
    };
    await writeFile(file, JSON.stringify({ type: 'FeatureCollection', features: [feature] }));
    await expect(
      importFile(database.db, manifest, {
        importer: 'occupied-areas',
        filePath: file,
        options: { snapshotDate: '2026-01-01' },
      }),
    ).rejects.toThrow(/deepstate-2026-01-01\.geojson: features\[0\] is outside Ukraine's extent/);
    expect(await databaseFingerprint(database.db)).toEqual(before);
  });

  it('a database refusal that still gets through is put in words with the file, and nothing is written', async () => {
    const attempt = runImport(
      database.db,
      { kind: 'test', fileName: 'fixture.csv', sha256: '-' },
      async (trx) => {
        await trx.deleteFrom('indicator_values').execute();
        await sql`select 'not a number'::integer`.execute(trx);
        return { rowsRead: 0, rowsAccepted: 0, rejected: [] };
      },
    );
    await expect(attempt).rejects.toThrow(ImportError);
    await expect(attempt).rejects.toThrow(
      'fixture.csv: the database refused the data: a value is not of the type its column expects (PostgreSQL 22P02)',
    );
    expect(await databaseFingerprint(database.db)).toEqual(before);
  });
});

async function areaOf(pcode: string): Promise<number | null> {
  const row = await database.db
    .selectFrom('admin_units')
    .select('area_km2')
    .where('pcode', '=', pcode)
    .executeTakeFirst();
  return row?.area_km2 ?? null;
}
