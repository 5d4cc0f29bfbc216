import { createHash } from 'node:crypto';
import type { UnitLevel } from '../../db/schema.ts';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../shared/errors.ts';
import {
  findCoverage,
  findIndicators,
  findIndicatorValues,
  findLevelPcodes,
} from './indicators.repository.ts';
import type {
  Indicator,
  IndicatorUnits,
  IndicatorValueColumns,
  IndicatorValues,
} from './indicators.schemas.ts';

/** The catalogue, each indicator with the periods it has values for and how many units each covers. */
export async function listIndicators(db: Executor): Promise<Indicator[]> {
  const [indicators, coverage] = await Promise.all([findIndicators(db), findCoverage(db)]);
  const byIndicator = groupCoverage(coverage);
  return indicators.map((i) => {
    const periods = byIndicator.get(i.id) ?? [];
    return {
      id: i.id,
      nameUk: i.name_uk,
      nameEn: i.name_en,
      description: i.description,
      unit: i.unit,
      domain: i.domain,
      direction: i.direction,
      derivation: i.derivation,
      source: {
        id: i.source_id,
        name: i.source_name,
        licence: i.source_licence,
        attribution: i.source_attribution,
      },
      periods: periods.map((p) => p.period),
      coverage: periods,
    };
  });
}

function groupCoverage(rows: { indicator_id: string; period: string; units: number }[]) {
  const byIndicator = new Map<string, { period: string; units: number }[]>();
  for (const r of rows) {
    const list = byIndicator.get(r.indicator_id) ?? [];
    list.push({ period: r.period, units: r.units });
    byIndicator.set(r.indicator_id, list);
  }
  // Periods of one indicator share one format (year, month or day), so string order is time order.
  for (const list of byIndicator.values())
    list.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  return byIndicator;
}

export interface ResolvedIndicator {
  id: string;
  unit: string;
  period: string;
}

/**
 * Checks that every indicator exists and picks its period: the one asked for, which it must have values
 * for, or its latest. `unknown` says how an unknown id is answered: 404 when the id is the resource of the
 * request, 400 when it is one of its parameters.
 */
export async function resolveIndicatorPeriods(
  db: Executor,
  ids: string[],
  period: string | undefined,
  unknown: 'NOT_FOUND' | 'BAD_REQUEST',
): Promise<ResolvedIndicator[]> {
  const unique = [...new Set(ids)];
  const [indicators, coverage] = await Promise.all([findIndicators(db, unique), findCoverage(db, unique)]);
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const requested = unique.flatMap((id) => byId.get(id) ?? []);
  const missing = unique.filter((id) => !byId.has(id));
  if (missing.length) {
    const where = unknown === 'BAD_REQUEST' ? 'query parameter indicators: ' : '';
    throw new AppError(unknown, `${where}no indicator ${missing.join(', ')} (see /api/indicators)`);
  }
  const periods = groupCoverage(coverage);
  return requested.map(({ id, unit }) => {
    const available = (periods.get(id) ?? []).map((p) => p.period);
    const chosen = period ?? available.at(-1);
    if (chosen === undefined) throw new AppError('NOT_FOUND', `indicator ${id} has no values yet`);
    if (!available.includes(chosen)) {
      throw new AppError(
        'NOT_FOUND',
        `indicator ${id} has no values for period ${chosen} (periods: ${available.join(', ')})`,
      );
    }
    return { id, unit, period: chosen };
  });
}

/** One indicator's values for one period (default: the latest), keyed by unit pcode. */
export async function getIndicatorValues(
  db: Executor,
  id: string,
  options: { level: UnitLevel; period?: string },
): Promise<IndicatorValues> {
  const [indicator] = await resolveIndicatorPeriods(db, [id], options.period, 'NOT_FOUND');
  const { period, unit } = indicator!;
  const rows = await findIndicatorValues(db, id, period, options.level);
  return {
    indicatorId: id,
    period,
    unit,
    values: Object.fromEntries(rows.map((r) => [r.unit_pcode, r.value])),
  };
}

/**
 * The order of the columns form: every unit of the level, sorted by code unit in JavaScript (so that both
 * engines give one order whatever the database's collation), named by a hash of the list.
 */
export async function getLevelUnits(db: Executor, level: UnitLevel): Promise<IndicatorUnits> {
  const units = (await findLevelPcodes(db, level)).map((r) => r.pcode).sort();
  const version = createHash('sha256').update(units.join('\n')).digest('base64url').slice(0, 16);
  return { level, version, units };
}

export function unitsUrlOf(units: IndicatorUnits): string {
  return `/api/indicators/units?level=${units.level}&v=${units.version}`;
}

/**
 * The keyed values as one array aligned to `units` (issue #5, B5: a pcode per value was most of the bytes).
 * The numbers are the keyed form's, untouched; a unit without a value gets null, never zero.
 */
export function valueColumns(keyed: IndicatorValues, units: IndicatorUnits): IndicatorValueColumns {
  const byPcode = new Map(Object.entries(keyed.values));
  return {
    indicatorId: keyed.indicatorId,
    period: keyed.period,
    unit: keyed.unit,
    level: units.level,
    unitsUrl: unitsUrlOf(units),
    values: units.units.map((pcode) => byPcode.get(pcode) ?? null),
  };
}
