// The entry of every pool thread (worker-pool.ts). A worker thread does not inherit tsx's module hooks from
// the `tsx` command line (Node 20 loads a worker's entry before its --import hooks), and vitest's transform
// does not reach threads at all: so the thread registers tsx itself, then loads the TypeScript task module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
