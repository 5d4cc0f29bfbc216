import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/client.ts';
import { importFile } from '../../server/pipeline/importers/index.ts';
import { loadSourcesManifest, type SourcesManifest } from '../../server/pipeline/sources-manifest.ts';
import { databaseFingerprint } from '../support/fingerprint.ts';
import { openTestDatabase } from '../support/test-db.ts';

// FIXTURE: hand-made assessment scores for real hromada codes. They are not real assessments and exist only
// in this test's private database copy.

let database: Database;
let manifest: SourcesManifest;
let dir: string;
beforeAll(async () => {
  database = await openTestDatabase();
  manifest = await loadSourcesManifest();
  dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-assessments-'));
});
afterAll(async () => {
  await database?.close();
});

async function importCsv(name: string, content: string, strict = false) {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return importFile(database.db, manifest, { importer: 'assessments', filePath: file, strict });
}

describe('community-security assessments', () => {
  it('imports scores per component, Ukrainian headers and KATOTTG codes included', async () => {
    const report = await importCsv(
      'assessments.csv',
      'pcode;дата;Згуртованість громади і довіра;police_community;strategy_adopted;notes\n' +
        'UA6314017;2025-03-01;6,5;4;так;fixture\n' +
        'UA63140170000087785;01.09.2025;7;;ні;fixture, second visit\n',
    );
    expect(report.rejected).toEqual([]);
    const rows = await database.db
      .selectFrom('assessments')
      .select([
        'unit_pcode',
        'assessed_on',
        'cohesion_trust',
        'police_community',
        'strategy_adopted',
        'idp_youth',
      ])
      .where('unit_pcode', '=', 'UA6314017')
      .orderBy('assessed_on')
      .execute();
    expect(rows).toEqual([
      {
        unit_pcode: 'UA6314017',
        assessed_on: '2025-03-01',
        cohesion_trust: 6.5,
        police_community: 4,
        strategy_adopted: true,
        idp_youth: null,
      },
      {
        unit_pcode: 'UA6314017',
        assessed_on: '2025-09-01',
        cohesion_trust: 7,
        police_community: null,
        strategy_adopted: false,
        idp_youth: null,
      },
    ]);
  });

  it('rejects out-of-range scores, unknown communities and duplicate dates with row and field', async () => {
    const report = await importCsv(
      'assessments-bad.csv',
      'pcode,assessed_on,cohesion_trust,strategy_adopted\n' +
        'UA6312027,2025-05-01,11,yes\n' +
        'UA9999999,2025-05-01,5,yes\n' +
        'UA6312027,2025-05-02,5,maybe\n' +
        'UA6312027,2025-05-03,5,no\n' +
        'UA6312027,2025-05-03,6,no\n',
    );
    expect(report.rowsAccepted).toBe(1);
    expect(report.rejected.map((r) => [r.rowNumber, r.field, r.reason])).toEqual([
      [2, 'cohesion_trust', 'score 11 is outside 0–10'],
      [3, 'pcode', 'no hromada UA9999999 in the imported boundaries'],
      [4, 'strategy_adopted', '"maybe" is not yes/no'],
      [6, 'pcode', 'UA6312027 assessed on 2025-05-03 already in row 5'],
    ]);
  });

  it('in strict mode a bad row writes nothing', async () => {
    const before = await databaseFingerprint(database.db);
    await expect(
      importCsv(
        'assessments-strict.csv',
        'pcode,assessed_on,cohesion_trust\nUA6312027,2025-06-01,5\nUA6312027,2025-06-02,-1\n',
        true,
      ),
    ).rejects.toThrow(/row 3, field cohesion_trust: score -1 is outside 0–10/);
    expect(await databaseFingerprint(database.db)).toEqual(before);
  });
});
