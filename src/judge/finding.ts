import { z } from 'zod';
import { severities } from '../config/options.js';
import { dataCategories } from '../persona/schema.js';
import { acceptanceSchema } from './acceptance.js';
import { factSchema } from './fact.js';
import { recipientVendorSchema } from './recipient-vendor.js';

export { recipientVendorSchema };
// In a file of its own because facts (fact.ts, imported here) are accepted too.
export { acceptanceSchema, type Acceptance } from './acceptance.js';

/**
 * Version of the `findings.json` layout (contract, DESIGN §4); bumped on incompatible change.
 * 2: a finding may carry `accepted` (a baseline entry accepted it); a fact may carry
 * `fingerprint` and `accepted` (optional additions of the same change).
 */
export const FINDINGS_SCHEMA_VERSION = 2;

/** A version-1 file is a version-2 file without acceptances: read it as the current version. */
const fromVersion1 = (value: unknown): unknown =>
  value && typeof value === 'object' && (value as { schemaVersion?: unknown }).schemaVersion === 1
    ? { ...value, schemaVersion: FINDINGS_SCHEMA_VERSION }
    : value;

/**
 * One leak: a persona value (or a normalised, encoded or hashed form of it) found in one
 * parameter of one captured request to a recipient other than the site itself.
 * Every field is a fact taken from the evidence bundle; nothing is estimated.
 */
export const findingSchema = z.strictObject({
  /** Stable within the bundle: derived from the request id, parameter and persona field. */
  id: z.string(),
  /** Stable across scans (site, tracker, category, parameter, transform): history keys on it. */
  fingerprint: z.string(),
  /** Site the scan started from (its origin). */
  site: z.string(),
  /** Top-level page the request belongs to. */
  pageUrl: z.string(),
  /** Rule id of the recipient (`meta-pixel`), or `unknown` when no rule knows the host. */
  tracker: z.string(),
  /**
   * Human name of the tracker (`Meta Pixel`); for a host no rule knows, the tracker database's
   * name for it (Ghostery's trackerdb), else the recipient's registrable domain.
   */
  trackerName: z.string(),
  /**
   * Legal entity receiving the data and its country: from the rule, or for a host no rule knows
   * the owning organisation as the tracker database names it; absent when neither knows.
   */
  vendor: recipientVendorSchema.optional(),
  /** Host the request went to. */
  recipientHost: z.string(),
  /** True when the recipient shares the site's registrable domain (a first-party endpoint). */
  firstParty: z.boolean(),
  /** Pixel or account id the request named, when the rule extracts one. */
  accountId: z.string().optional(),
  /** Event name the request carried (`PageView`, `Lead`, …), when the rule extracts one. */
  event: z.string().optional(),
  /**
   * Id of the captured request in `evidence.json` — or of the stored cookie (`c0001`, method
   * `COOKIE`) or Web Storage item (`s0001`, method `STORAGE`) a script left in the browser.
   */
  requestId: z.string(),
  requestUrl: z.string(),
  method: z.string(),
  /** Where in the request the value sat (view path): `query.ud[em]`, `body.form.udff[ph]`, … */
  parameter: z.string(),
  /** What the parameter means according to the rule, when it documents it. */
  parameterMeaning: z.string().optional(),
  dataCategory: z.enum(dataCategories),
  /** Persona field the value derives from (`email`, `phoneE164`, `nationalIds.SE`). */
  personaField: z.string(),
  /** Transforms from the persona value to what was sent, e.g. `["normalize:email","sha256","hex"]`. */
  transform: z.array(z.string()),
  /** A hash function is in the chain. Hashing is pseudonymisation: still personal data. */
  hashed: z.boolean(),
  /** Only part of the typed value was sent (keystroke leak while typing). */
  prefix: z.boolean(),
  /** The exact text found in the request. */
  matched: z.string(),
  /** What the scanner had just done when the request left: page_load, input, blur, click, submit. */
  trigger: z.enum(['page_load', 'input', 'blur', 'click', 'submit', 'unknown']),
  /** The request left before the submit control of any form on the page was clicked. */
  beforeSubmit: z.boolean(),
  /** Consent state at the time: none (no choice made), accepted, rejected. */
  consent: z.enum(['none', 'accepted', 'rejected']),
  /**
   * A response from the recipient was seen, so the data certainly reached it. `false` does not
   * prove the opposite: see `CapturedRequest.outcome`.
   */
  delivered: z.boolean(),
  /** UTC time the request was issued. */
  firstSeenAt: z.iso.datetime({ offset: false }),
  severity: z.enum(severities),
  /** Bundle-relative pointers to the proof. */
  evidence: z.strictObject({
    /** `evidence.json#/requests/<index>` (or `#/cookieJar/<index>`, `#/storage/<index>`) */
    request: z.string(),
    har: z.string(),
    harEntry: z.number().int().optional(),
    screenshot: z.string().optional(),
  }),
  /**
   * Set when a baseline entry accepts the finding (same fingerprint, not expired). It is still
   * reported everywhere — an accepted leak is still a disclosure — but does not count towards
   * `--fail-on`.
   */
  accepted: acceptanceSchema.optional(),
});
export type Finding = z.infer<typeof findingSchema>;

/** `findings.json`: the findings of one site (a version-1 file is read as the current version). */
export const findingsFileSchema = z.preprocess(fromVersion1, z.strictObject({
  schemaVersion: z.literal(FINDINGS_SCHEMA_VERSION),
  site: z.string(),
  generatedAt: z.iso.datetime({ offset: false }),
  /** Digest of the rule set that judged the evidence. */
  rulesDigest: z.string(),
  /** Stages that failed: findings depending on them could not be assessed. */
  couldNotAssess: z.array(z.string()),
  findings: z.array(findingSchema),
  /** Configuration facts (pixel/tag ids, AAM or enhanced conversions on, loaded before consent). */
  facts: z.array(factSchema).default([]),
}));
export type FindingsFile = z.infer<typeof findingsFileSchema>;
