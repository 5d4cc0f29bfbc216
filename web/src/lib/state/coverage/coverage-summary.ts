// The Coverage view's figures, computed from what the API gives (pure, so that the tests can check every
// count): who works where, how many hromadas and people a set of programmes reaches, and which communities
// in high need have no programme at all.

import type {
  CountRow,
  CoverageUnit,
  HromadaFirst,
  Programme,
  ProgrammeSummary,
} from '../../api/coverage.ts';

export type { CountRow };

/** The programmes that work in one hromada, as the map draws them. */
export interface HromadaProgrammes {
  pcode: string;
  /** How many programmes. */
  count: number;
  /** The sectors of those programmes, each once, sorted. */
  sectors: string[];
  /** The first of them in the list's order (newest start, then code). */
  first: HromadaFirst;
}

/** The map's per-hromada programmes from GET /api/programmes/summary (issue #11: counted in SQL). */
export function hromadaIndex(rows: ProgrammeSummary['hromadaProgrammes']): Map<string, HromadaProgrammes> {
  return new Map(
    rows.map((r) => [r.pcode, { pcode: r.pcode, count: r.programmes, sectors: r.sectors, first: r.first }]),
  );
}

/**
 * The same per-hromada programmes from a list of programmes with all their sites, in the list's order: what
 * the server's summary computes (this is its oracle in the tests).
 */
export function programmesByHromada(programmes: readonly Programme[]): Map<string, HromadaProgrammes> {
  const out = new Map<string, HromadaProgrammes & { codes: Set<string> }>();
  for (const p of programmes)
    for (const s of p.sites) {
      let h = out.get(s.pcode);
      if (!h) {
        const { code, organisation, sector, periodStart, periodEnd } = p;
        h = {
          pcode: s.pcode,
          count: 0,
          sectors: [],
          first: { code, organisation, sector, periodStart, periodEnd },
          codes: new Set(),
        };
        out.set(s.pcode, h);
      }
      if (!h.codes.has(p.code)) {
        h.codes.add(p.code);
        h.count++;
      }
      if (!h.sectors.includes(p.sector)) h.sectors.push(p.sector);
    }
  const result = new Map<string, HromadaProgrammes>();
  for (const [pcode, { codes: _codes, ...h }] of out) {
    h.sectors.sort((a, b) => a.localeCompare(b));
    result.set(pcode, h);
  }
  return result;
}

/** The figures of the Coverage view's summary card. */
export type CoverageSummary = Pick<
  ProgrammeSummary,
  | 'programmes'
  | 'organisations'
  | 'donors'
  | 'noDonor'
  | 'hromadas'
  | 'oblasts'
  | 'reached'
  | 'bySector'
  | 'byOblast'
>;

/** Nothing recorded: the summary before the first answer. */
export const EMPTY_SUMMARY: CoverageSummary = {
  programmes: 0,
  organisations: 0,
  donors: 0,
  noDonor: 0,
  hromadas: 0,
  oblasts: 0,
  reached: { people: 0, sitesKnown: 0, sites: 0 },
  bySector: [],
  byOblast: [],
};

function rows(groups: Map<string, { programmes: Set<string>; hromadas: Set<string> }>): CountRow[] {
  return [...groups.entries()]
    .map(([key, g]) => ({ key, programmes: g.programmes.size, hromadas: g.hromadas.size }))
    .sort((a, b) => b.hromadas - a.hromadas || b.programmes - a.programmes || a.key.localeCompare(b.key));
}

function add(
  groups: Map<string, { programmes: Set<string>; hromadas: Set<string> }>,
  key: string,
  programme: string,
  pcode: string | null,
) {
  let g = groups.get(key);
  if (!g) {
    g = { programmes: new Set(), hromadas: new Set() };
    groups.set(key, g);
  }
  g.programmes.add(programme);
  if (pcode) g.hromadas.add(pcode);
}

/** The summary of a list of programmes with all their sites (the server's summary, computed in JS). */
export function summarise(programmes: readonly Programme[]): CoverageSummary {
  const organisations = new Set<number>();
  const donors = new Set<string>();
  const hromadas = new Set<string>();
  const oblasts = new Set<string>();
  const bySector = new Map<string, { programmes: Set<string>; hromadas: Set<string> }>();
  const byOblast = new Map<string, { programmes: Set<string>; hromadas: Set<string> }>();
  const reached = { people: 0, sitesKnown: 0, sites: 0 };
  let noDonor = 0;
  for (const p of programmes) {
    organisations.add(p.organisation.id);
    if (p.donor) donors.add(p.donor);
    else noDonor++;
    // A programme without sites still counts in its sector (it reaches no hromada there).
    if (p.sites.length === 0) add(bySector, p.sector, p.code, null);
    for (const s of p.sites) {
      hromadas.add(s.pcode);
      oblasts.add(s.oblastPcode);
      add(bySector, p.sector, p.code, s.pcode);
      add(byOblast, s.oblastPcode, p.code, s.pcode);
      reached.sites++;
      if (s.reached !== null) {
        reached.sitesKnown++;
        reached.people += s.reached;
      }
    }
  }
  return {
    programmes: programmes.length,
    organisations: organisations.size,
    donors: donors.size,
    noDonor,
    hromadas: hromadas.size,
    oblasts: oblasts.size,
    reached,
    bySector: rows(bySector),
    byOblast: rows(byOblast),
  };
}

/** GET /api/programmes/summary's answer for a list of programmes with all their sites (for fakes and tests). */
export function summaryOf(programmes: readonly Programme[]): ProgrammeSummary {
  const sources = new Map<string | null, { source: Programme['source']; programmes: number }>();
  for (const p of programmes) {
    const key = p.source?.id ?? null;
    const entry = sources.get(key) ?? { source: p.source, programmes: 0 };
    entry.programmes++;
    sources.set(key, entry);
  }
  const starts = programmes.map((p) => p.periodStart).sort();
  const ends = programmes.map((p) => p.periodEnd ?? p.periodStart).sort();
  return {
    ...summarise(programmes),
    hromadaProgrammes: [...programmesByHromada(programmes).values()]
      .sort((a, b) => a.pcode.localeCompare(b.pcode))
      .map((h) => ({ pcode: h.pcode, programmes: h.count, sectors: h.sectors, first: h.first })),
    sources: [...sources.values()],
    periods: { earliest: starts[0] ?? null, latest: ends.at(-1) ?? null },
  };
}

/**
 * The `n` hromadas of highest need with no programme active (coverage 0): by needs score, highest first,
 * then by pcode so that ties keep one order. Hromadas without a needs score, and those `leaveOut` names,
 * are left out.
 */
export function highNeedUncovered(
  units: readonly CoverageUnit[],
  n: number,
  leaveOut: (pcode: string) => boolean = () => false,
): CoverageUnit[] {
  return units
    .filter((u) => u.needs !== null && u.coverage === 0 && !leaveOut(u.pcode))
    .sort((a, b) => b.needs! - a.needs! || a.pcode.localeCompare(b.pcode))
    .slice(0, n);
}
