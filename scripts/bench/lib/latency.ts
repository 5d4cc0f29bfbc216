import http from 'node:http';

/** The q-quantile (0–1) of a sample, nearest rank (p99 of 500 latencies = the 495th smallest). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/**
 * Latencies of GET `url` over `connections` keep-alive connections, each sending its next request when the
 * last one ends (closed loop), until `done()` says stop, and at least `min` requests in all. B11 (issue #15):
 * what a map user waits for a tile while the server does something else.
 */
export async function sampleLatencies(o: {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  done: () => boolean;
  min: number;
}): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const latencies: number[] = [];
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const t0 = performance.now();
      http
        .get(o.url, { agent, headers: o.headers }, (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 200) reject(new Error(`${o.url}: ${res.statusCode}`));
            latencies.push(performance.now() - t0);
            resolve();
          });
          res.on('error', reject);
        })
        .on('error', reject);
    });
  const loop = async () => {
    while (!o.done() || latencies.length < o.min) await one();
  };
  try {
    await Promise.all(Array.from({ length: o.connections }, loop));
  } finally {
    agent.destroy();
  }
  return latencies;
}
