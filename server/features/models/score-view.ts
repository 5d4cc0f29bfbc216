import type { ModelDefinition } from '../../model/model-definition.ts';
import { rounded, type ExportColumn } from '../../shared/table-export/export-stamp.ts';
import type { ModelsService, ScoredModel } from './models.service.ts';

/** The API's view of a scoring run: unit names joined, rank bands attached, settings stated. */
export function scoresJson(scored: ScoredModel, asOf: string | null) {
  const meta = new Map(scored.input.units.map((u) => [u.pcode, u]));
  return {
    model: { id: scored.model.id, version: scored.model.version },
    scenario: scored.scenario ? { id: scored.scenario.id, name: scored.scenario.name } : null,
    asOf,
    dataVersion: scored.dataVersion,
    generatedAt: scored.inputReadAt,
    aggregation: { ...scored.result.aggregation },
    weights: scored.result.weights,
    periods: scored.input.periods,
    classes: { thresholds: [...scored.model.classes.thresholds], labels: scored.model.classes.labels },
    minConfidence: scored.result.minConfidence,
    rankedCount: scored.result.rankedCount,
    units: scored.result.units.map((u) => {
      const m = meta.get(u.pcode)!;
      const band = scored.bands?.get(u.pcode);
      return {
        pcode: u.pcode,
        nameUk: m.name_uk,
        nameEn: m.name_en,
        oblastPcode: m.oblast_pcode,
        score: u.score,
        class: u.class,
        rank: u.rank,
        ranked: u.ranked,
        unrankedReason: u.unrankedReason,
        confidence: u.confidence,
        coverage: u.coverage,
        dimensions: u.dimensions,
        components: u.components,
        proxyComponents: u.proxyComponents,
        band: band ? { median: band.medianRank, p5: band.rankP5, p95: band.rankP95 } : null,
        unscoredReason: u.unscoredReason,
      };
    }),
  };
}

/**
 * The scores without names and the dimension and component breakdown: the map's choropleth, tooltip and rank
 * band need only these, and the full rows are five times the bytes for 1,769 units (issue #5: a light initial
 * view). The profile reads a unit's breakdown from its own request.
 */
export function summaryOf(body: ReturnType<typeof scoresJson>) {
  // The map's payload (B4 first visit, issue #15): digits no one reads cost ~8 KiB compressed. Scores (0–10,
  // shown to 0.1) keep 7 decimals, shares 6, rank percentiles 2; ranks and classes are the server's own, so
  // rounding moves nothing. The full form and the exports keep what they had.
  return {
    ...body,
    fields: 'summary' as const,
    units: body.units.map((u) => ({
      pcode: u.pcode,
      score: rounded(u.score, 7),
      class: u.class,
      rank: u.rank,
      ranked: u.ranked,
      unrankedReason: u.unrankedReason,
      confidence: rounded(u.confidence, 6)!,
      coverage: rounded(u.coverage, 6)!,
      band: u.band && { median: u.band.median, p5: rounded(u.band.p5, 2), p95: rounded(u.band.p95, 2) },
      unscoredReason: u.unscoredReason,
      // Issue #13: a score that leans on open-data proxies says so wherever it is shown (the map's profile).
      proxyComponents: u.proxyComponents,
    })),
  };
}

type Row = ReturnType<typeof scoresJson>['units'][number];

/** Export columns with HXL hashtags: #adm3 for the unit, #severity for scores (as in JIAF/INFORM HXL data). */
/**
 * The exported columns of a scoring run. Oblasts by name beside their pcode, and numbers rounded as they are
 * read (issue #14, item 10): scores to 2 decimals on 0–10, confidence to 2 on 0–1, rank bands to whole ranks.
 */
export function scoreColumns(
  model: ModelDefinition,
  oblasts: ReadonlyMap<string, { uk: string; en: string }> = new Map(),
): ExportColumn<Row>[] {
  return [
    { header: 'Hromada pcode', hxl: '#adm3+code', value: (r) => r.pcode },
    { header: 'Hromada (uk)', hxl: '#adm3+name+i_uk', value: (r) => r.nameUk },
    { header: 'Hromada (en)', hxl: '#adm3+name+i_en', value: (r) => r.nameEn },
    { header: 'Oblast pcode', hxl: '#adm1+code', value: (r) => r.oblastPcode },
    { header: 'Oblast (uk)', hxl: '#adm1+name+i_uk', value: (r) => oblasts.get(r.oblastPcode)?.uk ?? null },
    { header: 'Oblast (en)', hxl: '#adm1+name+i_en', value: (r) => oblasts.get(r.oblastPcode)?.en ?? null },
    {
      header: `${model.name.en} (0–10)`,
      hxl: `#severity+num+${model.id}`,
      value: (r) => rounded(r.score, 2),
    },
    { header: 'Class (1–5)', hxl: '#severity+class', value: (r) => r.class },
    { header: 'Rank (of the ranked)', hxl: '#indicator+rank', value: (r) => r.rank },
    { header: 'Ranked', hxl: '#indicator+ranked', value: (r) => (r.ranked ? 'yes' : 'no') },
    { header: 'Why unranked', hxl: '#description+unranked', value: (r) => r.unrankedReason },
    { header: 'Confidence (0–1)', hxl: '#indicator+confidence', value: (r) => rounded(r.confidence, 2) },
    { header: 'Rank band 5%', hxl: '#indicator+rank+p05', value: (r) => rounded(r.band?.p5, 0) },
    { header: 'Rank band 95%', hxl: '#indicator+rank+p95', value: (r) => rounded(r.band?.p95, 0) },
    ...model.dimensions.map((d) => ({
      header: `${d.name.en} (0–10)`,
      hxl: `#severity+num+dim_${d.id}`,
      value: (r: Row) => rounded(r.dimensions[d.id], 2),
    })),
    {
      header: 'Proxy-based components',
      hxl: '#indicator+proxy',
      value: (r) => (r.proxyComponents.length > 0 ? r.proxyComponents.join(' ') : null),
    },
    { header: 'Why unscored', hxl: '#description+unscored', value: (r) => r.unscoredReason },
  ];
}

type Hotspots = Awaited<ReturnType<ModelsService['hotspots']>>;
type Comparison = Awaited<ReturnType<ModelsService['compare']>>;

/** Hot spots as the API answers them: each unit named, with its lag and its LISA or Gi* statistics. */
export function hotspotsJson(h: Hotspots) {
  const meta = new Map(h.scored.input.units.map((u) => [u.pcode, u]));
  const units = h.scored.result.units.map((u, i) => ({
    pcode: u.pcode,
    nameUk: meta.get(u.pcode)!.name_uk,
    nameEn: meta.get(u.pcode)!.name_en,
    score: u.score,
    lag: h.lag[i] ?? null,
    // The service runs exactly one of the two methods: p and q are always there (as the schema says).
    ...(h.lisa
      ? {
          localI: h.lisa.units[i]!.i,
          p: h.lisa.units[i]!.p,
          q: h.lisa.units[i]!.q,
          cluster: h.lisa.units[i]!.cluster,
        }
      : {
          z: h.gi!.units[i]!.z,
          p: h.gi!.units[i]!.p,
          q: h.gi!.units[i]!.q,
          hotspot: h.gi!.units[i]!.hotspot,
        }),
  }));
  return {
    model: { id: h.scored.model.id, version: h.scored.model.version },
    method: h.method,
    settings: h.lisa
      ? {
          permutations: h.lisa.permutations,
          seed: h.lisa.seed,
          alpha: h.lisa.alpha,
          adjust: h.lisa.adjust,
        }
      : { alpha: h.gi!.alpha, adjust: h.gi!.adjust },
    globalMoran: h.global,
    watchList: [...h.watchList].map((i) => units[i]!),
    units,
  };
}

/** The rank change of every unit between two scenarios, each unit named. */
export function compareJson(r: Comparison) {
  const meta = new Map(r.after.input.units.map((u) => [u.pcode, u]));
  return {
    model: { id: r.after.model.id, version: r.after.model.version },
    a: r.before.scenario ? { id: r.before.scenario.id, name: r.before.scenario.name } : null,
    b: r.after.scenario ? { id: r.after.scenario.id, name: r.after.scenario.name } : null,
    changes: r.changes.map((ch) => ({
      ...ch,
      nameUk: meta.get(ch.pcode)?.name_uk,
      nameEn: meta.get(ch.pcode)?.name_en,
    })),
  };
}
