import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Hook, OpenAPIHono as OpenAPIHonoType } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.ts';
import { errorStatus, type ErrorCode } from './errors.ts';

/** Every code an error body can carry: the closed list of server/shared/errors.ts, published (issue #11, item 12). */
export const ErrorCodeSchema = z
  .enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]])
  .openapi('ErrorCode', {
    description:
      'The closed list of error codes; the HTTP status follows from the code (INTERNAL: 500, ' +
      'DATABASE_UNAVAILABLE: 503, retry after a few seconds)',
  });

/** The standard error body (STYLE §8). */
export const ErrorBody = z
  .object({
    error: z.object({
      code: ErrorCodeSchema.openapi({ example: 'NOT_FOUND' }),
      message: z.string(),
      requestId: z.string(),
      details: z.unknown().optional().openapi({
        description:
          'Where the error has parts (each bad pcode of a list, each bad row of an upload): all of them',
      }),
    }),
  })
  .openapi('Error');

/** One validation hook for every route: a 400 naming each bad parameter and where it was (STYLE §7). */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) return;
  // OpenAPI calls the `param` target a path parameter: say it as the document does.
  const where = result.target === 'param' ? 'path' : result.target;
  const message = result.error.issues
    .map((i) => `${where} parameter ${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');
  return c.json({ error: { code: 'BAD_REQUEST', message, requestId: c.get('requestId') } }, 400);
};

/** A feature's sub-app, sharing the validation hook. */
export const createRouter = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const errorContent = { 'application/json': { schema: ErrorBody } } as const;

/** What any operation that reads the database can answer: 500 of an unexpected failure, 503 of an outage. */
export const serverErrorResponses = {
  500: { description: 'An unexpected failure (INTERNAL); nothing internal is told', content: errorContent },
  503: {
    description:
      'The database cannot be reached or did not answer in time (DATABASE_UNAVAILABLE): retry after a few seconds',
    content: errorContent,
  },
} as const;

/**
 * What any operation can answer besides its own responses (issue #11): 429 from a rate limit, with
 * Retry-After (writes and expensive computations), and the server errors above. Spread into a route's
 * responses; writeErrorResponses includes it.
 */
export const commonErrorResponses = {
  429: {
    description: 'Too many requests from this client (TOO_MANY_REQUESTS); retry after `Retry-After` seconds',
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
    content: errorContent,
  },
  ...serverErrorResponses,
} as const;

export const errorResponses = {
  400: { description: 'A parameter is invalid; the message names it', content: errorContent },
  404: { description: 'Not found', content: errorContent },
  ...serverErrorResponses,
} as const;

/** The answers every write can give besides success (issue #6: every write needs a role). */
export const writeErrorResponses = {
  ...errorResponses,
  ...commonErrorResponses,
  401: { description: 'Not signed in (no session or token, or an invalid token)', content: errorContent },
  403: {
    description:
      'Signed in, but the role or organisation does not allow this (FORBIDDEN), or a cookie session sent no ' +
      'valid X-CSRF-Token (CSRF_FAILED)',
    content: errorContent,
  },
  409: { description: 'Conflicts with the current state; the message says how', content: errorContent },
  413: { description: 'Request body over the limit (ATLAS_BODY_LIMIT_MB)', content: errorContent },
  422: { description: 'Understood but not acceptable; `details` lists every problem', content: errorContent },
} as const;

/** How a write authenticates: the browser's session cookie (plus X-CSRF-Token) or an API token. */
export const writeSecurity: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];

/**
 * Documents, on every operation of the API, the answers the shared machinery gives whatever the route
 * (issue #11, item 12): the validation hook's 400 wherever a request is validated, and the one error
 * handler's 500 and the outage 503 everywhere. A route that documents its own keeps it. Called once, after
 * every feature is mounted and before the document is served.
 */
export function documentSharedResponses(api: Pick<OpenAPIHonoType, 'openAPIRegistry'>): void {
  for (const definition of api.openAPIRegistry.definitions) {
    if (definition.type !== 'route') continue;
    const { request, responses } = definition.route;
    const validated = request && (request.params || request.query || request.body || request.headers);
    if (validated) responses[400] ??= errorResponses[400];
    responses[500] ??= serverErrorResponses[500];
    responses[503] ??= serverErrorResponses[503];
  }
}
