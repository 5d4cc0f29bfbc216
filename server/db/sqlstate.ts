/**
 * The SQLSTATE of a database error, or undefined for anything else: node-postgres and PGlite both carry it as
 * `code` (PostgreSQL manual, Appendix A "PostgreSQL Error Codes"). Node's socket errors also have a `code`
 * (ECONNREFUSED), which is not five characters and so is not taken for one.
 */
export function sqlStateOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
