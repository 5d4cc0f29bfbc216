// Usage: npm run admin:create -- --email you@example.org --name "Your Name" [--reset]
// Creates the first admin (a fresh install has no accounts and nothing is writable until one exists), or
// with --reset gives an existing account a new password and the admin role. The password is asked for on a
// terminal, or read from stdin (`echo "$PW" | npm run admin:create -- …`) or ATLAS_ADMIN_PASSWORD; never a
// command-line argument (it would stay in the shell history and the process list). On the embedded
// database, stop the server first: the data directory is locked while it runs.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { loadConfig } from '../server/config.ts';
import { DatabaseDirectoryError, DatabaseLockedError, openDatabase } from '../server/db/client.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import {
  AdminCreateError,
  adminCreate,
  parseAdminCreateArgs,
  readAdminPassword,
} from '../server/features/users/admin-create.ts';
import { AppError } from '../server/shared/errors.ts';

/** Asks on the terminal without echoing what is typed. */
function promptHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const args = parseAdminCreateArgs(process.argv.slice(2));
  const password = await readAdminPassword({
    isTTY: Boolean(process.stdin.isTTY),
    prompt: promptHidden,
    readStdin,
    env: process.env,
  });
  const database = await openDatabase(loadConfig().database);
  try {
    await migrateToLatest(database.db);
    const { user, created } = await adminCreate(database.db, args, password);
    console.log(
      `${created ? 'Created' : 'Reset'} admin ${user.email} (user ${user.id}). Sign in at /api/auth/login.`,
    );
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  const expected =
    err instanceof AdminCreateError ||
    err instanceof AppError ||
    err instanceof DatabaseLockedError ||
    err instanceof DatabaseDirectoryError;
  console.error(expected ? `admin:create: ${(err as Error).message}` : err);
  process.exitCode = 1;
});
