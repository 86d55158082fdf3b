import { execFile } from 'node:child_process';
import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFactEntry, type BaselineFile, type FactEntry, type FindingEntry } from '../../src/baseline/schema.js';
import type { FindingsFile } from '../../src/judge/finding.js';
import type { RunSummary } from '../../src/report/run-summary.js';
import { startFixtureServer, tempOut, type FixtureServer } from '../helpers/fixture-scan.js';

const BIN = fileURLToPath(new URL('../../bin/pixel-audit.js', import.meta.url));
const REASON = 'processor agreement DPA-2026-14 with Meta';
const OWNER = 'privacy@tryggbo.test';

interface Result { code: number; stdout: string; stderr: string }

function cli(args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 170_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;

/** The run folder a text-mode scan names in its footer. */
const runDirOf = (r: Result): string => /Run folder: (\S+)/.exec(r.stdout)![1]!;

describe('a baseline of accepted findings (the bin command, on the leaky demo site)', () => {
  let server: FixtureServer;
  let out: string;
  let site: string;
  const scan = (...extra: string[]) => cli(['scan', server.sites.demo!, '--host-resolver-rules', server.hostResolverRules, '--ignore-https-errors',
    '--max-pages', '4', '--out', out, '--no-store', '--seed', 'baseline-e2e', ...extra]);
  // 1: --update-baseline writes every finding and fact with a severity into all.json; 2: one
  // accepted + a stale entry; 3: all.json accepts everything, at the default --fail-on low;
  // 4: --update-baseline without a reason is refused.
  let written: Result;
  let partly: Result;
  let whole: Result;
  let refused: Result;
  let all: BaselineFile;
  let accepted: FindingEntry;
  const stale: FindingEntry = {
    fingerprint: '0123456789abcdef', site: '', tracker: 'meta-pixel', dataCategory: 'national_id', parameter: 'query.ud[pn]',
    transform: ['sha256', 'hex'], reason: 'old campaign pixel', owner: 'web team', acceptedAt: '2026-01-15',
  };

  beforeAll(async () => {
    server = await startFixtureServer();
    out = await tempOut();
    site = new URL(server.sites.demo!).origin;
    stale.site = site;
    written = await scan('--update-baseline', '--baseline', join(out, 'all.json'), '--baseline-reason', REASON, '--baseline-owner', OWNER, '--json');
    all = await readJson<BaselineFile>(join(out, 'all.json'));
    accepted = all.entries.filter((e): e is FindingEntry => !isFactEntry(e)).find((e) => e.parameter === 'query.ud[em]')!;
    // Another site's entry: not in this run, so never stale.
    const elsewhere = { ...stale, fingerprint: 'fedcba9876543210', site: 'https://www.elsewhere.test' };
    await writeFile(join(out, 'one.json'), JSON.stringify({ schemaVersion: 1, entries: [accepted, stale, elsewhere] }, null, 2));
    partly = await scan('--baseline', join(out, 'one.json'));
    whole = await scan('--baseline', join(out, 'all.json'));
    refused = await scan('--update-baseline', '--baseline', join(out, 'new.json'));
  }, 720_000);
  afterAll(async () => {
    await server?.close();
  });

  it('--update-baseline writes one entry per finding fingerprint and per fact with a severity, with the reason, the owner and readable copies', async () => {
    const summary = JSON.parse(written.stdout) as RunSummary;
    // The run that writes the baseline is judged without it.
    expect(written.code).toBe(1);
    const findings = await readJson<FindingsFile>(join(summary.runDir, summary.sites[0]!.bundle!, 'findings.json'));
    expect(findings.findings.length).toBeGreaterThan(1);
    expect(findings.findings.every((f) => !f.accepted)).toBe(true);
    const fingerprints = [...new Set(findings.findings.map((f) => f.fingerprint))].sort();
    expect(all.entries.filter((e) => !isFactEntry(e)).map((e) => e.fingerprint).sort()).toEqual(fingerprints);
    expect(all.entries.filter((e) => !isFactEntry(e)).every((e) => e.kind === undefined)).toBe(true);
    // Facts: every one has a fingerprint; those with a severity (AAM on: medium) get entries, ids in use (info) do not.
    expect(findings.facts.every((f) => /^[0-9a-f]{16}$/.test(f.fingerprint ?? ''))).toBe(true);
    const severe = findings.facts.filter((f) => f.severity !== 'info');
    expect(severe.map((f) => f.kind)).toContain('automatic-advanced-matching');
    const factEntries = all.entries.filter(isFactEntry);
    expect(factEntries.map((e) => e.fingerprint).sort()).toEqual(severe.map((f) => f.fingerprint).sort());
    expect(factEntries.find((e) => e.factKind === 'automatic-advanced-matching')).toMatchObject<Partial<FactEntry>>({ kind: 'fact', site, tracker: 'meta-pixel', reason: REASON, owner: OWNER });
    expect(summary.baseline).toMatchObject({ accepted: 0, acceptedFacts: 0, added: fingerprints.length + severe.length, stale: [] });
    for (const e of all.entries) expect(e).toMatchObject({ site, tracker: 'meta-pixel', reason: REASON, owner: OWNER });
    expect(accepted).toMatchObject({ dataCategory: 'email', transform: ['normalize:email', 'sha256', 'hex'] });
  });

  it('one accepted finding: marked in findings.json and the terminal, the others still fail the run', async () => {
    expect(partly.code).toBe(1);
    const runDir = runDirOf(partly);
    const findings = await readJson<FindingsFile>(join(runDir, 'sites', 'www.tryggbo-forsakring.test', 'findings.json'));
    const mine = findings.findings.filter((f) => f.fingerprint === accepted.fingerprint);
    expect(mine.length).toBeGreaterThan(0);
    for (const f of mine) expect(f.accepted).toEqual({ reason: REASON, owner: OWNER, acceptedAt: accepted.acceptedAt, baselineFile: join(out, 'one.json') });
    const others = findings.findings.filter((f) => f.fingerprint !== accepted.fingerprint);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((f) => !f.accepted)).toBe(true);
    expect(partly.stdout).toContain(`accepted: Meta Pixel received the SHA-256 of the e-mail address in query.ud[em] — ${REASON} (${OWNER})`);
    expect(partly.stdout).toMatch(new RegExp(`${findings.findings.length} finding\\(s\\) \\(${mine.length} accepted by the baseline\\)`));
    expect(partly.stdout).toMatch(/exit 1: findings at or above --fail-on low/);
  });

  it('the stale entry is reported in the terminal footer, run.json and junit.xml; the other site\'s entry is not', async () => {
    expect(partly.stdout).toMatch(/baseline .*one\.json: \d+ finding\(s\) accepted, 1 stale, 0 expired/);
    expect(partly.stdout).toContain(`stale (matched no finding; remove it if the leak is gone): ${site} meta-pixel national_id in query.ud[pn] (sha256 > hex) [0123456789abcdef] — old campaign pixel (web team)`);
    const runDir = runDirOf(partly);
    const summary = await readJson<RunSummary>(join(runDir, 'run.json'));
    expect(summary.baseline?.stale).toEqual([stale]);
    expect(summary.sites[0]!.accepted).toBeGreaterThan(0);
    const junit = await readFile(join(runDir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/name="baseline stale: meta-pixel national_id in query\.ud\[pn\] \[0123456789abcdef\]"[^>]*>\s*<skipped message="stale: /);
    expect(junit).toMatch(new RegExp(`<skipped message="accepted by the baseline \\([^"]*one\\.json\\): ${REASON} \\(${OWNER}\\)`));
    expect(junit).not.toContain('fedcba9876543210');
    const html = await readFile(join(runDir, 'sites', 'www.tryggbo-forsakring.test', 'report.html'), 'utf8');
    expect(html).toContain('<span class="accepted">accepted</span>');
  });

  it('the baseline --update-baseline wrote accepts every finding and fact: exit 0 at the default --fail-on low, nothing hidden', async () => {
    expect(whole.code).toBe(0);
    expect(whole.stdout).toMatch(/all accepted by the baseline/);
    expect(whole.stdout).toMatch(new RegExp(`accepted: Meta Pixel \\d+: Automatic advanced matching is switched on.* \\[medium\\] — ${REASON} \\(${OWNER}\\)`));
    expect(whole.stdout).toMatch(/exit 0: no finding at or above --fail-on low/);
    const runDir = runDirOf(whole);
    const findings = await readJson<FindingsFile>(join(runDir, 'sites', 'www.tryggbo-forsakring.test', 'findings.json'));
    const first = JSON.parse(written.stdout) as RunSummary;
    const firstFindings = await readJson<FindingsFile>(join(first.runDir, first.sites[0]!.bundle!, 'findings.json'));
    expect(findings.findings).toHaveLength(first.sites[0]!.findings);
    expect(findings.findings.every((f) => f.accepted?.reason === REASON)).toBe(true);
    // Every fact is still there; each with a severity is accepted, the ids in use (info, never failing at low) are not.
    expect(findings.facts.map((f) => f.fingerprint).sort()).toEqual(firstFindings.facts.map((f) => f.fingerprint).sort());
    for (const f of findings.facts) expect(f.accepted?.reason, f.kind).toBe(f.severity === 'info' ? undefined : REASON);
    const summary = await readJson<RunSummary>(join(runDir, 'run.json'));
    expect(summary.baseline).toMatchObject({ acceptedFacts: findings.facts.filter((f) => f.severity !== 'info').length, stale: [], expired: [] });
    const junit = await readFile(join(runDir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/name="accepted: Meta Pixel automatic-advanced-matching \d+ \[[0-9a-f]{16}\]"[^>]*>\s*<skipped message="accepted by the baseline /);
    expect(junit).toMatch(/<testsuites [^>]*failures="0"/);
    const html = await readFile(join(runDir, 'sites', 'www.tryggbo-forsakring.test', 'report.html'), 'utf8');
    expect(html).toMatch(/<span class="accepted">accepted<\/span> Automatic advanced matching/);
  });

  it('analyze --baseline re-judges a saved bundle the same way: accepted marked, stale reported, exit 0 once all are accepted', async () => {
    const summary = JSON.parse(written.stdout) as RunSummary;
    const bundle = join(summary.runDir, summary.sites[0]!.bundle!);
    const one = await cli(['analyze', bundle, '--baseline', join(out, 'one.json')]);
    expect(one.code).toBe(1);
    expect(one.stdout).toContain(`accepted: Meta Pixel received the SHA-256 of the e-mail address in query.ud[em] — ${REASON} (${OWNER})`);
    expect(one.stdout).toMatch(/1 stale, 0 expired\n {2}stale .*\[0123456789abcdef\]/);
    const everything = await cli(['analyze', bundle, '--baseline', join(out, 'all.json'), '--json']);
    expect(everything.code).toBe(0);
    const findings = JSON.parse(everything.stdout) as FindingsFile;
    expect(findings.findings).toHaveLength(summary.sites[0]!.findings);
    expect(findings.findings.every((f) => f.accepted)).toBe(true);
    expect(findings.facts.filter((f) => f.severity !== 'info').every((f) => f.accepted)).toBe(true);
    const bad = await cli(['analyze', bundle, '--baseline', join(out, 'missing.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')[0]).toMatch(/--baseline .*missing\.json: cannot read \(ENOENT\)/);
  });

  it('--update-baseline with new findings and no reason: one line, exit 2, the bundle kept and no baseline written', async () => {
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--update-baseline: \d+ finding\(s\) and \d+ configuration fact\(s\) have no baseline entry to keep a reason from, and --baseline-reason and --baseline-owner are not given/);
    expect(refused.stdout).toMatch(/exit 2: bad usage/);
    await expect(access(join(out, 'new.json'))).rejects.toThrow();
    await expect(access(join(runDirOf(refused), 'sites', 'www.tryggbo-forsakring.test', 'findings.json'))).resolves.toBeUndefined();
  });
});
