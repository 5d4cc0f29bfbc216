// Which labels fit at a zoom without overlapping: greedy placement by priority, in Web Mercator pixels.
// At a fixed zoom, screen distances do not change as the map pans, so one placement serves the whole zoom
// level; the layers recompute it only when the (quantised) zoom or the language changes.

export interface Placeable {
  id: string;
  position: [number, number];
  /** The label's size on screen, px. */
  width: number;
  height: number;
  /** Higher is placed first. */
  priority: number;
}

/** World pixel coordinates of a lon/lat at `zoom` (512-px tiles, as MapLibre). */
export function worldPixel(lon: number, lat: number, zoom: number): [number, number] {
  const scale = 512 * 2 ** zoom;
  const x = ((lon + 180) / 360) * scale;
  const s = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
  const y = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale;
  return [x, y];
}

/**
 * The ids of the labels to draw at `zoom`: each label is its box centred on its position, grown by `pad` px;
 * a label is placed if its box meets no box placed before it.
 */
export function placeLabels(items: readonly Placeable[], zoom: number, pad = 4): Set<string> {
  const sorted = [...items].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  const cell = 128;
  const grid = new Map<string, [number, number, number, number][]>();
  const placed = new Set<string>();
  for (const item of sorted) {
    const [cx, cy] = worldPixel(item.position[0], item.position[1], zoom);
    const hw = item.width / 2 + pad;
    const hh = item.height / 2 + pad;
    const box: [number, number, number, number] = [cx - hw, cy - hh, cx + hw, cy + hh];
    const x0 = Math.floor(box[0] / cell);
    const x1 = Math.floor(box[2] / cell);
    const y0 = Math.floor(box[1] / cell);
    const y1 = Math.floor(box[3] / cell);
    let free = true;
    for (let gx = x0; gx <= x1 && free; gx++)
      for (let gy = y0; gy <= y1 && free; gy++)
        for (const b of grid.get(`${gx}:${gy}`) ?? [])
          if (b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3]) {
            free = false;
            break;
          }
    if (!free) continue;
    placed.add(item.id);
    for (let gx = x0; gx <= x1; gx++)
      for (let gy = y0; gy <= y1; gy++) {
        const key = `${gx}:${gy}`;
        const list = grid.get(key);
        if (list) list.push(box);
        else grid.set(key, [box]);
      }
  }
  return placed;
}

let canvas: OffscreenCanvas | HTMLCanvasElement | null = null;
const widths = new Map<string, number>();

/** Text width in px as the browser draws `font` (cached); a rough estimate where there is no canvas. */
export function textWidth(text: string, font: string): number {
  const key = `${font}|${text}`;
  const cached = widths.get(key);
  if (cached !== undefined) return cached;
  let w: number;
  try {
    canvas ??=
      typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
    const ctx = canvas.getContext('2d') as
      CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
    if (!ctx) throw new Error('no 2d context');
    ctx.font = font;
    w = ctx.measureText(text).width;
  } catch {
    const px = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 12);
    w = text.length * px * 0.6;
  }
  widths.set(key, w);
  return w;
}
