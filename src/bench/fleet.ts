/**
 * Fleet benchmark (`npm run bench:fleet`): a throw-away PostgreSQL, the fixture server with
 * many copies of its sites under distinct host names (`c<i>.<host>`), and for 1, 2 and 4 worker
 * processes (`pixel-audit worker --concurrency 1`) a fresh queue of the same N sites, timed
 * from the workers' start until the last one exits on a drained queue. Prints sites/min of
 * each, the scaling factor against one worker, and the machine's cores and load.
 *
 * `BENCH_SITES` (default 24), `BENCH_WORKERS` (default `1,2,4`), `BENCH_MAX_PAGES` (default 3).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanOptionsSchema } from '../config/options.js';
import { startFixtureServer } from '../demo/fixture-server.js';
import { enqueueRun } from '../fleet/enqueue.js';
import { openQueue } from '../fleet/queue.js';
import { runStatus } from '../fleet/status.js';
import { startPostgres } from './throwaway-postgres.js';

const SITES = Number(process.env.BENCH_SITES ?? 24);
const WORKERS = (process.env.BENCH_WORKERS ?? '1,2,4').split(',').map(Number).filter((n) => n >= 1);
const MAX_PAGES = Number(process.env.BENCH_MAX_PAGES ?? 3);
const BIN = fileURLToPath(new URL('../../bin/pixel-audit.js', import.meta.url));
/** The hostile-pages fixture waits out dialogs and a page that never loads: a stress test, not a typical site. */
const EXCLUDED = /besvarlig-sajt/;

function runWorkers(count: number, args: string[]): Promise<number[]> {
  return Promise.all(Array.from({ length: count }, () => new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [BIN, 'worker', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let sites = 0;
    child.stderr.on('data', (chunk: Buffer) => (sites += (chunk.toString().match(/^[✓✗!] /gm) ?? []).length));
    child.once('exit', () => resolve(sites));
  })));
}

async function main(): Promise<void> {
  const [pg, server] = await Promise.all([startPostgres(), startFixtureServer({ copies: 8 })]);
  const out = await mkdtemp(join(tmpdir(), 'pixel-audit-bench-fleet-'));
  const targets = server.copies.filter((u) => !EXCLUDED.test(u));
  const urls = targets.slice(0, SITES);
  if (urls.length < SITES) throw new Error(`only ${targets.length} copies available (asked for ${SITES})`);
  console.log(`bench:fleet — ${urls.length} sites (copies of the fixture corpus), up to ${MAX_PAGES} pages each, `
    + `${availableParallelism()} core(s), load average ${loadavg().map((n) => n.toFixed(1)).join(' ')} at start`);
  const results: Array<{ workers: number; seconds: number; perMinute: number; split: number[] }> = [];
  try {
    for (const workers of WORKERS) {
      const url = await pg.createDatabase(`bench_w${workers}`);
      const queue = await openQueue(url);
      const options = scanOptionsSchema.parse({
        urls, out, seed: 'bench', maxPages: MAX_PAGES, depth: 1, pageTimeout: 15, siteTimeout: 90,
        hostResolverRules: server.hostResolverRules, ignoreHttpsErrors: true,
      });
      const { runId } = await enqueueRun(queue, { options, retries: 1 });
      const start = performance.now();
      const split = await runWorkers(workers, ['--queue', url, '--store', url, '--out', out, '--concurrency', '1',
        '--poll-interval', '0.5', '--supervise-interval', '5', '--exit-when-drained']);
      const seconds = (performance.now() - start) / 1000;
      const status = await runStatus(queue, runId);
      await queue.close();
      if (!status?.finished || status.completed + status.failed !== urls.length) {
        throw new Error(`run with ${workers} worker(s) did not drain: ${JSON.stringify(status)}`);
      }
      const perMinute = urls.length / (seconds / 60);
      results.push({ workers, seconds, perMinute, split });
      console.log(`${String(workers).padStart(2)} worker(s): ${seconds.toFixed(1)} s, ${perMinute.toFixed(1)} sites/min `
        + `(${status.failed} failed; sites per worker ${split.join('/')})`);
    }
  } finally {
    await server.close();
    await pg.stop();
    await rm(out, { recursive: true, force: true });
  }
  const base = results[0];
  if (!base) return;
  console.log('\nworkers  sites/min  scaling vs 1');
  for (const r of results) console.log(`${String(r.workers).padStart(7)}  ${r.perMinute.toFixed(1).padStart(9)}  ${(r.perMinute / base.perMinute).toFixed(2)}×`);
  const best = results.reduce((a, b) => (b.perMinute > a.perMinute ? b : a));
  const hours = 10_000 / best.perMinute / 60;
  console.log(`\n10,000 sites at ${best.perMinute.toFixed(1)} sites/min (${best.workers} worker(s) here): ${hours.toFixed(1)} h on this machine; `
    + `an 8-hour night needs ${(10_000 / (8 * 60)).toFixed(1)} sites/min, ≈ ${Math.ceil(10_000 / (8 * 60) / (base.perMinute))} single-site workers at this machine's per-worker rate`);
  console.log(`cores: ${availableParallelism()}, load average at end ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
}

await main();
