import { sqlStateOf } from '../db/sqlstate.ts';
import { ImportError } from '../shared/errors.ts';

// The last line of defence for imports (issue #11, item 7): the importers check every field before the
// database sees it, but a database refusal that still gets through must reach the CLI and the upload API as
// words naming the file, not as "index row requires 57256 bytes" or "Antipodal edge detected". SQLSTATE codes:
// PostgreSQL manual, Appendix A "PostgreSQL Error Codes".
const byCode: Record<string, string> = {
  '22001': 'a text value is longer than its column allows',
  '22003': 'a number is out of the range its column can hold',
  '22007': 'a date or time is not in a form the database reads',
  '22008': 'a date or time is out of range',
  '22021': 'a text value contains a byte that is not valid text (a NUL byte?)',
  '22P02': 'a value is not of the type its column expects',
  '23502': 'a required value is missing',
  '23503': 'a value refers to something that does not exist',
  '23505': 'a value that must be unique appears twice',
  '23514': 'a value is outside what its column allows',
  '54000': 'a value is far longer than any real one (the database cannot index it)',
};

/**
 * An ImportError in words for a database refusal during the import of `fileName`, or the error unchanged when
 * it is not one (a bug stays a bug, with its stack). Nothing was written: the import is one transaction.
 */
export function explainDatabaseRefusal(err: unknown, fileName: string): unknown {
  const code = sqlStateOf(err);
  if (code === undefined) return err;
  const message = err instanceof Error ? err.message : String(err);
  const why = /antipodal/i.test(message)
    ? 'a polygon has an edge that spans half the globe: its coordinates are not longitude/latitude of Ukraine'
    : byCode[code];
  if (!why) return err;
  return new ImportError(
    `${fileName}: the database refused the data: ${why} (PostgreSQL ${code}). Nothing was imported; ` +
      'check the file against the format in docs/data.md.',
    { file: fileName },
  );
}
