import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createFixtureAssessment,
  createFixtureOrganisation,
  createFixtureProgramme,
  createFixtureSession,
  createFixtureStrategy,
  createFixtureToken,
  createFixtureUser,
  type Caller,
} from '../support/factories.ts';
import {
  contractProblems,
  operationsOf,
  schemaValidator,
  type JsonSchema,
  type OpenApiDocument,
  type OpenApiOperation,
} from '../support/openapi-contract.ts';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/shared/logger.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue #11, "a property-based fuzz of every OpenAPI operation": for each operation of /api/openapi.json,
// fast-check makes requests from the documented parameter and body schemas, mixed with the hostile values the
// issue found (impossible dates, NUL bytes, huge and negative ids, 1e308, 99999999999999999999, very long
// strings, unicode, empty strings, arrays for scalars, missing required fields), as an anonymous caller, a
// signed-in admin with the CSRF token and an admin's API token. It fails on any 5xx and on any answer the
// document does not describe (status, content type, body schema).
//
// Bounded and repeatable: FUZZ_SEED (default below) fixes the inputs, FUZZ_RUNS scales the runs per
// operation (expensive computations get fewer). A failure prints the seed, the operation and the request.

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
/** Operations that compute for a second or more per call: a few runs each keep the file under 2 minutes. */
const EXPENSIVE = new Set([
  'GET /models/{id}/scores',
  'POST /models/{id}/scores',
  'GET /models/{id}/matrix',
  'GET /models/{id}/hotspots',
  'GET /models/{id}/compare',
  'GET /coverage',
  'POST /targeting',
  'GET /units.geojson',
  'GET /layers/{level}.topojson',
  'POST /auth/login',
  'POST /auth/password',
  'POST /users',
]);
const runsOf = (operation: string) => (EXPENSIVE.has(operation) ? Math.max(2, Math.round(RUNS / 4)) : RUNS);

/** A raw JSON number no double can hold exactly; spliced into the body text where this marker stands. */
const BIG_NUMBER = '__FUZZ_BIG_NUMBER__';

const hostileStrings = [
  '2024-02-30',
  '2023-02-29',
  '2024-13-01',
  '0000-01-01',
  '9999-12-31',
  '99999',
  'a\u0000b',
  '\u0000',
  '',
  ' ',
  'x'.repeat(10_000),
  '1e308',
  '99999999999999999999',
  '-1',
  '0',
  '2147483648',
  '-2147483649',
  'NaN',
  'Infinity',
  '🏳️‍🌈 Кам’янець-Подільський ʼ \u202e \uFEFF',
  '\uD800',
  '%',
  '%00',
  '../../etc/passwd',
  "'; select pg_sleep(1); --",
  'UA6312027',
  'UA63',
  'cpi',
  'null',
  '[]',
];
const hostileNumbers = [
  0,
  -1,
  0.5,
  1e308,
  -1e308,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  Number.MIN_VALUE,
];
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.constantFrom(...hostileNumbers),
  fc.constant(BIG_NUMBER),
  fc.constantFrom<unknown>(null, true, false, [], {}, ['a', 'b'], [1, 2], { a: 1 }),
);

/** Values valid by the schema (as far as this small generator understands it), for the body and parameters. */
function valid(
  doc: OpenApiDocument,
  schema: JsonSchema | undefined,
  hostile: boolean,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.anything({ maxDepth: 1 });
  if (typeof schema.$ref === 'string') {
    return valid(doc, doc.components.schemas[schema.$ref.split('/').pop()!], hostile, depth + 1);
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((s) => valid(doc, s, hostile, depth + 1)));
  if (Array.isArray(schema.allOf)) {
    const merged = Object.assign({}, ...(schema.allOf as JsonSchema[]).map((s) => resolve(doc, s)), {
      ...schema,
      allOf: undefined,
    }) as JsonSchema;
    return valid(doc, merged, hostile, depth + 1);
  }
  const type = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  const arbitraries = type.map((t): fc.Arbitrary<unknown> => {
    switch (t) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer': {
        const min = (schema.minimum as number | undefined) ?? ((schema.exclusiveMinimum as number) ?? -1) + 1;
        const max =
          (schema.maximum as number | undefined) ?? ((schema.exclusiveMaximum as number) ?? 201) - 1;
        return fc.integer({ min: Math.max(min, -1e6), max: Math.min(max, 1e6) });
      }
      case 'number': {
        const min =
          (schema.minimum as number | undefined) ?? (schema.exclusiveMinimum as number | undefined) ?? -1e6;
        const max =
          (schema.maximum as number | undefined) ?? (schema.exclusiveMaximum as number | undefined) ?? 1e6;
        return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
      }
      case 'array': {
        const items = valid(doc, schema.items as JsonSchema | undefined, hostile, depth + 1);
        const minLength = (schema.minItems as number | undefined) ?? 0;
        return fc.array(items, { minLength, maxLength: Math.max(minLength, 3) });
      }
      case 'object':
        return validObject(doc, schema, hostile, depth);
      case 'string':
        return validString(schema);
      default:
        return schema.properties ? validObject(doc, schema, hostile, depth) : fc.anything({ maxDepth: 1 });
    }
  });
  return arbitraries.length === 1 ? arbitraries[0]! : fc.oneof(...arbitraries);
}

function resolve(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  return typeof schema.$ref === 'string' ? doc.components.schemas[schema.$ref.split('/').pop()!]! : schema;
}

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.format === 'date' || /^\^\(?\\d\{4\}-\\d\{2\}-\\d\{2\}/.test(String(schema.pattern)))
    return fc
      .date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (typeof schema.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(schema.pattern, 'u'), { size: 'small' });
    } catch {
      // A pattern fast-check cannot generate from: plain strings, then (refused, but never a 5xx).
    }
  }
  const maxLength = Math.min((schema.maxLength as number | undefined) ?? 40, 40);
  const minLength = Math.min((schema.minLength as number | undefined) ?? 0, maxLength);
  return fc.string({ minLength, maxLength, unit: 'grapheme' });
}

function validObject(
  doc: OpenApiDocument,
  schema: JsonSchema,
  hostile: boolean,
  depth: number,
): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, s] of Object.entries(properties)) {
    const sensible = withExamples(known[name], valid(doc, s, hostile, depth + 1), hostile);
    model[name] = hostile ? withHostile(sensible) : sensible;
  }
  const keys = Object.keys(model);
  const record = fc.record(model, { requiredKeys: keys.filter((k) => required.has(k)) });
  if (!hostile) return record;
  return record.chain((value) =>
    // Now and then a required field goes missing.
    fc.oneof(
      { weight: 5, arbitrary: fc.constant(value) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(...(keys.length ? keys : [''])).map((k) => {
          const copy = { ...(value as Record<string, unknown>) };
          delete copy[k];
          return copy;
        }),
      },
    ),
  );
}

/** Real values (a pcode of the data, a fixture's id) half the time, so that requests get past the lookups. */
const withExamples = (examples: unknown[] | undefined, arbitrary: fc.Arbitrary<unknown>, hostile: boolean) =>
  !examples?.length
    ? arbitrary
    : hostile
      ? fc.oneof(fc.constantFrom(...examples), arbitrary)
      : fc.constantFrom(...examples);

/** Mostly valid values, with the hostile ones often enough that each operation sees them. */
const withHostile = (arbitrary: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 5, arbitrary }, { weight: 1, arbitrary: hostileValue });

interface FuzzRequest {
  caller: 'anonymous' | 'session' | 'token';
  url: string;
  body?: string;
  contentType?: string;
}

function asParameter(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(asParameter);
  if (value === BIG_NUMBER) return ['99999999999999999999'];
  if (value !== null && typeof value === 'object') return [JSON.stringify(value)];
  return [String(value)];
}

/** Requests for one operation: parameters and body from its schemas and the hostile values. */
/**
 * A 5W sheet (the upload's text/csv body): rows whose cells are plausible (a real organisation, sector,
 * hromada and dates) or, when hostile, the values the issue found (#reached of 1e308, 99999999999999999999 or
 * with a NUL, impossible dates) and arbitrary text.
 */
function fiveWSheet(hostile: boolean): fc.Arbitrary<string> {
  const cell = (sensible: fc.Arbitrary<string>) =>
    hostile
      ? fc.oneof({ weight: 2, arbitrary: sensible }, fc.constantFrom(...hostileStrings), fc.string())
      : sensible;
  const row = fc.tuple(
    cell(fc.constantFrom(...((known.organisationName ?? ['FIXTURE org']) as string[]))),
    cell(fc.constantFrom('Social cohesion', 'Veteran reintegration')),
    cell(fc.constant('Dialogue circles')),
    cell(fc.constantFrom('UA6312027', 'UA6314017', 'UA2604019')),
    cell(fc.constantFrom('2025-01-01', '2024', '2025-03-31')),
    cell(fc.constantFrom('', '2025-12-31', '2026')),
    cell(
      fc.constantFrom('', '40', '0', '1e308', '99999999999999999999', '2147483648', '-5', '1.5', '4\u00000'),
    ),
    cell(fc.constantFrom('fixture-fuzz-5w', 'fixture-fuzz-5w-2', '')),
  );
  return fc
    .array(row, { minLength: 1, maxLength: 4 })
    .map(
      (rows) =>
        'Organisation,Sector,Activity,Hromada,Start,End,Reached,Code\n' +
        '#org,#sector,#activity,#adm3+code,#date+start,#date+end,#reached,#meta+id\n' +
        rows.map((r) => r.map((v) => `"${v.replaceAll('"', '""')}"`).join(',')).join('\n') +
        '\n',
    );
}

/** Clean requests (documented values and real ones only) and hostile ones, half and half. */
function requests(doc: OpenApiDocument, operation: string, op: OpenApiOperation) {
  return fc.oneof(requestsOf(doc, operation, op, false), requestsOf(doc, operation, op, true));
}

function requestsOf(doc: OpenApiDocument, operation: string, op: OpenApiOperation, hostile: boolean) {
  const [, template] = operation.split(' ') as [string, string];
  const parameters = op.parameters ?? [];
  const parameterArbs: Record<string, fc.Arbitrary<unknown>> = {};
  for (const p of parameters) {
    const examples = known[`${operation}#${p.name}`] ?? known[p.name];
    const sensible = withExamples(examples, valid(doc, p.schema, hostile), hostile);
    parameterArbs[`${p.in}:${p.name}`] = hostile ? withHostile(sensible) : sensible;
  }
  const required = parameters.filter((p) => p.required || p.in === 'path').map((p) => `${p.in}:${p.name}`);
  const content = op.requestBody?.content ?? {};
  const body: fc.Arbitrary<{ body?: string; contentType?: string }> = content['application/json']
    ? (hostile
        ? withHostile(valid(doc, content['application/json'].schema, true))
        : valid(doc, content['application/json'].schema, false)
      ).map((value) => ({
        body: JSON.stringify(value ?? null).replaceAll(`"${BIG_NUMBER}"`, '99999999999999999999'),
        contentType: 'application/json',
      }))
    : content['text/csv']
      ? fiveWSheet(hostile).map((body) => ({ body, contentType: 'text/csv' }))
      : fc.constant({});
  return fc
    .record({
      caller: fc.constantFrom<FuzzRequest['caller']>('anonymous', 'session', 'token'),
      parameters: fc.record(parameterArbs, { requiredKeys: required.filter((k) => k.startsWith('path:')) }),
      body,
    })
    .map(({ caller, parameters: values, body: b }): FuzzRequest => {
      let path = template;
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(values)) {
        const [where, name] = key.split(':') as [string, string];
        if (where === 'path')
          path = path.replace(`{${name}}`, encodeURIComponent(asParameter(value)[0] ?? ''));
        else if (where === 'query') for (const v of asParameter(value)) query.append(name, v);
      }
      const qs = query.toString();
      return { caller, url: `/api${path}${qs ? `?${qs}` : ''}`, ...b };
    });
}

/**
 * The operations, known when the tests are collected (one test each): the document does not depend on the
 * database, so an app without one serves it.
 */
const documentApp = createApp({
  config: loadConfig({}),
  db: undefined as never,
  databaseKind: 'pglite',
  capabilities: {} as never,
  logger: createLogger('silent'),
});
const OPERATIONS = operationsOf(
  (await (await documentApp.request('/api/openapi.json')).json()) as OpenApiDocument,
);

/**
 * Real values of the imported data and of this file's fixtures, by parameter or property name (or
 * `path#name` where the name means different things), so that requests also reach the code past the lookups.
 */
let known: Record<string, unknown[]> = {};

let t: TestApp;
let doc: OpenApiDocument;
let toZod: ReturnType<typeof schemaValidator>;
let callers: { session: Caller; token: Caller };
/** Statuses seen per operation: printed at the end, to see that the fuzz gets past validation too. */
const statuses: Record<string, Record<number, number>> = {};

beforeAll(async () => {
  t = await createTestApp();
  doc = (await t.getJson<OpenApiDocument>('/api/openapi.json')).body;
  toZod = schemaValidator(doc);
  const organisationId = await createFixtureOrganisation(t.database.db);
  const programme = await createFixtureProgramme(t.database.db, { organisationId, sites: ['UA6312027'] });
  const scenario = await call<{ id: string }>(t.app, null, 'POST', '/api/scenarios', {
    body: { modelId: 'cpi', name: 'FIXTURE fuzz scenario', weights: {} },
  });
  const needsScenario = await call<{ id: string }>(t.app, null, 'POST', '/api/scenarios', {
    body: { modelId: 'needs', name: 'FIXTURE fuzz needs scenario', weights: {} },
  });
  const user = await createFixtureUser(t.database.db, { role: 'editor', organisationIds: [organisationId] });
  const token = await createFixtureToken(t.database.db, user.id);
  const assessmentId = await createFixtureAssessment(t.database.db, { organisationId });
  const strategyId = await createFixtureStrategy(t.database.db, { organisationId });
  known = {
    pcode: ['UA6312027', 'UA6314017', 'UA2604019'],
    'GET /units/{pcode}#pcode': ['UA6312027', 'UA63', 'UA6312'],
    parent: ['UA63', 'UA6312'],
    'GET /models/{id}#id': ['cpi', 'needs'],
    'GET /models/{id}/scores#id': ['cpi', 'needs'],
    'POST /models/{id}/scores#id': ['cpi', 'needs'],
    'GET /models/{id}/matrix#id': ['cpi', 'needs'],
    'GET /models/{id}/hotspots#id': ['cpi', 'needs'],
    'GET /models/{id}/compare#id': ['cpi', 'needs'],
    'GET /indicators/{id}/values#id': ['population_2022', 'idps_per_1000'],
    'GET /scenarios/{id}#id': [scenario.body.id],
    'PATCH /users/{id}#id': [user.id],
    'PATCH /organisations/{id}#id': [organisationId],
    'DELETE /organisations/{id}#id': [organisationId],
    'DELETE /tokens/{id}#id': [token.id],
    'PATCH /assessments/{id}#id': [assessmentId],
    'DELETE /assessments/{id}#id': [assessmentId],
    'GET /strategies/{id}#id': [strategyId],
    'PATCH /strategies/{id}#id': [strategyId],
    'DELETE /strategies/{id}#id': [strategyId],
    code: [programme.code, 'ipcg-veteran-reintegration-pilots'],
    level: ['oblast', 'raion', 'hromada'],
    organisation: [organisationId],
    organisationId: [organisationId],
    organisationIds: [[organisationId]],
    modelId: ['cpi', 'needs'],
    scenario: [scenario.body.id],
    a: [scenario.body.id],
    b: [scenario.body.id],
    cpiScenario: [scenario.body.id],
    needsScenario: [needsScenario.body.id],
    sector: ['Social cohesion', 'Veteran reintegration'],
    oblasts: [['UA63'], ['UA63', 'UA26']],
    date: ['2026-01-01'],
    email: [user.email],
    organisationName: [
      (
        await t.database.db
          .selectFrom('organisations')
          .select('name')
          .where('id', '=', organisationId)
          .executeTakeFirstOrThrow()
      ).name,
    ],
    mode: ['preview', 'commit'],
  };
  callers = await freshAdmin();
});
afterAll(async () => {
  if (process.env.FUZZ_STATS === '1') {
    for (const [operation, counts] of Object.entries(statuses))
      console.log(operation, JSON.stringify(counts));
  }
  await t?.close();
});

/** A new admin with a session and a token: a fuzzed write may disable or sign out the previous one. */
async function freshAdmin() {
  const admin = await createFixtureUser(t.database.db, { role: 'admin' });
  return {
    session: await createFixtureSession(t.database.db, admin.id),
    token: await createFixtureToken(t.database.db, admin.id),
  };
}

async function send(operation: string, request: FuzzRequest) {
  const caller = request.caller === 'anonymous' ? null : callers[request.caller];
  const headers: Record<string, string> = request.contentType ? { 'Content-Type': request.contentType } : {};
  const res = await call(t.app, caller, operation.split(' ')[0]!, request.url, {
    body: request.body,
    headers,
  });
  if (caller && res.status === 401) callers = await freshAdmin();
  const counts = (statuses[operation] ??= {});
  counts[res.status] = (counts[res.status] ?? 0) + 1;
  if (process.env.FUZZ_STATS === '1' && res.status >= 400) {
    console.log(operation, res.status, JSON.stringify(res.body).slice(0, 240));
  }
  return res;
}

describe(`fuzz of every OpenAPI operation (seed ${SEED}, FUZZ_RUNS ${RUNS})`, () => {
  it('the document has operations to fuzz', () => {
    expect(operationsOf(doc).length).toBeGreaterThan(40);
  });

  // One test per operation, so that a failure names it.
  it.each(OPERATIONS)('%s', async (operation) => {
    const [method, path] = operation.split(' ') as [string, string];
    const op = doc.paths[path]?.[method.toLowerCase()];
    expect(op, operation).toBeDefined();
    await fc.assert(
      fc.asyncProperty(requests(doc, operation, op!), async (request) => {
        const res = await send(operation, request);
        const where = `${operation} as ${request.caller}: ${request.url} ${request.body?.slice(0, 500) ?? ''}`;
        if (res.status >= 500) {
          throw new Error(`${res.status} for ${where}\n${JSON.stringify(res.body)?.slice(0, 500)}`);
        }
        // A path that matched no route (an empty path parameter) never reached the operation.
        const noRoute = res.status === 404 && /no route for/.test(JSON.stringify(res.body));
        const problems = noRoute ? [] : contractProblems(doc, operation, res, toZod);
        if (problems.length) throw new Error(`schema violation for ${where}\n${problems.join('\n')}`);
      }),
      {
        seed: SEED,
        numRuns: runsOf(operation),
        endOnFailure: process.env.FUZZ_SHRINK !== '1',
        reporter: (details) => {
          if (details.failed) {
            throw new Error(
              `${operation}: fuzz failed with FUZZ_SEED=${SEED} (path ${details.counterexamplePath}): ` +
                `${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`,
            );
          }
        },
      },
    );
  });

  it('fuzzes every operation of the document served over the real database', () => {
    expect([...OPERATIONS].sort()).toEqual(operationsOf(doc).sort());
  });
});
