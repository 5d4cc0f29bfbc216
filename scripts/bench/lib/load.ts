import autocannon from 'autocannon';

// HTTP load on loopback with a bounded number of requests (issue #5): autocannon, keep-alive connections,
// requests cycling through a list of paths.

export interface LoadOptions {
  /** http://127.0.0.1:port */
  base: string;
  paths: readonly string[];
  connections: number;
  /** Total requests: the run ends after this many responses. */
  amount: number;
  headers?: Record<string, string>;
  /** Statuses every response must have (a run with others is an error, not a result). */
  expect: readonly number[];
}

/**
 * Requests per second: `amount` responses over the time from the start to the last response. Timed from
 * autocannon's per-response events: its own start/finish stamps only move on its one-second ticks, which
 * would round every short run to whole seconds.
 */
export async function load(o: LoadOptions): Promise<number> {
  if (!o.base.startsWith('http://127.0.0.1:')) throw new Error(`load only on loopback, not ${o.base}`);
  const started = performance.now();
  let last = started;
  let responses = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: o.base,
        connections: o.connections,
        amount: o.amount,
        headers: o.headers,
        requests: o.paths.map((path) => ({ method: 'GET', path })),
        timeout: 30,
        // Ends the run soon after the last response instead of on the next one-second tick.
        sampleInt: 20,
      },
      (err, r) => (err ? reject(err as Error) : resolve(r)),
    );
    instance.on('response', () => {
      responses++;
      last = performance.now();
    });
  });
  if (result.errors || result.timeouts) {
    throw new Error(`${o.base}${o.paths[0]}: ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  const counts = result.statusCodeStats as unknown as Record<string, { count: number }>;
  const unexpected = Object.keys(counts).filter((s) => !o.expect.includes(Number(s)));
  if (unexpected.length)
    throw new Error(`${o.base}${o.paths[0]}: unexpected statuses ${unexpected.join(', ')}`);
  return responses / ((last - started) / 1000);
}
