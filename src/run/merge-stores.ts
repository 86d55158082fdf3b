import { UsageError } from '../config/errors.js';
import { openStore } from '../store/open-store.js';
import { recordSiteReport } from '../store/record.js';
import type { SiteScan, Store } from '../store/types.js';
import type { MergedRun } from './merge-runs.js';

/**
 * Joins the shards' history stores into one: the site scans each shard run recorded (outcome,
 * fingerprints, times: exactly what the shard wrote) are recorded again under the merged run's id,
 * so `history` and `diff` see one run over all sites, as after an unsharded scan. Only the runs
 * being merged are taken, never a shard store's older runs: a shard store may be a scratch copy
 * seeded from the merged store (so that the shard's notification sees the site's history), and
 * copying those again would count old scans twice. Written over the `Store` interface only, so
 * the target may be any driver `--store` opens.
 */
export async function mergeStores(
  from: readonly string[], to: string, merged: MergedRun, warn: (line: string) => void = () => undefined,
): Promise<{ scans: number }> {
  const { summary } = merged;
  const shardRunIds = merged.inputs.map((r) => r.summary.runId);
  const sources: Store[] = [];
  const target = await openStore(to);
  try {
    for (const location of from) sources.push(await openStore(location, { mustExist: true }));
    // Read everything first: a shard run missing from every store is refused before a row is written.
    const scans: SiteScan[] = [];
    for (const runId of shardRunIds) {
      const found: SiteScan[] = [];
      for (const source of sources) found.push(...(await source.runScans(runId)));
      if (!found.length && !(await Promise.all(sources.map((s) => s.run(runId)))).some(Boolean)) {
        throw new UsageError(`merge: run ${runId} is in none of the --store-from stores (${from.join(', ')})`,
          'give the store each shard scanned into (scan --store), or leave --store-from out');
      }
      scans.push(...found);
    }
    // Only the sites the merged run kept (with --allow-overlap, the newer scan of a site).
    const keyOf = (s: { site?: string; input: string; startedAt: string }): string => `${s.site ?? s.input}|${s.startedAt}`;
    const kept = new Set(summary.sites.map(keyOf));
    const chosen = scans.filter((s) => kept.has(keyOf(s)));
    await target.beginRun({ runId: summary.runId, startedAt: summary.startedAt, runDir: summary.runDir, toolVersion: summary.tool.version });
    for (const { fingerprints, ...scan } of chosen) await target.recordSiteScan({ ...scan, runId: summary.runId }, fingerprints);
    // A site whose store record a shard could not write (the store is never allowed to fail a
    // scan) is recorded from its bundle, so the merged history lacks nothing the folders have.
    const stored = new Set(chosen.map(keyOf));
    for (const report of merged.reports.filter((r) => !stored.has(keyOf(r.summary)))) {
      warn(`merge: ${report.summary.site ?? report.summary.input} is in no --store-from store; recorded from its bundle`);
      await recordSiteReport(target, summary.runId, report, report.summary.consent ?? 'none');
    }
    if (summary.endedAt) await target.endRun(summary.runId, summary.endedAt, summary.exitCode);
    return { scans: merged.reports.length };
  } finally {
    for (const source of sources) await source.close().catch(() => undefined);
    await target.close().catch(() => undefined);
  }
}
