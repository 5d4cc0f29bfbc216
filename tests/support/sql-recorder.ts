import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely, KyselyPlugin, RootOperationNode } from 'kysely';

/** One statement as Kysely compiled it for the database, and the server function that sent it. */
export interface RecordedQuery {
  sql: string;
  parameters: readonly unknown[];
  /** `server/features/units/units.repository.ts: findUnit`, read from the call stack. */
  sentBy: string;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs `run` over a handle of `db` that records every statement it compiles. With `send: false` the first
 * statement is compiled and recorded but never reaches the database (the recorder throws in its place): so a
 * query this database cannot run (ST_AsMVT on PGlite) still gets the SQL it sends elsewhere.
 */
export async function recordSql<DB>(
  db: Kysely<DB>,
  run: (db: Kysely<DB>) => Promise<unknown>,
  { send = true }: { send?: boolean } = {},
): Promise<RecordedQuery[]> {
  const recorded: RecordedQuery[] = [];
  // A plugin sees every statement, raw `sql` ones too, after the handle's other plugins: compiling its
  // node with the database's own compiler gives exactly the text and parameters that are sent.
  const recorder: KyselyPlugin = {
    transformQuery({ node, queryId }) {
      const compiled = db.getExecutor().compileQuery(node as RootOperationNode, queryId);
      recorded.push({
        sql: compiled.sql,
        parameters: compiled.parameters,
        sentBy: sender(new Error().stack),
      });
      if (!send) throw new NotSent();
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  try {
    await run(db.withPlugin(recorder));
  } catch (err) {
    if (!(err instanceof NotSent)) throw err;
  }
  return recorded;
}

class NotSent extends Error {}

/**
 * The server function that sent a statement: the nearest frame in `server/`, named by the nearest named
 * frame of the same file (a callback inside computeNeighbours is computeNeighbours's). Derived, not
 * written down, so that a function moved or renamed shows up as such in the regenerated snapshots.
 */
function sender(stack: string | undefined): string {
  const frames = (stack ?? '').split('\n').flatMap((line) => {
    const m = /^\s*at (?:async )?(?:(\S+) \()?(?:file:\/\/)?([^()]+?):\d+:\d+\)?$/.exec(line);
    if (!m) return [];
    const file = path.relative(repoRoot, m[2]!);
    const name = m[1]?.split('.').at(-1);
    return file.startsWith('server/') ? [{ file, name: name === '<anonymous>' ? undefined : name }] : [];
  });
  const first = frames[0];
  if (!first) throw new Error(`no server function in the stack of a recorded statement:\n${stack}`);
  const named = frames.find((f) => f.file === first.file && f.name);
  return `${first.file}: ${named?.name ?? '(anonymous)'}`;
}
