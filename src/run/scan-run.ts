import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import { launchBrowser } from '../browser/launch.js';
import { ExitCode, UsageError } from '../config/errors.js';
import { severityRank, type ScanOptions, type Severity } from '../config/options.js';
import { parseTarget } from '../config/targets.js';
import { selectShard } from '../config/shard.js';
import { ensureDir, writeJson } from '../evidence/bundle.js';
import { RUN_SCHEMA_VERSION, type RunSummary, type SiteReport } from '../report/run-summary.js';
import { writeRunReports } from '../report/run-reports.js';
import { TOOL_VERSION } from '../version.js';
import { BrowserKeeper } from './browser-keeper.js';
import { expandConsentPasses } from './consent-passes.js';
import { planTargets, readPriorRun, splitResumed } from './resume.js';
import { RunHistory } from './run-history.js';
import { readRunInputs, runContextFor } from './run-inputs.js';
import { loadRunBaseline, settleRunBaseline, writeRunBaseline } from './run-baseline.js';
import { isAccepted } from '../baseline/apply.js';
import { scanPlannedSite } from './site-task.js';

export interface ScanHooks {
  logger?: Logger;
  /** Called as each site completes (its bundle is on disk by then). */
  onSite?: (report: SiteReport) => void;
  /** Called once before the first site: how many targets, and those a resumed run found done. */
  onPlan?: (plan: { total: number; done: SiteReport[] }) => void;
  /** One-line warnings that do not fail the run (store not writable, webhook failed). */
  onWarning?: (line: string) => void;
}

/** A run id that sorts by time and names its UTC start: `2026-11-23T10-40-00Z-3fa2`. */
export function newRunId(now = new Date()): string {
  return `${now.toISOString().slice(0, 19).replace(/:/g, '-')}Z-${randomBytes(2).toString('hex')}`;
}

/**
 * Scans every target into one run folder. Rules, persona file and browser are checked before
 * any site is touched (a mistake there is exit 2); after that a site that fails is recorded
 * with its one-line reason and the others go on. `run.json` is rewritten as each site ends,
 * so a killed run keeps every finished site.
 */
export async function runScan(options: ScanOptions, hooks: ScanHooks = {}): Promise<{ summary: RunSummary; reports: SiteReport[] }> {
  const inputs = await readRunInputs(options);
  const runBaseline = await loadRunBaseline(options);
  // --resume: the targets, seed, run id and folder are the interrupted run's (its run.json).
  const prior = options.resume ? await readPriorRun(options.resume) : undefined;
  if (prior && options.seed && options.seed !== prior.summary.seed) {
    throw new UsageError(`--seed ${options.seed}: the run being resumed used --seed ${prior.summary.seed}`, 'leave --seed out when resuming');
  }
  // Slugs are planned over the whole list before sharding, so a shard's bundles are named as an unsharded run's.
  const planned = prior?.summary.targets ?? planTargets(options.urls);
  const plan = prior?.summary.targets ?? expandConsentPasses(options.shard ? selectShard(planned, options.shard) : planned, options.consent);
  if (planned.every((t) => !t.bundle)) {
    const first = parseTarget(planned[0]!.input) as { error: string };
    throw new UsageError(first.error, 'give a URL such as https://www.example.se/');
  }
  const seed = prior?.summary.seed ?? options.seed ?? randomBytes(6).toString('hex');
  const runId = prior?.summary.runId ?? newRunId();
  const runDir = prior?.runDir ?? await ensureDir(resolve(options.out, runId));
  const resumed = prior ? await splitResumed(prior) : { done: [], todo: plan };
  const summary: RunSummary = prior
    ? { ...prior.summary, tool: { name: 'pixel-audit', version: TOOL_VERSION }, endedAt: undefined, exitCode: undefined, sites: resumed.done.map((r) => r.summary), resumedAt: [...(prior.summary.resumedAt ?? []), new Date().toISOString()] }
    : {
      schemaVersion: RUN_SCHEMA_VERSION, runId, runDir, tool: { name: 'pixel-audit', version: TOOL_VERSION },
      startedAt: new Date().toISOString(), seed, failOn: options.failOn, targets: plan, sites: [],
      ...(options.shard ? { shard: { ...options.shard, totalTargets: planned.length } } : {}),
    };
  const launchOptions = { browserPath: options.browserPath, hostResolverRules: options.hostResolverRules };
  const launched = await launchBrowser(launchOptions);
  const keeper = new BrowserKeeper(() => launchBrowser(launchOptions), launched, () => hooks.logger?.warn('browser gone; starting a new one'));
  const warn = hooks.onWarning ?? ((line: string) => hooks.logger?.warn(line));
  const history = await RunHistory.open(options, warn).catch(async (error: unknown) => {
    await keeper.close();
    throw error;
  });
  const run = runContextFor(options, inputs, { runId, seed, history, launched, baseline: runBaseline?.baseline });
  const reports: SiteReport[] = [...resumed.done];
  const record = async (report: SiteReport): Promise<void> => {
    reports.push(report);
    summary.sites.push(report.summary);
    await writeJson(join(runDir, 'run.json'), summary);
    await history.site(runId, report);
    hooks.onSite?.(report);
  };
  const limit = pLimit(options.concurrency);
  const task = { options, run, runDir, seed, filePersona: inputs.filePersona, keeper, resuming: Boolean(prior), logger: hooks.logger };
  try {
    // The plan is on disk before the first site starts: a run killed at any point can be resumed.
    await writeJson(join(runDir, 'run.json'), summary);
    await history.begin(summary);
    // Sites finished before an interruption go into the store again: the killed run may have
    // died between a bundle and its store record.
    for (const report of resumed.done) await history.site(runId, report);
    hooks.onPlan?.({ total: plan.length, done: resumed.done });
    await Promise.all(resumed.todo.map((target) => limit(async () => record(await scanPlannedSite(target, task)))));
  } finally {
    await keeper.close();
  }
  // Plan order; the passes of `--consent all` share an input and are told apart by their bundle.
  const position = (s: { input: string; bundle?: string }) => {
    const exact = plan.findIndex((t) => t.input === s.input && t.bundle === s.bundle);
    return exact >= 0 ? exact : plan.findIndex((t) => t.input === s.input);
  };
  summary.sites.sort((a, b) => position(a) - position(b));
  summary.endedAt = new Date().toISOString();
  summary.exitCode = exitCodeFor(reports, options);
  if (runBaseline) {
    // Accepted, stale and expired entries go into run.json; --update-baseline writes the merged file.
    const settled = settleRunBaseline(runBaseline, reports, options, new Date());
    const failed = await writeRunBaseline(runBaseline, settled.outcome, settled.write);
    summary.baseline = settled.outcome;
    if (failed !== undefined) {
      summary.exitCode = failed;
      warn(settled.outcome.updateError!);
    }
  }
  await writeJson(join(runDir, 'run.json'), summary);
  await writeRunReports(runDir, summary, reports);
  // The store's end of run, then the webhook: neither can fail the run or change its exit code.
  await history.finish(summary, reports);
  await history.close();
  return { summary, reports };
}

/**
 * DESIGN §6: 1 when a finding or a configuration fact (AAM on, …) not accepted by the baseline
 * reaches `--fail-on`, else 3 when a site failed or was scanned only in part, else 0.
 */
export function exitCodeFor(reports: SiteReport[], options: Pick<ScanOptions, 'failOn'>): ExitCode {
  const threshold = severityRank(options.failOn);
  const reaches = (items: ReadonlyArray<{ severity: Severity }> = []) => items.some((f) => severityRank(f.severity) >= threshold);
  // A finding or fact the baseline accepts is still reported, but does not fail the run.
  const open = <T extends { severity: Severity; accepted?: unknown }>(items: readonly T[] = []): T[] => items.filter((x) => !isAccepted(x));
  if (reports.some((r) => reaches(open(r.findings)) || reaches(open(r.facts)))) return ExitCode.findings;
  if (reports.some((r) => r.summary.status !== 'ok')) return ExitCode.incomplete;
  return ExitCode.clean;
}
