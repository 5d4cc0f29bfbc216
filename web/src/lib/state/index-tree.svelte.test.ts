import { describe, expect, it } from 'vitest';
import { buildIndexTree } from '../domain/index-tree.ts';
import { fakeApi, PROFILE } from '../testing/fake-api.ts';
import { IndexTreeState } from './index-tree.svelte.ts';

describe('IndexTreeState', () => {
  it('fetches the definition and the full scores of a model once, and builds a profile tree from them', async () => {
    const api = fakeApi();
    const s = new IndexTreeState(api);
    await s.load({ modelId: 'cpi', pcode: PROFILE.pcode, asOf: null });
    expect(s.status).toBe('ready');
    await s.load({ modelId: 'cpi', pcode: PROFILE.pcode, asOf: null });
    expect(api.calls.filter((c) => c.method === 'scoresFull')).toHaveLength(1);
    expect(api.calls.filter((c) => c.method === 'modelDefinition')).toHaveLength(1);
    // One unit's row (the pcode filter), and its trend for the sparklines.
    expect(api.calls.find((c) => c.method === 'scoresFull')!.args).toEqual(['cpi', PROFILE.pcode, undefined]);
    expect([...s.data!.rows.keys()]).toEqual([PROFILE.pcode]);
    expect(s.data!.trend?.points.length).toBeGreaterThan(1);
    const row = s.data!.rows.get(PROFILE.pcode)!;
    const tree = buildIndexTree(s.data!.model, row, { hasValue: () => true, trends: [] });
    // FIXTURE: pressure has a value, social fragility none at all.
    expect(tree.children.map((d) => [d.name.en, d.value, d.missing])).toEqual([
      ['Pressure', 2.4, 0],
      ['Social fragility', null, 1],
    ]);
  });

  it('forgets the breakdown after an edit and fetches the one shown again', async () => {
    const api = fakeApi();
    const s = new IndexTreeState(api);
    await s.load({ modelId: 'cpi', pcode: PROFILE.pcode, asOf: null });
    await s.invalidate();
    expect(s.status).toBe('ready');
    expect(api.calls.filter((c) => c.method === 'scoresFull')).toHaveLength(2);
  });
});
