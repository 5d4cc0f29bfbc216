import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { bandFor, featureId, pixelMetres, simplifyForBands, ZOOM_BANDS } from './tile-geometry.ts';

/** A line from a to b with n vertices, each pushed `amp` to alternate sides: detail that barely shows. */
function wiggly(a: Position, b: Position, n: number, amp: number): Position[] {
  const line: Position[] = [];
  const [dx, dy] = [b[0]! - a[0]!, b[1]! - a[1]!];
  const len = Math.hypot(dx, dy);
  for (let i = 0; i < n; i++) {
    const t = i / n;
    const off = i === 0 ? 0 : i % 2 ? amp : -amp;
    line.push([a[0]! + dx * t - (dy / len) * off, a[1]! + dy * t + (dx / len) * off]);
  }
  return line;
}

/** A closed ring through the corners, each side wiggly (or `shared` between the 2nd and 3rd corner). */
function ring(corners: Position[], n: number, amp: number, shared?: Position[]): Position[] {
  const out: Position[] = [];
  for (let i = 0; i < corners.length; i++) {
    const a = corners[i]!;
    const b = corners[(i + 1) % corners.length]!;
    out.push(...(i === 1 && shared ? shared : wiggly(a, b, n, amp)));
  }
  out.push(out[0]!);
  return out;
}

describe('zoom bands', () => {
  it('cover every zoom from 0 to 14 once, coarser at lower zooms', () => {
    for (let z = 0; z <= 14; z++) {
      expect(
        ZOOM_BANDS.filter((b) => z >= b.minzoom && z <= b.maxzoom),
        `z${z}`,
      ).toHaveLength(1);
      expect(bandFor(z).minzoom).toBeLessThanOrEqual(z);
    }
    const weights = ZOOM_BANDS.map((b) => b.minWeight);
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
    expect(bandFor(14).minWeight).toBe(0);
    // One pixel at z5 over Ukraine is about 1.6 km of ground.
    expect(pixelMetres(5)).toBeGreaterThan(1500);
    expect(pixelMetres(5)).toBeLessThan(1700);
  });

  it('derives the feature id from the pcode digits', () => {
    expect(featureId('UA01')).toBe(1);
    expect(featureId('UA6312')).toBe(6312);
    expect(featureId('UA6312027')).toBe(6312027);
  });
});

describe('simplifyForBands', () => {
  // Two boxes side by side whose common side (x = 30.5) is one wiggly line, walked in opposite directions.
  const border = wiggly([30.5, 50], [30.5, 50.5], 40, 0.0001);
  const a: Polygon = {
    type: 'Polygon',
    coordinates: [
      ring(
        [
          [30, 50],
          [30.5, 50],
          [30.5, 50.5],
          [30, 50.5],
        ],
        40,
        0.0001,
        border,
      ),
    ],
  };
  const b: Polygon = {
    type: 'Polygon',
    coordinates: [
      ring(
        [
          [31, 50.5],
          [30.5, 50.5],
          [30.5, 50],
          [31, 50],
        ],
        40,
        0.0001,
        [[30.5, 50.5], ...border.slice(1).reverse()],
      ),
    ],
  };
  const islet: MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: [
      [
        ring(
          [
            [31, 50],
            [31.5, 50],
            [31.5, 50.5],
            [31, 50.5],
          ],
          10,
          0,
        ),
      ],
      // ~10 m across: gone at low zooms.
      [
        [
          [32, 50],
          [32.0001, 50],
          [32.0001, 50.0001],
          [32, 50],
        ],
      ],
    ],
  };
  const out = simplifyForBands([
    { pcode: 'UA01', geometry: a },
    { pcode: 'UA02', geometry: b },
    { pcode: 'UA03', geometry: islet },
  ]);
  const of = (pcode: string, band: number) => out.find((r) => r.pcode === pcode && r.band === band)!;
  const points = (g: MultiPolygon) => g.coordinates.flat(2).length;

  it('gives every unit in every simplifying band, as MultiPolygons, fewer vertices at lower zooms', () => {
    const simplifying = ZOOM_BANDS.filter((b) => b.minWeight > 0);
    // The top band keeps the source geometry and is copied in SQL, not here.
    expect(simplifying.map((b) => b.band)).toEqual([0, 6, 8]);
    expect(out).toHaveLength(3 * simplifying.length);
    expect(out.every((r) => r.geometry.type === 'MultiPolygon')).toBe(true);
    const source = a.coordinates.flat().length;
    expect(points(of('UA01', 0).geometry)).toBeLessThan(points(of('UA01', 8).geometry));
    expect(points(of('UA01', 8).geometry)).toBeLessThanOrEqual(source);
  });

  it('keeps a shared border shared: both neighbours hold the same vertices along it', () => {
    for (const band of ZOOM_BANDS.filter((b) => b.minWeight > 0)) {
      const onBorder = (pcode: string) =>
        of(pcode, band.band)
          .geometry.coordinates.flat(2)
          .filter((p) => Math.abs(p[0]! - 30.5) < 0.001)
          .map((p) => p.join(','))
          .sort();
      expect(new Set(onBorder('UA01')), `band ${band.band}`).toEqual(new Set(onBorder('UA02')));
    }
  });

  it('drops rings that collapse, keeping the unit while a ring is left', () => {
    expect(of('UA03', 0).geometry.coordinates).toHaveLength(1);
    for (const r of out) {
      for (const ring of r.geometry.coordinates.flat()) expect(ring.length).toBeGreaterThanOrEqual(4);
    }
  });
});
