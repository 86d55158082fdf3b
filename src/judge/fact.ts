import { createHash } from 'node:crypto';
import { z } from 'zod';
import { severities } from '../config/options.js';
import { acceptanceSchema } from './acceptance.js';
import { recipientVendorSchema } from './recipient-vendor.js';

/**
 * A configuration fact about a site's trackers, as opposed to a leak: which pixel and tag ids it
 * loads, that automatic advanced matching or enhanced conversions are switched on, that a
 * tracker loaded before the visitor's consent choice. Each cites the request (and, for facts
 * read from a configuration response, the HAR entry whose response body shows it).
 */
export const factSchema = z.strictObject({
  /** Stable within the bundle: derived from kind, tracker and account id. */
  id: z.string(),
  /**
   * Stable across scans (site, kind, tracker, account id; see {@link factFingerprint}): what a
   * baseline's fact entry matches. Absent in bundles judged before it existed.
   */
  fingerprint: z.string().optional(),
  /**
   * What is established: `tracker-account` (a pixel/tag id in use), `loaded-before-consent`, or a
   * kind a rule declares (`automatic-advanced-matching`, `enhanced-conversions`,
   * `conversions-api-gateway`, …).
   */
  kind: z.string(),
  /** Rule id of the tracker concerned (`meta-pixel`). */
  tracker: z.string(),
  /** Human name of the tracker (`Meta Pixel`). */
  trackerName: z.string(),
  /** Legal entity behind the tracker and its country. */
  vendor: recipientVendorSchema.optional(),
  /** Pixel or account id the fact is about, when known. */
  accountId: z.string().optional(),
  /** First captured request that shows the fact (its response, for configuration facts). */
  requestId: z.string(),
  requestUrl: z.string(),
  /** UTC time that request was issued. */
  firstSeenAt: z.iso.datetime({ offset: false }),
  /** How many captured requests show the same fact. */
  occurrences: z.number().int().positive(),
  /** One sentence for a reader, e.g. "Automatic advanced matching is switched on (keys: em, ph)". */
  detail: z.string(),
  severity: z.enum(severities),
  /** Bundle-relative pointers to the proof. */
  evidence: z.strictObject({
    /** `evidence.json#/requests/<index>` */
    request: z.string(),
    har: z.string(),
    harEntry: z.number().int().optional(),
    /** The fact was read from the response body of that HAR entry (not from the request). */
    fromResponse: z.boolean(),
  }),
  /**
   * Set when a baseline fact entry accepts the fact (same fingerprint, not expired): still
   * reported everywhere, but it does not count towards `--fail-on`.
   */
  accepted: acceptanceSchema.optional(),
});
export type Fact = z.infer<typeof factSchema>;

/**
 * A fact's fingerprint: 16 hex digits of SHA-256 over site origin, kind, tracker and account id,
 * as a finding's is over its own key. `Fact.id` is the same key without the site (it only has to
 * be unique in one bundle); the site makes an entry for one site never accept another's pixel.
 * `fact|` keeps the key apart from a finding's, whose first part is the site.
 */
export function factFingerprint(site: string, fact: Pick<Fact, 'kind' | 'tracker' | 'accountId'>): string {
  return createHash('sha256').update(`fact|${site}|${fact.kind}|${fact.tracker}|${fact.accountId ?? ''}`).digest('hex').slice(0, 16);
}
