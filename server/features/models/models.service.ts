import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ModelDefinition } from '../../model/model-definition.ts';
import { ModelInputError } from '../../model/model-error.ts';
import type { Aggregations } from '../../model/model-structure.ts';
import { compareRanks } from '../../model/ranking.ts';
import { scoreModel, type ScoreResult } from '../../model/score.ts';
import { globalMoran, lowHighWatchList, spatialLag } from '../../model/spatial.ts';
import type { RankBand } from '../../model/uncertainty.ts';
import type { HeavyPool } from '../../compute/heavy-pool.ts';
import { AppError } from '../../shared/errors.ts';
import { BoundedCache } from '../../shared/http-cache.ts';
import { findDataVersion } from '../../db/data-version.ts';
import { findScenario, type ScenarioRow } from '../scenarios/scenarios.repository.ts';
import { indexDates } from './index-dates.ts';
import { buildModelInput, readModelValues, type ModelInput } from './model-matrix.ts';
import { findAssessmentDays, findHromadaNeighbours, findIndicatorPeriods } from './models.repository.ts';

export interface ScoreRequest {
  scenarioId?: string;
  weights?: Record<string, number>;
  aggregation?: Partial<Aggregations>;
  /** false switches proxy indicators off; default: the scenario's setting, else true. */
  useProxies?: boolean;
  /** Use the newest values at or before this date (YYYY-MM-DD); default: the newest. */
  asOf?: string;
  /** The confidence a unit needs to be ranked (comparability.ts); default: the model's minForRanking. */
  minConfidence?: number;
  /** Compute Monte Carlo rank bands (1,000 runs; cached per data version and settings). */
  bands?: boolean;
}

export interface ScoredModel {
  model: ModelDefinition;
  scenario: ScenarioRow | null;
  input: ModelInput;
  result: ScoreResult;
  bands: Map<string, RankBand> | null;
  dataVersion: string;
  /** When the inputs were read from the database: the scores' "generated at", the same for every request
   * until the data changes, so that an unchanged answer keeps its ETag (issue #15, B4 repeat visit). */
  inputReadAt: string;
}

/** Scoring, uncertainty and spatial statistics for the models of data/models over the database's values. */
export function createModelsService(
  db: Kysely<DB>,
  models: Map<string, ModelDefinition>,
  /** Rank bands and LISA/Gi* run there, off the event loop, cached by request and data version (issue #15). */
  pool: HeavyPool,
) {
  // Bounded by count (each entry costs 1): the newest entries win, the oldest go first.
  const inputs = new BoundedCache<{ input: ModelInput; readAt: string }>(8, () => 1);
  const trends = new BoundedCache<{ date: string; matrix: ModelInput['matrix']; result: ScoreResult }[]>(
    2,
    () => 1,
  );

  function model(id: string): ModelDefinition {
    const m = models.get(id);
    if (!m) throw new AppError('NOT_FOUND', `no model "${id}" (models: ${[...models.keys()].join(', ')})`);
    return m;
  }

  async function input(
    m: ModelDefinition,
    asOf: string | undefined,
    dataVersion: string,
  ): Promise<{ input: ModelInput; readAt: string }> {
    const key = `${m.id}@${m.version}|${asOf ?? ''}|${dataVersion}`;
    // Concurrent requests share one read; a failed read is not cached: the next request tries again.
    return inputs.get(key, async () => ({
      input: await buildModelInput(db, m, asOf),
      readAt: new Date().toISOString(),
    }));
  }

  async function scenario(m: ModelDefinition, id: string | undefined): Promise<ScenarioRow | null> {
    if (!id) return null;
    const s = await findScenario(db, id);
    if (!s) throw new AppError('NOT_FOUND', `no scenario "${id}"`);
    if (s.model_id !== m.id)
      throw new AppError('BAD_REQUEST', `scenario "${id}" is for model ${s.model_id}, not ${m.id}`);
    return s;
  }

  /** Model errors (unknown weight ids, bad aggregation) are the caller's: 400 naming the problem. */
  function guarded<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw badRequest(err);
    }
  }

  function badRequest(err: unknown): unknown {
    return err instanceof ModelInputError ? new AppError('BAD_REQUEST', err.message) : err;
  }

  async function score(modelId: string, req: ScoreRequest = {}): Promise<ScoredModel> {
    const m = model(modelId);
    const s = await scenario(m, req.scenarioId);
    const dataVersion = await findDataVersion(db);
    const { input: inp, readAt } = await input(m, req.asOf, dataVersion);
    const options = {
      weights: { ...(s?.weights ?? {}), ...(req.weights ?? {}) },
      aggregation: {
        ...((s?.aggregation as Partial<Aggregations> | null) ?? {}),
        ...(req.aggregation ?? {}),
      },
      useProxies: req.useProxies ?? s?.use_proxies ?? true,
      minConfidence: req.minConfidence ?? m.confidence.minForRanking,
    };
    const result = guarded(() => scoreModel(m, inp.matrix, options));
    let bands: Map<string, RankBand> | null = null;
    if (req.bands) {
      const key = `${m.id}@${m.version}|${req.asOf ?? ''}|${dataVersion}|${JSON.stringify(options)}`;
      const mc = await pool
        .run(
          'rankBands',
          {
            model: m,
            matrix: inp.matrix,
            options: { ...options, rankable: result.units.map((u) => u.ranked), runs: 1000, seed: 1 },
          },
          { key },
        )
        .catch((err: unknown) => {
          throw badRequest(err);
        });
      bands = new Map(mc.units.map((b) => [b.pcode, b]));
    }
    return { model: m, scenario: s, input: inp, result, bands, dataVersion, inputReadAt: readAt };
  }

  async function neighbourGraph(units: readonly { pcode: string }[]): Promise<number[][]> {
    const index = new Map(units.map((u, i) => [u.pcode, i]));
    const graph: number[][] = units.map(() => []);
    for (const n of await findHromadaNeighbours(db)) {
      const a = index.get(n.unit_pcode);
      const b = index.get(n.neighbour_pcode);
      if (a !== undefined && b !== undefined) graph[a]!.push(b);
    }
    return graph;
  }

  async function hotspots(
    modelId: string,
    method: 'lisa' | 'gi',
    req: ScoreRequest & { permutations?: number; seed?: number; alpha?: number } = {},
  ) {
    const scored = await score(modelId, { ...req, bands: false });
    // Only ranked units take part (comparability.ts, issue #14): an unranked one (Crimea, Sevastopol, low
    // confidence) is left out like an unscored one, so the clusters and the FDR's count of tests agree with
    // the ranks' denominator.
    const values = scored.result.units.map((u) => (u.ranked ? u.score : null));
    const graph = await neighbourGraph(scored.result.units);
    const lag = spatialLag(values, graph);
    const global = globalMoran(values, graph);
    // The same scores on the same data give the same statistics: the key is what the values depend on.
    const key = JSON.stringify([
      scored.model.id,
      scored.model.version,
      scored.dataVersion,
      req.scenarioId ?? null,
      req.weights ?? null,
      req.aggregation ?? null,
      req.useProxies ?? null,
      req.asOf ?? null,
      req.minConfidence ?? null,
    ]);
    if (method === 'lisa') {
      const options = { permutations: req.permutations, seed: req.seed, alpha: req.alpha };
      const lisa = await pool.run(
        'lisa',
        { values, graph, options },
        { key: `${key}|${JSON.stringify(options)}` },
      );
      const watch = new Set(lowHighWatchList(lisa));
      return { scored, global, lag, method, lisa, gi: null, watchList: watch };
    }
    const options = { alpha: req.alpha };
    const gi = await pool.run('gi', { values, graph, options }, { key: `${key}|${JSON.stringify(options)}` });
    return { scored, global, lag, method, lisa: null, gi, watchList: new Set<number>() };
  }

  async function compare(modelId: string, a: string | undefined, b: string | undefined, asOf?: string) {
    const [before, after] = await Promise.all([
      score(modelId, { scenarioId: a, asOf }),
      score(modelId, { scenarioId: b, asOf }),
    ]);
    return { before, after, changes: compareRanks(before.result.units, after.result.units) };
  }

  /** The dates at which the model's scores can change, oldest first (issue #14 item 5). */
  async function dates(modelId: string) {
    const m = model(modelId);
    const ids = [
      ...new Set(
        m.dimensions.flatMap((d) => d.components.flatMap((c) => c.indicators.map((n) => n.indicatorId))),
      ),
    ];
    const [periods, days] = await Promise.all([findIndicatorPeriods(db, ids), findAssessmentDays(db)]);
    return { model: m, dates: indexDates(m, periods, days) };
  }

  /**
   * One hromada's score, dimensions, components and raw indicator values at each of the model's dates (the
   * profile's sparklines), with the default weights. The values are read once; each date picks its periods.
   */
  async function trend(modelId: string, pcode: string) {
    const m = model(modelId);
    const dataVersion = await findDataVersion(db);
    // Every unit's run at every date, once per data version: each profile then only picks its row.
    const runs = await trends.get(`${m.id}@${m.version}|${dataVersion}`, async () => {
      const { dates: list } = await dates(modelId);
      const read = await readModelValues(db, m);
      const out = [];
      for (const { date } of list) {
        const inp = await buildModelInput(db, m, date, read);
        const result = guarded(() =>
          scoreModel(m, inp.matrix, { minConfidence: m.confidence.minForRanking }),
        );
        out.push({ date, matrix: inp.matrix, result });
      }
      return out;
    });
    const at = runs[0]?.matrix.units.indexOf(pcode) ?? -1;
    if (at < 0) throw new AppError('NOT_FOUND', `pcode: no hromada "${pcode}"`);
    const points = runs.map(({ date, matrix, result }) => {
      const u = result.units[at]!;
      const indicators: Record<string, number | null> = {};
      for (const [node, col] of Object.entries(matrix.columns)) indicators[node] = col.values[at] ?? null;
      return {
        date,
        score: u.score,
        rank: u.rank,
        rankedCount: result.rankedCount,
        confidence: u.confidence,
        dimensions: u.dimensions,
        components: u.components,
        indicators,
      };
    });
    return { model: m, pcode, points };
  }

  return { models, model, score, hotspots, compare, neighbourGraph, dates, trend };
}

export type ModelsService = ReturnType<typeof createModelsService>;
