import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/report/run-summary.js';
import { startFixtureServer, tempOut, type FixtureServer } from '../helpers/fixture-scan.js';

const BIN = fileURLToPath(new URL('../../bin/pixel-audit.js', import.meta.url));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 170_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

interface Posted { text: string; runId: string; sites: Array<{ site: string; newFindings: Array<{ fingerprint: string; tracker: string }> }> }

describe('two nightly scans with --store and --webhook (the bin command)', () => {
  let server: FixtureServer;
  let hook: http.Server;
  const posted: Posted[] = [];
  let out: string;
  let store: string;
  const nights: Array<{ code: number; summary: RunSummary }> = [];
  const message = (): Posted => posted[0]!;

  beforeAll(async () => {
    server = await startFixtureServer();
    hook = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
        posted.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Posted);
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const webhook = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/services/T0/B0/SECRET-TOKEN`;
    out = await tempOut();
    store = join(out, 'history.db');
    for (const seed of ['night-1', 'night-2']) {
      const result = await cli(['scan', server.sites.demo, '--host-resolver-rules', server.hostResolverRules, '--ignore-https-errors',
        '--max-pages', '2', '--out', out, '--store', store, '--webhook', webhook, '--seed', seed, '--json']);
      nights.push({ code: result.code, summary: JSON.parse(result.stdout) as RunSummary });
    }
  });
  afterAll(async () => {
    await server?.close();
    await new Promise<void>((resolve) => (hook ? hook.close(() => resolve()) : resolve()));
  });

  it('posts the new findings of the first night, Slack-compatible, and nothing the second night', () => {
    expect(nights.map((n) => n.code)).toEqual([1, 1]);
    expect(posted).toHaveLength(1);
    expect(message().runId).toBe(nights[0]!.summary.runId);
    expect(message().text).toMatch(/^pixel-audit: \d+ new finding\(s\) on 1 site\(s\)/);
    expect(message().text).toContain('https://www.tryggbo-forsakring.test');
    expect(message().sites[0]!.newFindings.some((f) => f.tracker === 'meta-pixel')).toBe(true);
  });

  it('never writes the webhook URL into the run folder', async () => {
    const runDir = nights[0]!.summary.runDir;
    const bundle = join(runDir, 'sites', 'www.tryggbo-forsakring.test');
    const manifest = JSON.parse(await readFile(join(bundle, 'manifest.json'), 'utf8')) as { options: Record<string, unknown> };
    expect(manifest.options.webhook).toBe('[redacted]');
    for (const name of ['run.json', ...(await readdir(bundle)).map((f) => join('sites', 'www.tryggbo-forsakring.test', f))]) {
      if (name.endsWith('screenshots')) continue;
      expect(await readFile(join(runDir, name), 'utf8')).not.toContain('SECRET-TOKEN');
    }
  });

  it('diff: every finding of the second night unchanged, none new or resolved', async () => {
    const [a, b] = nights.map((n) => n.summary.runId);
    const diff = await cli(['diff', a!, b!, '--store', store, '--json']);
    expect(diff.code).toBe(0);
    const json = JSON.parse(diff.stdout) as Record<'new' | 'resolved' | 'unchanged', Array<{ fingerprint: string }>>;
    expect(json.new).toEqual([]);
    expect(json.resolved).toEqual([]);
    expect(json.unchanged.map((f) => f.fingerprint).sort()).toEqual(message().sites[0]!.newFindings.map((f) => f.fingerprint).sort());
    const text = await cli(['diff', nights[0]!.summary.runDir, b!, '--store', store]);
    expect(text.stdout).toMatch(/^new \(0\)$/m);
    expect(text.stdout).toMatch(/^unchanged \(\d+\)$/m);
  });

  it('history: first seen the first night, last seen the second, not resolved; a user error for an unknown site', async () => {
    const history = await cli(['history', 'www.tryggbo-forsakring.test', '--store', store]);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/2 scan\(s\)/);
    expect(history.stdout).toContain(`first seen   ${nights[0]!.summary.startedAt.slice(0, 10)}`);
    expect(history.stdout).toContain(`(run ${nights[1]!.summary.runId}; seen in 2 scan(s))`);
    expect(history.stdout).toMatch(/resolved {5}no/);
    const unknown = await cli(['history', 'www.nowhere.test', '--store', store]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no scan of https:\/\/www\.nowhere\.test/);
  });
});
