import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSESSMENT_COMPONENTS } from '../../server/model/assessment-components.ts';
import {
  call,
  createFixtureAssessment,
  createFixtureOrganisation,
  createFixtureProgramme,
  createFixtureSession,
  createFixtureStrategy,
  createFixtureToken,
  createFixtureUser,
  FIXTURE_PASSWORD,
  unique,
  uniqueDate,
  writableFingerprint,
  type Caller,
  type FixtureUser,
} from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/** FIXTURE: the hand-made KoboToolbox export of tests/fixtures/submissions (one hromada, no real answers). */
const koboFixture = readFileSync(
  new URL('../fixtures/submissions/FIXTURE-kobo-semicolon.csv', import.meta.url),
  'utf8',
);
const SUBMISSIONS_PCODE = 'UA6314017';

// Issue #6, "Tests: a role × route matrix (every write route refused for anonymous and wrong-organisation
// editors) … audit completeness (every write leaves exactly one audit row with correct before/after)".
// Every write route of the API is in WRITE_ROUTES below; tests/integration/openapi.test.ts checks that the
// table and the API document list the same routes. Each route is tried by five callers on a fresh target
// owned by organisation A: anonymous → 401, a viewer (a member of A) → 403, an editor of organisation B →
// 403, an editor of A and an admin → allowed unless the route is admin-only. A refusal must leave every
// writable table exactly as it was; a success must leave exactly one new audit row, whose before and after
// are the record as it was and as it now is. All organisations, users and records are FIXTURES.

type ActorName = 'anonymous' | 'viewer' | 'editorB' | 'editorA' | 'admin';
const ACTORS: ActorName[] = ['anonymous', 'viewer', 'editorB', 'editorA', 'admin'];

/** Who may: editors of the record's organisation and admins; admins only; any signed-in user; the owner. */
type Rule = 'organisation' | 'admin' | 'signed-in' | 'owner';
const ALLOWED: Record<Rule, ActorName[]> = {
  organisation: ['editorA', 'admin'],
  admin: ['admin'],
  'signed-in': ['viewer', 'editorB', 'editorA', 'admin'],
  owner: ['editorA', 'admin'],
};

interface ExpectedAudit {
  action: 'create' | 'update' | 'delete' | 'import';
  entityType: string;
  entityId: string;
  organisationId: number | null;
  before: unknown;
  after: unknown;
}

interface Attempt {
  path: string;
  body?: unknown;
  /** The audit row a success must leave, given the response and who did it. */
  audit: (res: { body: unknown }, actor: FixtureUser) => ExpectedAudit | Promise<ExpectedAudit>;
  /** The record as the API now shows it, to compare with the audit row's `after`. */
  current?: (res: { body: unknown }) => Promise<unknown>;
}

interface WriteRoute {
  method: 'POST' | 'PATCH' | 'DELETE';
  /** As in the OpenAPI document. */
  path: string;
  rule: Rule;
  status: number;
  /** A fresh target for one attempt. */
  prepare: () => Promise<Attempt>;
}

const NOW = new Date('2026-11-21T12:00:00.000Z');
let t: TestApp;
let orgA: number;
let orgAName: string;
let orgB: number;
const users = {} as Record<Exclude<ActorName, 'anonymous'>, FixtureUser>;
const callers = {} as Record<ActorName, Caller | null>;

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  const db = t.database.db;
  orgAName = unique('FIXTURE organisation A');
  orgA = await createFixtureOrganisation(db, orgAName);
  orgB = await createFixtureOrganisation(db, unique('FIXTURE organisation B'));
  users.viewer = await createFixtureUser(db, {
    role: 'viewer',
    organisationIds: [orgA],
    name: 'FIXTURE viewer',
  });
  users.editorB = await createFixtureUser(db, {
    role: 'editor',
    organisationIds: [orgB],
    name: 'FIXTURE editor B',
  });
  users.editorA = await createFixtureUser(db, {
    role: 'editor',
    organisationIds: [orgA],
    name: 'FIXTURE editor A',
  });
  users.admin = await createFixtureUser(db, { role: 'admin', name: 'FIXTURE admin' });
  callers.anonymous = null;
  for (const name of ['viewer', 'editorB', 'editorA', 'admin'] as const) {
    callers[name] = await createFixtureSession(db, users[name].id, NOW);
  }
});
afterAll(async () => {
  await t?.close();
});

const programmeRecord = (code: string, organisationId: number) => ({
  code,
  organisationId,
  title: `FIXTURE ${code}`,
  description: null,
  donor: 'FIXTURE donor',
  sector: 'Social cohesion',
  periodStart: '2025-01-01',
  periodEnd: '2025-12-31',
  status: 'active',
  budget: 1000,
  currency: 'EUR',
});
const site = (pcode: string, reached: number | null = null) => ({
  pcode,
  periodStart: '2025-01-01',
  periodEnd: '2025-12-31',
  reached,
});
const scores = (given: Record<string, number>) =>
  Object.fromEntries(ASSESSMENT_COMPONENTS.map((c) => [c, given[c] ?? null]));

/** A programme as GET /api/programmes/{code} shows it, in the audit trail's terms. */
async function programmeNow(code: string, withSites = true) {
  const { body } = await call<{
    code: string;
    organisation: { id: number };
    title: string;
    description: string | null;
    donor: string | null;
    sector: string;
    periodStart: string;
    periodEnd: string | null;
    status: string | null;
    budget: number | null;
    currency: string | null;
    sites: { pcode: string; periodStart: string; periodEnd: string | null; reached: number | null }[];
  }>(t.app, callers.admin, 'GET', `/api/programmes/${code}`);
  const { organisation, sites, ...rest } = body;
  const record = { ...rest, organisationId: organisation.id };
  delete (record as { lastChangedAt?: unknown }).lastChangedAt;
  delete (record as { lastChangedBy?: unknown }).lastChangedBy;
  delete (record as { source?: unknown }).source;
  // How many sites the list carries per programme (issue #11): not part of the record the audit keeps.
  delete (record as { siteCount?: unknown }).siteCount;
  const siteRecords = sites.map((s) => ({
    pcode: s.pcode,
    periodStart: s.periodStart,
    periodEnd: s.periodEnd,
    reached: s.reached,
  }));
  return withSites ? { ...record, sites: siteRecords } : record;
}

async function assessmentNow(id: number) {
  const { body } = await call<{ id: number; lastChangedAt: unknown; lastChangedBy: unknown }[]>(
    t.app,
    callers.admin,
    'GET',
    '/api/assessments',
  );
  const found = body.find((a) => a.id === id);
  if (!found) return undefined;
  const { lastChangedAt: _at, lastChangedBy: _by, ...record } = found;
  return record;
}

async function strategyNow(id: number) {
  const res = await call<Record<string, unknown>>(t.app, null, 'GET', `/api/strategies/${id}`);
  if (res.status === 404) return null;
  const {
    nameUk: _u,
    nameEn: _e,
    oblastPcode: _o,
    organisationName: _n,
    lastChangedAt: _a,
    lastChangedBy: _b,
    ...record
  } = res.body;
  return record;
}

/** A strategy as FIXTURE createFixtureStrategy writes it, as the API and the audit trail show it. */
const fixtureStrategy = (id: number, pcode: string) => ({
  id,
  pcode,
  organisationId: orgA,
  stage: 'risk_analysis',
  riskAnalysisOn: '2025-03-01',
  draftedOn: null,
  adoptedOn: null,
  decisionNumber: null,
  decisionUrl: null,
  nextReviewOn: null,
  notes: 'FIXTURE',
});

/**
 * A community with no live strategy of organisation A yet (one live record per community and organisation):
 * each attempt takes the next hromada of Kharkiv oblast's list.
 */
let strategyPcodes: string[] = [];
async function freshStrategyPcode(): Promise<string> {
  if (strategyPcodes.length === 0) {
    const rows = await t.database.db
      .selectFrom('admin_units')
      .select('pcode')
      .where('level', '=', 'hromada')
      .where('pcode', 'like', 'UA63%')
      .orderBy('pcode')
      .execute();
    strategyPcodes = rows.map((u) => u.pcode);
  }
  const pcode = strategyPcodes.shift();
  if (!pcode) throw new Error('ran out of FIXTURE communities for strategies');
  return pcode;
}

async function organisationNow(id: number) {
  const { body } = await call<{ id: number; programmes: number; createdAt: string }[]>(
    t.app,
    null,
    'GET',
    '/api/organisations',
  );
  const found = body.find((o) => o.id === id);
  if (!found) return undefined;
  const { programmes: _p, createdAt: _c, ...record } = found;
  return record;
}

async function userView(id: number) {
  const { body } = await call<({ id: number; passwordChangedAt: string } & Record<string, unknown>)[]>(
    t.app,
    callers.admin,
    'GET',
    '/api/users',
  );
  return body.find((u) => u.id === id);
}

async function tokenView(id: number) {
  const row = await t.database.db
    .selectFrom('api_tokens')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export const WRITE_ROUTES: WriteRoute[] = [
  {
    method: 'POST',
    path: '/organisations',
    rule: 'admin',
    status: 201,
    prepare: async () => {
      const name = unique('FIXTURE new organisation');
      return {
        path: '/api/organisations',
        body: { name, acronym: 'FNO' },
        audit: (res) => {
          const id = (res.body as { id: number }).id;
          return {
            action: 'create',
            entityType: 'organisation',
            entityId: String(id),
            organisationId: id,
            before: null,
            after: { id, name, nameUk: null, acronym: 'FNO', url: null },
          };
        },
        current: (res) => organisationNow((res.body as { id: number }).id),
      };
    },
  },
  {
    method: 'PATCH',
    path: '/organisations/{id}',
    rule: 'organisation',
    status: 200,
    prepare: async () => {
      const name = unique('FIXTURE organisation');
      const id = await createFixtureOrganisation(t.database.db, name);
      await t.database.db
        .insertInto('user_organisations')
        .values([
          { user_id: users.editorA.id, organisation_id: id },
          { user_id: users.viewer.id, organisation_id: id },
        ])
        .execute();
      const before = { id, name, nameUk: null, acronym: null, url: null };
      return {
        path: `/api/organisations/${id}`,
        body: { nameUk: 'ФІКСТУРА', url: 'https://fixture.example.org' },
        audit: () => ({
          action: 'update',
          entityType: 'organisation',
          entityId: String(id),
          organisationId: id,
          before,
          after: { ...before, nameUk: 'ФІКСТУРА', url: 'https://fixture.example.org' },
        }),
        current: () => organisationNow(id),
      };
    },
  },
  {
    method: 'DELETE',
    path: '/organisations/{id}',
    rule: 'admin',
    status: 204,
    prepare: async () => {
      const name = unique('FIXTURE empty organisation');
      const id = await createFixtureOrganisation(t.database.db, name);
      await t.database.db
        .insertInto('user_organisations')
        .values({ user_id: users.editorA.id, organisation_id: id })
        .execute();
      return {
        path: `/api/organisations/${id}`,
        audit: () => ({
          action: 'delete',
          entityType: 'organisation',
          entityId: String(id),
          organisationId: id,
          before: { id, name, nameUk: null, acronym: null, url: null },
          after: null,
        }),
        current: async () => (await organisationNow(id)) ?? null,
      };
    },
  },
  {
    method: 'POST',
    path: '/users',
    rule: 'admin',
    status: 201,
    prepare: async () => {
      const email = `${unique('new-editor')}@fixture.example.org`;
      return {
        path: '/api/users',
        body: {
          email,
          name: 'FIXTURE new editor',
          role: 'editor',
          password: FIXTURE_PASSWORD,
          organisationIds: [orgA],
        },
        audit: (res) => {
          const after = res.body as { id: number };
          expect(after).toMatchObject({
            email,
            role: 'editor',
            organisations: [{ id: orgA, name: orgAName }],
          });
          expect(JSON.stringify(after)).not.toContain('scrypt');
          return {
            action: 'create',
            entityType: 'user',
            entityId: String(after.id),
            organisationId: null,
            before: null,
            after,
          };
        },
        current: (res) => userView((res.body as { id: number }).id),
      };
    },
  },
  {
    method: 'PATCH',
    path: '/users/{id}',
    rule: 'admin',
    status: 200,
    prepare: async () => {
      const user = await createFixtureUser(t.database.db, { role: 'viewer' });
      const before = await userView(user.id);
      return {
        path: `/api/users/${user.id}`,
        body: { role: 'editor', organisationIds: [orgA] },
        audit: () => ({
          action: 'update',
          entityType: 'user',
          entityId: String(user.id),
          organisationId: null,
          before,
          after: { ...before, role: 'editor', organisations: [{ id: orgA, name: orgAName }] },
        }),
        current: () => userView(user.id),
      };
    },
  },
  {
    method: 'POST',
    path: '/tokens',
    rule: 'signed-in',
    status: 201,
    prepare: async () => ({
      path: '/api/tokens',
      body: { name: 'FIXTURE script' },
      audit: (res, actor) => {
        const { token } = res.body as { token: { id: number } };
        expect(token).toMatchObject({ userId: actor.id, name: 'FIXTURE script', revokedAt: null });
        return {
          action: 'create',
          entityType: 'api_token',
          entityId: String(token.id),
          organisationId: null,
          before: null,
          after: token,
        };
      },
      current: async (res) => tokenView((res.body as { token: { id: number } }).token.id),
    }),
  },
  {
    // Issue #14, item 9: the scenario gallery's delete; only the user who saved it (or an admin).
    method: 'DELETE',
    path: '/scenarios/{id}',
    rule: 'owner',
    status: 204,
    prepare: async () => {
      const created = await call<{ id: string }>(t.app, callers.editorA, 'POST', '/api/scenarios', {
        body: { modelId: 'cpi', name: unique('FIXTURE scenario'), weights: {} },
      });
      const id = created.body.id;
      const before = (await call(t.app, null, 'GET', `/api/scenarios/${id}`)).body;
      return {
        path: `/api/scenarios/${id}`,
        audit: () => ({
          action: 'delete',
          entityType: 'scenario',
          entityId: id,
          organisationId: null,
          before,
          after: null,
        }),
      };
    },
  },
  {
    method: 'DELETE',
    path: '/tokens/{id}',
    rule: 'owner',
    status: 204,
    prepare: async () => {
      const { id } = await createFixtureToken(t.database.db, users.editorA.id);
      const before = await tokenView(id);
      return {
        path: `/api/tokens/${id}`,
        audit: () => ({
          action: 'update',
          entityType: 'api_token',
          entityId: String(id),
          organisationId: null,
          before,
          after: { ...before, revokedAt: NOW.toISOString() },
        }),
        current: () => tokenView(id),
      };
    },
  },
  {
    method: 'POST',
    path: '/auth/password',
    rule: 'signed-in',
    status: 204,
    prepare: async () => ({
      path: '/api/auth/password',
      // Each caller changes their own password once: the table runs each route once per caller.
      body: { currentPassword: FIXTURE_PASSWORD, newPassword: 'FIXTURE changed password' },
      audit: async (_res, actor) => {
        const after = (await userView(actor.id))!;
        expect(after.passwordChangedAt).toBe(NOW.toISOString());
        return {
          action: 'update',
          entityType: 'user',
          entityId: String(actor.id),
          organisationId: null,
          before: { ...after, passwordChangedAt: expect.not.stringMatching(NOW.toISOString()) },
          after,
        };
      },
    }),
  },
  {
    method: 'POST',
    path: '/programmes',
    rule: 'organisation',
    status: 201,
    prepare: async () => {
      const code = unique('fixture-created');
      return {
        path: '/api/programmes',
        body: {
          code,
          organisationId: orgA,
          title: 'FIXTURE created programme',
          sector: 'Social cohesion',
          periodStart: '2026-01-01',
          status: 'planned',
          sites: [{ pcode: 'UA6312027' }, { pcode: 'UA63140170000087785', reached: 30 }],
        },
        audit: () => ({
          action: 'create',
          entityType: 'programme',
          entityId: code,
          organisationId: orgA,
          before: null,
          after: {
            code,
            organisationId: orgA,
            title: 'FIXTURE created programme',
            description: null,
            donor: null,
            sector: 'Social cohesion',
            periodStart: '2026-01-01',
            periodEnd: null,
            status: 'planned',
            budget: null,
            currency: null,
            sites: [
              { pcode: 'UA6312027', periodStart: '2026-01-01', periodEnd: null, reached: null },
              { pcode: 'UA6314017', periodStart: '2026-01-01', periodEnd: null, reached: 30 },
            ],
          },
        }),
        current: () => programmeNow(code),
      };
    },
  },
  {
    method: 'PATCH',
    path: '/programmes/{code}',
    rule: 'organisation',
    status: 200,
    prepare: async () => {
      const { code } = await createFixtureProgramme(t.database.db, {
        organisationId: orgA,
        sites: ['UA6312027'],
      });
      const before = programmeRecord(code, orgA);
      return {
        path: `/api/programmes/${code}`,
        body: { status: 'completed', budget: 2500, donor: null, periodEnd: '2026-06-30' },
        audit: () => ({
          action: 'update',
          entityType: 'programme',
          entityId: code,
          organisationId: orgA,
          before,
          after: { ...before, status: 'completed', budget: 2500, donor: null, periodEnd: '2026-06-30' },
        }),
        current: () => programmeNow(code, false),
      };
    },
  },
  {
    method: 'DELETE',
    path: '/programmes/{code}',
    rule: 'organisation',
    status: 204,
    prepare: async () => {
      const { code } = await createFixtureProgramme(t.database.db, {
        organisationId: orgA,
        sites: ['UA6312027', 'UA2604019'],
      });
      return {
        path: `/api/programmes/${code}`,
        audit: () => ({
          action: 'delete',
          entityType: 'programme',
          entityId: code,
          organisationId: orgA,
          before: { ...programmeRecord(code, orgA), sites: [site('UA2604019'), site('UA6312027')] },
          after: null,
        }),
        current: async () => {
          const res = await call(t.app, callers.admin, 'GET', `/api/programmes/${code}`);
          return res.status === 404 ? null : res.body;
        },
      };
    },
  },
  {
    method: 'POST',
    path: '/programmes/{code}/sites',
    rule: 'organisation',
    status: 200,
    prepare: async () => {
      const { code } = await createFixtureProgramme(t.database.db, {
        organisationId: orgA,
        sites: ['UA6312027'],
      });
      return {
        path: `/api/programmes/${code}/sites`,
        body: {
          sites: [
            { pcode: 'UA6314017', reached: 12 },
            { pcode: 'UA6312027', reached: 5 },
          ],
        },
        audit: () => ({
          action: 'update',
          entityType: 'programme',
          entityId: code,
          organisationId: orgA,
          before: { sites: [site('UA6312027')] },
          after: { sites: [site('UA6312027', 5), site('UA6314017', 12)] },
        }),
        current: async () => ({ sites: ((await programmeNow(code)) as { sites: unknown }).sites }),
      };
    },
  },
  {
    method: 'DELETE',
    path: '/programmes/{code}/sites/{pcode}',
    rule: 'organisation',
    status: 204,
    prepare: async () => {
      const { code } = await createFixtureProgramme(t.database.db, {
        organisationId: orgA,
        sites: ['UA6312027', 'UA6314017'],
      });
      return {
        path: `/api/programmes/${code}/sites/UA6312027`,
        audit: () => ({
          action: 'update',
          entityType: 'programme',
          entityId: code,
          organisationId: orgA,
          before: { sites: [site('UA6312027'), site('UA6314017')] },
          after: { sites: [site('UA6314017')] },
        }),
        current: async () => ({ sites: ((await programmeNow(code)) as { sites: unknown }).sites }),
      };
    },
  },
  {
    method: 'POST',
    path: '/programmes/import',
    rule: 'organisation',
    status: 200,
    prepare: async () => {
      const code = unique('fixture-uploaded');
      const csv =
        'Organisation,Sector,Activity,Hromada,Start,End,Code\n' +
        '#org,#sector,#activity,#adm3+code,#date+start,#date+end,#meta+id\n' +
        `${orgAName},Social cohesion,FIXTURE upload,UA6312027,2025-02-01,2025-11-30,${code}\n` +
        `${orgAName},Social cohesion,FIXTURE upload,UA2604019,2025-03-01,,${code}\n`;
      return {
        path: '/api/programmes/import?mode=commit&fileName=fixture-5w.csv',
        body: csv,
        audit: () => ({
          action: 'import',
          entityType: 'programme',
          entityId: code,
          organisationId: orgA,
          before: null,
          after: {
            code,
            organisationId: orgA,
            title: 'FIXTURE upload',
            description: null,
            donor: null,
            sector: 'Social cohesion',
            periodStart: '2025-02-01',
            periodEnd: null,
            status: null,
            budget: null,
            currency: null,
            sites: [
              { pcode: 'UA2604019', periodStart: '2025-03-01', periodEnd: null, reached: null },
              { pcode: 'UA6312027', periodStart: '2025-02-01', periodEnd: '2025-11-30', reached: null },
            ],
          },
        }),
        current: () => programmeNow(code),
      };
    },
  },
  {
    method: 'POST',
    path: '/assessments',
    rule: 'organisation',
    status: 201,
    prepare: async () => {
      const assessedOn = uniqueDate();
      return {
        path: '/api/assessments',
        body: {
          pcode: 'UA6312027',
          assessedOn,
          organisationId: orgA,
          strategyAdopted: true,
          scores: { cohesion_trust: 6.5, idp_youth: 3 },
        },
        audit: (res) => {
          const id = (res.body as { id: number }).id;
          return {
            action: 'create',
            entityType: 'assessment',
            entityId: String(id),
            organisationId: orgA,
            before: null,
            after: {
              id,
              pcode: 'UA6312027',
              assessedOn,
              organisationId: orgA,
              assessor: null,
              strategyAdopted: true,
              notes: null,
              scores: scores({ cohesion_trust: 6.5, idp_youth: 3 }),
            },
          };
        },
        current: (res) => assessmentNow((res.body as { id: number }).id),
      };
    },
  },
  {
    // A field round (issue #13): the FIXTURE KoboToolbox export with fresh submission ids and round date, so that
    // each attempt writes one new round assessment for its hromada (and one audit row).
    method: 'POST',
    path: '/assessment-submissions',
    rule: 'organisation',
    status: 200,
    prepare: async () => {
      const roundDate = uniqueDate();
      const csv = koboFixture
        .replaceAll('fixture-kobo-', unique('fixture-matrix-').replace(/[^a-z0-9-]/gi, '-') + '-')
        .replaceAll('"2026-11-01"', `"${roundDate}"`);
      const assessmentAt = async () => {
        const { body } = await call<{ id: number; assessedOn: string }[]>(
          t.app,
          callers.admin,
          'GET',
          `/api/assessments?pcode=${SUBMISSIONS_PCODE}&limit=200`,
        );
        return body.find((a) => a.assessedOn === roundDate);
      };
      const recordNow = async (res: { body: unknown }) => {
        const found = await assessmentAt();
        if (!found) return undefined;
        const {
          lastChangedAt: _at,
          lastChangedBy: _by,
          ...record
        } = found as typeof found & {
          lastChangedAt: unknown;
          lastChangedBy: unknown;
        };
        const round = (res.body as { rounds: { components: unknown }[] }).rounds[0]!;
        return { ...record, intervals: round.components };
      };
      return {
        path: `/api/assessment-submissions?organisationId=${orgA}`,
        body: csv,
        audit: async (res) => {
          const found = await assessmentAt();
          expect(found, 'the round was written as an assessment').toBeDefined();
          return {
            action: 'import',
            entityType: 'assessment',
            entityId: String(found!.id),
            organisationId: orgA,
            before: null,
            after: await recordNow(res),
          };
        },
        current: recordNow,
      };
    },
  },
  {
    method: 'PATCH',
    path: '/assessments/{id}',
    rule: 'organisation',
    status: 200,
    prepare: async () => {
      const assessedOn = uniqueDate();
      const id = await createFixtureAssessment(t.database.db, { organisationId: orgA, assessedOn });
      const before = {
        id,
        pcode: 'UA6312027',
        assessedOn,
        organisationId: orgA,
        assessor: 'FIXTURE assessor',
        strategyAdopted: null,
        notes: null,
        scores: scores({ cohesion_trust: 5 }),
      };
      return {
        path: `/api/assessments/${id}`,
        body: { notes: 'FIXTURE second look', scores: { police_community: 7, cohesion_trust: null } },
        audit: () => ({
          action: 'update',
          entityType: 'assessment',
          entityId: String(id),
          organisationId: orgA,
          before,
          after: { ...before, notes: 'FIXTURE second look', scores: scores({ police_community: 7 }) },
        }),
        current: () => assessmentNow(id),
      };
    },
  },
  {
    method: 'DELETE',
    path: '/assessments/{id}',
    rule: 'organisation',
    status: 204,
    prepare: async () => {
      const assessedOn = uniqueDate();
      const id = await createFixtureAssessment(t.database.db, { organisationId: orgA, assessedOn });
      return {
        path: `/api/assessments/${id}`,
        audit: () => ({
          action: 'delete',
          entityType: 'assessment',
          entityId: String(id),
          organisationId: orgA,
          before: {
            id,
            pcode: 'UA6312027',
            assessedOn,
            organisationId: orgA,
            assessor: 'FIXTURE assessor',
            strategyAdopted: null,
            notes: null,
            scores: scores({ cohesion_trust: 5 }),
          },
          after: null,
        }),
        current: async () => (await assessmentNow(id)) ?? null,
      };
    },
  },
  {
    // Issue #13, section 6: a community's safety strategy.
    method: 'POST',
    path: '/strategies',
    rule: 'organisation',
    status: 201,
    prepare: async () => {
      const pcode = await freshStrategyPcode();
      return {
        path: '/api/strategies',
        body: {
          pcode,
          organisationId: orgA,
          stage: 'risk_analysis',
          riskAnalysisOn: '2025-03-01',
          notes: 'FIXTURE',
        },
        audit: (res) => {
          const id = (res.body as { id: number }).id;
          return {
            action: 'create',
            entityType: 'safety_strategy',
            entityId: String(id),
            organisationId: orgA,
            before: null,
            after: fixtureStrategy(id, pcode),
          };
        },
        current: (res) => strategyNow((res.body as { id: number }).id),
      };
    },
  },
  {
    method: 'PATCH',
    path: '/strategies/{id}',
    rule: 'organisation',
    status: 200,
    prepare: async () => {
      const pcode = await freshStrategyPcode();
      const id = await createFixtureStrategy(t.database.db, { organisationId: orgA, pcode });
      const before = fixtureStrategy(id, pcode);
      return {
        path: `/api/strategies/${id}`,
        body: { stage: 'drafted', draftedOn: '2025-06-01' },
        audit: () => ({
          action: 'update',
          entityType: 'safety_strategy',
          entityId: String(id),
          organisationId: orgA,
          before,
          after: { ...before, stage: 'drafted', draftedOn: '2025-06-01' },
        }),
        current: () => strategyNow(id),
      };
    },
  },
  {
    method: 'DELETE',
    path: '/strategies/{id}',
    rule: 'organisation',
    status: 204,
    prepare: async () => {
      const pcode = await freshStrategyPcode();
      const id = await createFixtureStrategy(t.database.db, { organisationId: orgA, pcode });
      return {
        path: `/api/strategies/${id}`,
        audit: () => ({
          action: 'delete',
          entityType: 'safety_strategy',
          entityId: String(id),
          organisationId: orgA,
          before: fixtureStrategy(id, pcode),
          after: null,
        }),
        current: () => strategyNow(id),
      };
    },
  },
];

async function auditRows(sinceId: number) {
  return t.database.db.selectFrom('audit_log').selectAll().where('id', '>', sinceId).orderBy('id').execute();
}

async function lastAuditId(): Promise<number> {
  const row = await t.database.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

describe.each(WRITE_ROUTES.map((r) => [`${r.method} /api${r.path}`, r] as const))('%s', (_, route) => {
  it.each(ACTORS)('as %s', async (actor) => {
    const attempt = await route.prepare();
    const allowed = actor !== 'anonymous' && ALLOWED[route.rule].includes(actor);
    const before = await writableFingerprint(t.database.db);
    const sinceId = await lastAuditId();
    const res = await call<{ error?: { code: string } }>(t.app, callers[actor], route.method, attempt.path, {
      body: attempt.body,
    });

    if (!allowed) {
      const expected = actor === 'anonymous' ? 401 : 403;
      expect(res.status, JSON.stringify(res.body)).toBe(expected);
      expect(res.body.error?.code).toBe(actor === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN');
      expect(await writableFingerprint(t.database.db), 'a refused write changed the database').toEqual(
        before,
      );
      return;
    }

    expect(res.status, JSON.stringify(res.body)).toBe(route.status);
    const rows = await auditRows(sinceId);
    expect(rows, 'exactly one audit row per write').toHaveLength(1);
    const user = users[actor as Exclude<ActorName, 'anonymous'>];
    const expected = await attempt.audit(res, user);
    const row = rows[0]!;
    expect({
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      organisationId: row.organisation_id,
      before: row.before,
      after: row.after,
    }).toEqual(expected);
    expect(row).toMatchObject({
      at: NOW.toISOString(),
      actor_user_id: user.id,
      actor_label: user.name,
      via: 'session',
      request_id: expect.any(String),
    });
    if (attempt.current)
      expect(await attempt.current(res), "the audit row's after is the record now").toEqual(row.after);
  });
});

describe('the matrix itself', () => {
  it('covers every write route of the API document', async () => {
    const { body } = await call<{ paths: Record<string, Record<string, unknown>> }>(
      t.app,
      null,
      'GET',
      '/api/openapi.json',
    );
    // Writes that change no data (computations, a shareable scenario) and sign-in/out are not in it.
    const notWrites = new Set([
      'POST /auth/login',
      'POST /auth/logout',
      'POST /assessment-submissions/preview',
      'POST /models/{id}/scores',
      'POST /scenarios',
      'POST /targeting',
    ]);
    const documented = Object.entries(body.paths)
      .flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`))
      .filter((r) => !r.startsWith('GET ') && !notWrites.has(r))
      .sort();
    expect(WRITE_ROUTES.map((r) => `${r.method} ${r.path}`).sort()).toEqual(documented);
  });
});
