import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../shared/errors.ts';
import { BoundedCache, precompress, type Precompressed } from '../../shared/http-cache.ts';
import { findSnapshotPolygons, findSnapshots } from './occupied-areas.repository.ts';
import type { OccupiedAreaFeatureCollection, OccupiedAreaSnapshot } from './occupied-areas.schemas.ts';

/**
 * Display simplification: 0.002° is ≈ 220 m north–south and ≈ 140 m east–west at 50° N, below what a
 * country-wide or oblast view can show; the whole latest snapshot is then ≈ 40 KB (≈ 60 KB unsimplified:
 * the DeepState snapshots are already coarse). 5 decimals ≈ 1 m.
 */
export const SIMPLIFY_TOLERANCE_DEGREES = 0.002;
export const COORDINATE_DECIMALS = 5;

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Every snapshot, oldest first. */
export async function listSnapshots(db: Executor): Promise<OccupiedAreaSnapshot[]> {
  return (await findSnapshots(db)).map((s) => ({
    date: s.snapshot_date,
    source:
      s.source_id === null
        ? null
        : {
            id: s.source_id,
            name: s.source_name!,
            licence: s.source_licence!,
            attribution: s.source_attribution!,
          },
    features: s.features,
    areaKm2: round2(s.area_km2),
  }));
}

/** One snapshot as a GeoJSON FeatureCollection with its provenance; 404 naming the dates there are. */
export async function buildSnapshotGeoJson(
  db: Executor,
  date: string,
): Promise<OccupiedAreaFeatureCollection> {
  const snapshots = await listSnapshots(db);
  const snapshot = snapshots.find((s) => s.date === date);
  if (!snapshot) {
    const available = snapshots.map((s) => s.date).join(', ') || 'none';
    throw new AppError(
      'NOT_FOUND',
      `no occupied-area snapshot on ${date} (available: ${available}; see /api/occupied-areas)`,
    );
  }
  const polygons = await findSnapshotPolygons(db, date, SIMPLIFY_TOLERANCE_DEGREES, COORDINATE_DECIMALS);
  return {
    type: 'FeatureCollection',
    metadata: {
      date,
      source: snapshot.source,
      licence: snapshot.source?.licence ?? null,
      attribution: snapshot.source?.attribution ?? null,
    },
    features: polygons.map((p) => ({
      type: 'Feature',
      id: p.part,
      geometry: p.geometry,
      properties: { date, areaKm2: round2(p.area_km2) },
    })),
  };
}

/**
 * Serialised snapshots by (date, data version), compressed once; bounded, so that old versions and
 * rarely asked dates fall out.
 */
export function createSnapshotCache(): BoundedCache<Precompressed> {
  return new BoundedCache<Precompressed>(32 * 1024 * 1024, (body) => body.bytes);
}

export async function getSnapshotGeoJson(
  db: Executor,
  cache: BoundedCache<Precompressed>,
  date: string,
  dataVersion: string,
): Promise<Precompressed> {
  return cache.get(`${date}@${dataVersion}`, async () =>
    precompress(JSON.stringify(await buildSnapshotGeoJson(db, date))),
  );
}
