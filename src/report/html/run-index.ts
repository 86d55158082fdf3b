import type { RunSummary } from '../run-summary.js';
import { utc } from '../facts.js';
import { html } from './escape.js';
import { page } from './site-report.js';

/** Report files linked from the index, relative to a site bundle. */
const LINKS = [['report.html', 'report'], ['notification.md', 'notification draft'], ['control-report.md', 'control report'], ['manifest.json', 'manifest']] as const;

/** The run folder's `index.html`: every site, its status and counts, linking to its reports. */
export function renderRunIndex(run: RunSummary): string {
  const rows = run.sites.map((s) => {
    // Relative links inside the run folder; nothing is fetched until a reader clicks.
    const links = s.bundle ? LINKS.map(([file, label]) => html`<a href="${`${s.bundle}/${file}`}">${label}</a> `) : '';
    const verdict = s.status === 'failed' ? 'could not be scanned' : s.findings ? `${s.findings} finding(s), highest ${s.maxSeverity}` : 'no leak found';
    return html`<tr><td>${s.site ?? s.input}</td><td>${s.status}</td><td>${verdict}${s.error ? html`<br><span class="muted">${s.error}</span>` : ''}</td>
<td>${s.pages}</td><td>${s.forms}</td><td>${s.requests}</td><td>${links}</td></tr>`;
  });
  const withFindings = run.sites.filter((s) => s.findings > 0).length;
  const body = html`<header><h1>pixel-audit run ${run.runId}</h1>
<p class="meta">${utc(run.startedAt)}${run.endedAt ? ` – ${utc(run.endedAt)}` : ''} · pixel-audit ${run.tool.version} · seed <code>${run.seed}</code> · --fail-on ${run.failOn}${run.exitCode === undefined ? '' : ` · exit ${run.exitCode}`}</p></header>
<p class="verdict ${withFindings ? 'bad' : 'ok'}">${run.sites.length} site(s): ${withFindings} with findings, ${run.sites.filter((s) => s.status === 'failed').length} could not be scanned.</p>
<table><thead><tr><th>Site</th><th>Status</th><th>Result</th><th>Pages</th><th>Forms</th><th>Requests</th><th>Files</th></tr></thead><tbody>${rows}</tbody></table>
<p class="muted">Each site's folder holds its evidence and <code>manifest.json</code>; <code>pixel-audit verify ${run.runDir}</code> checks every file. <code>junit.xml</code> has the same results for CI.</p>`;
  return page(`pixel-audit run ${run.runId}`, body);
}
