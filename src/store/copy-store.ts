import type { RunRecord, Store } from './types.js';

/** What `copyStore` copied. */
export interface CopyCounts {
  runs: number;
  siteScans: number;
  fingerprints: number;
}

/**
 * The end a merged run gets: open when the part being copied is open, else the later of the two
 * ends (ISO text sorts by time). The store keeps no record of which parts it has seen, so the
 * part copied last decides whether the run is open.
 */
function mergedEnd(target: RunRecord | undefined, copied: RunRecord): RunRecord | undefined {
  if (!copied.endedAt) return undefined;
  return target?.endedAt && target.endedAt > copied.endedAt ? target : copied;
}

/**
 * Copies every run, site scan and fingerprint of `from` into `to` through the `Store` interface,
 * so it works between any two drivers (SQLite shards into one store, SQLite into PostgreSQL).
 * It merges: a run `to` does not have is copied whole; a run it has (the same run id scanned in
 * shards) keeps its start, gains the other's site scans, and takes the later end (see
 * `mergedEnd`: copy finished parts, or copy again once they finish). A site scan both have (same run, site and consent pass) is replaced by
 * `from`'s, so copying twice changes nothing. `runIds` limits the copy to those runs.
 */
export async function copyStore(from: Store, to: Store, options: { runIds?: readonly string[] } = {}): Promise<CopyCounts> {
  const counts: CopyCounts = { runs: 0, siteScans: 0, fingerprints: 0 };
  const wanted = options.runIds ? new Set(options.runIds) : undefined;
  // Oldest first, so a partial copy (a failure half-way) leaves the target's history contiguous.
  const runs = (await from.runs(Number.MAX_SAFE_INTEGER)).filter((r) => !wanted || wanted.has(r.runId)).reverse();
  for (const run of runs) {
    const existing = await to.run(run.runId);
    await to.beginRun(existing ? { ...run, startedAt: existing.startedAt } : run);
    for (const { fingerprints, ...scan } of await from.runScans(run.runId)) {
      await to.recordSiteScan(scan, fingerprints);
      counts.siteScans += 1;
      counts.fingerprints += fingerprints.length;
    }
    const end = mergedEnd(existing, run);
    if (end?.endedAt) await to.endRun(run.runId, end.endedAt, end.exitCode);
    counts.runs += 1;
  }
  return counts;
}
