import { describe, expect, it } from 'vitest';
import { acceptFindings, baselineOutcome, isExpired, type Baseline } from '../../../src/baseline/apply.js';
import { SITE } from '../../helpers/evidence-builder.js';
import { EMAIL_GET, EMAIL_POST, entry, FINDINGS, UNKNOWN_CLEAR } from './baseline-fixture.js';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const baseline = (...entries: Baseline['entries']): Baseline => ({ file: 'pixel-audit.baseline.json', entries });

describe('acceptFindings', () => {
  it('marks the finding whose fingerprint an entry names, with its reason and owner, and returns every finding', () => {
    const out = acceptFindings(FINDINGS, baseline(entry({ fingerprint: EMAIL_GET.fingerprint, expires: '2026-12-31' })), NOW);
    expect(out).toHaveLength(3);
    expect(out[0]!.accepted).toEqual({
      reason: 'processor agreement DPA-2026-14 with Meta', owner: 'privacy@example.se', acceptedAt: '2026-02-01', expires: '2026-12-31',
      baselineFile: 'pixel-audit.baseline.json',
    });
    expect(out[1]!.accepted).toBeUndefined();
    expect(out[2]!.accepted).toBeUndefined();
    // Everything else about the finding is kept as judged.
    const { accepted: _accepted, ...rest } = out[0]!;
    expect(rest).toEqual(EMAIL_GET);
  });

  it('matches by fingerprint only: an entry with the same tracker and parameter but another fingerprint accepts nothing', () => {
    const out = acceptFindings(FINDINGS, baseline(entry({ fingerprint: 'dddddddddddddddd' })), NOW);
    expect(out.filter((f) => f.accepted)).toEqual([]);
  });

  it('an expired entry accepts nothing; a date accepts through the end of that day (UTC), a time until that moment', () => {
    expect(isExpired({ expires: '2026-02-28' }, NOW)).toBe(true);
    expect(isExpired({ expires: '2026-03-01' }, NOW)).toBe(false);
    expect(isExpired({ expires: '2026-03-01T09:59:59Z' }, NOW)).toBe(true);
    expect(isExpired({ expires: '2026-03-01T10:00:01Z' }, NOW)).toBe(false);
    expect(isExpired({}, NOW)).toBe(false);
    const out = acceptFindings(FINDINGS, baseline(entry({ fingerprint: EMAIL_GET.fingerprint, expires: '2026-02-28' })), NOW);
    expect(out[0]!.accepted).toBeUndefined();
  });

  it('replaces an acceptance from an earlier baseline (a re-analysed bundle)', () => {
    const earlier = acceptFindings(FINDINGS, baseline(entry({ fingerprint: EMAIL_POST.fingerprint })), NOW);
    const now = acceptFindings(earlier, baseline(entry({ fingerprint: EMAIL_GET.fingerprint, reason: 'new reason' })), NOW);
    expect(now.map((f) => f.accepted?.reason)).toEqual(['new reason', undefined, undefined]);
  });
});

describe('baselineOutcome', () => {
  const other = 'https://www.other.test';
  const entries = [
    entry({ fingerprint: EMAIL_GET.fingerprint }),
    entry({ fingerprint: 'dddddddddddddddd', parameter: 'query.ud[ph]', dataCategory: 'phone' }),
    entry({ fingerprint: 'eeeeeeeeeeeeeeee', site: other }),
    entry({ fingerprint: 'ffffffffffffffff', expires: '2026-01-31' }),
  ];

  it('counts accepted findings, reports the unmatched entry of a fully scanned site as stale and the expired one as expired', () => {
    const findings = acceptFindings(FINDINGS, baseline(...entries), NOW);
    const outcome = baselineOutcome(baseline(...entries), [{ site: SITE, status: 'ok', findings }], NOW);
    expect(outcome.accepted).toBe(1);
    expect(outcome.stale.map((e) => e.fingerprint)).toEqual(['dddddddddddddddd']);
    // The expired entry matched nothing either, but is reported as expired, not stale.
    expect(outcome.expired.map((e) => e.fingerprint)).toEqual(['ffffffffffffffff']);
    expect(outcome.file).toBe('pixel-audit.baseline.json');
  });

  it('never makes an entry stale for a site not in the run, or one scanned only in part or not at all', () => {
    for (const status of ['partial', 'failed'] as const) {
      const outcome = baselineOutcome(baseline(...entries), [{ site: SITE, status, findings: [] }], NOW);
      expect(outcome.stale, status).toEqual([]);
    }
    const elsewhere = baselineOutcome(baseline(...entries), [{ site: 'https://www.third.test', status: 'ok', findings: [] }], NOW);
    expect(elsewhere).toMatchObject({ accepted: 0, stale: [], expired: [] });
  });

  it('with consent passes, an entry matched by any pass of the site is not stale; a partial pass keeps it from being stale', () => {
    const sites = [
      { site: SITE, status: 'ok' as const, findings: [] },
      { site: SITE, status: 'ok' as const, findings: [EMAIL_GET, UNKNOWN_CLEAR] },
    ];
    const live = [entries[0]!, entries[1]!];
    expect(baselineOutcome(baseline(...live), sites, NOW).stale.map((e) => e.fingerprint)).toEqual(['dddddddddddddddd']);
    expect(baselineOutcome(baseline(...live), [...sites, { site: SITE, status: 'partial', findings: [] }], NOW).stale).toEqual([]);
  });
});
