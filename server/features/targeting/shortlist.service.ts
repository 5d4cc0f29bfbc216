import type { Kysely } from 'kysely';
import type { HeavyPool } from '../../compute/heavy-pool.ts';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { rounded, scenarioName, type ExportColumn } from '../../shared/table-export/export-stamp.ts';
import { findOblastNames } from '../units/units.repository.ts';
import { shortlistContext } from './shortlist-context.ts';
import { exportTable, type ExportFile, type ExportFormat } from '../../shared/table-export/table-export.ts';
import { findDataVersion } from '../../db/data-version.ts';
import type { ModelsService } from '../models/models.service.ts';
import { findScenario } from '../scenarios/scenarios.repository.ts';
import { listSourceCredits } from '../sources/sources.service.ts';
import { hromadaFeatures } from '../units/units.service.ts';
import { canonicalJson, SolveGate } from './solve-gate.ts';
import type { TargetingRequestBody } from './targeting.schemas.ts';
import { createTargetingService } from './targeting.service.ts';

export type TargetingResult = Awaited<ReturnType<ReturnType<typeof createTargetingService>>>;
type Selected = TargetingResult['selected'][number];

/** A solved request and the data version it was solved on (which its export is stamped with). */
export interface Shortlist {
  request: TargetingRequestBody;
  result: TargetingResult;
  dataVersion: string;
}

/** Oblast names by pcode, for the name columns and the filters line. */
type OblastNames = ReadonlyMap<string, { uk: string; en: string }>;

/**
 * The shortlist's columns, shared by the CSV and XLSX exports so that both files say the same thing: its rank
 * and oblast by name (issue #14, item 10), scores to 2 decimals and costs to the hryvnia — what a reader acts
 * on, not the solver's 15 digits.
 */
function shortlistColumns(oblasts: OblastNames): ExportColumn<Selected>[] {
  return [
    { header: 'Hromada pcode', hxl: '#adm3+code', value: (r) => r.pcode },
    { header: 'Rank (priority, of eligible)', hxl: '#indicator+rank', value: (r) => r.rank },
    { header: 'Hromada (uk)', hxl: '#adm3+name+i_uk', value: (r) => r.nameUk },
    { header: 'Hromada (en)', hxl: '#adm3+name+i_en', value: (r) => r.nameEn },
    { header: 'Oblast pcode', hxl: '#adm1+code', value: (r) => r.oblastPcode },
    { header: 'Oblast (uk)', hxl: '#adm1+name+i_uk', value: (r) => oblasts.get(r.oblastPcode)?.uk ?? null },
    { header: 'Oblast (en)', hxl: '#adm1+name+i_en', value: (r) => oblasts.get(r.oblastPcode)?.en ?? null },
    { header: 'Population 2022', hxl: '#population+total', value: (r) => r.population },
    { header: 'Priority', hxl: '#severity+num+priority', value: (r) => rounded(r.priority, 2) },
    { header: 'CPI (0–10)', hxl: '#severity+num+cpi', value: (r) => rounded(r.cpi, 2) },
    { header: 'Needs (0–10)', hxl: '#severity+num+needs', value: (r) => rounded(r.needs, 2) },
    { header: 'Cost (UAH)', hxl: '#value+cost', value: (r) => rounded(r.cost, 0) },
    { header: 'Reason', hxl: '#description+reason', value: (r) => r.reason },
  ];
}

export interface ShortlistDeps {
  db: Kysely<DB>;
  models: ModelsService;
  limits: Config['targeting'];
  pool: HeavyPool;
  /** The app's clock: without asOf the gap is measured today. */
  now: () => Date;
}

/** Targeting as the API offers it: solves behind a gate, and their exports. One per app. */
export function createShortlistService({ db, models, limits, pool, now }: ShortlistDeps) {
  const solve = createTargetingService(db, models, pool, limits.timeLimitSeconds);
  // Issue #11 item 3: a bounded number of solves at once, and one solve per distinct request and data.
  const gate = new SolveGate<TargetingResult>(limits.concurrency, limits.queue);

  async function shortlist(request: TargetingRequestBody): Promise<Shortlist> {
    const dataVersion = await findDataVersion(db);
    // Without asOf the gap is measured today: the day is part of what the answer depends on.
    const day = request.asOf ?? now().toISOString().slice(0, 10);
    const key = canonicalJson({ request, dataVersion, day });
    return { request, result: await gate.run(key, () => solve(request)), dataVersion };
  }

  /** The selection as CSV (HXL), XLSX (HXL) or GeoJSON, stamped with the request that chose it. */
  async function exportShortlist(
    { request, result, dataVersion }: Shortlist,
    format: ExportFormat,
  ): Promise<ExportFile> {
    // The stamp names the scenario as its author called it; the solve has already checked that it exists.
    const scenario = request.scenario ? await findScenario(db, request.scenario) : undefined;
    const oblasts: OblastNames = new Map(
      (await findOblastNames(db)).map((o) => [o.pcode, { uk: o.name_uk, en: o.name_en }]),
    );
    const customWeights =
      Object.keys(request.weights ?? {}).length + Object.keys(request.needsWeights ?? {}).length > 0;
    const stamp = {
      title: 'shortlist',
      model: {
        id: `targeting-${request.priority}`,
        version: `cpi ${result.model.cpi}, needs ${result.model.needs}`,
      },
      scenario: scenario ? { id: scenario.id, name: scenario.name } : null,
      scenarioName: scenarioName(scenario, customWeights),
      context: shortlistContext(request, (p) => oblasts.get(p)?.en ?? p),
      asOf: result.asOf,
      generatedAt: new Date().toISOString(),
      dataVersion,
      sources: await listSourceCredits(db),
      request,
    };
    return exportTable(
      {
        columns: shortlistColumns(oblasts),
        // Highest priority first: the order a manager reads a shortlist in.
        rows: [...result.selected].sort((a, b) => a.rank - b.rank),
        stamp,
        features: () =>
          hromadaFeatures(db, (s: Selected) => s, {
            optimal: result.optimal,
            totalCost: result.totalCost,
          }),
      },
      format,
    );
  }

  return { shortlist, exportShortlist };
}

export type ShortlistService = ReturnType<typeof createShortlistService>;
