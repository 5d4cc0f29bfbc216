import { describe, expect, it } from 'vitest';
import {
  BIVARIATE_COLOURS,
  defaultPalette,
  NO_DATA_COLOUR,
  PALETTE_IDS,
  paletteColours,
  textOn,
} from './palettes.ts';

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

// Colour-vision deficiency simulation: Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for
// Simulation of Color Vision Deficiency", IEEE TVCG 15(6), severity 1.0 matrices over linear sRGB; distances
// in CIELAB (CIE76 ΔE, D65).
const CVD: Record<string, number[][]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

function linearRgb(hex: string): number[] {
  return [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
}

function lab(rgb: number[]): [number, number, number] {
  const [r, g, b] = rgb.map((v) => Math.min(1, Math.max(0, v))) as [number, number, number];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function seenAs(hex: string, deficiency: string | null): [number, number, number] {
  const rgb = linearRgb(hex);
  const m = deficiency ? CVD[deficiency]! : null;
  return lab(m ? m.map((row) => row[0]! * rgb[0]! + row[1]! * rgb[1]! + row[2]! * rgb[2]!) : rgb);
}

function minDistance(colours: string[], deficiency: string | null): number {
  const labs = colours.map((c) => seenAs(c, deficiency));
  let min = Infinity;
  for (let i = 0; i < labs.length; i++)
    for (let j = i + 1; j < labs.length; j++) {
      const [a, b] = [labs[i]!, labs[j]!];
      min = Math.min(min, Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]));
    }
  return min;
}

describe('the bivariate scheme', () => {
  const nine = BIVARIATE_COLOURS.flat();

  it('is 3×3 hex colours, all different', () => {
    expect(BIVARIATE_COLOURS).toHaveLength(3);
    for (const row of BIVARIATE_COLOURS) expect(row).toHaveLength(3);
    for (const c of nine) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    expect(new Set([...nine, NO_DATA_COLOUR]).size).toBe(10);
  });

  it('darkens along both measures, so that darker means more of either', () => {
    const l = BIVARIATE_COLOURS.map((row) => row.map((c) => seenAs(c, null)[0]));
    for (let r = 0; r < 3; r++)
      for (let c = 0; c < 3; c++) {
        if (c > 0) expect(l[r]![c]!).toBeLessThan(l[r]![c - 1]!);
        if (r > 0) expect(l[r]![c]!).toBeLessThan(l[r - 1]![c]!);
      }
  });

  it('keeps its nine colours and the no-data grey apart for people with red-green colour blindness', () => {
    // ΔE ≥ 10 is a difference seen at a glance; protanopia and deuteranopia are ~8 % of men.
    const ten = [...nine, NO_DATA_COLOUR];
    expect(minDistance(ten, null)).toBeGreaterThanOrEqual(10);
    expect(minDistance(ten, 'protanopia')).toBeGreaterThanOrEqual(10);
    expect(minDistance(ten, 'deuteranopia')).toBeGreaterThanOrEqual(10);
    // Tritanopia (≈1 in 10,000) merges the two hues more, but no two classes become the same colour.
    expect(minDistance(ten, 'tritanopia')).toBeGreaterThanOrEqual(5);
  });

  it('is a real check: a red–green scheme fails it', () => {
    // Stevens' pink–blue: fine for normal vision, but its pinks and blues merge under protanopia.
    const pinkBlue = [
      '#e8e8e8',
      '#ace4e4',
      '#5ac8c8',
      '#dfb0d6',
      '#a5add3',
      '#5698b9',
      '#be64ac',
      '#8c62aa',
      '#3b4994',
    ];
    expect(minDistance(pinkBlue, null)).toBeGreaterThanOrEqual(10);
    expect(minDistance(pinkBlue, 'protanopia')).toBeLessThan(10);
  });
});
