import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { HeavyPool } from '../../compute/heavy-pool.ts';
import { isPreReformCrimea } from '../../model/comparability.ts';
import { greedyPreview } from '../../model/targeting.ts';
import { AppError } from '../../shared/errors.ts';
import { findLatestOccupiedShare } from '../models/models.repository.ts';
import type { ModelsService } from '../models/models.service.ts';
import { computeGap, type GapRow } from './coverage.service.ts';
import { solveExactly } from './exact-solve.ts';
import type { TargetingRequestBody } from './targeting.schemas.ts';

/** A community counts as occupied for targeting when at least half of its area is (latest DeepState snapshot). */
export const OCCUPIED_SHARE_THRESHOLD = 0.5;

/**
 * Filters the communities, prices them and selects the best set under the budget: exactly (HiGHS MILP) or,
 * when asked, a labelled greedy preview. Every selected community carries the reason it was chosen.
 */
export function createTargetingService(
  db: Kysely<DB>,
  models: ModelsService,
  pool: HeavyPool,
  timeLimitSeconds: number,
) {
  return async function target(req: TargetingRequestBody) {
    const gap = await computeGap(db, models, {
      asOf: req.asOf,
      cpiScenario: req.priority === 'needs' ? undefined : req.scenario,
      needsScenario: req.priority === 'needs' ? req.scenario : req.needsScenario,
      cpiWeights: req.priority === 'needs' ? undefined : req.weights,
      needsWeights: req.priority === 'needs' ? req.weights : req.needsWeights,
    });
    const occupied = new Map((await findLatestOccupiedShare(db)).map((r) => [r.unit_pcode, r.value]));
    const f = req.filters;
    const excluded: Record<string, number> = {};
    const exclude = (reason: string) => {
      excluded[reason] = (excluded[reason] ?? 0) + 1;
      return false;
    };
    const priorityOf = (r: GapRow) =>
      req.priority === 'gap' ? r.priority : req.priority === 'cpi' ? r.cpi : r.needs;
    const confidenceOf = (r: GapRow) =>
      req.priority === 'needs'
        ? r.needsConfidence
        : req.priority === 'cpi'
          ? r.cpiConfidence
          : Math.min(r.cpiConfidence, r.needsConfidence);

    const eligible = gap.rows.filter((r) => {
      if (priorityOf(r) === null) return exclude('not scored');
      if (f.oblasts && !f.oblasts.includes(r.oblastPcode)) return exclude('outside the chosen oblasts');
      if (f.excludeOccupied && (r.isCrimea || (occupied.get(r.pcode) ?? 0) >= OCCUPIED_SHARE_THRESHOLD))
        return exclude('occupied');
      if (f.currentSystemOnly && isPreReformCrimea(r.pcode))
        return exclude('not a hromada of the current system');
      if (
        (f.populationMin !== undefined || f.populationMax !== undefined || req.cost.type === 'per_capita') &&
        r.population === null
      ) {
        return exclude('population unknown');
      }
      if (f.populationMin !== undefined && r.population! < f.populationMin)
        return exclude('population below the range');
      if (f.populationMax !== undefined && r.population! > f.populationMax)
        return exclude('population above the range');
      if (f.minConfidence !== undefined && confidenceOf(r) < f.minConfidence)
        return exclude('confidence below the minimum');
      if (f.notCoveredInSector && r.programmes.some((p) => p.sector === f.notCoveredInSector)) {
        return exclude(`already covered in ${f.notCoveredInSector}`);
      }
      return true;
    });
    if (eligible.length === 0)
      throw new AppError('UNPROCESSABLE', `no community passes the filters (${JSON.stringify(excluded)})`);

    const cost = (r: GapRow) =>
      req.cost.type === 'flat' ? req.cost.amount : req.cost.amount * r.population!;
    const problem = {
      candidates: eligible.map((r) => ({
        pcode: r.pcode,
        priority: priorityOf(r)!,
        cost: cost(r),
        group: r.oblastPcode,
      })),
      budget: req.budget,
      quotas: req.quotas,
      maxCount: req.maxCount,
    };
    const result =
      req.method === 'greedy-preview'
        ? greedyPreview(problem)
        : await solveExactly(pool, problem, timeLimitSeconds);

    const byPcode = new Map(eligible.map((r) => [r.pcode, r]));
    const selection =
      'selected' in result
        ? result.selected.map((pcode) => {
            const r = byPcode.get(pcode)!;
            const why = result.reasons[pcode]!;
            return {
              pcode,
              nameUk: r.nameUk,
              nameEn: r.nameEn,
              oblastPcode: r.oblastPcode,
              population: r.population,
              rank: why.rank,
              priority: why.priority,
              cost: why.cost,
              cpi: r.cpi,
              needs: r.needs,
              coverage: r.coverage,
              reason:
                `priority rank ${why.rank} of ${eligible.length} eligible` +
                (req.priority === 'gap'
                  ? `: π = CPI ${fmt(r.cpi)} × Needs ${fmt(r.needs)} × (1 − coverage ${r.coverage}) = ${fmt(why.priority)}`
                  : `: ${req.priority.toUpperCase()} ${fmt(why.priority)}`) +
                `; cost ${Math.round(why.cost).toLocaleString('en')}`,
            };
          })
        : [];
    return {
      method: result.method,
      optimal: result.optimal,
      status: result.status,
      ...('reason' in result ? { reason: result.reason } : {}),
      ...('fallback' in result ? { fallback: result.fallback } : {}),
      priority: req.priority,
      budget: req.budget,
      totalCost: 'totalCost' in result ? result.totalCost : 0,
      objective: 'objective' in result ? result.objective : 0,
      eligible: eligible.length,
      excluded,
      asOf: gap.asOf,
      model: { cpi: gap.cpi.model.version, needs: gap.needs.model.version },
      selected: selection,
    };
  };
}

const fmt = (x: number | null) => (x === null ? '–' : x.toFixed(2));
