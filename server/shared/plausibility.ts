// Plausibility rules for data that people enter (issue #11 item 13), shared by the 5W upload and CLI import,
// the programme, site and assessment APIs. Pure: the caller passes the clock.

/**
 * The earliest date a programme, site or assessment may have: Ukraine's Act of Declaration of Independence,
 * 24 August 1991. The atlas maps programmes in Ukraine's hromadas (created 2015–2020 on Ukraine's territory),
 * so an earlier date is a typo (0001, 1900) or a spreadsheet's empty-date artefact, never a fact.
 */
export const EARLIEST_DATE = '1991-08-24';

/**
 * How far ahead a date may be: ten years. Donor programme cycles run 1–5 years; a plan ten years out is
 * already unusual, and 2999 or 2205 (for 2025) are typos that would keep a programme "active" forever.
 */
export const YEARS_AHEAD = 10;

/** The latest accepted date for a given now: today + YEARS_AHEAD years, YYYY-MM-DD (UTC). */
export function latestDate(now: Date): string {
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + YEARS_AHEAD);
  return d.toISOString().slice(0, 10);
}

/** Why a YYYY-MM-DD date is implausible, or null when it is inside the window. */
export function dateOutsideWindow(iso: string, now: Date): string | null {
  const latest = latestDate(now);
  if (iso < EARLIEST_DATE || iso > latest) {
    return (
      `"${iso}" is outside the plausible range ${EARLIEST_DATE} (Ukraine's independence) to ${latest} ` +
      `(${YEARS_AHEAD} years from today)`
    );
  }
  return null;
}

/**
 * The Autonomous Republic of Crimea (COD-AB/KATOTTG UA01) and Sevastopol (UA85), occupied since 2014
 * (as the boundary importer marks `is_crimea`). A programme site or assessment there is warned about, not
 * refused: an NGO may genuinely run remote programmes for people from Crimea, or record where displaced
 * people come from, and only the user knows which; silently accepting it hid likely pcode typos.
 */
export function isOccupiedCrimea(pcode: string): boolean {
  return pcode.startsWith('UA01') || pcode.startsWith('UA85');
}

export function crimeaWarning(pcode: string): string {
  const where = pcode.startsWith('UA85') ? 'Sevastopol' : 'the Autonomous Republic of Crimea';
  return (
    `${pcode} is in ${where}, occupied since 2014: accepted, but check the pcode ` +
    `(a remote programme for people from there is fine; a typo is not)`
  );
}

/** The largest value of a PostgreSQL `integer` column (int4): every id, and programme_sites.reached. */
export const INT4_MAX = 2_147_483_647;

// C0 and C1 control characters and DEL. PostgreSQL refuses NUL in text ("invalid byte sequence"), which made
// a NUL in a 5W cell a 500 at commit; the others are invisible in every view and in the exports.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const LINE_BREAK = /[\r\n]/;

/** Why a text value cannot be stored as it is, or null. `multiline` allows line breaks and tabs. */
export function textProblem(value: string, { max, multiline = false }: { max: number; multiline?: boolean }) {
  if (value.includes('\u0000')) return 'contains a NUL byte (\\0), which text cannot hold';
  const control = CONTROL.exec(value);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return `contains the control character U+${code} at position ${control.index + 1}`;
  }
  if (!multiline && (LINE_BREAK.test(value) || value.includes('\t'))) return 'contains a line break or tab';
  if (value.includes('\uFFFD')) {
    return (
      'contains "\uFFFD", the mark of text read in the wrong encoding: save the file as UTF-8 and send ' +
      'its bytes as they are'
    );
  }
  const length = [...value].length;
  if (length > max) return `is longer than ${max} characters (${length.toLocaleString('en')})`;
  return null;
}
