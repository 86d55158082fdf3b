import { cp, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../config/errors.js';
import type { Severity } from '../config/options.js';
import { formatShard } from '../config/shard.js';
import { ensureDir, writeJson } from '../evidence/bundle.js';
import { writeRunReports } from '../report/run-reports.js';
import { RUN_SCHEMA_VERSION, type PlannedTarget, type RunSummary, type SiteReport, type SiteSummary } from '../report/run-summary.js';
import { TOOL_VERSION } from '../version.js';
import { readRunSummary, reportFromBundle, type PriorRun } from './resume.js';
import { exitCodeFor, newRunId } from './scan-run.js';

export interface MergeOptions {
  /** Run folders to join (shards of one list, or any runs over disjoint sites). */
  runs: string[];
  /** Folder the merged run folder is created in (`<out>/<run-id>`), as `scan --out`. */
  out: string;
  /** Move the bundles instead of copying them (same file system: a rename). */
  move?: boolean;
  /** A site in two runs with different results: keep the newer scan instead of refusing. */
  allowOverlap?: boolean;
  /** `--fail-on` of the merged run; needed only when the runs disagree. */
  failOn?: Severity;
  /** One-line notes that change nothing (same site twice with the same result, a missing shard). */
  onWarning?: (line: string) => void;
}

/** Reads `<folder>/run.json`; unlike `--resume`, a run with no targets (an empty shard) is fine. */
async function readRun(folder: string): Promise<PriorRun> {
  const { runDir, summary } = await readRunSummary(folder, `merge: ${folder}`, 'give run folders: <out>/<run-id>');
  return { runDir, summary: { ...summary, targets: summary.targets ?? summary.sites.map(({ input, site, bundle, consent }) => ({ input, site, bundle, consent })) } };
}

/** One site of one input run, with what decides whether two scans of it agree. */
interface Entry {
  run: PriorRun;
  summary: SiteSummary;
  report: SiteReport;
  /** `status|fingerprints|facts`: two scans with the same outcome are the same result. */
  outcome: string;
}

/** The bundle folder, or the target as given for a site that never got one (malformed URL). */
const keyOf = (s: { input: string; bundle?: string }): string => s.bundle ?? `input:${s.input}`;

function outcomeOf(report: SiteReport): string {
  const fingerprints = [...new Set(report.findings.map((f) => f.fingerprint))].sort();
  const facts = [...new Set((report.facts ?? []).map((f) => `${f.kind}:${f.tracker}:${f.accountId ?? ''}`))].sort();
  return JSON.stringify([report.summary.status, fingerprints, facts]);
}

async function readSite(run: PriorRun, summary: SiteSummary): Promise<SiteReport> {
  if (!summary.bundle) return { summary, findings: [] };
  const target = { input: summary.input, site: summary.site, bundle: summary.bundle };
  // A site that failed before its bundle was complete has no findings to carry over.
  return reportFromBundle(run.runDir, target, summary).catch(() => ({ summary, findings: [] }));
}

/**
 * Chooses one scan per site. The same site twice with the same outcome (a shard run twice) is
 * a note; with different outcomes it is refused, since either could be the evidence, unless
 * `allowOverlap` says to keep the newer one.
 */
function pickSites(entries: Entry[], options: MergeOptions): Entry[] {
  const chosen = new Map<string, Entry>();
  for (const entry of entries) {
    const key = keyOf(entry.summary);
    const seen = chosen.get(key);
    if (!seen) {
      chosen.set(key, entry);
      continue;
    }
    const where = `${entry.summary.site ?? entry.summary.input}${entry.summary.consent ? ` (consent pass ${entry.summary.consent})` : ''}`;
    const newer = entry.summary.endedAt > seen.summary.endedAt ? entry : seen;
    if (seen.outcome === entry.outcome) {
      options.onWarning?.(`merge: ${where} is in ${seen.run.summary.runId} and ${entry.run.summary.runId} with the same result; keeping ${newer.run.summary.runId}`);
    } else if (options.allowOverlap) {
      options.onWarning?.(`merge: ${where} differs between ${seen.run.summary.runId} and ${entry.run.summary.runId}; keeping the newer scan (${newer.run.summary.runId})`);
    } else {
      throw new UsageError(`merge: ${where} is in ${seen.run.summary.runId} and ${entry.run.summary.runId} with different results`,
        'merge runs over different sites (shards of one list), or pass --allow-overlap to keep the newer scan');
    }
    chosen.set(key, newer);
  }
  return [...chosen.values()];
}

/** Seeds, `--fail-on` and shards of the inputs: what the merged run.json states about them. */
function mergedHeader(runs: PriorRun[], options: MergeOptions): { seed: string; failOn: Severity } {
  const failOns = [...new Set(runs.map((r) => r.summary.failOn))];
  if (!options.failOn && failOns.length > 1) {
    throw new UsageError(`merge: the runs were scanned with different --fail-on (${failOns.join(', ')})`, 'give merge --fail-on <severity>');
  }
  const counts = [...new Set(runs.flatMap((r) => (r.summary.shard ? [r.summary.shard.count] : [])))];
  if (counts.length > 1) options.onWarning?.(`merge: the runs are shards of different splits (${counts.map((n) => `of ${n}`).join(', ')})`);
  if (counts.length === 1) {
    const have = new Set(runs.map((r) => r.summary.shard?.index));
    const missing = Array.from({ length: counts[0]! }, (_, i) => i).filter((i) => !have.has(i));
    if (missing.length) options.onWarning?.(`merge: shard(s) ${missing.map((i) => `${i}/${counts[0]}`).join(', ')} not given: the merged run covers only part of the list`);
  }
  // One seed reproduces every persona when the shards shared it (the documented way); else all are kept.
  const seed = [...new Set(runs.map((r) => r.summary.seed))].join(',');
  return { seed, failOn: options.failOn ?? failOns[0]! };
}

/** Copies (or moves) one bundle folder into the merged run folder. */
async function bringBundle(from: string, to: string, move: boolean): Promise<void> {
  await rm(to, { recursive: true, force: true });
  if (move) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    }
  }
  await cp(from, to, { recursive: true, preserveTimestamps: true, errorOnExist: false });
  if (move) await rm(from, { recursive: true, force: true });
}

export interface MergedRun {
  summary: RunSummary;
  reports: SiteReport[];
  /** The input runs, as read (for the store merge: their ids). */
  inputs: PriorRun[];
}

/**
 * Joins run folders into one: every site's bundle copied (or moved) into `<out>/<run-id>/sites/`,
 * one `run.json` over all sites, and `index.html`/`junit.xml` by the same code as `scan`. The exit
 * code is recomputed from all sites, so it is the worst of the inputs'. The inputs are read in
 * full and checked before anything is written: a refused merge leaves no half-made folder.
 */
export async function mergeRuns(options: MergeOptions): Promise<MergedRun> {
  if (!options.runs.length) throw new UsageError('merge: give at least one run folder', 'pixel-audit merge <run-folder...> --out <dir>');
  const inputs: PriorRun[] = [];
  for (const folder of options.runs) {
    const run = await readRun(folder);
    if (inputs.some((r) => r.summary.runId === run.summary.runId)) throw new UsageError(`merge: run ${run.summary.runId} is given twice (${folder})`);
    inputs.push(run);
  }
  const header = mergedHeader(inputs, options);
  for (const run of inputs) {
    const done = new Set(run.summary.sites.map(keyOf));
    const missing = run.summary.targets.filter((t) => !done.has(keyOf(t))).length;
    if (missing) options.onWarning?.(`merge: run ${run.summary.runId} did not finish: ${missing} planned site(s) have no result (finish it first with scan --resume ${run.runDir})`);
  }
  const entries: Entry[] = [];
  for (const run of inputs) {
    for (const summary of run.summary.sites) {
      const report = await readSite(run, summary);
      entries.push({ run, summary, report, outcome: outcomeOf(report) });
    }
  }
  const picked = pickSites(entries, options);
  const startedAt = inputs.map((r) => r.summary.startedAt).sort()[0]!;
  const ends = inputs.map((r) => r.summary.endedAt);
  const runId = newRunId(new Date(startedAt));
  const runDir = await ensureDir(resolve(options.out, runId));
  await ensureDir(join(runDir, 'sites'));
  const reports: SiteReport[] = [];
  for (const entry of picked) {
    const from = entry.summary.bundle ? join(entry.run.runDir, entry.summary.bundle) : undefined;
    const present = from ? await stat(from).then(() => true, () => false) : false;
    if (from && !present) options.onWarning?.(`merge: ${from} is missing; ${entry.summary.input} is listed without its bundle`);
    if (present) await bringBundle(from!, join(runDir, entry.summary.bundle!), Boolean(options.move));
    const bundleDir = present ? join(runDir, entry.summary.bundle!) : undefined;
    reports.push({ ...entry.report, summary: entry.summary, ...(bundleDir ? { bundleDir } : {}) });
  }
  // Maps, not searches: a regulator's night is thousands of sites.
  const planned = new Map<string, PlannedTarget>();
  for (const run of inputs) for (const t of run.summary.targets) if (!planned.has(keyOf(t))) planned.set(keyOf(t), t);
  const targets = [...planned.values()];
  const position = new Map(targets.map((t, i) => [keyOf(t), i]));
  const order = (s: SiteSummary): number => position.get(keyOf(s)) ?? targets.length;
  const summary: RunSummary = {
    schemaVersion: RUN_SCHEMA_VERSION, runId, runDir, tool: { name: 'pixel-audit', version: TOOL_VERSION },
    startedAt, ...(ends.every(Boolean) ? { endedAt: (ends as string[]).sort().at(-1)! } : {}),
    seed: header.seed, failOn: header.failOn, targets,
    mergedFrom: inputs.map((r) => ({
      runId: r.summary.runId, ...(r.summary.shard ? { shard: formatShard(r.summary.shard) } : {}),
      sites: picked.filter((e) => e.run === r).length,
    })),
    sites: reports.map((r) => r.summary).sort((a, b) => order(a) - order(b)),
  };
  summary.exitCode = exitCodeFor(reports, { failOn: header.failOn });
  await writeJson(join(runDir, 'run.json'), summary);
  await writeRunReports(runDir, summary, reports);
  return { summary, reports, inputs };
}

/**
 * After `--move`: removes each input run folder whose bundles all moved (its run.json, index and
 * junit are summed up in the merged run). A folder still holding a bundle — the scan that lost
 * to a newer one with `--allow-overlap` — is kept, so no evidence is deleted.
 */
export async function removeMovedInputs(inputs: readonly PriorRun[], warn: (line: string) => void = () => undefined): Promise<void> {
  for (const run of inputs) {
    const left = await readdir(join(run.runDir, 'sites')).catch(() => []);
    if (left.length) warn(`merge: ${run.runDir} still holds ${left.length} bundle(s) that were not merged; kept`);
    else await rm(run.runDir, { recursive: true, force: true });
  }
}
