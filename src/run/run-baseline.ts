import { ExitCode, UsageError } from '../config/errors.js';
import type { ScanOptions } from '../config/options.js';
import { baselineOutcome, type Baseline } from '../baseline/apply.js';
import { readBaselineFile, writeBaselineFile } from '../baseline/file.js';
import { DEFAULT_BASELINE_FILE, type BaselineFile, type BaselineOutcome } from '../baseline/schema.js';
import { mergeBaseline } from '../baseline/update.js';
import type { SiteReport } from '../report/run-summary.js';

type BaselineOptions = Pick<ScanOptions, 'baseline' | 'updateBaseline' | 'baselineReason' | 'baselineOwner' | 'baselineExpires'> & Partial<Pick<ScanOptions, 'failOn'>>;

/** The baseline a run judges against, and the file `--update-baseline` merges into. */
export interface RunBaseline {
  baseline: Baseline;
  file: BaselineFile;
  path: string;
}

/**
 * Reads `--baseline` before any site is scanned (a bad file is exit 2 then, not after an hour of
 * scanning). With `--update-baseline` and no `--baseline`, the default file is used, and a
 * missing file is an empty baseline.
 */
export async function loadRunBaseline(options: BaselineOptions): Promise<RunBaseline | undefined> {
  const extra = (['baselineReason', 'baselineOwner', 'baselineExpires'] as const).filter((k) => options[k] !== undefined);
  if (extra.length && !options.updateBaseline) {
    throw new UsageError(`--${extra[0]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} only applies with --update-baseline`);
  }
  const path = options.baseline ?? (options.updateBaseline ? DEFAULT_BASELINE_FILE : undefined);
  if (!path) return undefined;
  const file = await readBaselineFile(path, Boolean(options.updateBaseline));
  return { baseline: { file: path, entries: file.entries }, file, path };
}

/**
 * The run's baseline outcome for `run.json` (accepted, stale, expired) and, with
 * `--update-baseline`, the merged file to write (findings and the facts that can fail a run). A
 * merge that cannot be made (new findings, no reason) is recorded as `updateError` rather than thrown: the run's bundles and summary stand.
 */
export function settleRunBaseline(run: RunBaseline, reports: readonly SiteReport[], options: BaselineOptions, now: Date): { outcome: BaselineOutcome; write?: BaselineFile } {
  const outcome = baselineOutcome(run.baseline, reports.map((r) => ({ site: r.summary.site, status: r.summary.status, findings: r.findings, facts: r.facts })), now);
  if (!options.updateBaseline) return { outcome };
  try {
    const sites = reports.flatMap((r) => (r.summary.site ? [{ site: r.summary.site, facts: r.facts ?? [] }] : []));
    const merged = mergeBaseline(run.file, reports.flatMap((r) => r.findings), {
      reason: options.baselineReason, owner: options.baselineOwner, expires: options.baselineExpires, failOn: options.failOn, now,
    }, sites);
    return { outcome: { ...outcome, added: merged.added.length }, ...(merged.added.length ? { write: merged.file } : {}) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { outcome: { ...outcome, updateError: `${error.message}${error.hint ? ` (${error.hint})` : ''}` } };
  }
}

/** Writes the merged baseline, if there is one; a file that cannot be written is exit 2, said in one line. */
export async function writeRunBaseline(run: RunBaseline, outcome: BaselineOutcome, write: BaselineFile | undefined): Promise<ExitCode | undefined> {
  if (outcome.updateError) return ExitCode.usage;
  if (!write) return undefined;
  try {
    await writeBaselineFile(run.path, write);
    return undefined;
  } catch (error) {
    outcome.updateError = `--update-baseline: cannot write ${run.path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    return ExitCode.usage;
  }
}
