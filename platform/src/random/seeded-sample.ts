/**
 * Reproducible random samples, for the draws the law wants both random and checkable (双随机's
 * entities and officers, 案卷评查's case files): pure-rand's xoroshiro128+ seeded with a 32-bit
 * integer, its unbiased `uniformInt` for each index, and a partial Fisher–Yates shuffle (Knuth,
 * TAOCP vol. 2, Algorithm P, stopped after k steps). Given the same seed and the same items in
 * the same order, anyone draws the same sample; callers sort their items before drawing so the
 * order rows come out of the database never matters, and record the seed with SEEDED_SAMPLE.
 */
import { randomInt } from 'node:crypto';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** The name recorded with a seed: generator, distribution and sampling, with the library's version. */
export const SEEDED_SAMPLE = 'pure-rand@8.4.2 xoroshiro128plus + uniformInt, partial Fisher-Yates';

/** A seeded generator; one draw takes its samples from one generator in a fixed order. */
export type SeededRng = ReturnType<typeof xoroshiro128plus>;

/** The generator of a seed. */
export function seededRng(seed: number): SeededRng {
  return xoroshiro128plus(seed);
}

/** A fresh seed (32-bit, non-negative) from the operating system's random source. */
export function newSeed(): number {
  return randomInt(0, 2 ** 31);
}

/** `k` of `items` drawn without replacement, in the order drawn (the items are not changed). */
export function sampleOf<T>(rng: SeededRng, items: readonly T[], k: number): T[] {
  const a = [...items];
  for (let i = 0; i < k; i++) {
    const j = uniformInt(rng, i, a.length - 1);
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a.slice(0, k);
}

/**
 * A reproducible stream of numbers in [0, 1) from a seed, for tests and benchmarks that must write
 * the same data on every run (the same generator as the draws).
 *
 * @example
 * const rnd = seededUnit(7); rnd() // 0.41… — the same first number on every run
 */
export function seededUnit(seed: number): () => number {
  const rng = seededRng(seed);
  return () => uniformInt(rng, 0, 0xffffffff) / 0x1_0000_0000;
}
