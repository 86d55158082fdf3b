/**
 * Versioned schema migrations, applied in order and recorded in `schema_migrations`. The SQL is
 * kept portable between SQLite and PostgreSQL: TEXT and INTEGER only, ISO-8601 UTC text times,
 * JSON arrays as TEXT, composite keys instead of auto-increment ids. Never edit a released
 * migration: add the next one.
 */
export interface Migration {
  version: number;
  name: string;
  /** Statements run in one transaction. */
  statements: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'runs, site scans, fingerprints',
    statements: [
      `CREATE TABLE runs (
        run_id TEXT PRIMARY KEY,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        run_dir TEXT,
        tool_version TEXT NOT NULL,
        exit_code INTEGER
      )`,
      `CREATE TABLE site_scans (
        run_id TEXT NOT NULL REFERENCES runs (run_id),
        site TEXT NOT NULL,
        consent TEXT NOT NULL,
        input TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('ok', 'partial', 'failed')),
        error TEXT,
        started_at TEXT NOT NULL,
        ended_at TEXT NOT NULL,
        bundle TEXT,
        finding_count INTEGER NOT NULL,
        PRIMARY KEY (run_id, site, consent)
      )`,
      'CREATE INDEX site_scans_by_site ON site_scans (site, started_at)',
      `CREATE TABLE findings (
        run_id TEXT NOT NULL,
        site TEXT NOT NULL,
        consent TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        tracker TEXT NOT NULL,
        data_category TEXT NOT NULL,
        parameter TEXT NOT NULL,
        transform TEXT NOT NULL,
        severity TEXT NOT NULL,
        recipient_host TEXT NOT NULL,
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        occurrences INTEGER NOT NULL,
        PRIMARY KEY (run_id, site, consent, fingerprint),
        FOREIGN KEY (run_id, site, consent) REFERENCES site_scans (run_id, site, consent) ON DELETE CASCADE
      )`,
      'CREATE INDEX findings_by_fingerprint ON findings (site, fingerprint)',
    ],
  },
];

/** The table that records applied migrations (created before any migration runs). */
export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;
