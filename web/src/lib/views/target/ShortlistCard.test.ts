import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { TargetingResult } from '../../api/target.ts';
import { CatalogueState } from '../../state/catalogue.svelte.ts';
import { TargetState } from '../../state/target/target.svelte.ts';
import { UnitIndexState } from '../../state/unit-index.svelte.ts';
import { ViewState } from '../../state/view.svelte.ts';
import { fakeApi, settle } from '../../testing/fake-api.ts';
import { fakeTargetApi } from '../../testing/target-fake-api.ts';
import WithI18n from '../../testing/WithI18n.svelte';
import ShortlistCard from './ShortlistCard.svelte';

/** The card after a search whose answer is `patch` over the fake's exact, optimal shortlist. */
async function html(lang: 'uk' | 'en', patch: Partial<TargetingResult>) {
  const api = fakeTargetApi();
  const exact = api.target;
  api.target = async (req, signal) => ({ ...(await exact(req, signal)), ...patch });
  const atlas = fakeApi();
  const catalogue = new CatalogueState(atlas);
  await catalogue.load();
  const search = '?v=target&tm=cpi';
  const target = new TargetState({
    api,
    view: ViewState.fromSearch(search),
    catalogue,
    units: new UnitIndexState(atlas),
    search,
  });
  await target.activate();
  await target.findShortlist();
  await settle();
  const props = {
    state: target,
    hovered: null,
    selected: null,
    oblastName: (p: string) => p,
    onhover: () => {},
    onselect: () => {},
    part: 'result',
  };
  return render(WithI18n, { props: { lang, component: ShortlistCard, props } }).body;
}

describe('ShortlistCard', () => {
  it('badges an exact answer optimal, with no fallback sentence', async () => {
    const body = await html('en', {});
    expect(body).toContain('>Optimal<');
    expect(body).not.toContain('id="target-fallback"');
  });

  it('labels the greedy preview given for a problem too large for the exact solver, in both languages', async () => {
    const fallback = { cause: 'size' as const, limit: 50_000, candidates: 180_000 };
    const patch = {
      method: 'greedy-preview' as const,
      optimal: false,
      status: 'feasible' as const,
      fallback,
    };
    const en = await html('en', patch);
    expect(en).toContain('Approximate (greedy), not proven optimal');
    expect(en).toContain('takes at most 50,000 communities and 180,000 are candidates');
    const uk = await html('uk', patch);
    expect(uk).toContain('Наближено (жадібний алгоритм)');
    expect(uk).toMatch(/щонайбільше 50\s000 громад, а кандидатів 180\s000/);
  });

  it('says how long the exact solver had when it ran out of time', async () => {
    const patch = {
      method: 'greedy-preview' as const,
      optimal: false,
      status: 'feasible' as const,
      fallback: { cause: 'time' as const, limit: 20 },
    };
    expect(await html('en', patch)).toContain('found no list within 20 s');
    expect(await html('uk', patch)).toContain('не знайшов списку за 20 с');
  });
});
