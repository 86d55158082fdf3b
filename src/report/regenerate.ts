import type { KeyObject } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../config/errors.js';
import { readJsonFile } from '../config/read-json-file.js';
import { BUNDLE_FILES, readEvidence, writeJson } from '../evidence/bundle.js';
import { findingsFileSchema, type FindingsFile } from '../judge/finding.js';
import { buildManifest, manifestContextSchema, manifestSchema, MANIFEST_NAME, SIGNATURE_NAME, type Manifest } from './manifest.js';
import type { ControllerInfo } from './notification/controller.js';
import type { PeriodsByFingerprint } from './notification/schema.js';
import type { Lang } from './report-input.js';
import { keyFingerprint, signManifest } from './sign.js';
import { isReportFile, writeSiteReports } from './site-reports.js';
import { verifyBundle } from './verify.js';

/** What `pixel-audit report` is asked to do. */
export interface RegenerateOptions {
  lang: Lang;
  controller?: ControllerInfo;
  periods?: PeriodsByFingerprint;
  signingKey?: KeyObject;
  /** Write the reports here instead of into the bundle (the bundle is then left untouched). */
  outDir?: string;
  now?: string;
}

/** What was done, in one line's worth of facts. */
export interface RegenerateResult {
  written: string[];
  /** The bundle's manifest was rewritten to cover the new reports. */
  manifestRewritten: boolean;
  /** Fingerprint of the key that signed the new manifest. */
  signedBy?: string;
  /** A stale `manifest.sig` was removed (no `--sign-key` to sign again). */
  signatureRemoved: boolean;
}

/** Reads a bundle's `findings.json`, validated. */
export const readFindingsFile = (bundleDir: string): Promise<FindingsFile> =>
  readJsonFile(join(bundleDir, BUNDLE_FILES.findings), findingsFileSchema, { reading: '' });

/**
 * Rewrites a saved bundle's reports without a browser. In place, the evidence must first pass
 * `verify` (reports are never regenerated over altered evidence); then the manifest is rebuilt
 * with its original facts to cover the new reports, and re-signed with `signingKey` — without
 * one, the old signature no longer applies and is removed.
 */
export async function regenerateReports(bundleDir: string, options: RegenerateOptions): Promise<RegenerateResult> {
  const manifestPath = join(bundleDir, MANIFEST_NAME);
  const manifest: Manifest = await readJsonFile(manifestPath, manifestSchema, { reading: '' });
  if (!options.outDir) {
    const check = await verifyBundle(bundleDir);
    const evidenceProblems = check.problems.filter((p) => !isReportFile(p.replace(/^[^:]+: /, '')));
    if (evidenceProblems.length) {
      throw new UsageError(`${bundleDir}: the evidence does not match its manifest (${evidenceProblems.join('; ')}); reports are not regenerated over altered evidence`, 'run pixel-audit verify on it, or write elsewhere with --out');
    }
  }
  const evidence = await readEvidence(bundleDir);
  const findings = await readFindingsFile(bundleDir);
  const context = manifestContextSchema.parse(Object.fromEntries(Object.keys(manifestContextSchema.shape).map((k) => [k, manifest[k as keyof Manifest]])));
  const now = options.now ?? new Date().toISOString();
  const written = await writeSiteReports(bundleDir, {
    evidence, findings, context, now,
    ...(options.controller ? { controller: options.controller } : {}),
    ...(options.periods ? { periods: options.periods } : {}),
  }, options.lang, options.outDir);
  if (options.outDir) return { written, manifestRewritten: false, signatureRemoved: false };
  const rebuilt = await buildManifest(bundleDir, manifest.site, context);
  // Keep the original layout and add when the reports were regenerated.
  await writeJson(manifestPath, { ...rebuilt, reportsRegeneratedAt: now, files: rebuilt.files });
  if (options.signingKey) {
    await signManifest(bundleDir, options.signingKey, now);
    return { written, manifestRewritten: true, signedBy: keyFingerprint(options.signingKey), signatureRemoved: false };
  }
  const hadSignature = await stat(join(bundleDir, SIGNATURE_NAME)).then(() => true, () => false);
  if (hadSignature) await rm(join(bundleDir, SIGNATURE_NAME));
  return { written, manifestRewritten: true, signatureRemoved: hadSignature };
}
