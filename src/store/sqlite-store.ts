import Database from 'better-sqlite3';
import { UsageError } from '../config/errors.js';
import { MIGRATIONS, MIGRATIONS_TABLE, type Migration } from './migrations.js';
import { runFromRow, withFingerprints, type Row } from './rows.js';
import type { FingerprintRecord, RunRecord, SiteScan, SiteScanRecord, Store } from './types.js';

/** Applies the migrations the database has not seen, each in its own transaction. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS, now = () => new Date().toISOString()): number {
  db.exec(MIGRATIONS_TABLE);
  const current = Number((db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as Row).v ?? 0);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new UsageError(`the store has schema version ${current}, newer than this pixel-audit knows (${latest})`, 'upgrade pixel-audit, or use another --store');
  }
  for (const migration of migrations.filter((m) => m.version > current)) {
    db.transaction(() => {
      for (const statement of migration.statements) db.exec(statement);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, now());
    })();
  }
  return Math.max(current, latest);
}

/**
 * The SQLite driver (better-sqlite3). Its calls are synchronous and short; the async interface
 * is for drivers that talk to a server. WAL and a busy timeout let a `history` read while a
 * nightly scan writes, and two overlapping scans wait for each other instead of failing.
 */
export class SqliteStore implements Store {
  readonly schemaVersion: number;
  private readonly db: Database.Database;

  constructor(readonly location: string, options: { fileMustExist?: boolean } = {}) {
    try {
      this.db = new Database(location, { fileMustExist: options.fileMustExist ?? false });
    } catch (error) {
      throw new UsageError(`--store ${location}: cannot open (${(error as Error).message})`,
        options.fileMustExist ? 'a scan with --store creates it' : undefined);
    }
    if (location !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('foreign_keys = ON');
    this.schemaVersion = migrate(this.db);
  }

  async beginRun(run: RunRecord): Promise<void> {
    this.db.prepare(
      `INSERT INTO runs (run_id, started_at, ended_at, run_dir, tool_version, exit_code) VALUES (?, ?, NULL, ?, ?, NULL)
       ON CONFLICT (run_id) DO UPDATE SET ended_at = NULL, exit_code = NULL, run_dir = excluded.run_dir, tool_version = excluded.tool_version`,
    ).run(run.runId, run.startedAt, run.runDir ?? null, run.toolVersion);
  }

  async recordSiteScan(scan: SiteScanRecord, fingerprints: FingerprintRecord[]): Promise<void> {
    const upsertScan = this.db.prepare(
      `INSERT INTO site_scans (run_id, site, consent, input, status, error, started_at, ended_at, bundle, finding_count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, site, consent) DO UPDATE SET input = excluded.input, status = excluded.status, error = excluded.error,
         started_at = excluded.started_at, ended_at = excluded.ended_at, bundle = excluded.bundle, finding_count = excluded.finding_count`,
    );
    const insertFingerprint = this.db.prepare(
      `INSERT INTO findings (run_id, site, consent, fingerprint, tracker, data_category, parameter, transform, severity,
         recipient_host, first_seen_at, last_seen_at, occurrences) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      upsertScan.run(scan.runId, scan.site, scan.consent, scan.input, scan.status, scan.error ?? null, scan.startedAt, scan.endedAt,
        scan.bundle ?? null, scan.findingCount);
      this.db.prepare('DELETE FROM findings WHERE run_id = ? AND site = ? AND consent = ?').run(scan.runId, scan.site, scan.consent);
      for (const f of fingerprints) {
        insertFingerprint.run(scan.runId, scan.site, scan.consent, f.fingerprint, f.tracker, f.dataCategory, f.parameter,
          JSON.stringify(f.transform), f.severity, f.recipientHost, f.firstSeenAt, f.lastSeenAt, f.occurrences);
      }
    })();
  }

  async endRun(runId: string, endedAt: string, exitCode?: number): Promise<void> {
    this.db.prepare('UPDATE runs SET ended_at = ?, exit_code = ? WHERE run_id = ?').run(endedAt, exitCode ?? null, runId);
  }

  async run(runId: string): Promise<RunRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM runs WHERE run_id = ?').get(runId) as Row | undefined;
    return row ? runFromRow(row) : undefined;
  }

  async runs(limit = 1000): Promise<RunRecord[]> {
    return (this.db.prepare('SELECT * FROM runs ORDER BY started_at DESC, run_id DESC LIMIT ?').all(limit) as Row[]).map(runFromRow);
  }

  async sites(): Promise<string[]> {
    return (this.db.prepare('SELECT DISTINCT site FROM site_scans ORDER BY site').all() as Row[]).map((r) => String(r.site));
  }

  async siteScans(site: string): Promise<SiteScan[]> {
    return withFingerprints(
      this.db.prepare('SELECT * FROM site_scans WHERE site = ? ORDER BY started_at, run_id, consent').all(site) as Row[],
      this.db.prepare('SELECT * FROM findings WHERE site = ? ORDER BY fingerprint').all(site) as Row[],
    );
  }

  async runScans(runId: string): Promise<SiteScan[]> {
    return withFingerprints(
      this.db.prepare('SELECT * FROM site_scans WHERE run_id = ? ORDER BY site, consent').all(runId) as Row[],
      this.db.prepare('SELECT * FROM findings WHERE run_id = ? ORDER BY fingerprint').all(runId) as Row[],
    );
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
