// The Coverage view's part of the URL (issue #4: the whole view in the URL), beside the keys view-params.ts
// owns (v, m, p, c, pal, sel, ob, lang, at):
//   ?v=coverage&cm=gap&cby=count&corg=1&cdon=USAID&csec=Education&cst=active&cfrom=2022&cto=2024-06-30&cocc=1
// Defaults are left out. A malformed value falls back to its default rather than failing, as the rest of
// the URL does: an old or hand-edited link still opens a map.

import type { ProgrammeStatus } from '../../api/coverage.ts';
import type { StrategyStage } from '../../api/strategies.ts';
import { STRATEGY_STAGES } from '../../domain/strategy-stages.ts';

/**
 * What the map shows: where programmes are, the gap between needs and response, or the stages of the
 * communities' safety strategies (issue #13, section 6).
 */
export type CoverageMode = 'programmes' | 'gap' | 'strategies';
export const COVERAGE_MODES: readonly CoverageMode[] = ['programmes', 'gap', 'strategies'];

/** How hromadas with programmes are coloured in the programmes mode. */
export type ColourBy = 'sector' | 'count';
export const COLOUR_BYS: readonly ColourBy[] = ['sector', 'count'];

export const PROGRAMME_STATUSES: readonly ProgrammeStatus[] = ['planned', 'active', 'completed'];

export interface CoverageParams {
  mode: CoverageMode;
  colourBy: ColourBy;
  /** Organisation id (GET /api/programmes facets). */
  organisation: number | null;
  donor: string | null;
  sector: string | null;
  status: ProgrammeStatus | null;
  /** Start of the period, a year (YYYY, from 1 January) or a date (YYYY-MM-DD); null = open. */
  from: string | null;
  /** End of the period, a year (to 31 December) or a date; null = open. */
  to: string | null;
  /** Whether the high-need list keeps hromadas mostly under occupation (no programme can work there). */
  includeOccupied: boolean;
  /** The safety strategies' stage filter (strategies mode); null = every stage. */
  stage: StrategyStage | null;
}

/** All time, every organisation: the seed programme (2016–2019) shows without touching a filter. */
export const DEFAULT_COVERAGE: Readonly<CoverageParams> = Object.freeze({
  mode: 'programmes',
  colourBy: 'sector',
  organisation: null,
  donor: null,
  sector: null,
  status: null,
  from: null,
  to: null,
  includeOccupied: false,
  stage: null,
});

/** The URL key of each parameter: `c` and at least one more letter, none of view-params.ts's keys. */
export const COVERAGE_KEYS = {
  mode: 'cm',
  colourBy: 'cby',
  organisation: 'corg',
  donor: 'cdon',
  sector: 'csec',
  status: 'cst',
  from: 'cfrom',
  to: 'cto',
  includeOccupied: 'cocc',
  stage: 'cstg',
} as const satisfies Record<keyof CoverageParams, string>;

const PERIOD_RE = /^\d{4}(-\d{2}-\d{2})?$/;
const MAX_TEXT = 200;

/** A year or a real calendar date (2023-02-30 is refused, not rolled over); else null. */
export function parsePeriodBound(s: string | null): string | null {
  if (!s || !PERIOD_RE.test(s)) return null;
  if (s.length === 4) return s;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s ? s : null;
}

function oneOf<T extends string>(values: readonly T[], s: string | null, fallback: T): T {
  return s !== null && (values as readonly string[]).includes(s) ? (s as T) : fallback;
}

function text(s: string | null): string | null {
  const v = s?.trim();
  return v && v.length <= MAX_TEXT ? v : null;
}

export function parseCoverageParams(search: string): CoverageParams {
  const q = new URLSearchParams(search);
  const get = (k: keyof CoverageParams) => q.get(COVERAGE_KEYS[k]);
  const org = get('organisation');
  const organisation = org && /^[1-9]\d{0,9}$/.test(org) ? Number(org) : null;
  const from = parsePeriodBound(get('from'));
  let to = parsePeriodBound(get('to'));
  // A period that ends before it starts selects nothing; its end is dropped, as if never set.
  if (from && to && periodWindow({ from, to }).activeTo! < periodWindow({ from, to }).activeFrom!) to = null;
  return {
    mode: oneOf(COVERAGE_MODES, get('mode'), DEFAULT_COVERAGE.mode),
    colourBy: oneOf(COLOUR_BYS, get('colourBy'), DEFAULT_COVERAGE.colourBy),
    organisation,
    donor: text(get('donor')),
    sector: text(get('sector')),
    status: PROGRAMME_STATUSES.includes(get('status') as ProgrammeStatus)
      ? (get('status') as ProgrammeStatus)
      : null,
    from,
    to,
    includeOccupied: get('includeOccupied') === '1',
    stage: STRATEGY_STAGES.includes(get('stage') as StrategyStage) ? (get('stage') as StrategyStage) : null,
  };
}

/** The URL keys that differ from the defaults, with their values (in a stable order). */
export function formatCoverageParams(p: CoverageParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(COVERAGE_KEYS) as (keyof CoverageParams)[]) {
    const v = p[key];
    if (v === null || v === DEFAULT_COVERAGE[key]) continue;
    out[COVERAGE_KEYS[key]] = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  }
  return out;
}

/** The period as GET /api/programmes takes it: a year runs from 1 January to 31 December. */
export function periodWindow(p: Pick<CoverageParams, 'from' | 'to'>): {
  activeFrom?: string;
  activeTo?: string;
} {
  const out: { activeFrom?: string; activeTo?: string } = {};
  if (p.from) out.activeFrom = p.from.length === 4 ? `${p.from}-01-01` : p.from;
  if (p.to) out.activeTo = p.to.length === 4 ? `${p.to}-12-31` : p.to;
  return out;
}

/**
 * The date the gap is measured on: the end of the period, else today (a period that starts after today is
 * measured on its first day, since nothing of it has happened by today).
 */
export function gapAsOf(p: Pick<CoverageParams, 'from' | 'to'>, today: string): string {
  const w = periodWindow(p);
  if (w.activeTo) return w.activeTo;
  if (w.activeFrom && w.activeFrom > today) return w.activeFrom;
  return today;
}

/** Whether any programme filter is set (the map mode and colouring are not filters). */
export function hasFilters(p: CoverageParams): boolean {
  return (
    p.organisation !== null ||
    p.donor !== null ||
    p.sector !== null ||
    p.status !== null ||
    p.from !== null ||
    p.to !== null
  );
}
