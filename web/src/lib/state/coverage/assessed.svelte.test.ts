import { describe, expect, it } from 'vitest';
import { settle } from '../../testing/fake-api.ts';
import { fakeRoundsApi } from '../../testing/rounds-fixtures.ts';
import { AssessedState } from './assessed.svelte.ts';

describe('AssessedState', () => {
  it('counts 0 communities assessed, outlining none, while no round was ever imported', async () => {
    const assessed = new AssessedState(fakeRoundsApi({ empty: true }));
    await assessed.load();
    expect(assessed.data!.communitiesAssessed).toBe(0);
    expect(assessed.pcodes.size).toBe(0);
  });

  it('lists the assessed communities and the pcodes the map outlines', async () => {
    const assessed = new AssessedState(fakeRoundsApi());
    await assessed.load();
    expect(assessed.data!.communitiesAssessed).toBe(2);
    expect([...assessed.pcodes]).toEqual(['UA6312027', 'UA0502001']);
    expect(assessed.shown).toBe(false);
  });

  it('asks once, and again after reload (an import changes the list)', async () => {
    const api = fakeRoundsApi();
    const assessed = new AssessedState(api);
    await assessed.load();
    await assessed.load();
    expect(api.calls.filter((c) => c.method === 'communities')).toHaveLength(1);
    await assessed.reload();
    await settle();
    expect(api.calls.filter((c) => c.method === 'communities')).toHaveLength(2);
  });

  it('says why when the list does not load', async () => {
    const api = fakeRoundsApi();
    api.fail('communities', new Error('offline'));
    const assessed = new AssessedState(api);
    await assessed.load();
    expect(assessed.status).toBe('error');
    expect(assessed.data).toBeNull();
  });
});
