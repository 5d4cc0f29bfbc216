import { describe, expect, it } from 'vitest';
import { textProblem } from './text-field.ts';

describe('textProblem', () => {
  it('accepts ordinary names, tabs and line breaks', () => {
    expect(textProblem('Вінницька міська громада', 200)).toBeNull();
    expect(textProblem("Кам'янець-Подільська\tміська\r\n", 200)).toBeNull();
  });

  it('names the length and quotes only the start of a long value', () => {
    const reason = textProblem('я'.repeat(30_000), 200);
    expect(reason).toMatch(/^is 30,000 characters long \(at most 200\): "я{40}…"$/);
  });

  it('names a NUL byte and other controls with their position', () => {
    expect(textProblem('Київ\u0000', 200)).toBe('contains the control character U+0000 at position 5');
    expect(textProblem('a\u001bb', 200)).toBe('contains the control character U+001B at position 2');
    expect(textProblem('a\u0085', 200)).toBe('contains the control character U+0085 at position 2');
  });
});
