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
