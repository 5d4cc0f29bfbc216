import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { LATIN_ALLOWED, latinWords, pageTexts } from '../support/latin-words.ts';
import { openClient, saveScreenshot, startClientServer, type ClientServer } from '../support/web-client.ts';

// Issue #14, item 8: the Ukrainian interface shows no English. Each view is opened in Ukrainian on the real
// data — Explore, its table, profiles (an ordinary hromada, Kyiv, a pre-reform Crimean unit with no score),
// Coverage, Target, the sources dialog — and every visible text and accessible name is searched for
// Latin-script words that are not in the allow-list of names, codes and units (tests/support/latin-words.ts).
// Left out on purpose: what organisations wrote into their programme records (title, description, activity:
// shown as written, in whatever language), text marked lang="en" (the switch to English, the API's own
// message under "details") or lang="uk-Latn" (a hromada's romanised name), and the methodology page
// (the English text with a Ukrainian summary, issue #14 item 11).

interface ProgrammeList {
  programmes: { title: string; description: string | null; organisation: { name: string } }[];
}

const VIEWS: { name: string; path: string; open?: (page: Page) => Promise<void> }[] = [
  { name: 'explore', path: '/' },
  {
    name: 'explore-table',
    path: '/?ob=UA63',
    open: async (page) => {
      await page
        .getByRole('button', { name: /Таблиця/ })
        .first()
        .click();
      await page.waitForSelector('#explore-table tbody tr');
    },
  },
  { name: 'profile', path: '/?sel=UA6312027' },
  { name: 'profile-kyiv', path: '/?sel=UA8000000' },
  { name: 'profile-crimea', path: '/?sel=UA0102003' },
  { name: 'coverage', path: '/?v=coverage' },
  { name: 'target', path: '/?v=target' },
  {
    name: 'sources',
    path: '/',
    open: async (page) => {
      await page.getByRole('button', { name: 'Джерела' }).first().click();
      await page.waitForSelector('dialog[open] article');
    },
  },
];

describe.skipIf(!hasChromium())('the Ukrainian interface in Ukrainian only (issue #14, item 8)', () => {
  let server: ClientServer;
  let browser: Browser;
  let allowed: Set<string>;
  /** Whole texts that organisations wrote (programme records): shown as written. */
  let written: Set<string>;
  /** Organisations' names as they write them (the data's), taken out of a text before it is searched. */
  let organisations: string[];

  beforeAll(async () => {
    server = await startClientServer();
    browser = await launchChromium();
    const res = await server.test.app.request('/api/programmes?limit=100');
    const list = (await res.json()) as ProgrammeList;
    written = new Set(list.programmes.flatMap((p) => [p.title, p.description ?? '']).filter(Boolean));
    organisations = [...new Set(list.programmes.map((p) => p.organisation.name))];
    // The sources' ids are codes (the profile names a value's source by its id, "DEEPSTATE").
    const sources = (await (await server.test.app.request('/api/sources')).json()) as { id: string }[];
    const ids = sources.flatMap((x) => x.id.toUpperCase().split('-'));
    allowed = new Set([...LATIN_ALLOWED, ...ids]);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(VIEWS)(
    '$name shows no English word',
    async ({ name, path, open }) => {
      const client = await openClient(browser, server.url, path, { width: 1280, height: 800 });
      try {
        await open?.(client.page);
        await saveScreenshot(client.page, `ukrainian-only-${name}`);
        const found = (await pageTexts(client.page))
          .filter((t) => ![...written].some((w) => w.startsWith(t.text.replace(/…$/, ''))))
          .flatMap((t) =>
            latinWords(
              organisations.reduce((x, o) => x.split(o).join(' '), t.text),
              allowed,
            ).map((w) => `${w} — ${t.where}: ${t.text.slice(0, 120)}`),
          );
        expect([...new Set(found)]).toEqual([]);
      } finally {
        await client.close();
      }
    },
    120_000,
  );

  it('writes place names as Ukrainian does (no "Київ район", no "Автономна Республіка Крим область")', async () => {
    const client = await openClient(browser, server.url, '/?sel=UA8000000', { width: 1280, height: 800 });
    try {
      const all = (await pageTexts(client.page)).map((t) => t.text).join('\n');
      expect(all).not.toMatch(/Київ район|Севастополь район|Крим область/);
    } finally {
      await client.close();
    }
  }, 120_000);
});
