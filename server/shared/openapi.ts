import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Hook } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.ts';

/** The standard error body (STYLE §8). */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'NOT_FOUND' }),
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
  const where = result.target;
  const message = result.error.issues
    .map((i) => `${where} parameter ${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');
  return c.json({ error: { code: 'BAD_REQUEST', message, requestId: c.get('requestId') } }, 400);
};

/** A feature's sub-app, sharing the validation hook. */
export const createRouter = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

export const errorResponses = {
  400: {
    description: 'A parameter is invalid; the message names it',
    content: { 'application/json': { schema: ErrorBody } },
  },
  404: { description: 'Not found', content: { 'application/json': { schema: ErrorBody } } },
} as const;

const errorContent = { 'application/json': { schema: ErrorBody } } as const;

/** The answers every write can give besides success (issue #6: every write needs a role). */
export const writeErrorResponses = {
  ...errorResponses,
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
