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

// Issue #13 §7, the admin screens in a real browser: an admin opens Administration from the account menu,
// creates an organisation and then an editor of it; the database then has both, and the new editor can sign
// in as an editor of that organisation. An editor's account menu has no Administration. Every expected value is
// read from the database or the API, never copied from the client. Names and emails are FIXTUREs.

describe.skipIf(!hasChromium())('admin screens in Chromium (issue #13 §7)', () => {
  let server: ClientServer;
  let browser: Browser;
  let admin: FixtureUser;
  let editor: FixtureUser;
  const opened: ClientPage[] = [];

  beforeAll(async () => {
    server = await startClientServer();
    browser = await launchChromium();
    const db = server.test.database.db;
    admin = await createFixtureUser(db, { role: 'admin', name: 'FIXTURE Admin' });
    const organisationId = await createFixtureOrganisation(db, unique('FIXTURE admin-screens org'));
    editor = await createFixtureUser(db, { role: 'editor', organisationIds: [organisationId] });
  });

  afterAll(async () => {
    for (const c of opened) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function open(query: string): Promise<ClientPage> {
    const client = await openClient(browser, server.url, `/${query}`);
    opened.push(client);
    return client;
  }

  async function signIn(page: Page, user: FixtureUser): Promise<void> {
    await page.click('#account-button');
    await page.waitForSelector('dialog.sign-in[open]');
    await page.fill('#sign-in-email', user.email);
    await page.fill('#sign-in-password', user.password);
    await page.click('#sign-in-submit');
    await page.waitForFunction(
      (name) => document.querySelector('#account-button')?.textContent?.includes(name),
      user.name,
    );
  }

  it("does not offer Administration in an editor's account menu", async () => {
    const client = await open('?v=coverage&lang=en');
    const { page } = client;
    await signIn(page, editor);
    await page.click('#account-button');
    await page.waitForSelector('#account-menu');
    expect(await page.isVisible('#account-sign-out')).toBe(true);
    expect(await page.$('#account-admin')).toBeNull();
    expect(await page.$('#admin-dialog')).toBeNull();
    expect(client.problems).toEqual([]);
  });

  it('lets an admin create an organisation and then an editor of it', async () => {
    const client = await open('?v=coverage&lang=en');
    const { page } = client;
    const db = server.test.database.db;
    await signIn(page, admin);
    await page.click('#account-button');
    await page.click('#account-admin');
    await page.waitForSelector('dialog#admin-dialog[open]');
    await page.waitForSelector('#admin-users');

    // The organisation.
    const orgName = unique('FIXTURE Org made in the browser');
    await page.click('#admin-tab-organisations');
    await page.click('#admin-new-organisation');
    await page.fill('#ao-name', orgName);
    await page.fill('#ao-acronym', 'FOB');
    await page.click('#admin-organisation-save');
    await page.waitForSelector('#admin-notice');
    const org = await db
      .selectFrom('organisations')
      .select(['id', 'name', 'acronym', 'deleted_at'])
      .where('name', '=', orgName)
      .executeTakeFirstOrThrow();
    expect(org).toMatchObject({ acronym: 'FOB', deleted_at: null });
    expect(await page.textContent(`tr[data-organisation-id="${org.id}"]`)).toContain(orgName);

    // The editor of it.
    const email = `${unique('browser-editor')}@fixture.example.org`.toLowerCase();
    const password = 'FIXTURE browser password 1234';
    await page.click('#admin-tab-users');
    await page.click('#admin-new-user');
    await page.fill('#au-email', email);
    await page.fill('#au-name', 'FIXTURE Browser Editor');
    await page.selectOption('#au-role', 'editor');
    await page.fill('#au-password', password);
    await page.check(`input[name="au-organisation"][value="${org.id}"]`);
    await saveScreenshot(page, 'admin-new-user-1280');
    await page.click('#admin-user-save');
    await page.waitForSelector('#admin-notice');
    const user = await db
      .selectFrom('users')
      .select(['id', 'role', 'disabled_at'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ role: 'editor', disabled_at: null });
    const memberships = await db
      .selectFrom('user_organisations')
      .select('organisation_id')
      .where('user_id', '=', user.id)
      .execute();
    expect(memberships.map((m) => m.organisation_id)).toEqual([org.id]);
    expect(await page.textContent(`tr[data-user-id="${user.id}"]`)).toContain(orgName);
    // Both writes were audited, as every write is.
    const audit = await db
      .selectFrom('audit_log')
      .select(['entity_type', 'action'])
      .where((eb) =>
        eb.or([
          eb.and([eb('entity_type', '=', 'organisation'), eb('entity_id', '=', String(org.id))]),
          eb.and([eb('entity_type', '=', 'user'), eb('entity_id', '=', String(user.id))]),
        ]),
      )
      .execute();
    expect(audit.map((a) => `${a.entity_type} ${a.action}`).sort()).toEqual([
      'organisation create',
      'user create',
    ]);

    // The new editor signs in as an editor of that organisation.
    const login = await server.test.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(login.status).toBe(200);
    const session = (await login.json()) as { user: { role: string; organisations: { id: number }[] } };
    expect(session.user.role).toBe('editor');
    expect(session.user.organisations.map((o) => o.id)).toEqual([org.id]);
    expect(client.problems).toEqual([]);
  });
});
