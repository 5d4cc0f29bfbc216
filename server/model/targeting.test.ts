import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelInputError } from './model-error.ts';
import type { HighsSolver, TargetingCandidate, TargetingProblem } from './targeting.ts';
import { greedyPreview, loadHighsSolver, lpModel, solveTargeting } from './targeting.ts';

let solver: HighsSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

// Greedy by priority/cost takes A (ratio 10/6 ≈ 1.67) first, after which neither B nor C (1.6) fits the
// budget of 10: total priority 10. The optimum leaves A out and takes B and C: 16.
const A: TargetingCandidate = { pcode: 'A', priority: 10, cost: 6, group: 'X' };
const B: TargetingCandidate = { pcode: 'B', priority: 8, cost: 5, group: 'X' };
const C: TargetingCandidate = { pcode: 'C', priority: 8, cost: 5, group: 'Y' };
const D: TargetingCandidate = { pcode: 'D', priority: 3, cost: 4, group: 'Z' };

describe('solveTargeting', () => {
  it('finds the optimum where greedy is suboptimal', async () => {
    const problem: TargetingProblem = { candidates: [A, B, C], budget: 10 };
    const greedy = greedyPreview(problem);
    expect(greedy).toMatchObject({
      status: 'feasible',
      method: 'greedy-preview',
      optimal: false,
      selected: ['A'],
    });
    expect(greedy.status === 'feasible' && greedy.objective).toBe(10);
    const exact = await solveTargeting(problem, { solver });
    expect(exact).toMatchObject({
      status: 'optimal',
      method: 'exact',
      optimal: true,
      objective: 16,
      totalCost: 10,
    });
    expect(exact.status === 'optimal' && [...exact.selected].sort()).toEqual(['B', 'C']);
  });

  it('gives each selected community its reason: priority rank, priority and cost', async () => {
    const exact = await solveTargeting({ candidates: [A, B, C], budget: 10 }, { solver });
    expect(exact.status === 'optimal' && exact.reasons).toEqual({
      B: { rank: 2, priority: 8, cost: 5 },
      C: { rank: 2, priority: 8, cost: 5 },
    });
  });

  it('meets per-group quotas', async () => {
    // Z must have one: D (cost 4) leaves 6, best spent on A → 13 (not B + C).
    const withMin = await solveTargeting(
      { candidates: [A, B, C, D], budget: 10, quotas: { Z: { min: 1 } } },
      { solver },
    );
    expect(withMin).toMatchObject({ status: 'optimal', objective: 13, totalCost: 10 });
    expect(withMin.status === 'optimal' && withMin.selected).toEqual(['A', 'D']);
    // X closed: C + D = 11 within the budget.
    const closed = await solveTargeting(
      { candidates: [A, B, C, D], budget: 10, quotas: { X: { max: 0 } } },
      { solver },
    );
    expect(closed.status === 'optimal' && closed.selected).toEqual(['C', 'D']);
    // The greedy preview meets minimum quotas too, in its own way.
    const greedy = greedyPreview({ candidates: [A, B, C, D], budget: 10, quotas: { Z: { min: 1 } } });
    expect(greedy.status === 'feasible' && greedy.selected).toEqual(['A', 'D']);
  });

  it('caps the number of communities', async () => {
    const r = await solveTargeting({ candidates: [A, B, C, D], budget: 100, maxCount: 2 }, { solver });
    expect(r).toMatchObject({ status: 'optimal', objective: 18 });
    expect(r.status === 'optimal' && r.selected.length).toBe(2);
  });

  it('names the binding constraint of an infeasible problem', async () => {
    const quota = await solveTargeting(
      { candidates: [A, B, C], budget: 10, quotas: { Z: { min: 1 } } },
      { solver },
    );
    expect(quota).toEqual({
      status: 'infeasible',
      method: 'exact',
      optimal: false,
      constraint: { kind: 'quota', group: 'Z' },
      reason: 'the quota for Z needs at least 1 communities but only 0 are candidates',
    });
    const count = await solveTargeting(
      { candidates: [A, B, C, D], budget: 100, maxCount: 1, quotas: { X: { min: 1 }, Y: { min: 1 } } },
      { solver },
    );
    expect(count).toMatchObject({ status: 'infeasible', constraint: { kind: 'max-count' } });
    const budget = await solveTargeting(
      { candidates: [A, B, C, D], budget: 8, quotas: { X: { min: 1 }, Z: { min: 1 } } },
      { solver },
    );
    expect(budget).toMatchObject({
      status: 'infeasible',
      constraint: { kind: 'budget' },
      reason: 'meeting the minimum quotas costs at least 9, above the budget of 8',
    });
    expect(greedyPreview({ candidates: [A], budget: 1, quotas: { Z: { min: 1 } } })).toMatchObject({
      status: 'infeasible',
      method: 'greedy-preview',
      constraint: { kind: 'quota', group: 'Z' },
    });
  });

  it('selects nothing from nothing, and nothing of negative priority unless a quota demands it', async () => {
    expect(await solveTargeting({ candidates: [], budget: 5 }, { solver })).toMatchObject({
      status: 'optimal',
      selected: [],
      objective: 0,
      totalCost: 0,
    });
    const negative: TargetingCandidate = { pcode: 'N', priority: -1, cost: 1, group: 'W' };
    const free = await solveTargeting({ candidates: [negative, D], budget: 10 }, { solver });
    expect(free.status === 'optimal' && free.selected).toEqual(['D']);
    const forced = await solveTargeting(
      { candidates: [negative, D], budget: 10, quotas: { W: { min: 1 } } },
      { solver },
    );
    expect(forced.status === 'optimal' && forced.selected).toEqual(['D', 'N']);
  });

  it('loads HiGHS itself when no solver is given', async () => {
    const r = await solveTargeting({ candidates: [A, B, C], budget: 10 });
    expect(r).toMatchObject({ status: 'optimal', objective: 16 });
  });

  it('uses an injected solver, and reports a time-limited incumbent or a failure honestly', async () => {
    const seen: string[] = [];
    const fake = (Status: string, primal: number[] | null): HighsSolver => ({
      solve: (lp) => {
        seen.push(lp);
        return {
          Status,
          ObjectiveValue: 0,
          Columns: primal === null ? {} : Object.fromEntries(primal.map((p, i) => [`x${i}`, { Primal: p }])),
          Rows: [],
        } as unknown as ReturnType<HighsSolver['solve']>;
      },
    });
    const problem: TargetingProblem = { candidates: [A, B, C], budget: 10 };
    expect(await solveTargeting(problem, { solver: fake('Time limit reached', [1, 0, 0]) })).toMatchObject({
      status: 'time-limit',
      optimal: false,
      selected: ['A'],
    });
    expect(seen[0]).toBe(lpModel(problem));
    expect(await solveTargeting(problem, { solver: fake('Unknown', null) })).toMatchObject({
      status: 'failed',
      solverStatus: 'Unknown',
    });
    // A solution that breaks the budget is not passed off as a selection.
    expect(await solveTargeting(problem, { solver: fake('Optimal', [1, 1, 1]) })).toMatchObject({
      status: 'failed',
    });
  });

  it('answers with the labelled greedy preview when time is up before any selection', async () => {
    const timedOut: HighsSolver = {
      solve: () =>
        ({ Status: 'Time limit reached', ObjectiveValue: 0, Columns: {}, Rows: [] }) as unknown as ReturnType<
          HighsSolver['solve']
        >,
    };
    const problem: TargetingProblem = { candidates: [A, B, C], budget: 10 };
    const r = await solveTargeting(problem, { solver: timedOut, timeLimitSeconds: 7 });
    expect(r).toEqual({ ...greedyPreview(problem), fallback: { cause: 'time', limit: 7 } });
    expect(r).toMatchObject({ method: 'greedy-preview', optimal: false, selected: ['A'] });
  });

  it('answers a problem above the size limit with the labelled greedy preview, without calling HiGHS', async () => {
    const never: HighsSolver = {
      solve: () => {
        throw new Error('HiGHS must not be called above the size limit');
      },
    };
    const problem: TargetingProblem = { candidates: [A, B, C, D], budget: 10, quotas: { Z: { min: 1 } } };
    const r = await solveTargeting(problem, { solver: never, maxCandidates: 3 });
    expect(r).toMatchObject({
      status: 'feasible',
      method: 'greedy-preview',
      optimal: false,
      fallback: { cause: 'size', limit: 3, candidates: 4 },
    });
    // The preview still honours the quota: D is in.
    expect('selected' in r && r.selected).toContain('D');
    // At the limit the exact solver runs.
    expect(
      await solveTargeting({ candidates: [A, B, C], budget: 10 }, { solver, maxCandidates: 3 }),
    ).toMatchObject({ status: 'optimal', objective: 16 });
    // Infeasibility is still decided first, and named, whatever the size.
    expect(
      await solveTargeting({ ...problem, quotas: { Z: { min: 2 } } }, { solver: never, maxCandidates: 3 }),
    ).toMatchObject({ status: 'infeasible', method: 'exact', constraint: { kind: 'quota', group: 'Z' } });
  });

  it('rejects invalid problems', async () => {
    const bad = (p: Partial<TargetingProblem>) =>
      solveTargeting({ candidates: [A], budget: 10, ...p }, { solver });
    await expect(bad({ budget: -1 })).rejects.toThrow(ModelInputError);
    await expect(bad({ candidates: [A, A] })).rejects.toThrow(/candidate A appears twice/);
    await expect(bad({ candidates: [{ ...A, cost: -2 }] })).rejects.toThrow(/cost must be/);
    await expect(bad({ candidates: [{ ...A, priority: NaN }] })).rejects.toThrow(/priority must be/);
    await expect(bad({ maxCount: 1.5 })).rejects.toThrow(/maxCount/);
    await expect(bad({ quotas: { X: { min: 2, max: 1 } } })).rejects.toThrow(/min 2 is above max 1/);
    await expect(bad({ quotas: { X: { min: -1 } } })).rejects.toThrow(/integers ≥ 0/);
    expect(() => greedyPreview({ candidates: [A], budget: Infinity })).toThrow(/budget/);
  });
});

describe('lpModel', () => {
  it('writes the knapsack in CPLEX LP format', () => {
    expect(
      lpModel({
        candidates: [A, { ...B, priority: -2.5 }, { ...C, cost: 0 }],
        budget: 10,
        maxCount: 2,
        quotas: { X: { min: 1, max: 2 }, Q: { max: 3 } },
      }),
    ).toBe(
      [
        'Maximize',
        ' obj: 10 x0 - 2.5 x1 + 8 x2',
        'Subject To',
        ' budget: 6 x0 + 5 x1 <= 10',
        ' max_count: 1 x0 + 1 x1 + 1 x2 <= 2',
        ' quota_0_min: 1 x0 + 1 x1 >= 1',
        ' quota_0_max: 1 x0 + 1 x1 <= 2',
        'Binary',
        ' x0 x1 x2',
        'End',
      ].join('\n'),
    );
  });
});

describe('solveTargeting against brute force (property)', () => {
  const candidateArb = fc.record({
    priority: fc.integer({ min: 0, max: 50 }),
    cost: fc.integer({ min: 0, max: 20 }),
    group: fc.constantFrom('G1', 'G2', 'G3'),
  });
  const problemArb = fc
    .record({
      raw: fc.array(candidateArb, { minLength: 0, maxLength: 9 }),
      budget: fc.integer({ min: 0, max: 60 }),
      maxCount: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
      g1: fc.record({ min: fc.integer({ min: 0, max: 2 }), extra: fc.integer({ min: 0, max: 3 }) }),
    })
    .map(({ raw, budget, maxCount, g1 }): TargetingProblem => ({
      candidates: raw.map((c, i) => ({ ...c, pcode: `P${i}` })),
      budget,
      maxCount,
      quotas: { G1: { min: g1.min, max: g1.min + g1.extra } },
    }));

  function bruteForce(p: TargetingProblem): number | null {
    const n = p.candidates.length;
    let best: number | null = null;
    for (let mask = 0; mask < 1 << n; mask++) {
      let cost = 0;
      let priority = 0;
      let count = 0;
      let g1 = 0;
      p.candidates.forEach((c, i) => {
        if (!(mask & (1 << i))) return;
        cost += c.cost;
        priority += c.priority;
        count++;
        if (c.group === 'G1') g1++;
      });
      const q = p.quotas?.G1 ?? {};
      if (cost > p.budget || (p.maxCount !== undefined && count > p.maxCount)) continue;
      if (g1 < (q.min ?? 0) || g1 > (q.max ?? Infinity)) continue;
      if (best === null || priority > best) best = priority;
    }
    return best;
  }

  it('reaches the brute-force optimum, or reports infeasible exactly when there is none; greedy never beats it', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb, async (p) => {
        const best = bruteForce(p);
        const exact = await solveTargeting(p, { solver });
        const greedy = greedyPreview(p);
        if (best === null) {
          expect(exact.status).toBe('infeasible');
          expect(greedy.status).toBe('infeasible');
          return;
        }
        expect(exact.status).toBe('optimal');
        if (exact.status !== 'optimal') return;
        expect(exact.objective).toBe(best);
        expect(exact.totalCost).toBeLessThanOrEqual(p.budget);
        if (greedy.status === 'feasible') {
          expect(greedy.objective).toBeLessThanOrEqual(best);
          expect(greedy.totalCost).toBeLessThanOrEqual(p.budget);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reaches the same optimum when reduced-cost fixing runs first (reduceFrom 0), ties and quotas included', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb, async (p) => {
        const best = bruteForce(p);
        const exact = await solveTargeting(p, { solver, reduceFrom: 0 });
        if (best === null) {
          expect(exact.status).toBe('infeasible');
          return;
        }
        expect(exact.status).toBe('optimal');
        if (exact.status === 'optimal') expect(exact.objective).toBe(best);
      }),
      { numRuns: 150 },
    );
  });
});

describe('solveTargeting with reduced-cost fixing on a larger problem', () => {
  it('proves the same optimum as the whole problem, with real-valued priorities and costs', async () => {
    // A deterministic pseudo-random problem, large enough that fixing decides most communities.
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const candidates: TargetingCandidate[] = Array.from({ length: 600 }, (_, i) => ({
      pcode: `P${i}`,
      priority: 100 * random() ** 2,
      cost: 1 + 99 * random(),
      group: `G${i % 6}`,
    }));
    const budget = candidates.reduce((a, c) => a + c.cost, 0) * 0.1;
    const problem: TargetingProblem = {
      candidates,
      budget,
      maxCount: 70,
      quotas: { G0: { min: 5 }, G1: { min: 2, max: 8 } },
    };
    const whole = await solveTargeting(problem, { solver, reduceFrom: Infinity });
    const reduced = await solveTargeting(problem, { solver, reduceFrom: 0 });
    expect(whole.status).toBe('optimal');
    expect(reduced.status).toBe('optimal');
    if (whole.status !== 'optimal' || reduced.status !== 'optimal') return;
    expect(reduced.objective).toBeCloseTo(whole.objective, 6);
    expect(reduced.totalCost).toBeLessThanOrEqual(budget);
    expect(reduced.selected.length).toBeLessThanOrEqual(70);
  });
});
