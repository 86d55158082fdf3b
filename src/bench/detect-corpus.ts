/**
 * The detection benchmark's inputs (`npm run bench:detect`): a fixed canary persona and a
 * deterministic in-memory corpus of realistic tracker requests — Meta /tr GETs, GA4 batches,
 * JSON session-recorder beacons, each with Referer and cookies — 1 % carrying a persona hash.
 */
import { createHash } from 'node:crypto';
import type { CapturedRequest } from '../evidence/schema.js';
import type { Persona } from '../persona/schema.js';

/** Corpus size in bytes (`BENCH_MB`, default 64). */
export const CORPUS_BYTES = Number(process.env.BENCH_MB ?? 64) * 1024 * 1024;

/** A fixed canary persona: the benchmark must not depend on the generator's output. */
export function persona(n: number): Persona {
  return {
    country: 'SE', email: `bench.canary.${n}q7x2@example.test`, phone: `070-12${n} 45 67`,
    phoneE164: `+467012${n}4567`, firstName: 'Märta-Lis', lastName: `Öberg-Kvist${n}`, gender: 'female',
    dateOfBirth: `198${n}-03-14`, streetAddress: `Sveavägen 11${n}`, postalCode: `113 5${n}`,
    city: 'Upplands Väsby', region: 'Stockholms län',
    nationalIds: { SE: `198${n}0314-1238`, NO: '14038712345', DK: '140387-1234', FI: '140387A123B' },
    password: `Kanarie#482${n}-zq`, message: `Hej! Detta är ett testmeddelande med koden CANARY-${n}QX2-MSG.`,
  };
}

/** Deterministic PRNG (mulberry32), so every run scans the same corpus. */
let state = 0x9e3779b9;
function rand(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
export const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const randomOf = (alphabet: string, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
};
const HEX = '0123456789abcdef';
const DIGITS = '0123456789';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const WORDS = ('welcome shop kontakt nyhetsbrev prenumerera erbjudande kampanj vinter sommar rea frakt '
  + 'retur villkor integritet cookies kundservice produkter kategori varukorg kassan betalning leverans '
  + 'order konto logga in registrera sök hjälp om oss butiker jobb press hållbarhet the and for with new sale '
  + 'price discount free delivery returns account sign newsletter subscribe privacy policy terms').split(' ');
const sentence = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join(' ');
export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

let ids = 0;
function request(url: string, method: string, headers: Record<string, string>, body?: string): CapturedRequest {
  ids += 1;
  return {
    id: `r${ids}`, at: '2025-01-01T12:00:00.000Z', channel: 'http', method, url,
    resourceType: body === undefined ? 'image' : 'fetch', headers, afterAction: null, outcome: { delivered: true },
    ...(body === undefined ? {} : { bodyBase64: Buffer.from(body).toString('base64') }),
  };
}

const pageUrl = (): string => `https://shop.example.se/${pick(WORDS)}/${pick(WORDS)}-${randomOf(DIGITS, 5)}?utm_source=${pick(WORDS)}`;
const commonHeaders = (): Record<string, string> => ({
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
  referer: pageUrl(),
  cookie: `_fbp=fb.1.${randomOf(DIGITS, 13)}.${randomOf(DIGITS, 10)}; _ga=GA1.1.${randomOf(DIGITS, 10)}.${randomOf(DIGITS, 10)}; sid=${randomOf(B64, 32)}`,
});

function metaPixel(leak: string | undefined): CapturedRequest {
  const q = [
    `id=${randomOf(DIGITS, 15)}`, `ev=${pick(['PageView', 'ViewContent', 'Lead', 'SubscribedButtonClick'])}`,
    `dl=${encodeURIComponent(pageUrl())}`, `rl=${encodeURIComponent(pageUrl())}`, 'if=false', `ts=${randomOf(DIGITS, 13)}`,
    'sw=1920', 'sh=1080', 'v=2.9.180', 'r=stable', 'ec=0', `o=${randomOf(DIGITS, 4)}`,
    `fbp=fb.1.${randomOf(DIGITS, 13)}.${randomOf(DIGITS, 10)}`, 'cs_est=true', 'ler=empty', `it=${randomOf(DIGITS, 13)}`,
    'coo=false', `cd[content_name]=${encodeURIComponent(sentence(4))}`, `eid=ob3_plugin-set_${randomOf(HEX, 64)}`,
    `ud[external_id]=${randomOf(HEX, 64)}`, ...(leak === undefined ? [] : [`ud[em]=${leak}`]), 'rqm=GET',
  ];
  return request(`https://www.facebook.com/tr/?${q.join('&')}`, 'GET', commonHeaders());
}

function ga4(leak: string | undefined): CapturedRequest {
  const url = `https://region1.google-analytics.com/g/collect?v=2&tid=G-${randomOf('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 10)}`
    + `&gtm=45je5${randomOf(DIGITS, 4)}&_p=${randomOf(DIGITS, 13)}&cid=${randomOf(DIGITS, 10)}.${randomOf(DIGITS, 10)}`
    + `&ul=sv-se&sr=1920x1080&dl=${encodeURIComponent(pageUrl())}&dt=${encodeURIComponent(sentence(5))}`;
  const hits = Array.from({ length: 3 + Math.floor(rand() * 6) }, () =>
    `en=${pick(['page_view', 'scroll', 'user_engagement', 'view_item', 'form_start'])}&_et=${randomOf(DIGITS, 4)}`
    + `&ep.page_title=${encodeURIComponent(sentence(6))}&ep.item_id=${randomOf(HEX, 32)}&epn.value=${randomOf(DIGITS, 3)}`
    + `&ep.session=${randomOf(B64, 43)}`);
  if (leak !== undefined) hits.push(`en=generate_lead&ep.em=${leak}`);
  return request(url, 'POST', { ...commonHeaders(), 'content-type': 'text/plain;charset=UTF-8' }, hits.join('\n'));
}

function beacon(leak: string | undefined): CapturedRequest {
  const events = Array.from({ length: 10 + Math.floor(rand() * 40) }, (_, i) => ({
    type: pick(['click', 'scroll', 'mousemove', 'input', 'visibility']), t: i * 37, x: Math.floor(rand() * 1920),
    target: `#${pick(WORDS)} > .${pick(WORDS)}`, text: sentence(8), node: randomOf(HEX, 40),
  }));
  const body = {
    context: { page: { url: pageUrl(), title: sentence(5) }, user: { anonymousId: randomOf(HEX, 32), ...(leak ? { em: leak } : {}) } },
    session: randomOf(B64, 86), events,
  };
  return request(`https://rs.recorder.example/rec/bundle?OrgId=${randomOf(B64, 8)}`, 'POST',
    { ...commonHeaders(), 'content-type': 'application/json' }, JSON.stringify(body));
}

/** Size a detector reads: URL, header values and body bytes. */
export const sizeOf = (r: CapturedRequest): number =>
  r.url.length + Object.values(r.headers).reduce((n, v) => n + v.length, 0) + ((r.bodyBase64?.length ?? 0) * 3) / 4;

export function corpus(leakOf: () => string): { requests: CapturedRequest[]; bytes: number; leaks: number } {
  const requests: CapturedRequest[] = [];
  let bytes = 0;
  let leaks = 0;
  while (bytes < CORPUS_BYTES) {
    const leak = rand() < 0.01 ? leakOf() : undefined;
    if (leak !== undefined) leaks++;
    const r = pick([metaPixel, metaPixel, ga4, beacon])(leak);
    bytes += sizeOf(r);
    requests.push(r);
  }
  return { requests, bytes, leaks };
}

