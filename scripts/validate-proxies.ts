// Usage: npm run validate:proxies
// Prints what the CPI's open proxies add (issue #13, docs/methodology.md "Validating the proxies"), computed
// live from the configured database: each proxy's coverage, their correlations with each other, with
// population and with the pressure dimension, and the CPI's rank changes and global Moran's I with the proxies
// on and off. No figure is stored: the data (and so the answer) changes with every import.
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/client.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { buildModelInput } from '../server/features/models/model-matrix.ts';
import { loadModelDefinitions } from '../server/features/models/model-registry.ts';
import { findHromadaNeighbours, findIndicatorValues } from '../server/features/models/models.repository.ts';
import { validateProxies } from '../server/model/proxy-validation.ts';

const MODEL = 'cpi';
const fmt = (x: number | null, digits = 2) => (x === null ? '–' : x.toFixed(digits));

async function main(): Promise<void> {
  const definition = loadModelDefinitions().get(MODEL);
  if (!definition) throw new Error(`no model ${MODEL} in data/models`);
  const database = await openDatabase(loadConfig().database);
  try {
    await migrateToLatest(database.db);
    const input = await buildModelInput(database.db, definition);
    const index = new Map(input.matrix.units.map((p, i) => [p, i]));
    const population: (number | null)[] = input.matrix.units.map(() => null);
    // One value per unit: the newest period of population_2022 (there is one, 2022-01-01).
    const newest = new Map<string, string>();
    for (const row of await findIndicatorValues(database.db, ['population_2022'])) {
      const i = index.get(row.unit_pcode);
      if (i === undefined || row.value === null || (newest.get(row.unit_pcode) ?? '') > row.period) continue;
      newest.set(row.unit_pcode, row.period);
      population[i] = Number(row.value);
    }
    const neighbours: number[][] = input.matrix.units.map(() => []);
    for (const e of await findHromadaNeighbours(database.db)) {
      const a = index.get(e.unit_pcode);
      const b = index.get(e.neighbour_pcode);
      if (a !== undefined && b !== undefined) neighbours[a]!.push(b);
    }
    const v = validateProxies(
      definition,
      input.matrix,
      population,
      neighbours,
      'pressure',
      'social_fragility',
    );

    console.log(`${definition.id} ${definition.version}: ${v.units} hromada-level units\n`);
    console.log('Coverage of each proxy (units with a value):');
    for (const c of v.coverage) {
      console.log(`  ${c.component} ← ${c.node}: ${c.present} (${fmt(c.share * 100, 1)} %)`);
    }
    console.log('\nComponents scored from proxies (no assessment, enough proxies present):');
    for (const p of v.proxyScored) console.log(`  ${p.component}: ${p.units}`);
    console.log("\nSpearman's rho between proxies (units with both values):");
    for (const p of v.pairs) console.log(`  ${p.a} × ${p.b}: ${fmt(p.rho)} (n ${p.n})`);
    console.log("\nSpearman's rho with population (2022) and with the pressure dimension:");
    for (const a of v.against) {
      console.log(
        `  ${a.node}: population ${fmt(a.population.rho)} (n ${a.population.n}), ` +
          `pressure ${fmt(a.pressure.rho)} (n ${a.pressure.n})`,
      );
    }
    console.log('\nCPI with the proxies on vs off:');
    console.log(`  units scored in both: ${v.ranks.scoredBoth}`);
    console.log(`  Spearman's rho of the scores: ${fmt(v.ranks.rho, 3)}`);
    console.log(`  median absolute rank change: ${v.ranks.medianAbsChange}`);
    console.log(`  units moving more than 100 ranks: ${v.ranks.movedOver100}`);
    console.log(
      `  global Moran's I: on ${fmt(v.moran.on, 3)}, off ${fmt(v.moran.off, 3)}; ` +
        `social fragility dimension alone ${fmt(v.moran.social, 3)}`,
    );
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
