import type { Severity } from '../config/options.js';

/**
 * The history store's records. Every time is ISO-8601 UTC text (`2026-03-10T02:00:00.000Z`):
 * it sorts as text in SQLite and PostgreSQL alike, and reads the same in both.
 */

/** One `pixel-audit scan` run (a resumed run keeps its id). */
export interface RunRecord {
  runId: string;
  startedAt: string;
  /** Absent while the run goes on, or when it was killed. */
  endedAt?: string;
  /** Absolute path of the run folder, where the bundles are. */
  runDir?: string;
  toolVersion: string;
  exitCode?: number;
}

/** How one site's scan in one run ended: the same words as `run.json`. */
export type ScanStatus = 'ok' | 'partial' | 'failed';

/**
 * One site scanned in one run. A clean scan (`ok`, no finding) is evidence too: it bounds when
 * a leak began or ended. A `failed` scan is never clean, and a `partial` one never proves absence.
 */
export interface SiteScanRecord {
  runId: string;
  /** The site's origin (`https://www.example.se`), or the target as given when it did not parse. */
  site: string;
  /**
   * Consent choice the scan made (`none`, `accept`, `reject`). `--consent all` scans a site three
   * times in one run; history counts those passes as one observation (see `mergePasses`).
   */
  consent: string;
  input: string;
  status: ScanStatus;
  /** One line saying what failed, when something did. */
  error?: string;
  startedAt: string;
  endedAt: string;
  /** Bundle folder relative to the run folder. */
  bundle?: string;
  /** Number of findings (all of them, not fingerprints). */
  findingCount: number;
}

/**
 * One fingerprint seen in one site scan: the findings of a scan that share a fingerprint
 * (the same leak on several pages or events) collapse into one record.
 */
export interface FingerprintRecord {
  /** `Finding.fingerprint`: site, tracker, data category, parameter, transform. */
  fingerprint: string;
  tracker: string;
  dataCategory: string;
  /** View path of the first finding (`query.ud[em]`). */
  parameter: string;
  transform: string[];
  /** Highest severity among the findings. */
  severity: Severity;
  recipientHost: string;
  /** Earliest and latest request time among the findings (UTC). */
  firstSeenAt: string;
  lastSeenAt: string;
  /** How many findings share the fingerprint in this scan. */
  occurrences: number;
}

/** A site scan with the fingerprints it saw. */
export interface SiteScan extends SiteScanRecord {
  fingerprints: FingerprintRecord[];
}

/**
 * The history store behind a small async interface, with two drivers on the same schema and
 * migrations: SQLite (`sqlite-store.ts`) and PostgreSQL (`postgres-store.ts`, DESIGN §8). The
 * shared contract tests (`test/helpers/store-contract.ts`) hold both to the same answers.
 */
export interface Store {
  /** Where the store lives: a file path, or a connection string without its password. */
  readonly location: string;
  /**
   * Records a run's start; called again by a resumed run or by every worker of a fleet run (same
   * id): idempotent, keeps the first start, and marks the run open again until `endRun`.
   */
  beginRun(run: RunRecord): Promise<void>;
  /** Records one finished site scan; recording the same run and site again replaces it. */
  recordSiteScan(scan: SiteScanRecord, fingerprints: FingerprintRecord[]): Promise<void>;
  endRun(runId: string, endedAt: string, exitCode?: number): Promise<void>;
  run(runId: string): Promise<RunRecord | undefined>;
  /** Runs, newest first. */
  runs(limit?: number): Promise<RunRecord[]>;
  /** Sites with at least one scan, sorted. */
  sites(): Promise<string[]>;
  /** Every scan of a site, oldest first, with its fingerprints. */
  siteScans(site: string): Promise<SiteScan[]>;
  /** Every site scan of a run, with its fingerprints. */
  runScans(runId: string): Promise<SiteScan[]>;
  close(): Promise<void>;
}
