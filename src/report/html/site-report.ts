import type { Evidence, FormRecord } from '../../evidence/schema.js';
import type { Fact } from '../../judge/fact.js';
import { distinct, hashNames, leaksOf, pathOf, recipientsOf, utc, type Leak } from '../facts.js';
import { en } from '../i18n/en.js';
import type { ReportInput } from '../report-input.js';
import { html, highlight, SafeHtml } from './escape.js';
import { requestView } from './request-view.js';
import { STYLES } from './styles.js';
import { recomputeChain } from './transform-chain.js';

/** Screenshot bytes by bundle path (base64), read by the caller so this stays pure. */
export type Screenshots = ReadonlyMap<string, string>;

/** No request may leave the report: not a font, not an image, not a prefetch. */
export const REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** The `<html>` shell every report page shares. */
export function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new SafeHtml(STYLES)}</style>
</head>
<body>
${body}
</body>
</html>
`.value;
}

function image(path: string | undefined, shots: Screenshots, alt: string): SafeHtml {
  const data = path ? shots.get(path) : undefined;
  if (!path || !data) return html``;
  // base64 holds only [A-Za-z0-9+/=]; escaping it changes nothing but keeps the rule without exception.
  return html`<figure><img src="data:image/png;base64,${data}" alt="${alt}"><figcaption>${path}</figcaption></figure>`;
}

function what(leaks: readonly Leak[]): string {
  const r = recipientsOf(leaks)[0];
  return (r?.categories ?? []).map((c) => `${en.category[c.category]} (${[...c.hashes, ...(c.inClear ? ['in clear'] : [])].join(', ')})`).join(', ');
}

function summary(leaks: readonly Leak[], evidence: Evidence): SafeHtml {
  if (!leaks.length) {
    return html`<p class="verdict ok">No leak found: no request to a third party carried the persona's data (${evidence.pages.length} page(s), ${evidence.forms.length} form(s), ${evidence.requests.length} request(s)).</p>`;
  }
  const recipients = recipientsOf(leaks);
  const forms = distinct(leaks.map((l) => l.form?.id).filter(Boolean));
  const rows = recipients.map((r) => {
    const who = r.vendor ? `${r.vendor.name} (${r.vendor.country})${r.vendor.parent ? `, parent ${r.vendor.parent.name} (${r.vendor.parent.country})` : ''}` : `${r.hosts.join(', ')} (no rule names the owner)`;
    const hashed = r.leaks.every((l) => l.finding.hashed) ? 'all hashed' : r.leaks.some((l) => l.finding.hashed) ? 'partly hashed' : 'in clear';
    const times = r.leaks.map((l) => l.finding.firstSeenAt).sort();
    return html`<tr><td><strong>${r.trackerName}</strong><br>${who}${r.accountIds.length ? html`<br><span class="muted">id ${r.accountIds.join(', ')}</span>` : ''}</td>
<td>${what(r.leaks)}</td><td>${hashed}</td>
<td>${distinct(r.leaks.map((l) => en.trigger[l.finding.trigger])).join(', ')}${r.leaks.some((l) => l.finding.beforeSubmit) ? '; before submit' : ''}</td>
<td>${distinct(r.leaks.map((l) => en.consent[l.finding.consent])).join('; ')}</td>
<td>${distinct(r.leaks.map((l) => pathOf(l.finding.pageUrl))).join(', ')}</td>
<td>${utc(times[0]!)}${times.length > 1 ? html`<br>to ${utc(times.at(-1)!)}` : ''}</td>
<td>${r.thirdCountries.length ? `yes: ${r.thirdCountries.join(', ')}` : r.known ? 'no' : 'unknown'}</td></tr>`;
  });
  const accepted = leaks.filter((l) => l.finding.accepted).length;
  const acceptedNote = accepted ? ` (${accepted} accepted by the baseline: still disclosures, marked below, not counted by --fail-on)` : '';
  return html`<p class="verdict bad">${leaks.length} finding(s)${acceptedNote}: what a visitor typed into ${forms.length} form(s) was sent to ${recipients.length} recipient(s).</p>
<table><thead><tr><th>Recipient</th><th>What it received</th><th>Hashed</th><th>When</th><th>Consent</th><th>Pages</th><th>Seen (UTC)</th><th>Outside the EEA</th></tr></thead>
<tbody>${rows}</tbody></table>
<p class="note">${en.pseudonymisation}</p>`;
}

function findingCard(leak: Leak, evidence: Evidence): SafeHtml {
  const f = leak.finding;
  const view = requestView(leak.request, f);
  const chain = recomputeChain(f, evidence.persona);
  const what = `${f.hashed ? `${hashNames(f.transform).join(' of the ')} of the ` : f.prefix ? 'part typed so far of the ' : ''}${en.category[f.dataCategory]}${f.hashed || f.prefix ? '' : ' in clear'}`;
  const body = view.params.filter((p) => p.where === 'body');
  const params = view.params.map((p) => html`<tr class="${p.leaking ? 'leaking' : ''}"><td class="mono">${p.where}.${p.name}</td><td class="value mono">${p.leaking ? highlight(p.value, f.matched) : p.value}</td></tr>`);
  const chainSteps = chain.steps.map((s) => html`<li><code>${s.step}</code> — ${s.label}: <code>${s.value}</code></li>`);
  const a = f.accepted;
  return html`<details class="finding" id="${f.id}"><summary><span class="sev sev-${f.severity}">${f.severity}</span>${a ? html` <span class="accepted">accepted</span>` : ''}
<strong>${f.trackerName}</strong> received the ${what} in <code>${f.parameter}</code>, ${en.trigger[f.trigger]}, ${utc(f.firstSeenAt)}</summary>
<dl class="facts">
<dt>Finding</dt><dd><code>${f.id}</code> (fingerprint <code>${f.fingerprint}</code>)</dd>
${a ? html`<dt>Accepted</dt><dd>${a.reason} — ${a.owner}, since ${a.acceptedAt}${a.expires ? `, until ${a.expires}` : ''} (baseline <code>${a.baselineFile}</code>); still a disclosure, not counted by <code>--fail-on</code></dd>` : ''}
<dt>Recipient</dt><dd>${f.vendor ? `${f.vendor.name}, ${f.vendor.country}${f.vendor.parent ? `; parent ${f.vendor.parent.name}, ${f.vendor.parent.country}` : ''}` : 'unknown legal entity'} — host <code>${f.recipientHost}</code>${f.firstParty ? ' (first-party endpoint)' : ''}</dd>
${f.accountId ? html`<dt>Pixel / account id</dt><dd><code>${f.accountId}</code></dd>` : ''}${f.event ? html`<dt>Event</dt><dd><code>${f.event}</code></dd>` : ''}
<dt>Field</dt><dd>${leak.field ? html`${leak.field.label ?? ''} <code>${leak.field.selector}</code>` : '—'} (${en.category[f.dataCategory]}; persona field <code>${f.personaField}</code>)</dd>
<dt>When</dt><dd>${utc(f.firstSeenAt)}, ${en.trigger[f.trigger]}${leak.action ? html` (after action #${leak.action.seq}: ${leak.action.type} ${leak.action.selector ?? ''})` : ''}; ${f.beforeSubmit ? 'before the form was submitted' : 'at or after submit'}</dd>
<dt>Consent</dt><dd>${en.consent[f.consent]}</dd>
<dt>Delivered</dt><dd>${f.delivered ? 'yes: the recipient answered' : 'no response seen (the request may still have arrived)'}</dd>
<dt>Evidence</dt><dd><code>${f.evidence.request}</code>, <code>${f.evidence.har}</code>${f.evidence.harEntry === undefined ? '' : ` entry ${f.evidence.harEntry}`}${f.evidence.screenshot ? html`, <code>${f.evidence.screenshot}</code>` : ''}</dd>
</dl>
<h4>The request</h4>
<pre class="url">${view.method} ${highlight(view.url, f.matched)}</pre>
${body.length ? html`<p class="muted">Form body (${body.length} parameter(s)) below.</p>` : ''}${view.bodyText !== undefined ? html`<pre>${highlight(view.bodyText, f.matched)}</pre>` : ''}
${view.params.length ? html`<table><thead><tr><th>Parameter</th><th>Value (decoded)</th></tr></thead><tbody>${params}</tbody></table>` : ''}
<h4>Recompute it by hand</h4>
${chain.error ? html`<p class="mismatch">Could not recompute: ${chain.error}</p>` : html`<ol class="chain"><li>persona <code>${chain.field}</code> as typed: <code>${chain.input}</code></li>${chainSteps}</ol>
<p class="${chain.matches ? 'match' : 'mismatch'}">${chain.matches ? '✓ equals the value found in the request' : '✗ differs from the value found in the request'}: <code>${f.matched}</code></p>
${chain.command ? html`<pre>${chain.command}</pre>` : ''}`}
</details>`;
}

function formSection(form: FormRecord | undefined, leaks: readonly Leak[], evidence: Evidence, shots: Screenshots): SafeHtml {
  const heading = form ? html`Form <code>${form.id}</code> on <code>${pathOf(form.pageUrl)}</code> <code>${form.selector}</code>` : html`Requests not tied to a form`;
  const fields = form ? form.fields.map((fd) => html`<tr><td>${fd.label ?? ''}</td><td class="mono">${fd.selector}</td><td>${fd.type}</td><td>${fd.category ? en.category[fd.category] : 'not recognised'}</td><td>${fd.personaField ?? fd.skipped ?? ''}</td></tr>`) : [];
  return html`<section class="form"><h3>${heading}</h3>
${form ? image(form.screenshot, shots, `The form ${form.id} at ${pathOf(form.pageUrl)}, filled with the canary persona, before submit`) : ''}
${form ? html`<p class="muted">Submit: ${form.submit}${form.action ? html`; action <code>${form.action}</code>` : ''}</p><table><thead><tr><th>Label</th><th>Selector</th><th>Type</th><th>Recognised as</th><th>Typed (persona field)</th></tr></thead><tbody>${fields}</tbody></table>` : ''}
${leaks.map((l) => findingCard(l, evidence))}</section>`;
}

const hostPath = (url: string): string => {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return url;
  }
};

function timeline(evidence: Evidence, leaks: readonly Leak[]): SafeHtml {
  const byRequest = new Map<string, Leak[]>();
  for (const l of leaks) byRequest.set(l.finding.requestId, [...(byRequest.get(l.finding.requestId) ?? []), l]);
  const leaking = evidence.requests.filter((r) => byRequest.has(r.id));
  const requestRow = (id: string): SafeHtml => {
    const r = evidence.requests.find((x) => x.id === id)!;
    const ls = byRequest.get(id)!;
    return html`<tr class="request"><td class="mono">${r.at.slice(11, 23)}</td><td>request <code>${r.id}</code> ${r.method} <code>${hostPath(r.url)}</code> carried ${distinct(ls.map((l) => en.category[l.finding.dataCategory])).join(', ')} — ${ls.map((l) => html`<a href="#${l.finding.id}">${l.finding.id}</a> `)}</td></tr>`;
  };
  const rows: SafeHtml[] = leaking.filter((r) => r.afterAction === null).map((r) => requestRow(r.id));
  for (const a of evidence.timeline) {
    rows.push(html`<tr><td class="mono">${a.at.slice(11, 23)}</td><td>#${a.seq} ${a.type}${a.formId ? html` form <code>${a.formId}</code>` : ''}${a.selector ? html` <code>${a.selector}</code>` : ''}${a.category ? ` (${en.category[a.category]})` : ''}${a.detail ? html` — ${a.detail}` : ''}</td></tr>`);
    for (const r of leaking.filter((x) => x.afterAction === a.seq)) rows.push(requestRow(r.id));
  }
  return html`<p class="muted">Scanner actions in order (UTC, ${evidence.startedAt.slice(0, 10)}); the requests that carried persona data are marked after the action they followed.</p>
<table><thead><tr><th>Time</th><th>What happened</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** One configuration fact; one the baseline accepts is marked, with the reason (never left out). */
function factItem(f: Fact): SafeHtml {
  const a = f.accepted;
  return html`<li><span class="sev sev-${f.severity}">${f.severity}</span>${a ? html` <span class="accepted">accepted</span>` : ''} ${f.detail} <span class="muted">(<code>${f.evidence.request}</code>${f.evidence.fromResponse ? html`, response of <code>${f.evidence.har}</code> entry ${f.evidence.harEntry ?? '?'}` : ''})</span>${a ? html`<br><span class="muted">Accepted: ${a.reason} — ${a.owner}, since ${a.acceptedAt}${a.expires ? `, until ${a.expires}` : ''} (baseline <code>${a.baselineFile}</code>); not counted by <code>--fail-on</code></span>` : ''}</li>`;
}

/** The self-contained `report.html` of one site bundle. */
export function renderSiteHtml(input: ReportInput, shots: Screenshots, files: readonly string[]): string {
  const { evidence, context } = input;
  const leaks = leaksOf(evidence, input.findings.findings);
  const groups = new Map<FormRecord | undefined, Leak[]>();
  for (const l of leaks) groups.set(l.form, [...(groups.get(l.form) ?? []), l]);
  const consent = evidence.consent;
  const configuration = (input.findings.facts ?? []).filter((f) => f.kind !== 'tracker-account');
  const body = html`<header><h1>pixel-audit report: ${evidence.site}</h1>
<p class="meta">Scanned ${utc(evidence.startedAt)} – ${utc(evidence.endedAt)} · pixel-audit ${context.tool.version} · Chromium ${context.chromium.version}
· consent: ${en.consentMode[consent.mode]} → ${en.consent[consent.state]} · submit: ${evidence.submitMode}${context.caseRef ? html` · case <strong>${context.caseRef}</strong>` : ''}${context.inspectors.length ? ` · ${context.inspectors.join(', ')}` : ''}</p></header>
<section id="summary"><h2>Summary</h2>${summary(leaks, evidence)}
${configuration.length ? html`<h3>${en.configuration.label}</h3><ul>${configuration.map(factItem)}</ul>` : ''}
${consent.screenshot ? image(consent.screenshot, shots, 'The consent banner as found') : ''}
${input.findings.couldNotAssess.length ? html`<p class="note">Could not assess (a stage failed): ${input.findings.couldNotAssess.join(', ')}. Absence of findings there is not evidence of absence.</p>` : ''}</section>
${leaks.length ? html`<section id="findings"><h2>Findings</h2>${[...groups].map(([form, ls]) => formSection(form, ls, evidence, shots))}</section>` : ''}
<section id="timeline"><h2>Timeline</h2>${timeline(evidence, leaks)}</section>
<section id="evidence"><h2>Evidence files</h2><p>This report is made from the bundle's files; <code>manifest.json</code> lists the SHA-256 of each, and <code>pixel-audit verify</code> checks them. The persona is synthetic: no real person's data was typed.</p>
<ul>${files.map((f) => html`<li><code>${f}</code></li>`)}</ul></section>
<footer class="muted">pixel-audit ${context.tool.version}${context.tool.commit ? ` (${context.tool.commit.slice(0, 12)})` : ''} · rule-set digest <code>${context.rulesDigest}</code> · generated ${utc(input.now)}</footer>`;
  return page(`pixel-audit: ${evidence.site} — ${leaks.length} finding(s)`, body);
}
