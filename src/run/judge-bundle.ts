import { join } from 'node:path';
import type { Severity } from '../config/options.js';
import { detectHits } from '../detect/index.js';
import { BUNDLE_FILES, writeJson } from '../evidence/bundle.js';
import type { Evidence } from '../evidence/schema.js';
import { judge } from '../judge/judge.js';
import { maxSeverity } from '../judge/severity.js';
import type { FindingsFile } from '../judge/finding.js';
import { buildManifest, MANIFEST_NAME } from '../report/manifest.js';
import { playwrightVersion, toolCommit, TOOL_VERSION } from '../version.js';
import type { RunContext } from './run-context.js';

/**
 * Detect → judge → `findings.json` → `manifest.json`, from saved evidence only: the same path
 * serves a fresh scan and `analyze` of an old bundle.
 */
export async function judgeBundle(
  bundleDir: string,
  evidence: Evidence,
  run: RunContext,
): Promise<FindingsFile & { maxSeverity?: Severity }> {
  const hits = detectHits(evidence.requests, evidence.persona);
  const findings = judge({ evidence, hits, rules: run.rules.rules, rulesDigest: run.rules.digest });
  await writeJson(join(bundleDir, BUNDLE_FILES.findings), findings);
  const manifest = await buildManifest(bundleDir, evidence.site, {
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
  });
  await writeJson(join(bundleDir, MANIFEST_NAME), manifest);
  return { ...findings, maxSeverity: maxSeverity(findings.findings) };
}
