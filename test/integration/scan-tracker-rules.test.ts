import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/judge/finding.js';
import type { SiteReport } from '../../src/report/run-summary.js';
import { scanFixtures, startFixtureServer, type FixtureServer } from '../helpers/fixture-scan.js';

/**
 * One scan of the fixture sites built for the Meta Conversions API gateway and the Google rules
 * (Ads enhanced conversions, GA4 user-provided data, server-side GTM, Floodlight): each rule must
 * attribute what our imitations send, with vendor, account id, parameter and data category.
 */
const META = 'Meta Platforms Ireland Ltd';
const GOOGLE = 'Google Ireland Limited';

describe('scan of the CAPI-gateway and Google fixture sites (real Chromium)', () => {
  let server: FixtureServer;
  let reports: Map<string, SiteReport>;

  beforeAll(async () => {
    server = await startFixtureServer();
    const s = server.sites;
    const result = await scanFixtures(server, [s.capig!, s.google!, s.sgtm!], { maxPages: 3 });
    reports = new Map(result.reports.map((r) => [r.summary.input, r]));
  });
  afterAll(() => server?.close());

  const site = (name: string): SiteReport => {
    const report = reports.get(server.sites[name]!)!;
    expect(report.summary.status).toBe('ok');
    return report;
  };
  const of = (report: SiteReport, tracker: string): Finding[] => report.findings.filter((f) => f.tracker === tracker);
  const categories = (findings: Finding[]) => new Set(findings.map((f) => f.dataCategory));
  const factKinds = (report: SiteReport, tracker: string) => new Set((report.facts ?? []).filter((f) => f.tracker === tracker).map((f) => f.kind));

  it('meta-capi-gateway: attributes the gateway host named in the pixel configuration to Meta', () => {
    const capig = site('capig');
    const gateway = of(capig, 'meta-capi-gateway');
    expect(gateway.length).toBeGreaterThan(0);
    for (const f of gateway) {
      expect(f).toMatchObject({ recipientHost: 'capig.datapipe-eu.test', accountId: '640218375519046', method: 'POST', hashed: true, firstParty: false });
      expect(f.vendor?.name).toBe(META);
      expect(f.parameter).toMatch(/advanced_matching\.(em|ph|fn|ln)$/);
    }
    expect(categories(gateway)).toEqual(new Set(['email', 'phone', 'first_name', 'last_name']));
    const em = gateway.find((f) => f.dataCategory === 'email')!;
    expect(em.parameterMeaning).toMatch(/gateway: e-mail/);
    const fact = capig.facts!.find((f) => f.kind === 'conversions-api-gateway')!;
    expect(fact).toMatchObject({ tracker: 'meta-pixel', accountId: '640218375519046', severity: 'low', evidence: { fromResponse: true } });
    expect(fact.detail).toMatch(/ \(https:\/\/capig\.datapipe-eu\.test\/\)$/);
  });

  it('meta-pixel: still receives the same values on /tr from the gateway site', () => {
    const pixel = of(site('capig'), 'meta-pixel');
    expect(pixel.some((f) => f.parameter === 'query.ud[em]' && f.dataCategory === 'email' && f.vendor?.name === META)).toBe(true);
    expect(factKinds(site('capig'), 'meta-pixel')).not.toContain('automatic-advanced-matching');
  });

  it('google-ads: hashed e-mail and phone in em=tv.1~… of the conversion, enhanced conversions fact', () => {
    const google = site('google');
    const ads = of(google, 'google-ads');
    expect(ads.length).toBeGreaterThan(0);
    // Postal code and country go in clear in the same tv.1~ string (`~pc0.…~co0.…`): matched keyed (src/detect/keyed.ts).
    const plain = ads.filter((f) => !f.hashed);
    expect(new Set(plain.map((f) => `${f.parameter} ${f.dataCategory}`))).toEqual(new Set(['query.em.pc0 postal_code', 'query.em.co0 country']));
    for (const f of ads.filter((f) => f.hashed)) {
      expect(f).toMatchObject({ accountId: '482913756', event: 'Kx3vCNb1lQoQ4v2d5gE', hashed: true, trigger: 'submit' });
      expect(f.vendor?.name).toBe(GOOGLE);
      expect(f.parameter).toMatch(/^query\.em\b/);
      expect(f.transform).toContain('sha256');
    }
    expect([...categories(ads)]).toEqual(expect.arrayContaining(['email', 'phone', 'first_name', 'last_name']));
    expect(new Set(ads.map((f) => f.recipientHost))).toEqual(new Set(['www.google.com', 'www.googleadservices.com']));
    expect(factKinds(google, 'google-ads')).toContain('enhanced-conversions');
    expect(google.facts!.find((f) => f.kind === 'enhanced-conversions' && f.tracker === 'google-ads')!.severity).toBe('medium');
  });

  it('google-analytics: GA4 user-provided data in em=, with its fact', () => {
    const google = site('google');
    const ga = of(google, 'google-analytics');
    expect(ga.length).toBeGreaterThan(0);
    expect(ga.every((f) => f.accountId === 'G-LB7Q2X9K4M' && f.vendor?.name === GOOGLE && f.recipientHost === 'region1.google-analytics.com')).toBe(true);
    expect(ga.some((f) => /^query\.em\b/.test(f.parameter) && f.dataCategory === 'email' && f.hashed && f.event === 'generate_lead')).toBe(true);
    expect(factKinds(google, 'google-analytics')).toContain('user-provided-data');
  });

  it('google-floodlight: enhanced conversions in the ;em= path parameter of the activity request', () => {
    const google = site('google');
    const fl = of(google, 'google-floodlight');
    expect(fl.length).toBeGreaterThan(0);
    expect(fl.every((f) => f.accountId === '8815520' && f.event === 'lead0' && f.vendor?.name === GOOGLE && f.recipientHost === 'ad.doubleclick.net')).toBe(true);
    expect(fl.some((f) => f.parameter.startsWith('url.path') && f.dataCategory === 'email' && f.hashed)).toBe(true);
    expect(factKinds(google, 'google-floodlight')).toContain('enhanced-conversions');
  });

  it('google-sgtm: a first-party tagging server is a tracker, plain event parameters included', () => {
    const sgtm = site('sgtm');
    const fp = of(sgtm, 'google-sgtm');
    expect(fp.length).toBeGreaterThan(0);
    expect(fp.every((f) => f.firstParty && f.recipientHost === 'metrics.villaskydd.test' && f.accountId === 'G-VS3M8R2T6P' && f.vendor?.name === GOOGLE)).toBe(true);
    expect(fp.some((f) => f.parameter === 'body.form.ep.lead_email' && f.dataCategory === 'email' && !f.hashed)).toBe(true);
    expect(fp.some((f) => /^query\.em\b/.test(f.parameter) && f.dataCategory === 'email' && f.hashed)).toBe(true);
    expect([...factKinds(sgtm, 'google-sgtm')]).toEqual(expect.arrayContaining(['server-side-tagging', 'user-provided-data', 'tracker-account']));
    // Intercept mode answers the site's own form request, never a tracker's on the site's domain.
    const posted = fp.filter((f) => f.method === 'POST');
    expect(posted.length).toBeGreaterThan(0);
    expect(posted.every((f) => f.delivered)).toBe(true);
    // Nothing of it reached Google's own analytics host directly.
    expect(of(sgtm, 'google-analytics')).toEqual([]);
  });

  it('google-tag: records the tag ids in use as facts, and no site received the form', () => {
    const ids = (site('google').facts ?? []).filter((f) => f.kind === 'tracker-account').map((f) => `${f.tracker} ${f.accountId}`);
    expect(ids).toEqual(expect.arrayContaining([
      'google-tag AW-482913756', 'google-ads 482913756', 'google-analytics G-LB7Q2X9K4M', 'google-floodlight 8815520',
    ]));
    for (const name of ['capig', 'google', 'sgtm']) expect(server.formPosts(name)).toEqual([]);
  });
});
