import { join } from 'node:path';
import { writeJson } from '../evidence/bundle.js';
import { RUN_SCHEMA_VERSION, siteSummarySchema, type RunSummary, type SiteReport, type SiteSummary } from '../report/run-summary.js';
import { writeRunReports } from '../report/run-reports.js';
import { reportFromBundle } from '../run/resume.js';
import { exitCodeFor } from '../run/scan-run.js';
import { TOOL_VERSION } from '../version.js';
import type { FleetRun } from './fleet-run.js';
import { siteJobOutputSchema, siteJobSchema, type SiteJob } from './plan.js';
import { BOSS_SCHEMA, RUNS_TABLE, SITE_QUEUE, endedJobs, type OpenQueue } from './queue.js';

/** The reason recorded for a site whose every attempt ended with its lease expiring. */
export const LEASE_EXPIRED = 'the worker scanning it stopped answering on every attempt (lease expired); no result';

/**
 * Writes a run's summary when its queue has drained: `run.json`, `index.html`, `junit.xml` and
 * the store's end of run with the exit code `scan` would give. Exactly one worker does it: the
 * runs table's `finished_at` is claimed in the same statement that checks no job of the run is
 * still waiting or leased. Returns the summary, or undefined when the run is not drained or
 * another worker already finished it.
 */
export async function finishIfDrained(queue: OpenQueue, run: FleetRun): Promise<RunSummary | undefined> {
  const { runId } = run.plan;
  const { rowCount } = await queue.pool.query(
    `UPDATE ${RUNS_TABLE} SET finished_at = $2 WHERE run_id = $1 AND finished_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM ${BOSS_SCHEMA}.job WHERE name = $3 AND data->>'runId' = $1 AND state < 'completed')`,
    [runId, new Date().toISOString(), SITE_QUEUE],
  );
  if (!rowCount) return undefined;
  const ended = await endedJobs(queue.pool, runId);
  const sites: SiteSummary[] = [];
  for (const job of ended) {
    const data = siteJobSchema.safeParse(job.data);
    if (!data.success) continue;
    const output = siteJobOutputSchema.safeParse(job.output);
    if (output.success) {
      sites.push(output.data.summary);
      continue;
    }
    // Failed without a summary of ours: every lease expired (the worker was killed each time).
    const lost = lostSite(data.data.target);
    sites.push(lost);
    await run.history.site(runId, { summary: lost, findings: [] });
  }
  const order = (s: SiteSummary) => run.plan.targets.findIndex((t) => t.input === s.input && t.bundle === s.bundle);
  sites.sort((a, b) => order(a) - order(b));
  const reports: SiteReport[] = [];
  for (const summary of sites) {
    const target = run.plan.targets.find((t) => t.input === summary.input && t.bundle === summary.bundle);
    // The findings come from the bundle when this worker can see it (a shared volume); else the line alone.
    const fromBundle = target?.bundle && summary.status !== 'failed'
      ? await reportFromBundle(run.runDir, { ...target, bundle: target.bundle }, summary).catch(() => undefined)
      : undefined;
    reports.push(fromBundle ?? { summary, findings: [] });
  }
  const summary: RunSummary = {
    schemaVersion: RUN_SCHEMA_VERSION, runId, runDir: run.runDir, tool: { name: 'pixel-audit', version: TOOL_VERSION },
    startedAt: run.plan.createdAt, endedAt: new Date().toISOString(), seed: run.plan.seed, failOn: run.options.failOn,
    targets: run.plan.targets, sites, exitCode: exitCodeFor(reports, run.options),
  };
  // Findings counted from the lines when a bundle is elsewhere: the exit code must not say clean.
  if (summary.exitCode === 0 && sites.some((s) => s.findings > 0)) summary.exitCode = 1;
  await writeJson(join(run.runDir, 'run.json'), summary);
  await writeRunReports(run.runDir, summary, reports);
  await run.history.finish(summary, reports);
  return summary;
}

function lostSite(target: SiteJob['target']): SiteSummary {
  const now = new Date().toISOString();
  return siteSummarySchema.parse({
    input: target.input, ...(target.site ? { site: target.site } : {}), ...(target.bundle ? { bundle: target.bundle } : {}),
    ...(target.consent ? { consent: target.consent } : {}),
    status: 'failed', error: LEASE_EXPIRED, pages: 0, forms: 0, requests: 0, findings: 0, startedAt: now, endedAt: now,
  });
}
