import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary, SiteReport } from '../../src/report/run-summary.js';
import { diffRuns, newSincePrevious, type RunDiff } from '../../src/store/diff.js';
import { openStore } from '../../src/store/open-store.js';
import { incidentPeriods } from '../../src/store/periods.js';
import type { Store } from '../../src/store/types.js';
import { scanFixtures, startFixtureServer, type FixtureServer } from '../helpers/fixture-scan.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures', import.meta.url));

/**
 * The same fixtures, except that the demo insurer's host serves the PageView-only site: the
 * insurer "fixed" its pixel. Same origin, so the store sees one site whose leak starts and stops.
 */
async function fixedFixtures(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pixel-audit-fixed-'));
  await cp(FIXTURES, dir, { recursive: true });
  await rm(join(dir, 'sites', 'demo'), { recursive: true });
  await cp(join(FIXTURES, 'sites', 'pageview'), join(dir, 'sites', 'demo'), { recursive: true });
  return dir;
}

const fingerprintsOf = (report: SiteReport): string[] => [...new Set(report.findings.map((f) => f.fingerprint))].sort();
const assess = (diff: RunDiff | { missing: string }): RunDiff => {
  if ('missing' in diff) throw new Error(`run ${diff.missing} missing`);
  return diff;
};

describe('history of a site over three nightly scans into one store (real Chromium)', () => {
  let fixed: FixtureServer;
  let leaking: FixtureServer;
  let store: Store;
  const runs: Array<{ summary: RunSummary; reports: SiteReport[] }> = [];
  let demo: string;

  beforeAll(async () => {
    fixed = await startFixtureServer({ fixturesDir: await fixedFixtures() });
    leaking = await startFixtureServer();
    const storePath = join(await mkdtemp(join(tmpdir(), 'pixel-audit-history-')), 'history.db');
    demo = new URL(leaking.sites.demo).origin;
    // Night 1: no leak (and a clean site, recorded too); night 2: the leak; night 3: fixed again.
    runs.push(await scanFixtures(fixed, [fixed.sites.demo, fixed.sites.clean], { store: storePath, maxPages: 3 }));
    runs.push(await scanFixtures(leaking, [leaking.sites.demo], { store: storePath, maxPages: 3 }));
    runs.push(await scanFixtures(fixed, [fixed.sites.demo], { store: storePath, maxPages: 3 }));
    store = await openStore(storePath, { mustExist: true });
  });
  afterAll(async () => {
    await store?.close();
    await fixed?.close();
    await leaking?.close();
  });

  const demoReport = (night: number): SiteReport => runs[night]!.reports.find((r) => r.summary.site === demo)!;

  it('records every site of every run as it ended, clean ones included', async () => {
    expect(demoReport(0).summary.status).toBe('ok');
    expect(demoReport(0).findings).toEqual([]);
    expect(fingerprintsOf(demoReport(1)).length).toBeGreaterThan(3);
    const scans = await store.siteScans(demo);
    expect(scans.map((s) => [s.runId, s.status])).toEqual(runs.map((r) => [r.summary.runId, 'ok']));
    expect(scans.map((s) => s.fingerprints.length)).toEqual([0, fingerprintsOf(demoReport(1)).length, 0]);
    const clean = await store.siteScans(new URL(fixed.sites.clean).origin);
    expect(clean).toMatchObject([{ runId: runs[0]!.summary.runId, status: 'ok', findingCount: 0, fingerprints: [] }]);
    for (const { summary } of runs) expect(await store.run(summary.runId)).toMatchObject({ endedAt: summary.endedAt, exitCode: summary.exitCode });
  });

  it('bounds each leak: clean scan before, first and last seen in the leaking scan, resolved by the next', async () => {
    const periods = await incidentPeriods(store, demo);
    const leak = demoReport(1);
    expect([...periods.keys()].sort()).toEqual(fingerprintsOf(leak));
    for (const [fingerprint, p] of periods) {
      const times = leak.findings.filter((f) => f.fingerprint === fingerprint).map((f) => f.firstSeenAt).sort();
      expect(p.firstSeenAt).toBe(times[0]);
      expect(p.lastSeenAt).toBe(times.at(-1));
      expect(p.lastCleanBeforeAt).toBe(demoReport(0).summary.startedAt);
      expect(p.resolvedAt).toBe(demoReport(2).summary.endedAt);
      expect(p.periods).toHaveLength(1);
      expect(p.lastCleanBeforeAt! < p.firstSeenAt && p.lastSeenAt < p.resolvedAt!).toBe(true);
    }
  });

  it('diffs the runs: all new on the leaking night, all resolved on the next', async () => {
    const [n1, n2, n3] = runs.map((r) => r.summary.runId) as [string, string, string];
    const d12 = assess(await diffRuns(store, n1, n2));
    expect(d12.new.map((f) => f.fingerprint).sort()).toEqual(fingerprintsOf(demoReport(1)));
    expect([d12.resolved, d12.unchanged, d12.notAssessed]).toEqual([[], [], []]);
    const d23 = assess(await diffRuns(store, n2, n3));
    expect(d23.resolved.map((f) => f.fingerprint).sort()).toEqual(fingerprintsOf(demoReport(1)));
    expect([d23.new, d23.unchanged, d23.notAssessed]).toEqual([[], [], []]);
    expect((await newSincePrevious(store, n2)).length).toBe(fingerprintsOf(demoReport(1)).length);
    expect(await newSincePrevious(store, n3)).toEqual([]);
  });
  it("dates the leak in the leaking night's notification draft from history, tonight's scan included", async () => {
    const notification = JSON.parse(await readFile(join(demoReport(1).bundleDir!, 'notification.json'), 'utf8'));
    const period = notification.timing.period;
    expect(period.source).toBe('history');
    // The previous night's clean scan bounds the start: the leak began between the two scans.
    expect(period.value.lastCleanBeforeAt).toBe(demoReport(0).summary.startedAt);
    expect(period.value.firstSeenAt).toBe(demoReport(1).findings.map((f) => f.firstSeenAt).sort()[0]);
    expect(period.phase).toBe('final');
  });
});
