// A process that takes an embedded database directory's lock as openPglite does and holds it until it is
// killed: the server or an import, as far as the lock is concerned (issue #11, item 8). PGlite itself is not
// opened: it survives a SIGKILL with its committed data (STACK-NOTES), and initdb would cost this test 10 s.
// Prints "ready" once the lock is held.
import { mkdir, realpath } from 'node:fs/promises';
import { lockDataDir } from '../../server/db/client.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: pglite-holder.ts <dataDir>');
await mkdir(dataDir, { recursive: true });
await lockDataDir(await realpath(dataDir));
console.log(`ready ${process.pid}`);
setInterval(() => {}, 60_000);
