// A tiny seedable PRNG, so that permutation tests and Monte Carlo runs are reproducible from a seed.
// mulberry32 by Tommy Ettinger (2017, public domain), as published in bryc/code "PRNGs.md"
// (https://github.com/bryc/code/blob/master/jshash/PRNGs.md#mulberry32): a 32-bit state, period 2^32,
// passes gjrand's tests at the scale used here (≤ 1.5 million draws per analysis).

/** A function returning uniform numbers in [0, 1). */
export type Random = () => number;

/** mulberry32 seeded with the low 32 bits of `seed`. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, n). */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}
