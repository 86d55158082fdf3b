import { z } from 'zod';
import { severities } from '../config/options.js';
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
});
export type Fact = z.infer<typeof factSchema>;
