// The Coverage view's figures, computed from what the API gives (pure, so that the tests can check every
// count): who works where, how many hromadas and people a set of programmes reaches, and which communities
// in high need have no programme at all.

import type { CoverageUnit, Programme } from '../api/coverage.ts';

/** The programmes that work in one hromada. */
export interface HromadaProgrammes {
  pcode: string;
  nameUk: string;
  nameEn: string;
  oblastPcode: string;
  programmes: Programme[];
  /** The sectors of those programmes, each once, sorted. */
  sectors: string[];
}

export function programmesByHromada(programmes: readonly Programme[]): Map<string, HromadaProgrammes> {
  const out = new Map<string, HromadaProgrammes>();
  for (const p of programmes)
    for (const s of p.sites) {
      let h = out.get(s.pcode);
      if (!h) {
        h = {
          pcode: s.pcode,
          nameUk: s.nameUk,
          nameEn: s.nameEn,
          oblastPcode: s.oblastPcode,
          programmes: [],
          sectors: [],
        };
        out.set(s.pcode, h);
      }
      if (!h.programmes.includes(p)) h.programmes.push(p);
      if (!h.sectors.includes(p.sector)) h.sectors.push(p.sector);
    }
  for (const h of out.values()) h.sectors.sort((a, b) => a.localeCompare(b));
  return out;
}

/** Programmes and distinct hromadas for one sector or one oblast. */
export interface CountRow {
  key: string;
  programmes: number;
  hromadas: number;
}

export interface CoverageSummary {
  programmes: number;
  organisations: number;
  /** Distinct donors named; programmes without a donor are counted in `noDonor`. */
  donors: number;
  noDonor: number;
  /** Distinct hromadas with at least one site. */
  hromadas: number;
  oblasts: number;
  /** People reached, summed over the sites that report it. */
  reached: { people: number; sitesKnown: number; sites: number };
  /** Most hromadas first. */
  bySector: CountRow[];
  byOblast: CountRow[];
}

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
