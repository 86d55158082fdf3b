import type { Finding } from '../../judge/finding.js';
import { distinct, leakingForms, leaksOf, recipientsOf, type Leak, type Recipient } from '../facts.js';
import { deviationsOf, jurisdictionOf } from '../legal.js';
import { MANIFEST_NAME } from '../manifest.js';
import type { ReportInput } from '../report-input.js';
import {
  NOTIFICATION_SCHEMA_VERSION, type Entry, type measureCodes, type consequenceCodes, type Notification,
} from './schema.js';

/** A fact the scan established: final. */
const scan = <T>(value: T): Entry<T> => ({ value, source: 'scan', phase: 'final' });
/** A fact the controller must supply: to follow (Art. 33(4)) unless the `--controller` file gives it. */
const fromController = <T>(value: T | undefined): Entry<T> =>
  value === undefined ? { value: null, source: 'to-complete', phase: 'to-follow' } : { value, source: 'controller', phase: 'final' };

function recipientJson(r: Recipient): Notification['recipients']['value'] extends (infer U)[] | null ? U : never {
  return {
    tracker: r.tracker,
    name: r.trackerName,
    ...(r.vendor ? { legalEntity: { name: r.vendor.name, country: r.vendor.country } } : {}),
    ...(r.vendor?.parent ? { parent: r.vendor.parent } : {}),
    hosts: r.hosts,
    accountIds: r.accountIds,
    thirdCountryTransfer: r.thirdCountries.length > 0,
    thirdCountries: r.thirdCountries,
    categories: r.categories,
    findingIds: r.leaks.map((l) => l.finding.id),
  };
}

function periodOf(input: ReportInput, findings: readonly Finding[]): Entry<NonNullable<Notification['timing']['period']['value']>> {
  const firstDetectedAt = findings.map((f) => f.firstSeenAt).sort()[0] ?? input.evidence.startedAt;
  const known = findings.map((f) => input.periods?.[f.fingerprint]).filter((p) => p !== undefined);
  // Without history the start of the leak is unknown: the controller may find it earlier.
  if (!known.length) return { value: { basis: 'this-scan', firstDetectedAt }, source: 'scan', phase: 'to-follow' };
  const earliest = [...known].sort((a, b) => a.firstSeenAt.localeCompare(b.firstSeenAt))[0]!;
  const allResolved = known.length === findings.length && known.every((p) => p.resolvedAt);
  return {
    value: {
      basis: 'history',
      firstDetectedAt,
      firstSeenAt: earliest.firstSeenAt,
      lastSeenAt: known.map((p) => p.lastSeenAt).sort().at(-1)!,
      ...(earliest.lastCleanBeforeAt ? { lastCleanBeforeAt: earliest.lastCleanBeforeAt } : {}),
      ...(allResolved ? { resolvedAt: known.map((p) => p.resolvedAt!).sort().at(-1)! } : {}),
    },
    source: 'history',
    phase: earliest.lastCleanBeforeAt ? 'final' : 'to-follow',
  };
}

function consequencesOf(recipients: readonly Recipient[], leaks: readonly Leak[], special: boolean): Array<(typeof consequenceCodes)[number]> {
  const out: Array<(typeof consequenceCodes)[number]> = ['profile-matching', 'advertising-profiling', 'loss-of-control'];
  if (recipients.some((r) => r.thirdCountries.length)) out.push('third-country-access');
  if (leaks.some((l) => !l.finding.hashed)) out.push('in-clear');
  if (special) out.push('special-categories');
  if (leaks.some((l) => l.finding.dataCategory === 'national_id')) out.push('identity-misuse');
  return out;
}

function measuresOf(leaks: readonly Leak[]): Array<(typeof measureCodes)[number]> {
  const out: Array<(typeof measureCodes)[number]> = ['remove-or-reconfigure-tag'];
  // `udff[…]` is what Meta's automatic advanced matching sends; `ud[…]` what the site passes itself.
  if (leaks.some((l) => /(^|\.)a?udff\[/.test(l.finding.parameter) || l.finding.event === 'SubscribedButtonClick')) out.push('disable-automatic-matching');
  if (leaks.some((l) => /(^|\.)a?ud\[/.test(l.finding.parameter) || l.finding.tracker !== 'meta-pixel')) out.push('stop-passing-user-data');
  out.push('ask-recipient-to-delete');
  if (leaks.some((l) => l.finding.consent !== 'accepted')) out.push('fix-consent');
  out.push('check-other-sites', 'rescan-to-confirm');
  return out;
}

/** Configuration facts worth a reader's attention (ids in use are already in the recipients). */
export function configurationOf(input: ReportInput): NonNullable<Notification['nature']['value']>['configuration'] {
  return (input.findings.facts ?? []).filter((f) => f.kind !== 'tracker-account').map((f) => ({
    factId: f.id, kind: f.kind, tracker: f.tracker, trackerName: f.trackerName, ...(f.accountId ? { accountId: f.accountId } : {}), detail: f.detail,
  }));
}

/** Paths of every entry in the draft, split by Art. 33(4) phase. */
function phasing(n: Omit<Notification, 'phasing'>): Notification['phasing'] {
  const final: string[] = [];
  const toFollow: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return;
    const obj = value as Record<string, unknown>;
    if ('phase' in obj && 'source' in obj && 'value' in obj) {
      (obj.phase === 'final' ? final : toFollow).push(path);
      return;
    }
    for (const [key, child] of Object.entries(obj)) walk(child, path ? `${path}.${key}` : key);
  };
  walk(n, '');
  return { final, toFollow };
}

/** The language-neutral notification draft of one site bundle. */
export function buildNotification(input: ReportInput, files: readonly string[]): Notification {
  const { evidence, controller } = input;
  const findings = input.findings.findings;
  const leaks = leaksOf(evidence, findings);
  const recipients = recipientsOf(leaks);
  const special = deviationsOf(recipients, evidence, jurisdictionOf(evidence.site, controller?.organisation?.country))
    .find((d) => d.kind === 'special-categories');
  const forms = leakingForms(leaks);
  const approx = (v: string | number | undefined): string | undefined => (v === undefined ? undefined : String(v));
  const draft: Omit<Notification, 'phasing'> = {
    schemaVersion: NOTIFICATION_SCHEMA_VERSION,
    kind: 'gdpr-art-33-notification-draft',
    generatedAt: input.now,
    tool: { name: 'pixel-audit', version: input.context.tool.version },
    site: evidence.site,
    scan: {
      startedAt: evidence.startedAt, endedAt: evidence.endedAt, consentMode: evidence.consent.mode,
      consentState: evidence.consent.state, submitMode: evidence.submitMode,
      ...(input.context.caseRef ? { caseRef: input.context.caseRef } : {}),
    },
    controller: {
      organisation: fromController(controller?.organisation?.name),
      orgNumber: fromController(controller?.organisation?.orgNumber),
      country: fromController(controller?.organisation?.country),
    },
    contactPoint: fromController(controller?.dpo ?? controller?.contact),
    timing: { period: periodOf(input, findings), discoveredBy: 'automated-scan', awareAt: fromController(controller?.awareAt) },
    nature: scan({
      breachType: 'confidentiality',
      description: 'unauthorised-disclosure-to-third-parties',
      recipients: recipients.map((r) => r.vendor?.name ?? r.hosts.join(', ')),
      pages: distinct(findings.map((f) => f.pageUrl)),
      forms: forms.map((form) => {
        const of = leaks.filter((l) => l.form === form);
        return {
          formId: form.id, pageUrl: form.pageUrl, selector: form.selector,
          fields: form.fields.filter((f) => f.personaField).map((f) => ({ ...(f.label ? { label: f.label } : {}), category: f.category })),
          triggers: distinct(of.map((l) => l.finding.trigger)),
          beforeSubmit: of.some((l) => l.finding.beforeSubmit),
        };
      }),
      consentStates: distinct(findings.map((f) => f.consent)),
      configuration: configurationOf(input),
    }),
    dataSubjects: {
      observed: scan(forms.map((f) => ({ pageUrl: f.pageUrl, formId: f.id }))),
      categories: fromController(controller?.dataSubjectCategories),
      approxNumber: fromController(approx(controller?.approxDataSubjects)),
    },
    personalData: {
      categories: scan(distinct(recipients.flatMap((r) => r.categories.map((c) => c.category))).map((category) => {
        const all = recipients.flatMap((r) => r.categories.filter((c) => c.category === category));
        return { category, hashes: distinct(all.flatMap((c) => c.hashes)), inClear: all.some((c) => c.inClear) };
      })),
      hashed: findings.some((f) => f.hashed),
      specialCategories: scan({ suspected: !!special, hints: special?.details ?? [] }),
      approxRecords: fromController(approx(controller?.approxRecords)),
    },
    recipients: scan(recipients.map(recipientJson)),
    whereDataAreNow: {
      holders: scan(distinct(recipients.flatMap((r) => [r.vendor ? `${r.vendor.name} (${r.vendor.country})` : r.hosts.join(', '),
        ...(r.vendor?.parent ? [`${r.vendor.parent.name} (${r.vendor.parent.country})`] : [])]))),
      deletionConfirmed: fromController<string>(undefined),
    },
    consequences: scan(consequencesOf(recipients, leaks, !!special)),
    measures: {
      recommended: scan(measuresOf(leaks)),
      taken: fromController(controller?.measuresTaken),
      beforeBreach: fromController(controller?.measuresBeforeBreach),
    },
    dataSubjectNotice: {
      decision: fromController(controller?.dataSubjectsInformed?.decision),
      reason: fromController(controller?.dataSubjectsInformed?.reason),
    },
    documentation: { manifest: MANIFEST_NAME, files: [...files], findingIds: findings.map((f) => f.id) },
    findings: findings.map((f) => ({
      id: f.id, fingerprint: f.fingerprint, pageUrl: f.pageUrl, tracker: f.tracker, recipientHost: f.recipientHost,
      parameter: f.parameter, dataCategory: f.dataCategory, transform: f.transform, hashed: f.hashed, trigger: f.trigger,
      beforeSubmit: f.beforeSubmit, consent: f.consent, firstSeenAt: f.firstSeenAt, severity: f.severity,
    })),
  };
  return { ...draft, phasing: phasing(draft) };
}
