import { findingSchema, findingsFileSchema, type Finding, type FindingsFile } from '../../../src/judge/finding.js';
import type { ManifestContext } from '../../../src/report/manifest.js';
import type { ReportInput } from '../../../src/report/report-input.js';
import { at, buildEvidence, EMAIL_SHA256, FORM_PAGE, persona, PIXEL_ID, REQUESTS, SITE } from '../../helpers/evidence-builder.js';

/** Hand-built findings of the standard evidence: Meta (IE, parent US) twice, an unknown tracker once. */
export const META_VENDOR = { name: 'Meta Platforms Ireland Ltd', country: 'IE', parent: { name: 'Meta Platforms, Inc.', country: 'US' } };

export function finding(over: Partial<Finding> & Pick<Finding, 'id' | 'requestId'>): Finding {
  const request = Object.values(REQUESTS).find((r) => r.id === over.requestId)!;
  const index = Object.values(REQUESTS).indexOf(request);
  return findingSchema.parse({
    fingerprint: `fp-${over.id}`, site: SITE, pageUrl: FORM_PAGE, tracker: 'meta-pixel', trackerName: 'Meta Pixel', vendor: META_VENDOR,
    recipientHost: new URL(request.url).hostname, firstParty: false, accountId: PIXEL_ID, event: 'PageView',
    requestUrl: request.url, method: request.method, parameter: 'query.ud[em]', dataCategory: 'email', personaField: 'email',
    transform: ['normalize:email', 'sha256', 'hex'], hashed: true, prefix: false, matched: EMAIL_SHA256, trigger: 'input',
    beforeSubmit: true, consent: 'none', delivered: true, firstSeenAt: request.at, severity: 'high',
    evidence: { request: `evidence.json#/requests/${index}`, har: 'requests.har', harEntry: request.harIndex, screenshot: 'screenshots/f1-filled.png' },
    ...over,
  });
}

export const FINDINGS: Finding[] = [
  finding({ id: 'F-meta-get', requestId: 'r0001' }),
  finding({ id: 'F-meta-post', requestId: 'r0002', parameter: 'body.form.ud[em]', event: 'Lead', trigger: 'submit', beforeSubmit: false }),
  finding({
    id: 'F-unknown', requestId: 'r0005', tracker: 'unknown', trackerName: 'tracker-unknown.test', vendor: undefined, accountId: undefined,
    event: undefined, parameter: 'query.e', transform: ['raw'], hashed: false, matched: persona.email, trigger: 'page_load', severity: 'high',
    evidence: { request: 'evidence.json#/requests/4', har: 'requests.har', harEntry: 1 },
  }),
];

export function findingsFile(findings: Finding[] = FINDINGS): FindingsFile {
  return findingsFileSchema.parse({ schemaVersion: 1, site: SITE, generatedAt: at(40), rulesDigest: 'a'.repeat(64), couldNotAssess: [], findings });
}

export const CONTEXT: ManifestContext = {
  tool: { name: 'pixel-audit', version: '0.1.0', commit: null },
  node: 'v20.20.2',
  playwright: '1.65.1',
  chromium: { version: '141.0.7390.37', path: '/usr/bin/chromium', source: 'system' },
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36',
  options: { failOn: 'low' },
  rulesDigest: 'a'.repeat(64),
  startedAt: at(0),
  endedAt: at(30),
  caseRef: 'IMY-2026-0042',
  inspectors: ['Anna Andersson', 'Per Persson'],
};

export function reportInput(over: Partial<ReportInput> = {}): ReportInput {
  return { evidence: buildEvidence(), findings: findingsFile(), context: CONTEXT, now: at(50), ...over };
}
