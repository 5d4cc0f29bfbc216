import { describe, expect, it } from 'vitest';
import { cacheControlOf, HOUR, IMMUTABLE } from './versioned-resource.ts';

describe('cacheControlOf', () => {
  it('keeps a URL pinned to the current version for good, and no URL pinned to an older one', () => {
    expect(cacheControlOf({ requested: 'b7', current: 'b7' }, HOUR)).toBe(IMMUTABLE);
    expect(cacheControlOf({ requested: 'b6', current: 'b7' }, HOUR)).toBe('no-cache');
  });

  it('uses the unpinned policy when the request names no version', () => {
    expect(cacheControlOf({ requested: undefined, current: 'b7' }, HOUR)).toBe(HOUR);
    expect(cacheControlOf(undefined, 'no-cache')).toBe('no-cache');
  });
});
