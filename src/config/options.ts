import { z } from 'zod';

/** Severity scale of findings, lowest first. `--fail-on` takes one of these. */
export const severities = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

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
  /** Consent banner handling; `none` leaves any banner alone. */
  consent: z.enum(['none', 'accept', 'reject']).default('none'),
  /** What to do with the site's own form submission (DESIGN §6). */
  submit: z.enum(['never', 'intercept', 'always']).default('intercept'),
  maxPages: z.number().int().min(1).max(1000).default(10),
  depth: z.number().int().min(0).max(20).default(2),
  concurrency: z.number().int().min(1).max(64).default(1),
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
});

export type ScanOptionsInput = z.input<typeof scanOptionsSchema>;
export type ScanOptions = z.output<typeof scanOptionsSchema>;

/** The severity order as numbers, for `--fail-on` comparisons. */
export function severityRank(severity: Severity): number {
  return severities.indexOf(severity);
}
