import type { Context } from 'hono';
import type { AppEnv } from './app-env.ts';
import { AppError } from './errors.ts';

/**
 * An uploaded file's bytes as sent, once its Content-Type is one the route reads (`accepted`, matched at the
 * start of the header); otherwise a 400 naming what to send. Decoding is the service's, so that the upload and
 * the command line read a file alike (issue #11 item 5). The body limit is the app's (ATLAS_BODY_LIMIT_MB).
 */
export async function uploadedBytes(c: Context<AppEnv>, accepted: RegExp, what: string): Promise<Uint8Array> {
  const type = c.req.header('Content-Type') ?? '';
  if (!accepted.test(type)) {
    throw new AppError('BAD_REQUEST', `send the file as ${what} (Content-Type was "${type}")`);
  }
  return new Uint8Array(await c.req.arrayBuffer());
}
