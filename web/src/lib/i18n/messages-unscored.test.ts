import { describe, expect, it } from 'vitest';
import { parseUnscoredReason, unscoredReasonText } from './messages-unscored.ts';

// The engine's reason exactly as server/model/score.ts writes it for a unit with no scored dimension.
const ENGINE =
  'no dimension could be scored: cohesion has 0 of 3 indicators, economy has 1 of 5 indicators ' +
  '(a component needs at least 50% of its indicators)';
const names: Record<string, string> = { cohesion: 'Згуртованість і довіра', economy: 'Економіка' };
const flat = (s: string) => s.replace(/\s/g, ' ');

describe('unscored reasons', () => {
  it('reads the numbers of the engine’s reason', () => {
    expect(parseUnscoredReason(ENGINE)).toEqual({
      parts: [
        { dimension: 'cohesion', present: 0, total: 3 },
        { dimension: 'economy', present: 1, total: 5 },
      ],
      minShare: 0.5,
    });
  });

  it('writes the reason in Ukrainian with the dimensions’ names (issue #14: it was English)', () => {
    expect(flat(unscoredReasonText(ENGINE, 'uk', (id) => names[id] ?? id))).toBe(
      'жоден вимір не вдалося оцінити: «Згуртованість і довіра» — 0 з 3 показників; «Економіка» — 1 з 5 показників ' +
        '(складова потребує щонайменше 50 % своїх показників)',
    );
  });

  it('never shows an unknown English reason in Ukrainian', () => {
    expect(unscoredReasonText('something else', 'uk', (id) => id)).toBe('жоден вимір не вдалося оцінити');
    expect(unscoredReasonText('something else', 'en', (id) => id)).toBe('something else');
  });
});
