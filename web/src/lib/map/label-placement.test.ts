import { describe, expect, it } from 'vitest';
import { placeLabels, textWidth, worldPixel, type Placeable } from './label-placement.ts';

const label = (id: string, lon: number, lat: number, priority = 0, width = 80): Placeable => ({
  id,
  position: [lon, lat],
  width,
  height: 12,
  priority,
});

describe('worldPixel', () => {
  it('maps lon/lat to Web Mercator pixels of 512-px tiles', () => {
    expect(worldPixel(0, 0, 0)).toEqual([256, 256]);
    const [x, y] = worldPixel(180, 0, 1);
    expect(x).toBe(1024);
    expect(y).toBeCloseTo(512);
  });
});

describe('placeLabels', () => {
  it('keeps the label of higher priority where two would overlap', () => {
    const placed = placeLabels([label('small', 30, 50, 1), label('big', 30.01, 50, 5)], 6);
    expect([...placed]).toEqual(['big']);
  });

  it('keeps both once the map is zoomed in far enough to separate them', () => {
    const items = [label('a', 30, 50, 1), label('b', 30.2, 50, 2)];
    expect(placeLabels(items, 5).size).toBe(1);
    expect(placeLabels(items, 10).size).toBe(2);
  });

  it('places labels that are far apart, whatever their priority', () => {
    const placed = placeLabels([label('west', 23, 49), label('east', 39, 49), label('south', 33, 45)], 5);
    expect(placed.size).toBe(3);
  });

  it('is the same for the same input (ties broken by id)', () => {
    const items = [label('b', 30, 50), label('a', 30, 50)];
    expect([...placeLabels(items, 6)]).toEqual(['a']);
  });
});

describe('textWidth', () => {
  it('estimates a width where there is no canvas (tests, workers)', () => {
    expect(textWidth('Харківська', '700 10px sans-serif')).toBeGreaterThan(30);
  });
});
