import { describe, expect, it, vi } from 'vitest';
import { ExitCode } from '../../../src/config/errors.js';
import type { Severity } from '../../../src/config/options.js';
import type { Finding } from '../../../src/judge/finding.js';
import type { SiteReport, SiteSummary } from '../../../src/report/run-summary.js';
import { exitCodeFor, newRunId } from '../../../src/run/scan-run.js';

// Only the pure parts of scan-run: no browser is launched here, and the browser stages are
// replaced so that this file does not even load Playwright.
vi.mock('../../../src/browser/launch.js', () => ({ launchBrowser: () => { throw new Error('no browser in unit tests'); } }));
vi.mock('../../../src/run/scan-site.js', () => ({ scanSite: () => { throw new Error('no browser in unit tests'); } }));

const site = (status: SiteSummary['status'], severities: Severity[] = []): SiteReport => ({
  summary: {
    input: 'x', status, pages: 1, forms: 0, requests: 0, findings: severities.length,
    startedAt: '2026-03-01T10:00:00.000Z', endedAt: '2026-03-01T10:00:01.000Z',
  },
  findings: severities.map((severity) => ({ severity }) as Finding),
});

describe('exitCodeFor', () => {
  it('is 0 for clean sites', () => {
    expect(exitCodeFor([site('ok'), site('ok')], { failOn: 'low' })).toBe(ExitCode.clean);
    expect(exitCodeFor([], { failOn: 'low' })).toBe(ExitCode.clean);
  });

  it('is 1 when a finding reaches --fail-on, even if another site failed', () => {
    expect(exitCodeFor([site('ok', ['medium'])], { failOn: 'medium' })).toBe(ExitCode.findings);
    expect(exitCodeFor([site('failed'), site('ok', ['critical'])], { failOn: 'high' })).toBe(ExitCode.findings);
    expect(exitCodeFor([site('ok', ['info'])], { failOn: 'info' })).toBe(ExitCode.findings);
  });

  it('is 0 when every finding is below --fail-on', () => {
    expect(exitCodeFor([site('ok', ['low', 'medium'])], { failOn: 'high' })).toBe(ExitCode.clean);
  });

  it('is 3 when a site failed or was scanned in part and no finding counts', () => {
    expect(exitCodeFor([site('ok'), site('failed')], { failOn: 'low' })).toBe(ExitCode.incomplete);
    expect(exitCodeFor([site('partial', ['low'])], { failOn: 'critical' })).toBe(ExitCode.incomplete);
  });
});

describe('newRunId', () => {
  it('names the UTC start, file-name safe, with a random suffix', () => {
    const id = newRunId(new Date(Date.UTC(2026, 10, 23, 10, 40, 0, 123)));
    expect(id).toMatch(/^2026-11-23T10-40-00Z-[0-9a-f]{4}$/);
  });

  it('sorts by time and differs between calls', () => {
    const early = newRunId(new Date('2026-01-02T03:04:05.000Z'));
    const late = newRunId(new Date('2026-01-02T03:04:06.000Z'));
    expect([late, early].sort()).toEqual([early, late]);
    const ids = new Set(Array.from({ length: 20 }, () => newRunId(new Date('2026-01-02T03:04:05.000Z'))));
    expect(ids.size).toBeGreaterThan(1);
    expect(newRunId()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z-[0-9a-f]{4}$/);
  });
});
