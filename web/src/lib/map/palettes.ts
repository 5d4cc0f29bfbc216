// Sequential, colour-blind-safe palettes, light (low) to dark (high) so that "darker = more" holds on every
// map. ColorBrewer schemes are Cynthia Brewer's (colorbrewer2.org, Apache-2.0), with the 3-, 4- and 5-class
// variants she designed rather than samples of one ramp; viridis and cividis (matplotlib; Nuñez et al. 2018,
// PLOS ONE 13(7)) are read from their published 5-stop samples, reversed to run light to dark.

import type { Direction } from '../api/schema.ts';

export type PaletteId = 'ylorrd' | 'ylgnbu' | 'bupu' | 'viridis' | 'cividis';

export const PALETTE_IDS: readonly PaletteId[] = ['ylorrd', 'ylgnbu', 'bupu', 'viridis', 'cividis'];

const SCHEMES: Record<PaletteId, { 3: string[]; 4: string[]; 5: string[] }> = {
  ylorrd: {
    3: ['#ffeda0', '#feb24c', '#f03b20'],
    4: ['#ffffb2', '#fecc5c', '#fd8d3c', '#e31a1c'],
    5: ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'],
  },
  ylgnbu: {
    3: ['#edf8b1', '#7fcdbb', '#2c7fb8'],
    4: ['#ffffcc', '#a1dab4', '#41b6c4', '#225ea8'],
    5: ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'],
  },
  bupu: {
    3: ['#e0ecf4', '#9ebcda', '#8856a7'],
    4: ['#edf8fb', '#b3cde3', '#8c96c6', '#88419d'],
    5: ['#edf8fb', '#b3cde3', '#8c96c6', '#8856a7', '#810f7c'],
  },
  viridis: {
    3: ['#fde725', '#21918c', '#440154'],
    4: ['#fde725', '#35b779', '#31688e', '#440154'],
    5: ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'],
  },
  cividis: {
    3: ['#fee838', '#7c7b78', '#00224e'],
    4: ['#fee838', '#a59c74', '#575d6d', '#00224e'],
    5: ['#fee838', '#bcaf6f', '#7c7b78', '#414d6b', '#00224e'],
  },
};

/**
 * The 3×3 bivariate scheme: Joshua Stevens' purple–gold ("Bivariate Choropleth Maps: A How-to Guide",
 * joshuastevens.net/cartography/make-a-bivariate-choropleth-map/; hex values as R pals::stevens.purplegold).
 * Rows run from low to high of the second measure (towards purple), columns from low to high of the first
 * (towards gold); both high is dark brown. Of Stevens' four schemes it is the one whose nine colours (and the
 * no-data grey) stay apart under protanopia and deuteranopia — checked in palettes.test.ts by simulation
 * (Machado et al. 2009), the check Nowosad's colorblindcheck makes (jakubnowosad.com/posts/2020-08-25-cbc-bp2).
 */
export const BIVARIATE_COLOURS: readonly (readonly string[])[] = [
  ['#e8e8e8', '#e4d9ac', '#c8b35a'],
  ['#cbb8d7', '#c8ada0', '#af8e53'],
  ['#9972af', '#976b82', '#804d36'],
];

/** Grey that none of the palettes uses: units without a value. */
export const NO_DATA_COLOUR = '#c9cbcf';

/** `k` colours (1–5) of a palette, light to dark. */
export function paletteColours(id: PaletteId, k: number): string[] {
  const s = SCHEMES[id];
  if (k <= 0) return [];
  if (k === 1) return [s[3][1]!];
  // Two classes (yes/no flags): the ends of the 3-class scheme, as far apart as the scheme allows.
  if (k === 2) return [s[3][0]!, s[3][2]!];
  if (k === 3) return [...s[3]];
  if (k === 4) return [...s[4]];
  return [...s[5]];
}

/** The palette a measure gets unless the user picks one: red for worse, blue-green for better, neutral otherwise. */
export function defaultPalette(direction: Direction | 'index', modelId?: string): PaletteId {
  if (direction === 'index') return modelId === 'needs' ? 'bupu' : 'ylorrd';
  if (direction === 'higher_is_worse') return 'ylorrd';
  if (direction === 'higher_is_better') return 'ylgnbu';
  return 'viridis';
}

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function textOn(hex: string): '#000000' | '#ffffff' {
  const c = hex.replace('#', '');
  const lin = [0, 2, 4].map((i) => {
    const v = parseInt(c.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
  return l > 0.179 ? '#000000' : '#ffffff';
}
