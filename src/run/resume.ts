import { access, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../config/errors.js';
import { readJsonFile } from '../config/read-json-file.js';
import { parseTarget } from '../config/targets.js';
import { BUNDLE_FILES, siteSlug } from '../evidence/bundle.js';
import { evidenceSchema } from '../evidence/schema.js';
import { findingsFileSchema } from '../judge/finding.js';
import { maxSeverity } from '../judge/severity.js';
import { runSummarySchema, type PlannedTarget, type RunSummary, type SiteReport, type SiteSummary } from '../report/run-summary.js';

/**
 * Every target with its origin and bundle folder, decided once at the start of the run: the
 * slugs depend on the order (a second `www.x.se` gets `www.x.se-x`), so a resumed run must
 * reuse them rather than recompute them in whatever order sites happen to start.
 */
export function planTargets(inputs: readonly string[]): PlannedTarget[] {
  const used = new Set<string>();
  return inputs.map((input) => {
    const parsed = parseTarget(input);
    if ('error' in parsed) return { input };
    let slug = siteSlug(parsed.url);
    while (used.has(slug)) slug += '-x';
    used.add(slug);
    return { input, site: parsed.url.origin, bundle: `sites/${slug}` };
  });
}

/** A run folder to resume: its `run.json` (validated) with the planned targets. */
export interface PriorRun {
  runDir: string;
  summary: RunSummary & { targets: PlannedTarget[] };
}

/**
 * Reads and validates `<folder>/run.json`; an unreadable or invalid file is a one-line
 * UsageError starting with `what` (`--resume x`, `merge: x`). Older run.json files without a
 * planned target list get one from their sites.
 */
export async function readRunSummary(folder: string, what: string, hint: string): Promise<{ runDir: string; summary: RunSummary; file: string }> {
  const runDir = resolve(folder);
  const file = join(runDir, 'run.json');
  const summary = await readJsonFile(file, runSummarySchema, { label: what, reading: 'run.json', source: file, readHint: hint });
  return { runDir, summary, file };
}

/** Reads `<folder>/run.json`; a folder that is not a resumable run is a one-line UsageError. */
export async function readPriorRun(folder: string): Promise<PriorRun> {
  const { runDir, summary, file } = await readRunSummary(folder, `--resume ${folder}`, 'give a run folder: <out>/<run-id>');
  const { targets } = summary;
  if (!targets?.length) throw new UsageError(`${file}: no planned target list (written by an older pixel-audit); the run cannot be resumed`);
  return { runDir, summary: { ...summary, targets } };
}

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

/**
 * A site is done when its bundle is complete (`manifest.json` is written last) and the run did
 * not record it as failed: a resumed run is the chance to try a failed site again.
 */
export async function isSiteDone(runDir: string, target: PlannedTarget, prior?: SiteSummary): Promise<boolean> {
  if (!target.bundle || prior?.status === 'failed') return false;
  return exists(join(runDir, target.bundle, BUNDLE_FILES.manifest));
}

/**
 * The report of a site finished before the run was killed, from its bundle. Its line in the
 * old `run.json` is used when there is one; a site killed between its manifest and that line is
 * summed up again from `evidence.json` the way `scanSite` does.
 */
export async function reportFromBundle(runDir: string, target: PlannedTarget & { bundle: string }, prior?: SiteSummary): Promise<SiteReport> {
  const bundleDir = join(runDir, target.bundle);
  const findingsJson: unknown = JSON.parse(await readFile(join(bundleDir, BUNDLE_FILES.findings), 'utf8'));
  const { findings, facts } = findingsFileSchema.parse(findingsJson);
  if (prior) return { summary: prior, findings, facts, bundleDir };
  const evidence = evidenceSchema.parse(JSON.parse(await readFile(join(bundleDir, BUNDLE_FILES.evidence), 'utf8')));
  const startFailed = evidence.errors.find((e) => e.stage === 'navigate');
  const problem = startFailed ?? evidence.errors[0];
  const summary: SiteSummary = {
    input: target.input, site: evidence.site, bundle: target.bundle,
    status: startFailed ? 'failed' : problem ? 'partial' : 'ok',
    error: problem?.message,
    pages: evidence.pages.filter((p) => !p.error).length, forms: evidence.forms.length, requests: evidence.requests.length,
    findings: findings.length, maxSeverity: maxSeverity(findings), startedAt: evidence.startedAt, endedAt: evidence.endedAt,
  };
  return { summary: Object.fromEntries(Object.entries(summary).filter(([, v]) => v !== undefined)) as SiteSummary, findings, facts, bundleDir };
}

/**
 * Sorts an interrupted run's plan into the sites already done (with their reports, read from
 * their bundles) and the sites to scan again. A bundle that cannot be read is scanned again.
 */
export async function splitResumed(prior: PriorRun): Promise<{ done: SiteReport[]; todo: PlannedTarget[] }> {
  const done: SiteReport[] = [];
  const todo: PlannedTarget[] = [];
  for (const target of prior.summary.targets) {
    const before = prior.summary.sites.find((s) => s.input === target.input && s.bundle === target.bundle);
    const report = target.bundle && (await isSiteDone(prior.runDir, target, before))
      ? await reportFromBundle(prior.runDir, { ...target, bundle: target.bundle }, before).catch(() => undefined)
      : undefined;
    if (report) done.push(report);
    else todo.push(target);
  }
  return { done, todo };
}
