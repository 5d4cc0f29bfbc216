import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/index.ts';
import { KeyedLoad } from './keyed-load.svelte.ts';

describe('KeyedLoad', () => {
  it('fetches each key once, and a null key shows nothing', async () => {
    const load = new KeyedLoad<string>();
    const asked: string[] = [];
    const fetch = (k: string) => async () => (asked.push(k), `value of ${k}`);
    await load.load('a', fetch('a'));
    await load.load('b', fetch('b'));
    await load.load('a', fetch('a'));
    expect(load.data).toBe('value of a');
    expect(asked).toEqual(['a', 'b']);
    await load.load(null, fetch('x'));
    expect([load.status, load.data]).toEqual(['idle', null]);
  });

  it('lets a newer load win over an older one still in flight', async () => {
    const load = new KeyedLoad<string>();
    let release: (v: string) => void = () => {};
    const slow = load.load('slow', () => new Promise<string>((r) => (release = r)));
    await load.load('fast', async () => 'fast');
    release('slow');
    await slow;
    expect([load.status, load.data]).toEqual(['ready', 'fast']);
  });

  it('says why a load failed; keeps the value shown only when asked to', async () => {
    const fail = async (): Promise<string> => {
      throw new ApiError(500, 'INTERNAL', 'boom', '/x');
    };
    const dropping = new KeyedLoad<string>();
    await dropping.load('a', async () => 'a');
    await dropping.load('b', fail);
    expect([dropping.status, dropping.data, dropping.error?.message]).toEqual(['error', null, 'boom']);
    const keeping = new KeyedLoad<string>({ keepOnError: true });
    await keeping.load('a', async () => 'a');
    await keeping.load('b', fail);
    expect([keeping.status, keeping.data]).toEqual(['error', 'a']);
  });
});
