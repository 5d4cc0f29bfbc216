import { execFile, execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/config.ts';
import { serveHttp, type RunningServer } from '../support/browser.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { SCREENSHOT_DIR } from '../support/web-client.ts';

// Issue #5: the tiles are read by QGIS as well as by MapLibre. QGIS's own vector-tile reader
// (QgsVectorTileLayer, from Debian's python3-qgis) draws the hromada tiles headless over all of Ukraine.
// QGIS is a large install (≈ 230 Debian packages), so CI does not carry it: without it this test is skipped.

const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(repoRoot, 'tests', 'e2e', 'qgis', 'draw-tiles.py');

function hasQgis(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import qgis.core'], {
      stdio: 'ignore',
      env: { QT_QPA_PLATFORM: 'offscreen' },
    });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!hasQgis())('the vector tiles in QGIS', () => {
  let t: TestApp;
  let server: RunningServer;

  beforeAll(async () => {
    t = await createTestApp();
    server = await serveHttp((request) => t.app.fetch(request));
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('opens /tiles/hromada as an XYZ vector tile layer and draws every part of Ukraine', async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const out = path.join(SCREENSHOT_DIR, 'tiles-in-qgis.png');
    const { stdout } = await promisify(execFile)(
      PYTHON,
      [SCRIPT, `${server.url}/tiles/hromada/{z}/{x}/{y}`, out],
      { env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' }, timeout: 120_000 },
    );
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      valid: boolean;
      sampled: number;
      coloured: number;
      errors: string[];
    };
    expect(report.valid).toBe(true);
    expect(report.errors).toEqual([]);
    // Ukraine fills about a quarter of this extent's box; an empty or unreadable tile set colours nothing.
    expect(report.coloured / report.sampled).toBeGreaterThan(0.2);
    expect(report.coloured / report.sampled).toBeLessThan(0.6);
  });
});
