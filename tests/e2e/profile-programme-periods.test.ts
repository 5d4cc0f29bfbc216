import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { createFixtureOrganisation, createFixtureProgramme, unique } from '../support/factories.ts';
import { openClient, startClientServer, type ClientPage, type ClientServer } from '../support/web-client.ts';

// Issue #11 item 11: a programme that works at one hromada in two periods made the profile panel throw
// Svelte's duplicate-key error (its list was keyed by programme id), and the profile went blank for everyone
// who opened that hromada. The data that caused it is kept here: one programme, two periods, one hromada.

const PCODE = 'UA6312027';
const PERIODS = [
  { period_start: '2023-03-01', period_end: '2023-12-31', reached: 120 },
  { period_start: '2024-02-01', period_end: null, reached: 45 },
];

interface Profile {
  programmes: { code: string; periodStart: string }[];
}

describe.skipIf(!hasChromium())('a programme with two periods at one hromada (issue #11)', () => {
  let server: ClientServer;
  let browser: Browser;
  let code: string;
  const opened: ClientPage[] = [];

  beforeAll(async () => {
    server = await startClientServer();
    browser = await launchChromium();
    const db = server.test.database.db;
    const organisationId = await createFixtureOrganisation(db, unique('FIXTURE periods org'));
    const programme = await createFixtureProgramme(db, { organisationId });
    code = programme.code;
    await db
      .insertInto('programme_sites')
      .values(PERIODS.map((p) => ({ ...p, programme_id: programme.id, unit_pcode: PCODE })))
      .execute();
  });

  afterAll(async () => {
    for (const c of opened) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('shows both periods in the profile, and the coverage list shows both sites', async () => {
    const api = await server.test.getJson<Profile>(`/api/units/${PCODE}`);
    expect(api.status).toBe(200);
    const fromApi = api.body.programmes.filter((p) => p.code === code).map((p) => p.periodStart);
    expect(fromApi.sort()).toEqual(PERIODS.map((p) => p.period_start));

    const profile = await openClient(browser, server.url, `/?sel=${PCODE}`);
    opened.push(profile);
    const items = profile.page.locator(`#profile-programmes li[data-code="${code}"]`);
    await items.first().waitFor();
    const shown = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-period-start')));
    expect(shown.sort()).toEqual(fromApi.sort());
    expect(await profile.page.textContent('#profile-title')).not.toBe('');
    expect(profile.problems).toEqual([]);

    const coverage = await openClient(browser, server.url, `/?v=coverage&sel=${PCODE}`);
    opened.push(coverage);
    const sites = coverage.page.locator(
      `#coverage-programmes article[data-code="${code}"] button.site[data-pcode="${PCODE}"]`,
    );
    await sites.first().waitFor();
    expect(await sites.count()).toBe(PERIODS.length);
    // The profile opens in this view too, with both periods.
    await coverage.page.locator(`#profile-programmes li[data-code="${code}"]`).first().waitFor();
    expect(await coverage.page.locator(`#profile-programmes li[data-code="${code}"]`).count()).toBe(2);
    expect(coverage.problems).toEqual([]);
  });
});
