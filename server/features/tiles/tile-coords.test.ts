import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { MAX_ZOOM, parseTileCoord, tileAt, tileBounds, tilesCovering } from './tile-coords.ts';

describe('parseTileCoord', () => {
  it('takes plain decimal integers in range, and a .pbf or .mvt suffix on y', () => {
    expect(parseTileCoord('0', '0', '0')).toEqual({ z: 0, x: 0, y: 0 });
    expect(parseTileCoord('7', '74', '42')).toEqual({ z: 7, x: 74, y: 42 });
    expect(parseTileCoord('3', '7', '7.pbf')).toEqual({ z: 3, x: 7, y: 7 });
    expect(parseTileCoord('3', '7', '7.mvt')).toEqual({ z: 3, x: 7, y: 7 });
    expect(parseTileCoord(String(MAX_ZOOM), '0', String(2 ** MAX_ZOOM - 1)).y).toBe(2 ** MAX_ZOOM - 1);
  });

  it.each([
    ['15', '0', '0', 'z'],
    ['-1', '0', '0', 'z'],
    ['', '0', '0', 'z'],
    ['1.0', '0', '0', 'z'],
    ['0x1', '0', '0', 'z'],
    ['3', '8', '0', 'x'],
    ['3', '01', '0', 'x'],
    ['3', '1e0', '0', 'x'],
    ['3', ' 1', '0', 'x'],
    ['3', '0', '8', 'y'],
    ['3', '0', '1.5', 'y'],
    ['3', '0', '7.png', 'y'],
    ['0', '0', '1', 'y'],
  ])('refuses z=%s x=%s y=%s with a 400 naming %s', (z, x, y, name) => {
    try {
      parseTileCoord(z, x, y);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(400);
      expect((err as AppError).message).toMatch(new RegExp(`^path parameter ${name}: must be an integer`));
    }
  });
});

describe('tile arithmetic', () => {
  it('finds the tile of a point and its bounds hold the point', () => {
    const kyiv = tileAt(30.5234, 50.4501, 10);
    expect(kyiv).toEqual({ z: 10, x: 598, y: 345 });
    const [w, s, e, n] = tileBounds(kyiv);
    expect(w).toBeLessThanOrEqual(30.5234);
    expect(e).toBeGreaterThan(30.5234);
    expect(s).toBeLessThanOrEqual(50.4501);
    expect(n).toBeGreaterThan(50.4501);
  });

  it('covers a box with every tile that meets it', () => {
    expect(tilesCovering([-180, -85, 180, 85], 1)).toHaveLength(4);
    const ukraine = tilesCovering([22.1, 44.3, 40.2, 52.4], 5);
    expect(ukraine.length).toBeGreaterThan(0);
    expect(ukraine).toContainEqual(tileAt(30.5234, 50.4501, 5));
  });
});
