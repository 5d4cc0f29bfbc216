import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import type { AppEnv } from './app-env.ts';

/** An IPv4 address that Node reports in its IPv6-mapped form (::ffff:10.0.0.1) is the same client. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/**
 * The client's address, for rate limits (issue #11 item 3). The socket's peer address, unless that peer is
 * one of `trustedProxies`: then X-Forwarded-For is read from the right, skipping the trusted proxies, and the
 * first other address is the client. Any header a client sends itself is ignored: X-Forwarded-For is client
 * input unless a proxy you run wrote it, and trusting it blindly lets anyone pick a new address per request
 * (OWASP Web Security Testing Guide, "Testing for IP spoofing"; MDN, X-Forwarded-For, "Selecting an IP
 * address": the rightmost untrusted entry). Behind an untrusted proxy every client shares its address, so
 * the limits then act as one global brake.
 */
export function clientAddress(c: Context<AppEnv>, trustedProxies: readonly string[]): string {
  const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress;
  const peer = socket ? plain(socket) : 'unknown';
  if (trustedProxies.length === 0 || !trustedProxies.includes(peer)) return peer;
  const forwarded = c.req.header('X-Forwarded-For');
  if (!forwarded) return peer;
  const hops = forwarded
    .split(',')
    .map((a) => plain(a.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trustedProxies.includes(hops[i]!)) return hops[i]!;
  return hops[0] ?? peer;
}
