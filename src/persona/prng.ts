import { createHash } from 'node:crypto';

/**
 * A small deterministic pseudo-random generator. Not for secrets: it exists so that the same
 * `--seed` reproduces the same persona on every machine and Node version, which `Math.random`
 * cannot promise.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
}

/**
 * Creates a generator seeded from a string. The seed is hashed with SHA-256 so that similar
 * strings (`site-1`, `site-2`) still start from unrelated states, and its first 128 bits seed
 * an sfc32 generator.
 *
 * @param seed - any string; equal strings give equal sequences.
 * @returns a generator with `next`, `int` and `pick`.
 */
export function createRng(seed: string): Rng {
  const digest = createHash('sha256').update(seed, 'utf8').digest();
  const next = sfc32(
    digest.readUInt32BE(0),
    digest.readUInt32BE(4),
    digest.readUInt32BE(8),
    digest.readUInt32BE(12),
  );
  // A few rounds mix the seed words before the first value is used (customary for sfc32).
  for (let i = 0; i < 15; i++) next();

  return {
    next,
    int(min: number, max: number): number {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(`int(${min}, ${max}): need integers with min <= max`);
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick() from an empty array');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 32-bit): 128 bits of state,
 * passes PractRand, and is a few lines of integer arithmetic. Returns floats in [0, 1).
 */
function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}
