import { ageFactor, intervalFactor } from './confidence.ts';
import { ModelInputError } from './model-error.ts';
import type { ModelStructure } from './model-structure.ts';
import { normaliseStrided, observedGoalposts } from './normalise.ts';

// The raw input of a scoring run: one column per indicator node, already resolved to a period by the server,
// and the step that turns it into the 0–10 matrix the scorer reads.

/** One indicator node's raw values by unit (null = missing) and the period they were taken from. */
export interface IndicatorColumn {
  values: readonly (number | null)[];
  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; null when the indicator has no data (all values null). */
  period: string | null;
  /**
   * Per unit, the width of the value's 95 % interval in the indicator's units (high − low), null where the
   * value has none (a manual assessment); left out when no value of the column has one (confidence.ts).
   */
  intervalWidths?: readonly (number | null)[];
}

/** Raw values for every indicator node of a model, by node id, over the same list of unit pcodes. */
export interface IndicatorMatrix {
  units: readonly string[];
  columns: Readonly<Record<string, IndicatorColumn>>;
}

/** Fixed goalposts from the model, or min-max over the observed range (an uncertainty alternative). */
export type GoalpostMode = 'goalposts' | 'observed';

/** The columns in structure order, after checking that the matrix fits the model. */
export function matrixColumns(structure: ModelStructure, matrix: IndicatorMatrix): IndicatorColumn[] {
  const n = matrix.units.length;
  const seen = new Set<string>();
  for (const pcode of matrix.units) {
    if (seen.has(pcode)) throw new ModelInputError(`unit ${pcode} appears twice in the matrix`);
    seen.add(pcode);
  }
  const nodeIds = new Set(structure.indicators.map((i) => i.id));
  const extra = Object.keys(matrix.columns).filter((id) => !nodeIds.has(id));
  if (extra.length > 0) {
    throw new ModelInputError(
      `matrix columns ${extra.join(', ')} are not indicator nodes of model ${structure.definition.id}`,
    );
  }
  return structure.indicators.map((node) => {
    const column = matrix.columns[node.id];
    if (column === undefined) {
      throw new ModelInputError(`matrix has no column for indicator node ${node.id} (${node.indicatorId})`);
    }
    if (column.values.length !== n) {
      throw new ModelInputError(`column ${node.id} has ${column.values.length} values for ${n} units`);
    }
    const values = column.values;
    const widths = column.intervalWidths;
    if (widths !== undefined && widths.length !== n) {
      throw new ModelInputError(`column ${node.id} has ${widths.length} interval widths for ${n} units`);
    }
    for (let u = 0; u < n; u++) {
      const w = widths?.[u];
      if (w !== undefined && w !== null && (typeof w !== 'number' || !Number.isFinite(w) || w < 0)) {
        throw new ModelInputError(
          `column ${node.id}, unit ${matrix.units[u]}: expected an interval width of at least 0 or null`,
        );
      }
      const x = values[u];
      if (x !== null && (typeof x !== 'number' || !Number.isFinite(x))) {
        throw new ModelInputError(
          `column ${node.id}, unit ${matrix.units[u]}: expected a finite number or null`,
        );
      }
    }
    return column;
  });
}

/**
 * The normalised matrix, unit-major (value of indicator i for unit u at u·k + i, NaN = missing) so the
 * scorer reads each unit's values contiguously.
 */
export function normaliseMatrix(
  structure: ModelStructure,
  columns: readonly IndicatorColumn[],
  n: number,
  mode: GoalpostMode = 'goalposts',
  out: Float64Array = new Float64Array(n * columns.length),
): Float64Array {
  const k = columns.length;
  for (let i = 0; i < k; i++) {
    const col = columns[i] as IndicatorColumn;
    const spec = structure.indicators[i] as (typeof structure.indicators)[number];
    const goalposts =
      mode === 'observed' ? (observedGoalposts(col.values, spec) ?? spec.goalposts) : spec.goalposts;
    normaliseStrided(col.values, spec, goalposts, out, i, k);
  }
  return out;
}

/** The age factor of each column (one period per column), in structure order. */
export function columnAgeFactors(
  structure: ModelStructure,
  columns: readonly IndicatorColumn[],
): Float64Array {
  const settings = structure.definition.confidence;
  return Float64Array.from(columns, (col) => ageFactor(col.period, settings));
}

/**
 * Each value's precision factor (confidence.ts: intervalFactor), unit-major as normaliseMatrix, or null when
 * no column has interval widths (every factor 1, and the scorer skips the product).
 */
export function precisionFactors(
  structure: ModelStructure,
  columns: readonly IndicatorColumn[],
  n: number,
): Float64Array | null {
  if (columns.every((col) => col.intervalWidths === undefined)) return null;
  const k = columns.length;
  const settings = structure.definition.confidence;
  const out = new Float64Array(n * k).fill(1);
  for (let i = 0; i < k; i++) {
    const widths = (columns[i] as IndicatorColumn).intervalWidths;
    if (widths === undefined) continue;
    const { min, max } = (structure.indicators[i] as (typeof structure.indicators)[number]).goalposts;
    for (let u = 0; u < n; u++) out[u * k + i] = intervalFactor(widths[u] ?? null, max - min, settings);
  }
  return out;
}
