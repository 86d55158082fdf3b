import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/report/run-summary.js';
import { startFixtureServer, tempOut, type FixtureServer } from '../helpers/fixture-scan.js';

const BIN = fileURLToPath(new URL('../../bin/pixel-audit.js', import.meta.url));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 170_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** Run folder's bundles that have a manifest (written last, so the site is complete). */
async function completeBundles(out: string): Promise<string[]> {
  const runs = await readdir(out).catch(() => []);
  const found: string[] = [];
  for (const run of runs) {
    for (const slug of await readdir(join(out, run, 'sites')).catch(() => [])) {
      if (existsSync(join(out, run, 'sites', slug, 'manifest.json'))) found.push(join(out, run, 'sites', slug));
    }
  }
  return found;
}

describe('scan killed with SIGKILL after its first site, then --resume (the bin command)', () => {
  let server: FixtureServer;
  let hook: http.Server;
  let out: string;
  let runDir: string;
  let firstBundle: string;
  let firstManifest: string;
  let resumed: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    server = await startFixtureServer();
    // A webhook that always fails: the resumed run must keep its exit code all the same.
    hook = http.createServer((req, res) => req.resume().on('end', () => res.writeHead(500).end()));
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const webhook = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks/SECRET-TOKEN`;
    out = await tempOut();
    const common = ['--host-resolver-rules', server.hostResolverRules, '--ignore-https-errors', '--max-pages', '2',
      '--page-timeout', '15', '--concurrency', '1', '--store', join(out, 'history.db')];
    const sites = [server.sites.demo, server.sites.pageview, server.sites.clean];
    // detached: its own process group, so the kill takes Chromium down with it, as a reboot would.
    const child = spawn(process.execPath, [BIN, 'scan', ...sites, '--out', out, '--seed', 'resume', ...common], { detached: true, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    while (!(await completeBundles(out)).length) await sleep(100);
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
    firstBundle = (await completeBundles(out))[0]!;
    runDir = join(firstBundle, '..', '..');
    firstManifest = await readFile(join(firstBundle, 'manifest.json'), 'utf8');
    resumed = await cli(['scan', '--resume', runDir, '--out', out, '--webhook', webhook, ...common]);
  });
  afterAll(async () => {
    await server?.close();
    await new Promise<void>((resolve) => (hook ? hook.close(() => resolve()) : resolve()));
  });

  it('had planned every target in run.json before the kill', async () => {
    const summary = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8')) as RunSummary;
    expect(summary.targets!.map((t) => t.input)).toEqual([server.sites.demo, server.sites.pageview, server.sites.clean]);
  });

  it('ends with one run.json listing every site exactly once, each with a complete bundle', async () => {
    const summary = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8')) as RunSummary;
    expect(summary.sites.map((s) => s.input)).toEqual([server.sites.demo, server.sites.pageview, server.sites.clean]);
    expect(summary.sites.every((s) => s.status === 'ok')).toBe(true);
    expect(summary.resumedAt).toHaveLength(1);
    expect(summary.endedAt).toBeDefined();
    expect((await completeBundles(out)).length).toBe(3);
    const verified = await cli(['verify', runDir]);
    expect(verified.code).toBe(0);
  });

  it('did not redo the site finished before the kill', async () => {
    expect(await readFile(join(firstBundle, 'manifest.json'), 'utf8')).toBe(firstManifest);
    expect(resumed.stderr).toMatch(/resuming: [12] of 3 site\(s\) already done/);
  });

  it('keeps exit code 1 (findings) although the webhook failed, and says so in one line without the URL', () => {
    expect(resumed.code).toBe(1);
    const lines = resumed.stderr.split('\n').filter((l) => /webhook/.test(l));
    expect(lines).toEqual([expect.stringMatching(/^pixel-audit: webhook failed after 3 tries \(HTTP 500\)/)]);
    expect(resumed.stderr).not.toContain('SECRET-TOKEN');
  });

  it('recorded every site of the run in the store once', async () => {
    const history = await cli(['history', server.sites.demo, '--store', join(out, 'history.db'), '--json']);
    expect(history.code).toBe(0);
    const json = JSON.parse(history.stdout) as { scans: Array<{ runId: string; status: string }>; fingerprints: Array<{ resolved: boolean }> };
    expect(json.scans).toHaveLength(1);
    expect(json.scans[0]!.status).toBe('ok');
    expect(json.fingerprints.length).toBeGreaterThan(0);
    expect(json.fingerprints.every((f) => !f.resolved)).toBe(true);
  });
});
