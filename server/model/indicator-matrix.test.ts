import { describe, expect, it } from 'vitest';
import { columnAgeFactors, matrixColumns, normaliseMatrix } from './indicator-matrix.ts';
import { modelStructure } from './model-structure.ts';
import { flatModel } from './test-fixtures.ts';

describe('normaliseMatrix', () => {
  const s = modelStructure(flatModel(2));
  const matrix = {
    units: ['A', 'B', 'C'],
    columns: { i1: { values: [4, 6, 8], period: '2023' }, i0: { values: [1, null, 3], period: null } },
  };

  it('lays the values out unit-major in structure order, whatever the column order', () => {
    const cols = matrixColumns(s, matrix);
    expect(Array.from(normaliseMatrix(s, cols, 3))).toEqual([1, 4, NaN, 6, 3, 8]);
  });

  it('uses the observed range in observed mode', () => {
    const cols = matrixColumns(s, matrix);
    // i0 observed [1, 3] → 0, –, 10; i1 observed [4, 8] → 0, 5, 10.
    expect(Array.from(normaliseMatrix(s, cols, 3, 'observed'))).toEqual([0, 0, NaN, 5, 10, 10]);
  });

  it('gives one age factor per column (reference 2025-01-01, full 1 y, zero 5 y)', () => {
    const cols = matrixColumns(s, matrix);
    expect(Array.from(columnAgeFactors(s, cols))).toEqual([0, 0.75]);
  });
});
