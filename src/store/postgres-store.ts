import pg from 'pg';
import { UsageError } from '../config/errors.js';
import { redactUrlPassword } from '../shared/redact-url.js';
import { MIGRATIONS, MIGRATIONS_TABLE, type Migration } from './migrations.js';
import { connectionError, isMissingDatabase, noStoreError } from './postgres-connect.js';
import { runFromRow, withFingerprints, type Row } from './rows.js';
import type { FingerprintRecord, RunRecord, SiteScan, SiteScanRecord, Store } from './types.js';

/*
 * The dialect differences from the SQLite driver, all of them here: `$n` placeholders instead of
 * `?`, and `COLLATE "C"` on every text ORDER BY so that rows come back in SQLite's byte order
 * whatever the database's locale (ISO times sort the same either way; sites and run ids may
 * not). The migrations themselves are the same statements (src/store/migrations.ts).
 */

/** Serialises migrations across every process that opens the same database at once. */
const MIGRATION_LOCK = "hashtext('pixel-audit:schema_migrations')";

/** Columns of one `findings` row, in insert order. */
const FINDING_COLUMNS = ['run_id', 'site', 'consent', 'fingerprint', 'tracker', 'data_category', 'parameter', 'transform',
  'severity', 'recipient_host', 'first_seen_at', 'last_seen_at', 'occurrences'] as const;
/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters. */
const INSERT_CHUNK = 500;

async function inTransaction<T>(pool: pg.Pool, action: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await action(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Applies the migrations the database has not seen, all in one transaction that holds an
 * advisory lock: several workers starting at once wait for the first, then find nothing to do.
 * PostgreSQL's DDL is transactional, so a failed migration leaves no half-made table behind.
 * With `mustExist` (read commands) a database without the migrations table is no store.
 */
export async function migratePostgres(
  pool: pg.Pool, options: { mustExist?: boolean; url?: string } = {},
  migrations: readonly Migration[] = MIGRATIONS, now = () => new Date().toISOString(),
): Promise<number> {
  return inTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    // DDL only when something is missing: a read-only role (history, diff) may not create tables,
    // and PostgreSQL checks that right even for CREATE TABLE IF NOT EXISTS on an existing table.
    const { rows: found } = await client.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
    if (!found[0]?.t) {
      if (options.mustExist) throw noStoreError(options.url ?? '');
      await client.query(MIGRATIONS_TABLE);
    }
    const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    const current = Number(rows[0]?.v ?? 0);
    const latest = migrations.at(-1)?.version ?? 0;
    if (current > latest) {
      throw new UsageError(`the store has schema version ${current}, newer than this pixel-audit knows (${latest})`, 'upgrade pixel-audit, or use another --store');
    }
    for (const migration of migrations.filter((m) => m.version > current)) {
      for (const statement of migration.statements) await client.query(statement);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, now()]);
    }
    return Math.max(current, latest);
  });
}

/** Options of `PostgresStore.open`. */
export interface PostgresStoreOptions {
  /** Read commands: require the schema to be there, never create it. */
  mustExist?: boolean;
  /** Connections in the pool (default 4: a scan's concurrent sites, each a short transaction). */
  maxConnections?: number;
  /** How long to wait for a connection before giving up (default 10 s). */
  connectTimeoutMs?: number;
}

/**
 * The PostgreSQL driver (`pg` pool): the same schema and migrations as SQLite, for a fleet of
 * workers writing one history. Each site scan is recorded in one transaction; `beginRun` is an
 * upsert, so every worker of a run may call it at once.
 */
export class PostgresStore implements Store {
  /** The URL without its password. */
  readonly location: string;
  private closed = false;

  private constructor(private readonly pool: pg.Pool, url: string, readonly schemaVersion: number) {
    this.location = redactUrlPassword(url);
  }

  /** Connects, migrates (or, with `mustExist`, requires the schema) and returns the store; a failure is one UsageError line. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    let pool: pg.Pool;
    try {
      // No allowExitOnIdle: an unref'd idle socket can let a command exit before its output; callers close the store.
      pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 4, connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000 });
    } catch (error) {
      throw connectionError(url, error);
    }
    // An idle connection the server drops emits 'error' on the pool; unhandled, it would end the
    // process. The next query gets a fresh connection, or fails and is reported where it is made.
    pool.on('error', () => undefined);
    try {
      return new PostgresStore(pool, url, await migratePostgres(pool, { mustExist: options.mustExist, url }));
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw options.mustExist && isMissingDatabase(error) ? noStoreError(url) : connectionError(url, error);
    }
  }

  async beginRun(run: RunRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO runs (run_id, started_at, ended_at, run_dir, tool_version, exit_code) VALUES ($1, $2, NULL, $3, $4, NULL)
       ON CONFLICT (run_id) DO UPDATE SET ended_at = NULL, exit_code = NULL, run_dir = excluded.run_dir, tool_version = excluded.tool_version`,
      [run.runId, run.startedAt, run.runDir ?? null, run.toolVersion],
    );
  }

  async recordSiteScan(scan: SiteScanRecord, fingerprints: FingerprintRecord[]): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      // The upsert locks the scan's row: a second writer of the same site waits here until this
      // transaction ends, then replaces it whole (no mix of two writers' fingerprints).
      await client.query(
        `INSERT INTO site_scans (run_id, site, consent, input, status, error, started_at, ended_at, bundle, finding_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (run_id, site, consent) DO UPDATE SET input = excluded.input, status = excluded.status, error = excluded.error,
           started_at = excluded.started_at, ended_at = excluded.ended_at, bundle = excluded.bundle, finding_count = excluded.finding_count`,
        [scan.runId, scan.site, scan.consent, scan.input, scan.status, scan.error ?? null, scan.startedAt, scan.endedAt, scan.bundle ?? null, scan.findingCount],
      );
      await client.query('DELETE FROM findings WHERE run_id = $1 AND site = $2 AND consent = $3', [scan.runId, scan.site, scan.consent]);
      for (let i = 0; i < fingerprints.length; i += INSERT_CHUNK) {
        const chunk = fingerprints.slice(i, i + INSERT_CHUNK);
        const values = chunk.flatMap((f) => [scan.runId, scan.site, scan.consent, f.fingerprint, f.tracker, f.dataCategory, f.parameter,
          JSON.stringify(f.transform), f.severity, f.recipientHost, f.firstSeenAt, f.lastSeenAt, f.occurrences]);
        const tuples = chunk.map((_, row) => `(${FINDING_COLUMNS.map((__, col) => `$${row * FINDING_COLUMNS.length + col + 1}`).join(', ')})`);
        await client.query(`INSERT INTO findings (${FINDING_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, values);
      }
    });
  }

  async endRun(runId: string, endedAt: string, exitCode?: number): Promise<void> {
    await this.pool.query('UPDATE runs SET ended_at = $1, exit_code = $2 WHERE run_id = $3', [endedAt, exitCode ?? null, runId]);
  }

  async run(runId: string): Promise<RunRecord | undefined> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM runs WHERE run_id = $1', [runId]);
    return rows[0] ? runFromRow(rows[0]) : undefined;
  }

  async runs(limit = 1000): Promise<RunRecord[]> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM runs ORDER BY started_at COLLATE "C" DESC, run_id COLLATE "C" DESC LIMIT $1', [limit]);
    return rows.map(runFromRow);
  }

  async sites(): Promise<string[]> {
    const { rows } = await this.pool.query<Row>('SELECT site FROM site_scans GROUP BY site ORDER BY site COLLATE "C"');
    return rows.map((r) => String(r.site));
  }

  async siteScans(site: string): Promise<SiteScan[]> {
    return this.scansWithFingerprints(
      'SELECT * FROM site_scans WHERE site = $1 ORDER BY started_at COLLATE "C", run_id COLLATE "C", consent COLLATE "C"',
      'SELECT * FROM findings WHERE site = $1 ORDER BY fingerprint COLLATE "C"', site,
    );
  }

  async runScans(runId: string): Promise<SiteScan[]> {
    return this.scansWithFingerprints(
      'SELECT * FROM site_scans WHERE run_id = $1 ORDER BY site COLLATE "C", consent COLLATE "C"',
      'SELECT * FROM findings WHERE run_id = $1 ORDER BY fingerprint COLLATE "C"', runId,
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /** Scans and their findings read from one snapshot, so a worker's write between the two reads cannot tear them. */
  private async scansWithFingerprints(scansSql: string, findingsSql: string, key: string): Promise<SiteScan[]> {
    return inTransaction(this.pool, async (client) => {
      const scans = await client.query<Row>(scansSql, [key]);
      const findings = await client.query<Row>(findingsSql, [key]);
      return withFingerprints(scans.rows, findings.rows);
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }
}
