import net from 'node:net';

// B4 (issue #15): what the browser transfers, counted on the wire. A TCP relay between Chromium and the
// server counts every byte the server sends (headers, encoded bodies, 304s), stamped with the time it
// passed. A response the browser takes from its own cache never reaches the relay, so a warm repeat visit
// counts only what really crosses the network; Playwright's per-request sizes report the cached
// response's headers as if they had been sent again (~1 KiB a request, seen here).

export interface WireCounter {
  /** The relay's origin (http://127.0.0.1:port), to open in the browser instead of the server's. */
  readonly origin: string;
  /** Bytes sent by the server to the browser in [from, to] (epoch milliseconds, inclusive). */
  bytesBetween(from: number, to: number): number;
  close(): Promise<void>;
}

/** Starts a relay to `target` (host:port of the server) on a free port of 127.0.0.1. */
export async function startWireCounter(target: { host: string; port: number }): Promise<WireCounter> {
  // [time, bytes] per chunk, in arrival order.
  const chunks: [number, number][] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    upstream.on('data', (data: Buffer) => chunks.push([Date.now(), data.byteLength]));
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    bytesBetween(from, to) {
      let sum = 0;
      for (const [t, n] of chunks) if (t >= from && t <= to) sum += n;
      return sum;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
