import type { Finding } from '../../judge/finding.js';
import type { DataCategory } from '../../persona/schema.js';
import type { DeviationKind, ProvisionId } from '../legal.js';
import type { consequenceCodes, measureCodes } from '../notification/schema.js';
import type { Lang } from '../report-input.js';

/**
 * The fields of the notification draft: GDPR Art. 33(1), (3)(a)–(d), (4), (5), Art. 34, and the
 * extra questions of IMY's and Datatilsynet's forms (NOTIFICATION.md). Each language labels
 * every one; a test checks that each appears in `notification.md`.
 */
export const notificationFields = [
  'controller', 'org-number', 'contact-point', 'period', 'discovery', 'aware-at', 'nature', 'subject-categories',
  'subject-number', 'data-categories', 'record-number', 'special-categories', 'hashing', 'recipients',
  'third-country', 'where-data-now', 'consequences', 'measures-recommended', 'measures-taken', 'measures-before',
  'data-subjects-notice', 'phasing', 'documentation',
] as const;
export type NotificationField = (typeof notificationFields)[number];

/** The header fields and sections of the control report (Datatilsynet's shape). */
export const controlFields = [
  'case', 'control-date', 'report-date', 'entity', 'place', 'prepared-by', 'introduction', 'method', 'findings',
  'deviations', 'not-established', 'conclusion',
] as const;
export type ControlField = (typeof controlFields)[number];

/** Columns of the control report's findings table. */
export const findingColumns = ['page', 'form', 'field', 'recipient', 'parameter', 'transform', 'time', 'evidence'] as const;
export type FindingColumn = (typeof findingColumns)[number];

/** Facts a deviation's text is made from. */
export interface DeviationText {
  recipients: string;
  count: number;
  /** Countries outside the EEA, or words suggesting special categories. */
  details: string;
}

/** Facts of the method paragraph. */
export interface MethodText {
  site: string;
  pages: number;
  forms: number;
  requests: number;
}

/** Every sentence and label a report needs in one language. */
export interface Strings {
  lang: Lang;
  /** The marker of a fact a scan cannot know. */
  toComplete: string;
  final: string;
  toFollow: string;
  yes: string;
  no: string;
  none: string;
  category: Record<DataCategory, string>;
  trigger: Record<Finding['trigger'], string>;
  consent: Record<Finding['consent'], string>;
  consentMode: Record<'none' | 'accept' | 'reject', string>;
  submitMode: Record<'never' | 'intercept' | 'always', string>;
  inClear: string;
  /** `hashed (SHA-256)`. */
  hashedWith: (hashes: string) => string;
  /** The plain statement that hashing is pseudonymisation, not anonymisation. */
  pseudonymisation: string;
  /** A control report's note on findings the controller's baseline accepts (`rows`: `#1, #3`). */
  accepted: (a: { rows: string; reason: string; owner: string; since: string }) => string;
  /** A control report's note on a configuration fact the controller's baseline accepts, after the fact's line. */
  acceptedFact: (a: { reason: string; owner: string; since: string }) => string;
  provision: Record<ProvisionId, string>;
  /** `and` for lists. */
  and: string;
  deviation: Record<DeviationKind, { title: string; text: (d: DeviationText) => string }>;
  /** Configuration facts: a label, and sentences for the kinds this language words itself (else the rule's English detail). */
  configuration: { label: string; kind: Partial<Record<string, (tracker: string, id: string) => string>> };
  consequence: Record<(typeof consequenceCodes)[number], string>;
  measure: Record<(typeof measureCodes)[number], string>;
  notification: {
    title: string;
    intro: (site: string, tool: string, at: string) => string;
    publicNote: string;
    noFindings: string;
    labels: Record<NotificationField, string>;
    sections: { controller: string; timing: string; nature: string; subjects: string; data: string; recipients: string; consequences: string; measures: string; notice: string; phasing: string; documentation: string; annex: string };
    caseRef: string;
    country: string;
    thisScanOnly: (at: string) => string;
    fromHistory: (p: { firstSeenAt: string; lastSeenAt: string; lastCleanBeforeAt?: string; resolvedAt?: string }) => string;
    discovery: (tool: string) => string;
    natureText: (recipients: string) => string;
    formLine: (form: string, page: string, fields: string, triggers: string, beforeSubmit: boolean) => string;
    consentLine: (states: string) => string;
    observedSubjects: (forms: string) => string;
    subjectNumberHint: string;
    noSpecial: string;
    specialSuggested: (words: string) => string;
    recipientLine: (r: { name: string; entity: string; ids: string; hosts: string; data: string }) => string;
    transferYes: (countries: string) => string;
    transferNo: string;
    unknownEntity: string;
    parent: string;
    heldBy: string;
    deletionConfirmed: string;
    noticeText: (site: string, data: string, recipients: string) => string;
    decision: string;
    decisionValue: Record<'informed' | 'will-inform' | 'not-informing', string>;
    reason: string;
    documentationText: (manifest: string) => string;
    columns: { time: string; page: string; recipient: string; parameter: string; data: string; trigger: string; consent: string };
  };
  control: {
    title: string;
    labels: Record<ControlField, string>;
    columns: Record<FindingColumn, string>;
    notGiven: string;
    introText: (site: string, entity: string) => string;
    methodTool: string;
    methodUserAgent: string;
    methodProcedure: string;
    methodPersona: (country: string, seed: string) => string;
    methodConsent: (mode: string, state: string, banner: boolean) => string;
    methodSubmit: (mode: string) => string;
    methodScope: (m: MethodText) => string;
    methodRules: string;
    findingsSummary: (recipient: string, data: string, pages: string) => string;
    noFindings: string;
    deviationHeading: (n: number, title: string) => string;
    provisionLabel: string;
    findingsLabel: string;
    notEstablished: string[];
    conclusion: (deviations: number, recipients: string) => string;
    conclusionClean: string;
    generated: (tool: string) => string;
  };
}
