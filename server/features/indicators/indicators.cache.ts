import type { UnitLevel } from '../../db/schema.ts';
import type { Executor } from '../../pipeline/import-batch.ts';
import { BoundedCache, memoizeFor, precompress, type Precompressed } from '../../shared/http-cache.ts';
import { findDataVersion, importVersionOf } from '../health/health.repository.ts';
import type { IndicatorUnits } from './indicators.schemas.ts';
import { getIndicatorValues, getLevelUnits, valueColumns } from './indicators.service.ts';

// Indicator values change with imports only, so each answer is built and compressed once per import
// version and then served with a strong ETag, as the layers and tiles are (issue #5, shared/http-cache.ts).
//
// app.ts mounts this feature's router as a constant, so the caches cannot belong to the router (STYLE §9
// wants no shared module state): they hang off the database handle instead, and two apps over two databases
// never share an entry.

interface Caches {
  /** The data version, read at most once a second (an import shows within a second). */
  version: () => Promise<string>;
  units: BoundedCache<{ units: IndicatorUnits; encoded: Precompressed }>;
  bodies: BoundedCache<Precompressed>;
}

const byDatabase = new WeakMap<Executor, Caches>();

function cachesOf(db: Executor): Caches {
  let caches = byDatabase.get(db);
  if (!caches) {
    caches = {
      version: memoizeFor(1000, () => findDataVersion(db)),
      units: new BoundedCache(4 * 1024 * 1024, (e) => e.encoded.bytes * 2),
      bodies: new BoundedCache(32 * 1024 * 1024, (e) => e.bytes),
    };
    byDatabase.set(db, caches);
  }
  return caches;
}

export interface Versioned<T> {
  /** The import version the value was built from. */
  version: string;
  value: T;
}

/** The unit order of a level and its compressed JSON, for the current import version. */
export async function cachedLevelUnits(
  db: Executor,
  level: UnitLevel,
): Promise<Versioned<{ units: IndicatorUnits; encoded: Precompressed }>> {
  const caches = cachesOf(db);
  const version = importVersionOf(await caches.version());
  const value = await caches.units.get(`${level}@${version}`, async () => {
    const units = await getLevelUnits(db, level);
    return { units, encoded: await precompress(JSON.stringify(units)) };
  });
  return { version, value };
}

/** One indicator's values in either form as compressed JSON, for the current import version. */
export async function cachedIndicatorValues(
  db: Executor,
  id: string,
  options: { level: UnitLevel; period?: string | undefined; format: 'keyed' | 'columns' },
): Promise<Precompressed> {
  const caches = cachesOf(db);
  const version = importVersionOf(await caches.version());
  const { level, period, format } = options;
  const key = `${id}|${period ?? 'latest'}|${level}|${format}@${version}`;
  return caches.bodies.get(key, async () => {
    const keyed = await getIndicatorValues(db, id, { level, ...(period ? { period } : {}) });
    if (format === 'keyed') return precompress(JSON.stringify(keyed));
    const { value } = await cachedLevelUnits(db, level);
    return precompress(JSON.stringify(valueColumns(keyed, value.units)));
  });
}
