import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Executor } from '../db/executor.ts';
import { upsertSourceDatasets } from './provenance.ts';
import type { SourcesManifest } from './sources-manifest.ts';

const indicatorSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name_uk: z.string().min(1),
  name_en: z.string().min(1),
  description: z.string().min(1),
  unit: z.string().min(1),
  domain: z.string().min(1),
  direction: z.enum(['higher_is_worse', 'higher_is_better', 'neutral']),
  source: z.string().min(1),
  derivation: z.string().min(1),
});
const catalogueSchema = z.strictObject({
  $comment: z.string().optional(),
  indicators: z.array(indicatorSchema),
});
export type IndicatorDefinition = z.infer<typeof indicatorSchema>;

const catalogueUrl = new URL('../../data/indicators.json', import.meta.url);

/** The indicator catalogue (data/indicators.json): what each value means, its unit, direction and source. */
export function loadIndicatorCatalogue(url: URL = catalogueUrl): IndicatorDefinition[] {
  const parsed = catalogueSchema.safeParse(JSON.parse(readFileSync(url, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`data/indicators.json: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data.indicators;
}

/**
 * Upserts every source dataset and every catalogued indicator, so values can reference them. Idempotent.
 * Two statements, not one per row: every import step runs this (issue #15).
 */
export async function syncCatalogue(db: Executor, manifest: SourcesManifest): Promise<void> {
  await upsertSourceDatasets(db, manifest.sources);
  const indicators = new Map(loadIndicatorCatalogue().map((i) => [i.id, i]));
  if (!indicators.size) return;
  await db
    .insertInto('indicators')
    .values(
      [...indicators.values()].map((i) => ({
        id: i.id,
        name_uk: i.name_uk,
        name_en: i.name_en,
        description: i.description,
        unit: i.unit,
        domain: i.domain,
        direction: i.direction,
        source_id: i.source,
        derivation: i.derivation,
      })),
    )
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        name_uk: eb.ref('excluded.name_uk'),
        name_en: eb.ref('excluded.name_en'),
        description: eb.ref('excluded.description'),
        unit: eb.ref('excluded.unit'),
        domain: eb.ref('excluded.domain'),
        direction: eb.ref('excluded.direction'),
        source_id: eb.ref('excluded.source_id'),
        derivation: eb.ref('excluded.derivation'),
      })),
    )
    .execute();
}
