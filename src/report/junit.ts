import { severityRank, type Severity } from '../config/options.js';
import type { Evidence } from '../evidence/schema.js';
import type { Fact } from '../judge/fact.js';
import type { Finding } from '../judge/finding.js';
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
const factItem = (f: Fact): Item => ({
  severity: f.severity, who: f.trackerName, what: f.kind, verb: 'has',
  line: `[${f.severity}] ${f.id} ${f.trackerName}${f.accountId ? ` ${f.accountId}` : ''}: ${f.detail}; evidence ${f.evidence.request}`,
});

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
 * error. GitLab, GitHub and Jenkins show it without plugins.
 */
export function renderJunit(run: RunSummary, sites: readonly JunitSite[]): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
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
      const leaks = leaksOf(site.evidence, site.findings);
      const outside = testcase(classname, 'pages (requests outside forms)', leaks.filter((l) => !l.form).map((l) => findingItem(l.finding)), run.failOn);
      // Configuration facts (AAM on, loaded before consent) are about the site, not one form.
      const configuration = testcase(classname, 'tracker configuration', (site.facts ?? []).filter((f) => f.kind !== 'tracker-account').map(factItem), run.failOn);
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
    tests += cases.length;
    failures += suiteFailures;
    errors += suiteErrors;
    const note = s.status === 'partial' && s.error ? `\n    <system-err>${xmlText(`partial scan: ${s.error}`)}</system-err>` : '';
    suites.push(`  <testsuite name="${xmlAttr(name)}" tests="${cases.length}" failures="${suiteFailures}" errors="${suiteErrors}" skipped="0" timestamp="${s.startedAt.slice(0, 19)}" time="${seconds(s.startedAt, s.endedAt)}">\n    <properties>\n      <property name="bundle" value="${xmlAttr(s.bundle ?? '')}"/>\n      <property name="status" value="${s.status}"/>\n    </properties>\n${cases.join('\n')}${note}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xmlAttr(`pixel-audit ${run.runId}`)}" tests="${tests}" failures="${failures}" errors="${errors}" time="${seconds(run.startedAt, run.endedAt)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
