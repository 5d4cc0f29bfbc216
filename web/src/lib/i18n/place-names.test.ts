import { describe, expect, it } from 'vitest';
import { oblastWithLabel, raionWithLabel } from './place-names.ts';

describe('place names', () => {
  it('adds "область" to an oblast but not to the Crimea, Kyiv or Sevastopol', () => {
    expect(oblastWithLabel('Харківська', 'UA63', 'область')).toBe('Харківська область');
    expect(oblastWithLabel('Автономна Республіка Крим', 'UA01', 'область')).toBe('Автономна Республіка Крим');
    expect(oblastWithLabel('Київ', 'UA80', 'область')).toBe('Київ');
    expect(oblastWithLabel('Sevastopol', 'UA85', 'oblast')).toBe('Sevastopol');
  });

  it('adds "район" to a raion and leaves out the raion of a city with special status', () => {
    expect(raionWithLabel('Бахчисарайський', 'UA0102', 'район')).toBe('Бахчисарайський район');
    expect(raionWithLabel('Київ', 'UA8000', 'район')).toBeNull();
    expect(raionWithLabel('Севастополь', 'UA8500', 'район')).toBeNull();
  });
});
