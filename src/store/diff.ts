import { mergePasses } from './passes.js';
import type { FingerprintRecord, SiteScan, Store } from './types.js';

/** A fingerprint on a site, as `diff` and the webhook name it. */
export interface SiteFingerprint extends FingerprintRecord {
  site: string;
}

/** What changed between two runs. */
export interface RunDiff {
  runA: string;
  runB: string;
  /** In B, not in A (or A did not scan the site successfully). */
  new: SiteFingerprint[];
  /** In A, absent in B's successful (`ok`) scan of the same site. */
  resolved: SiteFingerprint[];
  /** In both. */
  unchanged: SiteFingerprint[];
  /** In A, but B did not scan the site, failed, or scanned it only in part: nothing can be said. */
  notAssessed: SiteFingerprint[];
}

const withSite = (scan: SiteScan) => (f: FingerprintRecord): SiteFingerprint => ({ site: scan.site, ...f });
const bySiteAndFingerprint = (a: SiteFingerprint, b: SiteFingerprint): number =>
  a.site.localeCompare(b.site) || a.fingerprint.localeCompare(b.fingerprint);

/** Compares the site scans of two runs (pure; consent passes of a site merged). */
export function diffScans(runA: string, passesA: readonly SiteScan[], runB: string, passesB: readonly SiteScan[]): RunDiff {
  const diff: RunDiff = { runA, runB, new: [], resolved: [], unchanged: [], notAssessed: [] };
  const scansA = mergePasses(passesA);
  const scansB = mergePasses(passesB);
  const aBySite = new Map(scansA.map((s) => [s.site, s]));
  const bBySite = new Map(scansB.map((s) => [s.site, s]));
  for (const b of scansB) {
    const a = aBySite.get(b.site);
    const before = new Set(a && a.status !== 'failed' ? a.fingerprints.map((f) => f.fingerprint) : []);
    for (const f of b.fingerprints) (before.has(f.fingerprint) ? diff.unchanged : diff.new).push(withSite(b)(f));
  }
  for (const a of scansA) {
    const b = bBySite.get(a.site);
    const after = new Set(b?.fingerprints.map((f) => f.fingerprint));
    for (const f of a.fingerprints.filter((x) => !after.has(x.fingerprint))) {
      (b?.status === 'ok' ? diff.resolved : diff.notAssessed).push(withSite(a)(f));
    }
  }
  for (const list of [diff.new, diff.resolved, diff.unchanged, diff.notAssessed]) list.sort(bySiteAndFingerprint);
  return diff;
}

/** Compares two runs of the store; `{ missing }` names a run that is not there. */
export async function diffRuns(store: Store, runA: string, runB: string): Promise<RunDiff | { missing: string }> {
  for (const runId of [runA, runB]) if (!(await store.run(runId))) return { missing: runId };
  return diffScans(runA, await store.runScans(runA), runB, await store.runScans(runB));
}

/**
 * The fingerprints of a run that its site's previous scan did not see: what an alert should
 * say the morning after. "Previous" is the latest earlier scan of the site that did not fail
 * (a failed scan saw nothing, and comparing with it would report every old leak as new); a
 * site never scanned before reports everything it found.
 */
export async function newSincePrevious(store: Store, runId: string): Promise<SiteFingerprint[]> {
  const out: SiteFingerprint[] = [];
  for (const scan of mergePasses(await store.runScans(runId))) {
    if (!scan.fingerprints.length) continue;
    const previous = mergePasses(await store.siteScans(scan.site))
      .filter((s) => s.runId !== runId && s.status !== 'failed' && s.startedAt < scan.startedAt)
      .at(-1);
    const before = new Set(previous?.fingerprints.map((f) => f.fingerprint));
    out.push(...scan.fingerprints.filter((f) => !before.has(f.fingerprint)).map(withSite(scan)));
  }
  return out.sort(bySiteAndFingerprint);
}
