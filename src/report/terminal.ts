import { entrySubject, isFactEntry, type BaselineEntry, type BaselineOutcome } from '../baseline/schema.js';
import type { DataCategory } from '../persona/schema.js';
import { maxSeverity } from '../judge/severity.js';
import type { Fact } from '../judge/fact.js';
import type { Acceptance, Finding } from '../judge/finding.js';
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

/** ` — reason (owner), until …`: on whose word something is accepted. */
const acceptedBy = (a: Acceptance): string => ` — ${a.reason} (${a.owner})${a.expires ? `, until ${a.expires}` : ''}`;

/**
 * Configuration facts: ids in use on one line, then each deviation (AAM on, …) with its severity;
 * one the baseline accepts says so, with the reason, instead of `!`.
 */
export function formatFacts(facts: readonly Fact[]): string[] {
  const lines: string[] = [];
  const ids = facts.filter((f) => f.kind === 'tracker-account').map((f) => `${f.trackerName} ${f.accountId}${f.accepted ? ' (accepted)' : ''}`);
  if (ids.length) lines.push(`  in use: ${ids.join(', ')}`);
  for (const f of facts.filter((x) => x.kind !== 'tracker-account')) {
    const what = `${f.trackerName}${f.accountId ? ` ${f.accountId}` : ''}: ${f.detail} [${f.severity}]`;
    lines.push(f.accepted ? `  accepted: ${what}${acceptedBy(f.accepted)}` : `  ! ${what}`);
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
  // Accepted findings are listed after the open ones, each with its reason: never left out.
  const open = findings.filter((f) => !f.accepted);
  const accepted = findings.length - open.length;
  if (!findings.length) {
    lines.push(`✓ ${name} — no leak found (${stats})`);
  } else if (!open.length) {
    lines.push(`✓ ${name} — ${findings.length} finding(s), all accepted by the baseline (${stats})`);
  } else {
    lines.push(`✗ ${name} — ${findings.length} finding(s)${accepted ? ` (${accepted} accepted by the baseline)` : ''}, highest severity ${maxSeverity(open)} (${stats})`);
    const groups = new Map<string, Finding[]>();
    for (const f of open) {
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
  lines.push(...formatAccepted(findings));
  lines.push(...formatFacts(report.facts ?? []));
  if (summary.status === 'partial' && summary.error) lines.push(`  note: ${summary.error}`);
  if (report.bundleDir) lines.push(`  evidence: ${report.bundleDir}`);
  return lines.join('\n');
}

/** What a finding sent, in words: `the SHA-256 of the e-mail address`, `the phone number in clear`. */
function sentWords(f: Finding): string {
  const label = hashLabel(f);
  const words = CATEGORY_WORDS[f.dataCategory];
  return label.startsWith('in clear') ? `the ${words} ${label}` : `the ${label} of the ${words}`;
}

/** One line per accepted fingerprint: `accepted: Meta Pixel received … in query.ud[em] — reason (owner)`. */
export function formatAccepted(findings: readonly Finding[]): string[] {
  const byFingerprint = new Map<string, Finding>();
  for (const f of findings) if (f.accepted && !byFingerprint.has(f.fingerprint)) byFingerprint.set(f.fingerprint, f);
  return [...byFingerprint.values()].map((f) => {
    return `  accepted: ${f.trackerName} received ${sentWords(f)} in ${f.parameter}${acceptedBy(f.accepted!)}`;
  });
}

/** A baseline entry in one line: what it accepts and on whose word. */
function entryLine(e: BaselineEntry): string {
  const how = isFactEntry(e) ? 'configuration' : e.transform.join(' > ') || 'as typed';
  return `${e.site} ${entrySubject(e)} (${how}) [${e.fingerprint}] — ${e.reason} (${e.owner})`;
}

/** The run's baseline: how many findings (and facts) it accepted, and each stale or expired entry. */
export function formatBaseline(outcome: BaselineOutcome): string[] {
  const added = outcome.added === undefined ? '' : `, ${outcome.added} entr${outcome.added === 1 ? 'y' : 'ies'} added`;
  const facts = outcome.acceptedFacts ? ` and ${outcome.acceptedFacts} configuration fact(s)` : '';
  return [
    `baseline ${outcome.file}: ${outcome.accepted} finding(s)${facts} accepted, ${outcome.stale.length} stale, ${outcome.expired.length} expired${added}`,
    ...outcome.stale.map((e) => (isFactEntry(e)
      ? `  stale (matched no fact; remove it if the configuration is gone): ${entryLine(e)}`
      : `  stale (matched no finding; remove it if the leak is gone): ${entryLine(e)}`)),
    ...outcome.expired.map((e) => `  expired ${e.expires} (accepts nothing until renewed): ${entryLine(e)}`),
    ...(outcome.updateError ? [`  ! ${outcome.updateError}`] : []),
  ];
}

/** The closing lines of a run. */
export function formatRunFooter(run: RunSummary): string {
  const failed = run.sites.filter((s) => s.status === 'failed').length;
  const withFindings = run.sites.filter((s) => s.findings > 0).length;
  return [
    `${run.sites.length} site(s): ${withFindings} with findings, ${failed} could not be scanned. Run folder: ${run.runDir}`,
    ...(run.baseline ? formatBaseline(run.baseline) : []),
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
