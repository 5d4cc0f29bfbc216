import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_ROUNDS_MESSAGES } from '../../web/src/lib/i18n/messages-field-rounds.ts';
import { ASSESSMENT_COMPONENT_NAMES } from '../../server/model/assessment-components.ts';
import { hasChromium, launchChromium } from '../support/browser.ts';
import {
  call,
  createFixtureOrganisation,
  createFixtureSession,
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

// Issue #13, "Done when": a KoboToolbox export and an ODK Central export each go from upload to preview to
// commit to a changed profile and CPI, in Chromium. An editor signs in, opens the Field rounds pane, chooses
// the FIXTURE export (tests/fixtures/submissions/README.md: hand-made, no person answered anything); the
// preview lists its rejected rows with their reasons in Ukrainian and writes nothing; Commit writes the round,
// and the selected hromada's profile shows the assessment and a CPI score that moved. Each export runs against
// its own copy of the database, so each round is a first round. Expected values come from the API.

const PCODE = 'UA6314017';
const ROUND = '2026-11-01';
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/submissions/${name}`, import.meta.url), 'utf8');

interface Preview {
  accepted: number;
  rejected: { row: number; code: string; field: string | null }[];
  rounds: {
    pcode: string;
    respondents: number;
    action: string;
    components: {
      component: string;
      status: string;
      n: number;
      score: number | null;
      low: number | null;
      high: number | null;
    }[];
  }[];
}
interface CpiScores {
  units: { pcode: string; score: number | null; class: number | null; proxyComponents: string[] }[];
}

const scoreText = (v: number) =>
  new Intl.NumberFormat('uk-UA', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);

describe.skipIf(!hasChromium()).each([
  { label: 'KoboToolbox', file: 'FIXTURE-kobo-semicolon.csv', format: 'kobo' },
  { label: 'ODK Central', file: 'FIXTURE-odk-central-comma.csv', format: 'odk-central' },
])('a $label export from upload to map in Chromium (issue #13)', ({ label, file, format }) => {
  let server: ClientServer;
  let browser: Browser;
  let organisationId: number;
  let editor: FixtureUser;
  let client: ClientPage | null = null;
  const csv = fixture(file);

  const cpiOf = async () => {
    const res = await server.test.getJson<CpiScores>('/api/models/cpi/scores?bands=false');
    expect(res.status).toBe(200);
    return res.body.units.find((u) => u.pcode === PCODE)!;
  };

  beforeAll(async () => {
    server = await startClientServer();
    browser = await launchChromium();
    const db = server.test.database.db;
    organisationId = await createFixtureOrganisation(db, unique('FIXTURE field org'));
    editor = await createFixtureUser(db, { role: 'editor', organisationIds: [organisationId] });
  });

  afterAll(async () => {
    await client?.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('previews the rejected rows with their reasons, commits, and the profile and the CPI change', async () => {
    const db = server.test.database.db;
    // What the API says about the file (a preview writes nothing).
    const session = await createFixtureSession(db, editor.id);
    const expected = await call<Preview>(
      server.test.app,
      session,
      'POST',
      `/api/assessment-submissions/preview?organisationId=${organisationId}`,
      { body: csv },
    );
    expect(expected.status).toBe(200);
    expect(expected.body.rejected.length).toBeGreaterThan(0);
    const round = expected.body.rounds.find((r) => r.pcode === PCODE)!;
    expect(round.action).toBe('create');
    const cpiBefore = await cpiOf();
    expect(cpiBefore.score).not.toBeNull();
    // Before the round its social fragility comes from the open-data proxies.
    expect(cpiBefore.proxyComponents.length).toBeGreaterThan(0);

    client = await openClient(browser, server.url, `/?v=coverage&sel=${PCODE}`, { width: 1366, height: 800 });
    const { page } = client;
    await page.click('#account-button');
    await page.waitForSelector('dialog.sign-in[open]');
    await page.fill('#sign-in-email', editor.email);
    await page.fill('#sign-in-password', editor.password);
    await page.click('#sign-in-submit');
    await page.waitForSelector('#edit-panel');
    const cpi = page.locator('.profile-slot section.index');
    await cpi.locator('.big').waitFor();
    expect(await cpi.locator('.big').textContent()).toBe(scoreText(cpiBefore.score!));
    // Coverage does not colour the map by the CPI, so the profile names its class without a swatch (issue #14,
    // item 6: a swatch only where it matches a colour on screen); the class word is what must follow the score.
    const classLine = cpi.locator('[data-testid="profile-class"]');
    const classWord = async () => ((await classLine.count()) > 0 ? classLine.innerText() : '');
    const wordBefore = await classWord();

    await page.click('#open-field-rounds');
    await page.waitForSelector('#rounds-organisation');
    await page.setInputFiles('#rounds-file', {
      name: file,
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.waitForSelector('#rounds-rejected');

    // Every rejected row, with its row number, column and reason in Ukrainian.
    const rows = await page.$$eval('#rounds-rejected tbody tr', (els) =>
      els.map((e) => ({
        row: Number((e as HTMLElement).dataset.row),
        code: (e as HTMLElement).dataset.code,
        cells: Array.from(e.querySelectorAll('td')).map((td) => td.textContent?.trim() ?? ''),
      })),
    );
    expect(rows.map((r) => [r.row, r.code])).toEqual(expected.body.rejected.map((r) => [r.row, r.code]));
    for (const [i, r] of rows.entries()) {
      const want = expected.body.rejected[i]!;
      expect(r.cells[0]).toBe(String(want.row));
      expect(r.cells[1]).toBe(want.field ?? '—');
      expect(r.cells[2]).toContain(FIELD_ROUNDS_MESSAGES.uk.reasons[want.code as 'other']);
    }
    // The round it would write: the hromada by name, its respondents, its components.
    const planned = page.locator(`#rounds-planned li[data-pcode="${PCODE}"]`);
    expect(await planned.locator('.round-head').textContent()).toContain('Чугуївська');
    expect(await planned.locator('.round-head').textContent()).toContain(String(round.respondents));
    expect(await planned.locator('tr[data-component]').count()).toBe(
      round.components.filter((c) => c.status === 'scored' || c.status === 'insufficient').length,
    );
    expect(await page.textContent('#rounds-summary')).toContain(String(expected.body.accepted));
    await saveScreenshot(page, `field-round-preview-${format}-1366`);

    // Nothing is written before Commit.
    const assessed = () =>
      db
        .selectFrom('assessments')
        .select(['id', 'organisation_id'])
        .where('unit_pcode', '=', PCODE)
        .where('assessed_on', '=', ROUND)
        .where('deleted_at', 'is', null)
        .execute();
    expect(await assessed()).toEqual([]);

    await page.click('#rounds-commit');
    await page.waitForSelector('#rounds-committed');
    expect(await assessed()).toEqual([{ id: expect.any(Number), organisation_id: organisationId }]);

    // The CPI of the hromada moved (the API's new score, shown in the profile) ...
    const cpiAfter = await cpiOf();
    expect(cpiAfter.score).not.toBe(cpiBefore.score);
    expect(cpiAfter.proxyComponents.length).toBeLessThan(cpiBefore.proxyComponents.length);
    await page.waitForFunction(
      (want) => document.querySelector('.profile-slot section.index .big')?.textContent === want,
      scoreText(cpiAfter.score!),
    );
    if (cpiAfter.class !== cpiBefore.class) expect(await classWord()).not.toBe(wordBefore);

    // ... and the profile lists the assessment: its components and how many respondents it rests on.
    const assessment = page.locator('#profile-assessments li').first();
    await assessment.waitFor();
    const scored = round.components.filter((c) => c.status === 'scored').map((c) => c.component);
    expect(scored.length).toBeGreaterThan(0);
    const shown = await assessment.locator('dl.scores dt').allTextContents();
    expect(shown.sort()).toEqual(
      scored.map((c) => ASSESSMENT_COMPONENT_NAMES[c as keyof typeof ASSESSMENT_COMPONENT_NAMES].uk).sort(),
    );
    expect(await assessment.textContent()).toContain(`From ${round.respondents} field submissions`);
    // Each assessed component's trend (one round so far) gives its score, its 95 % interval and its respondents.
    for (const c of round.components.filter((x) => x.status === 'scored')) {
      const caption = page.locator(
        `#profile-trends figure.trend[data-component="${c.component}"] figcaption`,
      );
      const text = (await caption.textContent())!.replace(/\u00a0/g, ' ');
      expect(text, c.component).toContain(scoreText(c.score!));
      expect(text, c.component).toContain(`${scoreText(c.low!)}–${scoreText(c.high!)}`);
      expect(text, c.component).toContain(`n = ${c.n}`);
    }

    // The organisation's rounds and uploads list it; the upload's rejected rows open on demand.
    await page.waitForSelector(`#org-rounds li[data-pcode="${PCODE}"]`);
    expect(await page.textContent(`#org-rounds li[data-pcode="${PCODE}"]`)).toContain(
      String(round.respondents),
    );
    const upload = page.locator('#org-uploads li').first();
    await upload.locator('button').click();
    await upload.locator('.stored-rejected tbody tr').first().waitFor();
    expect(await upload.locator('.stored-rejected tbody tr').count()).toBe(expected.body.rejected.length);
    await saveScreenshot(page, `field-round-committed-${format}-1366`);
    expect(client.problems, label).toEqual([]);
  });
});
