import { existsSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { repoRoot } from './config.ts';

const distDir = path.join(repoRoot, 'web', 'dist');

/**
 * Serves the built web client (web/dist) at /, with index.html for client-side routes. Before the client
 * is built, / explains where to find the API instead of answering 404.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any app env: this mounts plain static routes
export function mountWebClient(app: Hono<any>): void {
  if (!existsSync(path.join(distDir, 'index.html'))) {
    app.get('/', (c) =>
      c.html(
        '<!doctype html><meta charset="utf-8"><title>Hromada Atlas</title>' +
          '<h1>Hromada Atlas</h1><p>The API is running: see <a href="/api/docs">/api/docs</a>.</p>',
      ),
    );
    return;
  }
  const root = path.relative(process.cwd(), distDir);
  const assets = serveStatic({ root });
  const spaFallback = serveStatic({ root, path: 'index.html' });
  // /api keeps its own 404s; every other unknown path is a client-side route.
  app.use('/*', (c, next) => (c.req.path.startsWith('/api/') ? next() : assets(c, next)));
  app.get('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : spaFallback(c, next)));
}
