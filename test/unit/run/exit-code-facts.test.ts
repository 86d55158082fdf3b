import { describe, expect, it, vi } from 'vitest';
import { ExitCode } from '../../../src/config/errors.js';
import type { Severity } from '../../../src/config/options.js';
import type { Fact } from '../../../src/judge/fact.js';
import type { SiteReport } from '../../../src/report/run-summary.js';
import { exitCodeFor } from '../../../src/run/scan-run.js';

// No browser stage is loaded here: only the pure exit-code rule is tested.
vi.mock('../../../src/browser/launch.js', () => ({ launchBrowser: () => { throw new Error('no browser in unit tests'); } }));
vi.mock('../../../src/run/scan-site.js', () => ({ scanSite: () => { throw new Error('no browser in unit tests'); } }));

const T = '2026-03-01T10:00:00.000Z';
const fact = (severity: Severity, kind = 'automatic-advanced-matching'): Fact => ({
  id: 'C-1', kind, tracker: 'meta-pixel', trackerName: 'Meta Pixel', accountId: '1', requestId: 'r0001', requestUrl: 'https://connect.facebook.net/signals/config/1',
  firstSeenAt: T, occurrences: 1, detail: 'Automatic advanced matching is switched on', severity,
  evidence: { request: 'evidence.json#/requests/0', har: 'requests.har', harEntry: 0, fromResponse: true },
});
const site = (facts?: Fact[]): SiteReport => ({
  findings: [], facts,
  summary: { input: 'https://a.test/', status: 'ok', pages: 1, forms: 0, requests: 3, findings: 0, startedAt: T, endedAt: T },
});

describe('exitCodeFor with configuration facts', () => {
  it('fails the run on a fact at or above --fail-on, even without any leak finding', () => {
    expect(exitCodeFor([site([fact('medium')])], { failOn: 'medium' })).toBe(ExitCode.findings);
    expect(exitCodeFor([site([fact('medium')])], { failOn: 'low' })).toBe(ExitCode.findings);
  });

  it('ignores facts below the threshold (ids in use are info) and sites without facts', () => {
    expect(exitCodeFor([site([fact('medium')])], { failOn: 'high' })).toBe(ExitCode.clean);
    expect(exitCodeFor([site([fact('info', 'tracker-account')])], { failOn: 'low' })).toBe(ExitCode.clean);
    expect(exitCodeFor([site(), site([])], { failOn: 'info' })).toBe(ExitCode.clean);
  });
});
