import { describe, expect, it } from 'vitest';
import { solverReasonText } from './messages-solver.ts';

// The engine's reasons exactly as server/model/targeting.ts writes them.
const ENGINE = [
  'HiGHS found no selection that meets the budget, quotas and maximum count',
  'HiGHS stopped with status "Time limit reached" and no usable selection',
  'the greedy preview could not meet the minimum quota of UA63 within the budget; the exact solver may',
  'the quota for UA63 needs at least 5 communities but only 3 are candidates',
  'the minimum quotas add up to 12 communities, above the maximum of 10',
  'meeting the minimum quotas costs at least 500000, above the budget of 300000',
];

describe('solver reasons', () => {
  it('writes every reason of the engine in Ukrainian, with its numbers (issue #14: they were English)', () => {
    for (const r of ENGINE) {
      const uk = solverReasonText(r, 'uk');
      expect(uk.replace(/HiGHS|UA\d+|Time limit reached/g, ''), r).not.toMatch(/[A-Za-z]/);
      for (const n of r.match(/\d+/g) ?? []) expect(uk).toContain(n);
    }
    expect(solverReasonText(ENGINE[3]!, 'uk')).toBe(
      'квота «UA63» потребує щонайменше 5 громад, а кандидатів лише 3',
    );
  });

  it('keeps the English and never shows an unknown English reason in Ukrainian', () => {
    expect(solverReasonText(ENGINE[4]!, 'en')).toBe(ENGINE[4]);
    expect(solverReasonText('other', 'uk')).toBe('жодного вибору, що відповідає умовам, не знайдено');
  });
});
