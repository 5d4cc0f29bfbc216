import { describe, expect, it } from 'vitest';
import { COUNT_MESSAGES } from './messages-counts.ts';

const flat = (s: string) => s.replace(/\s/g, ' ');

describe('count messages', () => {
  it('agree noun and verb with the number in Ukrainian (issue #14: "1 303 громад відповідають")', () => {
    const m = COUNT_MESSAGES.uk;
    expect(flat(m.rankingCount(1303, 1402))).toBe(
      '1 303 громади відповідають фільтрам (з 1 402 громад з оцінкою)',
    );
    expect(flat(m.rankingCount(21, 1401))).toBe('21 громада відповідає фільтрам (з 1 401 громади з оцінкою)');
    expect(flat(m.rankingCount(5, 5))).toBe('5 громад відповідають фільтрам (з 5 громад з оцінкою)');
    expect(flat(m.shortlistSummary(2, 'A', 'B'))).toBe('2 громади · A з B');
    expect(flat(m.eligibleOf(1))).toBe('з 1 громади, що відповідає фільтрам');
  });

  it('writes English singular and plural', () => {
    const m = COUNT_MESSAGES.en;
    expect(m.rankingCount(1, 1303)).toBe('1 community passes the filters (of 1,303 scored)');
    expect(m.shortlistSummary(3, 'A', 'B')).toBe('3 communities · A of B');
  });
});
