import { describe, expect, it } from 'vitest';
import { hasChromium } from '../support/browser.ts';
import { clientInBrowser } from '../support/web-client.ts';

// Issue #14 item 3: the profile showed the index's score but not the dimensions and components the scores API
// returns, and nowhere said that a whole dimension had no data. The tree must show every dimension of the
// model with the unit's value or "no data", and explain confidence and the rank band in a disclosure.

const PCODE = 'UA6312027';

interface Definition {
  dimensions: { id: string; name: { en: string }; components: { id: string }[] }[];
}
interface FullScores {
  units: { pcode: string; dimensions: Record<string, number | null> }[];
}

describe.skipIf(!hasChromium())('the index tree in the profile (issue #14, item 3)', () => {
  const env = clientInBrowser();

  it('shows each dimension with its value or "no data", and a touch-readable explanation', async () => {
    const def = (await env.server.test.getJson<Definition>('/api/models/cpi')).body;
    const scores = (
      await env.server.test.getJson<FullScores>('/api/models/cpi/scores?fields=full&bands=false')
    ).body;
    const row = scores.units.find((u) => u.pcode === PCODE)!;

    const c = await env.open(`/?sel=${PCODE}&lang=en`);
    const dims = c.page.locator('#profile-index-tree .dims > li');
    await dims.first().waitFor();
    expect(await dims.count()).toBe(def.dimensions.length);
    for (const [i, d] of def.dimensions.entries()) {
      const text = await dims.nth(i).textContent();
      expect(text).toContain(d.name.en);
      expect(await dims.nth(i).locator('.comps > li').count()).toBe(d.components.length);
      if (row.dimensions[d.id] === null) expect(text).toContain('has no data at all');
      else expect(text).not.toContain('has no data at all');
    }
    const explain = c.page.locator('#profile-index-tree details');
    expect(await explain.locator('p').first().isVisible()).toBe(false);
    await explain.locator('summary').click();
    expect(await explain.textContent()).toContain('rank band');
    expect(await explain.locator('p').first().isVisible()).toBe(true);
    expect(c.problems).toEqual([]);
  });
});
