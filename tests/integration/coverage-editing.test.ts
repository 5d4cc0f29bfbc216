import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgrammeDetail, ProgrammeList } from '../../server/features/programmes/programmes.schemas.ts';
import type { UnitProfile } from '../../server/features/units/units.schemas.ts';
import {
  call,
  createFixtureOrganisation,
  createFixtureProgramme,
  createFixtureSession,
  createFixtureUser,
  unique,
  uniqueDate,
  writableFingerprint,
  type Caller,
} from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue #6: editors keep their organisation's coverage current through the API — programmes, sites, 5W
// uploads with a preview, assessments — and every change shows in the reads (the profile says who changed
// a programme last) and in the audit trail; nothing is hard-deleted. Organisations, users, programmes and
// assessments made here are FIXTURES in this file's private database copy.

const IPCG = 'ipcg-veteran-reintegration-pilots';
let t: TestApp;
let orgA: number;
let orgAName: string;
let orgB: number;
let editorA: Caller;
let editorB: Caller;
let admin: Caller;
let viewer: Caller;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  orgAName = unique('FIXTURE coverage organisation A');
  orgA = await createFixtureOrganisation(db, orgAName);
  orgB = await createFixtureOrganisation(db, unique('FIXTURE coverage organisation B'));
  const session = async (role: 'viewer' | 'editor' | 'admin', organisationIds: number[], name: string) =>
    createFixtureSession(db, (await createFixtureUser(db, { role, organisationIds, name })).id);
  editorA = await session('editor', [orgA], 'FIXTURE Editor A');
  editorB = await session('editor', [orgB], 'FIXTURE Editor B');
  admin = await session('admin', [], 'FIXTURE Admin');
  viewer = await session('viewer', [orgA], 'FIXTURE Viewer');
});
afterAll(async () => {
  await t?.close();
});

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

describe('programmes and sites', () => {
  it('reports every bad pcode of a site list with its index, and writes nothing', async () => {
    const { code } = await createFixtureProgramme(t.database.db, {
      organisationId: orgA,
      sites: ['UA6312027'],
    });
    const before = await writableFingerprint(t.database.db);
    const res = await call<ErrorBody>(t.app, editorA, 'POST', `/api/programmes/${code}/sites`, {
      body: {
        sites: [
          { pcode: 'UA6314017' },
          { pcode: 'UA63' },
          { pcode: 'UA9999999' },
          { pcode: 'not a code' },
          { pcode: 'UA2604019', periodStart: '2025-06-01', periodEnd: '2025-01-01' },
        ],
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('UNPROCESSABLE');
    expect(res.body.error.message).toMatch(
      /^4 of 5 sites refused, nothing was written; first: sites\[1\] "UA63"/,
    );
    expect(res.body.error.details).toEqual([
      { index: 1, pcode: 'UA63', message: expect.stringMatching(/oblast pcode/) },
      { index: 2, pcode: 'UA9999999', message: 'no hromada UA9999999 in the imported boundaries' },
      { index: 3, pcode: 'not a code', message: expect.stringMatching(/neither a hromada pcode/) },
      { index: 4, pcode: 'UA2604019', message: 'periodEnd 2025-01-01 is before periodStart 2025-06-01' },
    ]);
    expect(await writableFingerprint(t.database.db)).toEqual(before);
  });

  it('creates nothing when a new programme has one bad site: one transaction', async () => {
    const before = await writableFingerprint(t.database.db);
    const code = unique('fixture-atomic');
    const res = await call<ErrorBody>(t.app, editorA, 'POST', '/api/programmes', {
      body: {
        code,
        organisationId: orgA,
        title: 'FIXTURE atomic',
        sector: 'Social cohesion',
        periodStart: '2025-01-01',
        sites: [{ pcode: 'UA6312027' }, { pcode: 'UA0000000' }],
      },
    });
    expect(res.status).toBe(422);
    expect(await writableFingerprint(t.database.db)).toEqual(before);
    expect((await call(t.app, null, 'GET', `/api/programmes/${code}`)).status).toBe(404);
  });

  it('derives a code as the 5W importer does, and refuses a taken one', async () => {
    const body = {
      organisationId: orgA,
      title: 'Dialogue circles',
      sector: 'Social cohesion',
      periodStart: '2026-02-01',
    };
    const created = await call<ProgrammeDetail>(t.app, editorA, 'POST', '/api/programmes', { body });
    expect(created.status).toBe(201);
    expect(created.body.code).toBe(
      `${orgAName.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-')}--social-cohesion--dialogue-circles--2026-02-01`,
    );
    expect(created.body).toMatchObject({ lastChangedBy: 'FIXTURE Editor A', sites: [], source: null });
    const again = await call<ErrorBody>(t.app, editorA, 'POST', '/api/programmes', { body });
    expect(again.status).toBe(409);
    // Moving a programme needs rights over both organisations.
    const move = await call(t.app, editorA, 'PATCH', `/api/programmes/${created.body.code}`, {
      body: { organisationId: orgB },
    });
    expect(move.status).toBe(403);
    const bad = await call<ErrorBody>(t.app, editorA, 'PATCH', `/api/programmes/${created.body.code}`, {
      body: { periodEnd: '2020-01-01' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/periodEnd/);
  });

  it('lets editors of the seed programme’s organisation, and admins, change it; others not', async () => {
    const seedOrg = (await call<ProgrammeDetail>(t.app, null, 'GET', `/api/programmes/${IPCG}`)).body
      .organisation;
    expect(seedOrg.name).toMatch(/ІМіП/);
    const ipcgEditor = await createFixtureSession(
      t.database.db,
      (
        await createFixtureUser(t.database.db, {
          role: 'editor',
          organisationIds: [seedOrg.id],
          name: 'FIXTURE ІМіП editor',
        })
      ).id,
    );
    expect(
      (await call(t.app, editorA, 'PATCH', `/api/programmes/${IPCG}`, { body: { donor: 'x' } })).status,
    ).toBe(403);
    const edited = await call<ProgrammeDetail>(t.app, ipcgEditor, 'PATCH', `/api/programmes/${IPCG}`, {
      body: { donor: 'FIXTURE donor of the pilots' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      donor: 'FIXTURE donor of the pilots',
      lastChangedBy: 'FIXTURE ІМіП editor',
    });
    // Still credited to its source: an edit does not erase where the data came from.
    expect(edited.body.source?.id).toBe('ipcg');
    const byAdmin = await call(t.app, admin, 'PATCH', `/api/programmes/${IPCG}`, { body: { donor: null } });
    expect(byAdmin.status).toBe(200);
  });

  it('shows who changed a programme last in the unit profile; null while it is as imported', async () => {
    const { code } = await createFixtureProgramme(t.database.db, {
      organisationId: orgA,
      sites: ['UA2604019'],
    });
    const programmeIn = async () =>
      (await call<UnitProfile>(t.app, null, 'GET', '/api/units/UA2604019')).body.programmes.find(
        (p) => p.code === code,
      )!;
    expect(await programmeIn()).toMatchObject({ lastChangedAt: null, lastChangedBy: null });
    await call(t.app, editorA, 'PATCH', `/api/programmes/${code}`, { body: { status: 'completed' } });
    const after = await programmeIn();
    expect(after).toMatchObject({ status: 'completed', lastChangedBy: 'FIXTURE Editor A' });
    expect(Date.parse(after.lastChangedAt!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('hides deleted programmes and sites from every read, and keeps the rows with who and when', async () => {
    const { code, id } = await createFixtureProgramme(t.database.db, {
      organisationId: orgA,
      sites: ['UA6312027', 'UA6314017'],
    });
    const visible = async () => {
      const list = (await call<ProgrammeList>(t.app, null, 'GET', '/api/programmes')).body;
      const profile = (await call<UnitProfile>(t.app, null, 'GET', '/api/units/UA6312027')).body;
      const coverage = (
        await call<{ units: { pcode: string; programmes: { code: string }[] }[] }>(
          t.app,
          null,
          'GET',
          '/api/coverage?asOf=2025-06-01',
        )
      ).body;
      const covered = (pcode: string) =>
        coverage.units.find((u) => u.pcode === pcode)?.programmes.some((p) => p.code === code) ?? false;
      return {
        listed: list.programmes.find((p) => p.code === code)?.sites.map((s) => s.pcode) ?? null,
        inProfile: profile.programmes.some((p) => p.code === code),
        coveredKharkiv: covered('UA6312027'),
        coveredChuhuiv: covered('UA6314017'),
      };
    };
    expect(await visible()).toEqual({
      listed: ['UA6312027', 'UA6314017'],
      inProfile: true,
      coveredKharkiv: true,
      coveredChuhuiv: true,
    });

    expect((await call(t.app, editorA, 'DELETE', `/api/programmes/${code}/sites/UA6312027`)).status).toBe(
      204,
    );
    expect(await visible()).toEqual({
      listed: ['UA6314017'],
      inProfile: false,
      coveredKharkiv: false,
      coveredChuhuiv: true,
    });
    expect((await call(t.app, editorA, 'DELETE', `/api/programmes/${code}/sites/UA6312027`)).status).toBe(
      404,
    );

    expect((await call(t.app, editorA, 'DELETE', `/api/programmes/${code}`)).status).toBe(204);
    expect(await visible()).toEqual({
      listed: null,
      inProfile: false,
      coveredKharkiv: false,
      coveredChuhuiv: false,
    });
    expect((await call(t.app, null, 'GET', `/api/programmes/${code}`)).status).toBe(404);
    expect(
      (await call(t.app, editorA, 'PATCH', `/api/programmes/${code}`, { body: { status: 'active' } })).status,
    ).toBe(404);

    // Nothing was erased: the rows are there, marked.
    const editorAUser = (editorA as { userId: number }).userId;
    const programme = await t.database.db
      .selectFrom('programmes')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(programme).toMatchObject({ deleted_by: editorAUser, deleted_at: expect.any(String) });
    const sites = await t.database.db
      .selectFrom('programme_sites')
      .selectAll()
      .where('programme_id', '=', id)
      .execute();
    expect(sites.map((s) => [s.unit_pcode, s.deleted_by])).toEqual(
      expect.arrayContaining([
        ['UA6312027', editorAUser],
        ['UA6314017', null],
      ]),
    );
    // A deleted programme's code stays taken.
    const reuse = await call<ErrorBody>(t.app, editorA, 'POST', '/api/programmes', {
      body: { code, organisationId: orgA, title: 'x', sector: 'y', periodStart: '2025-01-01' },
    });
    expect(reuse.status).toBe(409);
    expect(reuse.body.error.message).toMatch(/deleted programme/);
  });
});

describe('5W/HXL upload', () => {
  const header =
    'Organisation,Sector,Activity,Hromada,Start,End,Reached,Code\n#org,#sector,#activity,#adm3+code,#date+start,#date+end,#reached,#meta+id\n';

  it('previews the rows, every problem (row, field, message) and what changes, writing nothing', async () => {
    const code = unique('fixture-preview');
    const csv =
      header +
      `${orgAName},Social cohesion,Circles,UA6312027,2025-01-01,2025-12-31,40,${code}\n` +
      `${orgAName},Social cohesion,Circles,UA9999999,2025-01-01,,,${code}\n` +
      `${orgAName},Social cohesion,Circles,UA6314017,01/02/2025,,-5,${code}\n` +
      `${orgAName},Social cohesion,Circles,UA6312027,2025-01-01,,,${code}\n`;
    const before = await writableFingerprint(t.database.db);
    const res = await call<{
      committed: boolean;
      rows: { row: number; pcode: string }[];
      errors: { row: number; field: string | null; message: string }[];
      programmes: { code: string; action: string; added: string[]; removed: string[] }[];
    }>(t.app, editorA, 'POST', '/api/programmes/import?mode=preview', { body: csv });
    expect(res.status).toBe(200);
    expect(res.body.committed).toBe(false);
    expect(res.body.errors).toEqual([
      { row: 4, field: '#adm3+code', message: 'no hromada UA9999999 in the imported boundaries' },
      {
        row: 5,
        field: '#date+start',
        message: '"01/02/2025" is not a date (expected YYYY-MM-DD, DD.MM.YYYY or YYYY)',
      },
      { row: 5, field: '#reached', message: '"-5": must not be negative' },
      {
        row: 6,
        field: '#adm3+code',
        message: `site UA6312027 from 2025-01-01 is listed twice for programme ${code}`,
      },
    ]);
    expect(res.body.rows.map((r) => [r.row, r.pcode])).toEqual([[3, 'UA6312027']]);
    expect(res.body.programmes).toEqual([
      expect.objectContaining({ code, action: 'create', added: ['UA6312027@2025-01-01'], removed: [] }),
    ]);
    expect(await writableFingerprint(t.database.db)).toEqual(before);

    // Committing the same file is refused whole.
    const commit = await call<ErrorBody>(t.app, editorA, 'POST', '/api/programmes/import?mode=commit', {
      body: csv,
    });
    expect(commit.status).toBe(422);
    expect((commit.body.error.details as { errors: unknown[] }).errors).toEqual(res.body.errors);
    expect(await writableFingerprint(t.database.db)).toEqual(before);
  });

  it("checks each row's organisation: an editor's preview names the rows of other organisations", async () => {
    const csv =
      header +
      `${orgAName},Social cohesion,Circles,UA6312027,2025-01-01,,,${unique('fixture-mine')}\n` +
      `Somebody Else,Social cohesion,Circles,UA6312027,2025-01-01,,,${unique('fixture-theirs')}\n`;
    const preview = await call<{ errors: { row: number; field: string; message: string }[] }>(
      t.app,
      editorA,
      'POST',
      '/api/programmes/import',
      { body: csv },
    );
    expect(preview.status).toBe(200);
    expect(preview.body.errors).toEqual([
      {
        row: 4,
        field: '#org',
        message: 'no organisation "Somebody Else": an admin creates organisations (or correct the name)',
      },
    ]);
    const before = await writableFingerprint(t.database.db);
    const commit = await call<ErrorBody>(t.app, editorA, 'POST', '/api/programmes/import?mode=commit', {
      body: csv,
    });
    expect(commit.status).toBe(403);
    expect(await writableFingerprint(t.database.db)).toEqual(before);
    // Previews are for editors and admins; the file-level problems are a 422 with the parser's message.
    expect((await call(t.app, viewer, 'POST', '/api/programmes/import', { body: csv })).status).toBe(403);
    expect((await call(t.app, null, 'POST', '/api/programmes/import', { body: csv })).status).toBe(401);
    const noTags = await call<ErrorBody>(t.app, editorA, 'POST', '/api/programmes/import', {
      body: 'a,b\n1,2\n',
    });
    expect(noTags.status).toBe(422);
    expect(noTags.body.error.message).toMatch(/no HXL hashtag row/);
    const json = await call<ErrorBody>(t.app, editorA, 'POST', '/api/programmes/import', { body: { csv } });
    expect(json.status).toBe(400);
  });

  it('commits a re-upload as a replacement: dropped sites are kept as deleted, one audit row per programme', async () => {
    const code = unique('fixture-reupload');
    const first =
      header +
      `${orgAName},Social cohesion,Circles,UA6312027,2025-01-01,,10,${code}\n` +
      `${orgAName},Social cohesion,Circles,UA6314017,2025-01-01,,20,${code}\n`;
    expect(
      (await call(t.app, editorA, 'POST', '/api/programmes/import?mode=commit', { body: first })).status,
    ).toBe(200);
    const second =
      header +
      `${orgAName},Social cohesion,Circles,UA6314017,2025-01-01,,25,${code}\n` +
      `${orgAName},Social cohesion,Circles,UA2604019,2025-04-01,,5,${code}\n`;
    const preview = await call<{ programmes: { action: string; added: string[]; removed: string[] }[] }>(
      t.app,
      editorA,
      'POST',
      '/api/programmes/import?mode=preview',
      { body: second },
    );
    expect(preview.body.programmes).toEqual([
      expect.objectContaining({
        action: 'update',
        added: ['UA2604019@2025-04-01'],
        removed: ['UA6312027@2025-01-01'],
      }),
    ]);
    const lastId = Number(
      (
        await t.database.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirst()
      )?.id ?? 0,
    );
    const res = await call<{ committed: boolean }>(
      t.app,
      editorA,
      'POST',
      '/api/programmes/import?mode=commit',
      {
        body: second,
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.committed).toBe(true);
    const programme = (await call<ProgrammeDetail>(t.app, null, 'GET', `/api/programmes/${code}`)).body;
    expect(programme.sites.map((s) => [s.pcode, s.reached])).toEqual([
      ['UA2604019', 5],
      ['UA6314017', 25],
    ]);
    // An upload is not an open-data source.
    expect(programme.source).toBeNull();
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('id', '>', lastId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'import', entity_id: code });
    expect((audit[0]!.before as { sites: { pcode: string }[] }).sites.map((s) => s.pcode)).toEqual([
      'UA6312027',
      'UA6314017',
    ]);
    const kept = await t.database.db
      .selectFrom('programme_sites as s')
      .innerJoin('programmes as p', 'p.id', 's.programme_id')
      .select(['s.unit_pcode', 's.deleted_at'])
      .where('p.code', '=', code)
      .where('s.deleted_at', 'is not', null)
      .execute();
    expect(kept.map((s) => s.unit_pcode)).toEqual(['UA6312027']);
    // The upload is recorded as an import batch with the file's hash.
    const batch = await t.database.db
      .selectFrom('import_batches')
      .selectAll()
      .where('kind', 'like', 'programmes-upload:%')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(batch).toMatchObject({
      file_name: 'upload.csv',
      rows_read: 2,
      rows_accepted: 2,
      rows_rejected: 0,
    });
  });

  it("lets an admin's upload create a new organisation: audited too", async () => {
    const name = unique('FIXTURE uploaded organisation');
    const code = unique('fixture-admin-upload');
    const lastId = Number(
      (
        await t.database.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirst()
      )?.id ?? 0,
    );
    const res = await call(t.app, admin, 'POST', '/api/programmes/import?mode=commit', {
      body: header + `${name},Health,Clinics,UA6312027,2025-01-01,,,${code}\n`,
    });
    expect(res.status).toBe(200);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, a.entity_type])).toEqual([
      ['create', 'organisation'],
      ['import', 'programme'],
    ]);
    expect(audit[0]!.after).toMatchObject({ name });
  });
});

describe('assessments', () => {
  it('are entered per community; models use them at once; a deleted one stops counting', async () => {
    const cpi = (
      await call<{ dimensions: { components: { indicators: { id: string; indicatorId: string }[] }[] }[] }>(
        t.app,
        null,
        'GET',
        '/api/models/cpi',
      )
    ).body;
    const node = cpi.dimensions
      .flatMap((d) => d.components.flatMap((c) => c.indicators))
      .find((i) => i.indicatorId === 'assessment_cohesion_trust')!;
    const valueAt = async (pcode: string) => {
      const m = (
        await call<{ units: string[]; columns: Record<string, { values: (number | null)[] }> }>(
          t.app,
          null,
          'GET',
          '/api/models/cpi/matrix',
        )
      ).body;
      return m.columns[node.id]!.values[m.units.indexOf(pcode)];
    };
    const version = async () =>
      (await call<{ dataVersion: string }>(t.app, null, 'GET', '/api/health')).body.dataVersion;
    const tileBuild = async () =>
      (await sql<{ data_version: string }>`select data_version from tile_builds`.execute(t.database.db)).rows;

    await t.app.request('/tiles/hromada/6/38/21');
    const geometryBefore = await tileBuild();
    const versionBefore = await version();
    expect(await valueAt('UA2604019')).toBeNull();

    const created = await call<{ id: number }>(t.app, editorA, 'POST', '/api/assessments', {
      body: {
        pcode: 'UA26040190000000000'.slice(0, 9),
        assessedOn: '2026-03-01',
        organisationId: orgA,
        scores: { cohesion_trust: 8 },
      },
    });
    expect(created.status).toBe(201);
    const versionAfter = await version();
    expect(versionAfter).toMatch(new RegExp(`^${versionBefore.replace(/-e\d+$/, '')}-e\\d+$`));
    expect(versionAfter).not.toBe(versionBefore);
    expect(await valueAt('UA2604019')).toBe(8);
    // An edit moves the data version, but the tile geometry (boundaries) is not rebuilt for it.
    await t.app.request('/tiles/hromada/6/38/21');
    expect(await tileBuild()).toEqual(geometryBefore);

    const listed = await call<{ id: number; lastChangedBy: string; organisationId: number }[]>(
      t.app,
      null,
      'GET',
      '/api/assessments?pcode=UA2604019',
    );
    expect(listed.body).toEqual([
      expect.objectContaining({
        id: created.body.id,
        organisationId: orgA,
        lastChangedBy: 'FIXTURE Editor A',
      }),
    ]);
    // The profile panel's source: the unit profile lists it with its scores, organisation and who changed it.
    const profile = await call<{
      assessments: {
        id: number;
        assessedOn: string;
        organisation: string | null;
        scores: Record<string, number | null>;
        lastChangedBy: string | null;
      }[];
    }>(t.app, null, 'GET', '/api/units/UA2604019');
    const orgName = (
      await t.database.db
        .selectFrom('organisations')
        .select('name')
        .where('id', '=', orgA)
        .executeTakeFirstOrThrow()
    ).name;
    expect(profile.body.assessments).toEqual([
      expect.objectContaining({
        id: created.body.id,
        assessedOn: '2026-03-01',
        organisation: orgName,
        lastChangedBy: 'FIXTURE Editor A',
      }),
    ]);
    expect(profile.body.assessments[0]!.scores).toMatchObject({ cohesion_trust: 8, police_community: null });
    const same = await call<ErrorBody>(t.app, editorA, 'POST', '/api/assessments', {
      body: {
        pcode: 'UA2604019',
        assessedOn: '2026-03-01',
        organisationId: orgA,
        scores: { cohesion_trust: 2 },
      },
    });
    expect(same.status).toBe(409);
    const none = await call<ErrorBody>(t.app, editorA, 'POST', '/api/assessments', {
      body: { pcode: 'UA2604019', assessedOn: uniqueDate(), organisationId: orgA, scores: {} },
    });
    expect(none.status).toBe(400);
    const outOfRange = await call<ErrorBody>(t.app, editorA, 'POST', '/api/assessments', {
      body: {
        pcode: 'UA2604019',
        assessedOn: uniqueDate(),
        organisationId: orgA,
        scores: { cohesion_trust: 11 },
      },
    });
    expect(outOfRange.status).toBe(400);
    const unknownComponent = await call<ErrorBody>(t.app, editorA, 'POST', '/api/assessments', {
      body: { pcode: 'UA2604019', assessedOn: uniqueDate(), organisationId: orgA, scores: { trust: 5 } },
    });
    expect(unknownComponent.status).toBe(400);

    expect((await call(t.app, editorA, 'DELETE', `/api/assessments/${created.body.id}`)).status).toBe(204);
    expect(await valueAt('UA2604019')).toBeNull();
    expect((await call<unknown[]>(t.app, null, 'GET', '/api/assessments?pcode=UA2604019')).body).toEqual([]);
    // The date is free again; the deleted row stays as history.
    const again = await call(t.app, editorA, 'POST', '/api/assessments', {
      body: {
        pcode: 'UA2604019',
        assessedOn: '2026-03-01',
        organisationId: orgA,
        scores: { cohesion_trust: 7 },
      },
    });
    expect(again.status).toBe(201);
    const rows = await t.database.db
      .selectFrom('assessments')
      .select(['deleted_at'])
      .where('unit_pcode', '=', 'UA2604019')
      .execute();
    expect(rows).toHaveLength(2);
  });

  it('leaves imported assessments (no organisation) to admins', async () => {
    const { id } = await t.database.db
      .insertInto('assessments')
      .values({
        unit_pcode: 'UA6314017',
        assessed_on: uniqueDate(),
        assessor: 'FIXTURE imported',
        strategy_adopted: null,
        notes: null,
        batch_id: null,
        cohesion_trust: 4,
        stakeholder_communication: null,
        police_community: null,
        resident_leadership: null,
        vulnerable_integration: null,
        idp_economic: null,
        idp_social: null,
        idp_youth: null,
        idp_legal: null,
        idp_cultural: null,
        idp_information: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const byEditor = await call<ErrorBody>(t.app, editorA, 'PATCH', `/api/assessments/${id}`, {
      body: { notes: 'x' },
    });
    expect(byEditor.status).toBe(403);
    expect(byEditor.body.error.message).toMatch(/only an admin/);
    expect(
      (await call(t.app, admin, 'PATCH', `/api/assessments/${id}`, { body: { organisationId: orgA } }))
        .status,
    ).toBe(200);
    expect(
      (await call(t.app, editorA, 'PATCH', `/api/assessments/${id}`, { body: { notes: 'now ours' } })).status,
    ).toBe(200);
  });
});

describe('GET /api/audit', () => {
  it('shows admins everything, with filters and paging', async () => {
    const { code } = await createFixtureProgramme(t.database.db, { organisationId: orgB });
    await call(t.app, editorB, 'PATCH', `/api/programmes/${code}`, { body: { budget: 1 } });
    await call(t.app, editorB, 'PATCH', `/api/programmes/${code}`, { body: { budget: 2 } });
    const all = await call<{
      entries: { entityId: string; before: { budget: number }; after: { budget: number } }[];
    }>(t.app, admin, 'GET', `/api/audit?entityType=programme&entityId=${code}`);
    expect(all.status).toBe(200);
    expect(all.body.entries.map((e) => [e.before.budget, e.after.budget])).toEqual([
      [1, 2],
      [1000, 1],
    ]);
    const page1 = await call<{ entries: { id: number }[]; nextBefore: number | null }>(
      t.app,
      admin,
      'GET',
      `/api/audit?entityId=${code}&limit=1`,
    );
    expect(page1.body.entries).toHaveLength(1);
    const page2 = await call<{ entries: { id: number }[]; nextBefore: number | null }>(
      t.app,
      admin,
      'GET',
      `/api/audit?entityId=${code}&limit=1&before=${page1.body.nextBefore}`,
    );
    expect(page2.body.entries[0]!.id).toBeLessThan(page1.body.entries[0]!.id);
    expect(page2.body.nextBefore).toBeNull();
    const future = await call<{ entries: unknown[] }>(t.app, admin, 'GET', '/api/audit?from=2999-01-01');
    expect(future.body.entries).toEqual([]);
    const byActor = await call<{ entries: { actor: { id: number } }[] }>(
      t.app,
      admin,
      'GET',
      `/api/audit?actor=${(editorB as { userId: number }).userId}`,
    );
    expect(byActor.body.entries.length).toBeGreaterThanOrEqual(2);
    expect(new Set(byActor.body.entries.map((e) => e.actor.id))).toEqual(
      new Set([(editorB as { userId: number }).userId]),
    );
  });

  it("shows others what they did and what happened to their organisations' records; nobody anonymous", async () => {
    const seenBy = async (caller: Caller) =>
      (
        await call<{ entries: { organisationId: number | null; actor: { id: number | null } }[] }>(
          t.app,
          caller,
          'GET',
          '/api/audit?limit=500',
        )
      ).body.entries;
    const ofA = await seenBy(editorA);
    expect(ofA.length).toBeGreaterThan(0);
    for (const e of ofA) {
      expect(e.organisationId === orgA || e.actor.id === (editorA as { userId: number }).userId).toBe(true);
    }
    expect((await seenBy(editorB)).some((e) => e.organisationId === orgA)).toBe(false);
    expect(
      (await seenBy(viewer)).every(
        (e) => e.organisationId === orgA || e.actor.id === (viewer as { userId: number }).userId,
      ),
    ).toBe(true);
    expect((await call(t.app, null, 'GET', '/api/audit')).status).toBe(401);
  });
});

describe('users and organisations', () => {
  it('keeps one active admin at least', async () => {
    const adminId = (admin as { userId: number }).userId;
    const others = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'admin')
      .where('id', '<>', adminId)
      .execute();
    expect(others).toEqual([]);
    const demote = await call<ErrorBody>(t.app, admin, 'PATCH', `/api/users/${adminId}`, {
      body: { role: 'editor' },
    });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toMatch(/last active admin/);
    const disable = await call(t.app, admin, 'PATCH', `/api/users/${adminId}`, { body: { disabled: true } });
    expect(disable.status).toBe(409);
  });

  it('refuses duplicate emails and unknown organisations; never shows a password hash', async () => {
    const body = {
      email: 'Dup@Fixture.example.org',
      name: 'FIXTURE dup',
      role: 'viewer',
      password: 'FIXTURE long password',
    };
    const first = await call<{ email: string }>(t.app, admin, 'POST', '/api/users', { body });
    expect(first.status).toBe(201);
    expect(first.body.email).toBe('dup@fixture.example.org');
    expect(
      (
        await call(t.app, admin, 'POST', '/api/users', {
          body: { ...body, email: 'dup@FIXTURE.example.org' },
        })
      ).status,
    ).toBe(409);
    const unknownOrg = await call<ErrorBody>(t.app, admin, 'POST', '/api/users', {
      body: { ...body, email: 'other@fixture.example.org', organisationIds: [999999] },
    });
    expect(unknownOrg.status).toBe(422);
    const list = await call(t.app, admin, 'GET', '/api/users');
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|password_hash/);
    expect((await call(t.app, editorA, 'GET', '/api/users')).status).toBe(403);
  });

  it('refuses to delete an organisation that still has programmes', async () => {
    const res = await call<ErrorBody>(t.app, admin, 'DELETE', `/api/organisations/${orgA}`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/still has \d+ programme/);
  });
});
