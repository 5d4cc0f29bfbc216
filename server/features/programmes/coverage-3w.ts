// The OCHA "3W" view of the recorded programmes (Who does What Where; issue #14, item 7): organisation ×
// sector × oblast with the communities and people reached, the totals, and a month-by-month timeline of
// activity. Pure functions over the site rows of findSiteRows, so the figures are the same as the exports'.

/** What a site row must carry to be counted. */
export interface SiteFacts {
  code: string;
  organisation: string;
  /** The organisation's Ukrainian name, where the data has one. */
  organisation_uk?: string | null;
  sector: string;
  pcode: string;
  oblast_pcode: string;
  oblast_name_uk: string | null;
  oblast_name_en: string | null;
  period_start: string;
  period_end: string | null;
  reached: number | null;
}

export interface PivotRow {
  organisation: string;
  organisationUk: string | null;
  sector: string;
  oblastPcode: string;
  oblastNameUk: string | null;
  oblastNameEn: string | null;
  programmes: number;
  /** Distinct hromadas with a site. */
  communities: number;
  sites: number;
  /** People reached over the sites that report it; null when none does (unknown, not zero). */
  reached: number | null;
  sitesReachKnown: number;
}

export interface ReachTotals {
  programmes: number;
  organisations: number;
  communities: number;
  sites: number;
  /** Null when no site reports people reached: unknown is not zero. */
  reached: number | null;
  sitesReachKnown: number;
}

export interface TimelineMonth {
  /** YYYY-MM */
  month: string;
  programmes: number;
  sites: number;
}

/** The 3W pivot: one row per organisation, sector and oblast that has a site, sorted in that order. */
export function pivot3w(rows: readonly SiteFacts[]): PivotRow[] {
  const groups = new Map<string, { row: PivotRow; codes: Set<string>; pcodes: Set<string> }>();
  for (const s of rows) {
    const key = JSON.stringify([s.organisation, s.sector, s.oblast_pcode]);
    let g = groups.get(key);
    if (!g) {
      g = {
        row: {
          organisation: s.organisation,
          organisationUk: s.organisation_uk ?? null,
          sector: s.sector,
          oblastPcode: s.oblast_pcode,
          oblastNameUk: s.oblast_name_uk,
          oblastNameEn: s.oblast_name_en,
          programmes: 0,
          communities: 0,
          sites: 0,
          reached: null,
          sitesReachKnown: 0,
        },
        codes: new Set(),
        pcodes: new Set(),
      };
      groups.set(key, g);
    }
    addSite(g.row, s);
    g.codes.add(s.code);
    g.pcodes.add(s.pcode);
  }
  return [...groups.values()]
    .map(({ row, codes, pcodes }) => ({ ...row, programmes: codes.size, communities: pcodes.size }))
    .sort(
      (a, b) =>
        a.organisation.localeCompare(b.organisation) ||
        a.sector.localeCompare(b.sector) ||
        a.oblastPcode.localeCompare(b.oblastPcode),
    );
}

function addSite(into: { sites: number; reached: number | null; sitesReachKnown: number }, s: SiteFacts) {
  into.sites += 1;
  if (s.reached !== null) {
    into.reached = (into.reached ?? 0) + s.reached;
    into.sitesReachKnown += 1;
  }
}

/** Totals over every site: a community or a programme counts once however many sites it has. */
export function reachTotals(rows: readonly SiteFacts[]): ReachTotals {
  const totals: ReachTotals = {
    programmes: new Set(rows.map((r) => r.code)).size,
    organisations: new Set(rows.map((r) => r.organisation)).size,
    communities: new Set(rows.map((r) => r.pcode)).size,
    sites: 0,
    reached: null,
    sitesReachKnown: 0,
  };
  for (const s of rows) addSite(totals, s);
  return totals;
}

/** At most this many months (50 years): a mistyped 1900 start cannot make an endless timeline. */
export const TIMELINE_MAX_MONTHS = 600;

/**
 * Active programmes and sites per calendar month, from the first site's start to the last one's end (an
 * open-ended site runs to `today`). A site counts in a month when its period overlaps the month.
 */
export function activityTimeline(rows: readonly SiteFacts[], today: string): TimelineMonth[] {
  if (rows.length === 0) return [];
  const ends = rows.map((r) => monthOf(r.period_end ?? (r.period_start > today ? r.period_start : today)));
  const first = rows.reduce((m, r) => Math.min(m, monthOf(r.period_start)), Infinity);
  const last = Math.min(Math.max(...ends), first + TIMELINE_MAX_MONTHS - 1);
  const months: TimelineMonth[] = [];
  for (let m = first; m <= last; m++) {
    const codes = new Set<string>();
    let sites = 0;
    rows.forEach((r, i) => {
      if (monthOf(r.period_start) <= m && ends[i]! >= m) {
        sites += 1;
        codes.add(r.code);
      }
    });
    months.push({ month: monthLabel(m), programmes: codes.size, sites });
  }
  return months;
}

/** Months since year 0, from a YYYY-MM-DD date. */
function monthOf(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

function monthLabel(m: number): string {
  return `${String(Math.floor(m / 12)).padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}`;
}
