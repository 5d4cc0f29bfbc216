import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createFixtureOrganisation,
  createFixtureSession,
  createFixtureUser,
  FIXTURE_PASSWORD,
  unique,
  uniqueDate,
  type Caller,
  type CallResult,
} from '../support/factories.ts';
import {
  contractProblems,
  operationsOf,
  schemaValidator,
  type OpenApiDocument,
} from '../support/openapi-contract.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue #11, item 12: the OpenAPI document must say what the service does. Every operation of
// /api/openapi.json is called with valid inputs (real pcodes of the imported data, a signed-in admin for the
// writes), and each real answer must have a documented status and content type and a body that validates
// against the documented schema. A new operation without a case here fails the last test.

let t: TestApp;
let doc: OpenApiDocument;
let toZod: ReturnType<typeof schemaValidator>;
let admin: Caller;
let adminEmail: string;
let organisationId: number;
const covered = new Set<string>();

beforeAll(async () => {
  t = await createTestApp();
  doc = (await t.getJson<OpenApiDocument>('/api/openapi.json')).body;
  toZod = schemaValidator(doc);
  organisationId = await createFixtureOrganisation(t.database.db);
  const user = await createFixtureUser(t.database.db, { role: 'admin', organisationIds: [organisationId] });
  adminEmail = user.email;
  admin = await createFixtureSession(t.database.db, user.id);
});
afterAll(async () => {
  await t?.close();
});

/** Calls `operation` (METHOD /documented/{path}) on `url` and checks the answer against the document. */
async function conforms<T = unknown>(
  operation: string,
  url: string,
  opts: { caller?: Caller | null; body?: unknown; headers?: Record<string, string>; status?: number } = {},
): Promise<CallResult<T>> {
  const method = operation.split(' ')[0]!;
  const res = await call<T>(t.app, opts.caller ?? null, method, `/api${url}`, {
    body: opts.body,
    headers: opts.headers,
  });
  covered.add(operation);
  expect(contractProblems(doc, operation, res, toZod), `${operation} (${url})`).toEqual([]);
  if (opts.status !== undefined) {
    expect(res.status, `${operation} (${url}): ${JSON.stringify(res.body)?.slice(0, 300)}`).toBe(opts.status);
  } else {
    expect(res.status, `${operation} (${url}): ${JSON.stringify(res.body)?.slice(0, 300)}`).toBeLessThan(300);
  }
  return res;
}

describe('the contract checker itself', () => {
  it('catches what issue #11 found: user null against an object, an unknown error code, a missing name', () => {
    const me = { user: null, via: null, csrfToken: null, readAccess: 'public' };
    const h = (ct: string) => new Headers({ 'content-type': ct });
    expect(
      contractProblems(doc, 'GET /auth/me', { status: 200, headers: h('application/json'), body: me }),
    ).toEqual([]);
    expect(
      contractProblems(doc, 'GET /auth/me', {
        status: 200,
        headers: h('application/json'),
        body: { ...me, user: 1 },
      }),
    ).not.toEqual([]);
    const error = (code: string) => ({ error: { code, message: 'm', requestId: 'r' } });
    expect(
      contractProblems(doc, 'GET /units', {
        status: 400,
        headers: h('application/json'),
        body: error('OOPS'),
      }),
    ).not.toEqual([]);
    expect(
      contractProblems(doc, 'GET /units', {
        status: 503,
        headers: h('application/json'),
        body: error('DATABASE_UNAVAILABLE'),
      }),
    ).toEqual([]);
    expect(
      contractProblems(doc, 'GET /units', { status: 418, headers: h('application/json'), body: {} }),
    ).not.toEqual([]);
  });

  it('every error code of errors.ts is in the document, and every pattern is a plain ECMA-262 pattern', async () => {
    const { errorStatus } = await import('../../server/shared/errors.ts');
    expect(doc.components.schemas.ErrorCode).toMatchObject({ enum: Object.keys(errorStatus) });
    const patterns: string[] = [];
    JSON.stringify(doc, (key, value: unknown) => {
      if (key === 'pattern' && typeof value === 'string') patterns.push(value);
      return value;
    });
    expect(patterns.length).toBeGreaterThan(10);
    for (const p of patterns) {
      // A regex's flags leaked into the pattern ("…$/u") made it match nothing.
      expect(p, p).not.toMatch(/\/[dgimsuyv]*$/);
      expect(() => new RegExp(p, 'u'), p).not.toThrow();
    }
    // The programme code pattern accepts the codes the service makes.
    const code = (doc.components.schemas.NewProgramme as { properties: { code: { pattern: string } } })
      .properties.code.pattern;
    expect(new RegExp(code, 'u').test('ipcg-veteran-reintegration-pilots')).toBe(true);
    expect(new RegExp(code, 'u').test('програма.1')).toBe(true);
  });
});

describe('the answers every operation can give', () => {
  it('every operation documents the outage 503 and the 500 as error bodies, and a 400 where it validates', () => {
    const h = new Headers({ 'content-type': 'application/json' });
    for (const operation of operationsOf(doc)) {
      const [method, path] = operation.split(' ') as [string, string];
      const op = doc.paths[path]![method.toLowerCase()]!;
      const error = (code: string) => ({ error: { code, message: 'm', requestId: 'r' } });
      expect(
        contractProblems(doc, operation, { status: 503, headers: h, body: error('DATABASE_UNAVAILABLE') }),
        operation,
      ).toEqual([]);
      expect(
        contractProblems(doc, operation, { status: 500, headers: h, body: error('INTERNAL') }),
        operation,
      ).toEqual([]);
      if (op.parameters?.length || op.requestBody) {
        expect(
          contractProblems(doc, operation, { status: 400, headers: h, body: error('BAD_REQUEST') }),
          operation,
        ).toEqual([]);
      }
    }
  });
});

describe('every operation answers as documented', () => {
  it('public reads', async () => {
    await conforms('GET /health', '/health');
    await conforms('GET /client-config', '/client-config');
    await conforms('GET /auth/me', '/auth/me');
    await conforms('GET /units', '/units?level=raion&parent=UA63&limit=5');
    await conforms('GET /units', '/units?q=харків');
    await conforms('GET /units/{pcode}', '/units/UA6312027');
    await conforms('GET /units/{pcode}', '/units/UA63');
    await conforms('GET /units.geojson', '/units.geojson?parent=UA6312&indicators=population_2022');
    await conforms('GET /indicators', '/indicators');
    await conforms('GET /indicators/{id}/values', '/indicators/population_2022/values');
    await conforms(
      'GET /indicators/{id}/values',
      '/indicators/population_2022/values?format=columns&level=oblast',
    );
    await conforms('GET /indicators/units', '/indicators/units?level=oblast');
    await conforms('GET /sources', '/sources');
    await conforms('GET /layers/{level}.topojson', '/layers/oblast.topojson');
    await conforms('GET /layers/{level}.index.json', '/layers/raion.index.json');
    await conforms('GET /occupied-areas', '/occupied-areas');
    const snapshots = await conforms<{ date: string }[]>('GET /occupied-areas', '/occupied-areas');
    expect(snapshots.body.length).toBeGreaterThan(0);
    await conforms('GET /occupied-areas/{date}', `/occupied-areas/${snapshots.body[0]!.date}`);
    await conforms('GET /programmes', '/programmes');
    await conforms(
      'GET /programmes',
      '/programmes?pcode=UA6312027&activeFrom=2016-01-01&activeTo=2030-12-31',
    );
    await conforms('GET /programmes', '/programmes?limit=1');
    await conforms('GET /programmes/summary', '/programmes/summary');
    await conforms(
      'GET /programmes/summary',
      '/programmes/summary?sector=Social%20cohesion&activeFrom=2016-01-01',
    );
    await conforms('GET /programmes/{code}', '/programmes/ipcg-veteran-reintegration-pilots');
    await conforms('GET /assessments', '/assessments?pcode=UA6312027');
    await conforms('GET /instrument', '/instrument');
    await conforms('GET /instrument/xlsform', '/instrument/xlsform');
    await conforms('GET /instrument/xform', '/instrument/xform');
    await conforms('GET /rounds/communities', '/rounds/communities');
    await conforms(
      'GET /rounds/changes',
      '/rounds/changes?component=cohesion_trust&from=2025-01-01&to=2026-01-01',
    );
  });

  it('models, scenarios, coverage and targeting', async () => {
    await conforms('GET /models', '/models');
    await conforms('GET /models/{id}', '/models/cpi');
    await conforms('GET /models/{id}/scores', '/models/cpi/scores?bands=false');
    await conforms('GET /models/{id}/scores', '/models/cpi/scores?fields=summary');
    await conforms('GET /models/{id}/scores', '/models/needs/scores?format=csv&bands=false');
    await conforms('POST /models/{id}/scores', '/models/cpi/scores', { body: { bands: false } });
    await conforms('GET /models/{id}/matrix', '/models/cpi/matrix');
    await conforms('GET /models/{id}/hotspots', '/models/cpi/hotspots?permutations=99&seed=1');
    await conforms('GET /models/{id}/dates', '/models/cpi/dates');
    await conforms('GET /models/{id}/trend', '/models/cpi/trend?pcode=UA1402001');
    const scenario = await conforms<{ id: string }>('POST /scenarios', '/scenarios', {
      body: { modelId: 'cpi', name: unique('FIXTURE scenario'), weights: {} },
    });
    await conforms('GET /scenarios', '/scenarios?model=cpi');
    await conforms('GET /scenarios/{id}', `/scenarios/${scenario.body.id}`);
    const own = await conforms<{ id: string }>('POST /scenarios', '/scenarios', {
      caller: admin,
      body: { modelId: 'cpi', name: unique('FIXTURE own scenario'), weights: {} },
    });
    await conforms('GET /scenarios', '/scenarios?mine=true', { caller: admin });
    await conforms('DELETE /scenarios/{id}', `/scenarios/${own.body.id}`, { caller: admin, status: 204 });
    await conforms('GET /models/{id}/compare', `/models/cpi/compare?b=${scenario.body.id}`);
    await conforms('GET /coverage', '/coverage');
    await conforms('GET /coverage', '/coverage?sector=Social%20cohesion&asOf=2025-06-30');
    await conforms('GET /coverage/3w', '/coverage/3w');
    await conforms('POST /targeting', '/targeting', {
      body: { cost: { type: 'flat', amount: 1 }, budget: 5, filters: { oblasts: ['UA63'] } },
    });
    // Nothing passes the filters: the 422 the document did not list.
    await conforms('POST /targeting', '/targeting', {
      body: { cost: { type: 'flat', amount: 1 }, budget: 5, filters: { populationMin: 1e12 } },
      status: 422,
    });
  });

  it('a signed-in admin writes', async () => {
    await conforms('GET /auth/me', '/auth/me', { caller: admin });
    // Accounts and tokens.
    await conforms('GET /users', '/users', { caller: admin });
    const user = await conforms<{ id: number }>('POST /users', '/users', {
      caller: admin,
      body: {
        email: `${unique('contract')}@fixture.example.org`,
        name: 'FIXTURE contract user',
        role: 'editor',
        password: 'FIXTURE contract password 1',
        organisationIds: [organisationId],
      },
      status: 201,
    });
    await conforms('PATCH /users/{id}', `/users/${user.body.id}`, {
      caller: admin,
      body: { name: 'FIXTURE renamed' },
    });
    const token = await conforms<{ token: { id: number } }>('POST /tokens', '/tokens', {
      caller: admin,
      body: { name: 'FIXTURE contract token' },
      status: 201,
    });
    await conforms('GET /tokens', '/tokens', { caller: admin });
    await conforms('DELETE /tokens/{id}', `/tokens/${token.body.token.id}`, { caller: admin, status: 204 });

    // Organisations.
    await conforms('GET /organisations', '/organisations');
    const org = await conforms<{ id: number }>('POST /organisations', '/organisations', {
      caller: admin,
      body: { name: unique('FIXTURE contract org') },
      status: 201,
    });
    await conforms('PATCH /organisations/{id}', `/organisations/${org.body.id}`, {
      caller: admin,
      body: { acronym: 'FCO' },
    });
    await conforms('DELETE /organisations/{id}', `/organisations/${org.body.id}`, {
      caller: admin,
      status: 204,
    });

    // Programmes and their sites.
    const code = unique('fixture-contract');
    await conforms('POST /programmes', '/programmes', {
      caller: admin,
      body: {
        code,
        organisationId,
        title: 'FIXTURE contract programme',
        sector: 'Social cohesion',
        periodStart: '2025-01-01',
        periodEnd: '2025-12-31',
        sites: [{ pcode: 'UA6312027', reached: 10 }],
      },
      status: 201,
    });
    await conforms('POST /programmes/{code}/sites', `/programmes/${code}/sites`, {
      caller: admin,
      body: { sites: [{ pcode: 'UA6314017' }] },
    });
    await conforms('PATCH /programmes/{code}', `/programmes/${code}`, {
      caller: admin,
      body: { budget: 1000 },
    });
    await conforms('GET /programmes/{code}', `/programmes/${code}`);
    await conforms('DELETE /programmes/{code}/sites/{pcode}', `/programmes/${code}/sites/UA6314017`, {
      caller: admin,
      status: 204,
    });
    const orgName = (
      await t.database.db
        .selectFrom('organisations')
        .select('name')
        .where('id', '=', organisationId)
        .executeTakeFirstOrThrow()
    ).name;
    const csv =
      'Organisation,Sector,Activity,Hromada,Start,End,Reached,Code\n' +
      '#org,#sector,#activity,#adm3+code,#date+start,#date+end,#reached,#meta+id\n' +
      `${orgName},Social cohesion,Circles,UA6312027,2025-01-01,2025-12-31,40,${unique('fixture-5w')}\n`;
    await conforms('POST /programmes/import', '/programmes/import?mode=preview', {
      caller: admin,
      body: csv,
    });
    await conforms('DELETE /programmes/{code}', `/programmes/${code}`, { caller: admin, status: 204 });

    // Assessments.
    const assessment = await conforms<{ id: number }>('POST /assessments', '/assessments', {
      caller: admin,
      body: { pcode: 'UA6312027', assessedOn: uniqueDate(), organisationId, scores: { cohesion_trust: 6 } },
      status: 201,
    });
    await conforms('PATCH /assessments/{id}', `/assessments/${assessment.body.id}`, {
      caller: admin,
      body: { notes: 'FIXTURE note' },
    });
    await conforms('GET /assessments', `/assessments?organisation=${organisationId}`);
    await conforms('DELETE /assessments/{id}', `/assessments/${assessment.body.id}`, {
      caller: admin,
      status: 204,
    });

    // Safety strategies (issue #13, section 6): a FIXTURE record taken through its cycle.
    const strategy = await conforms<{ id: number }>('POST /strategies', '/strategies', {
      caller: admin,
      body: { pcode: 'UA6312027', organisationId, stage: 'risk_analysis', riskAnalysisOn: '2025-03-01' },
      status: 201,
    });
    await conforms('PATCH /strategies/{id}', `/strategies/${strategy.body.id}`, {
      caller: admin,
      body: {
        stage: 'adopted',
        adoptedOn: '2025-09-01',
        decisionNumber: 'FIXTURE 1',
        decisionUrl: 'https://example.org/FIXTURE',
      },
    });
    await conforms('GET /strategies', `/strategies?organisation=${organisationId}&stage=adopted`);
    await conforms('GET /strategies/{id}', `/strategies/${strategy.body.id}`);
    await conforms('GET /strategies/counts', '/strategies/counts?oblast=UA63');
    await conforms('GET /strategies/export', '/strategies/export?format=csv');
    await conforms('DELETE /strategies/{id}', `/strategies/${strategy.body.id}`, {
      caller: admin,
      status: 204,
    });

    // Field submissions (FIXTURE export, tests/fixtures/submissions/README.md).
    const submissions = readFileSync(
      new URL('../fixtures/submissions/FIXTURE-odk-central-comma.csv', import.meta.url),
      'utf8',
    );
    const submissionsUrl = (path: string) => `${path}?organisationId=${organisationId}`;
    await conforms(
      'POST /assessment-submissions/preview',
      submissionsUrl('/assessment-submissions/preview'),
      {
        caller: admin,
        body: submissions,
      },
    );
    const committed = await conforms<{ batchId: number }>(
      'POST /assessment-submissions',
      submissionsUrl('/assessment-submissions'),
      { caller: admin, body: submissions },
    );
    await conforms('GET /assessment-submissions/rounds', submissionsUrl('/assessment-submissions/rounds'), {
      caller: admin,
    });
    await conforms('GET /assessment-submissions/uploads', submissionsUrl('/assessment-submissions/uploads'), {
      caller: admin,
    });
    await conforms(
      'GET /assessment-submissions/uploads/{batchId}/rejected',
      `/assessment-submissions/uploads/${committed.body.batchId}/rejected`,
      { caller: admin },
    );

    await conforms('GET /audit', '/audit?limit=20', { caller: admin });
  });

  it('sign-in, password change and sign-out', async () => {
    const session = await conforms('POST /auth/login', '/auth/login', {
      body: { email: adminEmail, password: FIXTURE_PASSWORD },
    });
    const cookies = session.headers.getSetCookie();
    const cookieValue = (name: string) =>
      cookies
        .find((c) => c.startsWith(`${name}=`))!
        .split(';')[0]!
        .slice(name.length + 1);
    const signedIn: Caller = {
      kind: 'session',
      userId: (session.body as { user: { id: number } }).user.id,
      cookie: cookieValue('atlas_session'),
      csrfToken: cookieValue('atlas_csrf'),
    };
    const other = await createFixtureUser(t.database.db, { role: 'viewer' });
    const otherSession = await createFixtureSession(t.database.db, other.id);
    await conforms('POST /auth/password', '/auth/password', {
      caller: otherSession,
      body: { currentPassword: FIXTURE_PASSWORD, newPassword: 'FIXTURE another password 2' },
      status: 204,
    });
    await conforms('POST /auth/logout', '/auth/logout', { caller: signedIn, status: 204 });
  });

  it('errors have documented statuses and codes', async () => {
    await conforms('GET /units/{pcode}', '/units/UA9999999', { status: 404 });
    await conforms('GET /units', '/units?limit=0', { status: 400 });
    await conforms('GET /models/{id}/scores', '/models/cpi/scores?asOf=2024-02-30', { status: 400 });
    // A route that had not listed the validation hook's 400.
    await conforms('GET /scenarios', '/scenarios?model=a&model=b', { status: 400 });
    await conforms('POST /programmes', '/programmes', { body: { title: 'x' }, status: 401 });
    await conforms('POST /organisations', '/organisations', {
      caller: { ...(admin as Extract<Caller, { kind: 'session' }>), csrfToken: 'wrong' },
      body: { name: 'x' },
      status: 403,
    });
  });

  it('covers every operation of the document', () => {
    expect([...covered].sort()).toEqual(operationsOf(doc).sort());
  });
});
