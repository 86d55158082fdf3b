import { join } from 'node:path';
import type { Browser } from 'playwright';
import { normalUserAgent } from '../browser/user-agent.js';
import { linkHarEntries } from '../capture/har-link.js';
import { RequestRecorder } from '../capture/recorder.js';
import { StoredStateRecorder } from '../capture/stored-state.js';
import type { ScanOptions } from '../config/options.js';
import { crawlSite, type CrawlResult } from '../crawl/crawl-site.js';
import { firstLine } from '../crawl/fill-form.js';
import { phases } from '../crawl/phase-clock.js';
import { BUNDLE_FILES, ensureDir, writeJson } from '../evidence/bundle.js';
import { EVIDENCE_SCHEMA_VERSION, type ConsentRecord, type Evidence } from '../evidence/schema.js';
import { Timeline } from '../evidence/timeline.js';
import type { Persona } from '../persona/schema.js';
import type { InterceptedSet } from '../shared/intercepted.js';
import { judgeBundle } from './judge-bundle.js';
import { matchRule } from '../rules/match.js';
import type { RunContext } from './run-context.js';
import type { SiteReport } from '../report/run-summary.js';

/**
 * Scans one site into its bundle folder: crawl and capture in a fresh browser context, then
 * the evidence is written *before* it is judged, so a failure in judgement never loses it.
 */
export async function scanSite(
  browser: Browser,
  url: URL,
  input: string,
  bundleDir: string,
  persona: Persona,
  options: ScanOptions & { consent: ConsentRecord['mode'] },
  run: RunContext,
): Promise<SiteReport> {
  const startedAt = new Date().toISOString();
  await ensureDir(join(bundleDir, BUNDLE_FILES.screenshots));
  const userAgent = options.userAgent ?? normalUserAgent(run.chromium.version);
  const context = await browser.newContext({
    ignoreHTTPSErrors: options.ignoreHttpsErrors,
    userAgent,
    viewport: { width: 1280, height: 900 },
    recordHar: { path: join(bundleDir, BUNDLE_FILES.har), content: 'embed', mode: 'full' },
    serviceWorkers: 'allow',
  });
  const timeline = new Timeline();
  const intercepted: InterceptedSet = new WeakSet();
  const recorder = new RequestRecorder(timeline, intercepted);
  recorder.attach(context);
  const stored = new StoredStateRecorder(timeline);
  stored.attach(context);
  const deadline = Date.now() + options.siteTimeout * 1000;
  // The hard stop: past the deadline (plus grace) the context is closed under the crawler.
  const killer = setTimeout(() => void context.close().catch(() => undefined), options.siteTimeout * 1000 + 15_000);
  let crawl: CrawlResult;
  try {
    crawl = await crawlSite(
      context,
      {
        startUrl: url, maxPages: options.maxPages, depth: options.depth, consent: options.consent, submit: options.submit,
        pageTimeoutSeconds: options.pageTimeout, deadline,
        screenshotDir: { path: join(bundleDir, BUNDLE_FILES.screenshots), name: BUNDLE_FILES.screenshots },
        isTrackerRequest: (method, requestUrl, body) => matchRule(run.rules.rules, method, requestUrl, body)?.role === 'collect',
      },
      persona, timeline, intercepted,
    );
  } catch (error) {
    crawl = {
      pages: [], forms: [], consent: { mode: options.consent, state: 'none', bannerFound: false },
      errors: [{ stage: 'crawl', message: firstLine(error), at: new Date().toISOString() }],
    };
  } finally {
    clearTimeout(killer);
  }
  const { cookieJar, storage } = await phases.time('bundle: cookie jar and storage', () => stored.finish(context)); // the jar and storage, while the context lives
  await phases.time('bundle: close context, write HAR', () => context.close().catch(() => undefined)); // writes the HAR
  const requests = await phases.time('bundle: request headers', () => recorder.finish());
  await phases.time('bundle: link HAR entries', () => linkHarEntries(join(bundleDir, BUNDLE_FILES.har), requests));
  const evidence: Evidence = {
    schemaVersion: EVIDENCE_SCHEMA_VERSION,
    site: url.origin,
    startUrl: url.toString(),
    startedAt,
    endedAt: new Date().toISOString(),
    userAgent,
    persona,
    consent: crawl.consent,
    submitMode: options.submit,
    timeline: timeline.list(),
    pages: crawl.pages,
    forms: crawl.forms,
    ...(crawl.sitemaps ? { sitemaps: crawl.sitemaps } : {}),
    requests,
    ...(cookieJar.length ? { cookieJar } : {}),
    ...(storage.length ? { storage } : {}),
    errors: crawl.startError
      ? [...crawl.errors, { stage: 'navigate', message: crawl.startError, at: new Date().toISOString() }]
      : crawl.errors,
  };
  await phases.time('bundle: write evidence', () => writeJson(join(bundleDir, BUNDLE_FILES.evidence), evidence));
  const findings = await phases.time('judge: detect, reports, manifest', () => judgeBundle(bundleDir, evidence, run));
  const accepted = findings.findings.filter((f) => f.accepted).length;
  const problems = [crawl.startError, ...evidence.errors.filter((e) => e.stage !== 'navigate').map((e) => e.message)].filter(Boolean);
  return {
    bundleDir,
    findings: findings.findings,
    facts: findings.facts,
    summary: {
      input,
      site: url.origin,
      status: crawl.startError ? 'failed' : problems.length ? 'partial' : 'ok',
      error: problems[0],
      pages: crawl.pages.filter((p) => !p.error).length,
      forms: crawl.forms.length,
      requests: requests.length,
      findings: findings.findings.length,
      ...(accepted ? { accepted } : {}),
      maxSeverity: findings.maxSeverity,
      startedAt,
      endedAt: new Date().toISOString(),
    },
  };
}
