import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/browser.ts';
import {
  createFixtureOrganisation,
  createFixtureUser,
  unique,
  type FixtureUser,
} from '../support/factories.ts';
import {
  openClient,
  saveScreenshot,
  startClientServer,
  type ClientPage,
  type ClientServer,
} from '../support/web-client.ts';

// Issue #11 item 5, in the browser: a 5W sheet saved by Excel on a Ukrainian Windows (Windows-1251) is sent
// as its bytes, the server converts it, and the preview shows the organisation's Cyrillic name as written plus
// a warning naming the encoding, apart from the problems. Before, the client read the file as UTF-8
// (file.text()) and the names arrived as "���". The organisation and the sheet are FIXTURES.

const CP1251: Record<string, number> = { Є: 0xaa, є: 0xba, І: 0xb2, і: 0xb3, Ї: 0xaf, ї: 0xbf };
function cp1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const c = ch.charCodeAt(0);
      if (c < 0x80) return c;
      if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
      return CP1251[ch]!;
    }),
  );
}

describe.skipIf(!hasChromium())('a Windows-1251 5W upload in Chromium (issue #11)', () => {
  let server: ClientServer;
  let browser: Browser;
  let editor: FixtureUser;
  let orgName: string;
  const opened: ClientPage[] = [];

  beforeAll(async () => {
    server = await startClientServer();
    browser = await launchChromium();
    const db = server.test.database.db;
    orgName = unique('FIXTURE Громадська спілка Єднання');
    const organisationId = await createFixtureOrganisation(db, orgName);
    editor = await createFixtureUser(db, { role: 'editor', organisationIds: [organisationId] });
  });

  afterAll(async () => {
    for (const c of opened) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page): Promise<void> {
    await page.click('#account-button');
    await page.waitForSelector('dialog.sign-in[open]');
    await page.fill('#sign-in-email', editor.email);
    await page.fill('#sign-in-password', editor.password);
    await page.click('#sign-in-submit');
    await page.waitForSelector('#edit-panel');
  }

  it('previews the converted names with a warning naming Windows-1251, apart from the problems', async () => {
    const code = unique('fixture-cp1251');
    const csv = [
      '#meta+id,#org+name,#sector,#activity+name,#adm3+code,#date+start',
      `${code},${orgName},Соціальна згуртованість,Кола,UA6312027,2025-01-01`,
      `${code},${orgName},Соціальна згуртованість,Кола,UA0102003,2025-01-01`,
    ].join('\r\n');
    const client = await openClient(browser, server.url, '/?v=coverage');
    opened.push(client);
    const { page } = client;
    await signIn(page);
    await page.click('#open-upload');
    await page.setInputFiles('#upload-file', {
      name: 'excel.csv',
      mimeType: 'text/csv',
      buffer: cp1251(csv),
    });
    await page.waitForSelector('#upload-warnings');

    const warnings = await page.$$eval('#upload-warnings li', (els) =>
      els.map((e) => ({ row: e.getAttribute('data-row'), text: e.textContent ?? '' })),
    );
    expect(warnings).toHaveLength(2);
    expect(warnings[0]!.row).toBe('');
    expect(warnings[0]!.text).toMatch(/read as Windows-1251/);
    expect(warnings[1]!.row).toBe('3');
    expect(warnings[1]!.text).toMatch(/UA0102003 is in the Autonomous Republic of Crimea/);
    expect(await page.$('#upload-errors')).toBeNull();
    expect(await page.textContent('#upload-programmes')).toContain(orgName);
    // Warnings do not block the commit.
    expect(await page.isDisabled('#upload-commit')).toBe(false);
    await saveScreenshot(page, 'upload-cp1251-warnings-1280');
    expect(client.problems).toEqual([]);
  });
});
