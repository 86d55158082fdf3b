import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type LaunchedBrowser } from '../../src/browser/launch.js';
import { normalUserAgent } from '../../src/browser/user-agent.js';
import { crawlSite, type CrawlResult } from '../../src/crawl/crawl-site.js';
import type { Evidence, PageRecord } from '../../src/evidence/schema.js';
import { Timeline } from '../../src/evidence/timeline.js';
import { generatePersona } from '../../src/persona/index.js';
import type { SiteReport } from '../../src/report/run-summary.js';
import { readEvidenceJson, scanFixtures, startFixtureServer, type FixtureServer } from '../helpers/fixture-scan.js';

const path = (url: string) => new URL(url).pathname;

describe('crawl: hostile and awkward pages are handled, recorded, and the scan goes on (real Chromium)', () => {
  let server: FixtureServer;
  let report: SiteReport;
  let evidence: Evidence;
  const page = (p: string): PageRecord => evidence.pages.find((x) => path(x.url) === p)!;
  const events = (p: string) => (page(p).events ?? []).map((e) => `${e.type}: ${e.detail ?? ''}`);
  const leakedFrom = (p: string) => report.findings.some((f) => path(f.pageUrl) === p && f.dataCategory === 'email' && f.parameter === 'query.ud[em]');

  beforeAll(async () => {
    server = await startFixtureServer();
    const result = await scanFixtures(server, [server.sites.hostile!], { maxPages: 8 });
    report = result.reports[0]!;
    evidence = await readEvidenceJson(report.bundleDir!);
  }, 170_000);
  afterAll(() => server?.close());

  it('visits every hostile page and still fills the forms after them', () => {
    expect(evidence.pages.map((p) => path(p.url))).toEqual(expect.arrayContaining([
      '/', '/dialoger', '/lamna', '/popup', '/ladda-ner/prislista-2026', '/omdirigering/redirect-loop', '/aldrig-klar', '/stor',
    ]));
    for (const p of ['/', '/dialoger', '/lamna', '/popup', '/aldrig-klar', '/stor']) {
      expect(page(p).formIds.length, p).toBe(1);
      expect(leakedFrom(p), p).toBe(true);
    }
    expect(server.formPosts('hostile')).toEqual([]);
    expect(report.summary.status).toBe('ok');
  });

  it('accepts alerts and confirms, dismisses prompts, and records each on its page', () => {
    expect(events('/')).toEqual(['dialog: alert "Välkommen till vår kampanjvecka!": accepted']);
    expect(events('/dialoger')).toEqual(expect.arrayContaining([
      'dialog: confirm "Vill du ha våra erbjudanden?": accepted',
      'dialog: prompt "Ange din e-post för 10 % rabatt": dismissed',
      'dialog: alert "Glöm inte rabattkoden! (3/3)": accepted',
      'dialog: alert "Tack för din e-postadress!": accepted',
    ]));
  });

  it('leaves a page that asks to stay (beforeunload), and records it on that page', () => {
    expect(events('/lamna')).toContain('beforeunload: the page asked to stay; left anyway');
    expect(events('/popup').some((e) => e.startsWith('beforeunload'))).toBe(false);
  });

  it('captures a popup window, then closes it', () => {
    expect(events('/popup')).toContainEqual(expect.stringMatching(/^popup: a new tab or window opened https:\/\/www\.besvarlig-sajt\.test\/popup\/fonster/));
    expect(evidence.requests.some((r) => r.pageUrl?.endsWith('/popup/fonster') && r.url.includes('ev=PageView'))).toBe(true);
  });

  it('cancels a download and says the URL is no page', () => {
    expect(page('/ladda-ner/prislista-2026').error).toMatch(/file download/);
    expect(events('/ladda-ner/prislista-2026')).toEqual([expect.stringMatching(/^download: prislista-2026 from .*: cancelled$/)]);
  });

  it('gives up on an endless redirect with a one-line reason', () => {
    expect(page('/omdirigering/redirect-loop').error).toBe('endless redirects (net::ERR_TOO_MANY_REDIRECTS)');
  });

  it('scans a page that never finishes loading nor goes idle as it stands', () => {
    expect(events('/aldrig-klar')).toEqual([expect.stringMatching(/^load-timeout: no load event within \d+ s/)]);
  });

  it('caps a huge page (links, fields) and records the truncation', () => {
    expect(events('/stor')).toEqual(expect.arrayContaining([
      expect.stringMatching(/^truncated: more links than the scan takes/),
      expect.stringMatching(/^truncated: more frames, forms or fields/),
    ]));
    const form = evidence.forms.find((f) => path(f.pageUrl) === '/stor')!;
    expect(form.fields.find((f) => f.name === 'epost')?.category).toBe('email');
    expect(form.fields.filter((f) => f.skipped === 'unknown').length).toBeGreaterThan(50);
  });
});

describe('crawl: a crashed renderer (real Chromium)', () => {
  let server: FixtureServer;
  let launched: LaunchedBrowser;
  let result: CrawlResult;
  let timeline: Timeline;

  beforeAll(async () => {
    server = await startFixtureServer();
    launched = await launchBrowser({ hostResolverRules: server.hostResolverRules });
    const context = await launched.browser.newContext({ ignoreHTTPSErrors: true, userAgent: normalUserAgent(launched.version) });
    // What a renderer crash looks like to the crawler, caused on purpose: the tab dies as /krasch commits.
    let crashed = false;
    context.on('page', (tab) => tab.on('framenavigated', (frame) => {
      if (crashed || frame !== tab.mainFrame() || !frame.url().endsWith('/krasch')) return;
      crashed = true;
      void context.newCDPSession(tab).then((cdp) => cdp.send('Page.crash')).catch(() => undefined);
    }));
    timeline = new Timeline();
    const shots = await mkdtemp(join(tmpdir(), 'pixel-audit-crash-'));
    result = await crawlSite(context, {
      startUrl: new URL(`https://${server.siteHosts.hostile}/krasch-start`), maxPages: 3, depth: 1, consent: 'none', submit: 'intercept',
      pageTimeoutSeconds: 15, deadline: Date.now() + 90_000, screenshotDir: { path: shots, name: 'screenshots' },
    }, generatePersona({ seed: 'crash', country: 'SE' }), timeline, new WeakSet());
    await context.close();
  }, 120_000);
  afterAll(async () => {
    await launched?.browser.close();
    await server?.close();
  });

  it('records the crash on its page and goes on in a fresh tab to fill the next page\'s form', () => {
    const crashedPage = result.pages.find((p) => p.url.endsWith('/krasch'))!;
    expect(crashedPage.events?.map((e) => e.type)).toContain('crash');
    expect(crashedPage.error).toBeDefined();
    expect(result.errors.some((e) => /crashed; the crawl went on in a fresh tab/.test(e.message))).toBe(true);
    const after = result.pages.find((p) => p.url.endsWith('/efter-krasch'))!;
    expect(after.error).toBeUndefined();
    expect(after.formIds).toHaveLength(1);
    expect(result.forms.at(-1)).toMatchObject({ submit: 'intercepted' });
    expect(timeline.list().some((a) => a.type === 'submit' && a.pageUrl.endsWith('/efter-krasch'))).toBe(true);
    expect(server.formPosts('hostile')).toEqual([]);
  });
});
