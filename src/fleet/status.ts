import type { Severity } from '../config/options.js';
import { severityRank } from '../config/options.js';
import { readPlan } from './enqueue.js';
import { siteJobOutputSchema } from './plan.js';
import { endedJobs, jobStateCounts, type OpenQueue } from './queue.js';

/** `run-status` exit code while sites are still waiting, retrying or being scanned. */
export const RUN_IN_PROGRESS = 4;

/** Progress of a fleet run, from the queue (`run-status --json` prints it). */
export interface RunStatus {
  runId: string;
  /** Planned sites (a consent pass of `--consent all` counts as one). */
  sites: number;
  /** Jobs waiting for a first attempt. */
  queued: number;
  /** Jobs leased by a worker now. */
  active: number;
  /** Jobs whose last attempt failed and that wait for another. */
  retrying: number;
  /** Sites scanned to the end (status `ok` or `partial`). */
  completed: number;
  /** Sites that failed on every attempt (each with its reason in the run's `run.json` and the store). */
  failed: number;
  /** Findings in the sites ended so far, and the highest severity among them. */
  findings: number;
  maxSeverity?: Severity;
  /** True when no site is waiting, retrying or leased: the queue has drained. */
  finished: boolean;
  /** When the finishing worker wrote `run.json` and ended the run in the store. */
  summaryWrittenAt?: string;
}

/** Counts a run's sites by job state, and its findings so far; undefined for an unknown run. */
export async function runStatus(queue: OpenQueue, runId: string): Promise<RunStatus | undefined> {
  const plan = await readPlan(queue, runId);
  if (!plan) return undefined;
  const counts = await jobStateCounts(queue.pool, runId);
  let findings = 0;
  let maxSeverity: Severity | undefined;
  for (const job of await endedJobs(queue.pool, runId)) {
    const output = siteJobOutputSchema.safeParse(job.output);
    if (!output.success) continue;
    findings += output.data.summary.findings;
    const severity = output.data.summary.maxSeverity;
    if (severity && (!maxSeverity || severityRank(severity) > severityRank(maxSeverity))) maxSeverity = severity;
  }
  const open = counts.created + counts.retry + counts.active;
  return {
    runId, sites: plan.targets.length,
    queued: counts.created, active: counts.active, retrying: counts.retry, completed: counts.completed, failed: counts.failed + counts.cancelled,
    findings, ...(maxSeverity ? { maxSeverity } : {}),
    finished: open === 0, ...(plan.finishedAt ? { summaryWrittenAt: plan.finishedAt } : {}),
  };
}

/** One line for the terminal. */
export function formatRunStatus(s: RunStatus): string {
  const state = s.finished ? 'finished' : 'in progress';
  const severity = s.maxSeverity ? `, highest ${s.maxSeverity}` : '';
  return `run ${s.runId}: ${state} — ${s.sites} site(s): ${s.queued} queued, ${s.active} active, ${s.retrying} retrying, `
    + `${s.completed} completed, ${s.failed} failed; ${s.findings} finding(s)${severity}`;
}
