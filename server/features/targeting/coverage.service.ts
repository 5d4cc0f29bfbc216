import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findActiveProgrammeSites } from '../models/models.repository.ts';
import type { ModelsService } from '../models/models.service.ts';

export interface GapRequest {
  sector?: string;
  /** Programmes active on this date count as coverage; default today. */
  asOf?: string;
  cpiScenario?: string;
  needsScenario?: string;
  /** Weight overrides over the scenario's (the targeting request's own). */
  cpiWeights?: Record<string, number>;
  needsWeights?: Record<string, number>;
}

export interface GapRow {
  pcode: string;
  nameUk: string;
  nameEn: string;
  oblastPcode: string;
  population: number | null;
  isCrimea: boolean;
  cpi: number | null;
  cpiConfidence: number;
  needs: number | null;
  needsConfidence: number;
  /** 0–1: reached / people in need where both are known, else presence (1 if a programme is active there). */
  coverage: number;
  coverageBasis: 'presence';
  programmes: { code: string; title: string; sector: string; organisation: string }[];
  /** needs × (1 − coverage), 0–10. */
  gap: number | null;
  /** π = CPI × Needs × (1 − coverage), 0–100. */
  priority: number | null;
}

/**
 * Coverage, gap and targeting priority per hromada (docs/methodology.md, "Coverage and gap"). People in need
 * is not in the open data, so coverage is presence of an active programme (in the sector, when one is given).
 */
export async function computeGap(db: Kysely<DB>, models: ModelsService, req: GapRequest = {}) {
  const asOf = req.asOf ?? new Date().toISOString().slice(0, 10);
  const [cpi, needs, sites] = await Promise.all([
    models.score('cpi', { scenarioId: req.cpiScenario, weights: req.cpiWeights }),
    models.score('needs', { scenarioId: req.needsScenario, weights: req.needsWeights }),
    findActiveProgrammeSites(db, asOf, req.sector),
  ]);
  const needsBy = new Map(needs.result.units.map((u) => [u.pcode, u]));
  const sitesBy = new Map<string, GapRow['programmes']>();
  for (const s of sites) {
    const list = sitesBy.get(s.unit_pcode) ?? [];
    list.push({ code: s.code, title: s.title, sector: s.sector, organisation: s.organisation });
    sitesBy.set(s.unit_pcode, list);
  }
  const rows: GapRow[] = cpi.input.units.map((unit, i) => {
    const c = cpi.result.units[i]!;
    const n = needsBy.get(unit.pcode);
    const programmes = sitesBy.get(unit.pcode) ?? [];
    const coverage = programmes.length > 0 ? 1 : 0;
    const needsScore = n?.score ?? null;
    return {
      pcode: unit.pcode,
      nameUk: unit.name_uk,
      nameEn: unit.name_en,
      oblastPcode: unit.oblast_pcode,
      population: unit.population,
      isCrimea: unit.is_crimea,
      cpi: c.score,
      cpiConfidence: c.confidence,
      needs: needsScore,
      needsConfidence: n?.confidence ?? 0,
      coverage,
      coverageBasis: 'presence' as const,
      programmes,
      gap: needsScore === null ? null : needsScore * (1 - coverage),
      priority: c.score === null || needsScore === null ? null : c.score * needsScore * (1 - coverage),
    };
  });
  return { asOf, sector: req.sector ?? null, cpi, needs, rows };
}
