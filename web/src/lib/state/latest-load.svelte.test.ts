import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/index.ts';
import { LatestLoad } from './latest-load.svelte.ts';

describe('LatestLoad', () => {
  it('lets a newer run win over an older one still in flight', async () => {
    const load = new LatestLoad();
    const applied: string[] = [];
    let release: (v: string) => void = () => {};
    const slow = load.run(
      () => new Promise<string>((r) => (release = r)),
      (v) => applied.push(v),
    );
    await load.run(
      async () => 'fast',
      (v) => applied.push(v),
    );
    release('slow');
    await slow;
    expect([load.status, applied]).toEqual(['ready', ['fast']]);
  });

  it('says why a run failed, and cancels the rest of it', async () => {
    const load = new LatestLoad();
    let other: AbortSignal | null = null;
    let failed = false;
    await load.run(
      (signal) => {
        other = signal;
        return Promise.reject(new ApiError(503, 'DATABASE_UNAVAILABLE', 'busy', '/api/x'));
      },
      () => {},
      () => (failed = true),
    );
    expect([load.status, load.error?.message, failed, other!.aborted]).toEqual(['error', 'busy', true, true]);
    load.clear();
    expect([load.status, load.error]).toEqual(['idle', null]);
  });
});
