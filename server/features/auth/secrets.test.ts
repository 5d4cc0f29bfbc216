import { describe, expect, it } from 'vitest';
import { displayPrefix, newApiToken, newSecret, safeEqual, sha256Hex } from './secrets.ts';

describe('secrets', () => {
  it('are 256 random bits in base64url, different every time', () => {
    const a = newSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(newSecret()).not.toBe(a);
  });

  it('API tokens carry a recognisable prefix; a list shows only their first characters', () => {
    const token = newApiToken();
    expect(token).toMatch(/^hat_[A-Za-z0-9_-]{43}$/);
    expect(displayPrefix(token)).toBe(token.slice(0, 10));
  });

  it('are stored as SHA-256 hex and compared in constant time', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
