import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { ChangeMapState } from '../../state/explore/change-map.svelte.ts';
import { settle } from '../../testing/fake-api.ts';
import { fakeRoundsApi } from '../../testing/rounds-fixtures.ts';
import WithI18n from '../../testing/WithI18n.svelte';
import ChangeKey from './ChangeKey.svelte';

async function html(lang: 'uk' | 'en', opts: { empty?: boolean } = {}) {
  const change = new ChangeMapState(fakeRoundsApi(opts), { today: new Date(Date.UTC(2034, 0, 1)) });
  change.component = 'cohesion_trust';
  change.sync();
  await settle();
  return render(WithI18n, { props: { lang, component: ChangeKey, props: { change, compact: false } } }).body;
}

describe('ChangeKey', () => {
  it('shows the classes, the outline of marked changes and what an unmarked change means', async () => {
    const body = await html('en');
    // The component's one wording (server/model/assessment-components.ts).
    expect(body).toContain('Change: Community cohesion and trust');
    expect(body.match(/class="swatch outline/g)).toHaveLength(1);
    expect(body).toContain('Change whose 95 % interval excludes zero (1)');
    expect(body).toContain('3 communities with two rounds; 1 change whose interval excludes zero.');
    expect(body).toContain('about one in twenty unchanged communities is marked by chance');
  });

  it('says "no two rounds" with a count of 0 when no round was imported', async () => {
    const body = await html('uk', { empty: true });
    expect(body).toContain('Громад із двома раундами: 0;');
    expect(body).toContain('Немає двох раундів');
  });
});
