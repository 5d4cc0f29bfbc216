// Password hashing with scrypt from node:crypto (RFC 7914): memory-hard, so each guess at a stolen hash costs
// memory as well as time; no native dependency to install. Parameters: N=2^15, r=8, p=3, one of the settings
// the OWASP Password Storage Cheat Sheet lists as equal in strength to its minimum (N=2^17, r=8, p=1), at a
// quarter of the memory (32 MiB instead of 128 MiB per hash, so that a burst of sign-ins cannot exhaust a
// small server). Measured here: about 0.24 s per hash on a shared 2-core machine (docs/accounts.md).
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
export const MIN_PASSWORD_LENGTH = 12;
// Long enough for any passphrase; short enough that hashing it is not a denial of service.
export const MAX_PASSWORD_LENGTH = 1024;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; node's default maxmem (32 MiB) is exactly N=2^15, r=8: leave headroom.
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url: the parameters travel with the hash. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

interface Decoded {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function decode(encoded: string): Decoded | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // Bounds keep a corrupted or planted row from making one verification take minutes or gigabytes.
  const valid =
    Number.isInteger(Math.log2(N)) && N >= 2 ** 10 && N <= 2 ** 20 && r >= 1 && r <= 32 && p >= 1 && p <= 16;
  if (!valid) return null;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const key = Buffer.from(parts[5]!, 'base64url');
  if (salt.length < 16 || key.length !== KEY_BYTES) return null;
  return { params: { N, r, p }, salt, key };
}

/** Whether the password matches; false for any malformed hash (never throws on bad input). */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const decoded = decode(encoded);
  if (!decoded || password.length > MAX_PASSWORD_LENGTH) return false;
  const key = await derive(password, decoded.salt, decoded.params);
  return timingSafeEqual(key, decoded.key);
}

/** True when the hash was made with weaker parameters than today's: re-hash it at the next sign-in. */
export function needsRehash(encoded: string, params: ScryptParams = DEFAULT_SCRYPT): boolean {
  const decoded = decode(encoded);
  return (
    !decoded || decoded.params.N < params.N || decoded.params.r < params.r || decoded.params.p < params.p
  );
}

/** Why a new password is refused, or null. Length is what matters (NIST SP 800-63B §3.1.1.2), not symbols. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  if (new Set(password).size < 4) return 'is too repetitive';
  return null;
}
