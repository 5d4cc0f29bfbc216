import type { Highs, LegacyHighsOptions } from 'highs';
import { ModelInputError } from './model-error.ts';
import { competitionRanks } from './ranking.ts';

// Targeting (issue #3): choose communities to maximise total priority within a budget, with optional
// per-group (oblast) quotas on counts and a maximum count — a 0-1 knapsack with side constraints:
//   maximise Σ πᵢ xᵢ  s.t.  Σ cᵢ xᵢ ≤ B,  Σ xᵢ ≤ K,  min_g ≤ Σ_{i∈g} xᵢ ≤ max_g,  xᵢ ∈ {0, 1}.
// Solved exactly as a MILP by HiGHS (Huangfu & Hall 2018; highs-js, WebAssembly) with the MIP gaps set to 0, so
// "optimal" means proved optimal, not within HiGHS's default 0.01%. The greedy π/c heuristic is offered only
// as a labelled preview: it can miss the optimum (see targeting.test.ts).

/** The part of a loaded highs-js runtime used here; the browser may pass its own (e.g. with locateFile). */
export type HighsSolver = Pick<Highs, 'solve'>;

/** Loads highs-js (its WebAssembly is found next to the loader in Node). Load once and pass it in. */
export async function loadHighsSolver(): Promise<HighsSolver> {
  const { default: highsLoader } = await import('highs');
  return highsLoader();
}

export interface TargetingCandidate {
  pcode: string;
  /** π, e.g. CPI × Needs × (1 − coverage). */
  priority: number;
  /** Cost of reaching the community (flat or per capita, computed by the caller); ≥ 0. */
  cost: number;
  /** Quota group, e.g. the oblast pcode. */
  group?: string | null;
}

/** Bounds on how many communities of a group are selected. */
export interface GroupQuota {
  min?: number;
  max?: number;
}

export interface TargetingProblem {
  candidates: readonly TargetingCandidate[];
  budget: number;
  quotas?: Readonly<Record<string, GroupQuota>>;
  maxCount?: number;
}

/** Why a community was selected: its priority rank among all candidates (1 = highest), priority and cost. */
export interface SelectionReason {
  rank: number;
  priority: number;
  cost: number;
}

export interface TargetingSelection {
  /** Selected pcodes, highest priority first. */
  selected: string[];
  objective: number;
  totalCost: number;
  reasons: Record<string, SelectionReason>;
}

/** The constraint that makes a problem infeasible. */
export type BindingConstraint =
  { kind: 'quota'; group: string } | { kind: 'max-count' } | { kind: 'budget' } | { kind: 'unknown' };

export interface Infeasible {
  status: 'infeasible';
  constraint: BindingConstraint;
  /** English, in fixed forms that web/src/lib/i18n/messages-solver.ts reads back: change both together. */
  reason: string;
}

export type TargetingResult =
  | ({ status: 'optimal'; method: 'exact'; optimal: true } & TargetingSelection)
  /** The time limit stopped HiGHS with a feasible selection it could not prove optimal. */
  | ({ status: 'time-limit'; method: 'exact'; optimal: false } & TargetingSelection)
  | ({ method: 'exact'; optimal: false } & Infeasible)
  | { status: 'failed'; method: 'exact'; optimal: false; solverStatus: string; reason: string };

export type GreedyPreviewResult =
  | ({ status: 'feasible'; method: 'greedy-preview'; optimal: false } & TargetingSelection)
  | ({ method: 'greedy-preview'; optimal: false } & Infeasible);

/**
 * Why an exact solve was answered with the greedy preview: more candidates than the exact solver takes
 * (`limit` = EXACT_MAX_CANDIDATES) or no usable selection within its time (`limit` in seconds).
 */
export type ExactFallback =
  { cause: 'size'; limit: number; candidates: number } | { cause: 'time'; limit: number };

/** The greedy preview answering an exact request, labelled with why (issue #15: "a labelled heuristic, not a hang"). */
export type FallbackResult = GreedyPreviewResult & { fallback: ExactFallback };

/**
 * The most candidates the exact solve takes. The LP relaxation that fixByReducedCosts starts from grows faster
 * than linearly (synthetic units, this 2-core machine: 45,000 in 1.7 s, 90,000 in 14 s, 180,000 past 20 s), so
 * above this the answer is the labelled greedy preview at once instead of a wait that ends in nothing. Ukraine
 * has 1,469 hromadas (1,765 units with the pre-reform Crimean ones): the real problem is far below it.
 */
export const EXACT_MAX_CANDIDATES = 50_000;

/** The greedy preview, labelled as the answer to an exact request that could not be solved exactly. */
export function greedyFallback(problem: TargetingProblem, fallback: ExactFallback): FallbackResult {
  return { ...greedyPreview(problem), fallback };
}

export interface SolveOptions {
  /** A loaded highs-js runtime; loaded on demand when omitted (about 0.1 s in Node). */
  solver?: HighsSolver;
  /** Default 60 s. */
  timeLimitSeconds?: number;
  /** Above this many candidates, the labelled greedy preview; default EXACT_MAX_CANDIDATES. */
  maxCandidates?: number;
  /** From how many candidates reduced-cost fixing runs first; default REDUCE_FROM. */
  reduceFrom?: number;
}

/**
 * The exact optimal selection, or the constraint that makes the problem infeasible. A problem too large for the
 * exact solver, or one it leaves without a usable selection when its time is up, is answered with the greedy
 * preview labelled by `fallback`.
 */
export async function solveTargeting(
  problem: TargetingProblem,
  options: SolveOptions = {},
): Promise<TargetingResult | FallbackResult> {
  checkProblem(problem);
  const infeasible = provablyInfeasible(problem);
  if (infeasible !== null) return { ...infeasible, method: 'exact', optimal: false };
  const { candidates } = problem;
  if (candidates.length === 0)
    return { status: 'optimal', method: 'exact', optimal: true, ...selection(problem, []) };
  const maxCandidates = options.maxCandidates ?? EXACT_MAX_CANDIDATES;
  if (candidates.length > maxCandidates)
    return greedyFallback(problem, { cause: 'size', limit: maxCandidates, candidates: candidates.length });

  const solver = options.solver ?? (await loadHighsSolver());
  const timeLimit = options.timeLimitSeconds ?? 60;
  const started = Date.now();
  const reduction =
    candidates.length >= (options.reduceFrom ?? REDUCE_FROM)
      ? fixByReducedCosts(problem, solver, timeLimit)
      : null;
  // Every community decided by the bound: the fixed selection is the optimum (HiGHS rejects an empty model).
  if (reduction && reduction.problem.candidates.length === 0 && satisfies(problem, reduction.fixedIn))
    return { status: 'optimal', method: 'exact', optimal: true, ...selection(problem, reduction.fixedIn) };
  const solved = reduction && reduction.problem.candidates.length > 0 ? reduction.problem : problem;
  const mapped = solved === problem ? null : reduction;
  const highsOptions: LegacyHighsOptions = {
    output_flag: false,
    mip_rel_gap: 0,
    mip_abs_gap: 0,
    // One limit for the whole solve: what the reduction took is taken off the MILP's share.
    time_limit: Math.max(0.1, timeLimit - (Date.now() - started) / 1000),
  };
  const solution = solver.solve(lpModel(solved), highsOptions);
  if (solution.Status === 'Optimal' || solution.Status === 'Time limit reached') {
    const columns = solution.Columns as Record<string, { Primal?: number } | undefined>;
    const chosen: number[] = [...(mapped?.fixedIn ?? [])];
    let primalKnown = true;
    solved.candidates.forEach((_, i) => {
      const primal = columns[`x${i}`]?.Primal;
      if (primal === undefined) primalKnown = false;
      else if (primal > 0.5) chosen.push(mapped ? mapped.original[i]! : i);
    });
    if (primalKnown && satisfies(problem, chosen)) {
      return solution.Status === 'Optimal'
        ? { status: 'optimal', method: 'exact', optimal: true, ...selection(problem, chosen) }
        : { status: 'time-limit', method: 'exact', optimal: false, ...selection(problem, chosen) };
    }
  }
  // Time up before HiGHS had a feasible selection (or before the reduction's LP bound): the preview, labelled.
  if (solution.Status === 'Time limit reached')
    return greedyFallback(problem, { cause: 'time', limit: timeLimit });
  if (solution.Status === 'Infeasible') {
    // provablyInfeasible covers every infeasible case of this model, so this is numerical trouble.
    return {
      status: 'infeasible',
      method: 'exact',
      optimal: false,
      constraint: { kind: 'unknown' },
      reason: 'HiGHS found no selection that meets the budget, quotas and maximum count',
    };
  }
  return {
    status: 'failed',
    method: 'exact',
    optimal: false,
    solverStatus: solution.Status,
    reason: `HiGHS stopped with status "${solution.Status}" and no usable selection`,
  };
}

/**
 * From this many candidates on, the exact solve first fixes the communities whose choice the LP bound already
 * decides (fixByReducedCosts). Below it the whole problem goes to HiGHS as it is, so the real 1,469 hromadas
 * (and every tie among equally good selections) are solved exactly as before.
 */
export const REDUCE_FROM = 4000;

interface Reduction {
  /** The problem over the communities left free, with budget, count and quotas net of those fixed in. */
  problem: TargetingProblem;
  /** Index in the original candidates of each free candidate. */
  original: number[];
  /** Original indices of the candidates fixed to "selected". */
  fixedIn: number[];
}

/**
 * Reduced-cost fixing (Nemhauser & Wolsey 1988, "Integer and Combinatorial Optimization", II.2; the "core" idea
 * of Balas & Zemel 1980 for knapsacks), which keeps the answer exact: with z_LP the LP relaxation's optimum,
 * z_inc a feasible selection's value (the greedy preview) and d_j a community's reduced cost in the LP optimum,
 * any selection that flips j from its LP bound is worth at most z_LP − |d_j|. When |d_j| > z_LP − z_inc, such a
 * selection is worse than one already known, so every optimal selection keeps j at its LP value, and j can be
 * fixed. On 18,000 synthetic units this leaves about 5,000 free and cuts the solve from ~17 s to ~4 s (bench
 * B12). Null when there is no feasible greedy selection or the relaxation does not solve: then the whole problem
 * is solved.
 */
function fixByReducedCosts(
  problem: TargetingProblem,
  solver: HighsSolver,
  timeLimitSeconds: number,
): Reduction | null {
  const incumbent = greedyPreview(problem);
  if (incumbent.status !== 'feasible') return null;
  const relaxed = solver.solve(lpModel(problem, { relaxed: true }), {
    output_flag: false,
    time_limit: timeLimitSeconds,
  });
  if (relaxed.Status !== 'Optimal') return null;
  const columns = relaxed.Columns as Record<string, { Primal?: number; Dual?: number } | undefined>;
  // A margin for HiGHS's tolerances (1e-7 on primal and dual feasibility): never fix on a near-tie.
  const margin = 1e-6 * Math.max(1, Math.abs(relaxed.ObjectiveValue));
  const gap = relaxed.ObjectiveValue - incumbent.objective + margin;
  const { candidates, quotas = {}, budget, maxCount } = problem;
  const original: number[] = [];
  const fixedIn: number[] = [];
  const inGroup = new Map<string, number>();
  let fixedCost = 0;
  for (let i = 0; i < candidates.length; i++) {
    const column = columns[`x${i}`];
    const primal = column?.Primal;
    const dual = column?.Dual;
    if (primal === undefined || dual === undefined) return null;
    const atBound = primal < 1e-9 || primal > 1 - 1e-9;
    if (!atBound || !(Math.abs(dual) > gap)) original.push(i);
    else if (primal > 0.5) {
      const c = candidates[i] as TargetingCandidate;
      fixedIn.push(i);
      fixedCost += c.cost;
      if (c.group != null) inGroup.set(c.group, (inGroup.get(c.group) ?? 0) + 1);
    }
  }
  const net = (group: string, bound: number | undefined) =>
    bound === undefined ? undefined : Math.max(0, bound - (inGroup.get(group) ?? 0));
  return {
    problem: {
      candidates: original.map((i) => candidates[i] as TargetingCandidate),
      budget: Math.max(0, budget - fixedCost),
      quotas: Object.fromEntries(
        Object.entries(quotas).map(([g, q]) => [
          g,
          {
            ...(q.min !== undefined ? { min: net(g, q.min) } : {}),
            ...(q.max !== undefined ? { max: net(g, q.max) } : {}),
          },
        ]),
      ),
      ...(maxCount !== undefined ? { maxCount: Math.max(0, maxCount - fixedIn.length) } : {}),
    },
    original,
    fixedIn,
  };
}

/**
 * A fast greedy preview: minimum quotas first, then by priority per unit cost while the budget, group maxima
 * and maximum count allow. Not optimal in general and labelled so.
 */
export function greedyPreview(problem: TargetingProblem): GreedyPreviewResult {
  checkProblem(problem);
  const infeasible = provablyInfeasible(problem);
  if (infeasible !== null) return { ...infeasible, method: 'greedy-preview', optimal: false };
  const { candidates, quotas = {} } = problem;
  // A free community is worth taking first if it has any priority (ratio +∞), last if it has negative priority.
  const ratio = (c: TargetingCandidate) =>
    c.cost > 0 ? c.priority / c.cost : c.priority > 0 ? Infinity : c.priority < 0 ? -Infinity : 0;
  const order = candidates
    .map((_, i) => i)
    .sort((a, b) => {
      const ca = candidates[a] as TargetingCandidate;
      const cb = candidates[b] as TargetingCandidate;
      return ratio(cb) - ratio(ca) || cb.priority - ca.priority || a - b;
    });
  const chosen = new Set<number>();
  const groupCount = new Map<string, number>();
  let cost = 0;
  const maxCount = problem.maxCount ?? Infinity;
  const fits = (i: number) => {
    const c = candidates[i] as TargetingCandidate;
    const g = c.group ?? null;
    const max = g === null ? undefined : quotas[g]?.max;
    return (
      !chosen.has(i) &&
      cost + c.cost <= problem.budget &&
      chosen.size < maxCount &&
      (max === undefined || (groupCount.get(g as string) ?? 0) < max)
    );
  };
  const take = (i: number) => {
    const c = candidates[i] as TargetingCandidate;
    chosen.add(i);
    cost += c.cost;
    if (c.group != null) groupCount.set(c.group, (groupCount.get(c.group) ?? 0) + 1);
  };
  for (const [group, quota] of Object.entries(quotas)) {
    for (const i of order) {
      if ((groupCount.get(group) ?? 0) >= (quota.min ?? 0)) break;
      if ((candidates[i] as TargetingCandidate).group === group && fits(i)) take(i);
    }
    if ((groupCount.get(group) ?? 0) < (quota.min ?? 0)) {
      return {
        status: 'infeasible',
        method: 'greedy-preview',
        optimal: false,
        constraint: { kind: 'quota', group },
        reason: `the greedy preview could not meet the minimum quota of ${group} within the budget; the exact solver may`,
      };
    }
  }
  for (const i of order) {
    if ((candidates[i] as TargetingCandidate).priority > 0 && fits(i)) take(i);
  }
  return { status: 'feasible', method: 'greedy-preview', optimal: false, ...selection(problem, [...chosen]) };
}

function checkProblem(problem: TargetingProblem): void {
  const { candidates, budget, quotas = {}, maxCount } = problem;
  if (!Number.isFinite(budget) || budget < 0) throw new ModelInputError(`budget must be a finite number ≥ 0`);
  // HiGHS treats matrix entries from 1e15 and bounds or costs from 1e20 as infinite.
  const tooLarge = (x: number) => Math.abs(x) >= 1e15;
  if (tooLarge(budget)) throw new ModelInputError('budget must be below 1e15');
  if (maxCount !== undefined && (!Number.isInteger(maxCount) || maxCount < 0)) {
    throw new ModelInputError(`maxCount must be an integer ≥ 0`);
  }
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c.pcode)) throw new ModelInputError(`candidate ${c.pcode} appears twice`);
    seen.add(c.pcode);
    if (!Number.isFinite(c.priority) || tooLarge(c.priority)) {
      throw new ModelInputError(
        `candidate ${c.pcode}: priority must be a finite number below 1e15 in magnitude`,
      );
    }
    if (!Number.isFinite(c.cost) || c.cost < 0 || tooLarge(c.cost)) {
      throw new ModelInputError(`candidate ${c.pcode}: cost must be a finite number ≥ 0 and below 1e15`);
    }
  }
  for (const [group, q] of Object.entries(quotas)) {
    for (const bound of [q.min, q.max]) {
      if (bound !== undefined && (!Number.isInteger(bound) || bound < 0)) {
        throw new ModelInputError(`quota of ${group}: min and max must be integers ≥ 0`);
      }
    }
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) {
      throw new ModelInputError(`quota of ${group}: min ${q.min} is above max ${q.max}`);
    }
  }
}

/**
 * Infeasibility is decided before solving, and names its cause. Groups are disjoint, so the problem is
 * feasible exactly when (1) every group holds at least its minimum of candidates, (2) the minima add up to at
 * most the maximum count, and (3) the cheapest way to meet every minimum fits the budget: taking, in each group,
 * its `min` cheapest candidates then satisfies every constraint (min ≤ max is checked on input).
 */
function provablyInfeasible(problem: TargetingProblem): Infeasible | null {
  const { candidates, quotas = {}, budget, maxCount } = problem;
  let minTotal = 0;
  let minCost = 0;
  for (const [group, quota] of Object.entries(quotas)) {
    const min = quota.min ?? 0;
    if (min === 0) continue;
    const costs = candidates
      .filter((c) => c.group === group)
      .map((c) => c.cost)
      .sort((a, b) => a - b);
    if (costs.length < min) {
      return {
        status: 'infeasible',
        constraint: { kind: 'quota', group },
        reason: `the quota for ${group} needs at least ${min} communities but only ${costs.length} are candidates`,
      };
    }
    minTotal += min;
    for (let i = 0; i < min; i++) minCost += costs[i] as number;
  }
  if (maxCount !== undefined && minTotal > maxCount) {
    return {
      status: 'infeasible',
      constraint: { kind: 'max-count' },
      reason: `the minimum quotas add up to ${minTotal} communities, above the maximum of ${maxCount}`,
    };
  }
  if (minCost > budget) {
    return {
      status: 'infeasible',
      constraint: { kind: 'budget' },
      reason: `meeting the minimum quotas costs at least ${minCost}, above the budget of ${budget}`,
    };
  }
  return null;
}

/** The CPLEX LP text of the problem; variables x0 … x(n−1) in candidate order, rows named by constraint. */
export function lpModel(problem: TargetingProblem, options: { relaxed?: boolean } = {}): string {
  const { candidates, quotas = {}, budget, maxCount } = problem;
  const vars = candidates.map((_, i) => `x${i}`);
  const lines = [
    'Maximize',
    ` obj: ${linear(candidates.map((c, i) => [c.priority, vars[i] as string]))}`,
    'Subject To',
  ];
  const costTerms = candidates.flatMap((c, i): [number, string][] =>
    c.cost > 0 ? [[c.cost, vars[i] as string]] : [],
  );
  if (costTerms.length > 0) lines.push(` budget: ${linear(costTerms)} <= ${num(budget)}`);
  if (maxCount !== undefined)
    lines.push(` max_count: ${linear(vars.map((v): [number, string] => [1, v]))} <= ${maxCount}`);
  Object.entries(quotas).forEach(([group, quota], g) => {
    const terms = candidates.flatMap((c, i): [number, string][] =>
      c.group === group ? [[1, vars[i] as string]] : [],
    );
    if (terms.length === 0) return;
    if (quota.min !== undefined && quota.min > 0)
      lines.push(` quota_${g}_min: ${linear(terms)} >= ${quota.min}`);
    if (quota.max !== undefined) lines.push(` quota_${g}_max: ${linear(terms)} <= ${quota.max}`);
  });
  if (options.relaxed) {
    // The LP relaxation: 0 ≤ x ≤ 1, whose optimum carries the reduced costs fixByReducedCosts reads.
    lines.push('Bounds');
    for (const v of vars) lines.push(` 0 <= ${v} <= 1`);
  } else {
    lines.push('Binary');
    for (let i = 0; i < vars.length; i += 20) lines.push(` ${vars.slice(i, i + 20).join(' ')}`);
  }
  lines.push('End');
  return lines.join('\n');
}

// LP-format expressions, wrapped every 10 terms (the CPLEX format limits line length).
function linear(terms: readonly [number, string][]): string {
  return terms
    .map(([coefficient, name], i) => {
      const sign = coefficient < 0 ? '-' : '+';
      const term = `${num(Math.abs(coefficient))} ${name}`;
      const head = i === 0 ? (coefficient < 0 ? `- ${term}` : term) : `${sign} ${term}`;
      return i > 0 && i % 10 === 0 ? `\n   ${head}` : head;
    })
    .join(' ');
}

function num(x: number): string {
  return String(x);
}

function satisfies(problem: TargetingProblem, chosen: readonly number[]): boolean {
  const { candidates, quotas = {}, budget, maxCount } = problem;
  const cost = chosen.reduce((s, i) => s + (candidates[i] as TargetingCandidate).cost, 0);
  // HiGHS's feasibility tolerance is 1e-6 on the row; a relative slack of 1e-9 absorbs summation order only.
  if (cost > budget * (1 + 1e-9) + 1e-9) return false;
  if (maxCount !== undefined && chosen.length > maxCount) return false;
  for (const [group, quota] of Object.entries(quotas)) {
    const count = chosen.filter((i) => (candidates[i] as TargetingCandidate).group === group).length;
    if (count < (quota.min ?? 0) || count > (quota.max ?? Infinity)) return false;
  }
  return true;
}

function selection(problem: TargetingProblem, chosen: readonly number[]): TargetingSelection {
  const { candidates } = problem;
  const ranks = competitionRanks(candidates.map((c) => c.priority));
  const order = [...chosen].sort((a, b) => (ranks[a] as number) - (ranks[b] as number) || a - b);
  const reasons: Record<string, SelectionReason> = {};
  let objective = 0;
  let totalCost = 0;
  for (const i of order) {
    const c = candidates[i] as TargetingCandidate;
    reasons[c.pcode] = { rank: ranks[i] as number, priority: c.priority, cost: c.cost };
    objective += c.priority;
    totalCost += c.cost;
  }
  return {
    selected: order.map((i) => (candidates[i] as TargetingCandidate).pcode),
    objective,
    totalCost,
    reasons,
  };
}
