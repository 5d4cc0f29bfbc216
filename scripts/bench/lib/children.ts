import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServeConfig } from '../serve.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface BenchServer {
  ports: Record<string, number>;
  url(name: string): string;
  stop(): Promise<void>;
}

/** Starts scripts/bench/serve.ts as a child process (under tsx) and waits for its ports. */
export function startServer(config: ServeConfig): Promise<BenchServer> {
  const child: ChildProcess = fork(path.join(here, '..', 'serve.ts'), [JSON.stringify(config)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code} before listening`)));
    child.once('message', (msg) => {
      const { ports } = msg as { ports: Record<string, number> };
      child.removeAllListeners('exit');
      resolve({
        ports,
        url: (name) => `http://127.0.0.1:${ports[name]}`,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Runs a script under tsx in a fresh process and returns the JSON it sends over IPC. */
export function runChild<T>(script: string, args: string[]): Promise<T> {
  const child = fork(path.join(here, '..', script), args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let result: T | undefined;
    child.once('message', (msg) => (result = msg as T));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 && result !== undefined
        ? resolve(result)
        : reject(new Error(`${script} exited with ${code}`)),
    );
  });
}
