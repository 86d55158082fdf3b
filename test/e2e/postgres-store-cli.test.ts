import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/report/run-summary.js';
import { copyStore } from '../../src/store/copy-store.js';
import { openStore } from '../../src/store/open-store.js';
import { startFixtureServer, tempOut, type FixtureServer } from '../helpers/fixture-scan.js';
import { postgresAvailable, startPostgres, type TestPostgres } from '../helpers/postgres.js';

const BIN = fileURLToPath(new URL('../../bin/pixel-audit.js', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../fixtures', import.meta.url));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 170_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** The fixtures with the demo insurer's host serving the PageView-only site: the night before the leak. */
async function cleanFixtures(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pixel-audit-clean-'));
  await cp(FIXTURES, dir, { recursive: true });
  await rm(join(dir, 'sites', 'demo'), { recursive: true });
  await cp(join(FIXTURES, 'sites', 'pageview'), join(dir, 'sites', 'demo'), { recursive: true });
  return dir;
}

describe.skipIf(!postgresAvailable())('scan, history and diff with --store postgres:// (the bin command)', () => {
  let pg: TestPostgres;
  let clean: FixtureServer;
  let leaking: FixtureServer;
  /** With a password the server ignores (trust): it must show up nowhere. */
  let storeUrl: string;
  let sqlitePath: string;
  const nights: Array<{ code: number; stderr: string; summary: RunSummary }> = [];

  beforeAll(async () => {
    pg = await startPostgres();
    storeUrl = (await pg.createDatabase('history')).replace('postgres@', 'postgres:hunter2@');
    clean = await startFixtureServer({ fixturesDir: await cleanFixtures() });
    leaking = await startFixtureServer();
    const out = await tempOut();
    for (const [server, seed] of [[clean, 'night-1'], [leaking, 'night-2']] as const) {
      const result = await cli(['scan', server.sites.demo, '--host-resolver-rules', server.hostResolverRules, '--ignore-https-errors',
        '--max-pages', '2', '--out', out, '--store', storeUrl, '--seed', seed, '--json']);
      nights.push({ code: result.code, stderr: result.stderr, summary: JSON.parse(result.stdout) as RunSummary });
    }
    // The same runs in an SQLite store, to hold the two drivers' answers side by side.
    sqlitePath = join(out, 'history.db');
    const [from, to] = [await openStore(storeUrl, { mustExist: true }), await openStore(sqlitePath)];
    await copyStore(from, to);
    await Promise.all([from.close(), to.close()]);
  }, 400_000);
  afterAll(async () => {
    await clean?.close();
    await leaking?.close();
    await pg?.stop();
  });

  const demo = (): string => new URL(leaking.sites.demo).origin;
  /** The store's name is the only line allowed to differ between the drivers. */
  const sameBut = (text: string, location: string): string => text.split(location).join('<store>');

  it('scans into PostgreSQL: exit codes as always, no store warning, and no password in any manifest', async () => {
    expect(nights.map((n) => n.code)).toEqual([0, 1]);
    for (const n of nights) expect(n.stderr).not.toMatch(/store .*cannot/);
    const manifest = await readFile(join(nights[1]!.summary.runDir!, nights[1]!.summary.sites[0]!.bundle!, 'manifest.json'), 'utf8');
    expect(manifest).toContain(storeUrl.replace('hunter2', '***'));
    expect(manifest).not.toContain('hunter2');
  });

  it("dates the leak in the second night's notification draft from the PostgreSQL history", async () => {
    const [first, second] = nights.map((n) => n.summary.sites[0]!) as [RunSummary['sites'][number], RunSummary['sites'][number]];
    const notification = JSON.parse(await readFile(join(nights[1]!.summary.runDir!, second.bundle!, 'notification.json'), 'utf8'));
    expect(notification.timing.period).toMatchObject({ source: 'history', phase: 'final' });
    expect(notification.timing.period.value.lastCleanBeforeAt).toBe(first.startedAt);
  });

  it('history: the leak bounded by the clean night before it, printed as SQLite prints it', async () => {
    const fromPg = await cli(['history', demo(), '--store', storeUrl]);
    const fromSqlite = await cli(['history', demo(), '--store', sqlitePath]);
    expect([fromPg.code, fromPg.stderr, fromSqlite.code, fromSqlite.stderr]).toEqual([0, '', 0, '']);
    expect(fromPg.stdout).not.toContain('hunter2');
    expect(fromPg.stdout).toContain(nights[0]!.summary.runId);
    expect(sameBut(fromPg.stdout, storeUrl.replace('hunter2', '***'))).toBe(sameBut(fromSqlite.stdout, sqlitePath));
    const json = JSON.parse((await cli(['history', demo(), '--store', storeUrl, '--json'])).stdout) as {
      fingerprints: Array<{ lastCleanBeforeRunId?: string; firstRunId: string; resolved: boolean }>;
    };
    expect(json.fingerprints.length).toBeGreaterThan(3);
    for (const f of json.fingerprints) {
      expect(f).toMatchObject({ lastCleanBeforeRunId: nights[0]!.summary.runId, firstRunId: nights[1]!.summary.runId, resolved: false });
    }
  });

  it('diff: every leak new on the second night, the same from both drivers', async () => {
    const [a, b] = nights.map((n) => n.summary.runId) as [string, string];
    const fromPg = await cli(['diff', a, b, '--store', storeUrl, '--json']);
    const fromSqlite = await cli(['diff', a, b, '--store', sqlitePath, '--json']);
    expect([fromPg.code, fromPg.stderr, fromSqlite.code, fromSqlite.stderr]).toEqual([0, '', 0, '']);
    expect(fromPg.stdout).toBe(fromSqlite.stdout);
    const diff = JSON.parse(fromPg.stdout) as { new: unknown[]; resolved: unknown[] };
    expect(diff.new.length).toBeGreaterThan(3);
    expect(diff.resolved).toEqual([]);
    const [textPg, textSqlite] = [await cli(['diff', a, b, '--store', storeUrl]), await cli(['diff', a, b, '--store', sqlitePath])];
    expect([textPg.code, textPg.stderr, textSqlite.code, textSqlite.stderr]).toEqual([0, '', 0, '']);
    expect(textPg.stdout).toBe(textSqlite.stdout);
  });

  it('read commands on a database without a store, or a server that is down: one line, exit 2', async () => {
    const empty = await pg.createDatabase('empty');
    const none = await cli(['history', demo(), '--store', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no pixel-audit store at 127\.0\.0\.1:\d+/);
    expect(none.stderr).not.toMatch(/\n\s+at /);
    const down = await cli(['diff', 'a', 'b', '--store', 'postgres://u:hunter2@127.0.0.1:1/x']);
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/cannot use the PostgreSQL store at 127\.0\.0\.1:1 \(connection refused/);
    expect(down.stderr).not.toMatch(/hunter2|\n\s+at /);
  });
});
