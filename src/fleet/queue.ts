import PgBoss from 'pg-boss';
import pg from 'pg';
import { UsageError } from '../config/errors.js';
import { redactUrlPassword } from '../shared/redact-url.js';
import { isPostgresUrl, pgFailureReason, serverOf } from '../store/postgres-connect.js';

/** The pg-boss queue every site job goes into (one queue; a job names its run). */
export const SITE_QUEUE = 'pixel-audit-sites';
/** pg-boss's schema (its default). */
export const BOSS_SCHEMA = 'pgboss';
/** Our one table beside pg-boss's: each fleet run's plan and when its summary was written. */
export const RUNS_TABLE = 'pixel_audit_fleet_runs';

/** How often expired leases are swept, seconds (by whichever connected process gets there first). */
export interface QueueTiming {
  superviseSeconds?: number;
}

/** Checks `--queue` at the door: only a PostgreSQL URL can hold a pg-boss queue. */
export function checkQueueUrl(url: string | undefined): string {
  if (!url) throw new UsageError('--queue is required', 'give the work queue\'s database: --queue postgres://user@host/db');
  if (!isPostgresUrl(url)) {
    throw new UsageError(`--queue ${redactUrlPassword(url)}: expected a postgres:// URL`, 'the work queue lives in PostgreSQL (pg-boss)');
  }
  return url;
}

/**
 * An open queue: pg-boss (installed or migrated on first use) and our runs table. Jobs are
 * archived a week after they end rather than after pg-boss's 12 hours, so that `run-status`
 * can still count a run's sites the next morning.
 */
export interface OpenQueue {
  boss: PgBoss;
  pool: pg.Pool;
  location: string;
  close(options?: { graceful?: boolean }): Promise<void>;
}

export async function openQueue(url: string, timing: QueueTiming = {}): Promise<OpenQueue> {
  const location = redactUrlPassword(url);
  const boss = new PgBoss({
    connectionString: url,
    schema: BOSS_SCHEMA,
    max: 4,
    archiveCompletedAfterSeconds: 7 * 24 * 3600,
    maintenanceIntervalSeconds: timing.superviseSeconds ?? 60,
    schedule: false,
  });
  const errors: Error[] = [];
  boss.on('error', (error) => errors.push(error));
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined); // an idle client that lost its server: the next query says so
  try {
    await boss.start();
    if (!(await boss.getQueue(SITE_QUEUE))) await boss.createQueue(SITE_QUEUE, { name: SITE_QUEUE, policy: 'standard' });
    await pool.query(`CREATE TABLE IF NOT EXISTS ${RUNS_TABLE} (
      run_id TEXT PRIMARY KEY,
      created_at TEXT NOT NULL,
      plan JSONB NOT NULL,
      finished_at TEXT
    )`);
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await pool.end().catch(() => undefined);
    throw new UsageError(`--queue ${location}: cannot open the work queue at ${serverOf(url)} (${pgFailureReason(error as Error)})`, 'check the URL, and that the database exists and accepts connections');
  }
  return {
    boss, pool, location,
    async close({ graceful = true } = {}) {
      await boss.stop({ graceful, wait: true, timeout: 10_000 }).catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}

/** Counts of a run's site jobs by pg-boss state, from live and archived jobs. */
export type JobStateCounts = Record<'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed', number>;

export async function jobStateCounts(pool: pg.Pool, runId: string): Promise<JobStateCounts> {
  const { rows } = await pool.query<{ state: keyof JobStateCounts; n: string }>(
    `SELECT state::text AS state, count(*) AS n FROM (
       SELECT state FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND data->>'runId' = $2
       UNION ALL SELECT state FROM ${BOSS_SCHEMA}.archive WHERE name = $1 AND data->>'runId' = $2
     ) j GROUP BY state`,
    [SITE_QUEUE, runId],
  );
  const counts: JobStateCounts = { created: 0, retry: 0, active: 0, completed: 0, cancelled: 0, failed: 0 };
  for (const row of rows) counts[row.state] = Number(row.n);
  return counts;
}

/** Jobs of a run (or of the whole queue) not yet ended: waiting, waiting to retry, or leased. */
export async function openJobs(pool: pg.Pool, runId?: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND state < 'completed'${runId ? ` AND data->>'runId' = $2` : ''}`,
    runId ? [SITE_QUEUE, runId] : [SITE_QUEUE],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Each ended job of a run: its target (job data), state and output (the site summary we stored). */
export async function endedJobs(pool: pg.Pool, runId: string): Promise<Array<{ state: string; data: unknown; output: unknown }>> {
  const { rows } = await pool.query<{ state: string; data: unknown; output: unknown }>(
    `SELECT state::text AS state, data, output FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND data->>'runId' = $2 AND state >= 'completed'
     UNION ALL SELECT state::text, data, output FROM ${BOSS_SCHEMA}.archive WHERE name = $1 AND data->>'runId' = $2`,
    [SITE_QUEUE, runId],
  );
  return rows;
}

/**
 * Runs whose summary is not written though no job of theirs is open: their last site ended by
 * its lease expiring on its last attempt (no worker was there to finish the run), or the
 * finishing worker died. An idle worker finishes them.
 */
export async function drainedUnfinishedRuns(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ run_id: string }>(
    `SELECT run_id FROM ${RUNS_TABLE} r WHERE finished_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND data->>'runId' = r.run_id AND state < 'completed')`,
    [SITE_QUEUE],
  );
  return rows.map((r) => r.run_id);
}
