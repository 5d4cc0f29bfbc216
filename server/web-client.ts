import path from 'node:path';
import type { Context, Hono } from 'hono';
import { repoRoot } from './config.ts';
import { firstViewPreloads, preloadLinkHeader } from './first-view-preloads.ts';
import { sendPrecompressed } from './shared/http-cache.ts';
import { methodologyPage, notFoundPage, pageLang } from './site-pages.ts';
import { watchWebAssets } from './web-assets.ts';

const defaultDistDir = path.join(repoRoot, 'web', 'dist');

/** The paths the client itself answers: it is one page whose view lives in the query (view-params.ts). */
const CLIENT_ROUTES = new Set(['/', '/index.html']);

/** /api and /tiles keep their own JSON 404s (app.notFound). */
const isApiPath = (p: string) => p.startsWith('/api/') || p === '/api' || p.startsWith('/tiles/');

/** What / answers before the client is built: where the API is, not a 404. */
const NOT_BUILT_PAGE =
  '<!doctype html><meta charset="utf-8"><title>Hromada Atlas</title>' +
  '<h1>Hromada Atlas</h1><p>The API is running: see <a href="/api/docs">/api/docs</a>.</p>';

const langOf = (c: Context) => pageLang(c.req.query('lang'), c.req.header('Accept-Language'));

/**
 * Serves the built web client (web/dist) at /, the methodology at /methodology, and a 404 page in the
 * reader's language for every other path outside /api and /tiles (issue #14: `/no/such/page` answered 200
 * with the app). Before the client is built, / explains where to find the API instead of answering 404.
 * Files are sent precompressed, hashed ones cached for good and the rest revalidated by ETag (web-assets.ts).
 */
export function mountWebClient(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any app env: this mounts plain static routes
  app: Hono<any>,
  opts: { distDir?: string } = {},
): void {
  app.get('/methodology', (c) => c.html(methodologyPage(langOf(c))));
  const assets = watchWebAssets(opts.distDir ?? defaultDistDir);
  // Looked up per request, not once at mount: a client built after the server started (`npm run dev` and a
  // later `npm run build:web`; the bench building it on a fresh clone) is served without a restart.
  app.get('*', async (c, next) => {
    if (isApiPath(c.req.path)) return next();
    const page = CLIENT_ROUTES.has(c.req.path);
    const asset = assets.get(page ? '/index.html' : c.req.path);
    if (!asset) return page ? c.html(NOT_BUILT_PAGE) : next();
    const res = sendPrecompressed(c, await asset.load(), {
      contentType: asset.contentType,
      cacheControl: asset.cacheControl,
    });
    if (page && res.status === 200) {
      res.headers.set('Link', preloadLinkHeader(firstViewPreloads(new URL(c.req.url).searchParams)));
    }
    return res;
  });
  app.get('*', (c, next) =>
    isApiPath(c.req.path) ? next() : c.html(notFoundPage(langOf(c), c.req.path), 404),
  );
}
