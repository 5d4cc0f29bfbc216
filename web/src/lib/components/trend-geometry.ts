// Where the marks of a component's trend chart go (issue #13, section 5): rounds on a time axis, scores and
// their 95 % intervals on the fixed 0–10 scale, so that two communities' charts read alike. Pure, so that the
// positions are tested without a browser.

export interface TrendInput {
  date: string;
  score: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  insufficient: boolean;
}

export interface TrendMark {
  x: number;
  /** null: no number this round (too few respondents). */
  y: number | null;
  /** The whisker's ends (y of ciHigh, y of ciLow), when the round has an interval. */
  whisker: { top: number; bottom: number } | null;
}

export interface TrendGeometry {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  marks: TrendMark[];
  /** Straight segments joining consecutive scored rounds, as an SVG path ("" when fewer than two). */
  line: string;
  /** y of the 0, 5 and 10 gridlines. */
  grid: { value: number; y: number }[];
  /** Indexes of the rounds whose date is written under the axis: first and last always, others where they fit. */
  labelled: number[];
}

const DAY = 86_400_000;
const MIN_LABEL_GAP = 64;

export function trendGeometry(
  points: readonly TrendInput[],
  size: { width: number; height: number } = { width: 300, height: 120 },
): TrendGeometry {
  const plot = { left: 26, right: size.width - 14, top: 8, bottom: size.height - 22 };
  const times = points.map((p) => Date.parse(`${p.date}T00:00:00Z`));
  const first = Math.min(...times);
  const span = Math.max(...times) - first;
  // One round, or rounds on one day: in the middle rather than at an edge.
  const xOf = (t: number) =>
    span < DAY ? (plot.left + plot.right) / 2 : plot.left + ((t - first) / span) * (plot.right - plot.left);
  const yOf = (v: number) => plot.bottom - (Math.min(10, Math.max(0, v)) / 10) * (plot.bottom - plot.top);
  const marks = points.map((p, i): TrendMark => {
    const hasInterval = p.score !== null && p.ciLow !== null && p.ciHigh !== null;
    return {
      x: xOf(times[i]!),
      y: p.score === null ? null : yOf(p.score),
      whisker: hasInterval ? { top: yOf(p.ciHigh!), bottom: yOf(p.ciLow!) } : null,
    };
  });
  const scored = marks.filter((m) => m.y !== null);
  const line =
    scored.length < 2
      ? ''
      : scored.map((m, i) => `${i === 0 ? 'M' : 'L'}${m.x.toFixed(1)},${m.y!.toFixed(1)}`).join(' ');
  const labelled: number[] = [];
  for (let i = 0; i < marks.length; i++) {
    const last = labelled.at(-1);
    if (last === undefined || marks[i]!.x - marks[last]!.x >= MIN_LABEL_GAP) labelled.push(i);
    else if (i === marks.length - 1 && labelled.length > 1) labelled[labelled.length - 1] = i;
  }
  return {
    width: size.width,
    height: size.height,
    plot,
    marks,
    line,
    grid: [0, 5, 10].map((value) => ({ value, y: yOf(value) })),
    labelled,
  };
}
