import type { Finding } from '../../src/judge/finding.js';
import type { SiteReport, SiteSummary } from '../../src/report/run-summary.js';

/** Hand-made findings and site reports for store tests: only the fields the store reads matter. */
export const SITE = 'https://www.example.se';

/** Day `d` of March 2026 at 02:mm UTC: one nightly scan a day. */
export const night = (d: number, minute = 0): string => new Date(Date.UTC(2026, 2, d, 2, minute)).toISOString();

export function finding(fingerprint: string, at: string, over: Partial<Finding> = {}): Finding {
  return {
    id: `F-${fingerprint}-${at}`, fingerprint, site: SITE, pageUrl: `${SITE}/offert`, tracker: 'meta-pixel',
    trackerName: 'Meta Pixel', recipientHost: 'www.facebook.com', firstParty: false, requestId: 'r1',
    requestUrl: 'https://www.facebook.com/tr/', method: 'GET', parameter: `query.ud[${fingerprint}]`,
    dataCategory: 'email', personaField: 'email', transform: ['normalize:email', 'sha256', 'hex'], hashed: true,
    prefix: false, matched: 'x', trigger: 'submit', beforeSubmit: false, consent: 'none', delivered: true,
    firstSeenAt: at, severity: 'high', evidence: { request: 'evidence.json#/requests/0', har: 'requests.har' },
    ...over,
  };
}

/** A site report of a nightly scan on day `d` (02:00–02:05) with the given fingerprints. */
export function nightly(d: number, status: SiteSummary['status'], fingerprints: string[] = [], site = SITE): SiteReport {
  const findings = fingerprints.map((fp) => finding(fp, night(d, 2), { site }));
  return {
    summary: {
      input: `${site}/`, site, status, bundle: 'sites/x', pages: 3, forms: 1, requests: 20, findings: findings.length,
      startedAt: night(d, 0), endedAt: night(d, 5),
    },
    findings,
  };
}

export const runOf = (d: number): string => `run-${String(d).padStart(2, '0')}`;
