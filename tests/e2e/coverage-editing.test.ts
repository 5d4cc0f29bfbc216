import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/browser.ts';
import {
  createFixtureAssessment,
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

// Issue #6, the web side: an editor signs in, creates a programme, picks a hromada on the map as its site and
// saves; the API then lists the site, and the Coverage view's list, counts and map show it. Also: a wrong
// password is refused in the dialog; an upload with a bad pcode shows the row's problem and commits nothing.
// Every expected value is read from the API or the database, never copied from the client.

interface Site {
  pcode: string;
  oblastPcode: string;
}
interface Programme {
  code: string;
  title: string;
  organisation: { id: number };
  sites: Site[];
}
interface ProgrammeList {
  programmes: Programme[];
}
interface UnitProfile {
  pcode: string;
  nameUk: string;
  isCrimea: boolean;
  special: string | null;
  areaKm2: number | null;
  labelPoint: [number, number] | null;
}

type Rgb = [number, number, number];
const same = (a: Rgb, b: Rgb, tol = 3) => a.every((v, i) => Math.abs(v - b[i]!) <= tol);
const digits = (s: string | null) => Number((s ?? '').replace(/\D/g, ''));

describe.skipIf(!hasChromium())('editing coverage in Chromium (issue #6)', () => {
  let server: ClientServer;
  let browser: Browser;
  let organisationId: number;
  let editor: FixtureUser;
  const opened: ClientPage[] = [];

  const api = async <T>(path: string): Promise<T> => {
    const res = await server.test.getJson<T>(path);
    expect(res.status, path).toBe(200);
    return res.body;
  };

  async function open(query: string, viewport?: { width: number; height: number }): Promise<ClientPage> {
    const client = await openClient(browser, server.url, `/${query}`, viewport);
    opened.push(client);
    return client;
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.click('#account-button');
    await page.waitForSelector('dialog.sign-in[open]');
    await page.fill('#sign-in-email', email);
    await page.fill('#sign-in-password', password);
    await page.click('#sign-in-submit');
  }

  /** The page position of the map canvas's centre (where a camera's lat/lon is drawn). */
  async function mapCentre(page: Page): Promise<{ x: number; y: number }> {
    return page.evaluate(() => {
      const r = document.querySelector('.maplibregl-canvas')!.getBoundingClientRect();
      return { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) };
    });
  }

  beforeAll(async () => {
    server = await startClientServer();
    browser = await launchChromium();
    const db = server.test.database.db;
    organisationId = await createFixtureOrganisation(db, unique('FIXTURE editing org'));
    editor = await createFixtureUser(db, { role: 'editor', organisationIds: [organisationId] });
  });

  afterAll(async () => {
    for (const c of opened) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('refuses a wrong password in the dialog and says so', async () => {
    const client = await open('?v=coverage');
    const { page } = client;
    // Not signed in: the view is as before, plus "Sign in to edit".
    expect(await page.isVisible('#sign-in-to-edit')).toBe(true);
    expect(await page.$('#edit-panel')).toBeNull();

    const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await signIn(page, editor.email, `${editor.password} wrong`);
    expect((await answer).status()).toBe(401);
    await page.waitForFunction(() => document.querySelector('#sign-in-error')?.textContent?.trim());
    expect(await page.getAttribute('#sign-in-password', 'aria-invalid')).toBe('true');
    expect(await page.isVisible('dialog.sign-in[open]')).toBe(true);
    expect(await page.$('#edit-panel')).toBeNull();
    await saveScreenshot(page, 'editing-sign-in-wrong-1280');
    // The refused sign-in (401, which the browser also logs) is the only problem.
    expect(client.problems.filter((p) => !p.includes('/api/auth/login') && !p.includes('401'))).toEqual([]);
    expect(client.problems.some((p) => p.includes('HTTP 401') && p.includes('/api/auth/login'))).toBe(true);
  });

  it('signs in, creates a programme, picks its site on the map, and the coverage view shows it', async () => {
    // The largest hromada outside Crimea with no programme yet: its label point is well inside it.
    const covered = new Set(
      (await api<ProgrammeList>('/api/programmes')).programmes.flatMap((p) => p.sites.map((s) => s.pcode)),
    );
    const units = await api<{ items: UnitProfile[] }>('/api/units?level=hromada&limit=2000');
    const target = units.items
      .filter((u) => !u.isCrimea && u.special === null && !covered.has(u.pcode))
      .sort((a, b) => (b.areaKm2 ?? 0) - (a.areaKm2 ?? 0))[0]!;
    const unit = await api<UnitProfile>(`/api/units/${target.pcode}`);
    expect(unit.labelPoint).not.toBeNull();
    const [lon, lat] = unit.labelPoint!;

    const client = await open(`?v=coverage&at=8/${lat}/${lon}`);
    const { page } = client;
    const before = await api<ProgrammeList>('/api/programmes');
    const count = async (key: string) => digits(await page.textContent(`[data-count="${key}"]`));
    expect(await count('programmes')).toBe(before.programmes.length);

    await signIn(page, editor.email, editor.password);
    await page.waitForSelector('#edit-panel');
    expect(await page.isVisible('dialog.sign-in[open]')).toBe(false);
    expect(await page.textContent('#account-button')).toContain(editor.name);

    await page.click('#new-programme');
    // Only the editor's organisation can be chosen.
    const choices = await page.$$eval('#pf-organisation option', (els) =>
      els.map((e) => Number((e as HTMLOptionElement).value)),
    );
    expect(choices).toEqual([organisationId]);
    const title = unique('FIXTURE programme');
    await page.fill('#pf-title', title);
    await page.fill('#pf-sector', 'Social cohesion');
    await page.fill('#pf-donor', 'FIXTURE donor');
    await page.fill('#pf-periodStart', '2025-01-01');
    await page.fill('#pf-budget', '25000');
    await page.fill('#pf-currency', 'EUR');

    // A point of the hromada beside its label point (where the site's dot will be drawn).
    const centre = await mapCentre(page);
    const probe = { x: centre.x + 14, y: centre.y + 10 };
    await page.mouse.move(5, 700);
    await waitForMapIdle(page);
    const colourBefore = await mapPixel(page, probe.x, probe.y);

    await page.check('#pick-on-map');
    await page.mouse.click(centre.x, centre.y);
    await page.waitForSelector(`#site-chips li[data-pcode="${unit.pcode}"]`);
    expect(await page.textContent(`#site-chips li[data-pcode="${unit.pcode}"]`)).toContain(unit.nameUk);
    // A click while picking does not select the hromada.
    expect(new URL(page.url()).searchParams.get('sel')).toBeNull();
    await saveScreenshot(page, 'editing-picked-1280');

    await page.click('#programme-save');
    await page.waitForSelector('#programme-saved');

    // The API has the programme, for the editor's organisation, with the picked site.
    const mine = await api<ProgrammeList>(`/api/programmes?organisation=${organisationId}`);
    const saved = mine.programmes.find((p) => p.title === title);
    expect(saved).toBeDefined();
    expect(saved!.sites.map((s) => s.pcode)).toEqual([unit.pcode]);
    // One audit row: the editor created it.
    const audit = await server.test.database.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'action'])
      .where('entity_type', '=', 'programme')
      .where('entity_id', '=', saved!.code)
      .execute();
    expect(audit).toEqual([{ actor_user_id: editor.id, action: 'create' }]);

    // The Coverage view lists it with its site, and its counts follow the API.
    const article = page.locator(`#coverage-programmes article[data-code="${saved!.code}"]`);
    await article.waitFor();
    expect(await article.locator('h3').textContent()).toBe(title);
    expect(await article.locator(`button.site[data-pcode="${unit.pcode}"]`).count()).toBe(1);
    const after = await api<ProgrammeList>('/api/programmes');
    expect(after.programmes.length).toBe(before.programmes.length + 1);
    expect(await count('programmes')).toBe(after.programmes.length);
    expect(await count('hromadas')).toBe(
      new Set(after.programmes.flatMap((p) => p.sites.map((s) => s.pcode))).size,
    );

    // The map colours the hromada now: it was the "no programme" colour, it is a sector's colour now.
    await page.mouse.move(5, 700);
    await waitForMapIdle(page);
    const colourAfter = await mapPixel(page, probe.x, probe.y);
    expect(same(colourAfter, colourBefore)).toBe(false);
    const legend = (await page.$$eval('[aria-labelledby="coverage-legend-title"] li .swatch', (els) =>
      els.map((el) => (getComputedStyle(el).backgroundColor.match(/\d+/g) ?? []).slice(0, 3).map(Number)),
    )) as Rgb[];
    expect(legend.some((c) => same(c, colourBefore, 8))).toBe(true);
    expect(legend.some((c) => same(c, colourAfter, 8))).toBe(true);
    await saveScreenshot(page, 'editing-saved-1280');
    expect(client.problems).toEqual([]);

    // My programmes lists it.
    await page.click('#edit-back');
    expect(await page.textContent('#my-programmes')).toContain(title);
  });

  it('previews an upload with a bad pcode: the row and its problem, and commits nothing', async () => {
    const org = (await api<{ id: number; name: string }[]>('/api/organisations')).find(
      (o) => o.id === organisationId,
    )!;
    const code = unique('fixture-upload');
    const csv = [
      'Programme ID,Organisation,Sector,Activity,Hromada pcode,Start,End',
      '#meta+id,#org+name,#sector,#activity+name,#adm3+code,#date+start,#date+end',
      `${code},${org.name},Health,FIXTURE upload,UA6312027,2025-01-01,2025-12-31`,
      `${code},${org.name},Health,FIXTURE upload,UA0000000,2025-01-01,2025-12-31`,
    ].join('\n');
    // What the API itself says about the file: the expected rows and errors.
    const { call, createFixtureSession } = await import('../support/factories.ts');
    const session = await createFixtureSession(server.test.database.db, editor.id);
    const expected = await call<{ errors: { row: number; field: string | null }[] }>(
      server.test.app,
      session,
      'POST',
      '/api/programmes/import?mode=preview',
      { body: csv },
    );
    expect(expected.status).toBe(200);
    expect(expected.body.errors.length).toBeGreaterThan(0);

    const client = await open('?v=coverage');
    const { page } = client;
    await signIn(page, editor.email, editor.password);
    await page.waitForSelector('#edit-panel');
    await page.click('#open-upload');
    await page.setInputFiles('#upload-file', {
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.waitForSelector('#upload-errors');
    const rows = await page.$$eval('#upload-errors tbody tr', (els) => els.map((e) => Number(e.dataset.row)));
    expect(rows).toEqual(expected.body.errors.map((e) => e.row));
    expect(rows).toContain(4);
    expect(await page.textContent('#upload-errors tbody tr[data-row="4"]')).toContain('UA0000000');
    expect(await page.isDisabled('#upload-commit')).toBe(true);
    await saveScreenshot(page, 'editing-upload-errors-1280');
    // Nothing was written.
    const list = await api<ProgrammeList>(`/api/programmes?organisation=${organisationId}`);
    expect(list.programmes.some((p) => p.code === code)).toBe(false);
    expect(client.problems).toEqual([]);
  });

  it('enters a community-security assessment for the selected hromada', async () => {
    const pcode = 'UA6312027';
    const before = await api<{ id: number }[]>(`/api/assessments?pcode=${pcode}`);
    const client = await open(`?v=coverage&sel=${pcode}`);
    const { page } = client;
    await signIn(page, editor.email, editor.password);
    await page.waitForSelector('#edit-panel');
    await page.click('#open-assessment');
    await page.fill('#af-date', '2031-03-04');
    await page.fill('#af-cohesion_trust', '7');
    await page.fill('#af-police_community', '4.5');
    await page.selectOption('#af-strategy', 'yes');
    await page.click('#assessment-save');
    await page.waitForSelector('#assessment-saved');
    const after = await api<
      {
        id: number;
        assessedOn: string;
        organisationId: number;
        strategyAdopted: boolean;
        scores: Record<string, number | null>;
      }[]
    >(`/api/assessments?pcode=${pcode}`);
    expect(after.length).toBe(before.length + 1);
    const added = after.find((a) => a.assessedOn === '2031-03-04')!;
    expect(added.organisationId).toBe(organisationId);
    expect(added.strategyAdopted).toBe(true);
    expect(added.scores.cohesion_trust).toBe(7);
    expect(added.scores.police_community).toBe(4.5);
    expect(client.problems).toEqual([]);
  });

  it("corrects and then deletes the editor's own assessment, and offers no change to another organisation's", async () => {
    const pcode = 'UA6312027';
    const db = server.test.database.db;
    // FIXTURE: two hand-made assessments in this file's private database copy, one of another organisation.
    const otherOrganisation = await createFixtureOrganisation(db, unique('FIXTURE other org'));
    const theirs = await createFixtureAssessment(db, { organisationId: otherOrganisation, pcode });
    const mine = await createFixtureAssessment(db, { organisationId, pcode });
    const client = await open(`?v=coverage&sel=${pcode}&lang=en`);
    const { page } = client;
    await signIn(page, editor.email, editor.password);
    await page.waitForSelector('#edit-panel');
    await page.click('#open-assessment');
    await page.waitForSelector(`#assessment-list li[data-assessment-id="${mine}"]`);
    expect(await page.$(`li[data-assessment-id="${theirs}"] .assessment-edit`)).toBeNull();

    // Correct: the form comes prefilled with the saved scores; one changed, one cleared, one added.
    await page.click(`li[data-assessment-id="${mine}"] .assessment-edit`);
    expect(await page.inputValue('#af-cohesion_trust')).toBe('5');
    await page.fill('#af-cohesion_trust', '');
    await page.fill('#af-idp_legal', '6.5');
    await page.click('#assessment-save');
    await page.waitForSelector('#assessment-saved');
    const corrected = (
      await api<{ id: number; scores: Record<string, number | null> }[]>(`/api/assessments?pcode=${pcode}`)
    ).find((a) => a.id === mine)!;
    expect(corrected.scores.cohesion_trust).toBeNull();
    expect(corrected.scores.idp_legal).toBe(6.5);

    // Delete: nothing happens until it is confirmed.
    await page.click(`li[data-assessment-id="${mine}"] .assessment-delete`);
    await page.waitForSelector('#assessment-delete-confirm');
    expect((await api<{ id: number }[]>(`/api/assessments?pcode=${pcode}`)).some((a) => a.id === mine)).toBe(
      true,
    );
    await page.click('#assessment-delete-confirm');
    await page.waitForSelector('#assessment-deleted');
    const after = await api<{ id: number }[]>(`/api/assessments?pcode=${pcode}`);
    expect(after.some((a) => a.id === mine)).toBe(false);
    expect(after.some((a) => a.id === theirs)).toBe(true);
    expect(await page.$(`li[data-assessment-id="${mine}"]`)).toBeNull();
    expect(client.problems).toEqual([]);
  });

  it('fits a phone screen: the editing card in the folded panel', async () => {
    const client = await open('?v=coverage', { width: 400, height: 800 });
    const { page } = client;
    await signIn(page, editor.email, editor.password);
    await page.click('.toggle-controls');
    await page.waitForSelector('#edit-panel');
    await page.click('#new-programme');
    await page.waitForSelector('#programme-form');
    await saveScreenshot(page, 'editing-form-400');
    const box = await page.locator('#edit-panel').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(400);
    expect(client.problems).toEqual([]);
  });
});
