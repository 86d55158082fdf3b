import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEVER_PATH, TLS_BROKEN_HOST, UNREACHABLE_HOST } from '../../src/demo/fixture-server.js';
import type { RunSummary, SiteReport } from '../../src/report/run-summary.js';
import { scanFixtures, startFixtureServer, type FixtureServer } from '../helpers/fixture-scan.js';

describe('bad targets fail alone, with one line each (real Chromium)', () => {
  let server: FixtureServer;
  let summary: RunSummary;
  let reports: SiteReport[];
  const bySite = (input: string) => summary.sites.find((s) => s.input === input)!;

  beforeAll(async () => {
    server = await startFixtureServer();
    const neverUrl = new URL(NEVER_PATH, server.sites.pageview).toString();
    ({ summary, reports } = await scanFixtures(server, [
      'http://exa mple.se/',
      `https://${UNREACHABLE_HOST}/`,
      `https://${TLS_BROKEN_HOST}/`,
      neverUrl,
      server.sites.clean,
    ], { pageTimeout: 3, maxPages: 2 }));
  });
  afterAll(() => server?.close());

  it('says what failed and why, in one line per site', () => {
    expect(bySite('http://exa mple.se/')).toMatchObject({ status: 'failed' });
    expect(bySite('http://exa mple.se/').error).toMatch(/not a valid (URL|host)/);
    expect(bySite(`https://${UNREACHABLE_HOST}/`).error).toMatch(/connection refused.*ERR_CONNECTION_REFUSED/);
    expect(bySite(`https://${TLS_BROKEN_HOST}/`).error).toMatch(/^TLS error.*ERR_SSL_PROTOCOL_ERROR/);
    expect(bySite(new URL(NEVER_PATH, server.sites.pageview).toString()).error).toBe('the page did not finish loading within 3 s');
    for (const site of summary.sites) expect(site.error ?? '').not.toContain('\n');
  });

  it('still scans the good site and keeps its bundle intact', () => {
    const clean = reports.find((r) => r.summary.input === server.sites.clean)!;
    expect(clean.summary.status).toBe('ok');
    for (const file of ['evidence.json', 'findings.json', 'manifest.json', 'requests.har']) {
      expect(existsSync(join(clean.bundleDir!, file))).toBe(true);
    }
  });

  it('keeps the evidence of failed sites too, and exits 3 (no finding, some site failed)', () => {
    const unreachable = reports.find((r) => r.summary.input === `https://${UNREACHABLE_HOST}/`)!;
    expect(existsSync(join(unreachable.bundleDir!, 'evidence.json'))).toBe(true);
    expect(summary.exitCode).toBe(3);
    expect(summary.sites).toHaveLength(5);
  });
});
