import { beforeAll, describe, expect, it } from 'vitest';
import { factFingerprint, factSchema } from '../../../src/judge/fact.js';
import { findingsFileSchema } from '../../../src/judge/finding.js';
import { harResponsesFrom } from '../../../src/judge/har-responses.js';
import { judge, type JudgeInput } from '../../../src/judge/judge.js';
import { loadRecipientLookup, recipientLookupFrom } from '../../../src/judge/recipients.js';
import { loadRules } from '../../../src/rules/load.js';
import type { Rule } from '../../../src/rules/schema.js';
import { EMAIL_SHA256, FORM_PAGE, PIXEL_ID, REQUESTS, SITE, TIMELINE, at, buildEvidence, hit, plainEmailHit, request } from '../../helpers/evidence-builder.js';

let rules: Rule[];
beforeAll(async () => {
  rules = (await loadRules()).rules;
});

const CONFIG_URL = `https://connect.facebook.net/signals/config/${PIXEL_ID}?v=2.9.177&r=stable`;
const AAM_CONFIG = `f.registerConfig("${PIXEL_ID}",{"blockHeadless":true,"automaticMatching":{"selectedMatchKeys":["em","ph"]},` +
  `"openbridge":{"endpoints":[{"endpoint":"https://capig.gw-eu.test/"}]}});`;
/** A HAR whose entry 7 answers the configuration request. */
const har = (body: string, encoding?: 'base64') => harResponsesFrom({
  log: { entries: Object.assign([], { 7: { response: { content: { text: encoding ? Buffer.from(body).toString('base64') : body, encoding } } } }) },
});
const configRequest = request({ id: 'r0010', url: CONFIG_URL, resourceType: 'script', afterAction: null, at: at(0), harIndex: 7 });
const gatewayRequest = request({
  id: 'r0011', url: 'https://capig.gw-eu.test/events', method: 'POST', resourceType: 'fetch', afterAction: 4, at: at(9),
  bodyBase64: Buffer.from(JSON.stringify({ event_name: 'Lead', 'fb.advanced_matching': { em: EMAIL_SHA256 } })).toString('base64'),
});
const run = (over: Partial<JudgeInput> = {}, requests = [...Object.values(REQUESTS), configRequest, gatewayRequest]) =>
  judge({ evidence: buildEvidence({ requests }), hits: [], rules, rulesDigest: 'd', now: at(30), ...over });

describe('configuration facts', () => {
  it('reports AAM enabled from the configuration response, with no form filled, citing the HAR entry', () => {
    const file = run({ responses: har(AAM_CONFIG) });
    const aam = file.facts.find((f) => f.kind === 'automatic-advanced-matching')!;
    expect(aam).toMatchObject({
      tracker: 'meta-pixel', trackerName: 'Meta Pixel', accountId: PIXEL_ID, requestId: 'r0010', requestUrl: CONFIG_URL, severity: 'medium',
      evidence: { request: 'evidence.json#/requests/5', har: 'requests.har', harEntry: 7, fromResponse: true },
    });
    expect(aam.detail).toMatch(/^Automatic advanced matching is switched on.* \(em, ph\)$/);
    expect(aam.vendor?.name).toBe('Meta Platforms Ireland Ltd');
    expect(() => findingsFileSchema.parse(file)).not.toThrow();
    for (const fact of file.facts) expect(() => factSchema.parse(fact)).not.toThrow();
  });

  it('reads base64 HAR bodies too, and states nothing without a response body', () => {
    expect(run({ responses: har(AAM_CONFIG, 'base64') }).facts.map((f) => f.kind)).toContain('automatic-advanced-matching');
    const blind = run().facts.map((f) => f.kind);
    expect(blind).not.toContain('automatic-advanced-matching');
    expect(blind).toContain('tracker-account');
  });

  it('lists each pixel id once, counting the requests that show it', () => {
    const ids = run().facts.filter((f) => f.kind === 'tracker-account');
    expect(ids.map((f) => [f.tracker, f.accountId])).toEqual([['meta-pixel', PIXEL_ID]]);
    expect(ids[0]!.occurrences).toBe(3);
    expect(ids[0]!.severity).toBe('info');
  });

  it('says "loaded before consent" only when a choice was made later', () => {
    expect(run().facts.map((f) => f.kind)).not.toContain('loaded-before-consent');
    const timeline = [{ seq: 0, at: at(0), type: 'navigate' as const, pageUrl: FORM_PAGE }, { seq: 1, at: at(1), type: 'consent' as const, pageUrl: FORM_PAGE, detail: 'reject' }, ...TIMELINE.slice(1).map((a) => ({ ...a, seq: a.seq + 1 }))];
    const evidence = buildEvidence({ consent: { mode: 'reject', state: 'rejected', bannerFound: true }, timeline, requests: [configRequest] });
    const facts = judge({ evidence, hits: [], rules, rulesDigest: 'd', now: at(30) }).facts;
    const before = facts.find((f) => f.kind === 'loaded-before-consent')!;
    expect(before).toMatchObject({ tracker: 'meta-pixel', severity: 'medium', requestId: 'r0010', accountId: undefined });
    expect(before.detail).toBe(`Meta Pixel was loaded before the visitor refused consent (choice made at ${at(1)})`);
    // A request after the choice is not "before consent".
    const after = buildEvidence({ consent: { mode: 'accept', state: 'accepted', bannerFound: true }, timeline, requests: [{ ...configRequest, afterAction: 1 }] });
    expect(judge({ evidence: after, hits: [], rules, rulesDigest: 'd' }).facts.map((f) => f.kind)).toEqual(['tracker-account']);
  });

  it('gives each fact a fingerprint of site, kind, tracker and account id: the same in another scan, another on another site', () => {
    const first = run({ responses: har(AAM_CONFIG) }).facts;
    const aam = first.find((f) => f.kind === 'automatic-advanced-matching')!;
    expect(aam.fingerprint).toBe(factFingerprint(SITE, { kind: 'automatic-advanced-matching', tracker: 'meta-pixel', accountId: PIXEL_ID }));
    expect(aam.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    // Another scan of the same site (other request ids, times, order): the same fingerprints.
    const again = run({ responses: har(AAM_CONFIG) }, [{ ...configRequest, id: 'r0099', at: at(20) }]).facts;
    expect(again.find((f) => f.kind === 'automatic-advanced-matching')!.fingerprint).toBe(aam.fingerprint);
    expect(new Set(first.map((f) => f.fingerprint)).size).toBe(first.length);
    expect(factFingerprint('https://www.other.test', aam)).not.toBe(aam.fingerprint);
  });
});

describe('hosts learnt from a configuration', () => {
  it('attributes a gateway host named in the pixel configuration to Meta, with the pixel id', () => {
    const hits = [hit({ requestId: 'r0011', parameter: 'body.json.fb.advanced_matching.em' })];
    const f = run({ hits, responses: har(AAM_CONFIG) }).findings[0]!;
    expect(f).toMatchObject({
      tracker: 'meta-capi-gateway', trackerName: 'Meta Conversions API Gateway', accountId: PIXEL_ID, recipientHost: 'capig.gw-eu.test',
      parameterMeaning: 'Advanced matching sent through the gateway: e-mail address', vendor: { name: 'Meta Platforms Ireland Ltd', country: 'IE' },
    });
    // Without the response in the bundle the same host is an unknown recipient.
    expect(run({ hits }).findings[0]).toMatchObject({ tracker: 'unknown', trackerName: 'gw-eu.test' });
  });

  it('keeps plain values to a first-party tagging server a rule recognises, not to the site itself', () => {
    const sgtm = request({ id: 'r0012', url: `https://metrics.example.se/g/collect?v=2&tid=G-AB12CD34EF&en=generate_lead&ep.lead_email=${encodeURIComponent('x')}` });
    const file = run({ hits: [plainEmailHit('r0012', 'query.ep.lead_email'), plainEmailHit('r0003', 'body.form.epost')] }, [...Object.values(REQUESTS), sgtm]);
    expect(file.findings.map((f) => [f.tracker, f.firstParty, f.parameterMeaning])).toEqual([
      ['google-sgtm', true, 'Event parameter set by the site (e.g. a form value)'],
    ]);
  });
});

describe('unknown recipients', () => {
  const db = {
    organizations: { acme: { name: 'Acme Tracking GmbH', country: 'de' }, nocountry: { name: 'Nowhere Inc' } },
    patterns: { acme_px: { name: 'Acme Pixel', organization: 'acme' }, nc: { name: 'NC Analytics', organization: 'nocountry' } },
    domains: { 'tracker-unknown.test': 'acme_px', 'nc.test': 'nc' },
  };

  it('names the owner and country from the tracker database, longest known suffix first', () => {
    const lookup = recipientLookupFrom(db);
    expect(lookup('px.tracker-unknown.test')).toEqual({ trackerName: 'Acme Pixel', organization: 'Acme Tracking GmbH', country: 'DE', source: 'ghostery-trackerdb' });
    expect(lookup('a.nc.test')).toEqual({ trackerName: 'NC Analytics', organization: 'Nowhere Inc', source: 'ghostery-trackerdb' });
    expect(lookup('www.example.org')).toBeUndefined();
    const f = run({ hits: [plainEmailHit('r0005', 'query.e')], recipients: lookup }).findings[0]!;
    expect(f).toMatchObject({ tracker: 'unknown', trackerName: 'Acme Pixel', vendor: { name: 'Acme Tracking GmbH', country: 'DE' } });
  });

  it('knows real hosts through @ghostery/trackerdb, and leaves rule-attributed findings alone', async () => {
    const lookup = await loadRecipientLookup();
    expect(lookup('script.hotjar.com')).toMatchObject({ organization: 'Hotjar', country: 'MT' });
    expect(lookup('www.ren-exempel.test')).toBeUndefined();
    const f = run({ hits: [hit({ requestId: 'r0001', parameter: 'query.ud[em]' })], recipients: () => ({ trackerName: 'X', organization: 'Y', country: 'US', source: 'ghostery-trackerdb' }) }).findings[0]!;
    expect(f).toMatchObject({ tracker: 'meta-pixel', trackerName: 'Meta Pixel', vendor: { name: 'Meta Platforms Ireland Ltd' } });
    expect(SITE).toBe('https://www.example.se');
  });
});
