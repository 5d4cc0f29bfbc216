// Builds the web client (web/ → web/dist) when it is missing or older than its sources, so that `npm start`
// (whose prestart this is) serves the current client on a fresh clone without a separate build step, and
// starts at once when nothing changed. `npm run build:web` always builds.

import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Vite from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const builtIndex = path.join(web, 'dist', 'index.html');

/** The newest modification time (ms) of a file or of any file under a folder; 0 when it does not exist. */
export function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(p, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

/** Why the client needs building, or null when web/dist is current. */
export function staleReason(webDir: string): string | null {
  const index = path.join(webDir, 'dist', 'index.html');
  if (!existsSync(index)) return 'web/dist does not exist yet';
  const built = statSync(index).mtimeMs;
  const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((f) => path.join(webDir, f));
  const changed = sources.find((s) => newestMtime(s) > built);
  return changed ? `${path.relative(root, changed)} changed since the last build` : null;
}

async function main(): Promise<void> {
  const reason = staleReason(web);
  if (!reason) return;
  let vite: typeof Vite;
  try {
    vite = await import('vite');
  } catch {
    // An install without dev dependencies cannot build: start anyway, with the client as it is (or the API only).
    console.warn(
      `web client: ${reason}, but Vite is not installed (npm install without --omit=dev builds it); ` +
        (existsSync(builtIndex) ? 'serving the existing build.' : 'serving the API only.'),
    );
    return;
  }
  console.log(`web client: ${reason}; building…`);
  const started = Date.now();
  await vite.build({ configFile: path.join(web, 'vite.config.ts'), logLevel: 'warn' });
  console.log(`web client: built into web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error('web client: the build failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
