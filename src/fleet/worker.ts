import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { SiteReport } from '../report/run-summary.js';
import { scanPlannedSite } from '../run/site-task.js';
import { BrowserPool, openFleetRun, type FleetRun, type WorkerSetup } from './fleet-run.js';
import { finishIfDrained } from './finish.js';
import { siteJobSchema } from './plan.js';
import { SITE_QUEUE, drainedUnfinishedRuns, openJobs, type OpenQueue } from './queue.js';

export interface WorkerOptions extends WorkerSetup {
  /** Sites scanned at once by this worker (one browser, a context each). */
  concurrency: number;
  /** Seconds an idle slot waits before asking again. */
  pollSeconds: number;
  /** Stop once the queue has no job waiting, retrying or leased (batch use, tests, the benchmark). */
  exitWhenDrained: boolean;
  logger?: Logger;
  /** One line per site as it ends, and when a run's summary is written. */
  onLine?: (line: string) => void;
}

/** What a worker did, for its last line. */
export interface WorkerResult {
  sites: number;
  failed: number;
  runsFinished: string[];
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

/**
 * Pulls site jobs and scans each with `scan`'s own site task, until `stop` is aborted (SIGTERM:
 * no new job is taken, the sites being scanned are finished and their jobs completed) or, with
 * `exitWhenDrained`, until nothing is left to do. A site that fails is retried by pg-boss while
 * attempts remain (the job fails, no result is kept); its last attempt is recorded as it ended,
 * failed with its reason. A worker killed outright holds its job until the lease expires, and
 * then another worker scans the site again from scratch (the half-written bundle removed first).
 */
export async function runWorker(queue: OpenQueue, options: WorkerOptions, stop: AbortSignal): Promise<WorkerResult> {
  const browsers = new BrowserPool(options.logger);
  const runs = new Map<string, Promise<FleetRun>>();
  const result: WorkerResult = { sites: 0, failed: 0, runsFinished: [] };
  const runFor = (runId: string): Promise<FleetRun> => {
    let run = runs.get(runId);
    if (!run) {
      run = openFleetRun(queue, runId, options, browsers);
      run.catch(() => runs.delete(runId)); // a plan file that could not be read: try again with the next job
      runs.set(runId, run);
    }
    return run;
  };

  const handle = async (job: PgBoss.JobWithMetadata<unknown>): Promise<void> => {
    const parsed = siteJobSchema.safeParse(job.data);
    if (!parsed.success) {
      await queue.boss.fail(SITE_QUEUE, job.id, { error: 'job data is not a pixel-audit site job' });
      return;
    }
    const { runId, target } = parsed.data;
    let run: FleetRun;
    try {
      run = await runFor(runId);
    } catch (error) {
      await queue.boss.fail(SITE_QUEUE, job.id, { error: firstLine(error) });
      options.onLine?.(`! ${target.input}: run ${runId} cannot start here: ${firstLine(error)}`);
      return;
    }
    const report = await scanPlannedSite(target, run.task);
    const lastAttempt = job.retryCount >= job.retryLimit;
    const failed = report.summary.status === 'failed';
    if (failed && !lastAttempt) {
      // No result kept: the retry scans the site again into the same bundle folder.
      await queue.boss.fail(SITE_QUEUE, job.id, { error: report.summary.error, attempt: job.retryCount + 1 });
      options.onLine?.(`~ ${target.input}: attempt ${job.retryCount + 1} of ${job.retryLimit + 1} failed (${report.summary.error}); retried`);
      return;
    }
    await recordSite(run, report);
    const output = { summary: report.summary };
    if (failed) await queue.boss.fail(SITE_QUEUE, job.id, output);
    else await queue.boss.complete(SITE_QUEUE, job.id, output);
    result.sites += 1;
    if (failed) result.failed += 1;
    options.onLine?.(siteLine(runId, report, job));
    await finish(run);
  };

  const finish = async (run: FleetRun): Promise<void> => {
    const summary = await finishIfDrained(queue, run);
    if (!summary) return;
    result.runsFinished.push(summary.runId);
    options.onLine?.(`run ${summary.runId} finished: ${summary.sites.length} site(s), exit ${summary.exitCode}; ${summary.runDir}`);
  };

  /** When idle: finish runs drained without a worker's help (the last site's lease ran out). */
  const finishOrphans = async (): Promise<void> => {
    for (const runId of await drainedUnfinishedRuns(queue.pool)) await finish(await runFor(runId)).catch(() => undefined);
  };

  const slot = async (): Promise<void> => {
    while (!stop.aborted) {
      const [job] = await queue.boss.fetch<unknown>(SITE_QUEUE, { batchSize: 1, includeMetadata: true });
      if (!job) {
        await finishOrphans();
        // Drained means nothing waiting and nothing leased: a dead worker's site comes back after its lease.
        if (options.exitWhenDrained && (await openJobs(queue.pool)) === 0) return;
        await sleep(options.pollSeconds * 1000, stop);
        continue;
      }
      try {
        await handle(job);
      } catch (error) {
        // The queue or the store went away mid-job: the lease brings the site back to some worker.
        options.logger?.error({ err: error, job: job.id }, 'site job failed');
        options.onLine?.(`! job ${job.id}: ${firstLine(error)}`);
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: options.concurrency }, slot));
  } finally {
    await browsers.close();
    for (const run of runs.values()) await (await run.catch(() => undefined))?.history.close();
  }
  return result;
}

async function recordSite(run: FleetRun, report: SiteReport): Promise<void> {
  // Recording the same run and site again replaces it: a retried site is never in the store twice.
  await run.history.site(run.plan.runId, report);
}

function siteLine(runId: string, report: SiteReport, job: { retryCount: number }): string {
  const s = report.summary;
  const attempt = job.retryCount ? ` (attempt ${job.retryCount + 1})` : '';
  const head = s.status === 'failed' ? `! ${s.input}: ${s.error}` : `${s.findings ? '✗' : '✓'} ${s.site}: ${s.findings} finding(s)`;
  return `${head}${attempt} [run ${runId}]`;
}

function firstLine(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
}
