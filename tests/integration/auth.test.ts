import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../server/features/auth/secrets.ts';
import {
  ADMIN_CREATE_USAGE,
  adminCreate,
  parseAdminCreateArgs,
  readAdminPassword,
} from '../../server/features/users/admin-create.ts';
import {
  call,
  createFixtureOrganisation,
  createFixtureSession,
  createFixtureToken,
  createFixtureUser,
  FIXTURE_PASSWORD,
  writableFingerprint,
  type Caller,
} from '../support/factories.ts';
import { Hono } from 'hono';
import { loadConfig } from '../../server/config.ts';
import type { AppDeps, AppEnv } from '../../server/shared/app-env.ts';
import { requestContext } from '../../server/shared/request-context.ts';
import { mountWebClient } from '../../server/web-client.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue #6: accounts, sessions, tokens, CSRF, lockout, and the protections around them. Users and
// passwords here are FIXTURES in this file's private database copy.

/** A clock the tests move instead of sleeping. */
const clock = { now: new Date('2026-11-21T10:00:00Z') };
const advance = (ms: number) => (clock.now = new Date(clock.now.getTime() + ms));

let t: TestApp;
let guarded: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: { ATLAS_LOGIN_ADDRESS_MAX_FAILURES: '5', ATLAS_LOGIN_ACCOUNT_FREE_FAILURES: '8' },
    now: () => clock.now,
  });
  guarded = await createTestApp({
    env: {
      ATLAS_READ_ACCESS: 'login',
      ATLAS_CORS_ORIGINS: 'https://partner.example.org',
      ATLAS_BODY_LIMIT_MB: '0.01',
    },
  });
});
afterAll(async () => {
  await t?.close();
  await guarded?.close();
});

/**
 * A page of the product with the app's own per-request headers: the shell's stand-in when no client is built
 * (web-client.ts), behind the middleware every answer passes (request-context.ts), configured by `env`.
 */
async function pageOf(env: NodeJS.ProcessEnv = {}): Promise<Response> {
  const app = new Hono<AppEnv>().use('*', requestContext({ config: loadConfig(env) } as AppDeps));
  mountWebClient(app, { distDir: '/nonexistent/atlas-web-dist' });
  const res = await app.request('/');
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  return res;
}

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

interface SessionBody {
  user: { id: number; email: string; role: string; organisations: { id: number; name: string }[] };
  csrfToken: string;
  expiresAt: string;
}

/** Each test signs in from its own addresses, so that one test's failures do not throttle the next. */
let nextAddress = 1;
const newAddress = () => `198.51.100.${nextAddress++}`;
let defaultAddress = newAddress();
beforeEach(() => {
  defaultAddress = newAddress();
});

async function login(
  app: TestApp,
  email: string,
  password: string,
  headers: Record<string, string> = {},
  address = defaultAddress,
) {
  return call<SessionBody & ErrorBody>(app.app, null, 'POST', '/api/auth/login', {
    body: { email, password },
    headers,
    address,
  });
}

/** The session a sign-in answer set, as a caller for later requests. */
function sessionOf(res: { headers: Headers; body: SessionBody }): Caller {
  const cookies = res.headers.getSetCookie();
  const value = (name: string) =>
    cookies
      .find((c) => c.startsWith(`${name}=`))!
      .split(';')[0]!
      .slice(name.length + 1);
  return {
    kind: 'session',
    userId: res.body.user.id,
    cookie: value('atlas_session'),
    csrfToken: value('atlas_csrf'),
  };
}

describe('a fresh install', () => {
  it('has no accounts, so every write is refused and reads stay public', async () => {
    const { n } = await t.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(0);
    expect((await call(t.app, null, 'GET', '/api/programmes')).status).toBe(200);
    const before = await writableFingerprint(t.database.db);
    for (const [method, path, body] of [
      ['POST', '/api/programmes', { organisationId: 1, title: 'x', sector: 'y', periodStart: '2025-01-01' }],
      ['POST', '/api/users', {}],
      ['POST', '/api/organisations', { name: 'x' }],
      ['POST', '/api/tokens', { name: 'x' }],
      ['DELETE', '/api/programmes/ipcg-veteran-reintegration-pilots', undefined],
    ] as const) {
      const res = await call<ErrorBody>(t.app, null, method, path, { body });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHORIZED');
    }
    expect(await writableFingerprint(t.database.db)).toEqual(before);
  });

  it('gets its first admin from `npm run admin:create`, audited as the command line', async () => {
    const args = parseAdminCreateArgs([
      '--email',
      'First.Admin@Example.org',
      '--name',
      'FIXTURE first admin',
    ]);
    expect(args).toEqual({ email: 'first.admin@example.org', name: 'FIXTURE first admin', reset: false });
    const { user, created } = await adminCreate(t.database.db, args, 'FIXTURE admin password', clock.now);
    expect(created).toBe(true);
    expect(user).toMatchObject({ email: 'first.admin@example.org', role: 'admin', disabledAt: null });

    const audit = await t.database.db.selectFrom('audit_log').selectAll().execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_user_id: null,
      actor_label: 'command line',
      via: 'cli',
      action: 'create',
      entity_type: 'user',
      entity_id: String(user.id),
      before: null,
    });
    expect(audit[0]!.after).toEqual(user);
    // The hash is scrypt, never the password.
    const stored = await t.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(stored.password_hash).not.toContain('FIXTURE');

    const res = await login(t, 'FIRST.admin@example.org', 'FIXTURE admin password');
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe('admin');

    // Again without --reset: refused; with it: a new password, still one account.
    await expect(adminCreate(t.database.db, args, 'FIXTURE other password', clock.now)).rejects.toThrow(
      /exists; add --reset/,
    );
    await adminCreate(t.database.db, { ...args, reset: true }, 'FIXTURE reset password', clock.now);
    expect((await login(t, args.email, 'FIXTURE admin password')).status).toBe(401);
    expect((await login(t, args.email, 'FIXTURE reset password')).status).toBe(200);
  });

  it('takes the password from a terminal, stdin or ATLAS_ADMIN_PASSWORD, never a weak one', async () => {
    const sources = (over: Partial<Parameters<typeof readAdminPassword>[0]>) => ({
      isTTY: false,
      prompt: async () => 'unused',
      readStdin: async () => '',
      env: {},
      ...over,
    });
    expect(await readAdminPassword(sources({ env: { ATLAS_ADMIN_PASSWORD: 'from the environment' } }))).toBe(
      'from the environment',
    );
    expect(await readAdminPassword(sources({ readStdin: async () => 'piped in password\nignored\n' }))).toBe(
      'piped in password',
    );
    const answers = ['typed on a terminal', 'typed on a terminal'];
    expect(await readAdminPassword(sources({ isTTY: true, prompt: async () => answers.shift()! }))).toBe(
      'typed on a terminal',
    );
    const differing = ['typed on a terminal', 'typed differently!'];
    await expect(
      readAdminPassword(sources({ isTTY: true, prompt: async () => differing.shift()! })),
    ).rejects.toThrow(/differ/);
    await expect(readAdminPassword(sources({ readStdin: async () => 'short\n' }))).rejects.toThrow(
      /at least 12 characters/,
    );
    await expect(readAdminPassword(sources({}))).rejects.toThrow(/at least 12/);
    expect(() => parseAdminCreateArgs(['--email', 'nobody'])).toThrow(/--email/);
    expect(() => parseAdminCreateArgs(['--email', 'a@b.org'])).toThrow(/--name is needed/);
    expect(() => parseAdminCreateArgs(['--password', 'x'])).toThrow(ADMIN_CREATE_USAGE.split('\n')[0]!);
  });
});

describe('sign-in', () => {
  let editor: Awaited<ReturnType<typeof createFixtureUser>>;
  beforeAll(async () => {
    const org = await createFixtureOrganisation(t.database.db, 'FIXTURE signing-in organisation');
    editor = await createFixtureUser(t.database.db, { role: 'editor', organisationIds: [org] });
  });

  it('sets an httpOnly SameSite=Strict session cookie and a readable csrf cookie; /me names the user', async () => {
    const res = await login(t, editor.email, FIXTURE_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: editor.id, role: 'editor' });
    expect(res.body.user.organisations.map((o) => o.name)).toEqual(['FIXTURE signing-in organisation']);
    const [session, csrf] = ['atlas_session', 'atlas_csrf'].map((n) =>
      res.headers.getSetCookie().find((c) => c.startsWith(`${n}=`)),
    );
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Strict/);
    expect(session).toMatch(/; Path=\//);
    expect(session).not.toMatch(/; Secure/); // plain http in the test
    expect(csrf).not.toMatch(/HttpOnly/);
    const caller = sessionOf(res);
    expect(caller.kind === 'session' && caller.csrfToken).toBe(res.body.csrfToken);
    // Only the hash of the cookie is stored.
    const stored = await t.database.db.selectFrom('sessions').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(caller.kind === 'session' && caller.cookie);

    const me = await call<{ user: { id: number }; via: string; csrfToken: string }>(
      t.app,
      caller,
      'GET',
      '/api/auth/me',
    );
    expect(me.body).toMatchObject({ user: { id: editor.id }, via: 'session', csrfToken: res.body.csrfToken });
    const anonymous = await call(t.app, null, 'GET', '/api/auth/me');
    expect(anonymous.body).toEqual({ user: null, via: null, csrfToken: null, readAccess: 'public' });
  });

  it('marks cookies Secure when the request came over https', async () => {
    const res = await login(t, editor.email, FIXTURE_PASSWORD, { 'X-Forwarded-Proto': 'https' });
    for (const cookie of res.headers.getSetCookie()) expect(cookie).toMatch(/; Secure/);
  });

  it('answers an unknown email and a wrong password alike', async () => {
    const wrong = await login(t, editor.email, 'not the password at all');
    const unknown = await login(t, 'nobody@fixture.example.org', 'not the password at all');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
    expect(wrong.headers.getSetCookie()).toEqual([]);
    // Neither counts against the editor after a good sign-in.
    expect((await login(t, editor.email, FIXTURE_PASSWORD)).status).toBe(200);
  });

  it('an attacker failing 20 times from one address is stopped there; the owner signs in from another at once', async () => {
    // Issue #11 item 3: this used to lock the victim's email for 15 minutes after 5 failures from anywhere.
    const victim = await createFixtureUser(t.database.db, { role: 'admin' });
    const attacker = newAddress();
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await login(t, victim.email, `guess ${i}!!!!!`, {}, attacker));
    // ATLAS_LOGIN_ADDRESS_MAX_FAILURES=5 here: five wrong answers, then the address itself is refused.
    expect(answers.map((a) => a.status)).toEqual([...Array(5).fill(401), ...Array(15).fill(429)]);
    const refused = answers.at(-1)!;
    expect(refused.body.error.code).toBe('TOO_MANY_REQUESTS');
    const retryAfter = Number(refused.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Even the right password is refused from the attacker's address…
    expect((await login(t, victim.email, FIXTURE_PASSWORD, {}, attacker)).status).toBe(429);
    // …while the owner, from another address, signs in at once.
    const owner = await login(t, victim.email, FIXTURE_PASSWORD, {}, newAddress());
    expect(owner.status).toBe(200);
    expect(owner.body.user.email).toBe(victim.email);
    // The attacker's address is free again once its failures leave the window.
    advance(15 * 60_000 + 1);
    expect((await login(t, victim.email, 'guess again!!!', {}, attacker)).status).toBe(401);
  });

  it('many addresses failing one account only delay it by seconds (doubling, capped), never lock it', async () => {
    const victim = await createFixtureUser(t.database.db, { role: 'viewer' });
    // ATLAS_LOGIN_ACCOUNT_FREE_FAILURES=8: eight failures cost nothing, the ninth makes the next wait 1 s.
    for (let i = 0; i < 9; i++) {
      expect((await login(t, victim.email, `spray ${i}!!!!!`, {}, newAddress())).status).toBe(401);
    }
    const delayed = await login(t, victim.email, FIXTURE_PASSWORD, {}, newAddress());
    expect(delayed.status).toBe(429);
    expect(delayed.headers.get('Retry-After')).toBe('1');
    advance(1000);
    // One more failure doubles it to 2 s; the cap (ATLAS_LOGIN_MAX_DELAY_SECONDS, 30) bounds it.
    expect((await login(t, victim.email, 'spray again!!!', {}, newAddress())).status).toBe(401);
    expect(
      (await login(t, victim.email, FIXTURE_PASSWORD, {}, newAddress())).headers.get('Retry-After'),
    ).toBe('2');
    for (let i = 0; i < 10; i++) {
      advance(60_000);
      await login(t, victim.email, `spray more ${i}!!`, {}, newAddress());
    }
    const capped = await login(t, victim.email, FIXTURE_PASSWORD, {}, newAddress());
    expect(Number(capped.headers.get('Retry-After'))).toBe(30);
    advance(30_000);
    expect((await login(t, victim.email, FIXTURE_PASSWORD, {}, newAddress())).status).toBe(200);
    // An unknown email is delayed the same way: the delay tells nothing about which accounts exist.
    for (let i = 0; i < 9; i++)
      await login(t, 'ghost@fixture.example.org', `spray ${i}!!!!!`, {}, newAddress());
    expect((await login(t, 'ghost@fixture.example.org', 'anything', {}, newAddress())).status).toBe(429);
  });

  it('ends a session at logout and at its expiry', async () => {
    const caller = sessionOf(await login(t, editor.email, FIXTURE_PASSWORD));
    const out = await call(t.app, caller, 'POST', '/api/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/atlas_session=;/);
    expect((await call<{ user: null }>(t.app, caller, 'GET', '/api/auth/me')).body.user).toBeNull();
    expect((await call(t.app, caller, 'POST', '/api/tokens', { body: { name: 'x' } })).status).toBe(401);

    const fresh = sessionOf(await login(t, editor.email, FIXTURE_PASSWORD));
    advance(11 * 3_600_000);
    expect((await call<{ user: unknown }>(t.app, fresh, 'GET', '/api/auth/me')).body.user).not.toBeNull();
    advance(3_600_001);
    expect((await call<{ user: unknown }>(t.app, fresh, 'GET', '/api/auth/me')).body.user).toBeNull();
  });

  it("looks a browser's session up only when something needs it: public reads such as tiles cost nothing", async () => {
    const caller = await createFixtureSession(t.database.db, editor.id, clock.now);
    const lastSeen = async () =>
      (
        await t.database.db
          .selectFrom('sessions')
          .select('last_seen_at')
          .where('id', '=', sha256Hex(caller.kind === 'session' ? caller.cookie : ''))
          .executeTakeFirstOrThrow()
      ).last_seen_at;
    const created = await lastSeen();
    advance(2 * 60_000);
    expect((await call(t.app, caller, 'GET', '/tiles/oblast/0/0/0')).status).toBeLessThan(300);
    expect((await call(t.app, caller, 'GET', '/api/programmes')).status).toBe(200);
    expect(await lastSeen()).toBe(created);
    await call(t.app, caller, 'GET', '/api/auth/me');
    expect(await lastSeen()).toBe(clock.now.toISOString());
  });

  it('clears a stale session cookie where a read looks it up, and ignores it where nothing does', async () => {
    // The guard's fast path (issue #5, B2) lets such reads straight through: the route decides.
    const caller = await createFixtureSession(t.database.db, editor.id, clock.now, 60_000);
    advance(2 * 60_000);
    for (const method of ['GET', 'HEAD']) {
      const tile = await call(t.app, caller, method, '/tiles/oblast/0/0/0');
      expect(tile.status, method).toBeLessThan(300);
      expect(tile.headers.getSetCookie(), method).toEqual([]);
    }
    const me = await call<{ user: null }>(t.app, caller, 'GET', '/api/auth/me');
    expect(me.body.user).toBeNull();
    expect(me.headers.getSetCookie().join()).toMatch(/atlas_session=;.*atlas_csrf=;/);
  });

  it('lets a user change their own password with the current one; their other sessions end', async () => {
    const user = await createFixtureUser(t.database.db, { role: 'viewer' });
    const here = sessionOf(await login(t, user.email, FIXTURE_PASSWORD));
    const elsewhere = sessionOf(await login(t, user.email, FIXTURE_PASSWORD));
    const wrong = await call<ErrorBody>(t.app, here, 'POST', '/api/auth/password', {
      body: { currentPassword: 'not my password', newPassword: 'a brand new passphrase' },
    });
    expect(wrong.status).toBe(403);
    const weak = await call<ErrorBody>(t.app, here, 'POST', '/api/auth/password', {
      body: { currentPassword: FIXTURE_PASSWORD, newPassword: 'short' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/newPassword: must be at least 12 characters/);
    const ok = await call(t.app, here, 'POST', '/api/auth/password', {
      body: { currentPassword: FIXTURE_PASSWORD, newPassword: 'a brand new passphrase' },
    });
    expect(ok.status).toBe(204);
    expect((await call<{ user: unknown }>(t.app, here, 'GET', '/api/auth/me')).body.user).not.toBeNull();
    expect((await call<{ user: unknown }>(t.app, elsewhere, 'GET', '/api/auth/me')).body.user).toBeNull();
    expect((await login(t, user.email, 'a brand new passphrase')).status).toBe(200);
  });
});

describe('CSRF protection of cookie sessions', () => {
  let session: Caller;
  let token: Caller;
  beforeAll(async () => {
    const user = await createFixtureUser(t.database.db, { role: 'viewer' });
    session = await createFixtureSession(t.database.db, user.id, clock.now);
    token = await createFixtureToken(t.database.db, user.id);
  });

  it('refuses a cookie-session write without the X-CSRF-Token header, or with a wrong one', async () => {
    const before = await writableFingerprint(t.database.db);
    const missing = await call<ErrorBody>(t.app, session, 'POST', '/api/tokens', {
      body: { name: 'csrf' },
      csrf: false,
    });
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe('CSRF_FAILED');
    expect(missing.body.error.message).toMatch(/X-CSRF-Token header is missing/);
    const wrong = await call<ErrorBody>(t.app, session, 'POST', '/api/tokens', {
      body: { name: 'csrf' },
      headers: { 'X-CSRF-Token': 'forged' },
      csrf: false,
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('CSRF_FAILED');
    expect(await writableFingerprint(t.database.db)).toEqual(before);
  });

  it('refuses a foreign Origin even with the right token, and a foreign sign-in', async () => {
    const foreign = await call<ErrorBody>(t.app, session, 'POST', '/api/tokens', {
      body: { name: 'csrf' },
      headers: { Origin: 'https://evil.example.com' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('CSRF_FAILED');
    const crossSite = await call(t.app, session, 'POST', '/api/tokens', {
      body: { name: 'csrf' },
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    const signIn = await login(t, 'anyone@fixture.example.org', 'whatever password', {
      Origin: 'https://evil.example.com',
    });
    expect(signIn.status).toBe(403);
  });

  it('accepts the right header from our own origin; reads need none', async () => {
    const ok = await call(t.app, session, 'POST', '/api/tokens', {
      body: { name: 'csrf ok' },
      headers: { Origin: 'http://localhost' },
    });
    expect(ok.status).toBe(201);
    expect((await call(t.app, session, 'GET', '/api/tokens', { csrf: false })).status).toBe(200);
  });

  it('needs no CSRF token for an API token: browsers never add one by themselves', async () => {
    const res = await call(t.app, token, 'POST', '/api/tokens', { body: { name: 'from a script' } });
    expect(res.status).toBe(201);
  });
});

describe('API tokens', () => {
  it('work as `Authorization: Bearer`, are stored hashed, and stop at once when revoked', async () => {
    const user = await createFixtureUser(t.database.db, { role: 'viewer' });
    const session = await createFixtureSession(t.database.db, user.id, clock.now);
    const created = await call<{ token: { id: number; prefix: string }; secret: string }>(
      t.app,
      session,
      'POST',
      '/api/tokens',
      { body: { name: 'nightly sync' } },
    );
    expect(created.status).toBe(201);
    const { secret, token } = created.body;
    expect(secret).toMatch(/^hat_/);
    expect(secret.startsWith(token.prefix)).toBe(true);
    const row = await t.database.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secret);

    const bearer: Caller = { kind: 'token', userId: user.id, token: secret };
    const me = await call<{ user: { id: number }; via: string }>(t.app, bearer, 'GET', '/api/auth/me');
    expect(me.body).toMatchObject({ user: { id: user.id }, via: 'token' });
    const listed = await call<{ id: number; lastUsedAt: string | null }[]>(
      t.app,
      bearer,
      'GET',
      '/api/tokens',
    );
    expect(listed.body.find((x) => x.id === token.id)?.lastUsedAt).toBe(clock.now.toISOString());
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    expect((await call(t.app, session, 'DELETE', `/api/tokens/${token.id}`)).status).toBe(204);
    const refused = await call<ErrorBody>(t.app, bearer, 'GET', '/api/auth/me');
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(/unknown or revoked/);
    expect((await call(t.app, bearer, 'GET', '/api/programmes')).status).toBe(401);
    // Revoking twice is a conflict, not a second audit row.
    expect((await call(t.app, session, 'DELETE', `/api/tokens/${token.id}`)).status).toBe(409);
  });

  it("stop working when their user is disabled; another user's token cannot be revoked", async () => {
    const admin = await createFixtureUser(t.database.db, { role: 'admin' });
    const adminSession = await createFixtureSession(t.database.db, admin.id, clock.now);
    const user = await createFixtureUser(t.database.db, { role: 'viewer' });
    const other = await createFixtureUser(t.database.db, { role: 'viewer' });
    const token = await createFixtureToken(t.database.db, user.id);
    const otherSession = await createFixtureSession(t.database.db, other.id, clock.now);
    expect((await call(t.app, otherSession, 'DELETE', `/api/tokens/${token.id}`)).status).toBe(403);
    expect((await call(t.app, otherSession, 'GET', `/api/tokens?userId=${user.id}`)).status).toBe(403);
    expect((await call(t.app, adminSession, 'GET', `/api/tokens?userId=${user.id}`)).status).toBe(200);
    expect((await call(t.app, token, 'GET', '/api/auth/me')).status).toBe(200);
    expect(
      (await call(t.app, adminSession, 'PATCH', `/api/users/${user.id}`, { body: { disabled: true } }))
        .status,
    ).toBe(200);
    expect((await call(t.app, token, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('refuses a malformed Authorization header', async () => {
    for (const value of ['Basic dXNlcjpwYXNz', 'Bearer', 'hat_abc']) {
      const res = await t.app.request('/api/health', { headers: { Authorization: value } });
      expect(res.status, value).toBe(401);
    }
  });
});

describe('ATLAS_READ_ACCESS=login', () => {
  it('refuses every data read without a user, but not health, sign-in or the API docs', async () => {
    for (const path of [
      '/api/units?level=oblast',
      '/api/programmes',
      '/api/units/UA6312027',
      '/api/coverage',
      '/api/layers/oblast.topojson',
      '/api/organisations',
      '/tiles',
      '/tiles/hromada',
    ]) {
      const res = await guarded.app.request(path);
      expect(res.status, path).toBe(401);
    }
    for (const path of [
      '/api/health',
      '/api/auth/me',
      '/api/docs',
      '/api/openapi.json',
      '/api/client-config',
    ]) {
      expect((await guarded.app.request(path)).status, path).toBe(200);
    }
    const me = await call<{ readAccess: string }>(guarded.app, null, 'GET', '/api/auth/me');
    expect(me.body.readAccess).toBe('login');
    // Computations that are open when reads are public need a user here too.
    const targeting = await call(guarded.app, null, 'POST', '/api/targeting', { body: {} });
    expect(targeting.status).toBe(401);
  });

  it('reads for any signed-in user, viewers included, by session or token', async () => {
    const viewer = await createFixtureUser(guarded.database.db, { role: 'viewer' });
    const session = await createFixtureSession(guarded.database.db, viewer.id);
    const token = await createFixtureToken(guarded.database.db, viewer.id);
    for (const caller of [session, token]) {
      expect((await call(guarded.app, caller, 'GET', '/api/programmes')).status).toBe(200);
      expect((await call(guarded.app, caller, 'GET', '/api/units/UA6312027')).status).toBe(200);
    }
  });
});

describe('protection of every response', () => {
  it('refuses a body over ATLAS_BODY_LIMIT_MB with 413 in the standard error body', async () => {
    const admin = await createFixtureUser(guarded.database.db, { role: 'admin' });
    const token = await createFixtureToken(guarded.database.db, admin.id);
    const big = `#org,#sector,#adm3+code,#date+start\n${'FIXTURE,x,UA6312027,2025-01-01\n'.repeat(600)}`;
    const res = await call<ErrorBody & { error: { requestId: string } }>(
      guarded.app,
      token,
      'POST',
      '/api/programmes/import?mode=preview',
      { body: big },
    );
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', requestId: expect.any(String) });
    // Before authentication too: a huge anonymous body is not read at all.
    const anonymous = await call(guarded.app, null, 'POST', '/api/auth/login', { body: big });
    expect(anonymous.status).toBe(413);
  });

  it('sends no CORS headers by default', async () => {
    const preflight = await t.app.request('/api/programmes', {
      method: 'OPTIONS',
      headers: { Origin: 'https://partner.example.org', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const get = await t.app.request('/api/health', { headers: { Origin: 'https://partner.example.org' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the configured origins only, with credentials and the CSRF header', async () => {
    const preflight = await guarded.app.request('/api/programmes', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://partner.example.org',
        'Access-Control-Request-Method': 'PATCH',
        'Access-Control-Request-Headers': 'content-type, x-csrf-token',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://partner.example.org');
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-csrf-token');
    const other = await guarded.app.request('/api/health', {
      headers: { Origin: 'https://evil.example.com' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    // A configured origin passes the CSRF origin check too.
    const user = await createFixtureUser(guarded.database.db, { role: 'viewer' });
    const session = await createFixtureSession(guarded.database.db, user.id);
    const fromPartner = await call(guarded.app, session, 'POST', '/api/tokens', {
      body: { name: 'partner' },
      headers: { Origin: 'https://partner.example.org' },
    });
    expect(fromPartner.status).toBe(201);
  });

  it('sends the secure headers, and a CSP under which the docs page runs its one script by nonce', async () => {
    // Answers of every kind: a read, a tile catalogue, a 404 and an error thrown by a route (401). Data gets
    // the headers that matter for data (security.ts), with a CSP that lets nothing run if opened as a page.
    for (const path of [
      '/api/health',
      '/api/units?level=oblast',
      '/tiles',
      '/api/nothing-here',
      '/api/users',
    ]) {
      const res = await t.app.request(path);
      expect(res.headers.get('content-security-policy'), path).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
      expect(res.headers.get('strict-transport-security'), path).toMatch(/max-age=/);
      expect(res.headers.get('x-request-id'), path).toBeTruthy();
    }
    // A cached tile and its 304 are built without Hono's headers helpers (issue #5, B2): they carry them too.
    const tile = await t.app.request('/tiles/oblast/0/0/0', { headers: { 'Accept-Encoding': 'br' } });
    const etag = tile.headers.get('etag')!;
    const notModified = await t.app.request('/tiles/oblast/0/0/0', {
      headers: { 'Accept-Encoding': 'br', 'If-None-Match': etag },
    });
    expect(notModified.status).toBe(304);
    for (const res of [tile, notModified]) {
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-request-id')).toBeTruthy();
      expect(res.headers.get('etag')).toBe(etag);
    }
    // A page gets all of them: the app's CSP (its scripts, MapLibre's workers), referrer and framing rules.
    const page = await pageOf();
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const docs = await t.app.request('/api/docs');
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(docs.headers.get('content-security-policy')!)?.[1];
    expect(nonce).toBeTruthy();
    expect(await docs.text()).toContain(`<script nonce="${nonce}">`);
  });

  it('allows an online basemap through the CSP only when one is configured', async () => {
    const basemap = { ATLAS_BASEMAP_STYLE_URL: 'https://tiles.example.org/style.json' };
    const csp = (await pageOf(basemap)).headers.get('content-security-policy')!;
    expect(csp).toContain("connect-src 'self' https: https://tiles.example.org;");
    expect((await pageOf()).headers.get('content-security-policy')).toContain("connect-src 'self';");
  });
});
