import type { Context } from 'hono';
import type { AppEnv } from './app-env.ts';
import { memoizeFor, sendPrecompressed, type Precompressed } from './http-cache.ts';

// One recipe for the resources built once per data version (layers, occupied areas, indicators, tiles;
// issue #5): the version read at most once per interval, the body sent with its strong ETag, and a
// Cache-Control that lets a URL pinned to the current version be kept for good.

/** A URL pinned to the current version never changes: CDNs and browsers may keep it. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** An unpinned boundary layer or snapshot may be an hour old: a client pins `v` to see an import at once. */
export const HOUR = 'public, max-age=3600';

/** What a request pinned (its `v`, undefined when none) and what is current, in the same terms. */
export interface Pin {
  requested: string | undefined;
  current: string;
}

/**
 * Immutable when the request names the current version; `unpinned` when it names none; else no-cache: a URL
 * pinned to an older version gets today's body, which must not be kept under the old URL.
 */
export function cacheControlOf(pin: Pin | undefined, unpinned: string): string {
  if (pin?.requested === undefined) return unpinned;
  return pin.requested === pin.current ? IMMUTABLE : 'no-cache';
}

export interface VersionedSendOptions {
  contentType: string;
  /** Cache-Control when the request pins no version. */
  unpinned: string;
  pin?: Pin;
  /** Answer 204 with no body when the body is empty (Martin does so for empty tiles). */
  emptyIsNoContent?: boolean;
}

/** Sends a body built for one version: ETag, 304 when current, Cache-Control by its pin. */
export function sendVersioned(
  c: Context<AppEnv>,
  body: Precompressed,
  options: VersionedSendOptions,
): Response {
  return sendPrecompressed(c, body, {
    contentType: options.contentType,
    cacheControl: cacheControlOf(options.pin, options.unpinned),
    emptyIsNoContent: options.emptyIsNoContent,
  });
}

export interface VersionClockOptions {
  /** How long a read version is trusted: an import shows within this time. */
  ttlMs?: number;
  /** The part of the version the resources depend on (e.g. imports only, not programme edits). */
  versionOf?: (version: string) => string;
}

/**
 * The current version of one feature's resources, read at most once per `ttlMs` (asking the database on every
 * request would cost more than serving a cached body; issue #5, B2), and pins in its terms.
 */
export function versionClock(load: () => Promise<string>, options: VersionClockOptions = {}) {
  const read = memoizeFor(options.ttlMs ?? 1000, load);
  const versionOf = options.versionOf ?? ((version: string) => version);
  return {
    current: async (): Promise<string> => versionOf(await read()),
    /** The pin of a request's `v` against the current version. */
    pin: (requested: string | undefined, current: string): Pin => ({
      requested: requested === undefined ? undefined : versionOf(requested),
      current,
    }),
  };
}

export type VersionClock = ReturnType<typeof versionClock>;
