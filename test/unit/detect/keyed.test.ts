import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyedCategory } from '../../../src/detect/keyed.js';

/*
 * keyedCategory's early exit (by the path's last characters) against the plain regex test it
 * shortens: the same category, or none, for paths made of key-like pieces.
 */

const CATEGORY: Record<string, string> = {
  pc0: 'postal_code', co0: 'country', ct0: 'city', rg0: 'region', zp: 'postal_code', country: 'country', ct: 'city', st: 'region', ge: 'gender',
};
function reference(path: string): string | undefined {
  const key = /\.(pc0|co0|ct0|rg0)$/.exec(path)?.[1] ?? /(?:^|\.)(?:ud|udff|aud|audff)\[(zp|country|ct|st|ge)\]$/.exec(path)?.[1];
  return key === undefined ? undefined : CATEGORY[key];
}

const pieces = ['ud', 'udff', 'aud', '[', ']', 'zp', 'country', 'ct', 'st', 'ge', '.', 'pc0', 'co0', 'rg0', 'ct0', '0', '[3]', 'query', 'x', 'Z', 'em'];
const endings = ['.pc0', '.co0', '.ct0', '.rg0', 'ud[zp]', '.ud[country]', '.udff[ct]', 'aud[st]', '.audff[ge]', 'ud[ZP]', '[3]', 'x0', 'a]'];
const path = fc.tuple(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), { maxLength: 6 }), fc.constantFrom(...endings), fc.boolean())
  .map(([xs, end, whole]) => xs.join('') + (whole ? end : end.slice(0, -1)));

describe('keyedCategory', () => {
  it('gives what the key regexes alone give', () => {
    let named = 0;
    fc.assert(fc.property(path, (p) => {
      const category = keyedCategory(p);
      expect(category).toBe(reference(p));
      if (category !== undefined) named++;
    }), { numRuns: 5000 });
    expect(named).toBeGreaterThan(50);
  });

  it('names the keys trackers send', () => {
    expect(['query.ud[zp]', 'body.json.ud[country]', 'query.em.pc0', 'query.x.rg0', 'ud[ge]', 'query.udff[st]'].map(keyedCategory))
      .toEqual(['postal_code', 'country', 'postal_code', 'region', 'gender', 'region']);
    expect(['query.ud[zp]x', 'query.zp', 'body.json.a[0]', 'query.pc0x', 'query.ud[ZP]'].map(keyedCategory)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
