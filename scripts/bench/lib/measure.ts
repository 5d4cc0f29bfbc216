// Side-by-side measurement (issue #5): a warm-up of both sides, then rounds in alternating order (A B, B A, …),
// the median of each side, and their ratio. Alternation spreads drift (another process taking a core, the
// machine warming up) over both sides instead of charging it to one.

export function median(values: readonly number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface SideBySide {
  a: number[];
  b: number[];
  medianA: number;
  medianB: number;
  /** medianA / medianB. */
  ratio: number;
}

export interface SideBySideOptions {
  rounds: number;
  warmups?: number;
  a: () => Promise<number>;
  b: () => Promise<number>;
}

export async function sideBySide(o: SideBySideOptions): Promise<SideBySide> {
  for (let i = 0; i < (o.warmups ?? 1); i++) {
    await o.a();
    await o.b();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < o.rounds; i++) {
    if (i % 2 === 0) {
      a.push(await o.a());
      b.push(await o.b());
    } else {
      b.push(await o.b());
      a.push(await o.a());
    }
  }
  const medianA = median(a);
  const medianB = median(b);
  return { a, b, medianA, medianB, ratio: medianA / medianB };
}

/** Wall time of `fn` in milliseconds. */
export async function timeMs(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export type Unit = 'req/s' | 'ms' | 'bytes' | 'µs';

export interface Goal {
  op: '>=' | '<=';
  value: number;
}

export interface Row {
  id: string;
  what: string;
  engine: string;
  a: { value: number; unit: Unit; label: string } | null;
  b: { value: number; unit: Unit; label: string } | null;
  ratio: number | null;
  goal: Goal | null;
  /** Why the row has no numbers (a tool or database missing), or a remark. */
  note?: string;
  /** The lowest and highest ratio of a single round (A_i / B_i), printed beside the ratio of the medians. */
  spread?: [number, number];
}

/** The range of the per-round ratios of a side-by-side measurement (issue #15: the spread beside the median). */
export function ratioSpread(r: SideBySide): [number, number] {
  const ratios = r.a.map((a, i) => a / r.b[i]!).filter((x) => Number.isFinite(x));
  return ratios.length ? [Math.min(...ratios), Math.max(...ratios)] : [NaN, NaN];
}

export function met(row: Row): boolean | null {
  if (!row.goal || row.ratio === null || !Number.isFinite(row.ratio)) return null;
  return row.goal.op === '>=' ? row.ratio >= row.goal.value : row.ratio <= row.goal.value;
}

export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return '–';
  switch (unit) {
    case 'req/s':
      return `${Math.round(value).toLocaleString('en-US')} req/s`;
    case 'ms':
      return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 1)} ms`;
    case 'µs':
      return `${value.toFixed(1)} µs`;
    case 'bytes':
      return value >= 1024 * 1024
        ? `${(value / 1024 / 1024).toFixed(2)} MiB`
        : value >= 1024
          ? `${(value / 1024).toFixed(1)} KiB`
          : `${value} B`;
  }
}

/** The results as a Markdown table (printed, and pasted into docs/benchmarks.md as it is). */
export function formatTable(rows: readonly Row[]): string {
  const header = ['', 'measure', 'db', 'ours (A)', 'baseline (B)', 'A/B', 'goal', 'met'];
  const lines = rows.map((r) => {
    const ok = met(r);
    const side = (s: Row['a']) => (s ? `${s.label} ${formatValue(s.value, s.unit)}`.trim() : '–');
    return [
      r.id,
      r.note ? `${r.what} (${r.note})` : r.what,
      r.engine,
      side(r.a),
      side(r.b),
      r.ratio === null || !Number.isFinite(r.ratio)
        ? '–'
        : r.spread && r.spread.every(Number.isFinite)
          ? `${r.ratio.toFixed(2)} (${r.spread[0].toFixed(2)}–${r.spread[1].toFixed(2)})`
          : r.ratio.toFixed(2),
      r.goal ? `${r.goal.op === '>=' ? '≥' : '≤'} ${r.goal.value}` : 'report',
      ok === null ? '–' : ok ? 'yes' : 'NO',
    ];
  });
  const all = [header, ...lines];
  const widths = header.map((_, i) => Math.max(...all.map((l) => l[i]!.length)));
  const fmt = (l: string[]) => `| ${l.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [fmt(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join('\n');
}
