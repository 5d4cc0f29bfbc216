import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../server/pipeline/importers/index.ts';
import { loadSourcesManifest, type SourcesManifest } from '../../server/pipeline/sources-manifest.ts';
import { ImportError } from '../../server/shared/errors.ts';
import {
  call,
  createFixtureOrganisation,
  createFixtureSession,
  createFixtureUser,
  unique,
  writableFingerprint,
  type Caller,
} from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue #11, items 4, 5 and 10: a 5W sheet goes through one decoding step, one validation step and one write
// path, whether it is uploaded (POST /api/programmes/import) or imported with `npm run import -- programmes`
// (importFile, what scripts/import.ts calls). Every sheet here is a hand-made FIXTURE (made-up organisations
// and codes, real hromada pcodes) written to this file's private database copy.

interface RowMessage {
  row: number | null;
  field: string | null;
  message: string;
}
interface ImportResult {
  committed: boolean;
  encoding: string;
  rows: { row: number; organisation: string; pcode: string; reached: number | null }[];
  errors: RowMessage[];
  warnings: RowMessage[];
  programmes: { code: string; action: string; added: string[]; removed: string[] }[];
}
interface ErrorBody {
  error: { code: string; message: string; details?: { errors?: RowMessage[] } };
}

let t: TestApp;
let manifest: SourcesManifest;
let dir: string;
let orgName: string;
let editor: Caller;
let admin: Caller;

beforeAll(async () => {
  t = await createTestApp();
  manifest = await loadSourcesManifest();
  dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-5w-'));
  const db = t.database.db;
  orgName = unique('FIXTURE sheet organisation');
  const orgId = await createFixtureOrganisation(db, orgName);
  editor = await createFixtureSession(
    db,
    (await createFixtureUser(db, { role: 'editor', organisationIds: [orgId] })).id,
  );
  admin = await createFixtureSession(db, (await createFixtureUser(db, { role: 'admin' })).id);
});
afterAll(async () => {
  await t?.close();
});

async function fixtureFile(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}
const upload = (caller: Caller, mode: 'preview' | 'commit', body: string | Uint8Array) =>
  call<ImportResult & ErrorBody>(t.app, caller, 'POST', `/api/programmes/import?mode=${mode}`, { body });
const cli = (file: string, strict = false) =>
  importFile(t.database.db, manifest, { importer: 'programmes', filePath: file, strict });

const HEADER = '#org,#sector,#activity,#adm3+code,#date+start,#date+end,#reached,#meta+id\n';

describe('item 4: hostile values get a per-row error in the preview, and the commit agrees', () => {
  it('refuses #reached of 1e308, 99999999999999999999 and a NUL byte without writing anything or a 5xx', async () => {
    const code = unique('fixture-hostile');
    const csv =
      HEADER +
      `${orgName},Social cohesion,Circles,UA6312027,2025-01-01,,40,${code}\n` +
      `${orgName},Social cohesion,Circles,UA6314017,2025-01-01,,1e308,${code}\n` +
      `${orgName},Social cohesion,Circles,UA2604019,2025-01-01,,99999999999999999999,${code}\n` +
      `${orgName},Social cohesion,Circles,UA0502003,2025-01-01,,7\u0000,${code}\n` +
      `${orgName}\u0000,Social cohesion,Circles,UA0502001,2025-01-01,,7,${code}\n`;
    const before = await writableFingerprint(t.database.db);

    const preview = await upload(editor, 'preview', csv);
    expect(preview.status).toBe(200);
    const tooLarge = 'is larger than 2,147,483,647, the most the column holds';
    const nul = 'contains a NUL byte (\\0), which text cannot hold';
    expect(preview.body.errors).toEqual([
      { row: 3, field: '#reached', message: `"1e308": ${tooLarge}` },
      { row: 4, field: '#reached', message: `"99999999999999999999": ${tooLarge}` },
      { row: 5, field: '#reached', message: nul },
      { row: 6, field: '#org', message: nul },
    ]);
    expect(preview.body.rows.map((r) => r.row)).toEqual([2]);

    const commit = await upload(editor, 'commit', csv);
    expect(commit.status).toBe(422);
    expect(commit.body.error.details?.errors).toEqual(preview.body.errors);
    expect(await writableFingerprint(t.database.db)).toEqual(before);

    // The command line reads the same file the same way: --strict refuses it whole ...
    const file = await fixtureFile(`${code}.csv`, csv);
    await expect(cli(file, true)).rejects.toThrow(ImportError);
    await expect(cli(file, true)).rejects.toThrow(/4 problem\(s\) in .*first: row 3, #reached: "1e308"/);
    expect(await writableFingerprint(t.database.db)).toEqual(before);
    // ... and without it keeps the good row and the same four rejections.
    const report = await cli(file);
    expect(report.rowsAccepted).toBe(1);
    expect(report.rejected.map((r) => ({ row: r.rowNumber, field: r.field, message: r.reason }))).toEqual(
      preview.body.errors,
    );
  });
});

// Hand-made bytes of one sheet in the encodings partners' spreadsheets write (FIXTURES).
function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const bom = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  const out = [...bom];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out.push(...(order === 'le' ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]));
  }
  return Uint8Array.from(out);
}
const CP1251: Record<string, number> = {
  Є: 0xaa,
  є: 0xba,
  І: 0xb2,
  і: 0xb3,
  Ї: 0xaf,
  ї: 0xbf,
  '«': 0xab,
  '»': 0xbb,
};
function cp1251(text: string): Uint8Array {
  return Uint8Array.from([...text], (ch) => {
    const c = ch.charCodeAt(0);
    if (c < 0x80) return c;
    if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
    return CP1251[ch]!;
  });
}

describe('item 5: one decoding path for the API and the CLI', () => {
  const sheet = (name: string, code: string) =>
    `${HEADER}${name},Соціальна згуртованість,Кола,UA6312027,2025-01-01,,12,${code}\n`;
  const encodings: [string, (s: string) => Uint8Array, string, boolean][] = [
    [
      'utf-8 with BOM',
      (s) => Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)]),
      'utf-8',
      false,
    ],
    ['utf-16 LE', (s) => utf16(s, 'le'), 'utf-16le', false],
    ['utf-16 BE', (s) => utf16(s, 'be'), 'utf-16be', false],
    ['windows-1251', cp1251, 'windows-1251', true],
  ];

  it.each(encodings)(
    '%s: the API and the CLI store the same Ukrainian names',
    async (_, encode, encoding, warned) => {
      const name = unique('FIXTURE Громадська спілка «Єдність» Її');
      const code = unique('fixture-encoding');
      const bytes = encode(sheet(name, code));

      const preview = await upload(admin, 'preview', bytes);
      expect(preview.status).toBe(200);
      expect(preview.body.encoding).toBe(encoding);
      expect(preview.body.errors).toEqual([]);
      expect(preview.body.rows.map((r) => r.organisation)).toEqual([name]);
      expect(
        preview.body.warnings.some((w) => w.row === null && /read as Windows-1251/.test(w.message)),
      ).toBe(warned);

      const report = await cli(await fixtureFile(`${code}.csv`, bytes));
      expect(report.rowsAccepted).toBe(1);
      expect(report.notes.some((n) => /read as Windows-1251/.test(n))).toBe(warned);
      const stored = await t.database.db
        .selectFrom('programmes as p')
        .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
        .select(['o.name', 'p.sector'])
        .where('p.code', '=', code)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ name, sector: 'Соціальна згуртованість' });
    },
  );

  it('refuses bytes in any other encoding, naming what it found, in both paths', async () => {
    // Latin-1 "Café" (0xE9): neither UTF-8 nor Cyrillic Windows-1251.
    const bytes = Uint8Array.from([...new TextEncoder().encode(`${HEADER}Caf`), 0xe9, 0x0a]);
    const before = await writableFingerprint(t.database.db);
    const res = await upload(admin, 'preview', bytes);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/upload\.csv: the file is not UTF-8 \(byte \d+: 0xe9 0x0a\)/);
    await expect(cli(await fixtureFile('latin1.csv', bytes))).rejects.toThrow(
      /latin1\.csv: the file is not UTF-8 \(byte \d+: 0xe9 0x0a\)/,
    );
    // UTF-16 used to be "no HXL hashtag row found"; without its BOM it is named as what it is.
    const noBom = utf16(sheet('x', 'y'), 'le').subarray(2);
    const orphan = await upload(admin, 'preview', noBom);
    expect(orphan.status).toBe(422);
    expect(orphan.body.error.message).toMatch(/looks like UTF-16 LE without a byte-order mark/);
    expect(await writableFingerprint(t.database.db)).toEqual(before);
  });
});

describe('item 10: one audited, idempotent write path', () => {
  const siteRows = (code: string) =>
    t.database.db
      .selectFrom('programme_sites as s')
      .innerJoin('programmes as p', 'p.id', 's.programme_id')
      .select(['s.unit_pcode', 's.period_start', 's.reached', 's.deleted_at'])
      .where('p.code', '=', code)
      .orderBy('s.id')
      .execute();

  it('a CLI import run twice writes the same sites once, and each run leaves an audit row', async () => {
    const code = unique('fixture-rerun');
    const csv =
      HEADER +
      `${orgName},Social cohesion,Circles,UA6312027,2025-01-01,,10,${code}\n` +
      `${orgName},Social cohesion,Circles,UA6312027,2025-06-01,2025-12-31,4,${code}\n` +
      `${orgName},Social cohesion,Circles,UA6314017,2025-01-01,,20,${code}\n`;
    const file = await fixtureFile(`${code}.csv`, csv);
    await cli(file);
    const first = await siteRows(code);
    expect(first).toHaveLength(3);
    expect(first.every((s) => s.deleted_at === null)).toBe(true);
    await cli(file);
    // No new rows, live or deleted: before, every run soft-deleted all sites and inserted them again.
    expect(await siteRows(code)).toEqual(first);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'actor_label', 'via', 'action', 'entity_type'])
      .where('entity_id', '=', code)
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(2);
    for (const row of audit) {
      expect(row).toMatchObject({
        actor_user_id: null,
        via: 'cli',
        action: 'import',
        entity_type: 'programme',
      });
      expect(row.actor_label).toMatch(/^command line \(.+\)$/);
    }

    // The upload API reads the same file as the same programme with nothing to add or remove ...
    const preview = await upload(editor, 'preview', csv);
    expect(preview.body.errors).toEqual([]);
    expect(preview.body.programmes).toEqual([
      expect.objectContaining({ code, action: 'update', added: [], removed: [] }),
    ]);
    // ... and its commit leaves the same rows.
    expect((await upload(editor, 'commit', csv)).status).toBe(200);
    expect(await siteRows(code)).toEqual(first);
  });

  it('a sheet committed through the API and then imported with the CLI gives the same rows', async () => {
    const code = unique('fixture-both-ways');
    const csv =
      HEADER +
      `${orgName},Social cohesion,Circles,UA2604019,2024-03-01,2024-12-31,8,${code}\n` +
      `${orgName},Social cohesion,Circles,UA0502003,2024-03-01,,,${code}\n`;
    expect((await upload(editor, 'commit', csv)).status).toBe(200);
    const viaApi = await siteRows(code);
    const programme = () =>
      t.database.db
        .selectFrom('programmes')
        .select(['organisation_id', 'title', 'sector', 'period_start', 'period_end', 'deleted_at'])
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
    const before = await programme();
    const report = await cli(await fixtureFile(`${code}.csv`, csv));
    expect(report.rejected).toEqual([]);
    expect(await siteRows(code)).toEqual(viaApi);
    expect(await programme()).toEqual(before);
  });
});

describe('item 13: implausible dates refused, sites in occupied Crimea warned about', () => {
  // Aromatnenska hromada (Autonomous Republic of Crimea) and Sevastopol, as COD-AB codes them.
  const CRIMEA = 'UA0102003';
  const SEVASTOPOL = 'UA8500000';

  it('5W: dates outside 1991-08-24 .. today + 10 years are errors; Crimea and Sevastopol are warnings', async () => {
    const code = unique('fixture-plausible');
    const csv =
      HEADER +
      `${orgName},Social cohesion,Circles,${CRIMEA},2025-01-01,,,${code}\n` +
      `${orgName},Social cohesion,Circles,${SEVASTOPOL},2025-01-01,,,${code}\n` +
      `${orgName},Social cohesion,Circles,UA6312027,0001-01-01,,,${code}\n` +
      `${orgName},Social cohesion,Circles,UA6314017,2025-01-01,2999-01-01,,${code}\n`;
    const preview = await upload(editor, 'preview', csv);
    expect(preview.status).toBe(200);
    expect(preview.body.errors).toEqual([
      {
        row: 4,
        field: '#date+start',
        message: expect.stringMatching(/^"0001-01-01" is outside the plausible range 1991-08-24/),
      },
      {
        row: 5,
        field: '#date+end',
        message: expect.stringMatching(/^"2999-01-01" is outside the plausible range/),
      },
    ]);
    expect(preview.body.warnings).toEqual([
      {
        row: 2,
        field: '#adm3+code',
        message: expect.stringMatching(/^UA0102003 is in the Autonomous Republic of Crimea/),
      },
      { row: 3, field: '#adm3+code', message: expect.stringMatching(/^UA8500000 is in Sevastopol/) },
    ]);
    // Without the implausible rows the sheet commits, and the answer still carries the warnings.
    const clean = csv.split('\n').slice(0, 3).join('\n') + '\n';
    const commit = await upload(editor, 'commit', clean);
    expect(commit.status).toBe(200);
    expect(commit.body.warnings.map((w) => w.row)).toEqual([2, 3]);
  });

  it('programme and site API: refuses implausible dates naming the field, warns about Crimea', async () => {
    const organisationId = (
      await t.database.db
        .selectFrom('organisations')
        .select('id')
        .where('name', '=', orgName)
        .executeTakeFirstOrThrow()
    ).id;
    const body = {
      organisationId,
      title: 'FIXTURE plausibility',
      sector: 'Social cohesion',
      periodStart: '2025-01-01',
      sites: [{ pcode: CRIMEA }, { pcode: 'UA6312027' }],
    };
    const before = await writableFingerprint(t.database.db);
    const ancient = await call<ErrorBody>(t.app, editor, 'POST', '/api/programmes', {
      body: { ...body, periodStart: '0001-01-01' },
    });
    expect(ancient.status).toBe(400);
    expect(ancient.body.error.message).toMatch(/periodStart: "0001-01-01" is outside the plausible range/);
    const future = await call<ErrorBody>(t.app, editor, 'POST', '/api/programmes', {
      body: { ...body, sites: [{ pcode: 'UA6312027', periodEnd: '2999-12-31' }] },
    });
    expect(future.status).toBe(400);
    expect(future.body.error.message).toMatch(/sites\.0\.periodEnd: "2999-12-31" is outside/);
    // A NUL is refused by the guard in front of every route, before the schema (shared/nul-guard.ts).
    const nul = await call<ErrorBody>(t.app, editor, 'POST', '/api/programmes', {
      body: { ...body, title: 'A\u0000B' },
    });
    expect(nul.status).toBe(400);
    expect(nul.body.error.message).toMatch(/title: a NUL character/);
    const huge = await call<ErrorBody>(t.app, editor, 'POST', '/api/programmes', {
      body: { ...body, title: 'A\u0007B', sites: [{ pcode: 'UA6312027', reached: 1e20 }] },
    });
    expect(huge.status).toBe(400);
    expect(huge.body.error.message).toMatch(/title: contains the control character U\+0007/);
    expect(huge.body.error.message).toMatch(/sites\.0\.reached/);
    expect(await writableFingerprint(t.database.db)).toEqual(before);

    const created = await call<{ code: string; warnings: { field: string; message: string }[] }>(
      t.app,
      editor,
      'POST',
      '/api/programmes',
      { body },
    );
    expect(created.status).toBe(201);
    expect(created.body.warnings).toEqual([
      {
        field: 'sites',
        message: expect.stringMatching(/^UA0102003 is in the Autonomous Republic of Crimea/),
      },
    ]);
    const added = await call<{ warnings: unknown[] }>(
      t.app,
      editor,
      'POST',
      `/api/programmes/${created.body.code}/sites`,
      { body: { sites: [{ pcode: SEVASTOPOL }] } },
    );
    expect(added.status).toBe(200);
    expect(added.body.warnings).toEqual([{ field: 'sites', message: expect.stringMatching(/Sevastopol/) }]);
    const patched = await call<ErrorBody>(t.app, editor, 'PATCH', `/api/programmes/${created.body.code}`, {
      body: { periodEnd: '2999-01-01' },
    });
    expect(patched.status).toBe(400);
  });

  it('assessments API: refuses implausible dates, warns about Crimea', async () => {
    const organisationId = (
      await t.database.db
        .selectFrom('organisations')
        .select('id')
        .where('name', '=', orgName)
        .executeTakeFirstOrThrow()
    ).id;
    const post = (body: object) =>
      call<ErrorBody & { warnings: unknown[] }>(t.app, editor, 'POST', '/api/assessments', {
        body: { organisationId, scores: { cohesion_trust: 6 }, ...body },
      });
    const future = await post({ pcode: 'UA6312027', assessedOn: '2999-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.error.message).toMatch(/assessedOn: "2999-01-01" is outside the plausible range/);
    expect((await post({ pcode: 'UA6312027', assessedOn: '0001-01-01' })).status).toBe(400);
    const crimea = await post({ pcode: CRIMEA, assessedOn: '2025-05-01' });
    expect(crimea.status).toBe(201);
    expect(crimea.body.warnings).toEqual([
      {
        field: 'pcode',
        message: expect.stringMatching(/^UA0102003 is in the Autonomous Republic of Crimea/),
      },
    ]);
  });
});
