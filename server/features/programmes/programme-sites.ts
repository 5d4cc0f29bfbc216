import { toHromadaPcode } from '../../shared/pcode.ts';
import type { SiteValues } from './programmes.repository.ts';
import type { SiteInput } from './programmes.schemas.ts';

/** One refused site of a request: its place in the list, what was sent, and why. */
export interface SiteProblem {
  index: number;
  pcode: string;
  message: string;
}

/**
 * Turns pasted or picked sites into rows: pcode or KATOTTG to a hromada pcode that exists, the programme's
 * period where a site gives none, and every problem at once (issue #6: "report every bad one with its
 * index"), so that a list of 200 pasted codes is fixed in one pass. Pcodes are read as the 5W importer
 * reads #adm3+code.
 */
export function resolveSites(
  input: readonly SiteInput[],
  knownHromadas: ReadonlySet<string>,
  programme: { period_start: string; period_end: string | null },
): { sites: SiteValues[]; problems: SiteProblem[] } {
  const sites: SiteValues[] = [];
  const problems: SiteProblem[] = [];
  const seen = new Map<string, number>();
  input.forEach((site, index) => {
    const fail = (message: string): null => {
      problems.push({ index, pcode: site.pcode, message });
      return null;
    };
    const pcode = toHromadaPcode(site.pcode.trim(), fail);
    if (pcode === null) return;
    if (!knownHromadas.has(pcode)) return void fail(`no hromada ${pcode} in the imported boundaries`);
    const start = site.periodStart ?? programme.period_start;
    const end = site.periodEnd === undefined ? programme.period_end : site.periodEnd;
    if (end !== null && end < start) return void fail(`periodEnd ${end} is before periodStart ${start}`);
    const key = `${pcode}@${start}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) return void fail(`${pcode} from ${start} is already at index ${earlier}`);
    seen.set(key, index);
    sites.push({ unit_pcode: pcode, period_start: start, period_end: end, reached: site.reached ?? null });
  });
  return { sites, problems };
}
