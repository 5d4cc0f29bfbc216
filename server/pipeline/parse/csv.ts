// CSV parsing for the importers: pure and DB-free. Papaparse does the tokenising (quotes, CRLF); this module
// adds what the importers need on top: delimiter detection, spreadsheet row numbers, header matching and
// strict cell parsers that never turn a missing value into zero.
import Papa from 'papaparse';
import { isMissing } from '../../shared/missing-value.ts';

/** An input file is unusable as a whole; the message names the file (and row/field when known). */
export class ParseError extends Error {
  override readonly name = 'ParseError';
  constructor(
    message: string,
    readonly fileName: string,
    readonly rowNumber?: number,
  ) {
    super(message);
  }
}

/** One data row. `rowNumber` is the row as a spreadsheet shows it: header = 1, first data row = 2. */
export interface CsvRow {
  rowNumber: number;
  values: Record<string, string>;
  raw: string[];
}

/** A row that was left out of `rows`, with the reason. */
export interface CsvProblem {
  rowNumber: number;
  reason: string;
}

export interface ParsedCsv {
  fileName: string;
  headers: string[];
  rows: CsvRow[];
  delimiter: ',' | ';';
  problems: CsvProblem[];
}

const BOM = '\uFEFF';

export function parseCsv(text: string, { fileName }: { fileName: string }): ParsedCsv {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  if (body.trim() === '') throw new ParseError(`${fileName}: file is empty`, fileName);
  const delimiter = detectDelimiter(body, fileName);

  const result = Papa.parse<string[]>(body, { delimiter, header: false, skipEmptyLines: false });
  // An unterminated quote swallows every later line into one field, so nothing after it can be trusted.
  const unterminated = result.errors.find((e) => e.code === 'MissingQuotes');
  if (unterminated) {
    const rowNumber = (unterminated.row ?? 0) + 1;
    throw new ParseError(
      `${fileName}: row ${rowNumber}: quoted field is never closed (the rest of the file would be read as one cell)`,
      fileName,
      rowNumber,
    );
  }

  const [headerRecord = [], ...records] = result.data;
  const headers = headerRecord.map((h) => h.replaceAll(BOM, '').trim());
  const problems: CsvProblem[] = [];
  const badRows = new Set<number>();
  for (const e of result.errors) {
    const rowNumber = (e.row ?? 0) + 1;
    if (rowNumber === 1) throw new ParseError(`${fileName}: header row: ${e.message}`, fileName, 1);
    if (badRows.has(rowNumber)) continue;
    badRows.add(rowNumber);
    problems.push({ rowNumber, reason: `malformed quotes: ${e.message}` });
  }

  const rows: CsvRow[] = [];
  records.forEach((raw, i) => {
    const rowNumber = i + 2;
    // A blank line still occupies a spreadsheet row, so it is skipped without renumbering the rest.
    if (raw.length === 1 && raw[0]?.trim() === '') return;
    if (badRows.has(rowNumber)) return;
    if (raw.length !== headers.length) {
      problems.push({ rowNumber, reason: `has ${raw.length} fields, the header has ${headers.length}` });
      return;
    }
    // With duplicate header names the first column wins (hence reverse); `raw` still has every cell.
    // fromEntries creates own properties only, so a header named "constructor" or "__proto__" is safe.
    const values: Record<string, string> = Object.fromEntries(
      headers.map((h, col) => [h, raw[col] ?? '']).reverse(),
    );
    rows.push({ rowNumber, values, raw });
  });
  problems.sort((a, b) => a.rowNumber - b.rowNumber);
  return { fileName, headers, rows, delimiter, problems };
}

// Only ',' and ';' occur in our sources (';' is what Excel writes in locales with a decimal comma). A tab- or
// pipe-separated file would otherwise "parse" as one wide column and fail later with a confusing message.
function detectDelimiter(body: string, fileName: string): ',' | ';' {
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const outsideQuotes = firstLine.replace(/"[^"]*"/g, '');
  const commas = outsideQuotes.split(',').length - 1;
  const semicolons = outsideQuotes.split(';').length - 1;
  if (commas === 0 && semicolons === 0) {
    const other = ['\t', '|'].find((d) => outsideQuotes.includes(d));
    const found = other === '\t' ? 'tabs' : other ? `'${other}'` : 'no delimiter at all';
    throw new ParseError(
      `${fileName}: cannot detect the delimiter: the header line must be separated by ',' or ';' (found ${found})`,
      fileName,
      1,
    );
  }
  if (commas === semicolons) {
    throw new ParseError(
      `${fileName}: ambiguous delimiter: the header line has as many ',' as ';' (${commas})`,
      fileName,
      1,
    );
  }
  return commas > semicolons ? ',' : ';';
}

/** Accepted header variants per canonical field, e.g. `{ hromadaCode: ['hromada_code', 'katottg'] }`. */
export type ColumnSpec<K extends string> = Record<K, readonly string[]>;

/** Maps canonical field names to this file's actual headers. */
export interface ColumnResolver<K extends string> {
  readonly columns: Readonly<Record<K, string>>;
  get(row: CsvRow, field: K): string;
}

// "Hromada Code", "hromada_code" and "hromada-code" are the same column to a human.
const normaliseHeader = (h: string): string =>
  h
    .replaceAll(BOM, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

export function requireColumns<K extends string>(parsed: ParsedCsv, spec: ColumnSpec<K>): ColumnResolver<K> {
  const byNormalised = new Map<string, string>();
  for (const h of parsed.headers)
    if (!byNormalised.has(normaliseHeader(h))) byNormalised.set(normaliseHeader(h), h);

  const columns = {} as Record<K, string>;
  const missing: string[] = [];
  for (const field of Object.keys(spec) as K[]) {
    const variants = spec[field];
    const header = variants.map((v) => byNormalised.get(normaliseHeader(v))).find((h) => h !== undefined);
    if (header === undefined)
      missing.push(`${field} (accepted: ${variants.map((v) => `"${v}"`).join(', ')})`);
    else columns[field] = header;
  }
  if (missing.length > 0) {
    throw new ParseError(
      `${parsed.fileName}: missing required column${missing.length > 1 ? 's' : ''}: ${missing.join('; ')}. ` +
        `Headers found: ${parsed.headers.map((h) => `"${h}"`).join(', ')}`,
      parsed.fileName,
      1,
    );
  }
  return {
    columns,
    // Rows in `parsed.rows` have every header, so the lookup cannot miss.
    get: (row, field) => row.values[columns[field]] ?? '',
  };
}

/** Result of a cell parser: a value (`null` = explicitly missing) or a reason naming the bad value. */
export type CellResult<T> = { ok: true; value: T | null } | { ok: false; reason: string };

const DOT_NUMBER = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?$/i;
// Decimal comma with optional thousands grouping by (narrow/non-breaking) spaces, as Ukrainian locales write it.
const COMMA_NUMBER = /^[+-]?(?:\d{1,3}(?:[ \u00A0\u202F]\d{3})+|\d+)(?:,\d+)?$/;
// "1,234" in a ','-delimited file is more likely an English thousands separator than 1.234.
const THOUSANDS_LOOKALIKE = /^[+-]?[1-9]\d{0,2},\d{3}$/;

/**
 * Parses a numeric cell. `decimalComma` (implied by `delimiter: ';'`) accepts `1 234,5`. Without it, a quoted
 * `12,5` is still read as a decimal comma when it has exactly one comma, no dot and cannot be a thousands group.
 */
export function parseNumber(
  value: string,
  { decimalComma = false, delimiter }: { decimalComma?: boolean; delimiter?: ',' | ';' } = {},
): CellResult<number> {
  const v = value.trim();
  if (isMissing(v)) return { ok: true, value: null };
  const commaMode = decimalComma || delimiter === ';';
  let normalised: string | undefined;
  if (DOT_NUMBER.test(v)) normalised = v;
  else if (commaMode && COMMA_NUMBER.test(v))
    normalised = v.replace(/[ \u00A0\u202F]/g, '').replace(',', '.');
  else if (!commaMode && /^[+-]?\d+,\d+$/.test(v)) {
    if (THOUSANDS_LOOKALIKE.test(v)) {
      return { ok: false, reason: `"${value}" is ambiguous: decimal comma or thousands separator?` };
    }
    normalised = v.replace(',', '.');
  }
  if (normalised === undefined) return { ok: false, reason: `"${value}" is not a number` };
  const n = Number(normalised);
  if (!Number.isFinite(n)) return { ok: false, reason: `"${value}" is out of range` };
  return { ok: true, value: n };
}

/** Parses `YYYY-MM-DD`, `DD.MM.YYYY` (day/month may be one digit) or `YYYY` (= 1 January) to ISO `YYYY-MM-DD`. */
export function parseDate(value: string): CellResult<string> {
  const v = value.trim();
  if (isMissing(v)) return { ok: true, value: null };
  const parts =
    /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)?.slice(1, 4) ??
    /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v)?.slice(1, 4).reverse() ??
    /^(\d{4})$/.exec(v)?.slice(1, 2).concat('1', '1');
  if (!parts)
    return { ok: false, reason: `"${value}" is not a date (expected YYYY-MM-DD, DD.MM.YYYY or YYYY)` };
  const [y, m, d] = parts.map(Number) as [number, number, number];
  // Round-trip through UTC to reject 2023-02-30, 31.04.2024 and month 13.
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d); // unlike Date.UTC, does not map years 0–99 to 1900–1999
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, reason: `"${value}" is not a calendar date` };
  }
  return {
    ok: true,
    value: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  };
}

/** One line for logs and CLI output: `file.csv row 7, field "reached" ("-3"): must not be negative`. */
export function formatProblem(
  fileName: string,
  p: { rowNumber: number; reason: string; field?: string; value?: string },
): string {
  const where = p.field ? `, field "${p.field}"` : '';
  const value = p.value !== undefined && p.value !== '' ? ` ("${p.value}")` : '';
  return `${fileName} row ${p.rowNumber}${where}${value}: ${p.reason}`;
}
