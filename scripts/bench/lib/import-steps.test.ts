import { describe, expect, it } from 'vitest';
import { ImportSteps, stepGroup } from './import-steps.ts';

describe('B7 import steps', () => {
  it('groups the steps of a full import', () => {
    expect(stepGroup('boundaries:hromada')).toBe('boundaries');
    expect(stepGroup('katottg')).toBe('boundaries');
    expect(stepGroup('kse-budgets')).toBe('KSE tables');
    expect(stepGroup('occupied-areas:2026-08-22')).toBe('occupied areas');
    expect(stepGroup('neighbours')).toBe('neighbours');
    expect(stepGroup('programmes:ipcg-veteran-reintegration.csv')).toBe('programmes');
  });

  it('prints the median per group over rounds, with the number of steps', () => {
    const steps = new ImportSteps();
    for (const ms of [1000, 3000, 2000]) {
      steps.record({ kind: 'boundaries:oblast', durationMs: ms / 2 });
      steps.record({ kind: 'boundaries:hromada', durationMs: ms / 2 });
      steps.record({ kind: 'occupied-areas:2025-01-02', durationMs: ms });
      steps.record({ kind: 'occupied-areas:2026-08-22', durationMs: ms });
      steps.record({ kind: 'neighbours', durationMs: 400 });
      steps.nextRound();
    }
    steps.nextRound();
    expect(steps.summary()).toBe('boundaries 2.0 s · occupied areas (2) 4.0 s · neighbours 0.4 s');
  });
});
