import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../testing/fake-api.ts';
import { DateChangeState, defaultFromDate } from './date-change.svelte.ts';

describe('DateChangeState', () => {
  it('compares the default date A with now when the URL names no date A, not now with now', async () => {
    const api = fakeApi();
    const state = new DateChangeState(api, () => 'cpi', '?chm=dates');
    expect(state.from).toBe('');
    await state.load({ model: 'cpi', from: '', to: '' });
    const dates = (await api.modelDates('cpi')).dates;
    const first = defaultFromDate(dates);
    expect(first).not.toBe('');
    const asked = api.calls.filter((c) => c.method === 'scores').map((c) => c.args[2] ?? 'now');
    expect(asked).toContain(first);
    expect(state.legend('en', 'CPI')?.subtitle).toContain(first.slice(0, 4));
  });

  it('takes the first occupied-area snapshot as date A, else the first date', () => {
    expect(
      defaultFromDate([
        { date: '2023-01-01', kinds: ['budget_year'] },
        { date: '2023-07-25', kinds: ['occupied_area'] },
      ]),
    ).toBe('2023-07-25');
    expect(defaultFromDate([{ date: '2023-01-01', kinds: ['budget_year'] }])).toBe('2023-01-01');
    expect(defaultFromDate([])).toBe('');
  });
});
