import type { HeavyPool } from '../../compute/heavy-pool.ts';
import { TaskDeadlineError } from '../../compute/worker-pool.ts';
import { greedyFallback, type TargetingProblem } from '../../model/targeting.ts';

/**
 * How long past its own time limit an exact solve may run before the pool stops its thread. HiGHS checks its
 * time_limit only between phases, so a large problem can overrun it by minutes (issue #15, B12: 157 s against a
 * limit of 20 s on 180,000 synthetic units). The real 1,469 hromadas solve in about a second.
 */
export const EXACT_OVERRUN_SECONDS = 10;

type Pool = Pick<HeavyPool, 'run'>;

/**
 * The exact selection, solved in the heavy-work pool (issue #15 item 2: seconds of CPU that must not stall other
 * requests). Whatever happens the answer is a selection: HiGHS's optimum, the best it found in its time, or,
 * when it overruns, the greedy preview labelled `fallback: { cause: 'time' }` ("a labelled heuristic, not a
 * hang").
 */
export async function solveExactly(pool: Pool, problem: TargetingProblem, timeLimitSeconds: number) {
  try {
    return await pool.run(
      'targeting',
      { problem, timeLimitSeconds },
      { deadlineMs: (timeLimitSeconds + EXACT_OVERRUN_SECONDS) * 1000 },
    );
  } catch (error) {
    if (error instanceof TaskDeadlineError)
      return greedyFallback(problem, { cause: 'time', limit: timeLimitSeconds });
    throw error;
  }
}
