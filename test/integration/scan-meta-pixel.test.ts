import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteReport } from '../../src/report/run-summary.js';
import { readEvidenceJson, scanFixtures, startFixtureServer, type FixtureServer } from '../helpers/fixture-scan.js';

/** The facts a finding must state, without the noise (ids, times). */
const facts = (report: SiteReport) =>
  report.findings.map((f) => ({ tracker: f.tracker, category: f.dataCategory, parameter: f.parameter, hashed: f.hashed }));

describe('scan of the Meta Pixel fixture sites (real Chromium)', () => {
  let server: FixtureServer;
  let reports: Map<string, SiteReport>;
  let exitCode: number | undefined;

  beforeAll(async () => {
    server = await startFixtureServer();
    const s = server.sites;
    const result = await scanFixtures(server, [s.demo, s.manual, s.aam, s.pageview, s.clean]);
    exitCode = result.summary.exitCode;
    reports = new Map(result.reports.map((r) => [r.summary.input, r]));
  });
  afterAll(() => server?.close());

  it('finds the SHA-256 of e-mail, phone, first and last name sent to Meta from the demo quote form', () => {
    const demo = reports.get(server.sites.demo)!;
    expect(demo.summary.status).toBe('ok');
    const quote = demo.findings.filter((f) => new URL(f.pageUrl).pathname === '/offert');
    expect(quote.length).toBeGreaterThan(0);
    for (const category of ['email', 'phone', 'first_name', 'last_name']) {
      expect(quote.some((f) => f.tracker === 'meta-pixel' && f.dataCategory === category && f.hashed
        && f.transform.includes('sha256') && f.vendor?.name === 'Meta Platforms Ireland Ltd')).toBe(true);
    }
    expect(facts(demo)).toEqual(expect.arrayContaining([
      { tracker: 'meta-pixel', category: 'email', parameter: 'query.ud[em]', hashed: true },
      { tracker: 'meta-pixel', category: 'phone', parameter: 'query.ud[ph]', hashed: true },
      { tracker: 'meta-pixel', category: 'first_name', parameter: 'query.ud[fn]', hashed: true },
      { tracker: 'meta-pixel', category: 'last_name', parameter: 'query.ud[ln]', hashed: true },
      // Automatic advanced matching: the long event goes as a hidden-iframe form POST.
      { tracker: 'meta-pixel', category: 'email', parameter: 'body.form.udff[em]', hashed: true },
    ]));
    const aamPost = demo.findings.find((f) => f.parameter === 'body.form.udff[em]')!;
    expect(aamPost).toMatchObject({ method: 'POST', event: 'SubscribedButtonClick', trigger: 'submit', beforeSubmit: false, delivered: true, consent: 'none' });
    expect(aamPost.accountId).toMatch(/^\d{15,16}$/);
  });

  it('points every finding at a captured request, a HAR entry and the form screenshot', async () => {
    const demo = reports.get(server.sites.demo)!;
    const evidence = await readEvidenceJson(demo.bundleDir!);
    for (const finding of demo.findings) {
      const index = Number(finding.evidence.request.split('/').at(-1));
      expect(evidence.requests[index]!.id).toBe(finding.requestId);
      expect(evidence.requests[index]!.url).toBe(finding.requestUrl);
      expect(finding.evidence.harEntry).toBeTypeOf('number');
      expect(finding.firstSeenAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    expect(demo.findings.some((f) => f.evidence.screenshot?.startsWith('screenshots/f'))).toBe(true);
  });

  it('never lets the site receive the application in intercept mode, but lets the pixel POST through', () => {
    for (const name of ['demo', 'manual', 'aam', 'pageview', 'clean'] as const) {
      expect(server.formPosts(name)).toEqual([]);
    }
    expect(server.trackerRequests().some((r) => r.method === 'POST' && r.path.startsWith('/tr'))).toBe(true);
  });

  it('finds manual advanced matching (ud[...]) on the manual site', () => {
    const manual = reports.get(server.sites.manual)!;
    const categories = new Set(manual.findings.map((f) => f.dataCategory));
    expect([...categories]).toEqual(expect.arrayContaining(['email', 'phone', 'first_name', 'last_name']));
    expect(manual.findings.every((f) => f.parameter.startsWith('query.ud['))).toBe(true);
  });

  it('finds automatic advanced matching (udff[em], udff[ph]) on the AAM site, and only those', () => {
    const aam = reports.get(server.sites.aam)!;
    expect(new Set(aam.findings.map((f) => f.dataCategory))).toEqual(new Set(['email', 'phone']));
    expect(aam.findings.every((f) => f.parameter.startsWith('body.form.udff['))).toBe(true);
  });

  it('states automatic advanced matching as a fact of its own (from the configuration) for the AAM and demo pixels, not the manual one', () => {
    const aamFact = (name: 'demo' | 'manual' | 'aam' | 'pageview') =>
      reports.get(server.sites[name])!.facts?.find((f) => f.kind === 'automatic-advanced-matching');
    expect(aamFact('aam')).toMatchObject({
      tracker: 'meta-pixel', accountId: '582716304958172', severity: 'medium', evidence: { fromResponse: true, harEntry: expect.any(Number) },
    });
    expect(aamFact('aam')!.requestUrl).toMatch(/^https:\/\/connect\.facebook\.net\/signals\/config\/582716304958172\?/);
    expect(aamFact('aam')!.detail).toMatch(/ \(em, fn, ln, ph, ge, zp, ct, st, db, country\)$/);
    expect(aamFact('demo')).toMatchObject({ tracker: 'meta-pixel', accountId: '1093847561029384', severity: 'medium' });
    expect(aamFact('manual')).toBeUndefined();
    expect(aamFact('pageview')).toBeUndefined();
    expect(reports.get(server.sites.manual)!.facts).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'tracker-account', tracker: 'meta-pixel', accountId: '731904625518273', severity: 'info' }),
    ]));
  });

  it('reports nothing for the PageView-only and the clean site', () => {
    expect(reports.get(server.sites.pageview)!.findings).toEqual([]);
    const clean = reports.get(server.sites.clean)!;
    expect(clean.findings).toEqual([]);
    expect(clean.summary.forms).toBeGreaterThan(0);
    expect(exitCode).toBe(1);
  });
});
