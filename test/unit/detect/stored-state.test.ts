import { describe, expect, it } from 'vitest';
import { detectEvidence } from '../../../src/detect/detect.js';
import { judge } from '../../../src/judge/judge.js';
import { loadRules, BUNDLED_RULES_DIR } from '../../../src/rules/load.js';
import { buildEvidence, persona, request, SITE, TIMELINE } from '../../helpers/evidence-builder.js';

/**
 * What scripts stored in the browser (evidence `cookieJar` and `storage`): searched like
 * requests, and judged as sent to the cookie's domain or the storage's frame origin.
 */
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const email = persona.email.trim().toLowerCase();

const evidence = buildEvidence({
  requests: [],
  cookieJar: [
    { id: 'c0001', at: TIMELINE[3]!.at, name: 'klid', value: b64(email), domain: '.sync.tracker.test', path: '/', expires: -1,
      httpOnly: false, secure: true, sameSite: 'None', partitionKey: SITE, afterAction: 3 },
    { id: 'c0002', at: TIMELINE[3]!.at, name: '_own', value: encodeURIComponent(email), domain: 'www.example.se', path: '/', expires: -1,
      httpOnly: false, secure: true, sameSite: 'Lax', afterAction: 3 },
  ],
  storage: [
    { id: 's0001', at: TIMELINE[3]!.at, origin: 'https://sync.tracker.test', area: 'local', key: 'profile',
      value: JSON.stringify({ u: { email } }), frameUrl: 'https://sync.tracker.test/frame.html', pageUrl: `${SITE}/`, afterAction: 3 },
    { id: 's0002', at: TIMELINE[3]!.at, origin: SITE, area: 'session', key: 'draft', value: email, afterAction: 3 },
  ],
});

describe('stored state', () => {
  it('finds values in the cookie jar and Web Storage, under paths naming their owner', () => {
    const hits = detectEvidence(evidence).map((h) => `${h.requestId} ${h.parameter} ${h.field}`);
    expect(hits).toEqual([
      'c0001 cookie-jar.sync.tracker.test.klid.b64 email',
      'c0002 cookie-jar.www.example.se._own email',
      's0001 storage.https://sync.tracker.test.local.profile.json.u.email email',
      `s0002 storage.${SITE}.session.draft email`,
    ]);
  });

  it('judges a cookie by its domain and a storage item by its frame origin: third-party ones are findings', async () => {
    const rules = await loadRules([BUNDLED_RULES_DIR]);
    const { findings } = judge({ evidence, hits: detectEvidence(evidence), rules: rules.rules, rulesDigest: rules.digest, now: TIMELINE[4]!.at });
    // The site's own cookie and session storage hold a plain value: not a leak.
    expect(findings.map((f) => [f.requestId, f.method, f.recipientHost, f.requestUrl, f.evidence.request, f.trigger, f.delivered, f.firstParty])).toEqual([
      ['c0001', 'COOKIE', 'sync.tracker.test', 'https://sync.tracker.test/', 'evidence.json#/cookieJar/0', 'unknown', false, false],
      ['s0001', 'STORAGE', 'sync.tracker.test', 'https://sync.tracker.test/', 'evidence.json#/storage/0', 'unknown', false, false],
    ]);
  });
});

describe('a typed prefix that is also another field\'s value', () => {
  // The generated persona's e-mail starts with the first name (`first.last.token@…`).
  const first = persona.firstName.toLowerCase();
  const typed = (afterAction: number | null) => buildEvidence({
    requests: [request({ id: 'r0001', afterAction, url: `https://rec.tracker.test/k?v=${encodeURIComponent(first)}` })],
  });

  it('is the e-mail while the e-mail field is being typed (timeline category)', () => {
    expect(first.length).toBeGreaterThanOrEqual(6);
    expect(email.startsWith(first)).toBe(true);
    const hits = detectEvidence(typed(2)); // action 2: typing into the e-mail field
    expect(hits.map((h) => `${h.field} ${h.prefix}`)).toEqual(['email true']);
  });

  it('is the first name otherwise', () => {
    expect(detectEvidence(typed(0)).map((h) => `${h.field} ${h.prefix}`)).toEqual(['firstName false']);
    expect(detectEvidence(typed(null)).map((h) => `${h.field} ${h.prefix}`)).toEqual(['firstName false']);
  });
});

describe('finding fingerprints', () => {
  it('fold array positions, so each keystroke batch of a recorder is the same leak to history', async () => {
    const batch = (id: string, i: number) => request({
      id, afterAction: 3, method: 'POST', resourceType: 'fetch', url: 'https://rs.recorder.test/rec/bundle',
      bodyBase64: b64(JSON.stringify({ Evts: [...Array.from({ length: i }, () => ({ Kind: 9 })), { Kind: 36, Args: [7, email] }] })),
    });
    const ev = buildEvidence({ requests: [batch('r0001', 0), batch('r0002', 3)] });
    const rules = await loadRules([BUNDLED_RULES_DIR]);
    const { findings } = judge({ evidence: ev, hits: detectEvidence(ev), rules: rules.rules, rulesDigest: rules.digest });
    expect(findings.map((f) => f.parameter)).toEqual(['body.json.Evts[0].Args[1]', 'body.json.Evts[3].Args[1]']);
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(1);
    expect(new Set(findings.map((f) => f.id)).size).toBe(2);
  });
});
