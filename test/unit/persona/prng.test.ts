import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/persona/prng.js';

const draw = (seed: string, n: number): number[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('createRng', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draw('site-1', 50)).toEqual(draw('site-1', 50));
  });

  it('gives unrelated sequences for similar seeds', () => {
    const a = draw('site-1', 20);
    const b = draw('site-2', 20);
    expect(a.filter((x, i) => x === b[i])).toHaveLength(0);
  });

  it('returns floats in [0, 1) that spread over the interval', () => {
    const values = draw('spread', 10_000);
    expect(values.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = values.reduce((s, x) => s + x, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it('int(min, max) includes both ends and nothing outside', () => {
    const rng = createRng('ints');
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) seen.add(rng.int(3, 9));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(rng.int(5, 5)).toBe(5);
  });

  it('int rejects bad bounds', () => {
    const rng = createRng('bad');
    expect(() => rng.int(5, 4)).toThrow(RangeError);
    expect(() => rng.int(0.5, 4)).toThrow(RangeError);
  });

  it('pick returns every element eventually and throws on an empty array', () => {
    const rng = createRng('pick');
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) seen.add(rng.pick(['a', 'b', 'c']));
    expect(seen).toEqual(new Set(['a', 'b', 'c']));
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it('is stable across releases for a known seed', () => {
    // Guards reproducibility of saved `--seed` runs: changing the generator changes personas.
    const rng = createRng('pixel-audit');
    const first = [rng.int(0, 999_999), rng.int(0, 999_999), rng.int(0, 999_999)];
    expect(first).toEqual(KNOWN_PIXEL_AUDIT_SEQUENCE);
  });
});

// Cross-checked with an independent Python implementation of SHA-256 seeding + sfc32.
const KNOWN_PIXEL_AUDIT_SEQUENCE = [2183, 699028, 48795];
