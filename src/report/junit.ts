import { severityRank, type Severity } from '../config/options.js';
import type { Evidence } from '../evidence/schema.js';
import type { Fact } from '../judge/fact.js';
import type { Acceptance, Finding } from '../judge/finding.js';
import { entrySubject, type BaselineEntry, type BaselineOutcome } from '../baseline/schema.js';
import { hashNames, leaksOf, pathOf } from './facts.js';
import type { RunSummary, SiteSummary } from './run-summary.js';

/** One site of the run, as JUnit needs it. */
export interface JunitSite {
  summary: SiteSummary;
  findings: readonly Finding[];
  /** Configuration facts (`findings.json#/facts`); they fail the run at `--fail-on` like findings. */
  facts?: readonly Fact[];
  /** The saved evidence (for its forms); absent when the site could not be scanned. */
  evidence?: Evidence;
}

/** Characters XML 1.0 cannot carry at all, even escaped (controls, lone surrogates). */
const INVALID_XML = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' };

/** Escapes text for an XML attribute value (quotes and line breaks too). */
export function xmlAttr(text: string): string {
  return text.replace(INVALID_XML, '\uFFFD').replace(/[&<>"'\n\r\t]/g, (ch) => XML_ENTITIES[ch]!);
}

/** Escapes text for XML element content. */
export function xmlText(text: string): string {
  return text.replace(INVALID_XML, '\uFFFD').replace(/[&<>]/g, (ch) => XML_ENTITIES[ch]!);
}

function findingLine(f: Finding): string {
  const how = f.hashed ? hashNames(f.transform).join('/') : 'in clear';
  return `[${f.severity}] ${f.id} ${f.trackerName} (${f.recipientHost}) received ${f.dataCategory} (${how}) in ${f.parameter}; ${f.trigger}, consent ${f.consent}, ${f.firstSeenAt}; transform ${f.transform.join(' > ')}; evidence ${f.evidence.request}`;
}

/** One line of a failure or system-out: a finding or a configuration fact. */
interface Item {
  severity: Severity;
  who: string;
  what: string;
  /** `received` for a finding, `configured` for a fact: the message's verb. */
  verb: string;
  line: string;
}

const findingItem = (f: Finding): Item => ({ severity: f.severity, who: f.trackerName, what: f.dataCategory, verb: 'received', line: findingLine(f) });
const factLine = (f: Fact): string => `[${f.severity}] ${f.id} ${f.trackerName}${f.accountId ? ` ${f.accountId}` : ''}: ${f.detail}; evidence ${f.evidence.request}`;
const factItem = (f: Fact): Item => ({ severity: f.severity, who: f.trackerName, what: f.kind, verb: 'has', line: factLine(f) });

const acceptedMessage = (a: Acceptance): string =>
  `accepted by the baseline (${a.baselineFile}): ${a.reason} (${a.owner}), since ${a.acceptedAt}${a.expires ? `, until ${a.expires}` : ''}`;

/**
 * A skipped test case: an accepted finding (one per fingerprint) or fact, or a stale or expired
 * baseline entry. Skipped, with the reason in its message, so CI shows it without failing on it.
 */
function skippedCase(classname: string, name: string, message: string, out: string): string {
  return `    <testcase classname="${xmlAttr(classname)}" name="${xmlAttr(name)}" time="0">\n      <skipped message="${xmlAttr(message)}"/>\n      <system-out>${xmlText(out)}</system-out>\n    </testcase>`;
}

function acceptedCases(classname: string, findings: readonly Finding[]): string[] {
  const byFingerprint = new Map<string, Finding[]>();
  for (const f of findings.filter((x) => x.accepted)) byFingerprint.set(f.fingerprint, [...(byFingerprint.get(f.fingerprint) ?? []), f]);
  return [...byFingerprint.values()].map((group) => {
    const f = group[0]!;
    return skippedCase(classname, `accepted: ${f.trackerName} ${f.dataCategory} in ${f.parameter} [${f.fingerprint}]`, acceptedMessage(f.accepted!),
      group.map(findingLine).join('\n'));
  });
}

/** A configuration fact is one per site already (its occurrences are counted on it). */
const acceptedFactCases = (classname: string, facts: readonly Fact[]): string[] => facts.filter((f) => f.accepted).map((f) =>
  skippedCase(classname, `accepted: ${f.trackerName} ${f.kind}${f.accountId ? ` ${f.accountId}` : ''}${f.fingerprint ? ` [${f.fingerprint}]` : ''}`,
    acceptedMessage(f.accepted!), factLine(f)));

function entryCases(classname: string, site: string, outcome: BaselineOutcome | undefined): string[] {
  if (!outcome) return [];
  const entry = (kind: string, e: BaselineEntry, why: string) => skippedCase(classname, `baseline ${kind}: ${entrySubject(e)} [${e.fingerprint}]`,
    `${kind}: ${why} (${e.reason}; ${e.owner})`, `${outcome.file}: ${JSON.stringify(e)}`);
  return [
    ...outcome.stale.filter((e) => e.site === site).map((e) => entry('stale', e, 'matched no finding or fact in this scan; remove the entry if the leak or configuration is gone')),
    ...outcome.expired.filter((e) => e.site === site).map((e) => entry('expired', e, `expired ${e.expires}, accepts nothing until renewed`)),
  ];
}

function testcase(classname: string, name: string, items: readonly Item[], failOn: Severity): { xml: string; failed: boolean } {
  const failing = items.filter((f) => severityRank(f.severity) >= severityRank(failOn));
  const below = items.filter((f) => !failing.includes(f));
  const lines = [`    <testcase classname="${xmlAttr(classname)}" name="${xmlAttr(name)}" time="0">`];
  if (failing.length) {
    const who = [...new Set(failing.map((f) => f.who))].join(', ');
    const what = [...new Set(failing.map((f) => f.what))].join(', ');
    const worst = failing.map((f) => f.severity).sort((a, b) => severityRank(b) - severityRank(a))[0];
    lines.push(`      <failure type="severity-${worst}" message="${xmlAttr(`${failing.length} at or above ${failOn}: ${who} ${failing[0]!.verb} ${what}`)}">${xmlText(failing.map((f) => f.line).join('\n'))}</failure>`);
  }
  if (below.length) lines.push(`      <system-out>${xmlText(`below --fail-on ${failOn}:\n${below.map((f) => f.line).join('\n')}`)}</system-out>`);
  lines.push('    </testcase>');
  return { xml: lines.join('\n'), failed: failing.length > 0 };
}

const seconds = (from: string, to: string | undefined): string => (to ? Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000).toFixed(3) : '0');

/**
 * `junit.xml`: one test suite per site, one test case per form (and one each for requests outside
 * forms and for the trackers' configuration), failing on findings at or above `--fail-on`; a site that could not be scanned is an
 * error. Findings and facts the baseline accepts, and its stale and expired entries, are skipped cases with the reason. GitLab, GitHub and Jenkins show it without plugins.
 */
export function renderJunit(run: RunSummary, sites: readonly JunitSite[]): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  const entriesListed = new Set<string>();
  for (const site of sites) {
    const s = site.summary;
    const name = s.site ?? s.input;
    const classname = (() => {
      try {
        return new URL(name).host;
      } catch {
        return name;
      }
    })();
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteErrors = 0;
    if (s.status === 'failed' || !site.evidence) {
      cases.push(`    <testcase classname="${xmlAttr(classname)}" name="scan" time="${seconds(s.startedAt, s.endedAt)}">\n      <error type="scan-failed" message="${xmlAttr(s.error ?? 'could not be scanned')}"/>\n    </testcase>`);
      suiteErrors += 1;
    } else {
      // Accepted findings get skipped cases of their own; the form cases count only the others.
      const leaks = leaksOf(site.evidence, site.findings.filter((f) => !f.accepted));
      const outside = testcase(classname, 'pages (requests outside forms)', leaks.filter((l) => !l.form).map((l) => findingItem(l.finding)), run.failOn);
      // Configuration facts (AAM on, loaded before consent) are about the site, not one form.
      // Accepted ones are skipped cases of their own, as findings are.
      const configuration = testcase(classname, 'tracker configuration', (site.facts ?? []).filter((f) => f.kind !== 'tracker-account' && !f.accepted).map(factItem), run.failOn);
      cases.push(configuration.xml);
      suiteFailures += configuration.failed ? 1 : 0;
      cases.push(outside.xml);
      suiteFailures += outside.failed ? 1 : 0;
      for (const form of site.evidence.forms) {
        const c = testcase(classname, `form ${form.id} ${pathOf(form.pageUrl)} ${form.selector}`, leaks.filter((l) => l.form === form).map((l) => findingItem(l.finding)), run.failOn);
        cases.push(c.xml);
        suiteFailures += c.failed ? 1 : 0;
      }
    }
    // With --consent all a site has three suites: its baseline entries are listed in the first.
    const entries = entriesListed.has(name) ? [] : entryCases(classname, name, run.baseline);
    entriesListed.add(name);
    const skipped = s.status === 'failed' || !site.evidence ? [] : [...acceptedCases(classname, site.findings), ...acceptedFactCases(classname, site.facts ?? []), ...entries];
    cases.push(...skipped);
    tests += cases.length;
    failures += suiteFailures;
    errors += suiteErrors;
    const note = s.status === 'partial' && s.error ? `\n    <system-err>${xmlText(`partial scan: ${s.error}`)}</system-err>` : '';
    suites.push(`  <testsuite name="${xmlAttr(name)}" tests="${cases.length}" failures="${suiteFailures}" errors="${suiteErrors}" skipped="${skipped.length}" timestamp="${s.startedAt.slice(0, 19)}" time="${seconds(s.startedAt, s.endedAt)}">\n    <properties>\n      <property name="bundle" value="${xmlAttr(s.bundle ?? '')}"/>\n      <property name="status" value="${s.status}"/>\n    </properties>\n${cases.join('\n')}${note}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xmlAttr(`pixel-audit ${run.runId}`)}" tests="${tests}" failures="${failures}" errors="${errors}" time="${seconds(run.startedAt, run.endedAt)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
