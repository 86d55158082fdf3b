/**
 * Scan benchmark (`npm run bench:scan`): scans every site of the fixture corpus (served by the
 * fixture server on loopback) at concurrency 1, 2 and 4, and in the same run a bare Playwright
 * baseline that performs the same navigation, typing and clicks with no capture, screenshots,
 * detection or bundle. Prints pages/min of each, the time ratio scan/baseline, and the peak
 * memory of Node plus Chromium's whole process tree (VmRSS summed, and Pss), sampled. A third
 * pass runs the scan's crawler alone (no capture, detection or bundle) to split the difference
 * into the crawler's own work and the cost of capture and detection.
 *
 * Targets (issue #8): ratio ≤ 1.2; memory per concurrent site ≤ 250 MB (PSS).
 * `BENCH_CONCURRENCY=1,2` picks the levels; `BENCH_MAX_PAGES` the pages per site (default 10);
 * `BENCH_ROUNDS` how many interleaved rounds of the three passes each level gets (medians).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import type { Browser } from 'playwright';
import { join } from 'node:path';
import { launchBrowser } from '../browser/launch.js';
import { phases } from '../crawl/phase-clock.js';
import { scanOptionsSchema } from '../config/options.js';
import { startFixtureServer } from '../demo/fixture-server.js';
import { readEvidence } from '../evidence/bundle.js';
import { runScan } from '../run/scan-run.js';
import { crawlOnly } from './crawl-only.js';
import { MemorySampler, type TreeMemory } from './process-memory.js';
import { replayPlan, replaySites } from './replay.js';

const LEVELS = (process.env.BENCH_CONCURRENCY ?? '1,2,4').split(',').map(Number).filter((n) => n >= 1);
const MAX_PAGES = Number(process.env.BENCH_MAX_PAGES ?? 10);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));
const MB = 1024 * 1024;

interface Pass {
  pages: number;
  ms: number;
  memory: TreeMemory;
  /** Wall time per phase, summed over sites (phase-clock.ts). */
  phases: Array<{ phase: string; ms: number; count: number }>;
}

async function measure(work: () => Promise<number>): Promise<Pass> {
  phases.take();
  const sampler = new MemorySampler(200);
  const start = performance.now();
  const pages = await work();
  const ms = performance.now() - start;
  return { pages, ms, memory: sampler.stop(), phases: phases.take() };
}

const perMinute = (p: Pass): number => p.pages / (p.ms / 60_000);
const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function withBrowser(hostResolverRules: string, work: (browser: Browser) => Promise<number>): Promise<number> {
  const { browser } = await launchBrowser({ hostResolverRules });
  try {
    return await work(browser);
  } finally {
    await browser.close();
  }
}

type Row = ReturnType<typeof summarise>;

/** Medians over rounds; the ratio is taken per round (passes run next to each other) and then its median. */
function summarise(concurrency: number, passes: { baseline: Pass[]; crawl: Pass[]; scan: Pass[] }, load: number) {
  const ratios = passes.scan.map((scan, i) => perMinute(passes.baseline[i]!) / perMinute(scan));
  return {
    concurrency, load, ratios,
    scanPagesPerMin: median(passes.scan.map(perMinute)),
    crawlOnlyPagesPerMin: median(passes.crawl.map(perMinute)),
    baselinePagesPerMin: median(passes.baseline.map(perMinute)),
    ratio: median(ratios),
    scanOverCrawlOnly: median(passes.scan.map((scan, i) => perMinute(passes.crawl[i]!) / perMinute(scan))),
    peakRssMb: median(passes.scan.map((p) => p.memory.rss)) / MB,
    peakPssMb: median(passes.scan.map((p) => p.memory.pss)) / MB,
    baselinePeakRssMb: median(passes.baseline.map((p) => p.memory.rss)) / MB,
    baselinePeakPssMb: median(passes.baseline.map((p) => p.memory.pss)) / MB,
  };
}
const mb = (bytes: number): string => `${(bytes / MB).toFixed(0)} MB`;

/** Where a pass's time went, in seconds summed over sites (phases of concurrent sites overlap). */
function printPhases(label: string, pass: Pass): void {
  const parts = pass.phases.filter((p) => p.ms >= 50).map((p) => `${p.phase} ${(p.ms / 1000).toFixed(1)} s (${p.count}×)`);
  console.log(`${''.padStart(11)}   ${label} phases: ${parts.join('; ')}`);
}

async function main(): Promise<void> {
  phases.enabled = true;
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
    console.log('concurrency | scan pages/min | crawl-only pages/min | baseline pages/min | time ratio scan/baseline | scan/crawl-only | '
      + 'peak PSS scan (÷ concurrency) | peak RSS sum scan (÷ concurrency) | peak RSS baseline | load');
    const rows: Row[] = [];
    for (const concurrency of LEVELS) {
      const passes = { baseline: [] as Pass[], crawl: [] as Pass[], scan: [] as Pass[] };
      const load = [loadavg()[0]!];
      // Rounds interleave the three passes, alternating their order, so that a change in the
      // machine's load hits them alike; figures are the medians of the rounds.
      for (let round = 0; round < ROUNDS; round += 1) {
        const order: Array<keyof typeof passes> = round % 2 ? ['scan', 'crawl', 'baseline'] : ['baseline', 'crawl', 'scan'];
        for (const which of order) {
          passes[which].push(await measure(which === 'baseline'
            ? () => withBrowser(server.hostResolverRules, (browser) => replaySites(browser, plans, concurrency, { ignoreHTTPSErrors: true }))
            : which === 'crawl'
              ? () => withBrowser(server.hostResolverRules, (browser) => crawlOnly(browser, urls, concurrency, { seed: 'bench', maxPages: MAX_PAGES, ignoreHTTPSErrors: true }))
              : async () => (await runScan(options(concurrency))).summary.sites.reduce((n, s) => n + s.pages, 0)));
          load.push(loadavg()[0]!);
        }
      }
      const row = summarise(concurrency, passes, median(load));
      rows.push(row);
      console.log(`${String(concurrency).padStart(11)} | ${row.scanPagesPerMin.toFixed(1).padStart(14)} | ${row.crawlOnlyPagesPerMin.toFixed(1).padStart(20)} | `
        + `${row.baselinePagesPerMin.toFixed(1).padStart(18)} | ${row.ratio.toFixed(2).padStart(24)} | ${row.scanOverCrawlOnly.toFixed(2).padStart(15)} | `
        + `${`${row.peakPssMb.toFixed(0)} MB (${(row.peakPssMb / concurrency).toFixed(0)} MB)`.padStart(29)} | `
        + `${`${row.peakRssMb.toFixed(0)} MB (${(row.peakRssMb / concurrency).toFixed(0)} MB)`.padStart(33)} | ${`${row.baselinePeakRssMb.toFixed(0)} MB`.padStart(17)} | ${row.load.toFixed(1)}`);
      const scan = passes.scan.at(-1)!;
      console.log(`${''.padStart(11)}   ratios per round: ${row.ratios.map((r) => r.toFixed(2)).join(', ')}; last round: scan ${scan.pages} pages in ${(scan.ms / 1000).toFixed(1)} s, `
        + `crawl only ${passes.crawl.at(-1)!.pages} in ${(passes.crawl.at(-1)!.ms / 1000).toFixed(1)} s, baseline ${passes.baseline.at(-1)!.pages} in ${(passes.baseline.at(-1)!.ms / 1000).toFixed(1)} s`);
      console.log(`${''.padStart(11)}   scan's peak PSS by process: ${Object.entries(scan.memory.pssByKind).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${mb(v)}`).join(', ')} (${scan.memory.renderers} renderers)`);
      printPhases('scan', scan);
      printPhases('baseline', passes.baseline.at(-1)!);
    }
    // What one more concurrent site costs, without Node's and the browser's fixed share.
    const [low, high] = [rows[0], rows.at(-1)];
    if (low && high && high.concurrency > low.concurrency) {
      const span = high.concurrency - low.concurrency;
      console.log(`memory per additional concurrent site (${low.concurrency} → ${high.concurrency}): `
        + `PSS ${((high.peakPssMb - low.peakPssMb) / span).toFixed(0)} MB, summed RSS ${((high.peakRssMb - low.peakRssMb) / span).toFixed(0)} MB`);
    }
    console.log('targets: time ratio ≤ 1.2; memory per concurrent site ≤ 250 MB, judged on PSS (the memory the machine spends: '
      + 'pages shared by Chromium\'s processes counted once); summed VmRSS counts each shared page in every process. '
      + 'Node + the whole Chromium tree, sampled every 200 ms; Node includes the fixture server.');
    console.log(JSON.stringify({ bench: 'scan', sites: names.length, maxPages: MAX_PAGES, rows }));
  } finally {
    await server.close();
    await rm(out, { recursive: true, force: true });
  }
}

await main();
