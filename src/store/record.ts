import { severityRank } from '../config/options.js';
import type { Finding } from '../judge/finding.js';
import type { SiteReport } from '../report/run-summary.js';
import type { FingerprintRecord, SiteScan, Store } from './types.js';

/** The key a site is stored under: its origin, or the target as given when it did not parse. */
export function siteKey(summary: { site?: string; input: string }): string {
  return summary.site ?? summary.input;
}

/** Collapses a scan's findings to one record per fingerprint (earliest and latest time, highest severity). */
export function fingerprintRecords(findings: readonly Finding[]): FingerprintRecord[] {
  const byFingerprint = new Map<string, FingerprintRecord>();
  for (const f of findings) {
    const seen = byFingerprint.get(f.fingerprint);
    if (!seen) {
      byFingerprint.set(f.fingerprint, {
        fingerprint: f.fingerprint, tracker: f.tracker, dataCategory: f.dataCategory, parameter: f.parameter,
        transform: f.transform, severity: f.severity, recipientHost: f.recipientHost,
        firstSeenAt: f.firstSeenAt, lastSeenAt: f.firstSeenAt, occurrences: 1,
      });
      continue;
    }
    seen.occurrences += 1;
    if (f.firstSeenAt < seen.firstSeenAt) seen.firstSeenAt = f.firstSeenAt;
    if (f.firstSeenAt > seen.lastSeenAt) seen.lastSeenAt = f.firstSeenAt;
    if (severityRank(f.severity) > severityRank(seen.severity)) seen.severity = f.severity;
  }
  return [...byFingerprint.values()].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
}

/** A site report as the store sees it (for `incidentPeriods`' `pending` scan, before it is recorded). */
export function siteScanOf(runId: string, report: SiteReport, consent = 'none'): SiteScan {
  const s = report.summary;
  return {
    runId, site: siteKey(s), consent: s.consent ?? consent, input: s.input, status: s.status, error: s.error,
    startedAt: s.startedAt, endedAt: s.endedAt, bundle: s.bundle, findingCount: report.findings.length,
    fingerprints: fingerprintRecords(report.findings),
  };
}

/**
 * Records one finished site of a run: its outcome, clean or not, and its fingerprints.
 * `consent` is the run's `--consent` mode, for sites whose summary does not name a pass.
 */
export async function recordSiteReport(store: Store, runId: string, report: SiteReport, consent = 'none'): Promise<void> {
  const { fingerprints, ...scan } = siteScanOf(runId, report, consent);
  await store.recordSiteScan(scan, fingerprints);
}
