import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findInViews } from '../../../src/detect/find-views.js';
import { Matcher } from '../../../src/detect/matcher.js';
import type { View } from '../../../src/detect/types.js';
import { buildVariants } from '../../../src/detect/variants.js';
import { b64url, hex, persona } from './helpers.js';

/*
 * findInViews (the views' search, chunks without a kernel candidate skipped) against the
 * matcher's search over all the views joined: the same matches, at the same offsets.
 */

const matcher = new Matcher(buildVariants(persona, { prefixes: true }));
const values = [
  persona.email, persona.email.toUpperCase(), persona.city, persona.firstName, persona.lastName, persona.phone,
  hex('sha256', persona.email), b64url('sha256', persona.email), persona.message.slice(0, 12), 'x' + persona.email,
];
const filler = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('hello world ', 'a9ebc363dc54b8d7', 'Ωμέγα ', '😀', '%C3%A4'));
const viewText = fc.tuple(filler, fc.option(fc.constantFrom(...values), { nil: undefined }), filler, fc.integer({ min: 0, max: 900 }))
  .map(([a, v, b, pad]) => a + (v ?? '') + b + ' z'.repeat(pad % 3 === 0 ? pad : 0))
  .filter((t) => t.length > 0);
const viewList = fc.array(viewText, { minLength: 1, maxLength: 60 })
  .map((texts): View[] => texts.map((text, i) => ({ path: `p${i}`, text })));

function joinedOffsets(views: readonly View[]): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (const v of views) {
    offsets.push(at);
    at += v.text.length + 1;
  }
  return offsets;
}

describe('findInViews', () => {
  it('finds what the matcher finds in all the views joined, across chunks', () => {
    let found = 0;
    let long = 0;
    fc.assert(fc.property(viewList, (views) => {
      const offsets = joinedOffsets(views);
      const whole = matcher.find(views.map((v) => v.text).join('\u0000'));
      const chunked = findInViews(views, offsets, matcher);
      expect(chunked.map((m) => [m.variant.text, m.start])).toEqual(whole.map((m) => [m.variant.text, m.start]));
      found += whole.length;
      if (offsets[offsets.length - 1]! > 4096) long++;
    }), { numRuns: 400 });
    expect(found).toBeGreaterThan(400);
    expect(long).toBeGreaterThan(20);
  });
});
