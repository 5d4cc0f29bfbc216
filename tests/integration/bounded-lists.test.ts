import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createFixtureOrganisation,
  createFixtureToken,
  createFixtureUser,
  type Caller,
} from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue #11 item 2: every list endpoint has a documented maximum. The small lists (organisations, users, API
// tokens, assessments) keep their array answer and page with limit/offset and a Link rel="next" header.

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await createTestApp();
  for (let i = 0; i < 5; i++) await createFixtureOrganisation(t.database.db);
  const user = await createFixtureUser(t.database.db, { role: 'admin' });
  for (let i = 0; i < 4; i++) await createFixtureUser(t.database.db, { role: 'viewer' });
  admin = await createFixtureToken(t.database.db, user.id);
  for (let i = 0; i < 4; i++) await createFixtureToken(t.database.db, user.id, `FIXTURE token ${i}`);
  // Two communities, assessed on several dates: the order (community, newest first) spans pages.
  await sql`insert into assessments (unit_pcode, assessed_on, notes)
    select pcode, date '2025-01-01' + k * 30, 'FIXTURE'
    from (values ('UA6312027'), ('UA2604019')) u(pcode) cross join generate_series(0, 2) k`.execute(
    t.database.db,
  );
});
afterAll(async () => {
  await t?.close();
});

/** Follows Link rel="next" from `path`: the pages' items, by id. */
async function follow(path: string): Promise<number[][]> {
  const pages: number[][] = [];
  let next: string | null = path;
  while (next && pages.length < 100) {
    const res: { status: number; body: { id: number }[]; headers: Headers } = await call(
      t.app,
      admin,
      'GET',
      next,
    );
    expect(res.status, next).toBe(200);
    pages.push(res.body.map((x) => x.id));
    next = /<([^>]+)>; rel="next"/.exec(res.headers.get('Link') ?? '')?.[1] ?? null;
  }
  return pages;
}

describe.each(['/api/organisations', '/api/users', '/api/tokens', '/api/assessments'])('GET %s', (path) => {
  it('pages with limit and a Link to the next page, every item exactly once, in the same order', async () => {
    const whole = (await follow(path)).flat();
    expect(whole.length).toBeGreaterThanOrEqual(5);
    const pages = await follow(`${path}?limit=2`);
    expect(pages.every((p) => p.length <= 2)).toBe(true);
    expect(pages.flat()).toEqual(whole);
    expect(pages).toHaveLength(Math.ceil(whole.length / 2));
  });

  it('refuses a limit over 1000 and a negative offset with a 400 naming them', async () => {
    for (const [query, param] of [
      ['limit=1001', 'limit'],
      ['offset=-1', 'offset'],
      ['offset=100001', 'offset'],
    ]) {
      const res = await call<{ error: { message: string } }>(t.app, admin, 'GET', `${path}?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.message).toContain(param);
    }
  });
});
