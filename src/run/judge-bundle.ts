import { join } from 'node:path';
import type { Severity } from '../config/options.js';
import { detectEvidence } from '../detect/index.js';
import { BUNDLE_FILES, writeJson } from '../evidence/bundle.js';
import type { Evidence } from '../evidence/schema.js';
import { acceptJudged } from '../baseline/apply.js';
import { judge } from '../judge/judge.js';
import { loadJudgeSupport } from '../judge/support.js';
import { maxSeverity } from '../judge/severity.js';
import type { FindingsFile } from '../judge/finding.js';
import { buildManifest, MANIFEST_NAME, type ManifestContext } from '../report/manifest.js';
import { signManifest } from '../report/sign.js';
import { writeSiteReports } from '../report/site-reports.js';
import { playwrightVersion, toolCommit, TOOL_VERSION } from '../version.js';
import type { RunContext } from './run-context.js';

/**
 * Detect → judge → `findings.json` → reports → `manifest.json` (→ `manifest.sig`), from saved
 * evidence only: the same path serves a fresh scan and `analyze` of an old bundle.
 */
export async function judgeBundle(
  bundleDir: string,
  evidence: Evidence,
  run: RunContext,
): Promise<FindingsFile & { maxSeverity?: Severity }> {
  const hits = detectEvidence(evidence);
  const support = await loadJudgeSupport(join(bundleDir, BUNDLE_FILES.har));
  const judged = judge({ evidence, hits, rules: run.rules.rules, rulesDigest: run.rules.digest, ...support });
  // After judging and before anything is written: accepted findings and facts are marked, never dropped.
  const findings = run.baseline ? acceptJudged(judged, run.baseline, new Date()) : judged;
  await writeJson(join(bundleDir, BUNDLE_FILES.findings), findings);
  const context: ManifestContext = {
    tool: { name: 'pixel-audit', version: TOOL_VERSION, commit: toolCommit() },
    node: process.version,
    playwright: playwrightVersion(),
    chromium: run.chromium,
    userAgent: evidence.userAgent,
    options: run.recordedOptions,
    rulesDigest: run.rules.digest,
    startedAt: evidence.startedAt,
    endedAt: evidence.endedAt,
    caseRef: run.caseRef,
    inspectors: run.inspectors,
  };
  // Reports before the manifest, so that it covers them; a report that fails must not cost the manifest.
  let reportError: unknown;
  try {
    const periods = await run.periods?.(evidence.site, {
      findings: findings.findings, startedAt: evidence.startedAt, endedAt: evidence.endedAt, consent: evidence.consent.mode,
    });
    await writeSiteReports(bundleDir, { evidence, findings, context, controller: run.controller, periods, now: new Date().toISOString() }, run.lang ?? 'en');
  } catch (error) {
    reportError = error;
  }
  const manifest = await buildManifest(bundleDir, evidence.site, context);
  await writeJson(join(bundleDir, MANIFEST_NAME), manifest);
  if (run.signingKey) await signManifest(bundleDir, run.signingKey);
  if (reportError) throw reportError;
  return { ...findings, maxSeverity: maxSeverity(findings.findings) };
}
