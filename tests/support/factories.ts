import { sql } from 'kysely';
import type { Role } from '../../server/db/schema.ts';
import { insertSession } from '../../server/features/auth/auth.repository.ts';
import { hashPassword } from '../../server/features/auth/password.ts';
import { displayPrefix, newApiToken, newSecret, sha256Hex } from '../../server/features/auth/secrets.ts';
import type { Executor } from '../../server/db/executor.ts';

/** FIXTURE: an empty, successful import batch — moves the data version as a real import would. */
export async function recordEmptyImportBatch(db: Executor, fileName: string): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('import_batches')
    .values({
      kind: 'fixture',
      file_name: fileName,
      file_sha256: '-',
      started_at: now,
      finished_at: now,
      duration_ms: 0,
      rows_read: 0,
      rows_accepted: 0,
      rows_rejected: 0,
      status: 'succeeded',
    })
    .execute();
}

// Accounts (issue #6). Users, sessions and tokens are written straight to the database (fast, and the sign-in
// itself is tested through the API in auth.test.ts); everything they then do goes through the API.

/** FIXTURE: the password of every factory user. */
export const FIXTURE_PASSWORD = 'FIXTURE password 1234';
// Hashed once at a low scrypt cost: the same format as production hashes, without 100 ms per user.
let fixtureHash: Promise<string> | undefined;
const fixturePasswordHash = () =>
  (fixtureHash ??= hashPassword(FIXTURE_PASSWORD, { N: 2 ** 10, r: 8, p: 1 }));

let sequence = 0;
/** A name no other fixture in this run has. */
export const unique = (prefix: string) => `${prefix}-${process.pid}-${++sequence}`;

/** A date no other fixture of this file has (assessments are unique per community and date). */
export const uniqueDate = () =>
  new Date(Date.UTC(2030, 0, 1) + ++sequence * 86_400_000).toISOString().slice(0, 10);

/** FIXTURE: an organisation (no programmes). */
export async function createFixtureOrganisation(db: Executor, name = unique('FIXTURE org')): Promise<number> {
  const row = await db.insertInto('organisations').values({ name }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export interface FixtureUser {
  id: number;
  email: string;
  name: string;
  password: string;
}

/** FIXTURE: a user with a role and organisations, password FIXTURE_PASSWORD. */
export async function createFixtureUser(
  db: Executor,
  opts: { role: Role; organisationIds?: number[]; name?: string },
): Promise<FixtureUser> {
  const email = `${unique(opts.role)}@fixture.example.org`.toLowerCase();
  const name = opts.name ?? `FIXTURE ${opts.role}`;
  const { id } = await db
    .insertInto('users')
    .values({ email, name, role: opts.role, password_hash: await fixturePasswordHash() })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (opts.organisationIds?.length) {
    await db
      .insertInto('user_organisations')
      .values(opts.organisationIds.map((organisation_id) => ({ user_id: id, organisation_id })))
      .execute();
  }
  return { id, email, name, password: FIXTURE_PASSWORD };
}

/** How a test request authenticates: a cookie session (with its CSRF token) or an API token. */
export type Caller =
  | { kind: 'session'; userId: number; cookie: string; csrfToken: string }
  | { kind: 'token'; userId: number; token: string };

/** FIXTURE: a live session for the user, as POST /api/auth/login would make it. */
export async function createFixtureSession(
  db: Executor,
  userId: number,
  now = new Date(),
  ttlMs = 3_600_000,
): Promise<Caller> {
  const cookie = newSecret();
  const csrfToken = newSecret();
  await insertSession(db, {
    id: sha256Hex(cookie),
    userId,
    csrfToken,
    now: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
  });
  return { kind: 'session', userId, cookie, csrfToken };
}

/** FIXTURE: an API token of the user. */
export async function createFixtureToken(
  db: Executor,
  userId: number,
  name = 'FIXTURE token',
): Promise<Caller & { id: number }> {
  const token = newApiToken();
  const { id } = await db
    .insertInto('api_tokens')
    .values({
      user_id: userId,
      name,
      token_hash: sha256Hex(token),
      prefix: displayPrefix(token),
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { kind: 'token', userId, token, id };
}

export interface CallOptions {
  /** A string or bytes are sent as text/csv; anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** For session callers: leave out the X-CSRF-Token header (default: send it). */
  csrf?: boolean;
  /** The client's socket address, as @hono/node-server hands it to the app (default: none, "unknown"). */
  address?: string;
}

export interface CallResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** One API request as `caller` (null = anonymous), the JSON answer parsed. */
export async function call<T = unknown>(
  app: { request: (path: string, init?: RequestInit, env?: unknown) => Response | Promise<Response> },
  caller: Caller | null,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (caller?.kind === 'session') {
    headers.Cookie = `atlas_session=${caller.cookie}; atlas_csrf=${caller.csrfToken}`;
    if (options.csrf !== false) headers['X-CSRF-Token'] = caller.csrfToken;
  } else if (caller?.kind === 'token') {
    headers.Authorization = `Bearer ${caller.token}`;
  }
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (typeof options.body === 'string' || options.body instanceof Uint8Array) {
    // Bytes are sent as they are (a 5W file in another encoding, issue #11 item 5).
    body = typeof options.body === 'string' ? options.body : new Uint8Array(options.body);
    headers['Content-Type'] ??= 'text/csv';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const env =
    options.address === undefined ? undefined : { incoming: { socket: { remoteAddress: options.address } } };
  const res = await app.request(path, { method, headers, body }, env);
  const text = await res.text();
  let parsed: unknown = text;
  if (text && res.headers.get('content-type')?.includes('json')) parsed = JSON.parse(text);
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** FIXTURE: a programme of an organisation with sites at the given hromadas, written straight to the database. */
export async function createFixtureProgramme(
  db: Executor,
  opts: { organisationId: number; code?: string; sites?: string[] },
): Promise<{ id: number; code: string }> {
  const code = opts.code ?? unique('fixture-programme');
  const { id } = await db
    .insertInto('programmes')
    .values({
      code,
      organisation_id: opts.organisationId,
      donor: 'FIXTURE donor',
      sector: 'Social cohesion',
      title: `FIXTURE ${code}`,
      description: null,
      period_start: '2025-01-01',
      period_end: '2025-12-31',
      status: 'active',
      budget: 1000,
      currency: 'EUR',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (opts.sites?.length) {
    await db
      .insertInto('programme_sites')
      .values(
        opts.sites.map((unit_pcode) => ({
          programme_id: id,
          unit_pcode,
          period_start: '2025-01-01',
          period_end: '2025-12-31',
          reached: null,
        })),
      )
      .execute();
  }
  return { id, code };
}

/** FIXTURE: an assessment of a community by an organisation, written straight to the database. */
export async function createFixtureAssessment(
  db: Executor,
  opts: { organisationId: number | null; pcode?: string; assessedOn?: string },
): Promise<number> {
  const { id } = await db
    .insertInto('assessments')
    .values({
      unit_pcode: opts.pcode ?? 'UA6312027',
      assessed_on: opts.assessedOn ?? uniqueDate(),
      assessor: 'FIXTURE assessor',
      strategy_adopted: null,
      notes: null,
      organisation_id: opts.organisationId,
      cohesion_trust: 5,
      stakeholder_communication: null,
      police_community: null,
      resident_leadership: null,
      vulnerable_integration: null,
      idp_economic: null,
      idp_social: null,
      idp_youth: null,
      idp_legal: null,
      idp_cultural: null,
      idp_information: null,
      batch_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** FIXTURE: a community's safety strategy at the risk-analysis stage, written straight to the database. */
export async function createFixtureStrategy(
  db: Executor,
  opts: { organisationId: number; pcode?: string },
): Promise<number> {
  const { id } = await db
    .insertInto('safety_strategies')
    .values({
      unit_pcode: opts.pcode ?? 'UA6312027',
      organisation_id: opts.organisationId,
      stage: 'risk_analysis',
      risk_analysis_on: '2025-03-01',
      drafted_on: null,
      adopted_on: null,
      decision_number: null,
      decision_url: null,
      next_review_on: null,
      notes: 'FIXTURE',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * A digest of every table a write can touch (the API's own bookkeeping, such as a token's last use, left
 * out): equal before and after a refused request means the request changed nothing.
 */
export async function writableFingerprint(db: Executor): Promise<Record<string, string>> {
  const tables: Record<string, string> = {
    organisations: 'select * from organisations',
    programmes: 'select * from programmes',
    programme_sites: 'select * from programme_sites',
    assessments: 'select * from assessments',
    assessment_submissions: 'select * from assessment_submissions',
    assessment_component_stats: 'select * from assessment_component_stats',
    safety_strategies: 'select * from safety_strategies',
    users: 'select * from users',
    user_organisations: 'select * from user_organisations',
    api_tokens: 'select id, user_id, name, token_hash, revoked_at, revoked_by from api_tokens',
    audit_log: 'select * from audit_log',
    import_batches: 'select * from import_batches',
  };
  const out: Record<string, string> = {};
  for (const [name, query] of Object.entries(tables)) {
    const { rows } = await sql<{ n: number; digest: string | null }>`
      select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as digest
      from (${sql.raw(query)}) t`.execute(db);
    out[name] = `${rows[0]!.n}:${rows[0]!.digest ?? ''}`;
  }
  return out;
}
