import { distinct, leaksOf, pathOf, recipientsOf, utc, type Leak, type Recipient } from '../facts.js';
import { countryName, listOf } from '../i18n/lang.js';
import type { Strings } from '../i18n/types.js';
import { deviationsOf, jurisdictionOf } from '../legal.js';
import { mdCode, mdTable, mdText } from '../markdown.js';
import { categoryPhrase, configurationLine } from '../notification/render-md.js';
import type { ReportInput } from '../report-input.js';
import type { Acceptance, Finding } from '../../judge/finding.js';

const nameOf = (r: Recipient): string => r.vendor?.name ?? r.hosts.join(', ');

/** Where a finding's proof is: the request in evidence.json, its HAR entry, the form screenshot. */
function evidenceCell(leak: Leak): string {
  const e = leak.finding.evidence;
  return [e.request, `${e.har}${e.harEntry === undefined ? '' : ` #${e.harEntry}`}`, e.screenshot].filter((x): x is string => !!x).map(mdCode).join(', ');
}

/**
 * Findings the controller's baseline accepts, one note per acceptance, citing table rows. The
 * rows stay in the table: an accepted leak is still a disclosure, only the controller's view of it differs.
 */
function acceptedNotes(findings: readonly Finding[], t: Strings): string[] {
  const rows = new Map<string, { a: Acceptance; rows: number[] }>();
  findings.forEach((f, i) => {
    if (!f.accepted) return;
    const key = JSON.stringify([f.accepted.reason, f.accepted.owner, f.accepted.acceptedAt]);
    rows.set(key, { a: f.accepted, rows: [...(rows.get(key)?.rows ?? []), i + 1] });
  });
  const notes = [...rows.values()].map(({ a, rows: r }) => `- ${t.accepted({ rows: r.map((n) => `#${n}`).join(', '), reason: mdText(a.reason), owner: mdText(a.owner), since: a.acceptedAt })}`);
  return notes.length ? [...notes, ''] : [];
}

/**
 * The inspector's control report (Datatilsynet's shape): header, introduction with the method,
 * findings, deviations each with its legal provisions, what the scan cannot establish, conclusion.
 */
export function renderControlReportMd(input: ReportInput, t: Strings): string {
  const { evidence, context, controller } = input;
  const C = t.control;
  const L = C.labels;
  const leaks = leaksOf(evidence, input.findings.findings);
  const recipients = recipientsOf(leaks);
  const deviations = deviationsOf(recipients, evidence, jurisdictionOf(evidence.site, controller?.organisation?.country), input.findings.facts ?? []);
  const org = controller?.organisation;
  const entity = org ? `${mdText(org.name)}${org.orgNumber ? ` (${mdText(org.orgNumber)})` : ''} — ${mdCode(evidence.site)}` : mdCode(evidence.site);
  const pages = distinct([evidence.startUrl, ...evidence.pages.map((p) => p.finalUrl ?? p.url)]);
  const out: string[] = [`# ${C.title}`, ''];
  out.push(mdTable(['', ''], [
    [`**${L.case}**`, context.caseRef ? mdText(context.caseRef) : `_${C.notGiven}_`],
    [`**${L['control-date']}**`, `${evidence.startedAt.slice(0, 10)} (${utc(evidence.startedAt)} – ${utc(evidence.endedAt)})`],
    [`**${L['report-date']}**`, input.now.slice(0, 10)],
    [`**${L.entity}**`, entity],
    [`**${L.place}**`, pages.map(mdCode).join(', ')],
    [`**${L['prepared-by']}**`, context.inspectors.length ? context.inspectors.map(mdText).join(', ') : `_${C.notGiven}_`],
  ]), '');

  const chromium = context.chromium;
  out.push(`## ${L.introduction}`, '', C.introText(mdCode(evidence.site), org ? mdText(org.name) : mdCode(new URL(evidence.site).hostname)), '',
    `### ${L.method}`, '',
    `- **${C.methodTool}:** pixel-audit ${context.tool.version}${context.tool.commit ? ` (${mdCode(context.tool.commit.slice(0, 12))})` : ''}, Node ${context.node}, Playwright ${context.playwright}, Chromium ${chromium.version} (${chromium.source}, ${mdCode(chromium.path)})`,
    `- **${C.methodUserAgent}:** ${mdCode(context.userAgent)}`,
    `- ${C.methodProcedure}`,
    `- ${C.methodPersona(evidence.persona.country, mdCode(evidence.persona.seed ?? '—'))}`,
    `- ${C.methodConsent(t.consentMode[evidence.consent.mode], t.consent[evidence.consent.state], evidence.consent.bannerFound)}`,
    `- ${C.methodSubmit(t.submitMode[evidence.submitMode])}`,
    `- ${C.methodScope({ site: mdCode(evidence.site), pages: evidence.pages.filter((p) => !p.error).length, forms: evidence.forms.length, requests: evidence.requests.length })}`,
    `- **${C.methodRules}:** ${mdCode(context.rulesDigest)}`, '');

  out.push(`## ${L.findings}`, '');
  if (!leaks.length) out.push(C.noFindings, '');
  for (const r of recipients) {
    const who = `**${mdText(nameOf(r))}**${r.vendor ? `, ${countryName(r.vendor.country, t)}` : ''} — ${mdText(r.trackerName)}${r.accountIds.length ? ` (ID ${r.accountIds.map(mdCode).join(', ')})` : ''}`;
    out.push(`- ${C.findingsSummary(who, listOf(r.categories.map((c) => categoryPhrase(c, t)), t), listOf(distinct(r.leaks.map((l) => mdCode(pathOf(l.finding.pageUrl)))), t))}`);
  }
  const configuration = (input.findings.facts ?? []).filter((f) => f.kind !== 'tracker-account');
  if (configuration.length) {
    // An accepted fact keeps its line: the setting is a fact of the site whatever the controller's view of it.
    const accepted = (a: Acceptance | undefined) => (a ? ` — ${t.acceptedFact({ reason: mdText(a.reason), owner: mdText(a.owner), since: a.acceptedAt })}` : '');
    out.push(`- **${t.configuration.label}:**`, ...configuration.map((f) => `  - ${configurationLine(f, t)} (${mdCode(f.evidence.request)}${f.evidence.fromResponse ? `, ${mdCode(f.evidence.har)} #${f.evidence.harEntry ?? '?'}` : ''})${accepted(f.accepted)}`));
  }
  if (leaks.length) {
    const K = C.columns;
    out.push('', mdTable(['#', K.page, K.form, K.field, K.recipient, K.parameter, K.transform, K.time, K.evidence], leaks.map((leak, i) => {
      const f = leak.finding;
      const field = leak.field ? `${leak.field.label ? `${mdText(leak.field.label)} ` : ''}${mdCode(leak.field.selector)}` : '—';
      return [String(i + 1), mdCode(pathOf(f.pageUrl)), leak.form ? `${mdCode(leak.form.id)} ${mdCode(leak.form.selector)}` : '—', `${field} (${t.category[f.dataCategory]})`,
        `${mdText(f.vendor?.name ?? f.recipientHost)} ${mdCode(f.recipientHost)}`, mdCode(f.parameter), mdCode(f.transform.join(' → ')),
        `${utc(f.firstSeenAt)}, ${t.trigger[f.trigger]}`, evidenceCell(leak)];
    })), '', `> ${t.pseudonymisation}`, '');
    out.push(...acceptedNotes(leaks.map((l) => l.finding), t));
  }

  out.push(`## ${L.deviations}`, '');
  deviations.forEach((d, i) => {
    const text = t.deviation[d.kind];
    const details = d.kind === 'third-country' ? d.details.map((c) => countryName(c, t)).join(', ') : d.details.map(mdText).join(', ');
    out.push(`### ${C.deviationHeading(i + 1, text.title)}`, '',
      text.text({ recipients: listOf(d.recipients.map(mdText), t), count: d.findingIds.length, details }), '',
      `- **${C.provisionLabel}:** ${d.provisions.map((p) => t.provision[p]).join('; ')}`,
      `- **${C.findingsLabel}:** ${d.findingIds.length} (${d.findingIds.slice(0, 6).map(mdCode).join(', ')}${d.findingIds.length > 6 ? ', …' : ''})`, '');
  });
  if (!deviations.length) out.push(`${t.none}.`, '');

  out.push(`## ${L['not-established']}`, '', ...C.notEstablished.map((s) => `- ${s}`), '');
  out.push(`## ${L.conclusion}`, '', deviations.length ? C.conclusion(deviations.length, listOf(recipients.map((r) => mdText(nameOf(r))), t)) : C.conclusionClean, '');
  out.push('---', '', `_${C.generated(`pixel-audit ${context.tool.version}`)}_`, '');
  return out.join('\n');
}
