import { describe, expect, it } from 'vitest';
import type { Coverage3w, ProgrammeQuery } from '../../api/coverage.ts';
import { ApiError } from '../../api/errors.ts';
import { fakeCoverageApi } from '../../testing/coverage-fixtures.ts';
import { fakeApi } from '../../testing/fake-api.ts';
import { CatalogueState } from '../catalogue.svelte.ts';
import { UnitIndexState } from '../unit-index.svelte.ts';
import { ViewState } from '../view.svelte.ts';
import { CoverageState } from './coverage.svelte.ts';

// Issue #14, item 7: the 3W figures load with the list's filters, and their failure leaves the list alone.
// FIXTURE answer, made by hand.
const ANSWER: Coverage3w = {
  pivot: [
    {
      organisation: 'FIXTURE org',
      organisationUk: null,
      sector: 'Health',
      oblastPcode: 'UA63',
      oblastNameUk: null,
      oblastNameEn: null,
      programmes: 1,
      communities: 2,
      sites: 2,
      reached: null,
      sitesReachKnown: 0,
    },
  ],
  totals: { programmes: 1, organisations: 1, communities: 2, sites: 2, reached: null, sitesReachKnown: 0 },
  timeline: [{ month: '2024-01', programmes: 1, sites: 2 }],
};

async function setup(search: string, answer: () => Promise<Coverage3w>) {
  const atlas = fakeApi();
  const api = fakeCoverageApi();
  const asked: ProgrammeQuery[] = [];
  api.coverage3w = (q) => {
    asked.push(q);
    return answer();
  };
  const view = ViewState.fromSearch(search);
  const catalogue = new CatalogueState(atlas);
  const units = new UnitIndexState(atlas);
  await Promise.all([catalogue.load(), units.load()]);
  const state = new CoverageState({ api, view, catalogue, units, search, today: () => '2026-11-21' });
  return { state, asked };
}

describe('CoverageState 3W', () => {
  it('loads the pivot with the view filters and again when they change', async () => {
    const { state, asked } = await setup('?v=coverage&csec=Health&cfrom=2016', async () => ANSWER);
    await state.activate();
    expect(asked).toEqual([{ sector: 'Health', activeFrom: '2016-01-01' }]);
    expect(state.threeW?.totals.reached).toBeNull();
    await state.set({ sector: null });
    expect(asked.at(-1)).toEqual({ activeFrom: '2016-01-01' });
    // The map mode is not a filter: nothing reloads.
    await state.set({ mode: 'gap' });
    expect(asked).toHaveLength(2);
  });

  it('keeps a failure to itself: the list still loads', async () => {
    const { state } = await setup('?v=coverage', () =>
      Promise.reject(new ApiError(500, 'INTERNAL', 'boom', '/coverage/3w')),
    );
    await state.activate();
    expect(state.threeWStatus).toBe('error');
    expect(state.listStatus).toBe('ready');
    expect(state.threeW).toBeNull();
  });
});
