import { z } from 'zod';
import { dataCategories } from '../../persona/schema.js';
import { findingSchema } from '../../judge/finding.js';
import { contactSchema } from './controller.js';

/** Version of the `notification.json` layout. */
export const NOTIFICATION_SCHEMA_VERSION = 1;

const isoUtc = z.iso.datetime({ offset: false });

/**
 * What the history store knows of one finding (keyed by its `fingerprint`): the incident
 * period. Supplied by the caller; without it the draft speaks of this scan only.
 */
export const incidentPeriodSchema = z.strictObject({
  /** First scan that saw the leak. */
  firstSeenAt: isoUtc,
  /** Latest scan that saw it. */
  lastSeenAt: isoUtc,
  /** Last clean scan before `firstSeenAt`: the leak began in between. */
  lastCleanBeforeAt: isoUtc.optional(),
  /** First clean scan after `lastSeenAt`, when the leak has stopped. */
  resolvedAt: isoUtc.optional(),
});
export type IncidentPeriod = z.infer<typeof incidentPeriodSchema>;
/** Incident periods keyed by finding fingerprint. */
export type PeriodsByFingerprint = Record<string, IncidentPeriod>;

/** Who stated a field's value: the scan, the history store, the `--controller` file, or no one yet. */
export const fieldSources = ['scan', 'history', 'controller', 'to-complete'] as const;

/**
 * One field of the draft. `value` is null exactly when `source` is `to-complete`.
 * `phase` is Art. 33(4) phased notification: `final` may be sent now, `to-follow` in a later phase.
 */
export function entry<T extends z.ZodType>(value: T) {
  return z.strictObject({
    /** The fact, or null while the controller has not supplied it. */
    value: value.nullable(),
    /** Who stated it. */
    source: z.enum(fieldSources),
    /** Art. 33(4): final now, or information that will follow. */
    phase: z.enum(['final', 'to-follow']),
  });
}

const categoryOf = z.strictObject({
  category: z.enum(dataCategories),
  /** Hash functions applied before sending (`SHA-256`); empty when sent in clear only. */
  hashes: z.array(z.string()),
  /** At least one value of the category was sent unhashed. */
  inClear: z.boolean(),
});

/** A recipient of the data: the legal entity, where it is, and what it received. */
export const recipientSchema = z.strictObject({
  /** Rule id of the tracker (`meta-pixel`), or `unknown`. */
  tracker: z.string(),
  /** Tracker name (`Meta Pixel`) or the host's registrable domain. */
  name: z.string(),
  /** Legal entity receiving the data and its country; absent when no rule names it. */
  legalEntity: z.strictObject({ name: z.string(), country: z.string() }).optional(),
  /** Parent company that may access the data too. */
  parent: z.strictObject({ name: z.string(), country: z.string() }).optional(),
  /** Hosts the requests went to. */
  hosts: z.array(z.string()),
  /** Pixel or account ids named in the requests. */
  accountIds: z.array(z.string()),
  /** The entity or its parent is outside the EEA (Art. 44). */
  thirdCountryTransfer: z.boolean(),
  /** Those countries. */
  thirdCountries: z.array(z.string()),
  categories: z.array(categoryOf),
  findingIds: z.array(z.string()),
});

/** A form whose contents leaked. */
export const leakingFormSchema = z.strictObject({
  formId: z.string(),
  pageUrl: z.string(),
  /** CSS selector of the form. */
  selector: z.string(),
  /** Fields typed into, with their labels as the page showed them. */
  fields: z.array(z.strictObject({ label: z.string().optional(), category: z.enum(dataCategories).nullable() })),
  /** What the scanner had done when data left: page_load, input, blur, click, submit. */
  triggers: z.array(z.string()),
  /** Some data left before the form was submitted (visitors who never sent it are affected too). */
  beforeSubmit: z.boolean(),
});

/** When the leak happened, from history when there is one, else from this scan alone. */
export const periodSchema = z.strictObject({
  /** `history`: from earlier scans; `this-scan`: no earlier scan on record. */
  basis: z.enum(['history', 'this-scan']),
  /** Earliest request carrying a persona value in this scan. */
  firstDetectedAt: isoUtc,
  firstSeenAt: isoUtc.optional(),
  lastSeenAt: isoUtc.optional(),
  /** Last clean scan before the first detection: the leak began after it. */
  lastCleanBeforeAt: isoUtc.optional(),
  /** When every finding had stopped, if they have. */
  resolvedAt: isoUtc.optional(),
});

export const consequenceCodes = ['profile-matching', 'advertising-profiling', 'third-country-access', 'loss-of-control', 'in-clear', 'special-categories', 'identity-misuse'] as const;
export const measureCodes = ['remove-or-reconfigure-tag', 'disable-automatic-matching', 'stop-passing-user-data', 'ask-recipient-to-delete', 'fix-consent', 'check-other-sites', 'rescan-to-confirm'] as const;

/**
 * `notification.json`: a language-neutral draft of a personal data breach notification (GDPR
 * Art. 33(3)) with the fields of IMY's and Datatilsynet's forms. `notification.md` renders it.
 */
export const notificationSchema = z.strictObject({
  schemaVersion: z.literal(NOTIFICATION_SCHEMA_VERSION),
  kind: z.literal('gdpr-art-33-notification-draft'),
  generatedAt: isoUtc,
  tool: z.strictObject({ name: z.literal('pixel-audit'), version: z.string() }),
  /** Site scanned (origin) and the scan's UTC times and settings. */
  site: z.string(),
  scan: z.strictObject({
    startedAt: isoUtc,
    endedAt: isoUtc,
    consentMode: z.enum(['none', 'accept', 'reject']),
    consentState: z.enum(['none', 'accepted', 'rejected']),
    submitMode: z.enum(['never', 'intercept', 'always']),
    caseRef: z.string().optional(),
  }),
  /** The controller (organisation, organisation number, country). */
  controller: z.strictObject({ organisation: entry(z.string()), orgNumber: entry(z.string()), country: entry(z.string()) }),
  /** Art. 33(3)(b): the DPO or other contact point. */
  contactPoint: entry(contactSchema),
  /** Art. 33(1): when it happened, when it was detected and how, when the controller became aware. */
  timing: z.strictObject({
    period: entry(periodSchema),
    /** How the breach was discovered. */
    discoveredBy: z.literal('automated-scan'),
    awareAt: entry(z.string()),
  }),
  /** Art. 33(3)(a): nature — unauthorised disclosure (confidentiality) to the recipients, from these pages and forms. */
  nature: entry(z.strictObject({
    breachType: z.literal('confidentiality'),
    description: z.literal('unauthorised-disclosure-to-third-parties'),
    recipients: z.array(z.string()),
    pages: z.array(z.string()),
    forms: z.array(leakingFormSchema),
    consentStates: z.array(z.enum(['none', 'accepted', 'rejected'])),
    /** Configuration the scan read (automatic advanced matching on, loaded before consent, …): the cause. */
    configuration: z.array(z.strictObject({
      factId: z.string(),
      /** `automatic-advanced-matching`, `loaded-before-consent`, `enhanced-conversions`, … */
      kind: z.string(),
      tracker: z.string(),
      trackerName: z.string(),
      accountId: z.string().optional(),
      /** The rule's sentence, in English. */
      detail: z.string(),
    })),
  })),
  /** Art. 33(3)(a): categories and approximate number of data subjects. */
  dataSubjects: z.strictObject({
    /** Observed: visitors who filled these forms on these pages. */
    observed: entry(z.array(z.strictObject({ pageUrl: z.string(), formId: z.string() }))),
    categories: entry(z.array(z.string())),
    approxNumber: entry(z.string()),
  }),
  /** Art. 33(3)(a): categories and approximate number of personal data records. */
  personalData: z.strictObject({
    categories: entry(z.array(categoryOf)),
    /** Some value was hashed. Hashing is pseudonymisation, not anonymisation: still personal data. */
    hashed: z.boolean(),
    specialCategories: entry(z.strictObject({ suspected: z.boolean(), hints: z.array(z.string()) })),
    approxRecords: entry(z.string()),
  }),
  /** Recipients with country and third-country transfer (Datatilsynet: who has the data). */
  recipients: entry(z.array(recipientSchema)),
  /** Datatilsynet: where the data are now, and whether deletion is confirmed. */
  whereDataAreNow: z.strictObject({ holders: entry(z.array(z.string())), deletionConfirmed: entry(z.string()) }),
  /** Art. 33(3)(c): likely consequences. */
  consequences: entry(z.array(z.enum(consequenceCodes))),
  /** Art. 33(3)(d): measures recommended by the scan, taken by the controller, and in place before. */
  measures: z.strictObject({
    recommended: entry(z.array(z.enum(measureCodes))),
    taken: entry(z.array(z.string())),
    beforeBreach: entry(z.array(z.string())),
  }),
  /** Art. 34: whether the data subjects are told. */
  dataSubjectNotice: z.strictObject({
    decision: entry(z.enum(['informed', 'will-inform', 'not-informing'])),
    reason: entry(z.string()),
  }),
  /** Art. 33(4): dotted paths of the fields final now and of those to follow. */
  phasing: z.strictObject({ final: z.array(z.string()), toFollow: z.array(z.string()) }),
  /** Art. 33(5): the evidence bundle documenting the breach. */
  documentation: z.strictObject({ manifest: z.string(), files: z.array(z.string()), findingIds: z.array(z.string()) }),
  /** The findings, abridged; `findings.json` has them whole. */
  findings: z.array(findingSchema.pick({
    id: true, fingerprint: true, pageUrl: true, tracker: true, recipientHost: true, parameter: true, dataCategory: true,
    transform: true, hashed: true, trigger: true, beforeSubmit: true, consent: true, firstSeenAt: true, severity: true,
  })),
}).meta({ title: 'pixel-audit notification.json', description: 'Language-neutral draft of a GDPR Art. 33 personal data breach notification.' });
export type Notification = z.infer<typeof notificationSchema>;
export type Entry<T> = { value: T | null; source: (typeof fieldSources)[number]; phase: 'final' | 'to-follow' };
