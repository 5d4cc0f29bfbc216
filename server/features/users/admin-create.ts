// `npm run admin:create`: the first admin of a fresh install (issue #6: "no default passwords anywhere"),
// and the way back in when every admin has lost their password. The logic lives here, testable without a
// terminal; scripts/admin-create.ts only wires it to argv, the terminal and the database.
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { commandLineActor } from '../auth/actor.ts';
import { passwordProblem } from '../auth/password.ts';
import { Email } from '../auth/auth.schemas.ts';
import { createAdmin } from './users.service.ts';
import type { UserView } from './users.schemas.ts';

export const ADMIN_CREATE_USAGE = `usage: npm run admin:create -- --email you@example.org --name "Your Name" [--reset]
The password comes from ATLAS_ADMIN_PASSWORD when set, else is asked for (twice) on a terminal, else is
read from the first line of stdin. At least 12 characters. --reset gives an existing account a new password, the admin
role, and re-enables it.`;

export class AdminCreateError extends Error {}

export interface AdminCreateArgs {
  email: string;
  name: string;
  reset: boolean;
}

/** Reads --email, --name and --reset; throws AdminCreateError with the usage on anything else. */
export function parseAdminCreateArgs(argv: string[]): AdminCreateArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        reset: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    throw new AdminCreateError(`${(err as Error).message}\n${ADMIN_CREATE_USAGE}`);
  }
  const email = Email.safeParse(values.email ?? '');
  if (!email.success)
    throw new AdminCreateError(`--email: an email address is needed\n${ADMIN_CREATE_USAGE}`);
  const name = values.name?.trim() ?? '';
  if (!name && !values.reset) throw new AdminCreateError(`--name is needed\n${ADMIN_CREATE_USAGE}`);
  return { email: email.data, name, reset: values.reset ?? false };
}

/** Where the password comes from, in order: ATLAS_ADMIN_PASSWORD, a terminal prompt, piped stdin. */
export interface PasswordSources {
  isTTY: boolean;
  prompt: (question: string) => Promise<string>;
  readStdin: () => Promise<string>;
  env: NodeJS.ProcessEnv;
}

export async function readAdminPassword(sources: PasswordSources): Promise<string> {
  let password: string;
  if (sources.env.ATLAS_ADMIN_PASSWORD) {
    password = sources.env.ATLAS_ADMIN_PASSWORD;
  } else if (sources.isTTY) {
    password = await sources.prompt('Password (at least 12 characters): ');
    if ((await sources.prompt('Again: ')) !== password) throw new AdminCreateError('the passwords differ');
  } else {
    // The first line of what was piped in; the line break is not part of the password.
    password = (await sources.readStdin()).split(/\r?\n/)[0] ?? '';
  }
  const problem = passwordProblem(password);
  if (problem) throw new AdminCreateError(`the password ${problem}`);
  return password;
}

/** Creates the admin (or resets one with --reset), audited as done from the command line. */
export async function adminCreate(
  db: Kysely<DB>,
  args: AdminCreateArgs,
  password: string,
  now: Date = new Date(),
): Promise<{ user: UserView; created: boolean }> {
  return createAdmin(
    db,
    { actor: commandLineActor, now, requestId: null },
    { email: args.email, name: args.name, password, reset: args.reset },
  );
}
