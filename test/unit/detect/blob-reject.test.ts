import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { undecodableRun } from '../../../src/detect/blob-reject.js';
import { decodeBase64Text } from '../../../src/detect/decode.js';
import { kernelOf } from '../../../src/detect/kernel.js';
import { decodeLzString } from '../../../src/detect/lz-string.js';
import { Matcher } from '../../../src/detect/matcher.js';
import { buildVariants } from '../../../src/detect/variants.js';
import { persona } from './helpers.js';

/** What prefilter.ts's blob step decodes: the run, and each stretch between its slashes of 12 or more characters. */
function decodes(run: string): boolean {
  const stretches = [run];
  const cuts = [-1];
  for (let i = run.indexOf('/'); i >= 0; i = run.indexOf('/', i + 1)) cuts.push(i);
  cuts.push(run.length);
  for (let a = 0; a < cuts.length; a++) {
    for (let b = a + 1; b < cuts.length; b++) {
      if ((a > 0 || b < cuts.length - 1) && cuts[b]! - cuts[a]! - 1 >= 12) stretches.push(run.slice(cuts[a]! + 1, cuts[b]));
    }
  }
  return stretches.some((s) => (decodeBase64Text(s) ?? decodeLzString(s)) !== undefined);
}

const rejected = (run: string): boolean => undecodableRun(Buffer.from(run, 'latin1'), 0, run.length);
const BLOB = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/-_$';
const texts = fc.string({ minLength: 4, maxLength: 60 });

describe('undecodableRun', () => {
  it('never rejects a run that a decoder takes: base64, base64url and LZ-string of text, whole or between slashes', () => {
    const encodings: Array<(s: string) => string> = [
      (s) => Buffer.from(s).toString('base64').replace(/=+$/, '').replace(/\+/g, '/'),
      (s) => Buffer.from(s).toString('base64url'),
      (s) => LZString.compressToEncodedURIComponent(s).replace(/\+/g, '-'),
      (s) => LZString.compressToBase64(s).replace(/=+$/, '').replace(/\+/g, '/'),
    ];
    const run = fc.tuple(texts, fc.constantFrom(...encodings), fc.stringMatching(/^[A-Za-z0-9_]{0,20}$/), fc.boolean())
      .map(([t, enc, prefix, slash]) => (slash ? `${prefix}/${enc(t)}/x` : enc(t)));
    let decodable = 0;
    fc.assert(fc.property(run, (r) => {
      if (decodes(r)) {
        decodable++;
        expect(rejected(r)).toBe(false);
      }
    }), { numRuns: 3000 });
    expect(decodable).toBeGreaterThan(1000);
  });

  it('rejects only runs that no decoder takes (random runs of blob characters)', () => {
    const run = fc.array(fc.constantFrom(...BLOB), { minLength: 12, maxLength: 90 }).map((xs) => xs.join(''));
    fc.assert(fc.property(run, (r) => {
      if (rejected(r)) expect(decodes(r)).toBe(false);
    }), { numRuns: 5000 });
  });

  it('rejects most random tokens, the runs requests are full of', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const tokens = Array.from({ length: 2000 }, () => Array.from({ length: 12 + (next() % 80) }, () => BLOB[next() % 64]).join(''));
    expect(tokens.filter(rejected).length).toBeGreaterThan(1980); // > 1,800 was asked before the padded-end check
  });
});

describe("the kernel's refusal (blob-reject.wat)", () => {
  const kernel = kernelOf(new Matcher(buildVariants(persona, { prefixes: true })))!;
  const inKernel = (run: string): boolean => {
    expect(kernel.writeText(run)).toBe(true);
    return kernel.undecodable(0, run.length);
  };
  const lz = [LZString.compressToEncodedURIComponent, LZString.compressToBase64];
  /** Texts with 16-bit literals and the characters at the edges of what counts as text. */
  const wide = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom('\uFFFE', '\uFFFD', '\u007F', '\u001F', '\t', '\r', ' ')),
    { minLength: 1, maxLength: 8 }).map((xs) => xs.join(''));
  /** LZ-string output, cut and with one character changed: streams that fail (or end) anywhere along the way. */
  const damaged = fc.tuple(fc.oneof(texts, wide), fc.constantFrom(...lz), fc.nat(), fc.nat(), fc.constantFrom(...BLOB)).map(([t, enc, cut, at, ch]) => {
    const out = enc(t).replace(/=+$/, '').replace(/\+/g, '-');
    const kept = out.slice(0, Math.max(12, out.length - (cut % 8)));
    const i = at % kept.length;
    return kept.slice(0, i) + ch + kept.slice(i + 1);
  });
  const random = fc.array(fc.constantFrom(...BLOB), { minLength: 12, maxLength: 90 }).map((xs) => xs.join(''));
  const whole = fc.tuple(fc.oneof(texts, wide), fc.constantFrom(...lz)).map(([t, enc]) => enc(t).replace(/=+$/, '').replace(/\+/g, '-'));

  it('refuses exactly what undecodableRun refuses', () => {
    let refused = 0;
    let taken = 0;
    fc.assert(fc.property(fc.oneof(damaged, random, whole, fc.tuple(whole, whole).map(([a, b]) => `${a}/${b}`)), (run) => {
      const verdict = rejected(run);
      expect(inKernel(run)).toBe(verdict);
      if (verdict) refused++;
      else taken++;
    }), { numRuns: 6000 });
    expect(refused).toBeGreaterThan(1000);
    expect(taken).toBeGreaterThan(1000);
  });
});
