// The line of a sparkline (issue #14 item 5): values over the model's dates as an SVG path, gaps where a date
// has no value, scaled to a fixed domain (0–10 for scores) or to the series' own range (raw indicators).

export interface Spark {
  /** "M x y L x y …"; a gap starts a new "M". Empty when no value is known. */
  path: string;
  /** The last known value's point (the dot), null when none. */
  last: { x: number; y: number } | null;
  /** The first and last known values. */
  first: number | null;
  end: number | null;
}

export function sparkLine(
  values: readonly (number | null)[],
  width: number,
  height: number,
  domain?: [number, number],
): Spark {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return { path: '', last: null, first: null, end: null };
  let [lo, hi] = domain ?? [Math.min(...known), Math.max(...known)];
  if (hi === lo) [lo, hi] = [lo - 1, hi + 1];
  const pad = 1.5;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const x = (i: number) => +(pad + (values.length > 1 ? i * step : (width - 2 * pad) / 2)).toFixed(2);
  const y = (v: number) => +(height - pad - ((v - lo) / (hi - lo)) * (height - 2 * pad)).toFixed(2);
  let path = '';
  let pen = false;
  let last: Spark['last'] = null;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    path += `${path ? ' ' : ''}${pen ? 'L' : 'M'}${x(i)} ${y(v)}`;
    pen = true;
    last = { x: x(i), y: y(v) };
  });
  return { path, last, first: known[0]!, end: known.at(-1)! };
}
