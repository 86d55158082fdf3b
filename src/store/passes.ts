import { severityRank } from '../config/options.js';
import type { FingerprintRecord, ScanStatus, SiteScan } from './types.js';

function mergeFingerprints(scans: readonly SiteScan[]): FingerprintRecord[] {
  const out = new Map<string, FingerprintRecord>();
  for (const f of scans.flatMap((s) => s.fingerprints)) {
    const seen = out.get(f.fingerprint);
    if (!seen) {
      out.set(f.fingerprint, { ...f });
      continue;
    }
    seen.occurrences += f.occurrences;
    if (f.firstSeenAt < seen.firstSeenAt) seen.firstSeenAt = f.firstSeenAt;
    if (f.lastSeenAt > seen.lastSeenAt) seen.lastSeenAt = f.lastSeenAt;
    if (severityRank(f.severity) > severityRank(seen.severity)) seen.severity = f.severity;
  }
  return [...out.values()].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
}

/** `ok` only when every pass completed; `failed` when all failed; else `partial`. */
function mergedStatus(statuses: ScanStatus[]): ScanStatus {
  if (statuses.every((s) => s === 'ok')) return 'ok';
  if (statuses.every((s) => s === 'failed')) return 'failed';
  return 'partial';
}

/**
 * One observation per run and site. `--consent all` scans a site in three passes (no choice,
 * accept, reject); for history they are one look at the site on that night: a fingerprint is
 * seen when any pass saw it, and the night is clean only when every pass completed without it.
 * Scans of single-pass runs come back as they are. Order follows the first pass of each group.
 */
export function mergePasses(scans: readonly SiteScan[]): SiteScan[] {
  const groups = new Map<string, SiteScan[]>();
  for (const scan of scans) {
    const key = `${scan.runId}\n${scan.site}`;
    groups.set(key, [...(groups.get(key) ?? []), scan]);
  }
  return [...groups.values()].map((group) => {
    if (group.length === 1) return group[0]!;
    const first = group[0]!;
    return {
      ...first,
      consent: group.map((s) => s.consent).join('+'),
      status: mergedStatus(group.map((s) => s.status)),
      error: group.find((s) => s.error)?.error,
      startedAt: group.map((s) => s.startedAt).sort()[0]!,
      endedAt: group.map((s) => s.endedAt).sort().at(-1)!,
      findingCount: group.reduce((n, s) => n + s.findingCount, 0),
      fingerprints: mergeFingerprints(group),
    };
  });
}
