import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url (43 characters): session cookies, CSRF tokens and API tokens. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Secrets are stored only as their SHA-256: a copy of the database cannot be used to sign in. A fast hash is
 * enough here (unlike passwords): 256 random bits cannot be guessed, however fast each guess is.
 */
export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A recognisable prefix, so that secret scanners and people can tell an Atlas token when they see one. */
export const API_TOKEN_PREFIX = 'hat_';

export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${newSecret()}`;
}

/** What a token list shows of a secret: enough to tell tokens apart, far too little to use. */
export function displayPrefix(token: string): string {
  return token.slice(0, API_TOKEN_PREFIX.length + 6);
}

/** Constant-time string comparison (the length is not secret). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
