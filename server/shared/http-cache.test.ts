import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  BoundedCache,
  codingEtag,
  isNotModified,
  memoizeFor,
  negotiateCoding,
  precompress,
} from './http-cache.ts';

describe('precompress', () => {
  it('compresses once into gzip and brotli that decode to the body, with one strong ETag', async () => {
    const body = JSON.stringify({ values: Array.from({ length: 500 }, (_, i) => i % 7) });
    const p = await precompress(body);
    expect(p.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(gunzipSync(p.gzip!).toString()).toBe(body);
    expect(brotliDecompressSync(p.br!).toString()).toBe(body);
    expect(p.bytes).toBe(p.identity.byteLength + p.gzip!.byteLength + p.br!.byteLength);
    expect((await precompress(body)).etag).toBe(p.etag);
  });

  it('leaves small bodies uncompressed', async () => {
    const p = await precompress('{"a":1}');
    expect(p.gzip).toBeUndefined();
    expect(p.br).toBeUndefined();
  });
});

describe('content negotiation and validators', () => {
  const both = {
    identity: new Uint8Array(10),
    gzip: new Uint8Array(5),
    br: new Uint8Array(4),
    etag: '"x"',
    bytes: 19,
  };

  it('picks brotli, then gzip, by what the client accepts', () => {
    expect(negotiateCoding(undefined, both)).toBe('identity');
    expect(negotiateCoding('gzip, deflate, br', both)).toBe('br');
    expect(negotiateCoding('gzip', both)).toBe('gzip');
    expect(negotiateCoding('br;q=0, gzip;q=0.5', both)).toBe('gzip');
    expect(negotiateCoding('*', both)).toBe('br');
    expect(negotiateCoding('*;q=0', both)).toBe('identity');
    expect(negotiateCoding('br', { ...both, br: undefined })).toBe('identity');
  });

  it('gives each coding its own strong tag, and any of them revalidates', () => {
    expect(codingEtag('"abc"', 'identity')).toBe('"abc"');
    expect(codingEtag('"abc"', 'br')).toBe('"abc-br"');
    for (const sent of ['"abc"', '"abc-br"', 'W/"abc-gzip"', '"zzz", "abc"', '*']) {
      expect(isNotModified(sent, '"abc-gzip"'), sent).toBe(true);
    }
    expect(isNotModified(undefined, '"abc"')).toBe(false);
    expect(isNotModified('"abd"', '"abc"')).toBe(false);
  });
});

describe('BoundedCache', () => {
  it('keeps at most maxBytes, evicting the least recently used', async () => {
    const cache = new BoundedCache<string>(10, (v) => v.length);
    await cache.get('a', async () => 'aaaa');
    await cache.get('b', async () => 'bbbb');
    cache.peek('a');
    await cache.get('c', async () => 'cccc');
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.peek('a')).toBe('aaaa');
    expect(cache.bytes).toBe(8);
    // Too big to hold at all: built and returned, not kept.
    expect(await cache.get('d', async () => 'd'.repeat(11))).toHaveLength(11);
    expect(cache.peek('d')).toBeUndefined();
  });

  it('shares one build between concurrent callers and forgets a failed one', async () => {
    const cache = new BoundedCache<number>(100, () => 1);
    let builds = 0;
    const build = async () => ++builds;
    expect(await Promise.all([cache.get('k', build), cache.get('k', build)])).toEqual([1, 1]);
    await expect(cache.get('f', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('f', build)).toBe(2);
  });
});

describe('memoizeFor', () => {
  it('loads once within the time to live, and again after a failure', async () => {
    let loads = 0;
    const get = memoizeFor(60_000, async () => ++loads);
    expect(await Promise.all([get(), get()])).toEqual([1, 1]);
    let fail = true;
    const flaky = memoizeFor(60_000, async () => {
      if (fail) throw new Error('no');
      return 'ok';
    });
    await expect(flaky()).rejects.toThrow('no');
    fail = false;
    expect(await flaky()).toBe('ok');
  });
});
