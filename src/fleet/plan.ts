import { z } from 'zod';
import type { ScanOptions } from '../config/options.js';
import { plannedTargetSchema, siteSummarySchema } from '../report/run-summary.js';

/**
 * Scan options that belong to the worker's machine (`out`, `store`, `concurrency`, `browserPath`)
 * or to one process (`resume`, `shard`, `webhook` — a secret that must not sit in job data):
 * left out of a fleet run's plan. The rest is what every worker scans with; file options
 * (`--persona`, `--rules`, `--controller`, `--sign-key`) are paths every worker must be able to read.
 */
const WORKER_OWN_OPTIONS = new Set(['urls', 'out', 'store', 'concurrency', 'browserPath', 'resume', 'shard', 'webhook']);

export function fleetOptionsOf(options: ScanOptions): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([key, value]) => !WORKER_OWN_OPTIONS.has(key) && value !== undefined));
}

/** A fleet run as `enqueue` planned it (the runs table's `plan` column). */
export const fleetPlanSchema = z.object({
  runId: z.string().min(1),
  /** UTC time of the first `enqueue`: the run's start in `run.json` and the store. */
  createdAt: z.string(),
  /** Seed of the run's personas (each site's persona is `seed:host`, as in `scan`). */
  seed: z.string().min(1),
  /** Scan options for every site, validated by `enqueue` (see `fleetOptionsOf`). */
  options: z.record(z.string(), z.unknown()),
  /** Every target of the run in plan order, each with its bundle folder: one job each. */
  targets: z.array(plannedTargetSchema),
  retries: z.number().int().nonnegative(),
  leaseSeconds: z.number().int().positive(),
});
export type FleetPlan = z.infer<typeof fleetPlanSchema>;

/** The data of one site job: its run and its planned target. */
export const siteJobSchema = z.object({
  runId: z.string().min(1),
  target: plannedTargetSchema,
});
export type SiteJob = z.infer<typeof siteJobSchema>;

/** What a worker stores as the job's output: the site's line of `run.json`. */
export const siteJobOutputSchema = z.object({ summary: siteSummarySchema });

/** The job's singleton key: one job per run and bundle folder (a consent pass is its own bundle). */
export function siteJobKey(runId: string, target: { input: string; bundle?: string }): string {
  return `${runId}/${target.bundle ?? target.input}`;
}
