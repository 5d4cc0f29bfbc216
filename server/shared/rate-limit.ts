import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config.ts';
import { nowOf, type AppEnv } from './app-env.ts';
import { clientAddress } from './client-address.ts';
import { AppError } from './errors.ts';
import { RateLimiter } from './rate-limiter.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const EXPORT_FORMATS = new Set(['csv', 'xlsx', 'geojson']);

/**
 * The computations that cost seconds of CPU (issue #11 item 3): an exact targeting solve, re-scoring with
 * posted weights, hot spots with a chosen number of permutations, and file exports of scores.
 */
export function isExpensive(method: string, path: string, query: (name: string) => string | undefined) {
  if (method === 'POST' && (path === '/api/targeting' || /^\/api\/models\/[^/]+\/scores$/.test(path))) {
    return true;
  }
  if (method !== 'GET') return false;
  if (/^\/api\/models\/[^/]+\/hotspots$/.test(path)) return query('permutations') !== undefined;
  if (/^\/api\/models\/[^/]+\/scores$/.test(path)) return EXPORT_FORMATS.has(query('format') ?? 'json');
  return false;
}

function tooMany(what: string, waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError(
    'TOO_MANY_REQUESTS',
    `too many ${what} from this address: try again in ${seconds} s`,
    { retryAfterSeconds: seconds },
    seconds,
  );
}

/**
 * One rate limit for the API (issue #11 item 3), per client address (client-address.ts) and sliding window:
 * writes by callers who are not signed in (saving scenarios, re-scoring, targeting: the only writes open to
 * them) and expensive computations by anyone. Over a limit the answer is 429 TOO_MANY_REQUESTS with
 * Retry-After. Sign-in has its own throttling (auth.service.ts). In memory and per process: with N instances
 * the limits multiply by N (README, Configuration). Runs after the guard, which sets the principal resolver.
 */
export function rateLimits(config: Config): MiddlewareHandler<AppEnv> {
  const { windowMs, anonymousWrites, compute } = config.rateLimits;
  const writes = new RateLimiter(anonymousWrites, windowMs);
  const computations = new RateLimiter(compute, windowMs);
  return async (c, next) => {
    const method = c.req.method;
    const path = c.req.path;
    const expensive = isExpensive(method, path, (name) => c.req.query(name));
    const write = !SAFE_METHODS.has(method) && !path.startsWith('/api/auth/');
    if (!expensive && !write) return next();
    const anonymousWrite = write && (await c.get('principal')()) === null;
    if (!expensive && !anonymousWrite) return next();
    const address = clientAddress(c, config.security.trustedProxies);
    const now = nowOf(c.get('deps')).getTime();
    // Both limits are checked before either is counted: a refused request uses up neither.
    const computeWait = expensive ? computations.wait(address, now) : 0;
    if (computeWait > 0) throw tooMany('computations', computeWait);
    const writeWait = anonymousWrite ? writes.wait(address, now) : 0;
    if (writeWait > 0) throw tooMany('writes without signing in', writeWait);
    if (expensive) computations.hit(address, now);
    if (anonymousWrite) writes.hit(address, now);
    return next();
  };
}
