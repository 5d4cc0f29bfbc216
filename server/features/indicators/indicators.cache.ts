import type { UnitLevel } from '../../db/schema.ts';
import type { Executor } from '../../db/executor.ts';
import { BoundedCache, precompress, type Precompressed } from '../../shared/http-cache.ts';
import { versionClock } from '../../shared/versioned-resource.ts';
import { findDataVersion, importVersionOf } from '../../db/data-version.ts';
import type { IndicatorUnits } from './indicators.schemas.ts';
import { getIndicatorValues, getLevelUnits, valueColumns } from './indicators.service.ts';

// Indicator values change with imports only, so each answer is built and compressed once per import
// version and then served with a strong ETag, as the layers and tiles are (issue #5, shared/http-cache.ts).
// One cache per app (STYLE §9: no module singletons), made by createIndicatorsRoutes.

export interface Versioned<T> {
  /** The import version the value was built from. */
  version: string;
  value: T;
}

export interface ValuesOptions {
  level: UnitLevel;
  period?: string | undefined;
  format: 'keyed' | 'columns';
}

export type IndicatorsCache = ReturnType<typeof createIndicatorsCache>;

/** The caches of one app: the unit order of each level and each indicator's values, per import version. */
export function createIndicatorsCache(db: Executor) {
  // The import version is read at most once a second, not per request (an import shows within a second).
  const clock = versionClock(() => findDataVersion(db), { versionOf: importVersionOf });
  const units = new BoundedCache<{ units: IndicatorUnits; encoded: Precompressed }>(
    4 * 1024 * 1024,
    (e) => e.encoded.bytes * 2,
  );
  const bodies = new BoundedCache<Precompressed>(32 * 1024 * 1024, (e) => e.bytes);

  /** The unit order of a level and its compressed JSON, for the current import version. */
  async function levelUnits(
    level: UnitLevel,
  ): Promise<Versioned<{ units: IndicatorUnits; encoded: Precompressed }>> {
    const version = await clock.current();
    const value = await units.get(`${level}@${version}`, async () => {
      const list = await getLevelUnits(db, level);
      return { units: list, encoded: await precompress(JSON.stringify(list)) };
    });
    return { version, value };
  }

  /** One indicator's values in either form as compressed JSON, for the current import version. */
  async function values(id: string, options: ValuesOptions): Promise<Precompressed> {
    const version = await clock.current();
    const { level, period, format } = options;
    const key = `${id}|${period ?? 'latest'}|${level}|${format}@${version}`;
    return bodies.get(key, async () => {
      const keyed = await getIndicatorValues(db, id, { level, ...(period ? { period } : {}) });
      if (format === 'keyed') return precompress(JSON.stringify(keyed));
      const { value } = await levelUnits(level);
      return precompress(JSON.stringify(valueColumns(keyed, value.units)));
    });
  }

  return { levelUnits, values };
}
