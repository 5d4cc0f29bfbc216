// 5W/3W programme-coverage sheets tagged with HXL (Humanitarian Exchange Language, https://hxlstandard.org).
// Columns are found by hashtag, not by header text: that is the point of HXL, and partners' header wording varies.
import { ParseError, parseCsv, parseDate, parseNumber } from './csv.ts';
import {
  INT4_MAX,
  crimeaWarning,
  dateOutsideWindow,
  isOccupiedCrimea,
  textProblem,
} from '../../shared/plausibility.ts';
import { isMissing } from '../../shared/missing-value.ts';
import { toHromadaPcode } from '../../shared/pcode.ts';

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
  /** Accepted rows that deserve a second look (a site in occupied Crimea): shown apart from the problems. */
  warnings: RowProblem[];
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

// What a text cell may hold, as the API's bodies allow (programmes.schemas.ts, organisations.schemas.ts), so that
// a sheet and a form accept the same values and nothing reaches the database that it would refuse (issue #11
// item 4: a NUL byte was "fine" in the preview and a 500 at commit). Codes and names are also index keys:
// PostgreSQL's btree refuses entries over ~2.7 kB.
const TEXT_LIMITS: Record<Field, { max: number; multiline?: boolean }> = {
  organisation: { max: 300 },
  donor: { max: 200 },
  sector: { max: 200 },
  activity: { max: 300 },
  programmeCode: { max: 200 },
  description: { max: 5000, multiline: true },
  status: { max: 40 },
  currency: { max: 10 },
  pcode: { max: 40 },
  dateStart: { max: 40 },
  dateEnd: { max: 40 },
  reached: { max: 40 },
  budget: { max: 40 },
};

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

/**
 * Reads a 5W sheet and checks every field of every row against what the database can hold and what is
 * plausible: the one validation step that both the preview and the commit (API and CLI) use, so that a commit
 * never fails on a row its preview passed. `now` sets the date window (shared/plausibility.ts).
 */
export function parseProgrammeSites(
  text: string,
  { fileName, now = new Date() }: { fileName: string; now?: Date },
): ParsedProgrammeSites {
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
  const warnings: RowProblem[] = [];
  const problems: RowProblem[] = parsed.problems
    .filter((pr) => pr.rowNumber > tagRow.rowNumber)
    .map((pr) => ({ rowNumber: pr.rowNumber, field: '', value: '', reason: pr.reason }));

  for (const row of parsed.rows) {
    if (row.rowNumber <= tagRow.rowNumber || row.raw.every((c) => c.trim() === '')) continue;
    const cell = (f: Field): string => {
      const col = index[f];
      return col === undefined ? '' : (row.raw[col] ?? '').trim();
    };
    const text = (f: Field): string | null => (badText.has(f) || isMissing(cell(f)) ? null : cell(f));
    const rowProblems: RowProblem[] = [];
    const fail = (f: Field, reason: string): null => {
      // A value with a control character is reported without it (it would garble the message and the log),
      // a long one cut short.
      const raw = cell(f);
      const value = textProblem(raw, { max: Infinity, multiline: true })
        ? ''
        : raw.length > 80
          ? `${raw.slice(0, 60)}…`
          : raw;
      rowProblems.push({ rowNumber: row.rowNumber, field: columns[f] ?? f, value, reason });
      return null;
    };
    // Every text field first: a bad character or length is reported once, and the field is not read further.
    const badText = new Set<Field>();
    for (const [f, limit] of Object.entries(TEXT_LIMITS) as [Field, { max: number; multiline?: boolean }][]) {
      const reason = textProblem(cell(f), limit);
      if (reason) {
        badText.add(f);
        fail(f, reason);
      }
    }
    const required = (f: Field): string | null =>
      badText.has(f) ? null : (text(f) ?? fail(f, 'is required'));
    const inWindow = (f: Field, iso: string | null): string | null => {
      const reason = iso === null ? null : dateOutsideWindow(iso, now);
      return reason ? fail(f, reason) : iso;
    };
    const date = (f: Field, isRequired: boolean): string | null => {
      if (badText.has(f)) return null;
      const r = parseDate(cell(f));
      if (!r.ok) return fail(f, r.reason);
      return inWindow(f, r.value) ?? (isRequired && r.value === null ? fail(f, 'is required') : null);
    };
    const number = (f: Field, integer: boolean): number | null => {
      if (badText.has(f)) return null;
      const r = parseNumber(cell(f), { delimiter: parsed.delimiter });
      if (!r.ok) return fail(f, r.reason);
      if (r.value !== null && r.value < 0) return fail(f, 'must not be negative');
      if (r.value !== null && integer && !Number.isInteger(r.value)) return fail(f, 'must be a whole number');
      // programme_sites.reached is an integer column (int4): 1e20 or 1e308 overflowed it at commit.
      if (r.value !== null && integer && r.value > INT4_MAX)
        return fail(f, `is larger than ${INT4_MAX.toLocaleString('en')}, the most the column holds`);
      return r.value;
    };

    const organisation = required('organisation');
    const sector = required('sector');
    const pcode = badText.has('pcode')
      ? null
      : toHromadaPcode(cell('pcode'), (reason) => fail('pcode', reason));
    const dateStart = date('dateStart', true);
    // A bare year as an end date means the whole year: "2016–2019" ends on 31 December 2019.
    const dateEnd = /^\d{4}$/.test(cell('dateEnd').trim())
      ? inWindow('dateEnd', `${cell('dateEnd').trim()}-12-31`)
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
    if (isOccupiedCrimea(pcode)) {
      warnings.push({
        rowNumber: row.rowNumber,
        field: columns.pcode ?? '#adm3+code',
        value: cell('pcode'),
        reason: crimeaWarning(pcode),
      });
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
  return { rows, problems, warnings, columns };
}

const describe = (pat: Pattern): string => `#${[pat.tag, ...pat.require].join('+')}`;
