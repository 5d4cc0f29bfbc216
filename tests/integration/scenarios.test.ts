import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../server/shared/pagination.ts';
import { call, createFixtureToken, createFixtureUser, type Caller } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue #11 items 2 and 3: scenarios are listed publicly only when shared (which needs a signed-in user), the
// list is paged, a body has a size limit, and targeting takes weights in the request so that the web client
// need not save a scenario to find a shortlist. Before: every scenario ever saved was listed to everyone.

interface Scenario {
  id: string;
  name: string;
  shared: boolean;
  own: boolean;
  weights: Record<string, number>;
  createdAt: string;
}
interface Page {
  scenarios: Scenario[];
  nextCursor: string | null;
}
interface ErrorBody {
  error: { code: string; message: string };
}

let t: TestApp;
let signedIn: Caller;
beforeAll(async () => {
  t = await createTestApp();
  const user = await createFixtureUser(t.database.db, { role: 'viewer' });
  signedIn = await createFixtureToken(t.database.db, user.id);
});
afterAll(async () => {
  await t?.close();
});

const save = (caller: Caller | null, body: Record<string, unknown>, address = '203.0.113.50') =>
  call<Scenario & ErrorBody>(t.app, caller, 'POST', '/api/scenarios', {
    body: { modelId: 'cpi', weights: { displacement_load: 2 }, ...body },
    address,
  });

/** Every page of GET /api/scenarios from `query`, following nextCursor. */
async function allPages(query: string): Promise<Scenario[][]> {
  const pages: Scenario[][] = [];
  let cursor: string | null = null;
  do {
    const sep = query ? '&' : '';
    const res: { status: number; body: Page } = await t.getJson<Page>(
      `/api/scenarios?${query}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status).toBe(200);
    pages.push(res.body.scenarios);
    cursor = res.body.nextCursor;
  } while (cursor !== null && pages.length < 100);
  return pages;
}

describe('shared and unlisted scenarios', () => {
  it('saves an unlisted scenario without an account: not listed, but its link opens it', async () => {
    const saved = await save(null, { name: 'FIXTURE unlisted' });
    expect(saved.status).toBe(201);
    expect(saved.body.shared).toBe(false);
    // 96 random bits, base64url: not guessable from the ids around it.
    expect(saved.body.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const listed = (await allPages('limit=200')).flat();
    expect(listed.map((s) => s.id)).not.toContain(saved.body.id);
    const opened = await t.getJson<Scenario>(`/api/scenarios/${saved.body.id}`);
    expect(opened.status).toBe(200);
    expect(opened.body.name).toBe('FIXTURE unlisted');
  });

  it('lists a scenario publicly only when a signed-in user shares it', async () => {
    const anonymous = await save(null, { name: 'FIXTURE spam', shared: true });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.message).toMatch(/^body parameter shared/);
    const shared = await save(signedIn, { name: 'FIXTURE shared', shared: true });
    expect(shared.status).toBe(201);
    expect(shared.body.shared).toBe(true);
    const listed = (await allPages('model=cpi')).flat();
    expect(listed.map((s) => s.id)).toContain(shared.body.id);
    expect(listed.every((s) => s.shared)).toBe(true);
    const row = await t.database.db
      .selectFrom('scenarios')
      .select('created_by')
      .where('id', '=', shared.body.id)
      .executeTakeFirstOrThrow();
    expect(row.created_by).toBe(signedIn.userId);
  });
});

describe('GET /api/scenarios pages', () => {
  it('pages through every shared scenario exactly once, newest first, at most `limit` a page', async () => {
    for (let i = 0; i < 7; i++)
      expect((await save(signedIn, { name: `FIXTURE page ${i}`, shared: true })).status).toBe(201);
    const everything = (await allPages('limit=200')).flat();
    const pages = await allPages('limit=3');
    expect(pages.every((p) => p.length <= 3)).toBe(true);
    expect(pages.length).toBe(Math.ceil(everything.length / 3));
    const paged = pages.flat();
    expect(paged.map((s) => s.id)).toEqual(everything.map((s) => s.id));
    expect(new Set(paged.map((s) => s.id)).size).toBe(paged.length);
    const times = paged.map((s) => s.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('defaults to 50 a page and refuses a limit over 200 or a forged cursor with a 400 naming it', async () => {
    const first = await t.getJson<Page>('/api/scenarios');
    expect(first.body.scenarios.length).toBeLessThanOrEqual(50);
    const over = await t.getJson<ErrorBody>('/api/scenarios?limit=201');
    expect(over.status).toBe(400);
    expect(over.body.error.message).toMatch(/limit/);
    for (const cursor of ['garbage', encodeCursor([1, 2]), encodeCursor(['x'])]) {
      const bad = await t.getJson<ErrorBody>(`/api/scenarios?cursor=${cursor}`);
      expect(bad.status, cursor).toBe(400);
      expect(bad.body.error.message).toMatch(/cursor/);
    }
  });
});

describe('scenario size limits', () => {
  it('answers 413 for a body over 64 KiB and 400 naming weights for too many of them', async () => {
    const big = await save(null, { name: 'FIXTURE big', description: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(big.body.error.message).toMatch(/^body/);
    const many = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`n${i}`, 1]));
    const tooMany = await save(null, { name: 'FIXTURE many', weights: many });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/weights/);
  });
});

describe('POST /api/targeting with weights in the request', () => {
  it('gives the same shortlist as the same weights saved as a scenario', async () => {
    const weights = { displacement_load: 4 };
    const saved = await save(null, { name: 'FIXTURE targeting', weights });
    const base = { cost: { type: 'flat', amount: 100_000 }, budget: 900_000, priority: 'cpi' };
    const target = (body: Record<string, unknown>) =>
      call<{ selected: { pcode: string }[] }>(t.app, null, 'POST', '/api/targeting', {
        body: { ...base, ...body },
        address: '203.0.113.51',
      });
    const [byScenario, inline, plain] = [
      await target({ scenario: saved.body.id }),
      await target({ weights }),
      await target({}),
    ];
    expect([byScenario.status, inline.status, plain.status]).toEqual([200, 200, 200]);
    const pcodes = (r: typeof inline) => r.body.selected.map((s) => s.pcode);
    expect(pcodes(inline)).toEqual(pcodes(byScenario));
    expect(pcodes(inline)).not.toEqual(pcodes(plain));
  });
});

// Issue #14 item 9: the Target view's gallery lists the caller's own scenarios besides the shared ones, and only
// the owner deletes one (an audited delete, as other deletes are).
describe('the scenario gallery: mine, and delete by the owner only', () => {
  it("lists the caller's own unlisted scenario with mine=true (and only to them), marked own", async () => {
    const owner = await createFixtureToken(
      t.database.db,
      (await createFixtureUser(t.database.db, { role: 'viewer' })).id,
    );
    const other = await createFixtureToken(
      t.database.db,
      (await createFixtureUser(t.database.db, { role: 'viewer' })).id,
    );
    const mine = await save(owner, { name: 'FIXTURE gallery mine' });
    expect(mine.status).toBe(201);
    expect(mine.body.own).toBe(true);
    const listOf = async (caller: Caller | null) =>
      call<Page & ErrorBody>(t.app, caller, 'GET', '/api/scenarios?mine=true&limit=200');
    const forOwner = await listOf(owner);
    expect(forOwner.status).toBe(200);
    const row = forOwner.body.scenarios.find((s) => s.id === mine.body.id);
    expect(row?.own).toBe(true);
    const forOther = await listOf(other);
    expect(forOther.body.scenarios.map((s) => s.id)).not.toContain(mine.body.id);
    expect((await listOf(null)).status).toBe(401);
  });

  it('lets only the owner delete a scenario, and records the delete in the audit trail', async () => {
    const ownerUser = await createFixtureUser(t.database.db, { role: 'viewer' });
    const owner = await createFixtureToken(t.database.db, ownerUser.id);
    const other = await createFixtureToken(
      t.database.db,
      (await createFixtureUser(t.database.db, { role: 'editor' })).id,
    );
    const saved = await save(owner, { name: 'FIXTURE to delete', shared: true });
    expect(saved.status).toBe(201);
    const path = `/api/scenarios/${saved.body.id}`;

    const anonymous = await call<ErrorBody>(t.app, null, 'DELETE', path);
    expect(anonymous.status).toBe(401);
    const stranger = await call<ErrorBody>(t.app, other, 'DELETE', path);
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.message).toMatch(/only its owner/);
    expect((await t.getJson<Scenario>(path)).status).toBe(200);

    const deleted = await call(t.app, owner, 'DELETE', path);
    expect(deleted.status).toBe(204);
    expect((await t.getJson<ErrorBody>(path)).status).toBe(404);
    expect((await call<ErrorBody>(t.app, owner, 'DELETE', path)).status).toBe(404);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'before'])
      .where('entity_type', '=', 'scenario')
      .where('entity_id', '=', saved.body.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'delete', actor_user_id: ownerUser.id });
    expect((audit[0]!.before as Scenario).name).toBe('FIXTURE to delete');
  });

  it('refuses to delete an anonymous scenario: it has no owner', async () => {
    const anonymous = await save(null, { name: 'FIXTURE ownerless' }, '203.0.113.77');
    expect(anonymous.status).toBe(201);
    const res = await call<ErrorBody>(t.app, signedIn, 'DELETE', `/api/scenarios/${anonymous.body.id}`);
    expect(res.status).toBe(403);
  });
});
