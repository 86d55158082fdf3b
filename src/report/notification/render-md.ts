import { CATEGORY_ORDER, pathOf, utc } from '../facts.js';
import { countryName, listOf } from '../i18n/lang.js';
import { notificationFields, type NotificationField, type Strings } from '../i18n/types.js';
import { mdCode, mdTable, mdText } from '../markdown.js';
import type { Entry, Notification } from './schema.js';

/** Which labelled field each entry path of `notification.json` fills (for the Art. 33(4) list). */
const PATH_FIELDS: Record<string, NotificationField> = {
  'controller.organisation': 'controller', 'controller.orgNumber': 'org-number', 'controller.country': 'controller',
  contactPoint: 'contact-point', 'timing.period': 'period', 'timing.awareAt': 'aware-at', nature: 'nature',
  'dataSubjects.observed': 'subject-categories', 'dataSubjects.categories': 'subject-categories',
  'dataSubjects.approxNumber': 'subject-number', 'personalData.categories': 'data-categories',
  'personalData.specialCategories': 'special-categories', 'personalData.approxRecords': 'record-number',
  recipients: 'recipients', 'whereDataAreNow.holders': 'where-data-now', 'whereDataAreNow.deletionConfirmed': 'where-data-now',
  consequences: 'consequences', 'measures.recommended': 'measures-recommended', 'measures.taken': 'measures-taken',
  'measures.beforeBreach': 'measures-before', 'dataSubjectNotice.decision': 'data-subjects-notice', 'dataSubjectNotice.reason': 'data-subjects-notice',
};

type Category = NonNullable<Notification['personalData']['categories']['value']>[number];

/** `e-mail address — hashed (SHA-256)`. */
export function categoryPhrase(c: Category, t: Strings): string {
  const how = [...(c.hashes.length ? [t.hashedWith(c.hashes.join(', '))] : []), ...(c.inClear ? [t.inClear] : [])];
  return `${t.category[c.category]} — ${how.join(', ')}`;
}

type Configuration = NonNullable<Notification['nature']['value']>['configuration'][number];

/** A configuration fact in the language, or the rule's own (English) sentence for kinds it does not word. */
export function configurationLine(c: Pick<Configuration, 'kind' | 'trackerName' | 'accountId' | 'detail'>, t: Strings): string {
  return t.configuration.kind[c.kind]?.(mdText(c.trackerName), c.accountId ? mdCode(c.accountId) : '').replace(/ :/, ':') ?? mdText(c.detail);
}

/** The Markdown rendering of a notification draft in one language. */
export function renderNotificationMd(n: Notification, t: Strings): string {
  const T = t.notification;
  const L = T.labels;
  const todo = `_${t.toComplete}_`;
  const show = <V>(e: Entry<V>, render: (v: V) => string): string => (e.value === null ? todo : render(e.value));
  const item = (field: NotificationField, text: string): string => `- **${L[field]}:** ${text}`;
  const bullets = (items: readonly string[]): string => items.map((i) => `  - ${i}`).join('\n');
  const out: string[] = [`# ${T.title}`, '', T.intro(mdCode(n.site), `pixel-audit ${n.tool.version}`, utc(n.generatedAt)), '', `> ${T.publicNote}`, ''];
  if (n.scan.caseRef) out.push(`${T.caseRef}: ${mdText(n.scan.caseRef)}`, '');
  if (!n.findings.length) {
    out.push(T.noFindings, '');
    return out.join('\n');
  }
  const nature = n.nature.value!;
  const recipients = n.recipients.value ?? [];
  const categories = [...(n.personalData.categories.value ?? [])].sort((a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category));
  const recipientNames = listOf(nature.recipients.map(mdText), t);

  out.push(`## ${T.sections.controller}`, '',
    item('controller', show(n.controller.organisation, mdText)),
    item('org-number', show(n.controller.orgNumber, mdText)),
    `- **${T.country}:** ${show(n.controller.country, (c) => countryName(c, t))}`,
    item('contact-point', show(n.contactPoint, (c) => [c.name, c.email, c.phone].filter((x): x is string => !!x).map(mdText).join(', '))),
    '');

  const period = n.timing.period.value!;
  out.push(`## ${T.sections.timing}`, '',
    item('period', period.basis === 'history' && period.firstSeenAt && period.lastSeenAt
      ? T.fromHistory({
        firstSeenAt: utc(period.firstSeenAt), lastSeenAt: utc(period.lastSeenAt),
        ...(period.lastCleanBeforeAt ? { lastCleanBeforeAt: utc(period.lastCleanBeforeAt) } : {}),
        ...(period.resolvedAt ? { resolvedAt: utc(period.resolvedAt) } : {}),
      })
      : T.thisScanOnly(utc(period.firstDetectedAt))),
    item('discovery', T.discovery(`pixel-audit ${n.tool.version}`)),
    item('aware-at', show(n.timing.awareAt, (v) => mdText(v))),
    '');

  out.push(`## ${T.sections.nature}`, '', item('nature', T.natureText(recipientNames)));
  for (const form of nature.forms) {
    const fields = form.fields.map((f) => (f.label ? `${mdText(f.label)} (${f.category ? t.category[f.category] : '?'})` : f.category ? t.category[f.category] : '?'));
    out.push(`  - ${T.formLine(mdCode(form.formId), mdCode(pathOf(form.pageUrl)), fields.join(', '), listOf(form.triggers.map((x) => t.trigger[x as keyof Strings['trigger']] ?? x), t), form.beforeSubmit)}`);
  }
  out.push(`  - ${T.consentLine(listOf(nature.consentStates.map((s) => t.consent[s]), t))}`);
  if (nature.configuration.length) out.push(`  - ${t.configuration.label}:`, ...nature.configuration.map((c) => `    - ${configurationLine(c, t)}`));
  out.push('');

  out.push(`## ${T.sections.subjects}`, '',
    item('subject-categories', `${T.observedSubjects(listOf((n.dataSubjects.observed.value ?? []).map((o) => `${mdCode(o.formId)} ${mdCode(pathOf(o.pageUrl))}`), t))} ${show(n.dataSubjects.categories, (c) => c.map(mdText).join(', '))}`),
    item('subject-number', n.dataSubjects.approxNumber.value === null ? `${todo} (${T.subjectNumberHint})` : mdText(n.dataSubjects.approxNumber.value)),
    '');

  const special = n.personalData.specialCategories.value!;
  out.push(`## ${T.sections.data}`, '',
    item('data-categories', ''), bullets(categories.map((c) => categoryPhrase(c, t))),
    item('record-number', show(n.personalData.approxRecords, mdText)),
    item('special-categories', special.suspected ? T.specialSuggested(special.hints.map(mdText).join(', ')) : T.noSpecial),
    item('hashing', t.pseudonymisation),
    '');

  out.push(`## ${T.sections.recipients}`, '', item('recipients', ''));
  for (const r of recipients) {
    const entity = r.legalEntity ? `${mdText(r.legalEntity.name)}, ${countryName(r.legalEntity.country, t)}` : T.unknownEntity;
    const parent = r.parent ? `; ${T.parent}: ${mdText(r.parent.name)}, ${countryName(r.parent.country, t)}` : '';
    const data = listOf(r.categories.map((c) => categoryPhrase(c, t)), t);
    out.push(`  - ${T.recipientLine({ entity: entity + parent, name: mdText(r.name), ids: r.accountIds.length ? ` (ID ${r.accountIds.map(mdCode).join(', ')})` : '', hosts: r.hosts.map(mdCode).join(', '), data })}`);
    out.push(`    - ${L['third-country']}: ${r.thirdCountryTransfer ? T.transferYes(r.thirdCountries.map((c) => countryName(c, t)).join(', ')) : r.legalEntity ? T.transferNo : todo}`);
  }
  out.push(item('where-data-now', `${T.heldBy}: ${show(n.whereDataAreNow.holders, (h) => h.map(mdText).join('; '))}. ${T.deletionConfirmed}: ${show(n.whereDataAreNow.deletionConfirmed, mdText)}`), '');

  out.push(`## ${T.sections.consequences}`, '', item('consequences', ''), bullets((n.consequences.value ?? []).map((c) => t.consequence[c])), '');

  out.push(`## ${T.sections.measures}`, '',
    item('measures-recommended', ''), bullets((n.measures.recommended.value ?? []).map((m) => t.measure[m])),
    item('measures-taken', n.measures.taken.value === null ? todo : ''), ...(n.measures.taken.value ? [bullets(n.measures.taken.value.map(mdText))] : []),
    item('measures-before', n.measures.beforeBreach.value === null ? todo : ''), ...(n.measures.beforeBreach.value ? [bullets(n.measures.beforeBreach.value.map(mdText))] : []),
    '');

  const data = listOf(categories.map((c) => t.category[c.category]), t);
  out.push(`## ${T.sections.notice}`, '', item('data-subjects-notice', T.noticeText(mdText(n.site), data, recipientNames)),
    `  - ${T.decision}: ${show(n.dataSubjectNotice.decision, (d) => T.decisionValue[d])}`,
    `  - ${T.reason}: ${show(n.dataSubjectNotice.reason, mdText)}`, '');

  const finalOf = new Map<NotificationField, boolean>();
  for (const path of n.phasing.final) if (PATH_FIELDS[path]) finalOf.set(PATH_FIELDS[path], finalOf.get(PATH_FIELDS[path]) ?? true);
  for (const path of n.phasing.toFollow) if (PATH_FIELDS[path]) finalOf.set(PATH_FIELDS[path], false);
  const labels = (final: boolean): string => notificationFields.filter((field) => finalOf.get(field) === final).map((field) => L[field]).join('; ');
  out.push(`## ${T.sections.phasing}`, '', item('phasing', ''), `  - ${t.final}: ${labels(true)}`, `  - ${t.toFollow}: ${labels(false)}`, '');

  out.push(`## ${T.sections.documentation}`, '', item('documentation', T.documentationText(n.documentation.manifest)),
    bullets(n.documentation.files.map(mdCode)), '');

  const C = T.columns;
  out.push(`## ${T.sections.annex}`, '', mdTable(
    ['#', C.time, C.page, C.recipient, C.parameter, C.data, C.trigger, C.consent],
    n.findings.map((f, i) => [String(i + 1), utc(f.firstSeenAt), mdCode(pathOf(f.pageUrl)), mdCode(f.recipientHost), mdCode(f.parameter),
      `${t.category[f.dataCategory]}: ${mdCode(f.transform.join(' → '))}`, t.trigger[f.trigger], t.consent[f.consent]]),
  ), '');
  return out.join('\n');
}
