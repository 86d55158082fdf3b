import { describe, expect, it, vi } from 'vitest';
import { acceptJudged, baselineOutcome, type Baseline } from '../../../src/baseline/apply.js';
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
import { AAM, entry, factEntry, FINDINGS, PIXEL_ID } from './baseline-fixture.js';

// Only the pure exit-code rule of the run is used: no browser stage is loaded.
vi.mock('../../../src/browser/launch.js', () => ({ launchBrowser: () => { throw new Error('no browser in unit tests'); } }));

const NOW = new Date(at(50));
const REASON = 'processor agreement DPA-2026-14 with Meta';
/** Every finding and the AAM fact accepted; one fact entry matches nothing (stale). */
const BASELINE: Baseline = {
  file: 'pixel-audit.baseline.json',
  entries: [
    ...FINDINGS.map((f) => entry({ fingerprint: f.fingerprint })),
    factEntry({ fingerprint: AAM.fingerprint! }),
    factEntry({ fingerprint: '1111111111111111', factKind: 'loaded-before-consent', accountId: undefined, reason: 'consent tool being replaced', owner: 'web team' }),
  ],
};
const judged = acceptJudged({ site: SITE, findings: FINDINGS, facts: [PIXEL_ID, AAM] }, BASELINE, NOW);
const report = (facts = judged.facts): SiteReport => ({
  findings: judged.findings, facts,
  summary: {
    input: `${SITE}/`, site: SITE, bundle: 'sites/www.example.se', status: 'ok', pages: 1, forms: 1, requests: 5,
    findings: FINDINGS.length, accepted: FINDINGS.length, maxSeverity: 'high', startedAt: at(0), endedAt: at(30),
  },
});
const run = (r: SiteReport): RunSummary => ({
  schemaVersion: RUN_SCHEMA_VERSION, runId: 'run-1', runDir: '/tmp/run-1', tool: { name: 'pixel-audit', version: '0.1.0' },
  startedAt: at(0), endedAt: at(60), seed: 's', failOn: 'low', sites: [r.summary], exitCode: 0,
  baseline: baselineOutcome(BASELINE, [{ site: SITE, status: 'ok', findings: r.findings, facts: r.facts }], NOW),
});

describe('accepted configuration facts in the reports: reported, never hidden', () => {
  it('an accepted fact does not count towards --fail-on: every finding and AAM accepted exits 0', () => {
    expect(exitCodeFor([report()], { failOn: 'low' })).toBe(ExitCode.clean);
    // The same findings with AAM not accepted: the fact alone fails the run.
    expect(exitCodeFor([report([PIXEL_ID, AAM])], { failOn: 'low' })).toBe(ExitCode.findings);
  });

  it('terminal: the accepted fact with its reason instead of "!"; the footer counts it and names the stale fact entry', () => {
    const text = formatSiteReport(report());
    expect(text).toContain(`  accepted: Meta Pixel 1234567890: Automatic advanced matching is switched on (em, ph) [medium] — ${REASON} (privacy@example.se)`);
    expect(text).not.toMatch(/^ {2}! /m);
    expect(formatSiteReport(report([PIXEL_ID, AAM]))).toContain('  ! Meta Pixel 1234567890: Automatic advanced matching');
    const footer = formatRunFooter(run(report()));
    expect(footer).toContain('baseline pixel-audit.baseline.json: 3 finding(s) and 1 configuration fact(s) accepted, 1 stale, 0 expired');
    expect(footer).toContain('stale (matched no fact; remove it if the configuration is gone): https://www.example.se meta-pixel loaded-before-consent (configuration) [1111111111111111] — consent tool being replaced (web team)');
    expect(runSummarySchema.parse(JSON.parse(JSON.stringify(run(report())))).baseline).toMatchObject({ accepted: 3, acceptedFacts: 1 });
  });

  it('junit.xml: the accepted fact is a skipped case with its reason and the configuration case does not fail', () => {
    const xml = renderJunit(run(report()), [{ summary: report().summary, findings: judged.findings, facts: judged.facts, evidence: buildEvidence() }]);
    expect(xml).toMatch(new RegExp(`name="accepted: Meta Pixel automatic-advanced-matching 1234567890 \\[${AAM.fingerprint}\\]"[^>]*>\\n\\s*<skipped message="accepted by the baseline \\(pixel-audit\\.baseline\\.json\\): ${REASON} \\(privacy@example\\.se\\), since 2026-02-01"`));
    expect(xml).toMatch(/name="baseline stale: meta-pixel loaded-before-consent \[1111111111111111\]"[^>]*>\n\s*<skipped message="stale: matched no finding or fact/);
    expect(xml).toMatch(/<testsuites [^>]*failures="0"/);
    const open = renderJunit(run(report([PIXEL_ID, AAM])), [{ summary: report().summary, findings: judged.findings, facts: [PIXEL_ID, AAM], evidence: buildEvidence() }]);
    expect(open).toMatch(/name="tracker configuration" time="0">\n\s*<failure type="severity-medium"/);
  });

  it('report.html and the control report mark the accepted fact and still list it', () => {
    const findings = findingsFileSchema.parse({ ...findingsFile(), findings: judged.findings, facts: judged.facts });
    const html = renderSiteHtml(reportInput({ findings }), new Map(), []);
    expect(html).toMatch(/<li><span class="sev sev-medium">medium<\/span> <span class="accepted">accepted<\/span> Automatic advanced matching is switched on/);
    expect(html).toContain(`Accepted: ${REASON} — privacy@example.se, since 2026-02-01`);
    const md = renderControlReportMd(reportInput({ findings }), stringsFor('en'));
    expect(md).toMatch(/ {2}- .*\(`evidence\.json#\/requests\/0`, `requests\.har` #0\) — accepted by the controller in its baseline \(processor agreement DPA-2026-14 with Meta; privacy@example\.se, since 2026-02-01\)/);
    expect(renderControlReportMd(reportInput({ findings }), stringsFor('nb'))).toContain('godtatt av den behandlingsansvarlige i dens grunnlinje');
  });
});
