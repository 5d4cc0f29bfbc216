import { describe, expect, it } from 'vitest';
import { defaultPalette, NO_DATA_COLOUR, PALETTE_IDS, paletteColours, textOn } from './palettes.ts';

function luminance(hex: string): number {
  const c = hex.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => {
    const v = parseInt(c.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe('palettes', () => {
  it('gives k colours for 1 to 5 classes, each a hex colour', () => {
    for (const id of PALETTE_IDS)
      for (let k = 1; k <= 5; k++) {
        const cs = paletteColours(id, k);
        expect(cs).toHaveLength(k);
        for (const c of cs) expect(c).toMatch(/^#[0-9a-f]{6}$/);
      }
    expect(paletteColours('ylorrd', 0)).toEqual([]);
  });

  it('runs light to dark, so that darker always means more', () => {
    for (const id of PALETTE_IDS)
      for (let k = 2; k <= 5; k++) {
        const l = paletteColours(id, k).map(luminance);
        for (let i = 1; i < l.length; i++) expect(l[i]!).toBeLessThan(l[i - 1]!);
      }
  });

  it('keeps "no data" apart from every palette colour', () => {
    for (const id of PALETTE_IDS) expect(paletteColours(id, 5)).not.toContain(NO_DATA_COLOUR);
  });

  it('picks red for worse, blue-green for better, and a palette per index', () => {
    expect(defaultPalette('higher_is_worse')).toBe('ylorrd');
    expect(defaultPalette('higher_is_better')).toBe('ylgnbu');
    expect(defaultPalette('neutral')).toBe('viridis');
    expect(defaultPalette('index', 'cpi')).toBe('ylorrd');
    expect(defaultPalette('index', 'needs')).toBe('bupu');
  });

  it('chooses readable text on a swatch', () => {
    expect(textOn('#ffffb2')).toBe('#000000');
    expect(textOn('#253494')).toBe('#ffffff');
  });
});
