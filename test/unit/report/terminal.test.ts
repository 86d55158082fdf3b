import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/judge/finding.js';
import { judge } from '../../../src/judge/judge.js';
import { maxSeverity } from '../../../src/judge/severity.js';
import type { SiteReport, SiteSummary } from '../../../src/report/run-summary.js';
import { exitMeaning, formatRunFooter, formatSiteReport, hashLabel } from '../../../src/report/terminal.js';
import { loadRules } from '../../../src/rules/load.js';
import { buildEvidence, hit, PIXEL_ID, plainEmailHit, SITE } from '../../helpers/evidence-builder.js';

let metaFindings: Finding[];
let allFindings: Finding[];

beforeAll(async () => {
  const { rules, digest } = await loadRules();
  const findingsOf = (hits: Parameters<typeof judge>[0]['hits']) => judge({ evidence: buildEvidence(), hits, rules, rulesDigest: digest, now: '2026-03-01T11:00:00.000Z' }).findings;
  metaFindings = findingsOf([hit({ requestId: 'r0001', parameter: 'query.ud[em]' })]);
  allFindings = findingsOf([
    hit({ requestId: 'r0001', parameter: 'query.ud[em]' }),
    hit({ requestId: 'r0002', parameter: 'body.form.ud[em]' }),
    plainEmailHit('r0005', 'query.e'),
  ]);
});

const summary = (over: Partial<SiteSummary> = {}): SiteSummary => ({
  input: 'www.example.se', site: SITE, bundle: 'sites/www.example.se', status: 'ok',
  pages: 3, forms: 1, requests: 42, findings: 0,
  startedAt: '2026-03-01T10:00:00.000Z', endedAt: '2026-03-01T10:01:00.000Z', ...over,
});
const report = (findings: Finding[], over: Partial<SiteSummary> = {}, bundleDir?: string): SiteReport => ({
  summary: summary({ findings: findings.length, maxSeverity: maxSeverity(findings), ...over }), findings, bundleDir,
});

describe('formatSiteReport', () => {
  it('says who received what, from which page, and when, for a Meta Pixel leak while typing', () => {
    const text = formatSiteReport(report(metaFindings, {}, '/runs/r1/sites/www.example.se'));
    const lines = text.split('\n');
    expect(lines[0]).toBe(`✗ ${SITE} — 1 finding(s), highest severity high (3 page(s), 1 form(s), 42 request(s))`);
    expect(lines[1]).toMatch(new RegExp(`^  Meta Pixel \\(Meta Platforms Ireland Ltd, IE; pixel/account id ${PIXEL_ID}\\) received`));
    expect(text).toContain('the SHA-256 of the e-mail address');
    expect(text).toMatch(/typed into the form at \/forsakring\/offert, before submit \(input\)/);
    expect(text).not.toMatch(/\bat submit/);
    expect(text).toMatch(/parameters:? query\.ud\[em\]/);
    expect(lines.at(-1)).toBe('  evidence: /runs/r1/sites/www.example.se');
  });

  it('groups by recipient and says "before and at submit" when both happened', () => {
    const text = formatSiteReport(report(allFindings));
    expect(text.split('\n')[0]).toBe(`✗ ${SITE} — 3 finding(s), highest severity high (3 page(s), 1 form(s), 42 request(s))`);
    expect(text.match(/Meta Pixel/g)).toHaveLength(1);
    expect(text).toContain(`Meta Platforms Ireland Ltd, IE; pixel/account id ${PIXEL_ID}`);
    expect(text).toContain('the SHA-256 of the e-mail address');
    expect(text).toMatch(/typed into the form at \/forsakring\/offert, before and at submit \(input\/submit\)/);
    expect(text).toMatch(/parameters:? query\.ud\[em\], body\.form\.ud\[em\]/);
    expect(text).toContain('  px.tracker-unknown.test (no rule knows this recipient) (px.tracker-unknown.test) received');
    expect(text).toContain('e-mail address in clear');
    expect(text).toMatch(/before submit \(page_load\)/);
    expect(text).toMatch(/parameters:? query\.e$/m);
    expect(text).not.toContain('evidence:');
  });

  it('says "at submit" for leaks only after the submit click', () => {
    const text = formatSiteReport(report(allFindings.filter((f) => f.requestId === 'r0002')));
    expect(text).toMatch(/typed into the form at \/forsakring\/offert, at submit \(submit\)/);
    expect(text).not.toContain('before');
  });

  it('says "no leak found" for a clean site, with its numbers', () => {
    expect(formatSiteReport(report([]))).toBe(`✓ ${SITE} — no leak found (3 page(s), 1 form(s), 42 request(s))`);
  });

  it('adds the note of a partial scan', () => {
    const text = formatSiteReport(report([], { status: 'partial', error: 'consent: banner button not clickable' }));
    expect(text.split('\n')).toEqual([`✓ ${SITE} — no leak found (3 page(s), 1 form(s), 42 request(s))`, '  note: consent: banner button not clickable']);
  });

  it('names the consent pass of a --consent all run', () => {
    const text = formatSiteReport(report([], { consent: 'reject' }));
    expect(text.split('\n')[0]).toBe(`✓ ${SITE} [consent pass: reject] — no leak found (3 page(s), 1 form(s), 42 request(s))`);
  });

  it('gives one line with the error for a site that could not be scanned', () => {
    const failed = report([], { status: 'failed', site: undefined, input: 'www.nowhere.test', error: 'host not found (net::ERR_NAME_NOT_RESOLVED)' });
    expect(formatSiteReport(failed)).toBe('! www.nowhere.test — could not be scanned: host not found (net::ERR_NAME_NOT_RESOLVED)');
  });
});

describe('hashLabel', () => {
  const finding = (transform: string[], prefix = false): Finding => ({ ...metaFindings[0]!, transform, prefix });

  it.each([
    [['normalize:email', 'sha256', 'hex'], 'SHA-256'],
    [['normalize:email', 'sha1', 'hex'], 'SHA-1'],
    [['normalize:email', 'sha512', 'base64'], 'SHA-512'],
    [['normalize:email', 'md5', 'hex'], 'MD5'],
    [['normalize:email', 'sha3-256', 'hex'], 'SHA3-256'],
    [['normalize:email', 'md5', 'hex', 'sha256', 'hex'], 'SHA-256 of MD5'],
    [['raw'], 'in clear'],
    [['normalize:phone', 'base64'], 'in clear'],
  ])('%j → %s', (transform, label) => {
    expect(hashLabel(finding(transform))).toBe(label);
  });

  it('says a clear value was sent only in part while typing', () => {
    expect(hashLabel(finding(['raw'], true))).toBe('in clear (partly, while typing)');
  });
});

describe('exitMeaning and formatRunFooter', () => {
  it('explains each exit code with the --fail-on threshold', () => {
    expect(exitMeaning(0, 'high')).toBe('no finding at or above --fail-on high');
    expect(exitMeaning(1, 'low')).toBe('findings at or above --fail-on low');
    expect(exitMeaning(2, 'low')).toBe('bad usage, config or rules');
    expect(exitMeaning(3, 'low')).toBe('some site could not be scanned (and no finding)');
  });

  it('counts sites with findings and failed sites', () => {
    const footer = formatRunFooter({
      schemaVersion: 1, runId: 'r', runDir: '/runs/r', tool: { name: 'pixel-audit', version: '0.1.0' },
      startedAt: '2026-03-01T10:00:00.000Z', seed: 's', failOn: 'medium', exitCode: 1,
      sites: [summary({ findings: 2 }), summary({ status: 'failed', findings: 0 }), summary()],
    });
    expect(footer).toBe('3 site(s): 1 with findings, 1 could not be scanned. Run folder: /runs/r\nexit 1: findings at or above --fail-on medium');
  });
});
