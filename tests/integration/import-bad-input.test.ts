import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/client.ts';
import { runImport } from '../../server/pipeline/import-batch.ts';
import { importFile } from '../../server/pipeline/importers/index.ts';
import { loadSourcesManifest, type SourcesManifest } from '../../server/pipeline/sources-manifest.ts';
import { databaseFingerprint } from '../support/fingerprint.ts';
import { openTestDatabase } from '../support/test-db.ts';

// Every file below is a small hand-made FIXTURE with deliberate faults, imported into a private copy of the
// real database; the point of each test is what the importer says and that the database is left unchanged.

let database: Database;
let manifest: SourcesManifest;
let dir: string;
let before: Record<string, string>;

beforeAll(async () => {
  database = await openTestDatabase();
  manifest = await loadSourcesManifest();
  dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-bad-input-'));
});
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  before = await databaseFingerprint(database.db);
});

async function fixture(name: string, content: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

async function expectUnchanged() {
  expect(await databaseFingerprint(database.db)).toEqual(before);
}

// Real KATOTTG codes of two hromadas, and one that does not exist.
const VINNYTSIA = 'UA05020030000031457';
const AHRONOMICHNA = 'UA05020010000053508';
const UNKNOWN = 'UA99990010000012345';

describe('a failed import leaves the database unchanged', () => {
  it('corrupt GeoJSON: names the file and the position', async () => {
    const file = await fixture(
      'hromadas-corrupt.geojson',
      '{"type":"FeatureCollection","features":[{"type":"Feature",',
    );
    await expect(
      importFile(database.db, manifest, {
        importer: 'boundaries',
        filePath: file,
        options: { level: 'hromada' },
      }),
    ).rejects.toThrow(/hromadas-corrupt\.geojson/);
    await expectUnchanged();
  });

  it('GeoJSON in another CRS: names the CRS', async () => {
    const file = await fixture(
      'oblasts-3857.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'EPSG:3857' } },
        features: [],
      }),
    );
    await expect(
      importFile(database.db, manifest, {
        importer: 'boundaries',
        filePath: file,
        options: { level: 'oblast' },
      }),
    ).rejects.toThrow(/EPSG:3857/);
    await expectUnchanged();
  });

  it('a missing column: lists what is missing and what was found', async () => {
    const file = await fixture(
      'population-no-total.csv',
      `hromada_code,urban_population_2022\n${VINNYTSIA},1\n`,
    );
    await expect(
      importFile(database.db, manifest, { importer: 'kse-population', filePath: file }),
    ).rejects.toThrow(/population-no-total\.csv: missing required column: total/);
    await expectUnchanged();
  });

  it('an unknown code in strict mode: names row and field, writes nothing', async () => {
    const file = await fixture(
      'population-unknown.csv',
      `hromada_code,total_population_2022,urban_population_2022\n${VINNYTSIA},100,50\n${UNKNOWN},10,0\n`,
    );
    await expect(
      importFile(database.db, manifest, { importer: 'kse-population', filePath: file, strict: true }),
    ).rejects.toThrow(/row 3, field hromada_code: no hromada UA9999001/);
    await expectUnchanged();
  });

  it('a non-numeric value in strict mode: names row, field and value', async () => {
    const file = await fixture(
      'idps-text.csv',
      `vpo_thsd,hromada_code\n1.5,${VINNYTSIA}\nabout 3,${AHRONOMICHNA}\n`,
    );
    await expect(
      importFile(database.db, manifest, { importer: 'kse-idps', filePath: file, strict: true }),
    ).rejects.toThrow(/row 3, field vpo_thsd: "about 3" is not a number/);
    await expectUnchanged();
  });

  it('a file that is not UTF-8', async () => {
    // Latin-1 "Café": not UTF-8, not Cyrillic Windows-1251 (which is converted, issue #11 item 5).
    const file = path.join(dir, 'population-latin1.csv');
    await writeFile(file, Buffer.from([0x68, 0x2c, 0x43, 0x61, 0x66, 0xe9, 0x0a]));
    await expect(
      importFile(database.db, manifest, { importer: 'kse-population', filePath: file }),
    ).rejects.toThrow(/is not UTF-8 \(byte 5: 0xe9 0x0a\)/);
    await expectUnchanged();
  });

  it('an error half-way through a batch rolls back what it had written', async () => {
    await expect(
      runImport(database.db, { kind: 'test', fileName: 'fixture', sha256: '-' }, async (trx) => {
        await trx.deleteFrom('indicator_values').execute();
        throw new Error('disk full (simulated)');
      }),
    ).rejects.toThrow('disk full (simulated)');
    await expectUnchanged();
  });
});

describe('a lenient import loads the good rows and keeps every rejected one', () => {
  it('rejects unknown codes, bad numbers and conflicting duplicates with row numbers and reasons', async () => {
    // ';' delimiter with decimal commas, a BOM and a header variant (total_popultaion_2022 is KSE's own typo).
    const file = await fixture(
      'population-mixed.csv',
      '\uFEFFhromada_code;total_popultaion_2022;urban_population_2022\n' +
        `${VINNYTSIA};387439;371004\n` +
        `${UNKNOWN};10;0\n` +
        `${AHRONOMICHNA};9361,0;0\n` +
        `${AHRONOMICHNA};9000;0\n` +
        `UA0502;5;0\n` +
        `UA63120270000000001;x;0\n`,
    );
    const report = await importFile(database.db, manifest, { importer: 'kse-population', filePath: file });
    expect(report.rowsAccepted).toBe(2);
    expect(report.rejected.map((r) => [r.rowNumber, r.field, r.reason])).toEqual([
      [3, 'hromada_code', `no hromada UA9999001 (KATOTTG ${UNKNOWN}) in the imported boundaries`],
      [5, 'hromada_code', 'UA0502001 already given with different values in row 4'],
      [6, 'hromada_code', '"UA0502" is not a KATOTTG code (expected "UA" followed by 17 digits)'],
      [7, 'total_popultaion_2022', '"x" is not a number'],
    ]);
    const stored = await database.db
      .selectFrom('rejected_rows')
      .select(['row_number', 'reason'])
      .where('batch_id', '=', report.batchId)
      .orderBy('row_number')
      .execute();
    expect(stored.map((r) => r.row_number)).toEqual([3, 5, 6, 7]);
    const value = await database.db
      .selectFrom('indicator_values')
      .select('value')
      .where('indicator_id', '=', 'population_2022')
      .where('unit_pcode', '=', 'UA0502001')
      .executeTakeFirstOrThrow();
    expect(value.value).toBe(9361);
  });

  it('rejects a programme site at an unknown hromada and keeps the rest', async () => {
    const file = await fixture(
      '5w.csv',
      '#org+name,#sector,#adm3+code,#date+start,#date+end,#reached\n' +
        'Fixture NGO,Social cohesion,UA0502003,2025-01-01,2025-12-31,40\n' +
        'Fixture NGO,Social cohesion,UA9999999,2025-01-01,2025-12-31,10\n' +
        'Fixture NGO,Social cohesion,UA0502001,2025-01-01,2024-12-31,10\n',
    );
    const report = await importFile(database.db, manifest, { importer: 'programmes', filePath: file });
    expect(report.rowsAccepted).toBe(1);
    expect(report.rejected.map((r) => r.rowNumber).sort()).toEqual([3, 4]);
    expect(report.rejected.find((r) => r.rowNumber === 3)?.reason).toMatch(/no hromada UA9999999/);
  });
});
