import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  StrategyCounts,
  StrategyView,
  StrategyWritten,
} from '../../server/features/strategies/strategies.schemas.ts';
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

// Issue #13, section 6: per community, the stage of its safety strategy (risk analysis → drafted → adopted by
// the council as a local programme → monitoring), validated as a whole, moving forward only, audited, counted
// per community at its furthest stage and exported. Organisations, users and strategies here are FIXTURES in
// this file's private database copy: no real community's strategy is described.

const NOW = new Date('2026-11-21T12:00:00.000Z');
let t: TestApp;
let orgA: number;
let orgB: number;
let editorA: Caller;
let editorB: Caller;
let admin: Caller;

interface ErrorBody {
  error: { code: string; message: string };
}

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  const db = t.database.db;
  orgA = await createFixtureOrganisation(db, unique('FIXTURE strategies organisation A'));
  orgB = await createFixtureOrganisation(db, unique('FIXTURE strategies organisation B'));
  const session = async (role: 'editor' | 'admin', organisationIds: number[], name: string) =>
    createFixtureSession(db, (await createFixtureUser(db, { role, organisationIds, name })).id, NOW);
  editorA = await session('editor', [orgA], 'FIXTURE strategies editor A');
  editorB = await session('editor', [orgB], 'FIXTURE strategies editor B');
  admin = await session('admin', [], 'FIXTURE strategies admin');
});
afterAll(async () => {
  await t?.close();
});

const create = (caller: Caller, body: Record<string, unknown>) =>
  call<StrategyWritten & ErrorBody>(t.app, caller, 'POST', '/api/strategies', { body });
const patch = (caller: Caller, id: number, body: Record<string, unknown>) =>
  call<StrategyWritten & ErrorBody>(t.app, caller, 'PATCH', `/api/strategies/${id}`, { body });
const dataVersion = async () => (await t.getJson<{ dataVersion: string }>('/api/health')).body.dataVersion;

describe('safety strategies', () => {
  let kharkivId: number;

  it('enters a risk analysis, advances it in order to adoption and monitoring, and moves the data version', async () => {
    const version = await dataVersion();
    const created = await create(editorA, {
      pcode: 'UA6312027',
      organisationId: orgA,
      stage: 'risk_analysis',
      riskAnalysisOn: '2025-03-01',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    kharkivId = created.body.id;
    expect(created.body).toMatchObject({ pcode: 'UA6312027', stage: 'risk_analysis', adoptedOn: null });
    expect(await dataVersion(), 'maps refresh after a strategy write').not.toBe(version);

    expect((await patch(editorA, kharkivId, { stage: 'drafted', draftedOn: '2025-06-01' })).status).toBe(200);
    const adopted = await patch(editorA, kharkivId, {
      stage: 'adopted',
      adoptedOn: '2025-09-15',
      decisionNumber: '1234-VIII',
      decisionUrl: 'https://example.org/FIXTURE/decision-1234',
    });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
    expect(adopted.body).toMatchObject({
      stage: 'adopted',
      riskAnalysisOn: '2025-03-01',
      draftedOn: '2025-06-01',
      adoptedOn: '2025-09-15',
      decisionNumber: '1234-VIII',
    });

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'organisation_id'])
      .where('entity_type', '=', 'safety_strategy')
      .where('entity_id', '=', String(kharkivId))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    expect(audit.every((a) => a.organisation_id === orgA)).toBe(true);
  });

  it('refuses a move back in the cycle and says why, changing nothing', async () => {
    const before = await writableFingerprint(t.database.db);
    const back = await patch(editorA, kharkivId, { stage: 'drafted' });
    expect(back.status).toBe(422);
    expect(back.body.error.message).toMatch(/moves forward only .* already at adopted; to correct a mistake/);
    expect(await writableFingerprint(t.database.db)).toEqual(before);
  });

  it('checks the record as a whole: adoption details, monitoring review, order of dates, no future events', async () => {
    const refusals: [Record<string, unknown>, RegExp][] = [
      [{ stage: 'adopted' }, /adoptedOn: .*needs the date.*decisionNumber: .*needs the number/],
      [{ stage: 'monitoring', adoptedOn: '2025-01-01', decisionNumber: '7' }, /nextReviewOn: .*next review/],
      [
        { stage: 'drafted', riskAnalysisOn: '2025-05-01', draftedOn: '2025-04-01' },
        /draftedOn: 2025-04-01 is before riskAnalysisOn 2025-05-01/,
      ],
      [
        { stage: 'risk_analysis', riskAnalysisOn: '2026-12-01' },
        /riskAnalysisOn: 2026-12-01 is in the future \(today is 2026-11-21\)/,
      ],
    ];
    for (const [body, message] of refusals) {
      const res = await create(editorB, { pcode: 'UA6314017', organisationId: orgB, ...body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.message).toMatch(message);
    }
    const link = await create(editorB, {
      pcode: 'UA6314017',
      organisationId: orgB,
      stage: 'risk_analysis',
      decisionUrl: 'javascript:alert(1)',
    });
    expect(link.status).toBe(400);
    expect(link.body.error.message).toMatch(/decisionUrl/);
  });

  it('lets only the owning organisation’s editors (and admins) write, one live record per community and organisation', async () => {
    const foreign = await patch(editorB, kharkivId, { notes: 'FIXTURE' });
    expect(foreign.status).toBe(403);
    expect(
      (await create(editorB, { pcode: 'UA6312027', organisationId: orgA, stage: 'drafted' })).status,
    ).toBe(403);
    const twice = await create(editorA, { pcode: 'UA6312027', organisationId: orgA, stage: 'drafted' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain(`(id ${kharkivId})`);
    // Another organisation accompanying the same community has its own record.
    const other = await create(editorB, {
      pcode: 'UA6312027',
      organisationId: orgB,
      stage: 'risk_analysis',
      riskAnalysisOn: '2024-10-01',
    });
    expect(other.status).toBe(201);
    const monitoring = await patch(admin, kharkivId, { stage: 'monitoring', nextReviewOn: '2027-03-01' });
    expect(monitoring.status, JSON.stringify(monitoring.body)).toBe(200);
  });

  it('counts communities once, at their furthest stage, per oblast, with each one’s stage for the map', async () => {
    const ivano = await create(admin, {
      pcode: 'UA2604019',
      organisationId: orgB,
      stage: 'drafted',
      draftedOn: '2025-02-01',
    });
    expect(ivano.status).toBe(201);
    const { status, body } = await t.getJson<StrategyCounts>('/api/strategies/counts');
    expect(status).toBe(200);
    expect(body.units).toEqual({ UA6312027: 'monitoring', UA2604019: 'drafted' });
    expect(body).toMatchObject({
      analysed: 2,
      adopted: 1,
      byStage: { risk_analysis: 0, drafted: 1, adopted: 0, monitoring: 1 },
    });
    expect(body.byOblast.map((o) => [o.oblastPcode, o.byStage.drafted, o.byStage.monitoring])).toEqual([
      ['UA26', 1, 0],
      ['UA63', 0, 1],
    ]);
    const kharkivOnly = await t.getJson<StrategyCounts>('/api/strategies/counts?oblast=UA63');
    expect(kharkivOnly.body.units).toEqual({ UA6312027: 'monitoring' });
    const orgBOnly = await t.getJson<StrategyCounts>(`/api/strategies/counts?organisation=${orgB}`);
    expect(orgBOnly.body.units).toEqual({ UA6312027: 'risk_analysis', UA2604019: 'drafted' });
    const bad = await t.getJson<ErrorBody>('/api/strategies/counts?oblast=UA99');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/query parameter oblast: no oblast UA99/);
  });

  it('filters the list by stage, oblast and organisation and shows who changed each last', async () => {
    const list = async (q: string) =>
      (await t.getJson<StrategyView[]>(`/api/strategies?${q}`)).body.map((s) => [
        s.pcode,
        s.organisationId,
        s.stage,
      ]);
    expect(await list('stage=monitoring')).toEqual([['UA6312027', orgA, 'monitoring']]);
    expect(await list('oblast=UA26')).toEqual([['UA2604019', orgB, 'drafted']]);
    expect(await list(`organisation=${orgB}&oblast=UA63`)).toEqual([['UA6312027', orgB, 'risk_analysis']]);
    const one = await t.getJson<StrategyView>(`/api/strategies/${kharkivId}`);
    expect(one.body).toMatchObject({
      oblastPcode: 'UA63',
      lastChangedBy: 'FIXTURE strategies admin',
      lastChangedAt: NOW.toISOString(),
    });
    expect((await t.getJson(`/api/strategies/999999`)).status).toBe(404);
    expect((await t.getJson(`/api/strategies?stage=approved`)).status).toBe(400);
  });

  it('exports the filtered list as CSV and XLSX with an HXL row and a stamp', async () => {
    const csv = await t.app.request('/api/strategies/export?format=csv&oblast=UA63');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(
      /filename="safety-strategies-default-2026-11-21\.csv"/,
    );
    const rows = Papa.parse<string[]>((await csv.text()).trim()).data;
    expect(rows[1]!.slice(0, 6)).toEqual([
      '#adm3+code',
      '#adm3+name+i_uk',
      '#adm3+name+i_en',
      '#adm1+code',
      '#org',
      '#status+stage',
    ]);
    const data = rows.slice(2);
    expect(data.map((r) => [r[0], r[5], r[8], r[9]])).toEqual([
      ['UA6312027', 'monitoring', '2025-09-15', '1234-VIII'],
      ['UA6312027', 'risk_analysis', '', ''],
    ]);
    const generated = rows[0]!.indexOf('Generated');
    expect(data[0]![generated]).toBe(NOW.toISOString());

    const xlsx = await t.app.request('/api/strategies/export?format=xlsx&stage=drafted');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet('data')!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(3).getCell(1).value).toBe('UA2604019');
    expect(workbook.getWorksheet('about')!.getRow(1).getCell(2).value).toBe('safety-strategies');
  });

  it('deletes softly: the counts and the map stop showing it, the row stays', async () => {
    const res = await call(t.app, editorA, 'DELETE', `/api/strategies/${kharkivId}`);
    expect(res.status).toBe(204);
    const { body } = await t.getJson<StrategyCounts>('/api/strategies/counts?oblast=UA63');
    expect(body.units).toEqual({ UA6312027: 'risk_analysis' });
    const row = await t.database.db
      .selectFrom('safety_strategies')
      .select(['deleted_at'])
      .where('id', '=', kharkivId)
      .executeTakeFirstOrThrow();
    expect(row.deleted_at).toBe(NOW.toISOString());
    expect((await patch(editorA, kharkivId, { notes: 'FIXTURE' })).status).toBe(404);
  });
});
