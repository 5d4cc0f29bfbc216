import type { Browser, ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { startClientServer, waitForReady, type ClientServer } from '../support/web-client.ts';

// Issue #15, B10: the page announces what its first view fetches (server/first-view-preloads.ts), so the
// browser fetches it while the scripts load. A preload the client then asks for differently (another URL,
// another CORS mode) is fetched twice and Chromium warns that it went unused: each must be taken up.

describe.skipIf(!hasChromium())('first-view preloads in Chromium', () => {
  let browser: Browser;
  let server: ClientServer;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startClientServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([
    ['/', 3],
    ['/?m=indicator:population_2022', 2],
    ['/?v=coverage', 2],
  ])('%s: every preload is fetched once and used', async (pathAndQuery, expected) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'uk-UA' });
    try {
      const page = await context.newPage();
      const warnings: string[] = [];
      page.on('console', (m: ConsoleMessage) => {
        if (/preload/i.test(m.text())) warnings.push(m.text());
      });
      const requested: string[] = [];
      page.on('request', (r) => requested.push(new URL(r.url()).pathname + new URL(r.url()).search));
      const res = await page.goto(`${server.url}${pathAndQuery}`);
      const links = [...(res?.headers()['link'] ?? '').matchAll(/<([^>]+)>; rel=preload/g)].map((m) => m[1]!);
      expect(links).toHaveLength(expected);
      await waitForReady(page);
      // Chromium reports an unused preload a few seconds after the page's load event.
      await page.waitForTimeout(4000);
      for (const url of links)
        expect(
          requested.filter((r) => r === url),
          url,
        ).toHaveLength(1);
      expect(warnings).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
