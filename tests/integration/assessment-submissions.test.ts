import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createFixtureOrganisation,
  createFixtureSession,
  createFixtureUser,
  writableFingerprint,
  type Caller,
} from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue #13, sections 3 and 4: field submissions from KoboToolbox and ODK Central exports, upload → preview →
// commit → the hromada's profile and the CPI. Every export here is a hand-made FIXTURE
// (tests/fixtures/submissions/README.md): a fixed arithmetic pattern of answers, ids "fixture-…", real hromada
// pcodes, written only to this file's private database copy.

interface Rejection {
  row: number;
  id: string | null;
  field: string | null;
  code: string;
  message: string;
}
interface Result {
  mode: string;
  committed: boolean;
  format: string;
  rowsRead: number;
  accepted: number;
  duplicates: string[];
  rejected: Rejection[];
  rounds: {
    pcode: string;
    roundDate: string;
    respondents: number;
    action: string;
    components: {
      component: string;
      weighting: string | null;
      status: string;
      n: number;
      score: number | null;
      low: number | null;
      high: number | null;
    }[];
  }[];
  batchId: number | null;
}

const PCODE = 'UA6314017';
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/submissions/${name}`, import.meta.url), 'utf8');
const kobo = fixture('FIXTURE-kobo-semicolon.csv');
const odk = fixture('FIXTURE-odk-central-comma.csv');
const koboLabels = fixture('FIXTURE-kobo-labels-uk.csv');

let t: TestApp;
let orgId: number;
let editor: Caller;
let otherEditor: Caller;
let viewer: Caller;
let admin: Caller;
let otherOrgId: number;
/** The batch of each committed upload, in order: Kobo, Kobo again, ODK Central, Kobo with labels. */
const batches: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  orgId = await createFixtureOrganisation(db);
  const otherOrg = await createFixtureOrganisation(db);
  otherOrgId = otherOrg;
  admin = await createFixtureSession(db, (await createFixtureUser(db, { role: 'admin' })).id);
  editor = await createFixtureSession(
    db,
    (await createFixtureUser(db, { role: 'editor', organisationIds: [orgId] })).id,
  );
  otherEditor = await createFixtureSession(
    db,
    (await createFixtureUser(db, { role: 'editor', organisationIds: [otherOrg] })).id,
  );
  viewer = await createFixtureSession(db, (await createFixtureUser(db, { role: 'viewer' })).id);
});
afterAll(async () => {
  await t?.close();
});

const upload = (caller: Caller | null, path: string, body: string, org = orgId, query = '') =>
  call<Result>(t.app, caller, 'POST', `${path}?organisationId=${org}${query}`, { body });

describe('assessment submissions', () => {
  it('refuses viewers, editors of another organisation and anonymous callers, changing nothing', async () => {
    const before = await writableFingerprint(t.database.db);
    expect((await upload(viewer, '/api/assessment-submissions/preview', kobo)).status).toBe(403);
    expect((await upload(viewer, '/api/assessment-submissions', kobo)).status).toBe(403);
    expect((await upload(otherEditor, '/api/assessment-submissions', kobo)).status).toBe(403);
    expect((await upload(null, '/api/assessment-submissions', kobo)).status).toBe(401);
    expect((await upload(editor, '/api/assessment-submissions', 'not;an;export\n1;2;3\n')).status).toBe(422);
    expect(await writableFingerprint(t.database.db)).toEqual(before);
  });

  it('previews a KoboToolbox export: counts, every rejection reason and the scores, writing nothing', async () => {
    const before = await writableFingerprint(t.database.db);
    const { status, body } = await upload(editor, '/api/assessment-submissions/preview', kobo);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      mode: 'preview',
      committed: false,
      format: 'kobo',
      accepted: 12,
      batchId: null,
    });
    const reasons = body.rejected.map((r) => r.message);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'no consent',
        'consent missing',
        'duplicate submission id in this file',
        'not approved in KoboToolbox (_validation_status)',
        'unknown hromada "UA9999999"',
        expect.stringMatching(/^out-of-range answer/),
      ]),
    );
    const round = body.rounds.find((r) => r.pcode === PCODE && r.roundDate === '2026-11-01')!;
    expect(round).toMatchObject({ respondents: 12, action: 'create' });
    const cohesion = round.components.find((c) => c.component === 'cohesion_trust')!;
    expect(cohesion.status).toBe('scored');
    expect(cohesion.low!).toBeLessThanOrEqual(cohesion.score!);
    expect(cohesion.high!).toBeGreaterThanOrEqual(cohesion.score!);

    // Post-stratified to a mix of the groups that answered; a malformed mix is a 400.
    const mixed = await upload(
      editor,
      '/api/assessment-submissions/preview',
      kobo,
      orgId,
      '&targetMix=resident:0.5,idp:0.5',
    );
    expect(mixed.status).toBe(200);
    expect(mixed.body.rounds[0]!.components[0]).toMatchObject({ weighting: 'post-stratified' });
    expect(
      (await upload(editor, '/api/assessment-submissions/preview', kobo, orgId, '&targetMix=martians:1'))
        .status,
    ).toBe(400);
    expect(await writableFingerprint(t.database.db)).toEqual(before);
  });

  it('commits: the profile shows the assessment and the CPI no longer takes that component from a proxy', async () => {
    // Before: this hromada's cohesion comes from the open-data proxies (so the change below means something).
    const proxiedBefore = await t.getJson<{ units: { pcode: string; proxyComponents: string[] }[] }>(
      '/api/models/cpi/scores?bands=false',
    );
    expect(proxiedBefore.body.units.find((u) => u.pcode === PCODE)!.proxyComponents).toContain(
      'cohesion_trust',
    );

    const { status, body } = await upload(editor, '/api/assessment-submissions', kobo);
    expect(status).toBe(200);
    expect(body).toMatchObject({ committed: true, accepted: 12 });
    expect(body.batchId).toEqual(expect.any(Number));
    batches.kobo = body.batchId!;
    const rejected = await t.database.db
      .selectFrom('rejected_rows')
      .select(['reason'])
      .where('batch_id', '=', body.batchId!)
      .execute();
    expect(rejected).toHaveLength(body.rejected.length);

    const profile = await t.getJson<{
      assessments: { assessedOn: string; scores: Record<string, number | null> }[];
    }>(`/api/units/${PCODE}`);
    const assessment = profile.body.assessments.find((a) => a.assessedOn === '2026-11-01')!;
    const cohesion = body.rounds[0]!.components.find((c) => c.component === 'cohesion_trust')!;
    expect(assessment.scores.cohesion_trust).toBeCloseTo(cohesion.score!, 10);

    const cpi = await t.getJson<{ units: { pcode: string; proxyComponents: string[] }[] }>(
      '/api/models/cpi/scores?bands=false',
    );
    const unit = cpi.body.units.find((u) => u.pcode === PCODE)!;
    expect(unit.proxyComponents).not.toContain('cohesion_trust');

    const stats = await t.database.db
      .selectFrom('assessment_component_stats')
      .selectAll()
      .where('component', '=', 'cohesion_trust')
      .execute();
    expect(stats).toEqual([
      expect.objectContaining({ respondents: 12, ci_low: cohesion.low, ci_high: cohesion.high }),
    ]);
  });

  it('is idempotent: the same export again imports nothing new and changes no score', async () => {
    const scores = await t.database.db
      .selectFrom('assessments')
      .selectAll()
      .where('unit_pcode', '=', PCODE)
      .execute();
    const { status, body } = await upload(editor, '/api/assessment-submissions', kobo);
    expect(status).toBe(200);
    expect(body.accepted).toBe(0);
    expect(body.duplicates).toHaveLength(12);
    expect(body.rounds).toEqual([]);
    batches.koboAgain = body.batchId!;
    const after = await t.database.db
      .selectFrom('assessments')
      .selectAll()
      .where('unit_pcode', '=', PCODE)
      .execute();
    expect(after).toEqual(scores);
  });

  it('adds an ODK Central export to the same round and rejects its unknown form version', async () => {
    const { status, body } = await upload(editor, '/api/assessment-submissions', odk);
    expect(status).toBe(200);
    expect(body).toMatchObject({ format: 'odk-central', accepted: 10 });
    batches.odk = body.batchId!;
    expect(body.rejected).toEqual([
      expect.objectContaining({ id: 'fixture-odk-0011', message: 'unknown form version "2020010101"' }),
    ]);
    expect(body.rounds[0]).toMatchObject({ pcode: PCODE, respondents: 22, action: 'update' });
  });

  it('reads a KoboToolbox XLSX export sent as .xlsx: the same rows, already imported', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('FIXTURE');
    for (const line of kobo.trim().split('\n'))
      sheet.addRow(line.split(';').map((c) => c.replace(/^"|"$/g, '')));
    const { status, body } = await call<Result>(
      t.app,
      editor,
      'POST',
      `/api/assessment-submissions/preview?organisationId=${orgId}&fileName=FIXTURE-kobo.xlsx`,
      {
        body: new Uint8Array(await workbook.xlsx.writeBuffer()),
        headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      },
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ format: 'kobo', accepted: 0 });
    expect(body.duplicates).toHaveLength(12);
  });

  it('imports a KoboToolbox export with Ukrainian label headers, finding the hromada by its names', async () => {
    const { status, body } = await upload(editor, '/api/assessment-submissions', koboLabels);
    expect(status).toBe(200);
    expect(body).toMatchObject({ format: 'kobo', committed: true, accepted: 12 });
    batches.labels = body.batchId!;
    expect(body.rejected.map((r) => r.message)).toContain(
      'unknown hromada "Невідома" (raion "Невідомий", oblast "Невідома")',
    );
    // Зміївська, Чугуївський район, Харківська область: the cascade's labels of UA6314003.
    expect(body.rounds).toEqual([
      expect.objectContaining({
        pcode: 'UA6314003',
        roundDate: '2026-11-01',
        respondents: 12,
        action: 'create',
      }),
    ]);
    const profile = await t.getJson<{
      assessments: { assessedOn: string; scores: Record<string, number | null> }[];
    }>('/api/units/UA6314003');
    const cohesion = body.rounds[0]!.components.find((c) => c.component === 'cohesion_trust')!;
    expect(
      profile.body.assessments.find((a) => a.assessedOn === '2026-11-01')!.scores.cohesion_trust,
    ).toBeCloseTo(cohesion.score!, 10);
  });
});

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface FieldRound {
  pcode: string;
  nameUk: string;
  roundDate: string;
  respondents: number;
  formVersions: string[];
  assessmentId: number | null;
  batchIds: number[];
}
interface Upload {
  batchId: number;
  fileName: string;
  at: string;
  uploadedBy: string | null;
  rowsRead: number;
  accepted: number;
  rejected: number;
  status: string;
}
interface StoredRejection {
  row: number;
  field: string | null;
  code: string;
  message: string;
}

// Issue #13, section 7: what an organisation has uploaded and which rounds it made. Runs after the uploads above.
describe("an organisation's rounds and uploads", () => {
  const get = <T>(caller: Caller | null, path: string) => call<T>(t.app, caller, 'GET', path);

  it('gives every rejection a code the UI translates, in the preview as in the stored rows', async () => {
    for (const file of [kobo, odk, koboLabels]) {
      const { body } = await upload(editor, '/api/assessment-submissions/preview', file);
      expect(body.rejected.length).toBeGreaterThan(0);
      for (const r of body.rejected) expect(r.code, r.message).not.toBe('other');
    }
  });

  it("lists the organisation's rounds, newest first, with respondents, form versions, assessment and uploads", async () => {
    const { status, body } = await get<Page<FieldRound>>(
      editor,
      `/api/assessment-submissions/rounds?organisationId=${orgId}`,
    );
    expect(status).toBe(200);
    const assessments = await t.database.db
      .selectFrom('assessments')
      .select(['id', 'unit_pcode'])
      .where('organisation_id', '=', orgId)
      .where('deleted_at', 'is', null)
      .execute();
    const idOf = (pcode: string) => assessments.find((a) => a.unit_pcode === pcode)!.id;
    expect(body).toEqual({
      items: [
        {
          pcode: 'UA6314003',
          nameUk: 'Зміївська',
          nameEn: expect.any(String),
          roundDate: '2026-11-01',
          respondents: 12,
          formVersions: ['2026120401'],
          assessmentId: idOf('UA6314003'),
          batchIds: [batches.labels],
        },
        {
          pcode: PCODE,
          nameUk: 'Чугуївська',
          nameEn: expect.any(String),
          roundDate: '2026-11-01',
          respondents: 22, // 12 from the Kobo export, 10 from ODK Central
          formVersions: ['2026120401'],
          assessmentId: idOf(PCODE),
          batchIds: [batches.kobo, batches.odk].sort((a, b) => a! - b!),
        },
      ],
      nextCursor: null,
    });

    const first = await get<Page<FieldRound>>(
      editor,
      `/api/assessment-submissions/rounds?organisationId=${orgId}&limit=1`,
    );
    expect(first.body.items.map((r) => r.pcode)).toEqual(['UA6314003']);
    const second = await get<Page<FieldRound>>(
      editor,
      `/api/assessment-submissions/rounds?organisationId=${orgId}&limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body).toMatchObject({ items: [{ pcode: PCODE }], nextCursor: null });
    const badCursor = await get(
      editor,
      `/api/assessment-submissions/rounds?organisationId=${orgId}&cursor=xyz`,
    );
    expect(badCursor.status).toBe(400);
  });

  it('lists its uploads newest first: file, when, by whom, counts; the same file again supersedes the first', async () => {
    const { status, body } = await get<Page<Upload>>(
      editor,
      `/api/assessment-submissions/uploads?organisationId=${orgId}`,
    );
    expect(status).toBe(200);
    expect(body.items.map((u) => u.batchId)).toEqual([
      batches.labels,
      batches.odk,
      batches.koboAgain,
      batches.kobo,
    ]);
    const byId = new Map(body.items.map((u) => [u.batchId, u]));
    expect(byId.get(batches.kobo!)).toMatchObject({
      fileName: 'submissions.csv',
      uploadedBy: 'FIXTURE editor',
      rowsRead: 18,
      accepted: 12,
      rejected: 6,
      status: 'superseded',
    });
    expect(byId.get(batches.koboAgain!)).toMatchObject({ accepted: 0, status: 'succeeded' });
    expect(byId.get(batches.odk!)).toMatchObject({ accepted: 10, rejected: 1 });
    expect(Date.parse(byId.get(batches.kobo!)!.at)).not.toBeNaN();

    const page = await get<Page<Upload>>(
      editor,
      `/api/assessment-submissions/uploads?organisationId=${orgId}&limit=3`,
    );
    expect(page.body.items).toHaveLength(3);
    const rest = await get<Page<Upload>>(
      editor,
      `/api/assessment-submissions/uploads?organisationId=${orgId}&limit=3&cursor=${page.body.nextCursor}`,
    );
    expect(rest.body).toEqual({
      items: [expect.objectContaining({ batchId: batches.kobo })],
      nextCursor: null,
    });
  });

  it("shows an upload's rejected rows in file order, with their codes", async () => {
    const { status, body } = await get<Page<StoredRejection>>(
      editor,
      `/api/assessment-submissions/uploads/${batches.kobo}/rejected`,
    );
    expect(status).toBe(200);
    expect(body.items.map((r) => [r.row, r.code])).toEqual([
      [14, 'no_consent'],
      [15, 'out_of_range_answer'],
      [16, 'unknown_hromada'],
      [17, 'not_approved'],
      [18, 'duplicate_in_file'],
      [19, 'consent_missing'],
    ]);
    expect(body.items.find((r) => r.code === 'unknown_hromada')).toMatchObject({
      field: 'hromada',
      message: 'unknown hromada "UA9999999" (submission fixture-kobo-0015)',
    });
    const paged = await get<Page<StoredRejection>>(
      editor,
      `/api/assessment-submissions/uploads/${batches.kobo}/rejected?limit=2`,
    );
    expect(paged.body.items).toEqual(body.items.slice(0, 2));
    expect(paged.body.nextCursor).toEqual(expect.any(String));
  });

  it('is for the organisation’s editors and admins only; unknown organisations and uploads are 404', async () => {
    const rounds = `/api/assessment-submissions/rounds?organisationId=${orgId}`;
    const uploads = `/api/assessment-submissions/uploads?organisationId=${orgId}`;
    const rejected = `/api/assessment-submissions/uploads/${batches.kobo}/rejected`;
    for (const path of [rounds, uploads, rejected]) {
      expect((await get(null, path)).status, path).toBe(401);
      expect((await get(viewer, path)).status, path).toBe(403);
      expect((await get(otherEditor, path)).status, path).toBe(403);
      expect((await get(admin, path)).status, path).toBe(200);
    }
    const empty = await get<Page<Upload>>(
      otherEditor,
      `/api/assessment-submissions/uploads?organisationId=${otherOrgId}`,
    );
    expect(empty).toMatchObject({ status: 200, body: { items: [], nextCursor: null } });
    expect((await get(admin, '/api/assessment-submissions/rounds?organisationId=999999')).status).toBe(404);
    expect((await get(admin, '/api/assessment-submissions/uploads/999999/rejected')).status).toBe(404);
    // A batch that is not an upload (the boundaries' import) is not shown through this route.
    const boundaries = await t.database.db
      .selectFrom('import_batches')
      .select('id')
      .where('kind', 'not like', 'assessment-submissions:%')
      .executeTakeFirstOrThrow();
    expect((await get(admin, `/api/assessment-submissions/uploads/${boundaries.id}/rejected`)).status).toBe(
      404,
    );
  });
});
