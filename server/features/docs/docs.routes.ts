import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../../shared/errors.ts';
import { createRouter } from '../../shared/openapi.ts';

// Swagger UI from the installed swagger-ui-dist, served by us: the atlas must work offline, so no CDN.
// Only its path helper is loaded: the package's main module would also evaluate the 1.5 MB browser bundle.
const require = createRequire(import.meta.url);
const swaggerUiDir = (require('swagger-ui-dist/absolute-path.js') as () => string)();

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.map': 'application/json',
};

/** The page, with URLs below the prefix the API is mounted at (the request path minus "/docs"). */
function docsPage(base: string, nonce: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Hromada Atlas API</title>
    <link rel="stylesheet" href="${base}/docs/assets/swagger-ui.css">
    <link rel="icon" type="image/png" href="${base}/docs/assets/favicon-32x32.png">
    <style nonce="${nonce}">body { margin: 0; }</style>
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${base}/docs/assets/swagger-ui-bundle.js"></script>
    <script nonce="${nonce}">
      window.ui = SwaggerUIBundle({
        url: '${base}/openapi.json',
        dom_id: '#swagger-ui',
        deepLinking: true,
        presets: [SwaggerUIBundle.presets.apis],
        layout: 'BaseLayout',
      });
    </script>
  </body>
</html>
`;
}

/** Swagger UI over /openapi.json. Plain routes (not `.openapi`): the docs are not part of the API document. */
export const docsRoutes = createRouter()
  .get('/docs', (c) => {
    // The one inline script (Swagger UI's start) runs by its nonce; the app-wide policy allows none.
    const nonce = randomBytes(16).toString('base64');
    c.header(
      'Content-Security-Policy',
      `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; ` +
        "img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
    );
    return c.html(docsPage(c.req.path.replace(/\/docs$/, ''), nonce));
  })
  .get('/docs/assets/:file', async (c) => {
    const file = c.req.param('file');
    const type = contentTypes[path.extname(file)];
    // One plain file name of the package directory: no separators, so no way out of it.
    if (!type || !/^[\w.-]+$/.test(file) || file.startsWith('.')) {
      throw new AppError('NOT_FOUND', `no docs asset ${file}`);
    }
    const bytes = await readFile(path.join(swaggerUiDir, file)).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') throw new AppError('NOT_FOUND', `no docs asset ${file}`);
      throw err;
    });
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': type,
      'Cache-Control': 'public, max-age=86400',
    });
  });
