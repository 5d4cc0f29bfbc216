import { describe, expect, it } from 'vitest';
import { CHANGE_COLOURS } from '../../map/change-classes.ts';
import { NO_DATA_COLOUR } from '../../map/palettes.ts';
import { settle } from '../../testing/fake-api.ts';
import { fakeRoundsApi } from '../../testing/rounds-fixtures.ts';
import { ChangeMapState, formatChange, parseChangeParams } from './change-map.svelte.ts';

const TODAY = new Date(Date.UTC(2034, 1, 10));

async function setup(opts: { empty?: boolean } = {}) {
  const api = fakeRoundsApi(opts);
  const change = new ChangeMapState(api, { today: TODAY });
  const sync = async () => {
    change.sync();
    await settle();
  };
  return { api, change, sync };
}

describe('ChangeMapState', () => {
  it('is off until a component is chosen, with dates a year apart ending today', async () => {
    const { api, change, sync } = await setup();
    await sync();
    expect([change.active, change.from, change.to]).toEqual([false, '2033-02-10', '2034-02-10']);
    expect(api.calls).toEqual([]);
    expect(change.choropleth).toBeNull();
    expect(change.legend('en')).toBeNull();
  });

  it('colours each community by its change and outlines only those whose interval excludes zero', async () => {
    const { api, change, sync } = await setup();
    change.component = 'cohesion_trust';
    await sync();
    expect(api.calls).toEqual([
      { method: 'changes', args: [{ component: 'cohesion_trust', from: '2033-02-10', to: '2034-02-10' }] },
    ]);
    expect([...change.choropleth!.classOf]).toEqual([
      ['UA6312027', 4],
      ['UA6312001', 3],
      ['UA0502001', 0],
    ]);
    expect([...change.marked]).toEqual(['UA6312027']);
    const line = change.describe('UA6312027', 'en')!;
    expect(line.value).toBe('+3.0 (95 %: +2.2 … +3.9)');
    expect(line.detail).toContain('interval excludes zero');
    expect(line.swatch).toBe(CHANGE_COLOURS[4]);
    expect(change.describe('UA0502001', 'uk')!.value).toBe('−3,0 (без інтервалу)');
    expect(change.describe('UA6312005', 'en')).toMatchObject({
      value: 'no two rounds',
      swatch: NO_DATA_COLOUR,
    });
  });

  it('gives a legend with the counts, the marked outline and what it does not mean', async () => {
    const { change, sync } = await setup();
    change.component = 'police_community';
    await sync();
    const legend = change.legend('en')!;
    expect(legend.title).toBe('Change: Police–community cooperation');
    expect(legend.entries.map((e) => e.label)).toEqual([
      'fall of 2 or more (1)',
      'fall of 0.5–2 (0)',
      'little change (±0.5) (0)',
      'rise of 0.5–2 (1)',
      'rise of 2 or more (1)',
      'no two rounds',
    ]);
    expect(legend.overlays![0]!.entries[0]).toMatchObject({
      swatch: 'line',
      label: expect.stringContaining('(1)'),
    });
    expect(legend.overlays![0]!.note).toContain('multiple comparisons');
    expect(legend.sources).toEqual(['3 communities with two rounds; 1 change whose interval excludes zero.']);
  });

  it('says 0 communities with two rounds when no round was imported, and draws nothing', async () => {
    const { change, sync } = await setup({ empty: true });
    change.component = 'cohesion_trust';
    await sync();
    expect(change.data!.communitiesWithTwoRounds).toBe(0);
    expect(change.choropleth!.classOf.size).toBe(0);
    expect(change.legend('uk')!.sources[0]).toMatch(/^Громад із двома раундами: 0;/);
  });

  it('does not ask while date B is not after date A', async () => {
    const { api, change, sync } = await setup();
    change.component = 'cohesion_trust';
    change.from = '2034-03-01';
    await sync();
    expect(change.outOfOrder).toBe(true);
    expect(api.calls).toEqual([]);
    expect(change.data).toBeNull();
  });

  it('opens as a link left it, and puts its keys in the link only while on', async () => {
    const { change } = await setup();
    expect(change.query).toEqual({});
    change.component = 'idp_youth';
    expect(change.query).toEqual({ chg: 'idp_youth', cf: '2033-02-10', ct: '2034-02-10' });
    const opened = new ChangeMapState(fakeRoundsApi(), {
      today: TODAY,
      search: '?v=explore&chg=police_community&cf=2031-01-01&ct=2032-06-30',
    });
    expect([opened.component, opened.from, opened.to]).toEqual([
      'police_community',
      '2031-01-01',
      '2032-06-30',
    ]);
    expect(parseChangeParams('?chg=nope&cf=2031-02&ct=x')).toEqual({ component: null, from: null, to: null });
  });

  it('signs changes with a true minus and rounds tiny ones to plain zero', () => {
    expect([formatChange(1.25, 'uk'), formatChange(-0.3, 'en'), formatChange(0.01, 'en')]).toEqual([
      '+1,3',
      '−0.3',
      '0.0',
    ]);
  });
});
