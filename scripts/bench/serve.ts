import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { mountWebClient } from '../../server/web-client.ts';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { detectCapabilities } from '../../server/db/capabilities.ts';
import { openPglite, openPostgres, type Database } from '../../server/db/client.ts';
import { createTilesRoutes } from '../../server/features/tiles/tiles.routes.ts';
import { createTilesService } from '../../server/features/tiles/tiles.service.ts';
import type { AppDeps, AppEnv } from '../../server/shared/app-env.ts';
import { createLogger } from '../../server/shared/logger.ts';

// A benchmark server, run as a child process of scripts/bench/run.ts so that the load generator and the
// server under test do not share an event loop. Listens on 127.0.0.1 only, reports its ports over IPC, and
// stops on SIGTERM (closing the database, which releases a PGlite data directory's lock).

export type DbTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

export type ServeConfig =
  /** The real app (createApp) and, on a second port, the tile routes with their cache off (B3's live path). */
  | { kind: 'app'; database: DbTarget }
  /**
   * Baselines: a Hono JSON route and node:http serving the same JSON (B1), and node:http serving fixed
   * responses (B2: the same buffers and headers the app sends).
   */
  | { kind: 'baselines'; jsonFile: string; responsesFile: string };

export interface FixedResponse {
  status: number;
  headers: Record<string, string>;
  bodyBase64: string;
}

const config = JSON.parse(process.argv[2]!) as ServeConfig;
const closers: (() => Promise<void>)[] = [];

function listen(fetch: (req: Request) => Response | Promise<Response>): Promise<number> {
  return new Promise((resolve) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info) => resolve(info.port));
    closers.push(() => new Promise((done) => server.close(() => done())));
  });
}

function listenNode(handler: http.RequestListener): Promise<number> {
  return new Promise((resolve) => {
    const server = http.createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    closers.push(() => new Promise((done) => server.close(() => done())));
  });
}

async function start(): Promise<Record<string, number>> {
  if (config.kind === 'app') {
    const database: Database =
      config.database.kind === 'postgres'
        ? openPostgres(config.database.url)
        : await openPglite({ dataDir: config.database.dataDir });
    closers.push(() => database.close());
    const deps: AppDeps = {
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      db: database.db,
      databaseKind: database.kind,
      capabilities: await detectCapabilities(database.db),
      logger: createLogger('silent'),
    };
    const app = createApp(deps);
    const live = new Hono<AppEnv>()
      .use(requestId())
      .use(async (c, next) => {
        c.set('deps', deps);
        await next();
      })
      .route('/tiles', createTilesRoutes(createTilesService(deps, { cacheBytes: 0 })));
    // The app with the built client (web/dist) for the browser rows (B4 first visit, B10): a separate app, so
    // that the client's catch-all route is not in the way of the rows measured on `app`.
    const withClient = createApp(deps);
    mountWebClient(withClient);
    return {
      app: await listen(app.fetch),
      live: await listen(live.fetch),
      web: await listen(withClient.fetch),
    };
  }

  const payload = JSON.parse(readFileSync(config.jsonFile, 'utf8')) as unknown;
  const hono = new Hono().use(requestId()).get('/json', (c) => c.json(payload));
  const responses = JSON.parse(readFileSync(config.responsesFile, 'utf8')) as Record<string, FixedResponse>;
  const fixed = new Map(
    Object.entries(responses).map(([path, r]) => [path, { ...r, body: Buffer.from(r.bodyBase64, 'base64') }]),
  );
  // The framework's floor for B2's 304: a bare Hono app answering with the same headers and no work.
  const notModified = fixed.get('/304');
  const hono304 = new Hono().use(requestId()).get('*', (c) => c.body(null, 304, notModified?.headers ?? {}));
  return {
    honoJson: await listen(hono.fetch),
    hono304: await listen(hono304.fetch),
    nodeJson: await listenNode((req, res) => {
      // The same work as c.json: serialise per request.
      const body = JSON.stringify(payload);
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
      });
      res.end(body);
    }),
    nodeFixed: await listenNode((req, res) => {
      const r = fixed.get(req.url ?? '');
      if (!r) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(r.status, r.headers);
      res.end(r.status === 304 ? undefined : r.body);
    }),
  };
}

process.on('SIGTERM', () => {
  void Promise.allSettled(closers.map((close) => close())).then(() => process.exit(0));
});

start().then(
  (ports) => process.send?.({ ports }),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
