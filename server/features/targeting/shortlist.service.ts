import type { Kysely } from 'kysely';
import type { HeavyPool } from '../../compute/heavy-pool.ts';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import type { ExportColumn } from '../../shared/table-export/export-stamp.ts';
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

/** The shortlist's columns, shared by the CSV and XLSX exports so that both files say the same thing. */
const shortlistColumns: ExportColumn<Selected>[] = [
  { header: 'Hromada pcode', hxl: '#adm3+code', value: (r) => r.pcode },
  { header: 'Hromada (uk)', hxl: '#adm3+name+i_uk', value: (r) => r.nameUk },
  { header: 'Hromada (en)', hxl: '#adm3+name+i_en', value: (r) => r.nameEn },
  { header: 'Oblast pcode', hxl: '#adm1+code', value: (r) => r.oblastPcode },
  { header: 'Population 2022', hxl: '#population+total', value: (r) => r.population },
  { header: 'Priority', hxl: '#severity+num+priority', value: (r) => r.priority },
  { header: 'CPI', hxl: '#severity+num+cpi', value: (r) => r.cpi },
  { header: 'Needs', hxl: '#severity+num+needs', value: (r) => r.needs },
  { header: 'Cost', hxl: '#value+cost', value: (r) => r.cost },
  { header: 'Reason', hxl: '#description+reason', value: (r) => r.reason },
];

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
  const solve = createTargetingService(db, models, pool);
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
    const stamp = {
      title: 'shortlist',
      model: {
        id: `targeting-${request.priority}`,
        version: `cpi ${result.model.cpi}, needs ${result.model.needs}`,
      },
      scenario: scenario ? { id: scenario.id, name: scenario.name } : null,
      asOf: result.asOf,
      generatedAt: new Date().toISOString(),
      dataVersion,
      sources: await listSourceCredits(db),
      request,
    };
    return exportTable(
      {
        columns: shortlistColumns,
        rows: result.selected,
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
