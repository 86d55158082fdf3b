import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEVER_PATH } from '../../src/demo/fixture-server.js';
import type { RunSummary, SiteReport } from '../../src/report/run-summary.js';
import { BROWSER_CRASHED } from '../../src/run/site-task.js';
import { scanFixtures, startFixtureServer, type FixtureServer } from '../helpers/fixture-scan.js';

/** Pids of this process's direct children that are Chromium (Playwright starts it as one). */
function chromiumChildren(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [, comm, rest] = /^\d+ \((.*)\) (.*)$/s.exec(stat) ?? [];
      const ppid = Number(rest?.split(' ')[1]);
      if (ppid === process.pid && /chrom/i.test(comm ?? '')) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('a browser crash mid-site (real Chromium, killed with SIGKILL)', () => {
  let server: FixtureServer;
  let result: { summary: RunSummary; reports: SiteReport[] };
  let killed: number[] = [];

  beforeAll(async () => {
    server = await startFixtureServer();
    // The first site's start page never answers, so the browser is surely mid-site when it dies.
    const hanging = `https://${server.siteHosts.clean}${NEVER_PATH}`;
    const scan = scanFixtures(server, [hanging, server.sites.clean], { concurrency: 1, pageTimeout: 60 });
    while (!server.received.some((r) => r.path === NEVER_PATH)) await sleep(100);
    killed = chromiumChildren();
    for (const pid of killed) process.kill(pid, 'SIGKILL');
    result = await scan;
  });
  afterAll(() => server?.close());

  it('records the site being scanned as failed with a one-line reason', () => {
    expect(killed.length).toBe(1);
    const first = result.summary.sites[0]!;
    expect(first).toMatchObject({ status: 'failed', error: BROWSER_CRASHED });
    expect(first.error).not.toContain('\n');
  });

  it('gives the next site a new browser, which scans it completely', () => {
    const second = result.summary.sites[1]!;
    expect(second.site).toBe(new URL(server.sites.clean).origin);
    expect(second.status).toBe('ok');
    expect(second.pages).toBeGreaterThan(0);
    expect(result.summary.sites).toHaveLength(2);
  });
});
