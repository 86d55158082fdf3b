import { z } from 'zod';
import { severities } from '../config/options.js';
import { baselineOutcomeSchema } from '../baseline/schema.js';
import type { Fact } from '../judge/fact.js';
import type { Finding } from '../judge/finding.js';

/** Version of the `run.json` layout (optional additions such as `baseline` keep it). */
export const RUN_SCHEMA_VERSION = 1;

const isoUtc = z.iso.datetime({ offset: false });

/** One site's outcome in `run.json`. */
export const siteSummarySchema = z.strictObject({
  /** The target as given. */
  input: z.string(),
  /** Origin scanned, when the target parsed. */
  site: z.string().optional(),
  /** Bundle folder relative to the run folder (`sites/<slug>`), when one was written. */
  bundle: z.string().optional(),
  /** The consent pass this line reports, with `--consent all` (bundle `sites/<slug>--consent-<pass>`). */
  consent: z.enum(['none', 'accept', 'reject']).optional(),
  /** `ok`: scanned; `failed`: could not be scanned (see `error`); `partial`: scanned, some stage failed. */
  status: z.enum(['ok', 'failed', 'partial']),
  /** One line saying what failed and why. */
  error: z.string().optional(),
  /** Pages loaded without error. */
  pages: z.number().int().nonnegative(),
  /** Forms found (and filled). */
  forms: z.number().int().nonnegative(),
  /** Requests captured. */
  requests: z.number().int().nonnegative(),
  /** Findings in the site's `findings.json`. */
  findings: z.number().int().nonnegative(),
  /** Of those, findings the baseline (`--baseline`) accepted: reported, but not counted by `--fail-on`. */
  accepted: z.number().int().nonnegative().optional(),
  /** Highest severity among the findings. */
  maxSeverity: z.enum(severities).optional(),
  /** UTC start and end of the site's scan. */
  startedAt: isoUtc,
  endedAt: isoUtc,
});
export type SiteSummary = z.infer<typeof siteSummarySchema>;

/** One target as planned at the start of the run, in order: `--resume` redoes what is missing. */
export const plannedTargetSchema = z.strictObject({
  /** The target as given. */
  input: z.string(),
  /** Origin, when the target parsed. */
  site: z.string().optional(),
  /** Bundle folder relative to the run folder (`sites/<slug>`), when the target parsed. */
  bundle: z.string().optional(),
  /** With `--consent all`, each target is planned three times: the consent pass of this one. */
  consent: z.enum(['none', 'accept', 'reject']).optional(),
});
export type PlannedTarget = z.infer<typeof plannedTargetSchema>;

/** `run.json`: the summary of a whole run (contract, DESIGN §5); `--json` prints it. */
export const runSummarySchema = z.strictObject({
  schemaVersion: z.literal(RUN_SCHEMA_VERSION),
  /** Name of the run folder: its UTC start and a random suffix (`2026-11-23T10-40-00Z-3fa2`). */
  runId: z.string(),
  /** Absolute path of the run folder. */
  runDir: z.string(),
  tool: z.strictObject({ name: z.literal('pixel-audit'), version: z.string() }),
  /** UTC start of the run. */
  startedAt: isoUtc,
  /** UTC end of the run; absent while it is still going on (or was killed). */
  endedAt: isoUtc.optional(),
  /** Seed of the personas and crawl order (`--seed`, or the random one chosen). */
  seed: z.string(),
  /** `--fail-on`: the severity at and above which findings make the run fail. */
  failOn: z.enum(severities),
  /** Every target, written before the first site starts, so that `--resume` knows the plan. */
  targets: z.array(plannedTargetSchema).optional(),
  /** UTC times the run was resumed (`--resume`), oldest first. */
  resumedAt: z.array(isoUtc).optional(),
  /**
   * With `--shard i/n`: this run scanned slice `index` (0-based) of `count`; `targets` lists only
   * the slice's targets, chosen from `totalTargets` by a stable hash of each site (DESIGN §8).
   */
  shard: z.strictObject({ index: z.number().int().nonnegative(), count: z.number().int().positive(), totalTargets: z.number().int().nonnegative() }).optional(),
  /** Written by `pixel-audit merge`: the runs joined into this one, with the shard each scanned. */
  mergedFrom: z.array(z.strictObject({ runId: z.string(), shard: z.string().optional(), sites: z.number().int().nonnegative() })).optional(),
  /** One entry per target, in the order given. */
  sites: z.array(siteSummarySchema),
  /** Exit code the run ends with (DESIGN §6). */
  exitCode: z.number().int().optional(),
  /** With `--baseline` / `--update-baseline`: findings accepted, entries stale or expired, entries added. */
  baseline: baselineOutcomeSchema.optional(),
}).meta({ title: 'pixel-audit run.json', description: 'Summary of one scan run: every site, its status and counts.' });
export type RunSummary = z.infer<typeof runSummarySchema>;

/** What the terminal summary needs of each site besides its summary line. */
export interface SiteReport {
  summary: SiteSummary;
  findings: Finding[];
  /** Configuration facts (`findings.json#/facts`): AAM on, ids in use, loaded before consent. */
  facts?: Fact[];
  /** Absolute bundle path, for the "evidence:" line. */
  bundleDir?: string;
}
