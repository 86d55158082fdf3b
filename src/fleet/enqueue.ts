import { randomBytes } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { UsageError } from '../config/errors.js';
import type { ScanOptions } from '../config/options.js';
import { parseTarget } from '../config/targets.js';
import { expandConsentPasses } from '../run/consent-passes.js';
import { planTargets } from '../run/resume.js';
import { newRunId } from '../run/scan-run.js';
import { fleetOptionsOf, fleetPlanSchema, siteJobKey, type FleetPlan, type SiteJob } from './plan.js';
import { RUNS_TABLE, SITE_QUEUE, type OpenQueue } from './queue.js';

/** Grace between the per-site deadline and the lease: the hard stop, judging and writing the bundle. */
export const LEASE_GRACE_SECONDS = 120;
/** A lease must outlast the site's deadline by at least this much (tests use short leases). */
export const MIN_LEASE_MARGIN_SECONDS = 5;

export interface EnqueueRequest {
  /** Validated scan options; `urls` are the targets to add. */
  options: ScanOptions;
  /** Add to this existing run instead of starting a new one. */
  runId?: string;
  /** Retries after the first attempt (pg-boss `retryLimit`). */
  retries: number;
  /** Lease of a site job, seconds (pg-boss `expireInSeconds`); default: deadline + grace. */
  leaseSeconds?: number;
}

export interface EnqueueResult {
  runId: string;
  /** Site jobs sent now. */
  queued: number;
  /** Targets already in the run (not queued again). */
  skipped: number;
  plan: FleetPlan;
}

/**
 * Plans a run and sends one job per planned target, in one transaction with the run's row: a
 * run never has a target twice (`--run` adds only targets the run does not have, under the
 * row's lock), and a failed enqueue leaves no half-queued run. Bundle folders are decided here,
 * once, as `scan` decides them, so every worker writes a site to the same place.
 */
export async function enqueueRun(queue: OpenQueue, request: EnqueueRequest): Promise<EnqueueResult> {
  const { options } = request;
  const lease = request.leaseSeconds ?? options.siteTimeout + LEASE_GRACE_SECONDS;
  if (lease < options.siteTimeout + MIN_LEASE_MARGIN_SECONDS) {
    throw new UsageError(`--lease ${lease}: must be at least --site-timeout (${options.siteTimeout}) + ${MIN_LEASE_MARGIN_SECONDS} seconds`,
      'a lease shorter than the deadline would hand a live site to a second worker');
  }
  const inputs = [...new Set(options.urls.map((u) => u.trim()))];
  const client = await queue.pool.connect();
  try {
    await client.query('BEGIN');
    let plan: FleetPlan;
    let fresh: FleetPlan['targets'];
    if (request.runId) {
      const { rows } = await client.query<{ plan: unknown; finished_at: string | null }>(
        `SELECT plan, finished_at FROM ${RUNS_TABLE} WHERE run_id = $1 FOR UPDATE`, [request.runId]);
      if (!rows[0]) throw new UsageError(`--run ${request.runId}: no such run in ${queue.location}`, 'leave --run out to start a new run');
      if (rows[0].finished_at) throw new UsageError(`--run ${request.runId}: the run has finished; its summary is written`, 'start a new run');
      const prior = fleetPlanSchema.parse(rows[0].plan);
      const known = new Set(prior.targets.map((t) => t.input));
      const added = inputs.filter((i) => !known.has(i));
      // Plan the old inputs first: their slugs stay, and a new one can never take an old folder.
      const all = expandConsentPasses(planTargets([...new Set(prior.targets.map((t) => t.input)), ...added]), options.consent);
      fresh = all.filter((t) => added.includes(t.input));
      plan = { ...prior, targets: [...prior.targets, ...fresh] };
    } else {
      fresh = expandConsentPasses(planTargets(inputs), options.consent);
      if (fresh.every((t) => !t.bundle)) {
        throw new UsageError((parseTarget(fresh[0]!.input) as { error: string }).error, 'give URLs such as https://www.example.se/');
      }
      plan = {
        runId: newRunId(), createdAt: new Date().toISOString(), seed: options.seed ?? randomBytes(6).toString('hex'),
        options: fleetOptionsOf(options), targets: fresh, retries: request.retries, leaseSeconds: lease,
      };
    }
    await client.query(
      `INSERT INTO ${RUNS_TABLE} (run_id, created_at, plan) VALUES ($1, $2, $3)
       ON CONFLICT (run_id) DO UPDATE SET plan = EXCLUDED.plan`,
      [plan.runId, plan.createdAt, JSON.stringify(plan)],
    );
    const jobs: PgBoss.JobInsert<SiteJob>[] = fresh.map((target) => ({
      name: SITE_QUEUE,
      data: { runId: plan.runId, target },
      singletonKey: siteJobKey(plan.runId, target),
      retryLimit: plan.retries,
      retryDelay: 1,
      expireInSeconds: plan.leaseSeconds,
    }));
    // The jobs go in through this transaction's client: all of them with the plan, or none.
    if (jobs.length) await queue.boss.insert(jobs, { db: { executeSql: (text, values) => client.query(text, values) } });
    await client.query('COMMIT');
    return { runId: plan.runId, queued: fresh.length, skipped: inputs.length - new Set(fresh.map((t) => t.input)).size, plan };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Reads a run's plan; undefined when the queue has no such run. */
export async function readPlan(queue: Pick<OpenQueue, 'pool'>, runId: string): Promise<(FleetPlan & { finishedAt?: string }) | undefined> {
  const { rows } = await queue.pool.query<{ plan: unknown; finished_at: string | null }>(
    `SELECT plan, finished_at FROM ${RUNS_TABLE} WHERE run_id = $1`, [runId]);
  if (!rows[0]) return undefined;
  return { ...fleetPlanSchema.parse(rows[0].plan), ...(rows[0].finished_at ? { finishedAt: rows[0].finished_at } : {}) };
}
