import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { AssessedState } from '../../state/coverage/assessed.svelte.ts';
import { fakeRoundsApi } from '../../testing/rounds-fixtures.ts';
import WithI18n from '../../testing/WithI18n.svelte';
import AssessedList from './AssessedList.svelte';

async function html(lang: 'uk' | 'en', opts: { empty?: boolean } = {}) {
  const assessed = new AssessedState(fakeRoundsApi(opts));
  await assessed.load();
  const props = { assessed, hovered: null, selected: null, onhover: () => {}, onselect: () => {} };
  return render(WithI18n, { props: { lang, component: AssessedList, props } }).body;
}

describe('AssessedList', () => {
  it('says "0 communities assessed" and why, with no list and no toggle, before any round is imported', async () => {
    const body = await html('en', { empty: true });
    expect(body).toContain('0 communities assessed');
    expect(body).toContain('does not invent any');
    expect(body).not.toContain('assessed-toggle');
    expect(await html('uk', { empty: true })).toContain('Оцінено громад: 0');
  });

  it('lists each community with its rounds, latest round and who made it, and offers the map outline', async () => {
    const body = await html('en');
    expect(body).toContain('2 communities assessed');
    expect(body).toContain('assessed-toggle');
    expect(body.match(/data-pcode=/g)).toHaveLength(2);
    expect(body).toMatch(/Kharkivska.*2 rounds · latest\s+1 Aug 2033 · FIXTURE org/s);
    expect(body).toMatch(/Ahronomichna.*1 round · latest\s+1 May 2032 · imported from a file/s);
  });
});
