import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { requestHits } from '../../../src/detect/detect.js';
import { kernelOf } from '../../../src/detect/kernel.js';
import { Matcher } from '../../../src/detect/matcher.js';
import { undecodableRun } from '../../../src/detect/blob-reject.js';
import { provablyClean } from '../../../src/detect/prefilter.js';
import { CANDIDATE, marks, sweep, tables, UTF16 } from '../../../src/detect/sweep.js';
import { buildVariants } from '../../../src/detect/variants.js';
import { watSource } from '../../../scripts/wat-source.mjs';
import { b64url, hex, makeRequest, persona } from './helpers.js';

/*
 * The WebAssembly sweep (sweep.wat, kernel.ts) against the JS sweep (sweep.ts), its reference:
 * same verdict and marks on texts built from what requests hold, and a prefilter that never
 * calls clean what the full decoding finds a hit in.
 */

const matcher = new Matcher(buildVariants(persona, { prefixes: true }));
const kernel = kernelOf(matcher)!;
const b64 = (s: string): string => Buffer.from(s).toString('base64');
/** encodeURIComponent, or the text as it is when it holds a lone surrogate (which that refuses). */
const encodeIfWellFormed = (s: string): string => {
  try {
    return encodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Pieces of what requests hold: persona values whole and cut, their encodings and hashes, structure, noise. */
const fragments = [
  persona.email, persona.email.slice(0, 9), persona.email.toUpperCase(), persona.city, persona.city.toUpperCase(),
  persona.firstName, persona.lastName, persona.message.slice(0, 20), persona.phone, persona.postalCode,
  encodeURIComponent(persona.email), encodeURIComponent(persona.city), encodeURIComponent(encodeURIComponent(persona.lastName)),
  hex('sha256', persona.email), hex('md5', persona.phone).toUpperCase(), b64url('sha256', persona.email),
  b64(persona.email), b64(JSON.stringify({ em: persona.email })), LZString.compressToEncodedURIComponent(persona.city),
  '%', '%2', '%25', '%2F', '%C3%A4', '+', '\\', '\\u00e4', '\\"', '&', '=', ';', '"', ':', '{', '}', '[', ']', '\n', ' ', '/', '.', '?', '#',
  'å', 'ä', 'ö', 'Å', 'Ä', 'Ö', 'αβγ', 'Ωμέγα', '😀', '€', '—', 'Ⅻ', '⅐', 'ЖЗ', 'ÿ', '耀', '肰', '醒', '\uD83D',
  'QUJDREVGR0hJSktMTU5PUFFSU1RVVldY', 'dGhlIHF1aWNrIGJyb3duIGZveA', 'a9ebc363dc54b8d771905007e8e29b49',
  'session_id', 'https://shop.example.se/kassan/leverans-12345', 'ob3_plugin-set_', 'AppleWebKit/537.36',
];
const text = fc.array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 12 })), { maxLength: 24 }).map((xs) => xs.join(''));

/** The kernel's verdict on `s`: CANDIDATE, UTF16, or its marks as UTF-16 offsets (as sweep.ts gives them). */
function kernelSweep(s: string): number | number[] {
  expect(kernel.writeText(s)).toBe(true);
  const bytes = Buffer.from(s);
  const count = kernel.sweep()!;
  if (count < 0) return count;
  const unit = (byte: number): number => bytes.subarray(0, byte).toString().length;
  return Array.from({ length: count }, (_, k) => {
    const m = kernel.mark(k);
    return m >= 0 ? unit(m) : -unit(-m - 1) - 1;
  });
}

function jsSweep(s: string): number | number[] {
  const count = sweep(s, tables(matcher));
  return count < 0 ? count : Array.from(marks.at.slice(0, count));
}

/** Candidate and compressToUTF16 signal both mean "no proof": which one comes first may differ (the kernel finds patterns by their start). */
const verdict = (r: number | number[]): 'no proof' | number | number[] => (r === CANDIDATE || r === UTF16 ? 'no proof' : r);

describe('the WebAssembly sweep', () => {
  it('is assembled from the checked-in sweep.wat (and the files joined to it)', async () => {
    const wabt = await (await import('wabt')).default();
    const module = wabt.parseWat('sweep.wat', watSource());
    const built = Buffer.from(module.toBinary({}).buffer);
    module.destroy();
    expect(built.equals(readFileSync(new URL('../../../src/detect/sweep.wasm', import.meta.url)))).toBe(true);
  });

  it('is available here, so the tests below test it', () => {
    expect(kernel).toBeDefined();
  });

  it('agrees with the JS sweep: candidate or not, and the same marks', () => {
    fc.assert(fc.property(text, (s) => {
      expect(verdict(kernelSweep(s))).toEqual(verdict(jsSweep(s)));
    }), { numRuns: 3000 });
  });

  it('finds every persona value the JS sweep finds, anywhere in a long text', () => {
    const filler = 'x'.repeat(37) + '&a=QUJDREVGR0hJSktMTU5PUFFSU1RVVldY;' + 'ok '.repeat(50);
    for (const v of matcher.variants.filter((x) => !x.keyed).slice(0, 400)) {
      for (const cut of [0, 1, 7, 15, 16, 17]) {
        const s = filler.slice(0, cut) + v.text + filler;
        expect(jsSweep(s)).toBe(CANDIDATE);
        expect(kernelSweep(s)).toBe(CANDIDATE);
      }
    }
  });

  it('with refusal, gives the same marks less exactly the blob runs blob-reject.ts refuses', () => {
    const blobChars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_$';
    const token = fc.string({ unit: fc.constantFrom(...blobChars), minLength: 10, maxLength: 60 });
    const withRuns = fc.array(fc.oneof(text, token, fc.constantFrom('&', '=', '"', '%2F', '/')), { maxLength: 8 }).map((xs) => xs.join(''));
    let refused = 0;
    fc.assert(fc.property(withRuns, (s) => {
      expect(kernel.writeText(s)).toBe(true);
      const bytes = Buffer.from(kernel.written());
      const all = kernel.sweep(false)!;
      const expected: number[] = [];
      for (let k = 0; k < Math.max(all, 0); k += 2) {
        const [a, b] = [kernel.mark(k), kernel.mark(k + 1)];
        if (a < 0 || !undecodableRun(bytes, a, b)) expected.push(a, b);
        else refused++;
      }
      const count = kernel.sweep(true)!;
      expect(count < 0 ? count : Array.from({ length: count }, (_, k) => kernel.mark(k))).toEqual(all < 0 ? all : expected);
    }), { numRuns: 3000 });
    expect(refused).toBeGreaterThan(100); // the property is not vacuous
  });

  it('marks escaped segments and blob runs as byte offsets that slice to the same strings', () => {
    const s = 'a=Märta%20Lis&b=' + b64('{"x":"the quick brown fox"}') + '&c=é' + 'QUJDREVGR0hJSktMTU5P';
    const byteMarks = kernelSweep(s);
    expect(byteMarks).toEqual(jsSweep(s));
    expect(Array.isArray(byteMarks) && byteMarks.length).toBeGreaterThan(0);
  });
});

describe('the prefilter with the kernel', () => {
  const wraps: Array<(s: string) => string> = [
    (s) => s, encodeURIComponent, (s) => encodeURIComponent(encodeURIComponent(s)), b64, (s) => LZString.compressToEncodedURIComponent(s),
    (s) => JSON.stringify({ k: s }), (s) => encodeURIComponent(s).replace(/%20/g, '+'), (s) => s.toUpperCase(),
  ];
  const value = fc.constantFrom(persona.email, persona.city, persona.message, persona.lastName, hex('sha256', persona.email), 'nothing personal');
  const request = fc.tuple(value, fc.constantFrom(...wraps), fc.constantFrom(...wraps), text, fc.integer({ min: 0, max: 4 }))
    .map(([v, w1, w2, noise, place]) => {
      const s = noise.slice(0, 20) + w2(w1(v)) + noise.slice(20);
      if (place === 0) return makeRequest({ url: `https://t.test/p?v=${s}` });
      if (place === 1) return makeRequest({ url: `https://t.test/${encodeIfWellFormed(s)}/x` });
      if (place === 2) return makeRequest({ url: 'https://t.test/', body: s });
      if (place === 3) return makeRequest({ url: 'https://t.test/', body: gzipSync(s), headers: { 'content-encoding': 'gzip' } });
      return makeRequest({ url: 'https://t.test/', headers: { cookie: `a=b; v=${s}` } });
    });

  it('never calls a request clean that holds a hit, and agrees with the JS sweep', () => {
    let hits = 0;
    fc.assert(fc.property(request, (req) => {
      const clean = provablyClean(req, matcher);
      expect(clean).toBe(provablyClean(req, matcher, { kernel: false }));
      if (requestHits(req, matcher).length > 0) {
        hits++;
        expect(clean).toBe(false);
      }
    }), { numRuns: 1500 });
    expect(hits).toBeGreaterThan(300);
  });

  it('on bodies that are not valid UTF-8 (raw or compressed), proves no less than it should', () => {
    // The kernel reads such bytes where the JS sweep reads U+FFFD: it may prove less, never more.
    const body = fc.tuple(text, fc.uint8Array({ maxLength: 24 }), fc.constantFrom(...wraps), value, fc.boolean())
      .map(([noise, junk, wrap, v, gz]) => {
        const bytes = Buffer.concat([Buffer.from(noise.slice(0, 10)), Buffer.from(junk), Buffer.from(wrap(v)), Buffer.from(junk.reverse()), Buffer.from(noise.slice(10))]);
        return gz
          ? makeRequest({ url: 'https://t.test/', body: gzipSync(bytes), headers: { 'content-encoding': 'gzip' } })
          : makeRequest({ url: 'https://t.test/', body: bytes });
      });
    let hits = 0;
    fc.assert(fc.property(body, (req) => {
      const clean = provablyClean(req, matcher);
      if (clean) expect(provablyClean(req, matcher, { kernel: false })).toBe(true);
      if (requestHits(req, matcher).length > 0) {
        hits++;
        expect(clean).toBe(false);
      }
    }), { numRuns: 1500 });
    expect(hits).toBeGreaterThan(200);
  });

  it('proves clean requests clean (it is of use)', () => {
    const req = makeRequest({
      url: `https://t.test/tr?id=123&dl=${encodeURIComponent('https://shop.example.se/a/b-12345?x=1')}&sid=QUJDREVGR0hJSktMTU5PUFFSU1RVVldY`,
      headers: { cookie: 'a=b; sid=dGhlIHF1aWNrIGJyb3duIGZveA', 'content-type': 'application/json' },
      body: JSON.stringify({ events: [{ text: 'hello world ' + 'ÅÄÖ åäö', node: hex('sha1', 'x') }] }),
    });
    expect(provablyClean(req, matcher)).toBe(true);
  });
});
