import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createFixtureOrganisation,
  createFixtureProgramme,
  createFixtureSession,
  createFixtureUser,
  writableFingerprint,
  type Caller,
} from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue #11, item 4: malformed input was a 500 on both databases — impossible dates, a NUL byte in text, ids
// above PostgreSQL's integer. Each is now a 400 naming the parameter, and nothing is written.

interface ErrorBody {
  error: { code: string; message: string; requestId: string };
}

let t: TestApp;
let admin: Caller;
let programmeCode: string;
beforeAll(async () => {
  t = await createTestApp();
  // Before the first request (the router is built then): a route whose query fails in the database itself.
  t.app.get('/api/test-only/data-exception', async (c) => {
    await sql`select ${c.req.query('n') ?? ''}::integer as n`.execute(t.database.db);
    return c.text('unreachable');
  });
  const { id } = await createFixtureUser(t.database.db, { role: 'admin' });
  admin = await createFixtureSession(t.database.db, id);
  const organisationId = await createFixtureOrganisation(t.database.db);
  programmeCode = (await createFixtureProgramme(t.database.db, { organisationId, sites: ['UA6312027'] }))
    .code;
});
afterAll(async () => {
  await t?.close();
});

async function expect400(
  method: string,
  path: string,
  parameter: RegExp,
  body?: unknown,
  caller: Caller | null = null,
) {
  const res = await call<ErrorBody>(t.app, caller, method, path, { body });
  expect(res.status, `${method} ${path} ${JSON.stringify(body) ?? ''}: ${JSON.stringify(res.body)}`).toBe(
    400,
  );
  expect(res.body.error.code).toBe('BAD_REQUEST');
  expect(res.body.error.message, `${method} ${path}`).toMatch(parameter);
  // No SQL, no stack: what the caller can act on.
  expect(res.body.error.message).not.toMatch(/select|syntax|invalid input syntax|at .*\.ts/i);
}

describe('impossible dates', () => {
  it('are a 400 naming the parameter on the model, coverage and every other date route', async () => {
    for (const path of [
      '/api/models/cpi/scores?asOf=2024-02-30',
      '/api/models/cpi/matrix?asOf=2024-02-30',
      '/api/models/cpi/hotspots?asOf=2023-02-29',
      '/api/models/cpi/compare?asOf=2024-13-01',
      '/api/coverage?asOf=2024-02-30',
      '/api/programmes?activeFrom=2024-04-31',
      '/api/occupied-areas/2024-02-30',
    ]) {
      await expect400('GET', path, /asOf|activeFrom|date|parameter/);
    }
    await expect400('POST', '/api/models/cpi/scores', /json parameter asOf/, { asOf: '2024-02-30' });
    await expect400('POST', '/api/targeting', /json parameter asOf/, {
      cost: { type: 'flat', amount: 1 },
      budget: 10,
      asOf: '2024-02-30',
    });
  });

  it('are a 400 on the audit filters, which V8 would have rolled over or read as a year PostgreSQL refuses', async () => {
    for (const value of ['2024-02-30', '99999', '1', '2024-02-29T25:00:00Z']) {
      await expect400('GET', `/api/audit?from=${value}`, /query parameter from/, undefined, admin);
    }
    const ok = await call<{ entries: unknown[] }>(
      t.app,
      admin,
      'GET',
      '/api/audit?from=2024-02-29&to=2026-12-31T23:59:59Z',
    );
    expect(ok.status).toBe(200);
  });

  it('are a 400 in a write body, and nothing is written', async () => {
    const before = await writableFingerprint(t.database.db);
    await expect400(
      'PATCH',
      `/api/programmes/${programmeCode}`,
      /json parameter periodEnd/,
      { periodEnd: '2025-02-29' },
      admin,
    );
    expect(await writableFingerprint(t.database.db)).toEqual(before);
  });
});

describe('a NUL byte in text', () => {
  it('is a 400 naming the query parameter', async () => {
    for (const [path, name] of [
      ['/api/units?q=a%00b', 'q'],
      ['/api/scenarios?model=cpi%00', 'model'],
      ['/api/models/cpi/scores?scenario=a%00b', 'scenario'],
      ['/api/models/cpi/compare?a=a%00b', 'a'],
      ['/api/coverage?sector=a%00b', 'sector'],
      ['/api/coverage?cpiScenario=%00', 'cpiScenario'],
      ['/api/programmes?donor=a%00b', 'donor'],
      ['/api/programmes?sector=a%00b', 'sector'],
      ['/api/indicators/units?v=%00', 'v'],
    ] as const) {
      await expect400('GET', path, new RegExp(`query parameter ${name}\\b`));
    }
    await expect400('GET', '/api/audit?entityId=a%00b', /query parameter entityId/, undefined, admin);
  });

  it('is a 400 in a path parameter', async () => {
    await expect400('GET', '/api/scenarios/a%00b', /path parameter/);
    await expect400('GET', '/api/programmes/a%00b', /path parameter/);
    await expect400('DELETE', '/api/programmes/a%00b', /path parameter/, undefined, admin);
  });

  it('is a 400 naming the field of a JSON body (strings and keys), and nothing is written', async () => {
    const before = await writableFingerprint(t.database.db);
    await expect400('POST', '/api/scenarios', /json parameter name/, {
      modelId: 'cpi',
      name: 'a\u0000b',
      weights: {},
    });
    await expect400('POST', '/api/models/cpi/scores', /json parameter weights/, {
      weights: { 'a\u0000': 1 },
    });
    await expect400('POST', '/api/organisations', /json parameter name/, { name: 'FIXTURE \u0000' }, admin);
    await expect400(
      'POST',
      `/api/programmes/${programmeCode}/sites`,
      /json parameter sites\.0\.pcode/,
      { sites: [{ pcode: 'UA6312027\u0000' }] },
      admin,
    );
    await expect400('POST', '/api/targeting', /json parameter filters\.notCoveredInSector/, {
      cost: { type: 'flat', amount: 1 },
      budget: 10,
      filters: { notCoveredInSector: '\u0000' },
    });
    expect(await writableFingerprint(t.database.db)).toEqual(before);
  });

  it('other control characters are refused in names, with the schema naming the field', async () => {
    await expect400(
      'POST',
      '/api/organisations',
      /json parameter name: contains the control character U\+0007 at position 2/,
      { name: 'a\u0007b' },
      admin,
    );
  });
});

describe('ids above 2^31 − 1 (PostgreSQL integer)', () => {
  const huge = ['2147483648', '99999999999', '99999999999999999999', '1e308'];
  it('are a 400 naming the parameter on every route that takes a numeric id', async () => {
    for (const id of huge) {
      await expect400('GET', `/api/programmes?organisation=${id}`, /query parameter organisation/);
      await expect400('GET', `/api/assessments?organisation=${id}`, /query parameter organisation/);
      await expect400('GET', `/api/audit?actor=${id}`, /query parameter actor/, undefined, admin);
      await expect400(
        'GET',
        `/api/audit?organisation=${id}`,
        /query parameter organisation/,
        undefined,
        admin,
      );
      await expect400('GET', `/api/audit?before=${id}`, /query parameter before/, undefined, admin);
      await expect400('GET', `/api/tokens?userId=${id}`, /query parameter userId/, undefined, admin);
      await expect400('PATCH', `/api/users/${id}`, /path parameter id/, { name: 'x' }, admin);
      await expect400('PATCH', `/api/organisations/${id}`, /path parameter id/, { name: 'x' }, admin);
      await expect400('DELETE', `/api/organisations/${id}`, /path parameter id/, undefined, admin);
      await expect400('DELETE', `/api/tokens/${id}`, /path parameter id/, undefined, admin);
      await expect400('PATCH', `/api/assessments/${id}`, /path parameter id/, { notes: 'x' }, admin);
      await expect400('DELETE', `/api/assessments/${id}`, /path parameter id/, undefined, admin);
    }
  });

  it('are a 400 in a JSON body (organisation ids, people reached)', async () => {
    await expect400(
      'PATCH',
      `/api/programmes/${programmeCode}`,
      /json parameter organisationId/,
      { organisationId: 2 ** 31 },
      admin,
    );
    await expect400(
      'POST',
      '/api/users',
      /json parameter organisationIds\.0/,
      {
        email: 'x@example.org',
        name: 'x',
        role: 'editor',
        password: 'a long enough password',
        organisationIds: [2 ** 31],
      },
      admin,
    );
    await expect400(
      'POST',
      `/api/programmes/${programmeCode}/sites`,
      /json parameter sites\.0\.reached/,
      { sites: [{ pcode: 'UA6312027', periodStart: '2025-02-01', reached: 2 ** 31 }] },
      admin,
    );
  });
});

describe('a data exception that still reaches the database', () => {
  it('is a 400 without SQL, not a 500 (the safety net of the one error handler)', async () => {
    for (const n of ['abc', '99999999999']) {
      const res = await call<ErrorBody>(t.app, null, 'GET', `/api/test-only/data-exception?n=${n}`);
      expect(res.status, n).toBe(400);
      expect(res.body.error.code).toBe('BAD_REQUEST');
      expect(res.body.error.message).toMatch(/value the database cannot take/);
      expect(res.body.error.message).not.toMatch(/integer|syntax|abc|select/i);
      expect(res.body.error.requestId).toBe(res.headers.get('x-request-id'));
    }
  });
});
