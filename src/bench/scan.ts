/**
 * Scan benchmark (`npm run bench:scan`): scans every site of the fixture corpus (served by the
 * fixture server on loopback) at concurrency 1, 2 and 4, and in the same run a bare Playwright
 * baseline that performs the same navigation, typing and clicks with no capture, screenshots,
 * detection or bundle. Prints pages/min of each, the time ratio scan/baseline, and the peak
 * memory of Node plus Chromium's whole process tree (VmRSS summed, and Pss), sampled. A third
 * pass runs the scan's crawler alone (no capture, detection or bundle) to split the difference
 * into the crawler's own work and the cost of capture and detection.
 *
 * Targets (issue #8): ratio ≤ 1.2; memory per concurrent site ≤ 250 MB.
 * `BENCH_CONCURRENCY=1,2` picks the levels; `BENCH_MAX_PAGES` the pages per site (default 10).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../browser/launch.js';
import { scanOptionsSchema } from '../config/options.js';
import { startFixtureServer } from '../demo/fixture-server.js';
import { readEvidence } from '../evidence/bundle.js';
import { runScan } from '../run/scan-run.js';
import { crawlOnly } from './crawl-only.js';
import { MemorySampler, type TreeMemory } from './process-memory.js';
import { replayPlan, replaySites } from './replay.js';

const LEVELS = (process.env.BENCH_CONCURRENCY ?? '1,2,4').split(',').map(Number).filter((n) => n >= 1);
const MAX_PAGES = Number(process.env.BENCH_MAX_PAGES ?? 10);
const MB = 1024 * 1024;

interface Pass {
  pages: number;
  ms: number;
  memory: TreeMemory;
}

async function measure(work: () => Promise<number>): Promise<Pass> {
  const sampler = new MemorySampler(200);
  const start = performance.now();
  const pages = await work();
  const ms = performance.now() - start;
  return { pages, ms, memory: sampler.stop() };
}

const perMinute = (p: Pass): number => p.pages / (p.ms / 60_000);
const mb = (bytes: number): string => `${(bytes / MB).toFixed(0)} MB`;

async function main(): Promise<void> {
  const server = await startFixtureServer();
  const out = await mkdtemp(join(tmpdir(), 'pixel-audit-bench-'));
  try {
    const names = Object.keys(server.sites);
    const urls = Object.values(server.sites);
    const options = (concurrency: number) => scanOptionsSchema.parse({
      urls, out, seed: 'bench', concurrency, maxPages: MAX_PAGES,
      hostResolverRules: server.hostResolverRules, ignoreHttpsErrors: true,
    });
    // A warm-up scan: fills the OS caches, and its evidence tells the baseline what to do.
    const warm = await runScan(options(1));
    const failed = warm.summary.sites.filter((s) => s.status === 'failed');
    const plans = await Promise.all(warm.reports.filter((r) => r.bundleDir && r.summary.status !== 'failed').map(async (r) => replayPlan(await readEvidence(r.bundleDir!))));
    const manifest = warm.reports.find((r) => r.bundleDir)?.bundleDir;
    const version = manifest ? (JSON.parse(await readFile(join(manifest, 'manifest.json'), 'utf8')) as { chromium: { version: string } }).chromium.version : '?';
    console.log(`scan benchmark: ${names.length} fixture sites (${names.join(', ')}), up to ${MAX_PAGES} pages each; `
      + `${availableParallelism()} cores; Chromium ${version}; Node ${process.version}`);
    if (failed.length) console.log(`  (failed in the warm-up and left out of the baseline: ${failed.map((s) => s.input).join(', ')})`);
    console.log('concurrency | scan pages/min | crawl-only pages/min | baseline pages/min | time ratio scan/baseline | scan/crawl-only | peak RSS scan (per site) | peak PSS scan | peak RSS baseline');
    const rows: Array<Record<string, number>> = [];
    for (const concurrency of LEVELS) {
      const baseline = await measure(async () => {
        const { browser } = await launchBrowser({ hostResolverRules: server.hostResolverRules });
        try {
          return await replaySites(browser, plans, concurrency, { ignoreHTTPSErrors: true });
        } finally {
          await browser.close();
        }
      });
      const crawl = await measure(async () => {
        const { browser } = await launchBrowser({ hostResolverRules: server.hostResolverRules });
        try {
          return await crawlOnly(browser, urls, concurrency, { seed: 'bench', maxPages: MAX_PAGES, ignoreHTTPSErrors: true });
        } finally {
          await browser.close();
        }
      });
      const scan = await measure(async () => (await runScan(options(concurrency))).summary.sites.reduce((n, s) => n + s.pages, 0));
      // Time per page, so that a page one pass loaded and another did not does not skew the ratio.
      const ratio = perMinute(baseline) / perMinute(scan);
      const captureRatio = perMinute(crawl) / perMinute(scan);
      rows.push({
        concurrency, scanPagesPerMin: perMinute(scan), crawlOnlyPagesPerMin: perMinute(crawl), baselinePagesPerMin: perMinute(baseline),
        ratio, scanOverCrawlOnly: captureRatio, peakRssMb: scan.memory.rss / MB, peakPssMb: scan.memory.pss / MB, baselinePeakRssMb: baseline.memory.rss / MB,
      });
      console.log(`${String(concurrency).padStart(11)} | ${perMinute(scan).toFixed(1).padStart(14)} | ${perMinute(crawl).toFixed(1).padStart(20)} | `
        + `${perMinute(baseline).toFixed(1).padStart(18)} | ${ratio.toFixed(2).padStart(24)} | ${captureRatio.toFixed(2).padStart(15)} | `
        + `${`${mb(scan.memory.rss)} (${mb(scan.memory.rss / concurrency)})`.padStart(24)} | ${mb(scan.memory.pss).padStart(13)} | ${mb(baseline.memory.rss)}`);
      console.log(`${''.padStart(11)}   scan ${scan.pages} pages in ${(scan.ms / 1000).toFixed(1)} s; crawl only ${crawl.pages} in ${(crawl.ms / 1000).toFixed(1)} s; `
        + `baseline ${baseline.pages} in ${(baseline.ms / 1000).toFixed(1)} s`);
    }
    // What one more concurrent site costs, without Node's and the browser's fixed share.
    const [low, high] = [rows[0], rows.at(-1)];
    if (low && high && high.concurrency! > low.concurrency!) {
      const span = high.concurrency! - low.concurrency!;
      console.log(`memory per additional concurrent site (${low.concurrency} → ${high.concurrency}): `
        + `RSS ${((high.peakRssMb! - low.peakRssMb!) / span).toFixed(0)} MB, PSS ${((high.peakPssMb! - low.peakPssMb!) / span).toFixed(0)} MB`);
    }
    console.log('targets: time ratio ≤ 1.2; peak RSS per concurrent site ≤ 250 MB (Node + the whole Chromium tree, summed VmRSS, sampled every 200 ms)');
    console.log(JSON.stringify({ bench: 'scan', sites: names.length, maxPages: MAX_PAGES, rows }));
  } finally {
    await server.close();
    await rm(out, { recursive: true, force: true });
  }
}

await main();
