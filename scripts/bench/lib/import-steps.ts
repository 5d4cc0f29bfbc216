import type { ImportReport } from '../../../server/pipeline/import-batch.ts';
import { median } from './measure.ts';

/** The groups B7 prints (issue #15): where the time of a full import goes. */
const GROUPS = ['boundaries', 'KSE tables', 'occupied areas', 'neighbours', 'programmes', 'other'] as const;
type Group = (typeof GROUPS)[number];

/** Which group an import step belongs to, by its kind ("boundaries:hromada", "kse-budgets", …). */
export function stepGroup(kind: string): Group {
  const importer = kind.split(':')[0]!;
  if (importer === 'boundaries' || importer === 'katottg') return 'boundaries';
  if (importer.startsWith('kse-')) return 'KSE tables';
  if (importer === 'occupied-areas') return 'occupied areas';
  if (importer === 'neighbours') return 'neighbours';
  if (importer === 'programmes') return 'programmes';
  return 'other';
}

/**
 * Collects the step reports of several full imports (pass `record()` as importAll's onStep, call `nextRound()`
 * between imports) and prints the median time of each group per import, e.g.
 * "boundaries 1.3 s · KSE tables (10) 2.7 s · occupied areas (4) 2.1 s · neighbours 0.6 s · programmes 0.0 s".
 */
export class ImportSteps {
  private readonly rounds: Map<Group, { ms: number; steps: number }>[] = [new Map()];

  readonly record = (report: Pick<ImportReport, 'kind' | 'durationMs'>): void => {
    const group = stepGroup(report.kind);
    const round = this.rounds.at(-1)!;
    const sum = round.get(group) ?? { ms: 0, steps: 0 };
    round.set(group, { ms: sum.ms + report.durationMs, steps: sum.steps + 1 });
  };

  nextRound(): void {
    if (this.rounds.at(-1)!.size) this.rounds.push(new Map());
  }

  summary(): string {
    const done = this.rounds.filter((r) => r.size);
    return GROUPS.flatMap((group) => {
      const seen = done.map((r) => r.get(group)).filter((s) => s !== undefined);
      if (!seen.length) return [];
      const steps = seen[0]!.steps;
      const label = steps > 1 && group !== 'boundaries' ? `${group} (${steps})` : group;
      return [`${label} ${(median(seen.map((s) => s.ms)) / 1000).toFixed(1)} s`];
    }).join(' · ');
  }
}
