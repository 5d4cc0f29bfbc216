import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Context } from 'hono';
import type { AppEnv } from './app-env.ts';
import { respond } from './request-context.ts';

// HTTP caching shared by the layers and tiles features (issue #5): bodies built once per data version,
// compressed once (gzip and brotli), validated with strong ETags, and kept in a bounded in-memory cache.

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

export type ContentCoding = 'br' | 'gzip' | 'identity';

/** One body in every coding we serve, compressed once; a coding is absent when it would not be smaller. */
export interface Precompressed {
  readonly identity: Uint8Array;
  readonly gzip?: Uint8Array;
  readonly br?: Uint8Array;
  /** The entity tag of the identity body (quoted). Each coding gets its own strong tag derived from it. */
  readonly etag: string;
  /** Bytes held: all codings together. */
  readonly bytes: number;
}

export interface PrecompressOptions {
  /** Brotli quality 0–11: 11 for bodies built once per data version, lower for many small ones. */
  brotliQuality?: number;
  gzipLevel?: number;
  /** Below this size compression is not worth a round of CPU (and can make the body larger). */
  threshold?: number;
}

/** A strong validator: the SHA-256 of the body, base64url, quoted. */
export function strongEtag(body: Uint8Array | string): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

/**
 * Compresses a body once, in the libuv thread pool (zlib's async API), so that serving it later costs no
 * CPU per request.
 */
export async function precompress(
  body: Uint8Array | string,
  options: PrecompressOptions = {},
): Promise<Precompressed> {
  const identity = typeof body === 'string' ? new Uint8Array(Buffer.from(body)) : body;
  const etag = strongEtag(identity);
  if (identity.byteLength < (options.threshold ?? 512)) {
    return { identity, etag, bytes: identity.byteLength };
  }
  const [gz, br] = await Promise.all([
    gzip(identity, { level: options.gzipLevel ?? 9 }),
    brotli(identity, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: options.brotliQuality ?? 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.byteLength,
      },
    }),
  ]);
  const smaller = (b: Buffer) => (b.byteLength < identity.byteLength ? new Uint8Array(b) : undefined);
  const out = { identity, gzip: smaller(gz), br: smaller(br), etag };
  return {
    ...out,
    bytes: identity.byteLength + (out.gzip?.byteLength ?? 0) + (out.br?.byteLength ?? 0),
  };
}

interface Accepted {
  br: boolean;
  gzip: boolean;
}

// Browsers send one of a handful of Accept-Encoding values: parse each once (a hot path of cached tiles).
const acceptedCache = new Map<string, Accepted>();

function parseAcceptEncoding(header: string): Accepted {
  const cached = acceptedCache.get(header);
  if (cached) return cached;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (coding: string) => (q.get(coding) ?? q.get('*') ?? 0) > 0;
  const parsed = { br: accepts('br'), gzip: accepts('gzip') };
  if (acceptedCache.size >= 64) acceptedCache.clear();
  acceptedCache.set(header, parsed);
  return parsed;
}

/**
 * The coding to send for an Accept-Encoding header (RFC 9110 §12.5.3): the smallest we hold among those the
 * client accepts with q > 0; identity unless the client refuses it (then still identity: a 406 helps no one).
 */
export function negotiateCoding(acceptEncoding: string | undefined, body: Precompressed): ContentCoding {
  if (!acceptEncoding) return 'identity';
  const accepted = parseAcceptEncoding(acceptEncoding);
  if (body.br && accepted.br) return 'br';
  if (body.gzip && accepted.gzip) return 'gzip';
  return 'identity';
}

/**
 * The strong ETag of one representation. Different codings are different representations, so a strong
 * validator must differ between them (RFC 9110 §8.8.1); Hono's compress() weakens tags instead.
 */
export function codingEtag(etag: string, coding: ContentCoding): string {
  return coding === 'identity' ? etag : `${etag.slice(0, -1)}-${coding}"`;
}

/**
 * If-None-Match (RFC 9110 §13.1.2): weak comparison, a list of tags, or "*". Any coding's tag of the same
 * body matches: the client's copy is current whichever coding it came in.
 */
export function isNotModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  // What a browser sends back: the tag it was given, as it was given.
  if (ifNoneMatch === etag) return true;
  if (ifNoneMatch.trim() === '*') return true;
  const base = (tag: string) =>
    tag
      .trim()
      .replace(/^W\//, '')
      .replace(/-(gzip|br)"$/, '"');
  const current = base(etag);
  return ifNoneMatch.split(',').some((tag) => base(tag) === current);
}

export interface SendOptions {
  contentType: string;
  cacheControl: string;
  /** Answer 204 with no body when the body is empty (Martin does so for empty tiles). */
  emptyIsNoContent?: boolean;
}

/**
 * Sends a precompressed body: 304 when the client's copy is current, else the negotiated coding. Built with
 * respond() (plain header objects, the envelope's headers included): on a cached tile or its 304 the work
 * per request is the answer itself (issue #5, B2).
 */
export function sendPrecompressed(c: Context<AppEnv>, body: Precompressed, options: SendOptions): Response {
  const coding = negotiateCoding(c.req.header('Accept-Encoding'), body);
  const etag = codingEtag(body.etag, coding);
  const headers: Record<string, string> = {
    ETag: etag,
    'Cache-Control': options.cacheControl,
    Vary: 'Accept-Encoding',
  };
  const type = options.contentType;
  if (isNotModified(c.req.header('If-None-Match'), etag)) return respond(c, null, 304, headers, type);
  if (options.emptyIsNoContent && body.identity.byteLength === 0) return respond(c, null, 204, headers, type);
  headers['Content-Type'] = options.contentType;
  if (coding !== 'identity') headers['Content-Encoding'] = coding;
  const bytes = body[coding] ?? body.identity;
  headers['Content-Length'] = String(bytes.byteLength);
  return respond(c, bytes as Uint8Array<ArrayBuffer>, 200, headers);
}

/**
 * A bounded least-recently-used cache of built values, with at most `maxBytes` held and concurrent builds
 * of one key shared. Keys that hold the data version go stale by themselves when it changes, and fall out
 * as new ones come in.
 */
export class BoundedCache<V> {
  readonly #entries = new Map<string, { value: V; bytes: number }>();
  readonly #pending = new Map<string, Promise<V>>();
  #bytes = 0;

  constructor(
    readonly maxBytes: number,
    readonly sizeOf: (value: V) => number,
  ) {}

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  peek(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    // Re-inserting moves the key to the young end of the Map's insertion order.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** The cached value, or the one being built, or a new build. A failed build is not kept. */
  get(key: string, build: () => Promise<V>): Promise<V> {
    const hit = this.peek(key);
    if (hit !== undefined) return Promise.resolve(hit);
    const pending = this.#pending.get(key);
    if (pending) return pending;
    const promise = build().then(
      (value) => {
        this.#pending.delete(key);
        this.set(key, value);
        return value;
      },
      (err: unknown) => {
        this.#pending.delete(key);
        throw err;
      },
    );
    this.#pending.set(key, promise);
    return promise;
  }

  set(key: string, value: V): void {
    const bytes = this.sizeOf(value);
    this.delete(key);
    if (bytes > this.maxBytes) return;
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }
}

/**
 * `load` at most once per `ttlMs`, concurrent callers sharing one call. For the data version: asking the
 * database on every request would cost more than serving a cached tile; an import becomes visible within
 * `ttlMs`.
 */
export function memoizeFor<T>(ttlMs: number, load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  let at = 0;
  return () => {
    const now = Date.now();
    if (value && now - at < ttlMs) return value;
    at = now;
    const current = load();
    value = current;
    // A failed load is not remembered.
    current.catch(() => {
      if (value === current) value = undefined;
    });
    return current;
  };
}
