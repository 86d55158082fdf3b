import type { DataCategory } from '../persona/schema.js';
import type { Fact } from '../judge/fact.js';
import type { Finding } from '../judge/finding.js';
import type { RunSummary, SiteReport } from './run-summary.js';

/** Most identifying first: the order a reader should meet them in. */
const CATEGORY_ORDER: DataCategory[] = [
  'national_id', 'email', 'phone', 'first_name', 'last_name', 'full_name', 'date_of_birth', 'street_address',
  'postal_code', 'city', 'region', 'country', 'gender', 'password', 'free_text',
];

const CATEGORY_WORDS: Record<DataCategory, string> = {
  email: 'e-mail address', phone: 'phone number', first_name: 'first name', last_name: 'last name',
  full_name: 'full name', gender: 'gender', date_of_birth: 'date of birth', street_address: 'street address',
  postal_code: 'postal code', city: 'city', region: 'region', country: 'country',
  national_id: 'national identity number', password: 'password', free_text: 'free text',
};

/** `sha256` in a transform chain, as a reader names it: `SHA-256`. */
export function hashLabel(finding: Finding): string {
  const hashes = finding.transform.filter((t) => /^(md5|sha)/.test(t));
  if (!hashes.length) return finding.prefix ? 'in clear (partly, while typing)' : 'in clear';
  // `sha256` → SHA-256, `sha3-256` → SHA3-256 (not SHA-3-256: the SHA-2 rule must not see SHA3).
  const name = (hash: string): string => hash.toUpperCase().replace(/^SHA(\d+)$/, 'SHA-$1').replace(/^SHA3-?(\d+)/, 'SHA3-$1');
  // A chain reads outermost first, as sent: sha256(md5(x)) is "SHA-256 of MD5".
  return hashes.reverse().map(name).join(' of ');
}

function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function when(findings: Finding[]): string {
  const before = findings.some((f) => f.beforeSubmit);
  const at = findings.some((f) => !f.beforeSubmit);
  const triggers = [...new Set(findings.map((f) => f.trigger))].join('/');
  return `${before && at ? 'before and at submit' : before ? 'before submit' : 'at submit'} (${triggers})`;
}

/** Configuration facts: ids in use on one line, then each deviation (AAM on, …) with its severity. */
export function formatFacts(facts: readonly Fact[]): string[] {
  const lines: string[] = [];
  const ids = facts.filter((f) => f.kind === 'tracker-account').map((f) => `${f.trackerName} ${f.accountId}`);
  if (ids.length) lines.push(`  in use: ${ids.join(', ')}`);
  for (const f of facts.filter((x) => x.kind !== 'tracker-account')) {
    lines.push(`  ! ${f.trackerName}${f.accountId ? ` ${f.accountId}` : ''}: ${f.detail} [${f.severity}]`);
  }
  return lines;
}

/** A few readable lines per site: who received what, from which page, and where the proof is. */
export function formatSiteReport(report: SiteReport): string {
  const { summary, findings } = report;
  const lines: string[] = [];
  const name = `${summary.site ?? summary.input}${summary.consent ? ` [consent pass: ${summary.consent}]` : ''}`;
  if (summary.status === 'failed') {
    lines.push(`! ${name} — could not be scanned: ${summary.error ?? 'unknown error'}`);
    return lines.join('\n');
  }
  const stats = `${summary.pages} page(s), ${summary.forms} form(s), ${summary.requests} request(s)`;
  if (!findings.length) {
    lines.push(`✓ ${name} — no leak found (${stats})`);
  } else {
    lines.push(`✗ ${name} — ${findings.length} finding(s), highest severity ${summary.maxSeverity} (${stats})`);
    const groups = new Map<string, Finding[]>();
    for (const f of findings) {
      const key = `${f.tracker}|${f.accountId ?? ''}|${f.recipientHost}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    for (const group of groups.values()) {
      const f0 = group[0]!;
      const who = f0.tracker === 'unknown' ? `${f0.recipientHost} (no rule knows this recipient)` : f0.trackerName;
      const vendor = f0.vendor ? `${f0.vendor.name}, ${f0.vendor.country}` : f0.recipientHost;
      const id = f0.accountId ? `; pixel/account id ${f0.accountId}` : '';
      lines.push(`  ${who} (${vendor}${id}) received:`);
      const pages = [...new Set(group.map((f) => new URL(f.pageUrl).pathname))];
      for (const page of pages) {
        const onPage = group.filter((f) => new URL(f.pageUrl).pathname === page);
        const byHash = new Map<string, DataCategory[]>();
        for (const category of CATEGORY_ORDER.filter((c) => onPage.some((f) => f.dataCategory === c))) {
          for (const label of new Set(onPage.filter((f) => f.dataCategory === category).map(hashLabel))) {
            byHash.set(label, [...(byHash.get(label) ?? []), category]);
          }
        }
        const what = [...byHash].map(([label, categories]) => {
          const words = listWords(categories.map((c) => CATEGORY_WORDS[c]));
          return label.startsWith('in clear') ? `${words} ${label}` : `the ${label} of the ${words}`;
        });
        lines.push(`    ${what.join('; ')}`);
        lines.push(`      typed into the form at ${page}, ${when(onPage)}`);
      }
      lines.push(`    parameters: ${[...new Set(group.map((f) => f.parameter))].join(', ')}`);
    }
  }
  lines.push(...formatFacts(report.facts ?? []));
  if (summary.status === 'partial' && summary.error) lines.push(`  note: ${summary.error}`);
  if (report.bundleDir) lines.push(`  evidence: ${report.bundleDir}`);
  return lines.join('\n');
}

/** The closing lines of a run. */
export function formatRunFooter(run: RunSummary): string {
  const failed = run.sites.filter((s) => s.status === 'failed').length;
  const withFindings = run.sites.filter((s) => s.findings > 0).length;
  return [
    `${run.sites.length} site(s): ${withFindings} with findings, ${failed} could not be scanned. Run folder: ${run.runDir}`,
    `exit ${run.exitCode}: ${exitMeaning(run.exitCode ?? 0, run.failOn)}`,
  ].join('\n');
}

export function exitMeaning(code: number, failOn: string): string {
  switch (code) {
    case 0: return `no finding at or above --fail-on ${failOn}`;
    case 1: return `findings at or above --fail-on ${failOn}`;
    case 2: return 'bad usage, config or rules';
    default: return 'some site could not be scanned (and no finding)';
  }
}
