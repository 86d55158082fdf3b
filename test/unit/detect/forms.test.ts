import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { undecodableRun } from '../../../src/detect/blob-reject.js';
import { kernelOf, NO_BUDGET, NOT_COMMON } from '../../../src/detect/kernel.js';
import { Matcher } from '../../../src/detect/matcher.js';
import { MAX_FORMS, readings } from '../../../src/detect/readings.js';
import { blobRuns, CANDIDATE, sweep, tables, UTF16 } from '../../../src/detect/sweep.js';
import { buildVariants } from '../../../src/detect/variants.js';
import { hex, persona } from './helpers.js';

/*
 * The kernel's decoding of an escaped segment in one call (forms.wat, kernel.ts decodeSegment)
 * against a model written from what it stands for: percent-decoding the segment's bytes until
 * no `%` is left, each form swept by the JS sweep (sweep.ts), the last form's blob runs those
 * blobRuns finds and blob-reject.ts does not refuse — and that model against readings.ts, the
 * string readings prefilter.ts makes when the kernel cannot.
 */

const matcher = new Matcher(buildVariants(persona, { prefixes: true }));
const kernel = kernelOf(matcher)!;
const t = tables(matcher);

type Outcome = { result: 'no proof' | typeof NOT_COMMON | typeof NO_BUDGET; swept: number } | { result: 'runs'; swept: number; runs: string[]; forms: string[] };

/** What decodeSegment must give for the segment `bytes` (see above), in the order it checks. */
function model(bytes: Buffer, wantRuns: boolean, maxForms: number, budget: number): Outcome {
  const plainBytes = (b: Buffer): boolean => !b.includes(0x2b) && !b.includes(0x5c) && isUtf8(b);
  if (!plainBytes(bytes) || !bytes.includes(0x25)) return { result: NOT_COMMON, swept: 0 };
  const forms: string[] = [];
  let form = bytes;
  for (let count = 1; ; count++) {
    const out: number[] = [];
    for (let i = 0; i < form.length; i++) {
      if (form[i] !== 0x25) {
        out.push(form[i]!);
        continue;
      }
      const pair = form.subarray(i + 1, i + 3).toString('latin1');
      if (!/^[0-9a-fA-F]{2}$/.test(pair)) return { result: NOT_COMMON, swept: forms.length };
      out.push(parseInt(pair, 16));
      i += 2;
    }
    const next = Buffer.from(out);
    if (!plainBytes(next) || count >= maxForms) return { result: NOT_COMMON, swept: forms.length };
    if (forms.length >= budget) return { result: NO_BUDGET, swept: forms.length };
    const text = next.toString('utf8');
    forms.push(text);
    const verdict = sweep(text, t);
    if (verdict === CANDIDATE || verdict === UTF16) return { result: 'no proof', swept: forms.length };
    if (!next.includes(0x25)) {
      const runs = wantRuns ? blobRuns(text, t.tab).filter((r) => !undecodableRun(Buffer.from(r), 0, r.length)) : [];
      return { result: 'runs', swept: forms.length, runs, forms };
    }
    form = next;
  }
}

/** What decodeSegment gives for `segment` (text, or bytes as a body holds them) written alone. */
function kernelOutcome(segment: string | Buffer, wantRuns: boolean, maxForms: number, budget: number): Outcome {
  expect(typeof segment === 'string' ? kernel.writeText(segment) : kernel.writeBytes(segment)).toBe(true);
  const result = kernel.decodeSegment(0, kernel.length, wantRuns, maxForms, budget);
  const swept = kernel.swept;
  if (result === CANDIDATE || result === UTF16) return { result: 'no proof', swept };
  if (result === NOT_COMMON || result === NO_BUDGET) return { result, swept };
  expect(result).toBeGreaterThanOrEqual(0);
  return { result: 'runs', swept, runs: result === 0 ? [] : kernel.segmentRuns(result), forms: [] };
}

/** Pieces of escaped segments: persona values encoded once to thrice, blobs, noise; and escapes the kernel leaves to readings.ts. */
const enc = encodeURIComponent;
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const common = [
  enc(persona.email), enc(enc(persona.email)), enc(enc(enc(persona.city))), enc(persona.city), enc(persona.lastName),
  persona.email.slice(0, 8), enc(persona.message.slice(0, 30)), 'https%3A%2F%2Fshop.example.se%2Fkassan%2Fleverans-12345',
  '%25', '%2525', '%41', '%20', '%2F', '%C3%A4', '%E2%82%AC', '%F0%9F%98%80', '%2540', '%25C3%25A4', 'ä', 'Ω', '😀', '/', '-', '_', ' ',
  'QUJDREVGR0hJSktMTU5PUFFSU1RVVldY', enc(b64('the quick brown fox jumps')), enc(enc(b64(`{"em":"${persona.email}"}`))),
  'se/kontakt/nyhetsbrev-12345', hex('sha256', persona.email), 'session_id', 'plugin-set_x',
];
/** Blobs a last form holds when the escapes around them are decoded. */
const blobs = ['%20QUJDREVGR0hJSktMTU5PUFFSU1RVVldY%20', `%2F${enc(b64('the quick brown fox jumps'))}%2F`, '%3Ddgh%2FlIHF1aWNrIGJyb3duIGZveA%26'];
const uncommon = ['%', '%2', '%252', '%2B', '%2b', '%5C', '%C3', '%A4', '%ED%A0%80', '%C0%AF', '%F4%90%80%80', '%E0%80%80', '%FF', '+', '\\'];
const noise = fc.string({ unit: fc.constantFrom(...'abcxyzABC0189 .:/-_åäöΩ'), maxLength: 8 });
/** Raw bytes a body may hold that are not UTF-8 (a text written from a string never holds them). */
const malformed = [Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0x80, 0x41])];
const segment = fc.array(fc.oneof({ arbitrary: fc.constantFrom(...common), weight: 8 }, { arbitrary: fc.constantFrom(...blobs), weight: 1 },
  { arbitrary: fc.constantFrom(...uncommon), weight: 1 },
  { arbitrary: noise, weight: 2 }), { minLength: 1, maxLength: 8 }).map((xs) => xs.join(''));

describe("the kernel's decoding of escaped segments", () => {
  it('gives what percent-decoding the bytes and sweeping each form gives, in the same order of checks', () => {
    const seen = new Map<string, number>();
    fc.assert(fc.property(segment, fc.boolean(), fc.oneof(fc.constant(MAX_FORMS), fc.integer({ min: 1, max: 4 })),
      fc.oneof(fc.constant(1_000), fc.integer({ min: 0, max: 3 })), (s, wantRuns, maxForms, budget) => {
        const expected = model(Buffer.from(s), wantRuns, maxForms, budget);
        const got = kernelOutcome(s, wantRuns, maxForms, budget);
        expect({ ...got, forms: undefined }).toEqual({ ...expected, forms: undefined });
        seen.set(String(expected.result), (seen.get(String(expected.result)) ?? 0) + 1);
        if (expected.result === 'runs' && expected.runs.length > 0) seen.set('with runs', (seen.get('with runs') ?? 0) + 1);
      }), { numRuns: 4000 });
    // Every outcome was reached often enough to mean something.
    for (const outcome of ['runs', 'with runs', 'no proof', String(NOT_COMMON), String(NO_BUDGET)]) expect(seen.get(outcome) ?? 0).toBeGreaterThan(40);
  });

  it('leaves a segment of bytes that are not UTF-8 to readings.ts, as a body may hold them', () => {
    fc.assert(fc.property(segment, fc.constantFrom(...malformed), segment, (a, bad, b) => {
      const bytes = Buffer.concat([Buffer.from(a), bad, Buffer.from(b)]);
      expect(kernelOutcome(bytes, true, MAX_FORMS, 1_000)).toEqual({ result: NOT_COMMON, swept: 0 });
      expect(model(bytes, true, MAX_FORMS, 1_000)).toEqual({ result: NOT_COMMON, swept: 0 });
    }), { numRuns: 300 });
  });

  it("decodes to readings.ts's forms where it takes a segment, its last form the only end", () => {
    let taken = 0;
    fc.assert(fc.property(segment, (s) => {
      const expected = model(Buffer.from(s), true, MAX_FORMS, 1_000);
      if (expected.result !== 'runs') return;
      taken++;
      expect(readings(s)).toEqual({ forms: [s, ...expected.forms], ends: [expected.forms.at(-1)] });
    }), { numRuns: 2000 });
    expect(taken).toBeGreaterThan(100);
  });

  it('finds a persona value only an escape hides, and a blob the last form holds', () => {
    // Every byte of the first name escaped, and that escaped again: only the second form holds it.
    const escaped = [...Buffer.from(persona.firstName)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
    expect(kernelOutcome(enc(escaped), true, MAX_FORMS, 1_000)).toEqual({ result: 'no proof', swept: 2 });
    expect(kernelOutcome(enc(escaped), true, MAX_FORMS, 1)).toEqual({ result: NO_BUDGET, swept: 1 });
    const blob = Buffer.from('the quick brown fox jumps').toString('base64');
    const got = kernelOutcome(`a%20${enc(blob)}%20b`, true, MAX_FORMS, 1_000);
    expect(got).toMatchObject({ result: 'runs', swept: 1, runs: [blob.replace(/=+$/, '')] });
  });
});
