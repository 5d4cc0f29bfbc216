// Text cells checked before the database sees them (issue #11, item 7): PostgreSQL refuses a NUL byte in text
// (22021) and a btree index refuses an entry over ~2,700 bytes (54000, "index row requires N bytes"), and
// either would reach the user as a raw database error without the row or field at fault.

/** NUL and the other C0/C1 controls except tab, line feed and carriage return (which CSV cells may hold). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * Why `value` cannot be stored as a text field of at most `max` characters, or null when it can.
 * The message quotes the first characters only: a 50,000-character cell is not echoed back whole.
 */
export function textProblem(value: string, max: number): string | null {
  if (value.length > max) {
    return `is ${value.length.toLocaleString('en')} characters long (at most ${max}): "${value.slice(0, 40)}…"`;
  }
  const control = CONTROL.exec(value);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return `contains the control character U+${code} at position ${control.index + 1}`;
  }
  return null;
}
