import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { build, type Plugin } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot } from '../../server/config.ts';

// The e2e harness: a real Chromium (Debian's package, which CI installs; playwright-core brings no browser of
// its own), a real HTTP server around an app, and esbuild bundles of server code as the browser would load it.

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const hasChromium = (): boolean => existsSync(CHROMIUM_PATH);

/** Headless Debian Chromium, quiet: no sandbox (CI runs as root), no background traffic to Google. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface BrowserBundle {
  /** The ES module, as text. */
  code: string;
  /** Every file bundled into it, relative to the repository root. */
  inputs: string[];
  /** The imports left to the browser (the `external` packages actually imported). */
  externalImports: string[];
}

const nodeBuiltin = new RegExp(
  `^(node:.*|(${builtinModules.map((m) => m.replace(/[/.]/g, '\\$&')).join('|')})(/.*)?)$`,
);

/**
 * Refuses every Node built-in, whoever imports it. esbuild's browser platform would also fail on most, but
 * not on one that a package's "browser" field maps away, nor on one behind a dependency that polyfills it.
 */
const noNodeBuiltins: Plugin = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: nodeBuiltin }, (args) => ({
      errors: [
        { text: `Node built-in "${args.path}" imported by ${path.relative(repoRoot, args.importer)}` },
      ],
    }));
  },
};

/**
 * Bundles `entry` (relative to the repository root) as one browser ES module. Rejects with esbuild's errors,
 * among them one per Node built-in reached. Packages in `external` stay bare imports (e.g. `highs`, which
 * only targeting loads, on demand).
 */
export async function bundleForBrowser(entry: string, external: string[] = []): Promise<BrowserBundle> {
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external,
    plugins: [noNodeBuiltins],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  return {
    code: result.outputFiles[0]!.text,
    inputs: Object.keys(result.metafile.inputs),
    externalImports: output.imports.filter((i) => i.external).map((i) => i.path),
  };
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:40123, without a trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** Serves a fetch handler over real HTTP on 127.0.0.1, on a free port. */
export function serveHttp(fetch: (request: Request) => Response | Promise<Response>): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            // Keep-alive connections from the browser would otherwise hold close() open.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
