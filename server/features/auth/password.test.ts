import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from './password.ts';

// Small N keeps the unit tests fast; the encoding and the comparison are the same at any cost.
const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('scrypt password hashes', () => {
  it('encodes the parameters, a 16-byte salt and a 32-byte key, and verifies only the right password', async () => {
    const encoded = await hashPassword('correct horse battery staple', FAST);
    const [scheme, N, r, p, salt, key] = encoded.split('$');
    expect([scheme, N, r, p]).toEqual(['scrypt', '1024', '8', '1']);
    expect(Buffer.from(salt!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64url')).toHaveLength(32);
    expect(await verifyPassword('correct horse battery staple', encoded)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', encoded)).toBe(false);
    expect(await verifyPassword('', encoded)).toBe(false);
  });

  it('salts every hash: the same password twice gives two different hashes', async () => {
    const a = await hashPassword('the same password', FAST);
    const b = await hashPassword('the same password', FAST);
    expect(a).not.toBe(b);
    expect(await verifyPassword('the same password', b)).toBe(true);
  });

  it('treats Unicode compositions of one password alike (NFKC)', async () => {
    const composed = 'пароль-ї-довгий'; // ї as one code point
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(decomposed, await hashPassword(composed, FAST))).toBe(true);
  });

  it('refuses malformed or out-of-bounds hashes instead of throwing or running for minutes', async () => {
    const good = await hashPassword('correct horse battery staple', FAST);
    const parts = good.split('$');
    for (const bad of [
      '',
      'plain-text',
      `bcrypt$${parts.slice(1).join('$')}`,
      ['scrypt', 2 ** 24, 8, 1, parts[4], parts[5]].join('$'),
      ['scrypt', 1000, 8, 1, parts[4], parts[5]].join('$'),
      ['scrypt', 1024, 8, 1, 'c2hvcnQ', parts[5]].join('$'),
      ['scrypt', 1024, 8, 1, parts[4], 'c2hvcnQ'].join('$'),
    ]) {
      expect(await verifyPassword('correct horse battery staple', bad), bad).toBe(false);
    }
  });

  it('asks for a re-hash when the stored parameters are weaker than the current ones', async () => {
    const weak = await hashPassword('correct horse battery staple', FAST);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(weak, FAST)).toBe(false);
    expect(needsRehash('garbage')).toBe(true);
  });

  it('asks for length, not symbols', () => {
    expect(passwordProblem('short')).toMatch(/at least 12/);
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toMatch(/repetitive/);
    expect(passwordProblem('x'.repeat(1025))).toMatch(/at most 1024/);
    expect(passwordProblem('correct horse battery staple')).toBeNull();
  });
});
