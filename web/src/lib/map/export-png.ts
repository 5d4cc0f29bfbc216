// The map as a PNG for a report (issue #4: "export the current map as PNG with legend, title, date and
// attribution"). Two parts: `layoutExport` places everything — pure, so that it is unit-tested — and
// `renderExport` draws that plan on a 2D canvas with the map's own canvases (MapLibre's, and deck.gl's with the
// labels and highlights) as the map image.
//
//   ┌──────────────────────────────────────────┐
//   │ Title                                     │
//   │ subtitle (period)                         │
//   │ ┌────────────────────────────┐ ┌──────┐ │
//   │ │ map                         │ │legend│ │   the legend has a column of its own to the right of
//   │ │                             │ │      │ │   the map, so that it covers no hromada (issue #14)
//   │ └────────────────────────────┘ └──────┘ │
//   │ Hromada Atlas · exported …                │
//   │ link to this view …                       │
//   │ sources and licences …                    │
//   └──────────────────────────────────────────┘

import type { LegendEntry, MapLegend } from './map-mode.ts';

export const EXPORT_FONT = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', Arial, sans-serif";

/** Measures the width of `text` in `font` (CSS font shorthand), in canvas pixels. */
export type MeasureText = (text: string, font: string) => number;

export interface ExportInput {
  /** The map's drawing buffer, device pixels. */
  mapWidth: number;
  mapHeight: number;
  /** Device pixels per CSS pixel (the map canvas's), so that text has the size it has on screen. */
  scale: number;
  title: string;
  subtitle: string;
  legend: MapLegend | null;
  /** Lines under the map: the export's date and the attribution lines. */
  footer: string[];
}

export type DrawOp =
  | { kind: 'map'; x: number; y: number; w: number; h: number }
  | { kind: 'box'; x: number; y: number; w: number; h: number; fill: string; stroke?: string }
  | {
      kind: 'swatch';
      x: number;
      y: number;
      w: number;
      h: number;
      colour: string;
      style: LegendEntry['swatch'];
    }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      font: string;
      colour: string;
    };

export interface ExportLayout {
  width: number;
  height: number;
  ops: DrawOp[];
  /** Where the legend went: in a column beside the map (never over it: issue #14, item 10). */
  legendPlacement: 'side' | 'none';
}

/**
 * The exported map's title (issue #14, item 10): the measure and, when the map is filtered to oblasts, which —
 * "CPI — Донецька область" — so that a map cut to one oblast is not read as the whole country.
 */
export function exportTitle(title: string, oblasts: readonly string[]): string {
  return oblasts.length > 0 ? `${title} — ${oblasts.join(', ')}` : title;
}

/** The footer line that leads back to the view: label and the full link (scheme, host, path and query). */
export function permalinkLine(label: string, url: string): string {
  return `${label}: ${url}`;
}

const TEXT = '#16212c';
const MUTED = '#4f5d6b';

/**
 * Splits `text` into lines no wider than `width` (a word longer than that gets a line of its own; with
 * `breakLong`, as a link needs, it is cut into pieces that fit).
 */
export function wrapText(
  text: string,
  font: string,
  width: number,
  measure: MeasureText,
  breakLong = false,
): string[] {
  const lines: string[] = [];
  let line = '';
  const words = text.split(/\s+/).filter(Boolean);
  const pieces = breakLong ? words.flatMap((w) => cutToWidth(w, font, width, measure)) : words;
  for (const word of pieces) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measure(candidate, font) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** `word` in pieces no wider than `width` each (one character at least). */
function cutToWidth(word: string, font: string, width: number, measure: MeasureText): string[] {
  if (measure(word, font) <= width) return [word];
  const out: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece && measure(piece + ch, font) > width) {
      out.push(piece);
      piece = ch;
    } else piece += ch;
  }
  if (piece) out.push(piece);
  return out;
}

const font = (px: number, scale: number, weight = 400) =>
  `${weight} ${Math.round(px * scale)}px ${EXPORT_FONT}`;

/** The legend's ops, laid out from (0, 0) in a box `width` wide; returns them with the box's height. */
function layoutLegend(
  legend: MapLegend,
  width: number,
  s: number,
  measure: MeasureText,
  heading: boolean,
): { ops: DrawOp[]; height: number } {
  const ops: DrawOp[] = [];
  const pad = 12 * s;
  const inner = width - 2 * pad;
  let y = pad;
  const text = (t: string, px: number, weight: number, colour: string, indent = 0) => {
    const f = font(px, s, weight);
    for (const line of wrapText(t, f, inner - indent, measure)) {
      ops.push({ kind: 'text', x: pad + indent, y, text: line, font: f, colour });
      y += px * 1.3 * s;
    }
  };
  const entries = (list: LegendEntry[]) => {
    const sw = { w: 22 * s, h: 13 * s };
    for (const e of list) {
      const f = font(12, s);
      const lines = wrapText(e.label, f, inner - sw.w - 8 * s, measure);
      ops.push({
        kind: 'swatch',
        x: pad,
        y: y + 1 * s,
        w: sw.w,
        h: sw.h,
        colour: e.colour,
        style: e.swatch ?? 'fill',
      });
      for (const line of lines) {
        ops.push({ kind: 'text', x: pad + sw.w + 8 * s, y, text: line, font: f, colour: TEXT });
        y += 15.5 * s;
      }
      y += 3 * s;
    }
  };

  if (heading) {
    text(legend.title, 14, 700, TEXT);
    if (legend.subtitle) text(legend.subtitle, 11.5, 400, MUTED);
    y += 6 * s;
  }

  if (legend.grid) {
    const grid = legend.grid;
    const cell = 30 * s;
    const rows = grid.colours.length;
    const cols = grid.colours[0]?.length ?? 0;
    // Rows are stored low to high; the highest row is drawn at the top.
    grid.colours.forEach((row, r) =>
      row.forEach((colour, c) =>
        ops.push({
          kind: 'swatch',
          x: pad + c * cell,
          y: y + (rows - 1 - r) * cell,
          w: cell,
          h: cell,
          colour,
          style: 'fill',
        }),
      ),
    );
    // Beside the grid, as in the app: the second measure up at the top, the first across at the bottom.
    const side = pad + cols * cell + 10 * s;
    const sideW = width - pad - side;
    const axis = font(11, s, 600);
    const lineH = 13.5 * s;
    const up = wrapText(`↑ ${grid.yLabel}`, axis, sideW, measure).slice(0, 3);
    up.forEach((line, i) =>
      ops.push({ kind: 'text', x: side, y: y + i * lineH, text: line, font: axis, colour: TEXT }),
    );
    const across = wrapText(`→ ${grid.xLabel}`, axis, sideW, measure).slice(0, 3);
    const acrossTop = y + rows * cell - across.length * lineH;
    across.forEach((line, i) =>
      ops.push({ kind: 'text', x: side, y: acrossTop + i * lineH, text: line, font: axis, colour: TEXT }),
    );
    y += rows * cell + 8 * s;
    if (grid.xTicks?.length) text(`${grid.xLabel}: ${grid.xTicks.join(' | ')}`, 10.5, 400, MUTED);
    if (grid.yTicks?.length) text(`${grid.yLabel}: ${grid.yTicks.join(' | ')}`, 10.5, 400, MUTED);
    y += 4 * s;
  }
  entries(legend.entries);

  for (const o of legend.overlays ?? []) {
    y += 6 * s;
    text(o.title, 12, 700, TEXT);
    y += 2 * s;
    entries(o.entries);
    if (o.note) text(o.note, 10.5, 400, MUTED);
  }
  return { ops, height: y + pad - 3 * s };
}

function offset(ops: DrawOp[], dx: number, dy: number): DrawOp[] {
  return ops.map((op) => ({ ...op, x: op.x + dx, y: op.y + dy }));
}

/** Places the title, the map, the legend and the footer of an exported map. */
export function layoutExport(input: ExportInput, measure: MeasureText): ExportLayout {
  const s = input.scale;
  const pad = 24 * s;
  const gap = 16 * s;
  const ops: DrawOp[] = [];

  const legendW = 290 * s;
  // The legend repeats its title only when the export's title is another (it usually is the same).
  const legend = input.legend
    ? layoutLegend(input.legend, legendW, s, measure, input.legend.title !== input.title)
    : null;
  // The legend gets a column of its own: over the map it hid the hromadas in the corner it covered.
  const placement: ExportLayout['legendPlacement'] = legend ? 'side' : 'none';
  const width = pad * 2 + input.mapWidth + (placement === 'side' ? gap + legendW : 0);
  const textWidth = width - 2 * pad;

  let y = pad;
  const titleFont = font(22, s, 700);
  for (const line of wrapText(input.title, titleFont, textWidth, measure)) {
    ops.push({ kind: 'text', x: pad, y, text: line, font: titleFont, colour: TEXT });
    y += 28 * s;
  }
  if (input.subtitle) {
    const f = font(14, s);
    for (const line of wrapText(input.subtitle, f, textWidth, measure)) {
      ops.push({ kind: 'text', x: pad, y, text: line, font: f, colour: MUTED });
      y += 19 * s;
    }
  }
  y += 10 * s;

  const mapY = y;
  ops.push({ kind: 'map', x: pad, y: mapY, w: input.mapWidth, h: input.mapHeight });
  ops.push({
    kind: 'box',
    x: pad,
    y: mapY,
    w: input.mapWidth,
    h: input.mapHeight,
    fill: 'transparent',
    stroke: '#b8c1cb',
  });
  let bottom = mapY + input.mapHeight;

  if (legend && placement === 'side') {
    const lx = pad + input.mapWidth + gap;
    ops.push({
      kind: 'box',
      x: lx,
      y: mapY,
      w: legendW,
      h: legend.height,
      fill: '#ffffff',
      stroke: '#b8c1cb',
    });
    ops.push(...offset(legend.ops, lx, mapY));
    bottom = Math.max(bottom, mapY + legend.height);
  }

  y = bottom + 12 * s;
  input.footer.forEach((line, i) => {
    const f = font(i === 0 ? 12 : 11, s, i === 0 ? 600 : 400);
    for (const l of wrapText(line, f, textWidth, measure, true)) {
      ops.push({ kind: 'text', x: pad, y, text: l, font: f, colour: i === 0 ? TEXT : MUTED });
      y += (i === 0 ? 17 : 15) * s;
    }
  });
  return { width: Math.ceil(width), height: Math.ceil(y + pad - 4 * s), ops, legendPlacement: placement };
}

/** Draws a layout on `ctx`, with `mapImages` (bottom first) stretched over the map's place. */
export function renderExport(
  layout: ExportLayout,
  ctx: CanvasRenderingContext2D,
  mapImages: CanvasImageSource[],
  scale: number,
): void {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.textBaseline = 'top';
  for (const op of layout.ops) {
    if (op.kind === 'map') {
      for (const img of mapImages) ctx.drawImage(img, op.x, op.y, op.w, op.h);
    } else if (op.kind === 'box') {
      if (op.fill !== 'transparent') {
        ctx.fillStyle = op.fill;
        ctx.fillRect(op.x, op.y, op.w, op.h);
      }
      if (op.stroke) {
        ctx.strokeStyle = op.stroke;
        ctx.lineWidth = Math.max(1, scale);
        ctx.strokeRect(op.x, op.y, op.w, op.h);
      }
    } else if (op.kind === 'swatch') {
      drawSwatch(ctx, op, scale);
    } else {
      ctx.font = op.font;
      ctx.fillStyle = op.colour;
      ctx.fillText(op.text, op.x, op.y);
    }
  }
}

function drawSwatch(ctx: CanvasRenderingContext2D, op: Extract<DrawOp, { kind: 'swatch' }>, scale: number) {
  const { x, y, w, h, colour } = op;
  ctx.save();
  if (op.style === 'line' || op.style === 'dashed') {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2.5 * scale;
    ctx.setLineDash(op.style === 'dashed' ? [4 * scale, 3 * scale] : []);
    ctx.strokeRect(x + 1.5 * scale, y + 1.5 * scale, w - 3 * scale, h - 3 * scale);
  } else if (op.style === 'hatch') {
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    ctx.clip();
    ctx.beginPath();
    ctx.globalAlpha = 0.25;
    ctx.fillStyle = colour;
    ctx.fillRect(x, y, w, h);
    ctx.globalAlpha = 0.85;
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1.5 * scale;
    for (let d = -h; d < w; d += 6 * scale) {
      ctx.moveTo(x + d, y + h);
      ctx.lineTo(x + d + h, y);
    }
    ctx.stroke();
    ctx.globalAlpha = 1;
    ctx.strokeStyle = colour;
    ctx.strokeRect(x, y, w, h);
  } else {
    ctx.fillStyle = colour;
    ctx.fillRect(x, y, w, h);
    ctx.strokeStyle = 'rgba(0,0,0,0.25)';
    ctx.lineWidth = scale;
    ctx.strokeRect(x, y, w, h);
  }
  ctx.restore();
}

/** "hromada-atlas-cpi-2026-11-21.png": a file name from a measure slug and a date. */
export function exportFileName(name: string, date: Date): string {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'map';
  const d = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return `hromada-atlas-${slug}-${d}.png`;
}
