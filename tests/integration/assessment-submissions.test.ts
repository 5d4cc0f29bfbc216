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

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  orgId = await createFixtureOrganisation(db);
  const otherOrg = await createFixtureOrganisation(db);
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
