import { severityRank, type Severity } from '../config/options.js';
import type { Finding } from '../judge/finding.js';
import { en } from '../report/i18n/en.js';
import { hashLabel } from '../report/terminal.js';

/** Longest request URL quoted in a message; the bundle has the whole request. */
const MAX_URL = 160;

/** Findings at or above `threshold`, most severe first. */
export function leaksAtOrAbove(findings: readonly Finding[], threshold: Severity): Finding[] {
  return findings
    .filter((f) => severityRank(f.severity) >= severityRank(threshold))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}

/**
 * One paragraph per leak, with what a developer needs to find it: the tracker (and its account
 * id), the data field, the parameter that carried it, the transform chain from the typed value
 * to what was sent, when, and the request.
 */
export function describeLeaks(leaks: readonly Finding[], threshold: Severity): string {
  const sites = [...new Set(leaks.map((f) => f.site))].join(', ');
  const lines = [`${leaks.length} leak(s) at or above ${threshold} on ${sites}:`];
  for (const f of leaks) {
    const account = f.accountId ? `, account ${f.accountId}` : '';
    const url = f.requestUrl.length > MAX_URL ? `${f.requestUrl.slice(0, MAX_URL)}…` : f.requestUrl;
    lines.push(
      `  - ${f.trackerName} (${f.tracker}${account}) received the ${en.category[f.dataCategory]} (${f.dataCategory}) [${f.severity}]`,
      `      parameter: ${f.parameter}`,
      `      transform: ${f.transform.join(' → ')} (${hashLabel(f)})`,
      `      sent ${en.trigger[f.trigger]}${f.beforeSubmit ? ', before submit' : ''}: ${f.method} ${url}`,
    );
  }
  return lines.join('\n');
}
