import path from 'node:path';
import { repoRoot } from '../../server/config.ts';

/**
 * Where the tests read the real source files: ATLAS_DATA_MIRROR when set (CI and these machines:
 * ../shared/data), otherwise the fetch cache, which the global setup fills from the pinned URLs.
 */
export function testDataDir(): string {
  return process.env.ATLAS_DATA_MIRROR
    ? path.resolve(process.env.ATLAS_DATA_MIRROR)
    : path.resolve(process.env.ATLAS_CACHE_DIR ?? path.join(repoRoot, '.atlas', 'cache'));
}
