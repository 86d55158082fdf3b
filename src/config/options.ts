import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { shardSchema } from './shard.js';

/** Severity scale of findings, lowest first. `--fail-on` takes one of these. */
export const severities = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

/** Languages of the notification draft and the control report (`--lang`): English, Swedish, Norwegian Bokmål. */
export const reportLanguages = ['en', 'sv', 'nb'] as const;

/**
 * Sites scanned at once when `--concurrency` is not given: one per core, at most 4. Each site
 * is a browser context with its own renderers (≈ 150–250 MB), and the crawl's waits leave a
 * core idle often enough that more than one site per core would only queue for it.
 */
export function defaultConcurrency(cores = availableParallelism()): number {
  return Math.max(1, Math.min(4, cores));
}

/**
 * Options of one scan run: the single definition used by the CLI (and later the library API).
 * Validated once, where flags enter; after that the types are trusted.
 */
export const scanOptionsSchema = z.strictObject({
  /**
   * Start URLs, one site each. Checked one by one at scan time (see `parseTarget`), so one
   * malformed target fails alone and the others are still scanned.
   */
  urls: z.array(z.string().min(1)).min(1, 'give at least one URL (or --targets file)'),
  /** Folder the run folder is written into. */
  out: z.string().min(1).default('pixel-audit-out'),
  /**
   * Consent banner handling; `none` leaves any banner alone; `all` scans each site three times
   * (none, accept, reject) in fresh browser contexts, one bundle per pass.
   */
  consent: z.enum(['none', 'accept', 'reject', 'all']).default('none'),
  /** What to do with the site's own form submission (DESIGN §6). */
  submit: z.enum(['never', 'intercept', 'always']).default('intercept'),
  maxPages: z.number().int().min(1).max(1000).default(10),
  depth: z.number().int().min(0).max(20).default(2),
  /** Sites scanned at once (one browser, a fresh context each); default from the cores. */
  concurrency: z.number().int().min(1).max(64).default(() => defaultConcurrency()),
  /** Makes personas and crawl order reproducible; a random one is chosen and recorded otherwise. */
  seed: z.string().min(1).optional(),
  /** Path of a persona JSON file to use instead of generated ones. */
  personaFile: z.string().optional(),
  /** Extra rule folder, loaded after the bundled rules (same id replaces). */
  rulesDir: z.string().optional(),
  failOn: z.enum(severities).default('low'),
  hostResolverRules: z.string().optional(),
  ignoreHttpsErrors: z.boolean().default(false),
  browserPath: z.string().optional(),
  userAgent: z.string().optional(),
  /** Per-site deadline in seconds. */
  siteTimeout: z.number().int().min(10).max(3600).default(180),
  /** Navigation timeout per page, seconds. */
  pageTimeout: z.number().int().min(1).max(300).default(30),
  /** Case reference and inspectors, recorded in the manifest. */
  caseRef: z.string().optional(),
  inspectors: z.array(z.string()).default([]),
  /**
   * History store (SQLite file) the run records its sites and findings in. The CLI defaults to
   * `./pixel-audit.db` (`--no-store` turns it off); for library callers no store is the default.
   */
  store: z.string().min(1).optional(),
  /** URL that new findings are posted to after the run (a secret: redacted from manifests). */
  webhook: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  /** Run folder of an interrupted run to finish: its planned targets are read from its run.json. */
  resume: z.string().min(1).optional(),
  /** Language of each site's `notification.md` and `control-report.md` (English when not given). */
  lang: z.enum(reportLanguages).optional(),
  /** JSON file with what only the controller knows (organisation, DPO, numbers), prefilled into the reports. */
  controllerFile: z.string().min(1).optional(),
  /** Ed25519 private key (PEM) that signs each bundle's `manifest.json` into `manifest.sig`. */
  signKey: z.string().min(1).optional(),
  /**
   * Baseline of accepted findings and configuration facts (`pixel-audit.baseline.json`): a
   * finding or fact whose fingerprint a live entry names is reported as accepted (with the entry's reason and owner) and does not
   * count towards `failOn`; entries that matched nothing on a fully scanned site are reported stale.
   */
  baseline: z.string().min(1).optional(),
  /**
   * Merge this run's findings and facts above `info` into the baseline file (`baseline`, else
   * `pixel-audit.baseline.json`): existing entries are kept as written, one entry is added per new
   * fingerprint. The run itself
   * is judged against the baseline as it was before.
   */
  updateBaseline: z.boolean().optional(),
  /** Reason recorded on the entries `updateBaseline` adds (required when it adds any). */
  baselineReason: z.string().trim().min(1).optional(),
  /** Owner recorded on the entries `updateBaseline` adds (required when it adds any). */
  baselineOwner: z.string().trim().min(1).optional(),
  /** Last day (`YYYY-MM-DD`) the entries `updateBaseline` adds accept; none by default. */
  baselineExpires: z.iso.date({ error: 'expected a date YYYY-MM-DD' }).optional(),
  /**
   * Scan only this slice of the targets (`i/n`, 0-based `i`): split by a stable hash of each
   * site's registrable domain, for machines without a shared database; `merge` joins the slices.
   */
  shard: shardSchema.optional(),
});

export type ScanOptionsInput = z.input<typeof scanOptionsSchema>;
export type ScanOptions = z.output<typeof scanOptionsSchema>;

/** The severity order as numbers, for `--fail-on` comparisons. */
export function severityRank(severity: Severity): number {
  return severities.indexOf(severity);
}
