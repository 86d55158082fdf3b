import { cp, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { UsageError } from '../../src/config/errors.js';
import { shardOf } from '../../src/config/shard.js';
import type { RunSummary, SiteReport } from '../../src/report/run-summary.js';
import { mergeRuns, type MergedRun } from '../../src/run/merge-runs.js';
import { mergeStores } from '../../src/run/merge-stores.js';
import { openStore } from '../../src/store/open-store.js';
import { scanFixtures, startFixtureServer, tempOut, type FixtureServer } from '../helpers/fixture-scan.js';

type Scan = { summary: RunSummary; reports: SiteReport[] };

/** Per site (bundle folder): status and the sorted set of finding fingerprints. */
function outcomes(reports: readonly SiteReport[]): Record<string, { status: string; fingerprints: string[] }> {
  return Object.fromEntries(reports.map((r) => [r.summary.bundle ?? r.summary.input, {
    status: r.summary.status, fingerprints: [...new Set(r.findings.map((f) => f.fingerprint))].sort(),
  }]));
}

/** Per site of a store: every scan's status and fingerprints (history as `history <site>` reads it). */
async function storeHistory(path: string): Promise<Record<string, string[]>> {
  const store = await openStore(path, { mustExist: true });
  try {
    const result: Record<string, string[]> = {};
    for (const site of await store.sites()) {
      result[site] = (await store.siteScans(site)).map((s) => `${s.status}:${s.fingerprints.map((f) => f.fingerprint).sort().join(',')}`);
    }
    return result;
  } finally {
    await store.close();
  }
}

describe('scan --shard i/n and merge reproduce the unsharded run (real Chromium)', () => {
  let server: FixtureServer;
  let work: string;
  let urls: string[];
  let whole: Scan;
  const shards: Record<number, Scan[]> = {};
  const merged: Record<number, MergedRun> = {};

  beforeAll(async () => {
    server = await startFixtureServer();
    work = await mkdtemp(join(tmpdir(), 'pixel-audit-shard-'));
    const s = server.sites;
    // Five sites (leaky, clean, AAM-only) and a malformed target, which must be reported by exactly one shard.
    urls = [s.demo, s.manual, s.aam, s.pageview, s.clean, 'not a url'];
    const scan = (store: string, shard?: string) => scanFixtures(server, urls, { maxPages: 2, depth: 1, store: join(work, store), ...(shard ? { shard } : {}) });
    whole = await scan('whole.db');
    for (const n of [2, 3]) {
      shards[n] = [];
      for (let i = 0; i < n; i += 1) shards[n].push(await scan(`s${n}-${i}.db`, `${i}/${n}`));
      merged[n] = await mergeRuns({ runs: shards[n].map((r) => r.summary.runDir), out: join(work, `merged-${n}`) });
      await mergeStores(shards[n].map((_, i) => join(work, `s${n}-${i}.db`)), join(work, `merged-${n}.db`), merged[n]);
    }
  }, 900_000);
  afterAll(async () => {
    await server?.close();
  });

  it('records the shard in run.json and the manifests, and every shard has part of the list', async () => {
    for (const n of [2, 3]) {
      for (const [i, run] of shards[n]!.entries()) {
        expect(run.summary.shard).toEqual({ index: i, count: n, totalTargets: urls.length });
        expect(run.summary.sites.length).toBeGreaterThan(0);
        const bundle = run.reports.find((r) => r.bundleDir && r.summary.status !== 'failed')?.bundleDir;
        if (bundle) expect(JSON.parse(await readFile(join(bundle, 'manifest.json'), 'utf8')).options.shard).toEqual({ index: i, count: n });
      }
    }
  });

  it('covers each target exactly once, with the unsharded findings and exit code', () => {
    for (const n of [2, 3]) {
      const inputs = shards[n]!.flatMap((r) => r.summary.sites.map((s) => s.input)).sort();
      expect(inputs).toEqual([...urls].sort());
      const { summary, reports } = merged[n]!;
      // Sites in the order of the folders given, each in its plan order: the same set as the unsharded run.
      expect(summary.sites.map((s) => s.input).sort()).toEqual(whole.summary.sites.map((s) => s.input).sort());
      expect(summary.targets?.map((t) => t.input).sort()).toEqual([...urls].sort());
      expect(outcomes(reports)).toEqual(outcomes(whole.reports));
      expect(summary.exitCode).toBe(whole.summary.exitCode);
      expect(summary.mergedFrom?.map((m) => m.shard)).toEqual(Array.from({ length: n }, (_, i) => `${i}/${n}`));
    }
    // The fixtures leak, so this is the "findings" exit: the worst of the shards' codes.
    expect(whole.summary.exitCode).toBe(1);
    expect(Object.values(outcomes(whole.reports)).some((o) => o.fingerprints.length > 0)).toBe(true);
  });

  it('merges the history stores into the same history as the unsharded store', async () => {
    const expected = await storeHistory(join(work, 'whole.db'));
    expect(Object.keys(expected)).toHaveLength(urls.length);
    for (const n of [2, 3]) expect(await storeHistory(join(work, `merged-${n}.db`))).toEqual(expected);
    const store = await openStore(join(work, 'merged-3.db'), { mustExist: true });
    const runs = await store.runs();
    await store.close();
    expect(runs.map((r) => [r.runId, r.exitCode])).toEqual([[merged[3]!.summary.runId, whole.summary.exitCode]]);
  });

  it('writes a verifiable run folder with index.html and junit.xml', async () => {
    const dir = merged[3]!.summary.runDir;
    const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
    for (const s of merged[3]!.summary.sites.filter((x) => x.site)) expect(junit).toContain(new URL(s.site!).hostname);
    expect(await readFile(join(dir, 'index.html'), 'utf8')).toContain('<html');
    expect(await main(['node', 'pixel-audit', 'verify', dir])).toBe(0);
  });

  it('notes the same site twice with one result, refuses different results unless told, and keeps the newer', async () => {
    const notes: string[] = [];
    // The unsharded run and shard 0/2 overlap, with the same outcome: a note, not a refusal.
    const both = await mergeRuns({ runs: [whole.summary.runDir, shards[2]![0]!.summary.runDir], out: await tempOut(), onWarning: (l) => notes.push(l) });
    expect(both.summary.sites).toHaveLength(urls.length);
    expect(notes.some((l) => /with the same result/.test(l))).toBe(true);
    // A copy of shard 1/2 whose demo site "lost" its findings: same site, different result.
    const tampered = join(await tempOut(), 'tampered');
    await cp(shards[2]![1]!.summary.runDir, tampered, { recursive: true });
    const runJson = JSON.parse(await readFile(join(tampered, 'run.json'), 'utf8')) as RunSummary;
    const demo = runJson.sites.find((s) => s.site === new URL(server.sites.demo).origin)!;
    const findingsFile = join(tampered, demo.bundle!, 'findings.json');
    await writeFile(findingsFile, JSON.stringify({ ...JSON.parse(await readFile(findingsFile, 'utf8')), findings: [] }));
    demo.endedAt = new Date().toISOString();
    await writeFile(join(tampered, 'run.json'), JSON.stringify({ ...runJson, runId: `${runJson.runId}-copy` }));
    const runs = [shards[2]![1]!.summary.runDir, tampered];
    const refused = mergeRuns({ runs, out: await tempOut() });
    await expect(refused).rejects.toBeInstanceOf(UsageError);
    await expect(refused).rejects.toThrow(/with different results/);
    const kept = await mergeRuns({ runs, out: await tempOut(), allowOverlap: true });
    const keptDemo = kept.reports.find((r) => r.summary.site === demo.site)!;
    expect(keptDemo.findings).toEqual([]);
  });

  it('the merge command: one-line errors for bad input, the exit code of the merged run', async () => {
    const out = await tempOut();
    expect(await main(['node', 'pixel-audit', 'merge', join(out, 'nowhere'), '--out', out])).toBe(2);
    expect(await main(['node', 'pixel-audit', 'merge', shards[2]![0]!.summary.runDir, '--out', out, '--store', join(out, 'x.db')])).toBe(2);
    expect(await main(['node', 'pixel-audit', 'scan', server.sites.demo, '--shard', '2/2', '--no-store', '--out', out])).toBe(2);
    // --move on copies of the shard folders: the bundles move, the emptied shard folders go.
    const copies = await Promise.all(shards[2]!.map(async (r, i) => {
      const copy = join(out, `copy-${i}`, r.summary.runId);
      await cp(r.summary.runDir, copy, { recursive: true });
      return copy;
    }));
    const code = await main(['node', 'pixel-audit', 'merge', ...copies, '--out', join(out, 'merged'), '--json', '--move',
      '--store-from', join(work, 's2-0.db'), '--store-from', join(work, 's2-1.db'), '--store', join(out, 'm.db')]);
    expect(code).toBe(whole.summary.exitCode);
    expect(await storeHistory(join(out, 'm.db'))).toEqual(await storeHistory(join(work, 'whole.db')));
    for (const copy of copies) await expect(stat(copy)).rejects.toThrow();
    const [mergedId] = await readdir(join(out, 'merged'));
    expect(await main(['node', 'pixel-audit', 'verify', join(out, 'merged', mergedId!)])).toBe(0);
    // A shard that got no site (short lists) is a run like any other, and merges.
    expect(shardOf(server.sites.demo!, 2)).toBe(1);
    expect(await main(['node', 'pixel-audit', 'scan', server.sites.demo!, '--shard', '0/2', '--no-store', '--out', join(out, 'empty')])).toBe(0);
    const [emptyId] = await readdir(join(out, 'empty'));
    const withEmpty = await mergeRuns({ runs: [join(out, 'empty', emptyId!), shards[2]![1]!.summary.runDir], out: join(out, 'with-empty') });
    expect(withEmpty.summary.sites.map((x) => x.input)).toEqual(shards[2]![1]!.summary.sites.map((x) => x.input));
  });
});
