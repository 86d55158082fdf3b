import { describe, expect, it, vi } from 'vitest';
import { acceptFindings, baselineOutcome, type Baseline } from '../../../src/baseline/apply.js';
import { ExitCode } from '../../../src/config/errors.js';
import { findingsFileSchema } from '../../../src/judge/finding.js';
import { renderControlReportMd } from '../../../src/report/control/render-md.js';
import { renderSiteHtml } from '../../../src/report/html/site-report.js';
import { stringsFor } from '../../../src/report/i18n/lang.js';
import { renderJunit } from '../../../src/report/junit.js';
import { RUN_SCHEMA_VERSION, runSummarySchema, type RunSummary, type SiteReport } from '../../../src/report/run-summary.js';
import { formatRunFooter, formatSiteReport } from '../../../src/report/terminal.js';
import { exitCodeFor } from '../../../src/run/scan-run.js';
import { at, buildEvidence, SITE } from '../../helpers/evidence-builder.js';
import { findingsFile, reportInput } from '../report/report-fixture.js';
import { EMAIL_GET, entry, FINDINGS } from './baseline-fixture.js';

// Only the pure exit-code rule of the run is used: no browser stage is loaded.
vi.mock('../../../src/browser/launch.js', () => ({ launchBrowser: () => { throw new Error('no browser in unit tests'); } }));

const NOW = new Date(at(50));
const BASELINE: Baseline = {
  file: 'pixel-audit.baseline.json',
  entries: [entry({ fingerprint: EMAIL_GET.fingerprint }), entry({ fingerprint: 'dddddddddddddddd', parameter: 'query.ud[ph]', dataCategory: 'phone', reason: 'old pixel', owner: 'web team' })],
};
const accepted = acceptFindings(FINDINGS, BASELINE, NOW);
const report = (findings = accepted): SiteReport => ({
  findings,
  summary: {
    input: `${SITE}/`, site: SITE, bundle: 'sites/www.example.se', status: 'ok', pages: 1, forms: 1, requests: 5,
    findings: findings.length, accepted: findings.filter((f) => f.accepted).length, maxSeverity: 'high', startedAt: at(0), endedAt: at(30),
  },
});
const run = (reports: SiteReport[]): RunSummary => ({
  schemaVersion: RUN_SCHEMA_VERSION, runId: 'run-1', runDir: '/tmp/run-1', tool: { name: 'pixel-audit', version: '0.1.0' },
  startedAt: at(0), endedAt: at(60), seed: 's', failOn: 'low', sites: reports.map((r) => r.summary), exitCode: 1,
  baseline: baselineOutcome(BASELINE, reports.map((r) => ({ site: r.summary.site, status: r.summary.status, findings: r.findings })), NOW),
});

describe('accepted findings in the reports: reported, never hidden', () => {
  it('do not count towards --fail-on; the others still do', () => {
    expect(exitCodeFor([report()], { failOn: 'low' })).toBe(ExitCode.findings);
    const all = acceptFindings(FINDINGS, { ...BASELINE, entries: FINDINGS.map((f) => entry({ fingerprint: f.fingerprint })) }, NOW);
    expect(exitCodeFor([report(all)], { failOn: 'low' })).toBe(ExitCode.clean);
    expect(exitCodeFor([report(FINDINGS)], { failOn: 'low' })).toBe(ExitCode.findings);
  });

  it('terminal: the accepted finding on its own line with reason and owner; stale entries in the footer', () => {
    const text = formatSiteReport(report());
    expect(text).toMatch(/^✗ https:\/\/www\.example\.se — 3 finding\(s\) \(1 accepted by the baseline\), highest severity high/);
    expect(text).toContain('  accepted: Meta Pixel received the SHA-256 of the e-mail address in query.ud[em] — processor agreement DPA-2026-14 with Meta (privacy@example.se)');
    // The open findings are still grouped and listed; the accepted parameter is not among them.
    expect(text).toMatch(/parameters: body\.form\.ud\[em\]\n/);
    const all = acceptFindings(FINDINGS, { ...BASELINE, entries: FINDINGS.map((f) => entry({ fingerprint: f.fingerprint })) }, NOW);
    expect(formatSiteReport(report(all))).toMatch(/^✓ https:\/\/www\.example\.se — 3 finding\(s\), all accepted by the baseline/);
    const footer = formatRunFooter(run([report()]));
    expect(footer).toContain('baseline pixel-audit.baseline.json: 1 finding(s) accepted, 1 stale, 0 expired');
    expect(footer).toMatch(/stale \(matched no finding; remove it if the leak is gone\): https:\/\/www\.example\.se meta-pixel phone in query\.ud\[ph\] .*\[dddddddddddddddd\] — old pixel \(web team\)/);
  });

  it('run.json: the baseline outcome and the per-site count validate against the schema', () => {
    const summary = runSummarySchema.parse(JSON.parse(JSON.stringify(run([report()]))));
    expect(summary.baseline).toMatchObject({ accepted: 1, stale: [{ fingerprint: 'dddddddddddddddd' }], expired: [] });
    expect(summary.sites[0]!.accepted).toBe(1);
  });

  it('junit.xml: the accepted finding is a skipped case with its reason, the stale entry too; failures count only the others', () => {
    const evidence = buildEvidence();
    const xml = renderJunit(run([report()]), [{ summary: report().summary, findings: accepted, evidence }]);
    expect(xml).toMatch(/<testcase [^>]*name="accepted: Meta Pixel email in query\.ud\[em\] \[aaaaaaaaaaaaaaaa\]"[^>]*>\n\s*<skipped message="accepted by the baseline \(pixel-audit\.baseline\.json\): processor agreement DPA-2026-14 with Meta \(privacy@example\.se\), since 2026-02-01"\/>/);
    expect(xml).toMatch(/name="baseline stale: meta-pixel phone in query\.ud\[ph\] \[dddddddddddddddd\]"[^>]*>\n\s*<skipped message="stale: matched no finding/);
    expect(xml).toMatch(/skipped="2"/);
    // The accepted finding's id appears in no failure.
    const failures = [...xml.matchAll(/<failure[^>]*>([^<]*)<\/failure>/g)].map((m) => m[1]).join('\n');
    expect(failures).not.toContain(EMAIL_GET.id);
    expect(failures).toContain('F-meta-post');
  });

  it('report.html and the control report mark the accepted finding and still list it', () => {
    const findings = findingsFileSchema.parse({ ...findingsFile(), findings: accepted });
    const html = renderSiteHtml(reportInput({ findings }), new Map(), []);
    expect(html).toContain('3 finding(s) (1 accepted by the baseline');
    expect(html).toMatch(/<span class="accepted">accepted<\/span>/);
    expect(html).toContain('processor agreement DPA-2026-14 with Meta — privacy@example.se, since 2026-02-01');
    const md = renderControlReportMd(reportInput({ findings }), stringsFor('en'));
    expect(md).toMatch(/- Row\(s\) #\d: accepted by the controller in its baseline \(processor agreement DPA-2026-14 with Meta; privacy@example\.se, since 2026-02-01\)/);
    expect(renderControlReportMd(reportInput({ findings: findingsFile() }), stringsFor('en'))).not.toContain('accepted by the controller');
    expect(renderControlReportMd(reportInput({ findings }), stringsFor('sv'))).toContain('godtagen av den personuppgiftsansvarige');
  });

  it('a version-1 findings.json is read as the current version', () => {
    const v1 = { schemaVersion: 1, site: SITE, generatedAt: at(40), rulesDigest: 'd', couldNotAssess: [], findings: [] };
    expect(findingsFileSchema.parse(v1).schemaVersion).toBe(2);
  });
});
