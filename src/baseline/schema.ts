import { z } from 'zod';

/** Version of the baseline file layout; bumped on incompatible change. */
export const BASELINE_SCHEMA_VERSION = 1;

/** The file `--update-baseline` writes when no `--baseline` is given. */
export const DEFAULT_BASELINE_FILE = 'pixel-audit.baseline.json';

/** A calendar day (`2026-12-31`) or a UTC time (`2026-12-31T12:00:00Z`). */
const dayOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: false })], {
  error: 'expected a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM:SSZ)',
});

const text = (what: string) => z.string().trim().min(1, `give ${what}`);

/** What every entry records of its acceptance: why, on whose word, since and until when. */
const acceptanceFields = {
  /** Why it is accepted, e.g. `processor agreement DPA-2026-14 with Meta`. */
  reason: text('a reason (why this is accepted)'),
  /** Who answers for the acceptance, e.g. `privacy@company.example`. */
  owner: text('an owner (who answers for this acceptance)'),
  /** When the entry was added. */
  acceptedAt: dayOrTime,
  /**
   * Last day (a date: through its end, UTC) or moment (a time) the entry accepts. After it the
   * entry accepts nothing and is reported as expired, until someone renews or removes it.
   */
  expires: dayOrTime.optional(),
};

/**
 * One accepted finding. Only `fingerprint` is matched; the copies of site, tracker, data
 * category, parameter and transform are there so that a reviewer of the file (and of a pull
 * request changing it) sees what was accepted without running a scan. Entries written before
 * fact entries existed have no `kind`: an entry without one is a finding entry.
 */
export const findingEntrySchema = z.strictObject({
  /** `finding`, or absent (the only kind there was at first). */
  kind: z.literal('finding').optional(),
  /** `Finding.fingerprint` (site, tracker, data category, parameter, transform): what is matched. */
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/, 'expected the 16 hex digits of a finding fingerprint'),
  /** Site origin the finding belongs to (`https://www.example.se`). */
  site: z.string().min(1),
  /** Rule id of the recipient (`meta-pixel`), `unknown` when no rule knows it. */
  tracker: z.string().min(1),
  /** Data category (`email`, `phone`, …). */
  dataCategory: z.string().min(1),
  /** View path of the parameter (`query.ud[em]`). */
  parameter: z.string().min(1),
  /** Transform chain from the persona value to what was sent (`["normalize:email","sha256","hex"]`). */
  transform: z.array(z.string()),
  ...acceptanceFields,
});
export type FindingEntry = z.infer<typeof findingEntrySchema>;

/**
 * One accepted configuration fact (automatic advanced matching on the Meta Pixel, a tracker
 * loaded before consent, …). As for findings, only `fingerprint` is matched; the copies of site,
 * fact kind, tracker and account id are for the reviewer.
 */
export const factEntrySchema = z.strictObject({
  kind: z.literal('fact'),
  /** `Fact.fingerprint` (site, fact kind, tracker, account id): what is matched. */
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/, 'expected the 16 hex digits of a fact fingerprint'),
  /** Site origin the fact belongs to (`https://www.example.se`). */
  site: z.string().min(1),
  /** `Fact.kind`: `automatic-advanced-matching`, `loaded-before-consent`, … */
  factKind: z.string().min(1),
  /** Rule id of the tracker concerned (`meta-pixel`). */
  tracker: z.string().min(1),
  /** Pixel or account id the fact is about, when it names one. */
  accountId: z.string().min(1).optional(),
  ...acceptanceFields,
});
export type FactEntry = z.infer<typeof factEntrySchema>;

/** One entry of a baseline: an accepted finding (no `kind`, or `finding`) or an accepted fact (`kind: "fact"`). */
export const baselineEntrySchema = z.discriminatedUnion('kind', [findingEntrySchema, factEntrySchema], {
  error: 'expected "kind": "fact" for a fact entry, or no kind (or "finding") for a finding entry',
});
export type BaselineEntry = z.infer<typeof baselineEntrySchema>;

/** True for an entry that accepts a configuration fact. */
export const isFactEntry = (entry: BaselineEntry): entry is FactEntry => entry.kind === 'fact';

/** What an entry accepts, in a few words: `meta-pixel email in query.ud[em]`, `meta-pixel automatic-advanced-matching 1234`. */
export const entrySubject = (e: BaselineEntry): string =>
  (isFactEntry(e) ? `${e.tracker} ${e.factKind}${e.accountId ? ` ${e.accountId}` : ''}` : `${e.tracker} ${e.dataCategory} in ${e.parameter}`);

/** `pixel-audit.baseline.json`: findings and configuration facts a company has reviewed and accepted, each with a reason and an owner. */
export const baselineFileSchema = z.strictObject({
  schemaVersion: z.literal(BASELINE_SCHEMA_VERSION),
  entries: z.array(baselineEntrySchema),
}).superRefine((file, ctx) => {
  // Two entries for one fingerprint would leave it unclear whose reason applies.
  const seen = new Set<string>();
  file.entries.forEach((entry, i) => {
    if (seen.has(entry.fingerprint)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'fingerprint'], message: 'a second entry for this fingerprint' });
    seen.add(entry.fingerprint);
  });
}).meta({ title: 'pixel-audit baseline', description: 'Accepted findings and configuration facts, matched by fingerprint; accepted ones are still reported, but do not fail the run.' });
export type BaselineFile = z.infer<typeof baselineFileSchema>;

/** What a run's baseline did, in `run.json` (`baseline`). */
export const baselineOutcomeSchema = z.strictObject({
  /** The baseline file, as given to `--baseline`. */
  file: z.string(),
  /** Findings of this run the baseline accepted (they are in `findings.json`, marked `accepted`). */
  accepted: z.number().int().nonnegative(),
  /** Configuration facts of this run the baseline accepted (`findings.json#/facts`, marked `accepted`). */
  acceptedFacts: z.number().int().nonnegative().optional(),
  /**
   * Entries for a site this run scanned in full (every pass `ok`) whose fingerprint matched no
   * finding or fact: the leak (or the configuration) may be gone, and the entry can be reviewed
   * and removed. Entries for sites not in the run, or scanned only in part, are never stale.
   */
  stale: z.array(baselineEntrySchema),
  /** Entries for a site of this run past their `expires`: they accepted nothing. */
  expired: z.array(baselineEntrySchema),
  /** With `--update-baseline`: entries this run added to the file. */
  added: z.number().int().nonnegative().optional(),
  /** With `--update-baseline`: why the file was not written (the run then exits 2; its bundles are kept). */
  updateError: z.string().optional(),
});
export type BaselineOutcome = z.infer<typeof baselineOutcomeSchema>;
