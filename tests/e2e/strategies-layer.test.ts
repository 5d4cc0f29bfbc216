import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StrategyCounts, StrategyView } from '../../server/features/strategies/strategies.schemas.ts';
import { hasChromium, launchChromium } from '../support/browser.ts';
import {
  createFixtureOrganisation,
  createFixtureUser,
  unique,
  type FixtureUser,
} from '../support/factories.ts';
import {
  mapPixel,
  openClient,
  saveScreenshot,
  startClientServer,
  waitForMapIdle,
  type ClientPage,
  type ClientServer,
} from '../support/web-client.ts';

// Issue #13, section 6, in the browser: an editor turns the Coverage view's map to the safety strategies,
// selects a community on the map, records its risk analysis, then advances it to adoption by the council; the
// form says what adoption needs before sending anything, the API and the audit trail have the record, and the
// counts sentence and the map's fill follow. The organisation, the editor and the record are FIXTURES.

interface UnitProfile {
  pcode: string;
  nameUk: string;
  labelPoint: [number, number] | null;
}

const PCODE = 'UA6314017';

describe.skipIf(!hasChromium())('safety strategies in Chromium (issue #13)', () => {
  let server: ClientServer;
  let browser: Browser;
  let organisationId: number;
  let editor: FixtureUser;
  let client: ClientPage | undefined;

  const api = async <T>(path: string): Promise<T> => {
    const res = await server.test.getJson<T>(path);
    expect(res.status, path).toBe(200);
    return res.body;
  };

  async function signIn(page: Page): Promise<void> {
    await page.click('#account-button');
    await page.waitForSelector('dialog.sign-in[open]');
    await page.fill('#sign-in-email', editor.email);
    await page.fill('#sign-in-password', editor.password);
    await page.click('#sign-in-submit');
    await page.waitForSelector('dialog.sign-in[open]', { state: 'detached' }).catch(() => undefined);
  }

  beforeAll(async () => {
    server = await startClientServer();
    browser = await launchChromium();
    const db = server.test.database.db;
    organisationId = await createFixtureOrganisation(db, unique('FIXTURE strategies org'));
    editor = await createFixtureUser(db, { role: 'editor', organisationIds: [organisationId] });
  });

  afterAll(async () => {
    await client?.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('records a stage on the selected community, advances it, and the counts and the map follow', async () => {
    const unit = await api<UnitProfile>(`/api/units/${PCODE}`);
    const [lon, lat] = unit.labelPoint!;
    const before = await api<StrategyCounts>('/api/strategies/counts');
    expect(before.units[PCODE]).toBeUndefined();

    client = await openClient(browser, server.url, `/?v=coverage&cm=strategies&at=10/${lat}/${lon}`);
    const { page } = client;
    const sentence = () => page.textContent('#strategies-counts');
    await page.waitForSelector('#strategies-counts');
    expect(await sentence()).toContain(`: ${before.analysed} `);
    await signIn(page);

    const r = await page.evaluate(() => {
      const b = document.querySelector('.maplibregl-canvas')!.getBoundingClientRect();
      return { x: Math.round(b.left + b.width / 2), y: Math.round(b.top + b.height / 2) };
    });
    const probe = { x: r.x + 14, y: r.y + 10 };
    await page.mouse.move(5, 700);
    await waitForMapIdle(page);
    const colourBefore = await mapPixel(page, probe.x, probe.y);

    // A click on the map selects the community; the editor names it and offers to record a stage.
    await page.mouse.click(r.x, r.y);
    await page.waitForFunction((pcode) => new URL(location.href).searchParams.get('sel') === pcode, PCODE);
    await page.waitForSelector('#strategy-add');
    await page.click('#strategy-add');
    const choices = await page.$$eval('#sf-organisation option', (els) =>
      els.map((e) => Number((e as HTMLOptionElement).value)),
    );
    expect(choices).toEqual([organisationId]);
    await page.fill('#sf-risk', '2025-03-01');
    await page.click('#strategy-form button[type=submit]');
    await page.waitForSelector('#strategy-form', { state: 'detached' });

    const [record] = await api<StrategyView[]>(
      `/api/strategies?pcode=${PCODE}&organisation=${organisationId}`,
    );
    expect(record).toMatchObject({ stage: 'risk_analysis', riskAnalysisOn: '2025-03-01', organisationId });
    await page.waitForSelector(`#strategy-${record!.id}`);
    const audit = await server.test.database.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'action'])
      .where('entity_type', '=', 'safety_strategy')
      .where('entity_id', '=', String(record!.id))
      .execute();
    expect(audit).toEqual([{ actor_user_id: editor.id, action: 'create' }]);
    const after = await api<StrategyCounts>('/api/strategies/counts');
    expect(after.analysed).toBe(before.analysed + 1);
    await page.waitForFunction(
      (n) => document.querySelector('#strategies-counts')?.textContent?.includes(`: ${n} `),
      after.analysed,
    );

    // The community is drawn in the stage's colour now.
    // Polled: the fill follows the counts' reload a few frames later, later still on a busy machine.
    await page.mouse.move(5, 700);
    await waitForMapIdle(page);
    let colourAfter = await mapPixel(page, probe.x, probe.y);
    for (let i = 0; i < 50 && colourAfter.join() === colourBefore.join(); i++) {
      await page.waitForTimeout(200);
      colourAfter = await mapPixel(page, probe.x, probe.y);
    }
    expect(colourAfter).not.toEqual(colourBefore);

    // Adoption needs the council decision's date and number: the form says so and sends nothing.
    await page.click(`#strategy-${record!.id} button.button`);
    await page.selectOption('#sf-stage', 'adopted');
    await page.click('#strategy-form button[type=submit]');
    await page.waitForSelector('#sf-adopted[aria-invalid="true"]');
    expect((await api<StrategyView>(`/api/strategies/${record!.id}`)).stage).toBe('risk_analysis');
    await page.fill('#sf-adopted', '2025-10-15');
    await page.fill('#sf-number', 'FIXTURE 7/1');
    await page.fill('#sf-url', 'https://example.org/FIXTURE/decision');
    await page.click('#strategy-form button[type=submit]');
    await page.waitForSelector('#strategy-form', { state: 'detached' });
    expect(await api<StrategyView>(`/api/strategies/${record!.id}`)).toMatchObject({
      stage: 'adopted',
      adoptedOn: '2025-10-15',
      decisionNumber: 'FIXTURE 7/1',
    });
    // The records reload after the form closes.
    await page.waitForFunction(
      (id) => document.querySelector(`#strategy-${id}`)?.textContent?.includes('FIXTURE 7/1'),
      record!.id,
    );
    await saveScreenshot(page, 'strategies-adopted-1280');
    expect(client.problems).toEqual([]);
  });
});
