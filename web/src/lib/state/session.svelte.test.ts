import { describe, expect, it } from 'vitest';
import { createAccountApi, fieldErrors, WriteError } from '../api/account.ts';
import { createHttp } from '../api/http.ts';
import { SessionState } from './session.svelte.ts';

// SessionState over the real account client and a fake fetch that answers as the API documents
// (docs/accounts.md): /me, login (200, 401, 429 with lockedUntil), logout, and a write that needs the CSRF token.

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

const EDITOR = {
  id: 7,
  email: 'e@example.org',
  name: 'Олена',
  role: 'editor' as const,
  organisations: [{ id: 3, name: 'FIXTURE org' }],
};

function fakeServer(opts: { readAccess?: 'public' | 'login'; locked?: boolean } = {}) {
  const seen: Seen[] = [];
  let csrf: string | null = null;
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const fetchFn = async (url: string, init: RequestInit = {}) => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    seen.push({ method: init.method ?? 'GET', url, headers, body: init.body as string | undefined });
    if (url === '/api/auth/me')
      return json(200, {
        user: csrf ? EDITOR : null,
        via: csrf ? 'session' : null,
        csrfToken: csrf,
        readAccess: opts.readAccess ?? 'public',
      });
    if (url === '/api/auth/login') {
      const { password } = JSON.parse(init.body as string) as { password: string };
      if (opts.locked)
        return json(429, {
          error: {
            code: 'TOO_MANY_REQUESTS',
            message: 'locked',
            requestId: 'r',
            details: { lockedUntil: '2026-11-21T12:15:00.000Z' },
          },
        });
      if (password !== 'right password 123')
        return json(401, {
          error: { code: 'UNAUTHORIZED', message: 'wrong email or password', requestId: 'r' },
        });
      csrf = 'token-1';
      return json(200, { user: EDITOR, csrfToken: csrf, expiresAt: '2026-11-22T00:00:00Z' });
    }
    if (url === '/api/auth/logout') {
      csrf = null;
      return new Response(null, { status: 204 });
    }
    if (url === '/api/write') {
      if (headers['X-CSRF-Token'] !== csrf)
        return json(403, { error: { code: 'CSRF_FAILED', message: 'no csrf', requestId: 'r' } });
      return json(200, { ok: true });
    }
    return json(404, { error: { code: 'NOT_FOUND', message: 'no route', requestId: 'r' } });
  };
  return {
    seen,
    fetchFn,
    rotate: () => {
      csrf = 'token-2';
    },
  };
}

describe('SessionState', () => {
  it('asks /me at start: anonymous in public mode can read, and may not edit', async () => {
    const server = fakeServer();
    const session = new SessionState(createAccountApi(createHttp(server.fetchFn)));
    await session.load();
    expect(session.status).toBe('ready');
    expect(session.user).toBeNull();
    expect(session.mustSignIn).toBe(false);
    expect(session.canEditAny).toBe(false);
    expect(session.canEdit(3)).toBe(false);
  });

  it("in 'login' mode shows only the sign-in until signed in", async () => {
    const server = fakeServer({ readAccess: 'login' });
    const session = new SessionState(createAccountApi(createHttp(server.fetchFn)));
    await session.load();
    expect(session.mustSignIn).toBe(true);
    expect(await session.signIn('e@example.org', 'right password 123')).toBe(true);
    expect(session.mustSignIn).toBe(false);
  });

  it('signs in: the user, their role and organisations, and the CSRF token on every write', async () => {
    const server = fakeServer();
    const api = createAccountApi(createHttp(server.fetchFn));
    const session = new SessionState(api);
    await session.load();
    session.openDialog();
    expect(await session.signIn('  e@example.org ', 'right password 123')).toBe(true);
    expect(session.dialogOpen).toBe(false);
    expect(JSON.parse(server.seen.at(-1)!.body!)).toEqual({
      email: 'e@example.org',
      password: 'right password 123',
    });
    expect(session.role).toBe('editor');
    expect(session.canEditAny).toBe(true);
    expect(session.canEdit(3)).toBe(true);
    expect(session.canEdit(4)).toBe(false);
    expect(await api.send('POST', '/api/write', { a: 1 })).toEqual({ ok: true });
    const write = server.seen.at(-1)!;
    expect(write.headers['X-CSRF-Token']).toBe('token-1');
    expect(write.headers['Content-Type']).toBe('application/json');
  });

  it('fetches a new CSRF token once when a write is refused for it, and retries', async () => {
    const server = fakeServer();
    const api = createAccountApi(createHttp(server.fetchFn));
    const session = new SessionState(api);
    await session.signIn('e@example.org', 'right password 123');
    server.rotate();
    expect(await session.write(() => api.send('POST', '/api/write'))).toEqual({ ok: true });
    expect(session.csrfToken).toBe('token-2');
    expect(server.seen.filter((s) => s.url === '/api/write')).toHaveLength(2);
  });

  it('says why a sign-in failed: wrong credentials (401) or locked until (429)', async () => {
    const wrong = new SessionState(createAccountApi(createHttp(fakeServer().fetchFn)));
    wrong.openDialog();
    expect(await wrong.signIn('e@example.org', 'nope')).toBe(false);
    expect(wrong.signInError).toEqual({ kind: 'credentials' });
    expect(wrong.dialogOpen).toBe(true);
    expect(wrong.user).toBeNull();

    const locked = new SessionState(createAccountApi(createHttp(fakeServer({ locked: true }).fetchFn)));
    expect(await locked.signIn('e@example.org', 'right password 123')).toBe(false);
    expect(locked.signInError).toEqual({ kind: 'locked', until: '2026-11-21T12:15:00.000Z' });
  });

  it('signs out', async () => {
    const server = fakeServer();
    const session = new SessionState(createAccountApi(createHttp(server.fetchFn)));
    await session.signIn('e@example.org', 'right password 123');
    await session.signOut();
    expect(session.user).toBeNull();
    expect(session.csrfToken).toBeNull();
    await session.load();
    expect(session.user).toBeNull();
  });

  it('admins may edit any organisation; viewers none', async () => {
    const session = new SessionState(createAccountApi(createHttp(fakeServer().fetchFn)));
    session.user = { ...EDITOR, role: 'admin', organisations: [] };
    expect(session.canEdit(99)).toBe(true);
    session.user = { ...EDITOR, role: 'viewer' };
    expect(session.canEdit(3)).toBe(false);
    expect(session.canEditAny).toBe(false);
  });
});

describe('the account client', () => {
  it("reads field errors from the API's validation message", () => {
    expect(
      fieldErrors(
        'body parameter title: Too small: expected string to have >=1 characters; body parameter scores.idp_youth: Too big',
      ),
    ).toEqual({
      title: 'Too small: expected string to have >=1 characters',
      'scores.idp_youth': 'Too big',
      scores: 'Too big',
    });
  });

  it('keeps per-index and per-row details, and sends a string as text/csv', async () => {
    const seen: RequestInit[] = [];
    const fetchFn = async (_url: string, init: RequestInit = {}) => {
      seen.push(init);
      return new Response(
        JSON.stringify({
          error: {
            code: 'UNPROCESSABLE',
            message: '1 of 2 sites refused',
            requestId: 'r',
            details: [{ index: 1, pcode: 'UA0000000', message: 'no hromada' }],
          },
        }),
        { status: 422 },
      );
    };
    const api = createAccountApi(createHttp(fetchFn));
    const err = await api.send('POST', '/api/x', 'a,b\n1,2').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteError);
    expect((err as WriteError).status).toBe(422);
    expect((err as WriteError).items).toEqual([{ index: 1, pcode: 'UA0000000', message: 'no hromada' }]);
    expect((seen[0]!.headers as Record<string, string>)['Content-Type']).toBe('text/csv');
    expect(seen[0]!.body).toBe('a,b\n1,2');
  });
});
