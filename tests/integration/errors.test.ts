import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

interface ErrorBody {
  error: { code: string; message: string; requestId: string };
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function expectError(path: string, status: number, code: string, message: RegExp | string) {
  const res = await t.getJson<ErrorBody>(path);
  expect(res.status, path).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(res.body)).toEqual(['error']);
  expect(res.body.error.code).toBe(code);
  if (typeof message === 'string') expect(res.body.error.message).toBe(message);
  else expect(res.body.error.message).toMatch(message);
  // The request id of the body is the one of the response header, for matching a report to the logs.
  expect(res.body.error.requestId).toBeTruthy();
  expect(res.body.error.requestId).toBe(res.headers.get('x-request-id'));
  return res.body.error;
}

describe('404: what is not there', () => {
  it('an unknown unit', async () => {
    await expectError('/api/units/UA9999999', 404, 'NOT_FOUND', 'no unit UA9999999');
  });

  it('an unknown parent', async () => {
    await expectError('/api/units?parent=UA99', 404, 'NOT_FOUND', 'no unit UA99');
    await expectError('/api/units.geojson?parent=UA9901', 404, 'NOT_FOUND', 'no unit UA9901');
  });

  it('an unknown indicator, and a period an indicator has no values for, naming those it has', async () => {
    await expectError('/api/indicators/no_such_thing/values', 404, 'NOT_FOUND', /no indicator no_such_thing/);
    const error = await expectError(
      '/api/indicators/population_2022/values?period=2019',
      404,
      'NOT_FOUND',
      /2019/,
    );
    expect(error.message).toContain('2022-01-01');
  });

  it('an unknown route', async () => {
    await expectError('/api/nothing-here', 404, 'NOT_FOUND', 'no route for GET /api/nothing-here');
  });

  it('a docs asset that is not one, or outside the package', async () => {
    await expectError('/api/docs/assets/nope.js', 404, 'NOT_FOUND', /nope\.js/);
    await expectError('/api/docs/assets/..%2Fpackage.json', 404, 'NOT_FOUND', /no docs asset/);
  });
});

describe('400: a parameter is wrong, and the message names it', () => {
  it('a malformed pcode', async () => {
    await expectError('/api/units/Kharkiv', 400, 'BAD_REQUEST', /pcode/);
    await expectError('/api/units?parent=63', 400, 'BAD_REQUEST', /parent/);
  });

  it('a level that does not exist', async () => {
    await expectError('/api/units?level=village', 400, 'BAD_REQUEST', /query parameter level/);
    await expectError('/api/units.geojson?level=village', 400, 'BAD_REQUEST', /level/);
    await expectError('/api/indicators/population_2022/values?level=village', 400, 'BAD_REQUEST', /level/);
    await expectError('/api/layers/village.topojson', 400, 'BAD_REQUEST', /level/);
  });

  it('paging out of range', async () => {
    await expectError('/api/units?limit=0', 400, 'BAD_REQUEST', /limit/);
    await expectError('/api/units?limit=abc', 400, 'BAD_REQUEST', /limit/);
    await expectError('/api/units?offset=-1', 400, 'BAD_REQUEST', /offset/);
  });

  it('an unknown indicator asked for as a GeoJSON property', async () => {
    const error = await expectError(
      '/api/units.geojson?indicators=population_2022,no_such_thing',
      400,
      'BAD_REQUEST',
      /no_such_thing/,
    );
    expect(error.message).toMatch(/indicators/);
    expect(error.message).not.toMatch(/population_2022/);
    await expectError('/api/units.geojson?indicators=Population;drop', 400, 'BAD_REQUEST', /indicators/);
  });

  it('a malformed period', async () => {
    await expectError('/api/indicators/population_2022/values?period=last', 400, 'BAD_REQUEST', /period/);
  });
});
