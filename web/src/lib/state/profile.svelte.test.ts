import { describe, expect, it } from 'vitest';
import { fakeApi, settle } from '../testing/fake-api.ts';
import { ProfileState } from './profile.svelte.ts';

describe('ProfileState', () => {
  it('loads the profile of a hromada and closes it', async () => {
    const api = fakeApi();
    const p = new ProfileState(api);
    const loading = p.load('UA6312027');
    expect(p.status).toBe('loading');
    expect(p.pcode).toBe('UA6312027');
    await loading;
    expect(p.status).toBe('ready');
    expect(p.profile?.nameEn).toBe('Kharkivska');
    await p.load(null);
    expect(p.status).toBe('idle');
    expect(p.profile).toBeNull();
  });

  it('does not fetch a profile it already has', async () => {
    const api = fakeApi();
    const p = new ProfileState(api);
    await p.load('UA6312027');
    await p.load(null);
    await p.load('UA6312027');
    expect(api.calls.filter((c) => c.method === 'unit')).toHaveLength(1);
  });

  it('forgets every profile after an edit and reloads the one shown', async () => {
    const api = fakeApi();
    const p = new ProfileState(api);
    await p.load('UA6312027');
    await p.invalidate();
    expect(p.status).toBe('ready');
    expect(p.pcode).toBe('UA6312027');
    expect(api.calls.filter((c) => c.method === 'unit')).toHaveLength(2);
  });

  it('reports an unknown hromada, and retries', async () => {
    const api = fakeApi();
    const p = new ProfileState(api);
    await p.load('UA9999999');
    expect(p.status).toBe('error');
    expect(p.error).toMatchObject({ status: 404, message: 'no unit UA9999999' });
    await p.retry();
    expect(api.calls.filter((c) => c.method === 'unit')).toHaveLength(2);
  });

  it('does not ask again for a hromada that just failed (only retry does)', async () => {
    const api = fakeApi();
    const p = new ProfileState(api);
    await p.load('UA9999999');
    await p.load('UA9999999');
    expect(api.calls.filter((c) => c.method === 'unit')).toHaveLength(1);
  });

  it('shows the last hromada selected when answers arrive out of order', async () => {
    const api = fakeApi();
    api.hold('unit');
    const p = new ProfileState(api);
    const first = p.load('UA9999999');
    const second = p.load('UA6312027');
    api.release();
    await Promise.all([first, second]);
    await settle();
    expect(p.pcode).toBe('UA6312027');
    expect(p.status).toBe('ready');
    expect(p.error).toBeNull();
  });
});
