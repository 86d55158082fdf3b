import { describeZodError, UsageError } from '../config/errors.js';
import { scanOptionsSchema, type ScanOptions, type ScanOptionsInput } from '../config/options.js';
import type { Finding } from '../judge/finding.js';
import type { RunSummary, SiteReport } from '../report/run-summary.js';
import { readPriorRun } from '../run/resume.js';
import { runScan, type ScanHooks } from '../run/scan-run.js';

export type { ScanHooks };

/** What {@link scan} resolves to: the run as `run.json` records it, and each site's findings. */
export interface ScanResult {
  /** The run summary (`run.json`): run id and folder, seed, every site's status, `exitCode`. */
  summary: RunSummary;
  /** One report per site (per consent pass), with its findings, facts and bundle folder. */
  reports: SiteReport[];
  /** Every site's findings in one list (each names its `site`). */
  findings: Finding[];
}

/**
 * Validates scan options with the one options schema; a wrong value is a {@link UsageError}
 * naming the field and the value (`scan options: maxPages: … (got 0)`).
 */
export function parseScanOptions(input: ScanOptionsInput, source = 'scan options'): ScanOptions {
  const parsed = scanOptionsSchema.safeParse(input);
  if (!parsed.success) throw new UsageError(describeZodError(parsed.error, source, input));
  return parsed.data;
}

/**
 * Scans sites as `pixel-audit scan` does — crawl, fill forms with a canary persona, capture,
 * detect, judge — and writes one run folder under `options.out`. Unlike the command line, a
 * library call keeps no history unless `options.store` names a store. With `resume` and an
 * empty `urls`, the targets are the interrupted run's.
 *
 * @throws {UsageError} for bad options, rules, persona or controller files (before any site is
 *   scanned). A site that fails does not throw: its summary says `failed` with the reason.
 */
export async function scan(options: ScanOptionsInput, hooks: ScanHooks = {}): Promise<ScanResult> {
  let input = options;
  if (input.resume && !input.urls?.length) {
    input = { ...input, urls: (await readPriorRun(input.resume)).summary.targets.map((t) => t.input) };
  }
  const { summary, reports } = await runScan(parseScanOptions(input), hooks);
  return { summary, reports, findings: reports.flatMap((r) => r.findings) };
}
