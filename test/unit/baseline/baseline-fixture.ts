import type { FactEntry, FindingEntry } from '../../../src/baseline/schema.js';
import type { Fact } from '../../../src/judge/fact.js';
import type { Finding } from '../../../src/judge/finding.js';
import { SITE } from '../../helpers/evidence-builder.js';
import { finding } from '../report/report-fixture.js';

/** Three findings of the standard evidence, with fingerprints of the real (16 hex) shape. */
export const EMAIL_GET = finding({ id: 'F-meta-get', requestId: 'r0001', fingerprint: 'aaaaaaaaaaaaaaaa' });
export const EMAIL_POST = finding({ id: 'F-meta-post', requestId: 'r0002', fingerprint: 'bbbbbbbbbbbbbbbb', parameter: 'body.form.ud[em]' });
export const UNKNOWN_CLEAR = finding({
  id: 'F-unknown', requestId: 'r0005', fingerprint: 'cccccccccccccccc', tracker: 'unknown', trackerName: 'tracker-unknown.test',
  parameter: 'query.e', transform: ['raw'], hashed: false,
});
export const FINDINGS: Finding[] = [EMAIL_GET, EMAIL_POST, UNKNOWN_CLEAR];

export function entry(over: Partial<FindingEntry> & Pick<FindingEntry, 'fingerprint'>): FindingEntry {
  return {
    site: SITE, tracker: 'meta-pixel', dataCategory: 'email', parameter: 'query.ud[em]', transform: ['normalize:email', 'sha256', 'hex'],
    reason: 'processor agreement DPA-2026-14 with Meta', owner: 'privacy@example.se', acceptedAt: '2026-02-01', ...over,
  };
}

/** Automatic advanced matching on the standard evidence's Meta Pixel: a fact that fails a run at `medium`. */
export const AAM: Fact = {
  id: 'C-aam', fingerprint: 'eeeeeeeeeeeeeeee', kind: 'automatic-advanced-matching', tracker: 'meta-pixel', trackerName: 'Meta Pixel',
  accountId: '1234567890', requestId: 'r0001', requestUrl: 'https://connect.facebook.net/signals/config/1234567890', firstSeenAt: '2026-02-01T10:00:00.000Z',
  occurrences: 1, detail: 'Automatic advanced matching is switched on (em, ph)', severity: 'medium',
  evidence: { request: 'evidence.json#/requests/0', har: 'requests.har', harEntry: 0, fromResponse: true },
};
/** The pixel id in use: an `info` fact. */
export const PIXEL_ID: Fact = { ...AAM, id: 'C-id', fingerprint: 'ffffffffffffffff', kind: 'tracker-account', detail: 'Meta Pixel 1234567890 is in use on the site', severity: 'info', evidence: { ...AAM.evidence, fromResponse: false } };

export function factEntry(over: Partial<FactEntry> & Pick<FactEntry, 'fingerprint'>): FactEntry {
  return {
    kind: 'fact', site: SITE, factKind: 'automatic-advanced-matching', tracker: 'meta-pixel', accountId: '1234567890',
    reason: 'processor agreement DPA-2026-14 with Meta', owner: 'privacy@example.se', acceptedAt: '2026-02-01', ...over,
  };
}
