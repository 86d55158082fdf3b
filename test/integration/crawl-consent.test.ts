import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evidence } from '../../src/evidence/schema.js';
import type { RunSummary, SiteReport } from '../../src/report/run-summary.js';
import { readEvidenceJson, scanFixtures, startFixtureServer, type FixtureServer } from '../helpers/fixture-scan.js';

type Pass = 'none' | 'accept' | 'reject';

describe('crawl: --consent all, with autoconsent rules and the text fallback (real Chromium)', () => {
  let server: FixtureServer;
  let summary: RunSummary;
  const passes = new Map<string, { report: SiteReport; evidence: Evidence }>();
  const pass = (site: string, mode: Pass) => passes.get(`${site}:${mode}`)!;

  beforeAll(async () => {
    server = await startFixtureServer();
    const result = await scanFixtures(server, [server.sites['cmp-onetrust']!, server.sites['banner-sv']!], { consent: 'all', maxPages: 2 });
    summary = JSON.parse(await readFile(join(result.summary.runDir, 'run.json'), 'utf8')) as RunSummary;
    for (const report of result.reports) {
      const site = report.summary.input === server.sites['cmp-onetrust'] ? 'cmp-onetrust' : 'banner-sv';
      passes.set(`${site}:${report.summary.consent}`, { report, evidence: await readEvidenceJson(report.bundleDir!) });
    }
  }, 170_000);
  afterAll(() => server?.close());

  it('writes one bundle per pass, sites/<slug>--consent-<pass>, and lists each in run.json in plan order', () => {
    expect(summary.sites.map((s) => [s.input, s.consent, s.bundle, s.status])).toEqual([
      [server.sites['cmp-onetrust'], 'none', 'sites/www.cykelbutiken-samtycke.test--consent-none', 'ok'],
      [server.sites['cmp-onetrust'], 'accept', 'sites/www.cykelbutiken-samtycke.test--consent-accept', 'ok'],
      [server.sites['cmp-onetrust'], 'reject', 'sites/www.cykelbutiken-samtycke.test--consent-reject', 'ok'],
      [server.sites['banner-sv'], 'none', 'sites/www.kakbanner-tandvard.test--consent-none', 'ok'],
      [server.sites['banner-sv'], 'accept', 'sites/www.kakbanner-tandvard.test--consent-accept', 'ok'],
      [server.sites['banner-sv'], 'reject', 'sites/www.kakbanner-tandvard.test--consent-reject', 'ok'],
    ]);
    expect(summary.targets?.filter((t) => t.consent).length).toBe(6);
  });

  it('lets autoconsent\'s rule recognise the OneTrust-like banner, photograph it, and opt in or out', () => {
    expect(pass('cmp-onetrust', 'none').evidence.consent).toEqual({ mode: 'none', state: 'none', bannerFound: false });
    for (const [mode, state] of [['accept', 'accepted'], ['reject', 'rejected']] as const) {
      const { evidence } = pass('cmp-onetrust', mode);
      expect(evidence.consent).toMatchObject({ mode, state, bannerFound: true, method: 'autoconsent', cmp: 'Onetrust', screenshot: 'screenshots/consent-banner.png' });
      expect(evidence.timeline.find((a) => a.type === 'consent')?.detail).toBe(`${mode}: autoconsent rule "Onetrust"`);
    }
  });

  it('finds the checkout leak only after accept on the site that honours the choice', () => {
    expect(pass('cmp-onetrust', 'none').report.findings).toEqual([]);
    expect(pass('cmp-onetrust', 'reject').report.findings).toEqual([]);
    const accepted = pass('cmp-onetrust', 'accept').report.findings;
    expect(new Set(accepted.map((f) => f.dataCategory))).toEqual(new Set(['email', 'phone', 'first_name', 'last_name']));
    expect(accepted.every((f) => f.consent === 'accepted')).toBe(true);
    // The form was found and filled in every pass, banner or not.
    for (const mode of ['none', 'accept', 'reject'] as const) expect(pass('cmp-onetrust', mode).evidence.forms).toHaveLength(1);
  });

  it('answers the unknown Swedish banner by its words, and grades the leak after "reject" gravest', () => {
    const accept = pass('banner-sv', 'accept').evidence.consent;
    const reject = pass('banner-sv', 'reject').evidence.consent;
    expect(accept).toMatchObject({ state: 'accepted', method: 'text', detail: 'clicked "Godkänn alla kakor"', screenshot: 'screenshots/consent-banner.png' });
    expect(reject).toMatchObject({ state: 'rejected', method: 'text', detail: 'clicked "Endast nödvändiga kakor"' });
    const afterReject = pass('banner-sv', 'reject').report.findings;
    expect(afterReject.length).toBeGreaterThan(0);
    expect(afterReject.every((f) => f.consent === 'rejected')).toBe(true);
    const rank = ['info', 'low', 'medium', 'high', 'critical'];
    const worst = (mode: Pass) => Math.max(...pass('banner-sv', mode).report.findings.map((f) => rank.indexOf(f.severity)));
    expect(worst('reject')).toBeGreaterThan(worst('accept'));
    expect(worst('reject')).toBeGreaterThan(worst('none'));
  });

  it('never lets the shops receive the order or the contact message', () => {
    expect(server.formPosts('cmp-onetrust')).toEqual([]);
    expect(server.formPosts('banner-sv')).toEqual([]);
  });
});
