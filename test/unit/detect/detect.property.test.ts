import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { requestHits, viewHits } from '../../../src/detect/detect.js';
import { Matcher } from '../../../src/detect/matcher.js';
import { storedViews } from '../../../src/detect/stored-views.js';
import type { Hit, Variant } from '../../../src/detect/types.js';
import { buildVariants } from '../../../src/detect/variants.js';
import type { CapturedRequest } from '../../../src/evidence/schema.js';
import { generatePersona, type Persona } from '../../../src/persona/index.js';
import { makeRequest, persona as handMade } from './helpers.js';

/*
 * Property tests: any persona value, through any chain detection generates, inside any kind of
 * view (query, path, fragment, form, JSON, JSON in a parameter, multipart, base64, gzip/deflate/
 * brotli, LZ-string, cookies, Referer, newline batches, WebSocket frames, stored cookies and Web
 * Storage), is found with its field and chain at the path that names where it sat; and random
 * payloads without a canary give no hit.
 */

const personas: Persona[] = [
  handMade,
  generatePersona({ seed: 'property-1', country: 'DE' }),
  generatePersona({ seed: 'property-2', country: 'US' }),
  generatePersona({ seed: 'property-3', country: 'NO' }),
];
const matchers = personas.map((p) => new Matcher(buildVariants(p, { prefixes: true })));

/** Variants whose own chain must come back: plain encodings are found through their decoding instead (below). */
const PLAIN_ENCODINGS = new Set(['url', 'url-plus', 'base64', 'base64url']);
const encodedPlain = (v: Variant): boolean => !v.hashed && PLAIN_ENCODINGS.has(v.transform.at(-1)!);

/** Variants searched in text, except prefixes whose text another field also has (the timeline decides those). */
const candidates = matchers.map((m) => {
  const searched = m.variants.filter((v) => !v.keyed && !v.probe);
  const fields = new Map<string, Set<string>>();
  for (const v of searched) fields.set(v.text.toLowerCase(), (fields.get(v.text.toLowerCase()) ?? new Set()).add(v.field));
  return searched.filter((v) => !(v.prefix && fields.get(v.text.toLowerCase())!.size > 1));
});

const json = (value: string): string => JSON.stringify({ k: value, n: 1, other: 'ordinary text' });
const b64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');
const T = 'https://t.example.net';

/** A way to carry a value in a request, and the view path the value then has. */
interface Carrier {
  name: string;
  path: string;
  build(value: string): CapturedRequest;
}
const carriers: Carrier[] = [
  { name: 'query', path: 'query.x', build: (v) => makeRequest({ url: `${T}/p?a=1&x=${encodeURIComponent(v)}&b=2` }) },
  { name: 'query twice encoded', path: 'query.x', build: (v) => makeRequest({ url: `${T}/p?x=${encodeURIComponent(encodeURIComponent(v))}` }) },
  { name: 'path segment', path: 'url.path[1]', build: (v) => makeRequest({ url: `${T}/p/${encodeURIComponent(v)}/end` }) },
  { name: 'fragment', path: 'fragment', build: (v) => makeRequest({ url: `${T}/p#${encodeURIComponent(v)}` }) },
  { name: 'form body', path: 'body.form.x', build: (v) => makeRequest({ url: `${T}/c`, body: `a=1&x=${encodeURIComponent(v)}` }) },
  { name: 'newline batch', path: 'body.form.x', build: (v) => makeRequest({ url: `${T}/g`, body: `en=a&y=1\nen=b&x=${encodeURIComponent(v)}\nen=c` }) },
  { name: 'JSON body', path: 'body.json.a.b[1]', build: (v) => makeRequest({ url: `${T}/j`, body: JSON.stringify({ a: { b: [0, v] } }) }) },
  { name: 'JSON in a parameter', path: 'query.d.json.k', build: (v) => makeRequest({ url: `${T}/p?d=${encodeURIComponent(json(v))}` }) },
  { name: 'base64(JSON) body', path: 'body.b64.json.k', build: (v) => makeRequest({ url: `${T}/b`, body: b64(json(v)) }) },
  { name: 'base64url(JSON) parameter', path: 'query.d.b64.json.k', build: (v) => makeRequest({ url: `${T}/p?d=${Buffer.from(json(v)).toString('base64url')}` }) },
  { name: 'gzip body', path: 'body.json.k', build: (v) => makeRequest({ url: `${T}/z`, body: gzipSync(json(v)) }) },
  { name: 'deflate body', path: 'body.json.k', build: (v) => makeRequest({ url: `${T}/z`, body: deflateSync(json(v)), headers: { 'content-encoding': 'deflate' } }) },
  { name: 'brotli body', path: 'body.json.k', build: (v) => makeRequest({ url: `${T}/z`, body: brotliCompressSync(json(v)), headers: { 'content-encoding': 'br' } }) },
  {
    name: 'multipart', path: 'body.multipart.k', build: (v) => makeRequest({
      url: `${T}/m`, headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
      body: `--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--XyZ\r\nContent-Disposition: form-data; name="k"\r\n\r\n${v}\r\n--XyZ--\r\n`,
    }),
  },
  { name: 'LZ-string base64 body', path: 'body.lz.json.k', build: (v) => makeRequest({ url: `${T}/r`, body: LZString.compressToBase64(json(v)) }) },
  { name: 'LZ-string URI parameter', path: 'query.d.lz.json.k', build: (v) => makeRequest({ url: `${T}/r?d=${LZString.compressToEncodedURIComponent(json(v))}` }) },
  { name: 'LZ-string UTF-16 in JSON', path: 'body.json.s.lz.json.k', build: (v) => makeRequest({ url: `${T}/r`, body: JSON.stringify({ s: LZString.compressToUTF16(json(v)) }) }) },
  { name: 'cookie', path: 'cookie.k', build: (v) => makeRequest({ url: `${T}/p`, headers: { cookie: `a=1; k=${encodeURIComponent(v)}; z=2` } }) },
  { name: 'Referer', path: 'header.referer.query.x', build: (v) => makeRequest({ url: `${T}/p`, headers: { referer: `https://shop.example/tack?x=${encodeURIComponent(v)}` } }) },
  { name: 'WebSocket frame', path: 'body.json.k', build: (v) => makeRequest({ url: 'wss://ws.example.net/s', channel: 'websocket', method: 'WS', body: json(v) }) },
];

/** Stored values go through the same views under their own paths. */
const stored = [
  { name: 'cookie jar', path: 'cookie-jar.t.example.net.k', hits: (v: string, m: Matcher) => viewHits('c0001', storedViews('cookie-jar.t.example.net.k', encodeURIComponent(v)), m) },
  { name: 'localStorage JSON', path: 'storage.https://t.example.net.local.k.json.k', hits: (v: string, m: Matcher) => viewHits('s0001', storedViews('storage.https://t.example.net.local.k', json(v)), m) },
];

/** The hit a variant must give, or (plain encodings) the hit its decoding gives at or below the path. */
function expectFound(hits: Hit[], v: Variant, path: string): void {
  if (encodedPlain(v)) {
    // Decoded, one layer down (`….b64`); or, when a whole JSON text was percent-decoded before
    // being parsed, on the undecoded text above its leaf.
    const near = (p: string): boolean => p === path || p.startsWith(`${path}.`) || path.startsWith(`${p}.`);
    expect(hits.some((h) => h.field === v.field && near(h.parameter))).toBe(true);
    return;
  }
  // base64 of a hex digest is itself text: found decoded, one layer down (`….b64`, chain without the base64).
  const decoded = v.transform.at(-1) === 'base64' ? v.transform.slice(0, -1).join() : undefined;
  const hit = hits.find((h) => h.field === v.field && ((h.parameter === path && h.transform.join() === v.transform.join())
    || (h.parameter === `${path}.b64` && h.transform.join() === decoded)));
  expect(hit, `${v.field} ${v.transform.join()} at ${path} in ${JSON.stringify(hits.map((h) => `${h.parameter} ${h.field} ${h.transform.join()}`))}`).toBeDefined();
  expect(hit!.category).toBe(v.category);
}

const variantArb = fc.integer({ min: 0, max: personas.length - 1 }).chain((p) =>
  fc.integer({ min: 0, max: candidates[p]!.length - 1 }).map((i) => ({ p, variant: candidates[p]![i]! })));

describe('detection properties', () => {
  it('finds any variant in any carrier with its field and chain at its path', () => {
    fc.assert(fc.property(variantArb, fc.constantFrom(...carriers), ({ p, variant }, carrier) => {
      // A typed prefix is a keystroke leak only as a whole value: carriers that keep values whole.
      expectFound(requestHits(carrier.build(variant.text), matchers[p]!), variant, carrier.path);
    }), { numRuns: 400 });
  });

  it('finds any variant stored in a cookie or in Web Storage', () => {
    fc.assert(fc.property(variantArb, fc.constantFrom(...stored), ({ p, variant }, place) => {
      expectFound(place.hits(variant.text, matchers[p]!), variant, place.path);
    }), { numRuns: 150 });
  });

  const noise = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.uint8Array({ minLength: 16, maxLength: 64 }).map((b) => Buffer.from(b).toString('base64')),
    fc.uint8Array({ minLength: 16, maxLength: 64 }).map((b) => Buffer.from(b).toString('hex')),
    fc.json({ maxDepth: 3 }),
  );

  it('finds nothing in random payloads in any carrier', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: personas.length - 1 }), noise, fc.constantFrom(...carriers), (p, payload, carrier) => {
      expect(requestHits(carrier.build(payload), matchers[p]!)).toEqual([]);
    }), { numRuns: 400 });
  });
});
