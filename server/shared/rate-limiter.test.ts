import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';

describe('RateLimiter', () => {
  it('allows `limit` events per window and key, then says how long to wait', () => {
    const limiter = new RateLimiter(3, 1000);
    expect([0, 100, 200].map((t) => limiter.hit('a', t))).toEqual([0, 0, 0]);
    expect(limiter.hit('a', 300)).toBe(700);
    expect(limiter.hit('b', 300)).toBe(0);
    // The first event leaves the window at 1000: one more is allowed.
    expect(limiter.hit('a', 1001)).toBe(0);
    expect(limiter.hit('a', 1002)).toBeGreaterThan(0);
  });

  it('keeps at most maxKeys keys', () => {
    const limiter = new RateLimiter(1, 1000, 2);
    limiter.hit('a', 0);
    limiter.hit('b', 0);
    limiter.hit('c', 0);
    // "a" was forgotten, so it is allowed again; "c" is remembered.
    expect(limiter.hit('a', 1)).toBe(0);
    expect(limiter.hit('c', 1)).toBeGreaterThan(0);
  });
});

describe('RateLimiter.wait and reset', () => {
  it('tells the wait without recording, and forgets a key on reset', () => {
    const limiter = new RateLimiter(2, 1000);
    expect(limiter.wait('a', 0)).toBe(0);
    limiter.hit('a', 0);
    limiter.hit('a', 10);
    // Peeking twice records nothing: the wait only shrinks with time.
    expect(limiter.wait('a', 20)).toBe(980);
    expect(limiter.wait('a', 30)).toBe(970);
    limiter.reset('a');
    expect(limiter.wait('a', 30)).toBe(0);
  });
});
