import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, UnitLevel } from '../../db/schema.ts';
import { loadUnitPcodes } from '../../db/unit-pcodes.ts';
import type { ImportReport, ImportTarget, RejectedRow } from '../import-batch.ts';
import { runImport } from '../import-batch.ts';
import { parseFeatureCollection, UKRAINE_EXTENT } from '../parse/geojson.ts';
import { isPreReformCrimea } from '../../model/comparability.ts';
import { pcodeLevel } from '../../shared/pcode.ts';
import { textProblem } from '../../shared/plausibility.ts';

// COD-AB attribute names per level (ADM1 oblast, ADM2 raion, ADM3 hromada): SOURCES.md §1.
const admLevel = { oblast: 1, raion: 2, hromada: 3 } as const;
const parentLevel = { oblast: null, raion: 'oblast', hromada: 'raion' } as const;

// The longest COD-AB name is 37 characters; 200 leaves room for any real name and refuses a pasted paragraph.
const MAX_NAME = 200;
/**
 * How much ST_MakeValid may change an invalid unit's area before the unit is refused rather than repaired:
 * 1 %. A ring that merely touches itself is repaired with no change of area; a figure-eight or crossed ring
 * is "repaired" into something else (issue #11, item 6: one lost half its area), and silently drawing and
 * scoring a unit with half its territory is worse than asking for a fixed file.
 */
const REPAIR_TOLERANCE = 0.01;

/** Units that are not ordinary hromadas but are kept, flagged (SOURCES.md: join keys). */
function specialOf(pcode: string): 'kyiv_city' | 'chornobyl_zone' | 'sevastopol' | null {
  if (pcode.startsWith('UA80')) return 'kyiv_city';
  if (pcode.startsWith('UA85')) return 'sevastopol';
  if (/^UA3200(000)?$/.test(pcode)) return 'chornobyl_zone';
  return null;
}

interface UnitRow {
  pcode: string;
  parent: string | null;
  name_uk: string;
  name_en: string;
  geometry: string | null;
  is_crimea: boolean;
  special: string | null;
  valid_on: string | null;
}

/**
 * Imports one COD-AB level. Geometry is made valid, forced to 2-D and to MultiPolygon in SQL (ST_MakeValid,
 * ST_Force2D, ST_CollectionExtract, ST_Multi); the two empty Crimea geometries are kept as units without
 * geometry. Units are upserted by pcode, so a re-run keeps every reference to them.
 */
export async function importBoundaries(
  db: Kysely<DB>,
  target: ImportTarget,
  text: string,
  level: UnitLevel,
): Promise<ImportReport> {
  const fc = parseFeatureCollection(text, { fileName: target.fileName, extent: UKRAINE_EXTENT });
  const n = admLevel[level];
  const keys = { pcode: `ADM${n}_PCODE`, uk: `ADM${n}_UA`, en: `ADM${n}_EN`, parent: `ADM${n - 1}_PCODE` };

  return runImport(db, target, async (trx, batchId) => {
    const parentLevelName = parentLevel[level];
    const parents = parentLevelName ? await loadUnitPcodes(trx, parentLevelName) : new Set<string>();
    const rejected: RejectedRow[] = [];
    const units: UnitRow[] = [];
    const seen = new Set<string>();
    for (const f of fc.features) {
      const row = f.index + 1; // "row" of a GeoJSON file = 1-based feature number
      const p = f.properties;
      const reject = (field: string, reason: string) =>
        rejected.push({ rowNumber: row, field: `features[${f.index}].properties.${field}`, reason });
      const pcode = typeof p[keys.pcode] === 'string' ? (p[keys.pcode] as string) : '';
      if (pcodeLevel(pcode) !== level) {
        reject(keys.pcode, `"${pcode}" is not a ${level} pcode`);
        continue;
      }
      if (seen.has(pcode)) {
        reject(keys.pcode, `${pcode} appears more than once`);
        continue;
      }
      seen.add(pcode);
      const parent = parentLevelName ? String(p[keys.parent] ?? '') : null;
      if (parent !== null && (!pcode.startsWith(parent) || pcodeLevel(parent) !== parentLevelName)) {
        reject(keys.parent, `parent "${parent}" does not contain ${pcode}`);
        continue;
      }
      if (parent !== null && !parents.has(parent)) {
        reject(keys.parent, `parent ${parent} is not imported (import the ${parentLevelName} level first)`);
        continue;
      }
      const nameUk = String(p[keys.uk] ?? '').trim();
      const nameEn = String(p[keys.en] ?? '').trim();
      if (!nameUk || !nameEn) {
        reject(nameUk ? keys.en : keys.uk, 'name is missing');
        continue;
      }
      const nameProblem = (
        [
          [keys.uk, textProblem(nameUk, { max: MAX_NAME })],
          [keys.en, textProblem(nameEn, { max: MAX_NAME })],
        ] as const
      ).find(([, problem]) => problem !== null);
      if (nameProblem) {
        reject(nameProblem[0], `name ${nameProblem[1]}`);
        continue;
      }
      if (f.outside) {
        rejected.push({
          rowNumber: row,
          field: `features[${f.index}].geometry`,
          reason: `${pcode}: ${f.outside}`,
        });
        continue;
      }
      const validOn = typeof p.validOn === 'number' ? new Date(p.validOn).toISOString().slice(0, 10) : null;
      units.push({
        pcode,
        parent,
        name_uk: nameUk,
        name_en: nameEn,
        geometry: f.empty ? null : JSON.stringify(f.geometry),
        is_crimea: isPreReformCrimea(pcode),
        special: specialOf(pcode),
        valid_on: validOn,
      });
    }

    const repairs = await checkRepairs(trx, units);
    for (const repair of repairs.refused) {
      const feature = fc.features.find((f) => f.properties[keys.pcode] === repair.pcode)!;
      rejected.push({
        rowNumber: feature.index + 1,
        field: `features[${feature.index}].geometry`,
        reason: repair.reason,
      });
    }
    const refused = new Set(repairs.refused.map((r) => r.pcode));
    const accepted = refused.size ? units.filter((u) => !refused.has(u.pcode)) : units;

    // One statement for the whole layer: the geometry work runs inside PostGIS, not row by row over the wire.
    await sql`
      insert into admin_units (pcode, level, parent_pcode, name_uk, name_en, geom, label_point, area_km2,
                               is_crimea, special, valid_on, batch_id)
      select u.pcode, ${level}, u.parent, u.name_uk, u.name_en, g.geom,
             case when g.geom is null then null else (ST_MaximumInscribedCircle(g.geom)).center end,
             case when g.geom is null then null else ST_Area(g.geom::geography) / 1e6 end,
             u.is_crimea, u.special, u.valid_on::date, ${batchId}
      from jsonb_to_recordset(${JSON.stringify(accepted)}::jsonb) as u(
             pcode text, parent text, name_uk text, name_en text, geometry text,
             is_crimea boolean, special text, valid_on text)
      cross join lateral (
        select ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Force2D(
                 ST_SetSRID(ST_GeomFromGeoJSON(u.geometry), 4326))), 3))::geometry(MultiPolygon, 4326) as geom
      ) g
      on conflict (pcode) do update set
        level = excluded.level, parent_pcode = excluded.parent_pcode, name_uk = excluded.name_uk,
        name_en = excluded.name_en, geom = excluded.geom, label_point = excluded.label_point,
        area_km2 = excluded.area_km2, is_crimea = excluded.is_crimea, special = excluded.special,
        valid_on = excluded.valid_on, batch_id = excluded.batch_id
    `.execute(trx);

    const empty = accepted.filter((u) => u.geometry === null).map((u) => u.pcode);
    const notes = empty.length
      ? [`${empty.length} unit(s) with an empty geometry kept without one: ${empty.join(', ')}`]
      : [];
    if (repairs.repaired.length) {
      notes.push(
        `${repairs.repaired.length} invalid geometr${repairs.repaired.length === 1 ? 'y' : 'ies'} repaired ` +
          `with ST_MakeValid, area changed by less than ${REPAIR_TOLERANCE * 100} %: ${repairs.repaired.join(', ')}`,
      );
    }
    return { rowsRead: fc.features.length, rowsAccepted: accepted.length, rejected, notes };
  });
}

/**
 * Finds the units whose geometry PostGIS calls invalid and compares the area before and after ST_MakeValid
 * (on the spheroid). Before the repair, ST_Area sums each ring as drawn, which is what the file's author
 * meant wherever the rings do not cross; a repair that changes it by more than the tolerance is refused with
 * the validity reason (ST_IsValidReason names the first self-intersection's location).
 */
async function checkRepairs(
  trx: Transaction<DB>,
  units: readonly UnitRow[],
): Promise<{ repaired: string[]; refused: { pcode: string; reason: string }[] }> {
  const shapes = units
    .filter((u) => u.geometry !== null)
    .map((u) => ({ pcode: u.pcode, geometry: u.geometry }));
  const { rows } = await sql<{ pcode: string; why: string; before_km2: number; after_km2: number }>`
    select u.pcode, ST_IsValidReason(g.geom) as why,
           abs(ST_Area(g.geom::geography)) / 1e6 as before_km2,
           ST_Area(ST_CollectionExtract(ST_MakeValid(g.geom), 3)::geography) / 1e6 as after_km2
    from jsonb_to_recordset(${JSON.stringify(shapes)}::jsonb) as u(pcode text, geometry text)
    cross join lateral (select ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(u.geometry), 4326)) as geom) g
    where not ST_IsValid(g.geom)
    order by u.pcode`.execute(trx);
  const repaired: string[] = [];
  const refused: { pcode: string; reason: string }[] = [];
  for (const r of rows) {
    const change = Math.abs(r.after_km2 - r.before_km2) / Math.max(r.before_km2, r.after_km2, 1e-9);
    if (change <= REPAIR_TOLERANCE) {
      repaired.push(r.pcode);
      continue;
    }
    const km2 = (v: number) => v.toLocaleString('en', { maximumFractionDigits: 1 });
    refused.push({
      pcode: r.pcode,
      reason:
        `${r.pcode}: invalid geometry (${r.why}); repairing it would change its area from ` +
        `${km2(r.before_km2)} km² to ${km2(r.after_km2)} km² (${Math.round(change * 100)} %), so it is not ` +
        'imported: fix the polygon in the source (e.g. QGIS "Check validity", or ogr2ogr -makevalid) and import again',
    });
  }
  return { repaired, refused };
}
