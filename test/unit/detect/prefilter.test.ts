import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestHits, viewHits } from '../../../src/detect/detect.js';
import { Matcher } from '../../../src/detect/matcher.js';
import { BODY, dirtyParts, HEAD, provablyClean } from '../../../src/detect/prefilter.js';
import { buildVariants } from '../../../src/detect/variants.js';
import { requestViews } from '../../../src/detect/views.js';
import type { CapturedRequest } from '../../../src/evidence/schema.js';
import { hex, makeRequest, persona } from './helpers.js';

const matcher = new Matcher(buildVariants(persona, { prefixes: true }));
/** What the prefilter must never miss: a candidate in any view. */
const viewsHaveCandidate = (req: CapturedRequest): boolean => requestViews(req).some((v) => matcher.mayMatch(v.text));

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const b64url = (s: string): string => Buffer.from(s).toString('base64url');
const email = persona.email;

/** Persona values hidden the ways WIRE.md lists, each in a request the full decoding reaches. */
const tricky: Array<[string, CapturedRequest]> = [
  ['double percent-encoding', makeRequest({ url: `https://t.test/?e=${encodeURIComponent(encodeURIComponent(email))}` })],
  ['unencoded standard base64 with + and /', makeRequest({ url: `https://t.test/?d=${b64(`{"em":"${email}","x":"~~~>>>???"}`)}` })],
  ['base64url JSON as a path segment', makeRequest({ url: `https://t.test/collect/${b64url(JSON.stringify({ em: email }))}/px.gif` })],
  ['JSON \\u escapes', makeRequest({ url: 'https://t.test/', body: '{"fn":"M\\u00e4rta-Lis","ln":"\\u00d6berg-Kvist"}' })],
  ['JSON inside a JSON string', makeRequest({ url: 'https://t.test/', body: JSON.stringify({ p: JSON.stringify({ c: persona.city, r: persona.region }) }) })],
  ['percent-encoded base64 JSON cookie', makeRequest({ url: 'https://t.test/', headers: { cookie: `u=${encodeURIComponent(b64(JSON.stringify({ e: email })))}` } })],
  ['gzip form body with + spaces', makeRequest({ url: 'https://t.test/', headers: { 'content-encoding': 'gzip' }, body: gzipSync(`c=${encodeURIComponent(persona.city).replace(/%20/g, '+')}`) })],
  ['multipart part holding base64', makeRequest({
    url: 'https://t.test/', headers: { 'content-type': 'multipart/form-data; boundary=Q' },
    body: `--Q\r\nContent-Disposition: form-data; name="d"\r\n\r\n${b64(persona.password + ' and more text')}\r\n--Q--\r\n`,
  })],
  ['base64 inside a URL inside a parameter', makeRequest({ url: `https://t.test/?dl=${encodeURIComponent(`https://shop.test/?u=${b64url(`id:${email}`)}`)}` })],
  ['base64 with an encoded / as a middle path segment', makeRequest({
    url: `https://t.test/a/${encodeURIComponent(b64(`{"em":"${email}","pad":"???>>>"}`))}/b/c`,
  })],
  ['fragment', makeRequest({ url: `https://t.test/#${encodeURIComponent(persona.message)}` })],
  ['Referer query', makeRequest({ url: 'https://t.test/', headers: { referer: `https://shop.test/?tel=${encodeURIComponent(persona.phone)}` } })],
  ['custom header, base64', makeRequest({ url: 'https://t.test/', headers: { 'x-ident': b64(`user=${email}`) } })],
  ['base64 text in base64 JSON', makeRequest({ url: 'https://t.test/', body: b64(JSON.stringify({ d: b64(`mail ${email}`) })) })],
  ['a hash next to a token boundary', makeRequest({ url: `https://t.test/?x=${hex('sha256', email)}${hex('md5', 'x')}` })],
  ['upper-case host and value', makeRequest({ url: `https://T.TEST/?E=${email.toUpperCase()}` })],
  ['a typed prefix', makeRequest({ url: 'https://t.test/?q=marta.obe' })],
];

describe('provablyClean', () => {
  it.each(tricky)('never calls a request clean when a view holds a candidate: %s', (_name, req) => {
    expect(viewsHaveCandidate(req)).toBe(true);
    expect(provablyClean(req, matcher)).toBe(false);
  });

  it('keeps every tricky request detectable end to end', () => {
    const found = tricky.filter(([, req]) => requestHits(req, matcher).length > 0).map(([name]) => name);
    // The hash inside a longer hex run is a candidate for the prefilter but no hit.
    expect(found).toEqual(tricky.map(([name]) => name).filter((n) => n !== 'a hash next to a token boundary'));
  });

  it('agrees with the full decoding on random layerings of persona values', () => {
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const values = [email, persona.city, persona.message, hex('sha256', email), persona.phone, 'no persona value here at all'];
    const wraps: Array<(s: string) => string> = [
      (s) => encodeURIComponent(s), (s) => b64(s), (s) => b64url(s), (s) => JSON.stringify({ k: s, n: 1 }),
      (s) => `a=1&k=${encodeURIComponent(s)}`, (s) => encodeURIComponent(s).replace(/%20/g, '+'),
      (s) => `https://shop.test/p?k=${encodeURIComponent(s)}`, (s) => JSON.stringify([s]).replace(/"/g, '\\"'),
    ];
    const places: Array<(s: string) => CapturedRequest> = [
      (s) => makeRequest({ url: `https://t.test/p?v=${s}` }),
      (s) => makeRequest({ url: `https://t.test/${encodeURIComponent(s)}/x` }),
      (s) => makeRequest({ url: 'https://t.test/', body: s }),
      (s) => makeRequest({ url: 'https://t.test/', body: gzipSync(s), headers: { 'content-encoding': 'gzip' } }),
      (s) => makeRequest({ url: 'https://t.test/', headers: { cookie: `a=b; v=${s}` } }),
    ];
    let candidates = 0;
    for (let i = 0; i < 400; i++) {
      let s = values[rand(values.length)]!;
      for (let k = rand(4); k > 0; k--) s = wraps[rand(wraps.length)]!(s);
      const req = places[rand(places.length)]!(s);
      if (viewsHaveCandidate(req)) {
        candidates++;
        expect(provablyClean(req, matcher), `${req.url} ${req.bodyBase64 ?? ''} ${JSON.stringify(req.headers)}`).toBe(false);
      }
    }
    expect(candidates).toBeGreaterThan(200);
  });

  it('proves ordinary tracker traffic clean', () => {
    const reqs = [
      makeRequest({ url: `https://www.facebook.com/tr/?id=1&ev=PageView&dl=${encodeURIComponent('https://shop.test/a?b=c')}&hme=${hex('sha256', 'x')}` }),
      makeRequest({ url: 'https://region1.google-analytics.com/g/collect?v=2', body: 'en=page_view&ep.t=Hello+world\nen=scroll&epn.p=90' }),
      makeRequest({ url: 'https://rs.test/rec', body: JSON.stringify({ s: b64('{"evt":"click","x":1}'), t: 'Välkommen till butiken' }) }),
    ];
    expect(reqs.map((r) => provablyClean(r, matcher))).toEqual([true, true, true]);
  });

  it('gives no proof for a text with more decodings than it follows', () => {
    let v = 'x%41+y';
    for (let i = 0; i < 14; i++) v = encodeURIComponent(v);
    const req = makeRequest({ url: `https://t.test/?v=${v}` });
    expect(provablyClean(req, matcher)).toBe(false);
  });
});

describe('provablyClean over the URL and headers swept as one text', () => {
  // Pieces that would change the proof if a join let a blob run, an escaped segment or a match
  // cross from one text into the next: blob characters and escapes at either end, persona values cut.
  const pieces = [
    email, email.slice(0, 10), email.slice(10), persona.city, persona.city.slice(0, 6), persona.city.slice(6),
    b64(`mail ${email}`), b64(`{"em":"${email}"}`).slice(0, 20), b64(`{"em":"${email}"}`).slice(20), b64url(`id:${email}`),
    encodeURIComponent(email), encodeURIComponent(persona.city), '%', '%2', '%25', '%C3', '%A4', '+', '\\', '\\u00e4',
    'QUJDREVGR0hJSktMTU5P', 'dGhlIHF1aWNr', 'ob3_plugin-set_', 'abcdefghijkl', '&', '=', ';', '"', ' ', '/', 'ä', 'Ωμ',
  ];
  const piece = fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 }));
  const part = fc.array(piece, { maxLength: 6 }).map((xs) => xs.join(''));
  const request = fc.tuple(part, part, part, part).map(([u, a, b, c]) => makeRequest({
    url: `https://t.test/p?v=${u}`, headers: { 'x-a': a, 'user-agent': c, cookie: `k=${b}`, 'x-c': c },
  }));
  /** Code units beyond Latin-1: the compressToUTF16 signal, counted over the joined text as a whole. */
  const wide = (req: CapturedRequest): boolean => /[^\u0000-\u00ff]/.test(req.url + Object.values(req.headers).join(''));

  it('proves what sweeping each text alone proves (no less beyond the signal), and nothing a view contradicts', () => {
    let dirty = 0;
    let clean = 0;
    fc.assert(fc.property(request, (req) => {
      const joined = provablyClean(req, matcher);
      const alone = provablyClean(req, matcher, { join: false });
      expect(joined).toBe(provablyClean(req, matcher, { kernel: false }));
      if (joined) expect(alone).toBe(true);
      else if (!wide(req)) expect(alone).toBe(false);
      if (viewsHaveCandidate(req)) {
        dirty++;
        expect(joined).toBe(false);
      } else if (joined) clean++;
    }), { numRuns: 1500 });
    expect(dirty).toBeGreaterThan(300);
    expect(clean).toBeGreaterThan(100);
  });
});

describe('dirtyParts: views made only of the parts not proven clean', () => {
  const wraps: Array<(s: string) => string> = [
    (s) => s, encodeURIComponent, (s) => encodeURIComponent(encodeURIComponent(s)), b64, b64url, (s) => JSON.stringify({ k: s }),
  ];
  const value = fc.constantFrom(email, persona.city, persona.lastName, hex('sha256', email), persona.phone, 'nothing personal here');
  const filling = fc.option(fc.tuple(value, fc.constantFrom(...wraps)).map(([v, w]) => w(v)), { nil: 'plain' });
  const request = fc.tuple(filling, filling, filling, fc.boolean()).map(([u, h, b, gz]) => makeRequest({
    url: `https://t.test/p/${encodeURIComponent(u)}?v=${encodeURIComponent(u)}&n=1`,
    headers: { cookie: `a=1; v=${encodeURIComponent(h)}`, 'x-id': h, ...(gz ? { 'content-encoding': 'gzip' } : {}) },
    body: gz ? gzipSync(`{"d":${JSON.stringify(b)}}`) : `d=${encodeURIComponent(b)}&e=2`,
  }));

  it('flags every part whose views hold a candidate, and finds the hits all views give', () => {
    let hits = 0;
    let skipped = 0;
    fc.assert(fc.property(request, (req) => {
      const dirty = dirtyParts(req, matcher);
      const partHas = (head: boolean): boolean => requestViews(req, { head, body: !head }).some((v) => matcher.mayMatch(v.text));
      if (partHas(true)) expect(dirty & HEAD).toBe(HEAD);
      if (partHas(false)) expect(dirty & BODY).toBe(BODY);
      const all = viewHits(req.id, requestViews(req), matcher);
      expect(requestHits(req, matcher)).toEqual(all);
      hits += all.length;
      if (all.length > 0 && dirty !== (HEAD | BODY)) skipped++;
    }), { numRuns: 600 });
    expect(hits).toBeGreaterThan(300);
    expect(skipped).toBeGreaterThan(50);
  });
});
