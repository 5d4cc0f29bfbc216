import { ModelInputError } from '../model/model-error.ts';
import { serveTasks } from './serve-tasks.ts';

// A thread for worker-pool.test.ts: tasks that block, count, fail and die on demand.
let calls = 0;

// (module (func (export "spin") (loop br 0))): WebAssembly that never returns, as a long HiGHS solve looks.
const SPIN_WASM = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00,
  0x07, 0x08, 0x01, 0x04, 0x73, 0x70, 0x69, 0x6e, 0x00, 0x00, 0x0a, 0x09, 0x01, 0x07, 0x00, 0x03, 0x40, 0x0c,
  0x00, 0x0b, 0x0b,
]);

serveTasks({
  /** Busy for `ms` (the thread's event loop, not the caller's), then says which call this was. */
  block: (ms: number) => {
    const until = Date.now() + ms;
    while (Date.now() < until);
    return ++calls;
  },
  count: () => ++calls,
  spinWasm: () => {
    const spin = new WebAssembly.Instance(new WebAssembly.Module(SPIN_WASM)).exports.spin as () => void;
    spin();
  },
  badInput: (message: string) => {
    throw new ModelInputError(message);
  },
  die: () => process.exit(3),
});
