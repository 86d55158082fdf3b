import { mergePasses } from './passes.js';
import type { FingerprintRecord, SiteScan, Store } from './types.js';

/**
 * When a leak was observed, and the scans that bound it. Bounds are taken on the safe side:
 * `lastCleanBeforeAt` is the *start* of the last clean scan (the leak began after it) and
 * `resolvedAt` the *end* of the first clean scan after (the leak had stopped by then), so the
 * true start and end always lie inside [lastCleanBeforeAt, firstSeenAt] and [lastSeenAt, resolvedAt].
 */
export interface FingerprintPeriod {
  /** Time of the earliest request carrying the leak, in the first scan that saw it. */
  firstSeenAt: string;
  /** Time of the latest request carrying the leak, in the last scan that saw it. */
  lastSeenAt: string;
  /** Start of the last clean scan before it was first seen: the leak began in between. */
  lastCleanBeforeAt?: string;
  /** End of the first clean scan after it was last seen; absent while it still leaks. */
  resolvedAt?: string;
  /** Runs of the first and last scan that saw it, and of the clean scans around it. */
  firstRunId: string;
  lastRunId: string;
  lastCleanBeforeRunId?: string;
  resolvedRunId?: string;
  /** Scans that saw it. */
  scans: number;
}

/**
 * A fingerprint's whole history on one site. The top-level times span every period (first seen
 * ever, last seen ever, the clean scan before the first, resolved only when the *latest* period
 * is); `periods` has each separate period when the leak stopped and came back.
 */
export interface FingerprintHistory extends FingerprintPeriod {
  fingerprint: string;
  /** What leaked, from the latest scan that saw it. */
  latest: FingerprintRecord;
  periods: FingerprintPeriod[];
}

/**
 * Computes the periods of every fingerprint from a site's scans (any order; the consent passes
 * of one run count as one scan). Only an `ok` scan without the fingerprint is *clean*: a failed
 * scan proves nothing, and a partial one (some page or stage failed) may have missed the form
 * that leaks.
 */
export function fingerprintHistories(scans: readonly SiteScan[]): Map<string, FingerprintHistory> {
  const ordered = mergePasses(scans).sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.runId.localeCompare(b.runId));
  const fingerprints = new Set(ordered.flatMap((s) => s.fingerprints.map((f) => f.fingerprint)));
  const out = new Map<string, FingerprintHistory>();
  for (const fingerprint of [...fingerprints].sort()) {
    const periods: FingerprintPeriod[] = [];
    let current: FingerprintPeriod | undefined;
    let lastClean: SiteScan | undefined;
    let latest: FingerprintRecord | undefined;
    for (const scan of ordered) {
      const seen = scan.fingerprints.find((f) => f.fingerprint === fingerprint);
      if (seen) {
        latest = seen;
        if (!current) {
          current = {
            firstSeenAt: seen.firstSeenAt, lastSeenAt: seen.lastSeenAt, firstRunId: scan.runId, lastRunId: scan.runId,
            lastCleanBeforeAt: lastClean?.startedAt, lastCleanBeforeRunId: lastClean?.runId, scans: 0,
          };
          periods.push(current);
        }
        current.lastSeenAt = seen.lastSeenAt;
        current.lastRunId = scan.runId;
        current.scans += 1;
      } else if (scan.status === 'ok') {
        if (current) {
          current.resolvedAt = scan.endedAt;
          current.resolvedRunId = scan.runId;
          current = undefined;
        }
        lastClean = scan;
      }
    }
    const first = periods[0]!;
    const last = periods.at(-1)!;
    out.set(fingerprint, {
      fingerprint, latest: latest!, periods,
      firstSeenAt: first.firstSeenAt, firstRunId: first.firstRunId,
      lastCleanBeforeAt: first.lastCleanBeforeAt, lastCleanBeforeRunId: first.lastCleanBeforeRunId,
      lastSeenAt: last.lastSeenAt, lastRunId: last.lastRunId,
      resolvedAt: last.resolvedAt, resolvedRunId: last.resolvedRunId,
      scans: periods.reduce((n, p) => n + p.scans, 0),
    });
  }
  return out;
}

/**
 * For the notification draft: per fingerprint of a site, when the leak was first and last seen,
 * the last clean scan before it (the leak began in between) and, once a later successful scan no
 * longer sees it, when it was resolved. `site` is the origin (`https://www.example.se`).
 * `pending` is a scan not recorded yet (the one being judged: a site is recorded only after its
 * reports are written); it replaces a stored scan of the same run and consent pass.
 */
export async function incidentPeriods(store: Store, site: string, pending?: SiteScan): Promise<Map<string, FingerprintHistory>> {
  const stored = await store.siteScans(site);
  const scans = pending ? [...stored.filter((s) => s.runId !== pending.runId || s.consent !== pending.consent), pending] : stored;
  return fingerprintHistories(scans);
}

/** The four times of each period, as the notification draft's `PeriodsByFingerprint` takes them (strict). */
export function periodsByFingerprint(histories: ReadonlyMap<string, FingerprintPeriod>): Record<string, Pick<FingerprintPeriod, 'firstSeenAt' | 'lastSeenAt' | 'lastCleanBeforeAt' | 'resolvedAt'>> {
  return Object.fromEntries([...histories].map(([fingerprint, p]) => [fingerprint, {
    firstSeenAt: p.firstSeenAt, lastSeenAt: p.lastSeenAt,
    ...(p.lastCleanBeforeAt ? { lastCleanBeforeAt: p.lastCleanBeforeAt } : {}),
    ...(p.resolvedAt ? { resolvedAt: p.resolvedAt } : {}),
  }]));
}
