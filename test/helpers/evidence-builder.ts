import { createHash } from 'node:crypto';
import type { Hit } from '../../src/detect/types.js';
import { evidenceSchema, type CapturedRequest, type Evidence, type TimelineAction } from '../../src/evidence/schema.js';
import { generatePersona } from '../../src/persona/generate.js';

/**
 * Hand-built evidence for pure tests of judge and report: one Swedish site with a quote form,
 * the Meta Pixel, the site's own endpoint and an unknown tracker. Every builder output is run
 * through `evidenceSchema.parse`, so the fixture cannot drift from the real bundle format.
 */

export const SITE = 'https://www.example.se';
export const FORM_PAGE = `${SITE}/forsakring/offert`;
export const PIXEL_ID = '1234567890123456';
export const persona = generatePersona({ seed: 'unit-judge', country: 'SE' });
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
export const EMAIL_SHA256 = sha256(persona.email.trim().toLowerCase());

/** `2026-03-01T10:00:0<s>.000Z`: times far enough apart to order requests. */
export const at = (second: number): string => new Date(Date.UTC(2026, 2, 1, 10, 0, second)).toISOString();

/** The scanner loads the page (0), fills the e-mail field (1–3) and submits (4). */
export const TIMELINE: TimelineAction[] = [
  { seq: 0, at: at(0), type: 'navigate', pageUrl: FORM_PAGE, detail: FORM_PAGE },
  { seq: 1, at: at(2), type: 'focus', pageUrl: FORM_PAGE, formId: 'f1', selector: '#epost', category: 'email' },
  { seq: 2, at: at(3), type: 'type', pageUrl: FORM_PAGE, formId: 'f1', selector: '#epost', category: 'email' },
  { seq: 3, at: at(5), type: 'blur', pageUrl: FORM_PAGE, formId: 'f1', selector: '#epost', category: 'email' },
  { seq: 4, at: at(8), type: 'submit', pageUrl: FORM_PAGE, formId: 'f1', selector: 'button[type=submit]' },
];

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

export function request(over: Partial<CapturedRequest> & Pick<CapturedRequest, 'id' | 'url'>): CapturedRequest {
  return {
    at: at(1),
    channel: 'http',
    method: 'GET',
    resourceType: 'image',
    headers: { referer: FORM_PAGE },
    frameUrl: FORM_PAGE,
    pageUrl: FORM_PAGE,
    afterAction: 0,
    outcome: { delivered: true, status: 200 },
    ...over,
  };
}

/** The requests of the standard fixture, by role. */
export const REQUESTS = {
  /** Meta GET while typing: `ud[em]` hashed, before submit. */
  metaGetWhileTyping: request({
    id: 'r0001', at: at(4), afterAction: 2, harIndex: 3,
    url: `https://www.facebook.com/tr/?id=${PIXEL_ID}&ev=PageView&dl=${encodeURIComponent(FORM_PAGE)}&ud[em]=${EMAIL_SHA256}`,
  }),
  /** Meta POST at submit: urlencoded body with `ud[em]`. */
  metaPostAtSubmit: request({
    id: 'r0002', at: at(9), afterAction: 4, harIndex: 5, method: 'POST', resourceType: 'ping',
    url: 'https://www.facebook.com/tr/',
    bodyBase64: b64(`id=${PIXEL_ID}&ev=Lead&dl=${encodeURIComponent(FORM_PAGE)}&ud%5Bem%5D=${EMAIL_SHA256}`),
  }),
  /** The site's own form endpoint, answered by pixel-audit (intercept mode): plain values. */
  ownFormEndpoint: request({
    id: 'r0003', at: at(9), afterAction: 4, method: 'POST', resourceType: 'fetch',
    url: `${SITE}/api/offert`,
    bodyBase64: b64(`epost=${encodeURIComponent(persona.email)}`),
    outcome: { delivered: false, interceptedBy: 'pixel-audit' },
  }),
  /** A server-side tagging proxy on a subdomain of the site, carrying a hash: first party. */
  firstPartyProxy: request({
    id: 'r0004', at: at(6), afterAction: 3, method: 'POST', resourceType: 'fetch',
    url: 'https://sgtm.example.se/g/collect',
    bodyBase64: b64(`em=${EMAIL_SHA256}`),
  }),
  /** A tracker no rule knows, loaded with the page (no action yet). */
  unknownTracker: request({
    id: 'r0005', at: at(1), afterAction: null, harIndex: 1,
    url: `https://px.tracker-unknown.test/p?e=${encodeURIComponent(persona.email)}`,
  }),
} satisfies Record<string, CapturedRequest>;

export function buildEvidence(over: Partial<Evidence> = {}): Evidence {
  return evidenceSchema.parse({
    schemaVersion: 1,
    site: SITE,
    startUrl: `${SITE}/`,
    startedAt: at(0),
    endedAt: at(30),
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36',
    persona,
    consent: { mode: 'none', state: 'none', bannerFound: false },
    submitMode: 'intercept',
    timeline: TIMELINE,
    pages: [{ url: FORM_PAGE, finalUrl: FORM_PAGE, depth: 0, status: 200, title: 'Offert', at: at(0), formIds: ['f1'] }],
    forms: [{
      id: 'f1', pageUrl: FORM_PAGE, selector: '#offert-form', action: `${SITE}/api/offert`, method: 'post',
      fields: [{ selector: '#epost', tag: 'input', type: 'email', name: 'epost', category: 'email', personaField: 'email' }],
      submitSelector: 'button[type=submit]', submit: 'intercepted', screenshot: 'screenshots/f1-filled.png',
    }],
    requests: Object.values(REQUESTS),
    errors: [],
    ...over,
  });
}

export function hit(over: Partial<Hit> & Pick<Hit, 'requestId' | 'parameter'>): Hit {
  return {
    field: 'email',
    category: 'email',
    transform: ['normalize:email', 'sha256', 'hex'],
    hashed: true,
    prefix: false,
    matched: EMAIL_SHA256,
    ...over,
  };
}

/** A plain (unhashed) e-mail hit. */
export const plainEmailHit = (requestId: string, parameter: string): Hit =>
  hit({ requestId, parameter, transform: ['raw'], hashed: false, matched: persona.email });
