import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectHits } from '../../../src/detect/detect.js';
import { Matcher } from '../../../src/detect/matcher.js';
import { buildVariants } from '../../../src/detect/variants.js';
import type { Hit } from '../../../src/detect/types.js';
import type { CapturedRequest } from '../../../src/evidence/schema.js';
import { personaSchema } from '../../../src/persona/schema.js';
import { b64url, hex, makeRequest, persona } from './helpers.js';

// Built once: detection over hand-made requests stays fast.
const matcher = new Matcher(buildVariants(persona, { prefixes: true }));
const detect = (reqs: CapturedRequest[]): Hit[] => detectHits(reqs, persona, { matcher });
const summary = (hits: Hit[]): string[] => hits.map((h) => `${h.parameter} ${h.field} ${h.transform.join(',')}`);

/** One persona value per category, as a tracker would send it, and the chain that names it. */
const cases: Array<{ category: string; field: string; value: string; transform: string[] }> = [
  { category: 'email', field: 'email', value: persona.email, transform: ['raw'] },
  { category: 'phone', field: 'phone', value: persona.phone, transform: ['raw'] },
  { category: 'first_name', field: 'firstName', value: 'märtalis', transform: ['normalize:name-no-punct'] },
  { category: 'last_name', field: 'lastName', value: persona.lastName, transform: ['raw'] },
  { category: 'full_name', field: 'fullName', value: 'Märta-Lis Öberg-Kvist', transform: ['raw'] },
  { category: 'gender', field: 'gender', value: hex('sha256', 'f'), transform: ['normalize:gender-initial', 'sha256', 'hex'] },
  { category: 'date_of_birth', field: 'dateOfBirth', value: '19870314', transform: ['normalize:date-yyyymmdd'] },
  { category: 'street_address', field: 'streetAddress', value: persona.streetAddress, transform: ['raw'] },
  { category: 'postal_code', field: 'postalCode', value: persona.postalCode, transform: ['raw'] },
  { category: 'city', field: 'city', value: 'upplandsvasby', transform: ['normalize:city-no-space', 'normalize:city-ascii-fold'] },
  { category: 'region', field: 'region', value: persona.region, transform: ['raw'] },
  { category: 'country', field: 'country', value: hex('sha256', 'se'), transform: ['normalize:country-lower', 'sha256', 'hex'] },
  { category: 'national_id', field: 'nationalIds.SE', value: '198703141238', transform: ['normalize:national-id-digits'] },
  { category: 'password', field: 'password', value: persona.password, transform: ['raw'] },
  { category: 'free_text', field: 'message', value: persona.message, transform: ['raw'] },
];

/** The places a value travels in, each with the view path it must be reported under. */
const carriers: Array<{ name: string; path: string; build: (v: string) => CapturedRequest }> = [
  { name: 'query parameter', path: 'query.k', build: (v) => makeRequest({ url: `https://tr.test/p?a=1&k=${encodeURIComponent(v)}` }) },
  {
    name: 'form body', path: 'body.form.k',
    build: (v) => makeRequest({
      url: 'https://tr.test/p', body: new URLSearchParams({ a: '1', k: v }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
  },
  {
    name: 'JSON body', path: 'body.json.context.user.k',
    build: (v) => makeRequest({ url: 'https://tr.test/p', body: JSON.stringify({ context: { user: { k: v } } }) }),
  },
  {
    name: 'base64 JSON beacon', path: 'body.b64.json.user.k',
    build: (v) => makeRequest({ url: 'https://tr.test/p', body: Buffer.from(JSON.stringify({ user: { k: v } })).toString('base64') }),
  },
  {
    name: 'gzip body', path: 'body.json.context.user.k',
    build: (v) => makeRequest({
      url: 'https://tr.test/p', body: gzipSync(JSON.stringify({ context: { user: { k: v } } })),
      headers: { 'content-encoding': 'gzip', 'content-type': 'text/plain' },
    }),
  },
  {
    name: 'cookie', path: 'cookie.k',
    build: (v) => makeRequest({ url: 'https://tr.test/p', headers: { cookie: `_x=1; k=${encodeURIComponent(v)}` } }),
  },
  {
    name: 'Referer', path: 'header.referer.query.k',
    build: (v) => makeRequest({ url: 'https://tr.test/p', headers: { referer: `https://shop.test/thanks?k=${encodeURIComponent(v)}` } }),
  },
];

describe('detectHits: every category in every carrier', () => {
  for (const c of cases) {
    it.each(carriers.map((k) => [k.name, k] as const))(`${c.category} in a %s`, (_name, carrier) => {
      const req = carrier.build(c.value);
      const hits = detect([req]);
      expect(summary(hits)).toEqual([`${carrier.path} ${c.field} ${c.transform.join(',')}`]);
      expect(hits[0]).toMatchObject({ requestId: req.id, category: c.category, prefix: false });
    });
  }
});

describe('detectHits: tracker wire formats', () => {
  it('Meta advanced matching: ud[em] as SHA-256 hex of the trimmed lower-cased e-mail', () => {
    const url = `https://www.facebook.com/tr/?id=1234&ev=PageView&ud%5Bem%5D=${hex('sha256', persona.email)}`
      + `&ud[ph]=${hex('sha256', '0701234567')}&udff[ph]=${hex('sha256', '46701234567')}&cud[em]=***.****#@*******.****`;
    const hits = detect([makeRequest({ url })]);
    expect(summary(hits)).toEqual([
      'query.ud[em] email normalize:email,sha256,hex',
      'query.ud[ph] phone normalize:phone-digits,sha256,hex',
      'query.udff[ph] phone normalize:phone-e164-digits,sha256,hex',
    ]);
    expect(hits.every((h) => h.hashed)).toBe(true);
  });

  it('Meta phone from an international typed form: national digits and no trunk zero', () => {
    const intl = personaSchema.parse({ ...persona, phone: '+46 70-123 45 67' });
    const body = `ud[ph]=${hex('sha256', '0701234567')}&x[ph]=${hex('sha256', '701234567')}`;
    const hits = detectHits([makeRequest({ url: 'https://www.facebook.com/tr/', body })], intl);
    expect(summary(hits)).toEqual([
      'body.form.ud[ph] phone normalize:phone-national-digits,sha256,hex',
      'body.form.x[ph] phone normalize:phone-no-trunk-zero,sha256,hex',
    ]);
  });

  it('Google enhanced conversions: base64url SHA-256 of the e-mail and the E.164 phone, postal code and country in clear', () => {
    const em = `tv.1~em.${b64url('sha256', persona.email)}~pn.${b64url('sha256', '+46701234567')}~pc0.11350~co0.se`;
    const hits = detect([makeRequest({ url: `https://www.google.com/ccm/collect?en=conversion&em=${encodeURIComponent(em)}` })]);
    expect(summary(hits)).toEqual([
      'query.em.em email normalize:email,sha256,base64url',
      'query.em.pn phone normalize:phone-e164,sha256,base64url',
      'query.em.pc0 postalCode normalize:postal-code',
      'query.em.co0 country normalize:country-lower',
    ]);
  });

  it('short plain values only keyed: the whole value under a key naming the category', () => {
    const url = 'https://www.facebook.com/tr/?ud[zp]=113%2050&ud[country]=SE&ud[ge]=f&cd[zip]=11350&x=se&note=11350';
    expect(summary(detect([makeRequest({ url })]))).toEqual([
      'query.ud[zp] postalCode raw', // `113 50`, as typed: six characters, searched anywhere
      'query.ud[country] country normalize:country-lower',
      'query.ud[ge] gender normalize:gender-initial',
    ]);
    // Keys percent-encoded, in a form body: still found (the prefilter's probes see them).
    const encoded = makeRequest({ url: 'https://www.facebook.com/tr/', body: 'ev=Lead&ud%5Bcountry%5D=se&udff%5Bge%5D=f' });
    expect(summary(detect([encoded]))).toEqual([
      'body.form.ud[country] country normalize:country-lower',
      'body.form.udff[ge] gender normalize:gender-initial',
    ]);
    const google = makeRequest({ url: `https://www.google.com/ccm/collect?em=${encodeURIComponent('tv.1~em.x~co0.se')}` });
    expect(summary(detect([google]))).toEqual(['query.em.co0 country normalize:country-lower']);
    // Not inside other text, nor under another key.
    const other = 'https://www.google.com/ccm/collect?em=tv.1~pc0.113501~co0.sex&q=se%2011350&zip=11350';
    expect(detect([makeRequest({ url: other })])).toEqual([]);
  });

  it('the WIRE.md test vector, hex and base64url', () => {
    const jane = personaSchema.parse({ ...persona, email: 'jane.doe@example.com' });
    const url = 'https://bat.bing.com/action/0?em=86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d'
      + '&em2=tv.1~em.huC55WwXzE0SOH4ZSbhQU_vnO8POWhGIcTqdMAzGEz0';
    expect(summary(detectHits([makeRequest({ url })], jane))).toEqual([
      'query.em email normalize:email,sha256,hex',
      'query.em2.em email normalize:email,sha256,base64url',
    ]);
  });

  it('a double hash: sha256 over the md5 hex digest', () => {
    const url = `https://ct.pinterest.com/v3/?pd[em]=${hex('sha256', hex('md5', persona.email))}`;
    expect(summary(detect([makeRequest({ url })]))).toEqual(['query.pd[em] email normalize:email,md5,hex,sha256,hex']);
  });

  it('upper-case hex is reported as such, with the text as sent', () => {
    const d = hex('sha1', persona.email).toUpperCase();
    const [hit] = detect([makeRequest({ url: `https://t.test/?e=${d}` })]);
    expect(hit).toMatchObject({ transform: ['normalize:email', 'sha1', 'hex-upper'], matched: d });
  });

  it('a GA4 batch and a WebSocket frame', () => {
    const body = `en=page_view&ep.x=1\nen=generate_lead&ep.user_email=${encodeURIComponent(persona.email)}\n`;
    const ga = makeRequest({ url: 'https://region1.google-analytics.com/g/collect?v=2&tid=G-1', body });
    const ws = makeRequest({ url: 'wss://rs.test/socket', channel: 'websocket', body: JSON.stringify({ t: persona.password }) });
    expect(summary(detect([ga, ws]))).toEqual(['body.form.ep.user_email email raw', 'body.json.t password raw']);
  });
});

describe('detectHits: precision', () => {
  /** Deterministic pseudo-random strings: the test must not flake. */
  let seed = 7;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const random = (alphabet: string, n: number): string =>
    Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
  const HEX = '0123456789abcdef';
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  it('finds nothing in random ids, tokens, config hashes and the words of a normal page', () => {
    const words = 'Welcome to our shop in Stockholm Sweden female male Kvist Märta Lis 2024 Contact us privacy '
      + 'policy 113 newsletter subscribe email phone address city region country message send';
    const reqs = Array.from({ length: 40 }, (_, i) => makeRequest({
      url: `https://connect.facebook.net/signals/config/${random('0123456789', 15)}?v=2.9.180&r=stable`
        + `&hme=${random(HEX, 64)}&eid=ob3_plugin-set_${random(HEX, 64)}&cid=${random(HEX, 32)}&sid=${random(HEX, 40)}`
        + `&tok=${random(B64, 43)}&t=${random(B64, 22)}&ts=${1700000000000 + i}`,
      headers: { cookie: `_ga=GA1.1.${random('0123456789', 10)}; s=${random(B64, 86)}`, referer: 'https://shop.test/contact' },
      body: JSON.stringify({ page: words, id: random(HEX, 64), token: random(B64, 128), n: i }),
    }));
    expect(detect(reqs)).toEqual([]);
  });

  it('finds no digest inside a longer hex run', () => {
    const d = hex('sha256', persona.email);
    const url = `https://t.test/?a=${d}${random(HEX, 64)}&b=${random(HEX, 64)}${d}`;
    expect(detect([makeRequest({ url })])).toEqual([]);
  });

  it('reports a keystroke prefix, and only the full value where it is complete', () => {
    const partial = makeRequest({ url: 'https://t.test/?q=marta.ober' });
    const full = makeRequest({ url: `https://t.test/?q=${persona.email}` });
    const hits = detect([partial, full]);
    expect(hits.map((h) => [h.requestId, h.transform.join(), h.prefix, h.matched])).toEqual([
      [partial.id, 'prefix', true, 'marta.ober'],
      [full.id, 'raw', false, persona.email],
    ]);
    expect(detectHits([partial], persona, { prefixes: false })).toEqual([]);
  });

  it('reports one hit per parameter, field and chain', () => {
    const url = `https://t.test/?k=${persona.email},${persona.email}&k=${persona.email}`;
    expect(detect([makeRequest({ url })])).toHaveLength(1);
  });

  it('reports a value in a nested URL at its most specific path', () => {
    const dl = `https://shop.test/thanks?email=${encodeURIComponent(persona.email)}`;
    const hits = detect([makeRequest({ url: `https://t.test/?dl=${encodeURIComponent(dl)}` })]);
    expect(summary(hits)).toEqual(['query.dl.query.email email raw']);
  });

  it('prefers the decoded reading of a URL-encoded value, and keeps the encoded one where nothing decodes it', () => {
    const body = `{"raw":"mailto:${encodeURIComponent(persona.email)}"}`;
    expect(summary(detect([makeRequest({ url: 'https://t.test/', body })]))).toEqual(['body.json.raw email raw']);
    const text = `free text ${encodeURIComponent('Märta-Lis Öberg-Kvist')} end`;
    expect(summary(detect([makeRequest({ url: 'https://t.test/', body: text })]))).toEqual(['body.text fullName url']);
  });
});
