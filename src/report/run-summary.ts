import type { Severity } from '../config/options.js';
import type { Finding } from '../judge/finding.js';

/** Version of the `run.json` layout. */
export const RUN_SCHEMA_VERSION = 1;

/** One site's outcome in `run.json`. */
export interface SiteSummary {
  /** The target as given. */
  input: string;
  /** Origin scanned, when the target parsed. */
  site?: string;
  /** Bundle folder relative to the run folder (`sites/<slug>`), when one was written. */
  bundle?: string;
  /** `ok`: scanned; `failed`: could not be scanned (see `error`); `partial`: scanned, some stage failed. */
  status: 'ok' | 'failed' | 'partial';
  /** One line saying what failed and why. */
  error?: string;
  pages: number;
  forms: number;
  requests: number;
  findings: number;
  /** Highest severity among the findings. */
  maxSeverity?: Severity;
  startedAt: string;
  endedAt: string;
}

/** `run.json`: the summary of a whole run (contract, DESIGN §5); `--json` prints it. */
export interface RunSummary {
  schemaVersion: number;
  runId: string;
  /** Absolute path of the run folder. */
  runDir: string;
  tool: { name: 'pixel-audit'; version: string };
  startedAt: string;
  endedAt?: string;
  seed: string;
  failOn: Severity;
  sites: SiteSummary[];
  /** Exit code the run ends with (DESIGN §6). */
  exitCode?: number;
}

/** What the terminal summary needs of each site besides its summary line. */
export interface SiteReport {
  summary: SiteSummary;
  findings: Finding[];
  /** Absolute bundle path, for the "evidence:" line. */
  bundleDir?: string;
}
