import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { createFixtureUser, type FixtureUser } from '../support/factories.ts';
import { openClient, startClientServer, type ClientServer } from '../support/web-client.ts';

// Issue #14 item 9: the Target workflow is findable. The five steps come in the order a manager works, above
// the results, on a desktop and on a phone, without scrolling; "Знайти" saves nothing; a scenario is saved only
// by naming it; the gallery lists it, compares two and deletes one's own.

const STEPS = ['priority', 'filters', 'weights', 'budget', 'shortlist'];
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

async function signIn(page: Page, user: FixtureUser): Promise<void> {
  await page.click('#account-button');
  await page.waitForSelector('dialog.sign-in[open]');
  await page.fill('#sign-in-email', user.email);
  await page.fill('#sign-in-password', user.password);
  await page.click('#sign-in-submit');
  await page.waitForSelector('dialog.sign-in', { state: 'hidden' });
}

/** Moves slider `id` by `n` keyboard steps (right when n > 0). */
async function nudge(page: Page, id: string, n: number): Promise<void> {
  await page.focus(id);
  for (let i = 0; i < Math.abs(n); i++) await page.keyboard.press(n > 0 ? 'ArrowRight' : 'ArrowLeft');
}

async function saveAs(page: Page, name: string, shared: boolean): Promise<void> {
  await page.click('#target-save-open');
  await page.waitForSelector('#target-save-dialog[open]');
  await page.fill('#target-scenario-name', name);
  if (shared) await page.check('#target-visibility-public');
  await page.click('#target-save');
  await page.waitForSelector('#target-saved');
  await page.keyboard.press('Escape');
}

describe.skipIf(!hasChromium())('the Target workflow (issue #14 item 9)', () => {
  let server: ClientServer;
  let browser: Browser;
  let user: FixtureUser;
  const scenarioCount = async () =>
    Number(
      (
        await server.test.database.db
          .selectFrom('scenarios')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    server = await startClientServer();
    browser = await launchChromium();
    user = await createFixtureUser(server.test.database.db, { role: 'viewer', name: 'FIXTURE manager' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [layout, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`shows the five steps in order, in view, above the results (${layout})`, async () => {
      const { page, problems, close } = await openClient(browser, server.url, '/?v=target', viewport);
      await page.waitForSelector('#target-results');
      const steps = await page.$$eval('#target-steps [role="tab"]', (els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return { step: (el as HTMLElement).dataset.step, top: r.top, bottom: r.bottom, left: r.left };
        }),
      );
      expect(steps.map((s) => s.step)).toEqual(STEPS);
      // Left to right in one row, wholly inside the window: reachable without scrolling anything.
      for (let i = 1; i < steps.length; i++) expect(steps[i]!.left).toBeGreaterThan(steps[i - 1]!.left);
      for (const s of steps) {
        expect(s.top).toBeGreaterThanOrEqual(0);
        expect(s.bottom).toBeLessThanOrEqual(viewport.height);
      }
      const results = await page.$eval('#target-results', (el) => el.getBoundingClientRect().top);
      expect(Math.max(...steps.map((s) => s.bottom))).toBeLessThanOrEqual(results);
      // Each step opens its own part of the workflow, still above the results.
      await page.click('#target-step-budget');
      await page.waitForSelector('#tb-budget');
      const budget = await page.$eval('#tb-budget', (el) => el.getBoundingClientRect().top);
      expect(budget).toBeLessThan(
        await page.$eval('#target-results', (el) => el.getBoundingClientRect().top),
      );
      // The table says it ranks the map's comparable set.
      expect(await page.textContent('#target-comparable-note')).toMatch(/порівнюються на карті/);
      expect(problems).toEqual([]);
      await close();
    });
  }

  it('"Знайти" saves no scenario; naming and saving does; the gallery lists, compares and deletes it', async () => {
    const { page, problems, close } = await openClient(browser, server.url, '/?v=target&tm=cpi', DESKTOP);
    const before = await scenarioCount();
    await page.click('#target-step-weights');
    await nudge(page, '#tw-cpi-pressure', 10);
    await page.click('#target-step-budget');
    await page.fill('#tb-budget', '3000000');
    await page.press('#tb-budget', 'Tab');
    await page.click('#target-find');
    await page.waitForSelector('#target-result', { timeout: 60_000 });
    expect(await scenarioCount()).toBe(before);

    // Anonymous: the dialog says to sign in (or share the link), and offers no save.
    await page.click('#target-save-open');
    await page.waitForSelector('#target-save-signin');
    expect(await page.$('#target-save')).toBeNull();
    await page.keyboard.press('Escape');

    await signIn(page, user);
    await saveAs(page, 'e2e: pressure ×2', false);
    await page.click('#target-step-weights');
    await nudge(page, '#tw-cpi-coping_capacity', 15);
    await saveAs(page, 'e2e: capacity ×2.5', true);
    const saved = await server.test.database.db
      .selectFrom('scenarios')
      .select(['id', 'name', 'shared', 'created_by'])
      .where('name', 'like', 'e2e: %')
      .where('created_by', '=', user.id)
      .orderBy('created_at')
      .execute();
    expect(saved.map((s) => [s.name, s.shared])).toEqual([
      ['e2e: pressure ×2', false],
      ['e2e: capacity ×2.5', true],
    ]);

    await page.click('#target-gallery-open');
    await page.waitForSelector('#target-gallery-list');
    for (const s of saved) await page.waitForSelector(`#target-gallery-list [data-scenario="${s.id}"]`);
    for (const s of saved) await page.check(`[data-scenario="${s.id}"] input[type="checkbox"]`);
    await page.click('#target-compare');
    await page.waitForSelector('#target-compare-result');
    const diff = await page.textContent('#target-compare-result');
    expect(diff).toContain('coping_capacity');
    expect(diff).toMatch(/топ-20/);

    page.once('dialog', (d) => void d.accept());
    await page.click(`[data-scenario="${saved[0]!.id}"] [data-act="delete"]`);
    await page.waitForSelector(`[data-scenario="${saved[0]!.id}"]`, { state: 'detached' });
    const left = await server.test.database.db
      .selectFrom('scenarios')
      .select('id')
      .where('id', '=', saved[0]!.id)
      .execute();
    expect(left).toEqual([]);
    expect(problems).toEqual([]);
    await close();
  });
});
