import { describe, expect, it } from 'vitest';
import { renderJunit, xmlAttr, xmlText } from '../../../src/report/junit.js';
import { RUN_SCHEMA_VERSION, type RunSummary, type SiteSummary } from '../../../src/report/run-summary.js';
import { at, buildEvidence, SITE } from '../../helpers/evidence-builder.js';
import { FINDINGS, finding } from './report-fixture.js';

const summary = (over: Partial<SiteSummary> = {}): SiteSummary => ({
  input: `${SITE}/`, site: SITE, bundle: 'sites/www.example.se', status: 'ok', pages: 1, forms: 1, requests: 5, findings: 3,
  maxSeverity: 'high', startedAt: at(0), endedAt: at(30), ...over,
});
const run = (failOn: RunSummary['failOn'] = 'low'): RunSummary => ({
  schemaVersion: RUN_SCHEMA_VERSION, runId: 'run-1', runDir: '/tmp/run-1', tool: { name: 'pixel-audit', version: '0.1.0' },
  startedAt: at(0), endedAt: at(60), seed: 's', failOn, sites: [],
});

/**
 * A strict-enough well-formedness check without an XML library: every tag closes in order,
 * attribute values are quoted, and text holds no raw `<` or bare `&`.
 */
function assertWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let consumed = 0;
  for (const m of body.matchAll(token)) {
    consumed += m[0].length;
    const [, closing, name, attrs, selfClosing, text] = m;
    for (const value of [text ?? '', ...(attrs ?? '').split('"').filter((_, i) => i % 2 === 1)]) {
      expect(value).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+);)/);
    }
    if (text !== undefined) continue;
    if (closing) expect(stack.pop(), `</${name}>`).toBe(name);
    else if (!selfClosing) stack.push(name!);
  }
  expect(consumed, 'the whole document is made of tags and text').toBe(body.length);
  expect(stack).toEqual([]);
}

describe('junit.xml', () => {
  it('has one test case per form and one for requests outside forms, failing at --fail-on', () => {
    const xml = renderJunit(run(), [{ summary: summary(), findings: FINDINGS, evidence: buildEvidence() }]);
    assertWellFormed(xml);
    expect(xml).toContain('<testsuites name="pixel-audit run-1" tests="3" failures="2" errors="0"');
    expect(xml).toContain('<testcase classname="www.example.se" name="form f1 /forsakring/offert #offert-form" time="0">');
    expect(xml).toContain('<failure type="severity-high" message="2 at or above low: Meta Pixel received email">');
    expect(xml).toContain('name="pages (requests outside forms)"');
    expect(xml.match(/<failure /g)).toHaveLength(2);
  });

  it('fails the tracker-configuration case on a configuration fact at --fail-on', () => {
    const fact = {
      id: 'C-1', kind: 'automatic-advanced-matching', tracker: 'meta-pixel', trackerName: 'Meta Pixel', accountId: '123', requestId: 'r0001',
      requestUrl: 'https://connect.facebook.net/signals/config/123', firstSeenAt: at(1), occurrences: 1, detail: 'AAM on', severity: 'medium' as const,
      evidence: { request: 'evidence.json#/requests/0', har: 'requests.har', harEntry: 3, fromResponse: true },
    };
    const xml = renderJunit(run('medium'), [{ summary: summary(), findings: [], facts: [fact], evidence: buildEvidence() }]);
    assertWellFormed(xml);
    expect(xml).toContain('<testcase classname="www.example.se" name="tracker configuration" time="0">');
    expect(xml).toContain('message="1 at or above medium: Meta Pixel has automatic-advanced-matching"');
    expect(renderJunit(run('high'), [{ summary: summary(), findings: [], facts: [fact], evidence: buildEvidence() }])).not.toContain('<failure');
  });

  it('passes findings below --fail-on, listing them in system-out', () => {
    const low = FINDINGS.map((f) => ({ ...f, severity: 'medium' as const }));
    const xml = renderJunit(run('high'), [{ summary: summary(), findings: low, evidence: buildEvidence() }]);
    assertWellFormed(xml);
    expect(xml).not.toContain('<failure');
    expect(xml).toContain('<system-out>below --fail-on high:');
    expect(xml).toContain('failures="0"');
  });

  it('reports a site that could not be scanned as an error', () => {
    const xml = renderJunit(run(), [{ summary: summary({ status: 'failed', error: 'connection refused & <gone>', bundle: undefined, findings: 0 }), findings: [] }]);
    assertWellFormed(xml);
    expect(xml).toContain('<error type="scan-failed" message="connection refused &amp; &lt;gone&gt;"/>');
    expect(xml).toContain('errors="1"');
  });

  it('escapes hostile names, including characters XML cannot carry', () => {
    const evidence = buildEvidence();
    evidence.forms[0]!.selector = 'form[name="a&b"] <x>\u0001\uD800';
    const hostile = [finding({ id: 'F-x', requestId: 'r0001', trackerName: '"]]></failure><script>' })];
    const xml = renderJunit(run(), [{ summary: summary(), findings: hostile, evidence }]);
    assertWellFormed(xml);
    expect(xml).toContain('name="form f1 /forsakring/offert form[name=&quot;a&amp;b&quot;] &lt;x&gt;\uFFFD\uFFFD"');
    expect(xml).not.toContain('<script>');
  });

  it('escapes for attributes and text', () => {
    expect(xmlAttr(`a"b'c\n<&>`)).toBe('a&quot;b&apos;c&#10;&lt;&amp;&gt;');
    expect(xmlText('a < b && c\u0000')).toBe('a &lt; b &amp;&amp; c\uFFFD');
  });
});
