import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountWebClient } from '../../server/web-client.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue #14, item 13 ("`/no/such/page` answers 200 with the app": a real 404) and item 11 (the methodology as
// a page of the product, not the file name "docs/methodology.md").

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  mountWebClient(t.app);
});
afterAll(async () => {
  await t?.close();
});

const get = (path: string, headers: Record<string, string> = {}) => t.app.request(path, { headers });

describe('unknown paths', () => {
  it('answer 404 with a page in the reader’s language, linking to the map and the methodology', async () => {
    const uk = await get('/no/such/page');
    expect(uk.status).toBe(404);
    expect(uk.headers.get('content-type')).toMatch(/text\/html/);
    const ukHtml = await uk.text();
    expect(ukHtml).toContain('<html lang="uk">');
    expect(ukHtml).toContain('Сторінку не знайдено');
    expect(ukHtml).toContain('/no/such/page');
    expect(ukHtml).toContain('href="/methodology"');

    const en = await get('/no/such/page?lang=en');
    expect(en.status).toBe(404);
    const enHtml = await en.text();
    expect(enHtml).toContain('<html lang="en">');
    expect(enHtml).toContain('Page not found');
    expect(enHtml).toContain('href="/methodology?lang=en"');

    const byBrowser = await get('/nowhere', { 'Accept-Language': 'en-GB,en;q=0.9,uk;q=0.5' });
    expect(await byBrowser.text()).toContain('Page not found');
  });

  it('escape the path they name', async () => {
    const res = await get('/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('<script>');
  });

  it('under /api and /tiles answer the API’s JSON 404', async () => {
    for (const path of ['/api/unknown', '/api', '/tiles/nothing/here']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      const body = (await res.json()) as { error: { code: string } };
      expect(body.error.code, path).toBe('NOT_FOUND');
    }
  });

  it('leave the client’s own route and the API alone', async () => {
    expect((await get('/')).status).toBe(200);
    expect((await get('/?v=coverage&lang=en')).status).toBe(200);
    expect((await get('/api/health')).status).toBe(200);
  });
});

describe('GET /methodology', () => {
  it('renders docs/methodology.md with a Ukrainian summary on top, headings linkable', async () => {
    const res = await get('/methodology');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="uk">');
    const summary = html.indexOf('Коротко українською');
    const fullText = html.indexOf('id="coverage-and-gap"');
    expect(summary).toBeGreaterThan(0);
    expect(fullText).toBeGreaterThan(summary);
    // The English text is marked as English for screen readers inside the Ukrainian page.
    expect(html).toContain('<div lang="en">');
    // GitHub tables become HTML tables, not pipes.
    expect(html).toContain('<table>');
    expect(html).not.toMatch(/^\|/m);
    expect(html).toContain('id="spatial-statistics"');
    expect(html).toContain('id="uncertainty"');
  });

  it('in English has no Ukrainian summary', async () => {
    const html = await (await get('/methodology?lang=en')).text();
    expect(html).toContain('<html lang="en">');
    expect(html).not.toContain('Коротко українською');
    expect(html).toContain('<h1>Methodology</h1>');
  });
});
