import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunStatus } from '../../src/fleet/status.js';
import type { RunSummary } from '../../src/report/run-summary.js';
import { openStore } from '../../src/store/open-store.js';
import { startFixtureServer, tempOut, type FixtureServer } from '../helpers/fixture-scan.js';
import { postgresAvailable, startPostgres, type TestPostgres } from '../helpers/postgres.js';

const BIN = fileURLToPath(new URL('../../bin/pixel-audit.js', import.meta.url));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** A worker process; `detached` gives it its own process group so a kill takes its Chromium too. */
function startWorker(args: string[]): { child: ChildProcess; stderr: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, 'worker', ...args], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stderr: () => err, exited };
}

/** Lines of the form `✓ https://host: n finding(s)` / `! input: reason` naming a site as done. */
function doneSites(stderr: string): string[] {
  return stderr.split('\n').map((l) => /^[✓✗!] (https:\/\/[^/: ]+)/.exec(l)?.[1]).filter((s): s is string => Boolean(s));
}

async function bundlesWithManifest(runDir: string): Promise<string[]> {
  const slugs = await readdir(join(runDir, 'sites')).catch(() => []);
  return slugs.filter((slug) => existsSync(join(runDir, 'sites', slug, 'manifest.json'))).sort();
}

describe.skipIf(!postgresAvailable())('fleet: pg-boss queue, worker processes, run-status (real PostgreSQL)', () => {
  let pg: TestPostgres;
  let server: FixtureServer;
  let scanFlags: string[];

  beforeAll(async () => {
    [pg, server] = await Promise.all([startPostgres(), startFixtureServer()]);
    scanFlags = ['--host-resolver-rules', server.hostResolverRules, '--ignore-https-errors', '--max-pages', '2', '--depth', '1',
      '--page-timeout', '10', '--seed', 'fleet'];
  });
  afterAll(async () => {
    await server?.close();
    await pg?.stop();
  });

  it('refuses a queue that is not PostgreSQL, and an unknown run, in one line (exit 2)', async () => {
    const bad = await cli(['enqueue', server.sites.demo, '--queue', 'redis://localhost/0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^pixel-audit: --queue redis:\/\/localhost\/0: expected a postgres:\/\/ URL\n/);
    const url = await pg.createDatabase('fleet_usage');
    const unknown = await cli(['run-status', 'no-such-run', '--queue', url]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('run no-such-run: no such run');
    const short = await cli(['enqueue', server.sites.demo, '--queue', url, '--site-timeout', '30', '--lease', '20']);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('--lease 20: must be at least --site-timeout (30) + 5 seconds');
  });

  it('enqueue --run adds only the sites a run does not have yet', async () => {
    const url = await pg.createDatabase('fleet_enqueue');
    const first = await cli(['enqueue', server.sites.demo, server.sites.clean, server.sites.demo, '--queue', url, '--json', ...scanFlags]);
    expect(first.code).toBe(0);
    const { runId, queued } = JSON.parse(first.stdout) as { runId: string; queued: number };
    expect(queued).toBe(2); // the repeated URL is one site
    const again = await cli(['enqueue', server.sites.clean, server.sites.pageview, '--queue', url, '--run', runId, '--json']);
    expect(JSON.parse(again.stdout)).toEqual({ runId, queued: 1, skipped: 1 });
    const status = await cli(['run-status', runId, '--queue', url, '--json']);
    expect(status.code).toBe(4); // not finished: nothing has been scanned
    expect(JSON.parse(status.stdout)).toMatchObject({ sites: 3, queued: 3, active: 0, completed: 0, failed: 0, finished: false });
  });

  it('three worker processes drain six sites and an unreachable one: each scanned once, the unreachable failed after its retries', async () => {
    const url = await pg.createDatabase('fleet_drain');
    const out = await tempOut();
    const names = ['demo', 'manual', 'aam', 'pageview', 'clean', 'offert-sv'] as const;
    const good = names.map((n) => server.sites[n]!);
    const unreachable = 'https://unreachable.test/';
    const enq = await cli(['enqueue', ...good, unreachable, '--queue', url, '--retries', '1', '--site-timeout', '60', ...scanFlags]);
    expect(enq.stderr).toMatch(/^queued 7 site job\(s\) into run \S+; retries 1, lease 180 s\n$/);
    expect(enq.code).toBe(0);
    const runId = enq.stdout.trim();
    const workers = [1, 2, 3].map(() => startWorker(['--queue', url, '--store', url, '--out', out, '--poll-interval', '0.5',
      '--supervise-interval', '1', '--exit-when-drained']));
    const codes = await Promise.all(workers.map((w) => w.exited));
    expect(codes).toEqual([0, 0, 0]);
    const lines = workers.map((w) => doneSites(w.stderr()));
    // Every site ended exactly once across the three workers, and the work was shared.
    const all = lines.flat().sort();
    expect(all).toEqual([...good.map((u) => u.replace(/\/$/, '')), 'https://unreachable.test'].sort());
    expect(lines.filter((l) => l.length > 0).length).toBeGreaterThanOrEqual(2);
    const retried = workers.map((w) => w.stderr()).join('\n');
    expect(retried).toMatch(/~ https:\/\/unreachable\.test\/: attempt 1 of 2 failed \(connection refused/);

    const status = await cli(['run-status', runId, '--queue', url, '--json']);
    expect(status.code).toBe(0);
    const counts = JSON.parse(status.stdout) as RunStatus;
    expect(counts).toMatchObject({ sites: 7, queued: 0, active: 0, retrying: 0, completed: 6, failed: 1, finished: true });
    expect(counts.findings).toBeGreaterThan(0);
    expect(counts.summaryWrittenAt).toBeDefined();

    const runDir = join(out, runId);
    expect(await bundlesWithManifest(runDir)).toHaveLength(7); // the failed site's evidence is kept too
    const summary = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8')) as RunSummary;
    expect(summary.sites.map((s) => s.input)).toEqual([...good, unreachable]); // plan order
    expect(summary.sites.at(-1)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^connection refused/) });
    expect(summary.exitCode).toBe(1);
    expect(existsSync(join(runDir, 'index.html'))).toBe(true);

    const store = await openStore(url, { mustExist: true });
    try {
      const scans = await store.runScans(runId);
      expect(scans.map((s) => s.site).sort()).toEqual([...good.map((u) => new URL(u).origin), 'https://unreachable.test'].sort());
      expect(scans.find((s) => s.site === 'https://unreachable.test')).toMatchObject({ status: 'failed' });
      expect((await store.run(runId))?.exitCode).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('a worker killed with SIGKILL mid-site: its site is scanned again by another worker after the lease, every site once', async () => {
    const url = await pg.createDatabase('fleet_kill');
    const out = await tempOut();
    const sites = [server.sites.demo, server.sites.pageview, server.sites.clean];
    const enq = await cli(['enqueue', ...sites, '--queue', url, '--retries', '2', '--site-timeout', '20', '--lease', '25', ...scanFlags]);
    expect(enq.code).toBe(0);
    const runId = enq.stdout.trim();
    const victim = startWorker(['--queue', url, '--store', url, '--out', out, '--poll-interval', '0.5', '--supervise-interval', '1']);
    // Mid-site: its first bundle folder exists, and its manifest (written last) does not yet.
    const runDir = join(out, runId);
    let started: string | undefined;
    for (let i = 0; i < 600 && !started; i++) {
      await sleep(100);
      started = (await readdir(join(runDir, 'sites')).catch(() => []))[0];
    }
    expect(started).toBeDefined();
    expect(existsSync(join(runDir, 'sites', started!, 'manifest.json'))).toBe(false);
    process.kill(-victim.child.pid!, 'SIGKILL');
    await victim.exited;
    const during = await cli(['run-status', runId, '--queue', url, '--json']);
    expect(JSON.parse(during.stdout)).toMatchObject({ active: 1, finished: false });

    const rescuers = [1, 2].map(() => startWorker(['--queue', url, '--store', url, '--out', out, '--poll-interval', '0.5',
      '--supervise-interval', '1', '--exit-when-drained']));
    expect(await Promise.all(rescuers.map((w) => w.exited))).toEqual([0, 0]);
    const text = rescuers.map((w) => w.stderr()).join('\n');
    expect(doneSites(text).sort()).toEqual(sites.map((u) => u.replace(/\/$/, '')).sort());
    expect(text).toMatch(/\(attempt 2\) \[run /); // the killed worker's site, taken over after its lease

    const status = JSON.parse((await cli(['run-status', runId, '--queue', url, '--json'])).stdout) as RunStatus;
    expect(status).toMatchObject({ sites: 3, completed: 3, failed: 0, finished: true });
    expect(await bundlesWithManifest(runDir)).toHaveLength(3);
    const summary = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8')) as RunSummary;
    expect(summary.sites.map((s) => s.status)).toEqual(['ok', 'ok', 'ok']);
    const store = await openStore(url, { mustExist: true });
    try {
      expect((await store.runScans(runId)).map((s) => s.site).sort()).toEqual(sites.map((u) => new URL(u).origin).sort());
    } finally {
      await store.close();
    }
  });

  it('SIGTERM: the worker finishes the site under way, takes no other, and exits 0', async () => {
    const url = await pg.createDatabase('fleet_term');
    const out = await tempOut();
    const enq = await cli(['enqueue', server.sites.pageview, server.sites.clean, '--queue', url, '--site-timeout', '60', ...scanFlags]);
    const runId = enq.stdout.trim();
    const worker = startWorker(['--queue', url, '--no-store', '--out', out, '--poll-interval', '0.5']);
    let started: string | undefined;
    for (let i = 0; i < 600 && !started; i++) {
      await sleep(100);
      started = (await readdir(join(out, runId, 'sites')).catch(() => []))[0];
    }
    expect(started).toBeDefined();
    process.kill(worker.child.pid!, 'SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.stderr()).toContain('SIGTERM: finishing the site(s) under way, taking no new one');
    expect(doneSites(worker.stderr())).toHaveLength(1);
    expect(await bundlesWithManifest(join(out, runId))).toEqual([started]);
    const status = await cli(['run-status', runId, '--queue', url, '--json']);
    expect(status.code).toBe(4);
    expect(JSON.parse(status.stdout)).toMatchObject({ completed: 1, queued: 1, active: 0, finished: false });
  });
});
