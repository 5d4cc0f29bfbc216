// How the Coverage view colours the shared hromada fill (a Choropleth: only classOf and colours reach the
// map; the bins carry the legend's labels). Two maps: where programmes are (by sector or by how many), and
// the gap between needs and response (docs/methodology.md, "Coverage and gap").

import type { CoverageUnit, ModelDefinition } from '../../api/coverage.ts';
import type { Bilingual } from '../../api/schema.ts';
import { COVERAGE_MESSAGES, sectorName } from '../../i18n/messages-coverage.ts';
import type { Choropleth, UnitMark } from '../../map/choropleth.ts';
import type { ClassBin } from '../../map/classify.ts';
import { paletteColours } from '../../map/palettes.ts';
import type { ColourBy } from './coverage-params.ts';
import type { HromadaProgrammes } from './coverage-summary.ts';

/** Hromadas without a programme: a light neutral grey, lighter than "no data" and unlike any class colour. */
export const NONE_COLOUR = '#e1e5ea';
/** Okabe & Ito's colour-blind-safe qualitative palette (2008, "Color Universal Design"), without black. */
export const SECTOR_COLOURS = ['#e69f00', '#0072b2', '#009e73', '#cc79a7', '#d55e00', '#56b4e9', '#f0e442'];
export const OTHER_SECTOR_COLOUR = '#8d99a6';
export const SEVERAL_SECTORS_COLOUR = '#3b4552';
/** One, two, three or more programmes: the darker end of ColorBrewer's YlGnBu, clear of the neutral grey. */
export const COUNT_COLOURS = ['#41b6c4', '#2c7fb8', '#253494'];
/** Hromadas where a programme is active, on the gap map: a green that the BuPu gap classes never use. */
export const COVERED_COLOUR = '#1b9e77';

const both = (f: (lang: 'uk' | 'en') => string): Bilingual => ({ uk: f('uk'), en: f('en') });
const msg = (
  key: 'noProgramme' | 'severalSectors' | 'otherSectors' | 'covered' | 'count_1' | 'count_2' | 'count_3',
) => both((l) => COVERAGE_MESSAGES[l][key]);

/** The colour of each sector, fixed by the order of all sectors in use (so a filter never recolours one). */
export function sectorColours(allSectors: readonly string[]): Map<string, string> {
  return new Map(allSectors.map((s, i) => [s, SECTOR_COLOURS[i] ?? OTHER_SECTOR_COLOUR]));
}

function categories(bins: ClassBin[]): Choropleth['classification'] {
  return { kind: 'categories', thresholds: [], bins, n: bins.reduce((a, b) => a + b.count, 0) };
}

/**
 * Hromadas with a programme coloured by its sector (or "several sectors"), or by the number of programmes;
 * every other hromada of `pcodes` in the neutral grey. Only classes in use are kept, except "none".
 */
export function programmesChoropleth(
  pcodes: Iterable<string>,
  byHromada: ReadonlyMap<string, HromadaProgrammes>,
  allSectors: readonly string[],
  colourBy: ColourBy,
): Choropleth {
  const keyOf = (h: HromadaProgrammes | undefined): string => {
    if (!h) return 'none';
    if (colourBy === 'count') return h.count >= 3 ? 'n3' : `n${h.count}`;
    return h.sectors.length > 1 ? 'several' : `s:${h.sectors[0]!}`;
  };
  const counts = new Map<string, number>();
  const keys = new Map<string, string>();
  for (const pcode of pcodes) {
    const k = keyOf(byHromada.get(pcode));
    keys.set(pcode, k);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const colourOf = sectorColours(allSectors);
  const classes: { key: string; colour: string; label: Bilingual }[] = [
    { key: 'none', colour: NONE_COLOUR, label: msg('noProgramme') },
  ];
  if (colourBy === 'count') {
    classes.push(
      { key: 'n1', colour: COUNT_COLOURS[0]!, label: msg('count_1') },
      { key: 'n2', colour: COUNT_COLOURS[1]!, label: msg('count_2') },
      { key: 'n3', colour: COUNT_COLOURS[2]!, label: msg('count_3') },
    );
  } else {
    const sectors = [...new Set([...byHromada.values()].flatMap((h) => h.sectors))].sort(
      (a, b) => allSectors.indexOf(a) - allSectors.indexOf(b) || a.localeCompare(b),
    );
    for (const s of sectors)
      classes.push({
        key: `s:${s}`,
        colour: colourOf.get(s) ?? OTHER_SECTOR_COLOUR,
        label: both((l) => sectorName(s, l)),
      });
    classes.push({ key: 'several', colour: SEVERAL_SECTORS_COLOUR, label: msg('severalSectors') });
  }
  const kept = classes.filter(
    (c) => c.key === 'none' || colourBy === 'count' || (counts.get(c.key) ?? 0) > 0,
  );
  const index = new Map(kept.map((c, i) => [c.key, i]));
  const classOf = new Map<string, number>();
  for (const [pcode, k] of keys) {
    const i = index.get(k);
    if (i !== undefined) classOf.set(pcode, i);
  }
  return {
    classification: categories(
      kept.map((c, i) => ({ lower: i, upper: i, count: counts.get(c.key) ?? 0, label: c.label })),
    ),
    colours: kept.map((c) => c.colour),
    classOf,
  };
}

/**
 * The gap (needs × (1 − coverage), 0–10) in the needs model's own classes, and hromadas where a programme
 * is active as a class of their own: with coverage as presence their gap is 0 by definition, and marking
 * them says why. Hromadas without a needs score (and without a programme) are left as "no data".
 *
 * A gap is only as sure as the needs score under it: one resting on a needs score that the ranks leave
 * apart (a pre-reform Crimean unit, or confidence below `minConfidence`, server/model/comparability.ts) is
 * drawn faded, as Explore and Target draw such scores (issue #14, item 2). "Covered" is programme presence,
 * a fact of the 5W data, and is never faded.
 */
export function gapChoropleth(
  units: readonly CoverageUnit[],
  classes: ModelDefinition['classes'],
  minConfidence?: number,
): Choropleth {
  const thresholds = classes.thresholds;
  const k = thresholds.length + 1;
  const colours = [...paletteColours('bupu', k), COVERED_COLOUR];
  const counts = new Array<number>(k + 1).fill(0);
  const classOf = new Map<string, number>();
  const marks = new Map<string, UnitMark>();
  for (const u of units) {
    let c: number | null = null;
    if (u.coverage >= 1) c = k;
    else if (u.gap !== null) {
      c = 0;
      while (c < thresholds.length && u.gap >= thresholds[c]!) c++;
      if (minConfidence !== undefined && (u.isCrimea || !(u.needsConfidence >= minConfidence)))
        marks.set(u.pcode, 'faded');
    }
    if (c === null) continue;
    classOf.set(u.pcode, c);
    counts[c]!++;
  }
  const edges = [0, ...thresholds, 10];
  const bins: ClassBin[] = edges.slice(0, -1).map((lower, i) => ({
    lower,
    upper: edges[i + 1]!,
    count: counts[i]!,
    ...(classes.labels[i] ? { label: classes.labels[i] } : {}),
  }));
  bins.push({ lower: 0, upper: 0, count: counts[k]!, label: msg('covered') });
  return {
    classification: { kind: 'fixed', thresholds: [...thresholds], bins, n: classOf.size },
    colours,
    classOf,
    ...(minConfidence !== undefined ? { marks } : {}),
  };
}
