// 5W/3W programme-coverage sheets tagged with HXL (Humanitarian Exchange Language, https://hxlstandard.org).
// Columns are found by hashtag, not by header text: that is the point of HXL, and partners' header wording varies.
import {
  ParseError,
  isMissing,
  katottgToPcode,
  parseCsv,
  parseDate,
  parseNumber,
  pcodeLevel,
} from './csv.ts';

/** One programme at one hromada, as reported in a 5W sheet. */
export interface ProgrammeSiteRow {
  rowNumber: number;
  organisation: string;
  donor: string | null;
  sector: string;
  activity: string | null;
  programmeCode: string | null;
  pcode: string;
  dateStart: string;
  dateEnd: string | null;
  /** People reached: a non-negative integer. */
  reached: number | null;
  status: 'planned' | 'active' | 'completed' | null;
  budget: number | null;
  currency: string | null;
  description: string | null;
}

/** A data row left out of `rows`; `field` is the hashtag as written in the file. */
export interface RowProblem {
  rowNumber: number;
  field: string;
  value: string;
  reason: string;
}

export interface ParsedProgrammeSites {
  rows: ProgrammeSiteRow[];
  problems: RowProblem[];
  /** Canonical field → the hashtag of the column it was read from. */
  columns: Record<string, string>;
}

interface Hashtag {
  tag: string;
  attributes: Set<string>;
}

// HXL 1.1, "Hashtags" and "Attributes" (https://hxlstandard.org/standard/1-1final/): a hashtag is
// `#name` followed by `+attribute`s, whitespace around the `+` allowed, case-insensitive, attribute order
// not significant. Returns null for a cell that is not a hashtag.
export function parseHashtag(cell: string): Hashtag | null {
  const m = /^#([a-z][a-z0-9_]*)((?:\+[a-z][a-z0-9_]*)*)$/.exec(cell.replace(/\s+/g, '').toLowerCase());
  if (!m?.[1]) return null;
  return { tag: m[1], attributes: new Set((m[2] ?? '').split('+').filter(Boolean)) };
}

// A column matches a pattern when it has the tag, every required attribute, and no attribute outside
// `allow`. The allow-list keeps disaggregations and codes out: `#reached+f` (women only), `#reached+hh`
// (households), `#org+code`, `#org+type` are different facts. Language attributes (`+i_en`, HXL 1.1) are ignored.
interface Pattern {
  tag: string;
  require: string[];
  allow: string[];
}
const p = (spec: string, allow: string[] = []): Pattern => {
  const [tag = '', ...require] = spec.slice(1).split('+');
  return { tag, require, allow };
};

// Patterns in order of preference; within a pattern the leftmost column wins, as in libhxl's Row.get().
const FIELDS = {
  organisation: [p('#org+impl', ['name']), p('#org+name'), p('#org')],
  donor: [p('#org+funder', ['name']), p('#org+donor', ['name'])],
  sector: [p('#sector', ['cluster', 'name'])],
  activity: [p('#activity', ['name'])],
  programmeCode: [p('#meta+id'), p('#activity+code')],
  pcode: [p('#adm3+code', ['katottg'])],
  dateStart: [p('#date+start')],
  dateEnd: [p('#date+end')],
  reached: [p('#reached', ['ind', 'total']), p('#affected+reached', ['ind', 'total'])],
  status: [p('#status')],
  budget: [p('#value+budget'), p('#value')],
  currency: [p('#currency', ['code'])],
  description: [p('#description')],
} satisfies Record<string, Pattern[]>;
type Field = keyof typeof FIELDS;
const REQUIRED: Field[] = ['organisation', 'sector', 'pcode', 'dateStart'];

const matches = (h: Hashtag, pat: Pattern): boolean =>
  h.tag === pat.tag &&
  pat.require.every((a) => h.attributes.has(a)) &&
  [...h.attributes].every((a) => pat.require.includes(a) || pat.allow.includes(a) || a.startsWith('i_'));

// Keys are lower-cased with runs of space/underscore/hyphen folded to one space. A Map, so that a cell
// reading "constructor" is not found on Object.prototype.
const STATUS = new Map<string, NonNullable<ProgrammeSiteRow['status']>>([
  ['planned', 'planned'],
  ['pipeline', 'planned'],
  ['proposed', 'planned'],
  ['active', 'active'],
  ['ongoing', 'active'],
  ['in progress', 'active'],
  ['completed', 'completed'],
  ['complete', 'completed'],
  ['finished', 'completed'],
  ['closed', 'completed'],
]);

export function parseProgrammeSites(text: string, { fileName }: { fileName: string }): ParsedProgrammeSites {
  const parsed = parseCsv(text, { fileName });

  // The hashtag row is usually row 2 under a human header, but may be row 1 (HXL 1.1, "Hashtag row").
  const candidates = [{ rowNumber: 1, raw: parsed.headers }, ...parsed.rows];
  const tagRow = candidates.find(
    (r) =>
      r.raw.some((c) => c.trim().startsWith('#')) &&
      r.raw.every((c) => c.trim() === '' || c.trim().startsWith('#')),
  );
  if (!tagRow) {
    throw new ParseError(
      `${fileName}: no HXL hashtag row found (a row whose non-empty cells all start with '#', ` +
        `e.g. "#org+impl,#sector,#adm3+code,#date+start")`,
      fileName,
    );
  }
  const hashtags = tagRow.raw.map((c) => parseHashtag(c.trim()));

  const index = {} as Partial<Record<Field, number>>;
  const columns: Record<string, string> = {};
  for (const [field, patterns] of Object.entries(FIELDS) as [Field, Pattern[]][]) {
    for (const pat of patterns) {
      const col = hashtags.findIndex((h) => h !== null && matches(h, pat));
      if (col >= 0) {
        index[field] = col;
        columns[field] = tagRow.raw[col]?.trim() ?? '';
        break;
      }
    }
  }
  const missing = REQUIRED.filter((f) => index[f] === undefined);
  if (missing.length > 0) {
    const wanted = missing.map((f) => `${f} (${FIELDS[f].map(describe).join(' or ')})`);
    throw new ParseError(
      `${fileName}: missing required HXL hashtag${missing.length > 1 ? 's' : ''} in row ${tagRow.rowNumber}: ` +
        `${wanted.join('; ')}. Hashtags found: ${tagRow.raw.filter((c) => c.trim()).join(', ')}`,
      fileName,
      tagRow.rowNumber,
    );
  }

  const rows: ProgrammeSiteRow[] = [];
  const problems: RowProblem[] = parsed.problems
    .filter((pr) => pr.rowNumber > tagRow.rowNumber)
    .map((pr) => ({ rowNumber: pr.rowNumber, field: '', value: '', reason: pr.reason }));

  for (const row of parsed.rows) {
    if (row.rowNumber <= tagRow.rowNumber || row.raw.every((c) => c.trim() === '')) continue;
    const cell = (f: Field): string => {
      const col = index[f];
      return col === undefined ? '' : (row.raw[col] ?? '').trim();
    };
    const text = (f: Field): string | null => (isMissing(cell(f)) ? null : cell(f));
    const rowProblems: RowProblem[] = [];
    const fail = (f: Field, reason: string): null => {
      rowProblems.push({ rowNumber: row.rowNumber, field: columns[f] ?? f, value: cell(f), reason });
      return null;
    };
    const required = (f: Field): string | null => text(f) ?? fail(f, 'is required');
    const date = (f: Field, isRequired: boolean): string | null => {
      const r = parseDate(cell(f));
      if (!r.ok) return fail(f, r.reason);
      return r.value ?? (isRequired ? fail(f, 'is required') : null);
    };
    const number = (f: Field, integer: boolean): number | null => {
      const r = parseNumber(cell(f), { delimiter: parsed.delimiter });
      if (!r.ok) return fail(f, r.reason);
      if (r.value !== null && r.value < 0) return fail(f, 'must not be negative');
      if (r.value !== null && integer && !Number.isInteger(r.value)) return fail(f, 'must be a whole number');
      return r.value;
    };

    const organisation = required('organisation');
    const sector = required('sector');
    const pcode = toHromadaPcode(cell('pcode'), (reason) => fail('pcode', reason));
    const dateStart = date('dateStart', true);
    // A bare year as an end date means the whole year: "2016–2019" ends on 31 December 2019.
    const dateEnd = /^\d{4}$/.test(cell('dateEnd').trim())
      ? `${cell('dateEnd').trim()}-12-31`
      : date('dateEnd', false);
    if (dateStart && dateEnd && dateEnd < dateStart) fail('dateEnd', `is before the start date ${dateStart}`);
    const reached = number('reached', true);
    const budget = number('budget', false);
    const statusText = text('status');
    const status =
      statusText === null ? null : (STATUS.get(statusText.toLowerCase().replace(/[\s_-]+/g, ' ')) ?? null);
    if (statusText !== null && status === null)
      fail('status', 'unknown status (expected planned, active or completed)');
    const currency = text('currency')?.toUpperCase() ?? null;
    if (currency !== null && !/^[A-Z]{3}$/.test(currency))
      fail('currency', 'is not an ISO 4217 code such as UAH');

    // Every problem of the row is reported at once, so a partner can fix the sheet in one pass.
    if (
      rowProblems.length > 0 ||
      organisation === null ||
      sector === null ||
      pcode === null ||
      dateStart === null
    ) {
      problems.push(...rowProblems);
      continue;
    }
    rows.push({
      rowNumber: row.rowNumber,
      organisation,
      donor: text('donor'),
      sector,
      activity: text('activity'),
      programmeCode: text('programmeCode'),
      pcode,
      dateStart,
      dateEnd,
      reached,
      status,
      budget,
      currency,
      description: text('description'),
    });
  }
  problems.sort((a, b) => a.rowNumber - b.rowNumber);
  return { rows, problems, columns };
}

const describe = (pat: Pattern): string => `#${[pat.tag, ...pat.require].join('+')}`;

// Partners report either the COD-AB pcode (UA + 7 digits) or the full KATOTTG; both join on the first 9 chars.
export function toHromadaPcode(value: string, fail: (reason: string) => null): string | null {
  const v = value.toUpperCase();
  if (isMissing(v)) return fail('is required');
  if (/^UA\d{17}$/.test(v)) return katottgToPcode(v);
  const level = pcodeLevel(v);
  if (level === 'hromada') return v;
  if (level) return fail(`is a ${level} pcode; a hromada (ADM3) pcode such as UA0502003 is needed`);
  return fail('is neither a hromada pcode (UA + 7 digits) nor a KATOTTG code (UA + 17 digits)');
}
