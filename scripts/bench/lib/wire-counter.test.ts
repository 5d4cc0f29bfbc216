import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWireCounter, type WireCounter } from './wire-counter.ts';

// The relay B4 counts a visit's bytes with: it must pass answers through unchanged and count what crossed.
const body = 'x'.repeat(10_000);
let server: http.Server;
let relay: WireCounter;

beforeAll(async () => {
  server = http.createServer((_req, res) => res.end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  relay = await startWireCounter({ host: '127.0.0.1', port: (server.address() as AddressInfo).port });
});
afterAll(async () => {
  await relay.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('startWireCounter', () => {
  it('relays the answer and counts its bytes, headers included, in the window they passed', async () => {
    const t0 = Date.now();
    const res = await fetch(`${relay.origin}/`);
    expect(await res.text()).toBe(body);
    const t1 = Date.now();
    const counted = relay.bytesBetween(t0, t1);
    expect(counted).toBeGreaterThan(body.length);
    expect(counted).toBeLessThan(body.length + 1000);
    // Nothing passed before the request, nor after the answer.
    expect(relay.bytesBetween(0, t0 - 1)).toBe(0);
    expect(relay.bytesBetween(t1 + 1, t1 + 60_000)).toBe(0);
  });
});
