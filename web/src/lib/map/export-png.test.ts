import { describe, expect, it } from 'vitest';
import {
  exportFileName,
  exportTitle,
  layoutExport,
  permalinkLine,
  wrapText,
  type DrawOp,
  type ExportInput,
} from './export-png.ts';
import type { MapLegend } from './map-mode.ts';
import { BIVARIATE_COLOURS } from './palettes.ts';

// Text measured as a monospace font of 0.6 em: enough to test where things go without a canvas.
const measure = (text: string, font: string) => text.length * 0.6 * Number(/(\d+)px/.exec(font)![1]);

const texts = (ops: DrawOp[]) =>
  ops.filter((o) => o.kind === 'text').map((o) => (o as { text: string }).text);

const LEGEND: MapLegend = {
  title: 'Conflict Potential Index',
  subtitle: 'Period: 2022 – 22 Aug 2026',
  entries: [
    { colour: '#ffffb2', label: 'very low' },
    { colour: '#bd0026', label: 'very high' },
    { colour: '#c9cbcf', label: 'No data' },
  ],
  sources: [],
};

function input(over: Partial<ExportInput> = {}): ExportInput {
  return {
    mapWidth: 1280,
    mapHeight: 690,
    scale: 1,
    title: 'Conflict Potential Index',
    subtitle: 'Period: 2022 – 22 Aug 2026',
    legend: LEGEND,
    footer: ['Hromada Atlas · exported 21 Nov 2026', 'KSE Institute. Licence: MIT.'],
    ...over,
  };
}

describe('layoutExport', () => {
  it('keeps the whole map at its size inside a frame with title, legend and footer', () => {
    const l = layoutExport(input(), measure);
    const map = l.ops.find((o) => o.kind === 'map')!;
    expect(map).toMatchObject({ w: 1280, h: 690 });
    expect(l.width).toBeGreaterThanOrEqual(1280 + 2 * map.x);
    expect(l.height).toBeGreaterThan(map.y + 690);
    const all = texts(l.ops);
    for (const t of [
      'Conflict Potential Index',
      'very low',
      'very high',
      'No data',
      'KSE Institute. Licence: MIT.',
    ])
      expect(all).toContain(t);
    // The title comes first, above the map; the footer under it.
    const title = l.ops.find((o) => o.kind === 'text' && o.text === 'Conflict Potential Index')!;
    const footer = l.ops.find((o) => o.kind === 'text' && o.text.startsWith('Hromada Atlas'))!;
    expect(title.y).toBeLessThan(map.y);
    expect(footer.y).toBeGreaterThan(map.y + 690);
  });

  it('puts even a short legend beside the map, never over it (issue #14, item 10)', () => {
    const l = layoutExport(input(), measure);
    expect(l.legendPlacement).toBe('side');
    const map = l.ops.find((o) => o.kind === 'map')!;
    const box = l.ops.find((o) => o.kind === 'box' && o.fill !== 'transparent')!;
    expect(box.x).toBeGreaterThanOrEqual(map.x + map.w);
    // No legend text or swatch is drawn inside the map's rectangle.
    for (const o of l.ops.filter((o) => o.kind === 'text' || o.kind === 'swatch')) {
      const inside = o.x >= map.x && o.x < map.x + map.w && o.y >= map.y && o.y < map.y + map.h;
      expect(inside, JSON.stringify(o)).toBe(false);
    }
  });

  it('gives a legend taller than the map a column of its own', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ colour: '#000000', label: `class ${i}` }));
    const l = layoutExport(input({ legend: { ...LEGEND, entries: many }, mapHeight: 400 }), measure);
    expect(l.legendPlacement).toBe('side');
    expect(l.width).toBeGreaterThan(1280 + 290);
    const box = l.ops.find((o) => o.kind === 'box' && o.fill !== 'transparent')! as { y: number; h: number };
    expect(l.height).toBeGreaterThan(box.y + box.h);
  });

  it('draws the 3×3 grid of a bivariate map, high rows on top, with both axis labels', () => {
    const legend: MapLegend = {
      ...LEGEND,
      title: 'CPI × Coverage gap',
      entries: [{ colour: '#c9cbcf', label: 'No data for one of the measures' }],
      grid: {
        colours: BIVARIATE_COLOURS.map((r) => [...r]),
        xLabel: 'CPI',
        yLabel: 'Coverage gap',
        xTicks: ['0–3', '3–6', '6–10'],
        yTicks: ['0–1', '1–4', '4–10'],
      },
    };
    const l = layoutExport(input({ legend }), measure);
    const swatches = l.ops.filter((o) => o.kind === 'swatch' && o.w === o.h) as {
      colour: string;
      x: number;
      y: number;
    }[];
    expect(swatches.map((s) => s.colour).sort()).toEqual(BIVARIATE_COLOURS.flat().sort());
    const at = (c: string) => swatches.find((s) => s.colour === c)!;
    // Both low bottom-left, both high top-right.
    expect(at(BIVARIATE_COLOURS[0]![0]!).y).toBeGreaterThan(at(BIVARIATE_COLOURS[2]![2]!).y);
    expect(at(BIVARIATE_COLOURS[0]![0]!).x).toBeLessThan(at(BIVARIATE_COLOURS[2]![2]!).x);
    const all = texts(l.ops);
    expect(all).toContain('↑ Coverage gap');
    expect(all).toContain('→ CPI');
    // The second measure's label beside the top row, the first's beside the bottom row.
    const up = l.ops.find((o) => o.kind === 'text' && o.text === '↑ Coverage gap')!;
    const across = l.ops.find((o) => o.kind === 'text' && o.text === '→ CPI')!;
    expect(up.y).toBeLessThan(across.y);
    expect(up.x).toBeGreaterThan(at(BIVARIATE_COLOURS[2]![2]!).x);
    expect(all).toContain('CPI: 0–3 | 3–6 | 6–10');
  });

  it('lists the overlays with their swatch styles', () => {
    const legend: MapLegend = {
      ...LEGEND,
      overlays: [
        {
          title: 'LISA clusters — CPI',
          entries: [
            { colour: '#67001f', label: 'High among high (cluster) (364)', swatch: 'line' },
            { colour: '#67001f', label: 'High among low (outlier) (0)', swatch: 'dashed' },
          ],
          note: 'q ≤ 0.05',
        },
        {
          title: 'Occupied area',
          entries: [{ colour: '#1d232b', label: 'as of 22 Aug 2026', swatch: 'hatch' }],
          note: '',
        },
      ],
    };
    const l = layoutExport(input({ legend }), measure);
    const styles = l.ops.filter((o) => o.kind === 'swatch').map((o) => (o as { style: string }).style);
    expect(styles).toEqual(['fill', 'fill', 'fill', 'line', 'dashed', 'hatch']);
    expect(texts(l.ops)).toEqual(
      expect.arrayContaining(['LISA clusters — CPI', 'Occupied area', 'q ≤ 0.05']),
    );
  });

  it('wraps long lines inside the frame and scales with the screen', () => {
    const long = 'Kyiv School of Economics Institute, "Decentralization Reform in Ukraine" dataset. '.repeat(
      6,
    );
    for (const scale of [1, 2]) {
      const l = layoutExport(
        input({ footer: ['Hromada Atlas', long], mapWidth: 800 * scale, mapHeight: 500 * scale, scale }),
        measure,
      );
      for (const op of l.ops)
        if (op.kind === 'text') expect(op.x + measure(op.text, op.font)).toBeLessThanOrEqual(l.width);
      expect(
        texts(l.ops).filter((t) => t.startsWith('Kyiv') || t.includes('dataset')).length,
      ).toBeGreaterThan(1);
    }
  });

  it('still exports a map without a legend', () => {
    const l = layoutExport(input({ legend: null }), measure);
    expect(l.legendPlacement).toBe('none');
    expect(l.ops.some((o) => o.kind === 'swatch')).toBe(false);
  });
});

describe('wrapText', () => {
  it('breaks between words, never inside one', () => {
    expect(wrapText('aaa bbb ccc', '10px x', 40, measure)).toEqual(['aaa', 'bbb', 'ccc']);
    expect(wrapText('aaa bbb ccc', '10px x', 60, measure)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('aaaaaaaaaaaa b', '10px x', 30, measure)).toEqual(['aaaaaaaaaaaa', 'b']);
    expect(wrapText('', '10px x', 30, measure)).toEqual([]);
  });
});

describe('exportFileName', () => {
  it('names the file after the atlas, the measure and the day', () => {
    expect(exportFileName('cpi', new Date(2026, 10, 21, 23, 59))).toBe('hromada-atlas-cpi-2026-11-21.png');
    expect(exportFileName('CPI × gap', new Date(2026, 0, 2))).toBe('hromada-atlas-cpi-gap-2026-01-02.png');
    expect(exportFileName('Індекс', new Date(2026, 0, 2))).toBe('hromada-atlas-map-2026-01-02.png');
  });
});

describe('the exported map names its oblast filter and links back to the view (issue #14, item 10)', () => {
  const url =
    'https://atlas.example.org/?tab=explore&m=index%3Acpi&o=UA14&c=quantile&cam=48.01%2C37.8%2C7.2&lang=uk&sel=UA1400001';

  it('names the oblasts in the title, and only when the map is cut to them', () => {
    expect(exportTitle('Індекс конфліктного потенціалу', ['Донецька область'])).toBe(
      'Індекс конфліктного потенціалу — Донецька область',
    );
    expect(exportTitle('Priority', ['Donetska oblast', 'Kharkivska oblast'])).toBe(
      'Priority — Donetska oblast, Kharkivska oblast',
    );
    expect(exportTitle('CPI', [])).toBe('CPI');
  });

  it('prints the whole link under the map, cut to the frame but with no character lost', () => {
    const line = permalinkLine('Посилання на цей вигляд', url);
    expect(line).toBe(`Посилання на цей вигляд: ${url}`);
    const l = layoutExport(
      input({
        mapWidth: 390,
        mapHeight: 600,
        title: exportTitle('CPI', ['Донецька область']),
        footer: ['Hromada Atlas · exported 5 Dec 2026', line],
      }),
      measure,
    );
    expect(texts(l.ops)[0]).toBe('CPI — Донецька область');
    const map = l.ops.find((o) => o.kind === 'map')!;
    const footer = l.ops.filter(
      (o): o is Extract<DrawOp, { kind: 'text' }> => o.kind === 'text' && o.y > map.y + map.h,
    );
    expect(footer.map((o) => o.text).join('')).toContain(url);
    // Every footer line fits inside the frame.
    for (const o of footer) expect(o.x + measure(o.text, o.font)).toBeLessThanOrEqual(l.width);
  });
});
