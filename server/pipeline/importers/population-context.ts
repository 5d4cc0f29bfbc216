import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { POPULATION_PERIOD } from '../../shared/population.ts';
import { loadIndicatorMap } from './indicator-values.ts';

/** The per-capita denominator (population of 1 Jan 2022) and the hromadas a file names that lack one. */
export interface PopulationContext {
  population: Map<string, number>;
  withoutPopulation: Set<string>;
}

/** Population of 1 Jan 2022 must be imported first: it is the per-capita denominator. */
export async function populationContext(trx: Transaction<DB>): Promise<PopulationContext> {
  const population = await loadIndicatorMap(trx, 'population_2022', POPULATION_PERIOD);
  return { population, withoutPopulation: new Set<string>() };
}

export const populationNote = (ctx: PopulationContext): string[] =>
  ctx.withoutPopulation.size
    ? [`${ctx.withoutPopulation.size} hromada(s) without a 2022 population: per-capita values left out`]
    : [];

/** `count` per 10,000 residents of 2022, or null (and the hromada noted) where there is no population. */
export function per10k(ctx: PopulationContext, pcode: string, count: number | null): number | null {
  if (count === null) return null;
  const population = ctx.population.get(pcode);
  if (!population) {
    ctx.withoutPopulation.add(pcode);
    return null;
  }
  return (count / population) * 10_000;
}
