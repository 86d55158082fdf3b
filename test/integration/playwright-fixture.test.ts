import { execFile } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingsFile } from '../../src/judge/finding.js';
import { verifyBundle } from '../../src/report/verify.js';
import { readBundleJson, startFixtureServer, tempOut, type FixtureServer } from '../helpers/fixture-scan.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PLAYWRIGHT_CLI = join(ROOT, 'node_modules/@playwright/test/cli.js');

/** The parts of Playwright's JSON report this test reads. */
interface JsonReport {
  suites: Array<{ file: string; specs: Array<{ title: string; ok: boolean; tests: Array<{ results: Array<{ status: string; errors: Array<{ message?: string }> }> }> }> }>;
  stats: { expected: number; unexpected: number };
}

const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

/**
 * Runs this repository's Playwright specs (test/playwright/), written as a user writes them
 * with `pixel-audit/test`, against the fixture sites, through Playwright's own test runner.
 */
describe('pixel-audit/test in a Playwright test run', () => {
  let server: FixtureServer;
  let outputDir: string;
  let report: JsonReport;
  let stderr: string;

  beforeAll(async () => {
    server = await startFixtureServer();
    outputDir = await tempOut();
    const env = {
      ...process.env,
      PIXEL_AUDIT_FIXTURE_RULES: server.hostResolverRules,
      PIXEL_AUDIT_FIXTURE_DEMO: server.sites.demo,
      PIXEL_AUDIT_FIXTURE_CLEAN: server.sites.clean,
      PIXEL_AUDIT_PW_OUTPUT: outputDir,
      FORCE_COLOR: '0',
    };
    const run = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [PLAYWRIGHT_CLI, 'test', '-c', 'test/playwright/playwright.config.ts', '--reporter=json'],
        { cwd: ROOT, env, timeout: 240_000, maxBuffer: 64 * 1024 * 1024 }, (_error, stdout, err) => resolve({ stdout, stderr: err }));
    });
    stderr = run.stderr;
    report = JSON.parse(run.stdout) as JsonReport;
    // Kept for reading the failure message as a user sees it.
    await writeFile(join(outputDir, 'report.json'), run.stdout);
  }, 260_000);

  afterAll(async () => {
    await server?.close();
  });

  const spec = (file: string) => {
    const found = report.suites.find((s) => s.file.endsWith(file))?.specs[0];
    if (!found) throw new Error(`no ${file} in the report; stderr: ${stderr}`);
    return { ok: found.ok, result: found.tests[0]!.results[0]! };
  };

  it('fails the spec on the leaky site, naming tracker, field, parameter, transform and request', () => {
    const { ok, result } = spec('leaky-site.spec.ts');
    expect(ok).toBe(false);
    expect(result.status).toBe('failed');
    const message = plain(result.errors.map((e) => e.message ?? '').join('\n'));
    expect(message).toContain("expect(audit).toHaveNoLeaks({ atOrAbove: 'high' })");
    expect(message).toMatch(/leak\(s\) at or above high on https:\/\/www\.tryggbo-forsakring\.test/);
    expect(message).toContain('Meta Pixel (meta-pixel, account 1093847561029384) received the e-mail address (email) [high]');
    expect(message).toMatch(/parameter: query\.udff\[em\]/);
    expect(message).toContain('transform: normalize:email → sha256 → hex (SHA-256)');
    expect(message).toMatch(/sent on submit: GET https:\/\/www\.facebook\.com\/tr\/\?id=1093847561029384&ev=SubscribedButtonClick/);
  });

  it('passes the spec on the clean site', () => {
    const { ok, result } = spec('clean-site.spec.ts');
    expect(result.errors.map((e) => plain(e.message ?? ''))).toEqual([]);
    expect(result.status).toBe('passed');
    expect(ok).toBe(true);
    expect(report.stats).toMatchObject({ expected: 1, unexpected: 1 });
  });

  it("writes a verifiable evidence bundle into each test's output folder", async () => {
    const folders = (await readdir(outputDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    const leaky = folders.find((f) => f.startsWith('leaky-site'));
    const clean = folders.find((f) => f.startsWith('clean-site'));
    expect(leaky && clean, folders.join(', ')).toBeTruthy();
    for (const folder of [leaky!, clean!]) {
      const bundle = join(outputDir, folder, 'pixel-audit');
      const files = await readdir(bundle);
      expect(files).toEqual(expect.arrayContaining(['evidence.json', 'requests.har', 'findings.json', 'report.html', 'manifest.json']));
      const verified = await verifyBundle(bundle);
      expect(verified.problems).toEqual([]);
      expect(verified.ok).toBe(true);
    }
    const leakyFindings = await readBundleJson<FindingsFile>(join(outputDir, leaky!, 'pixel-audit'), 'findings.json');
    expect(leakyFindings.findings.some((f) => f.tracker === 'meta-pixel' && f.dataCategory === 'email' && f.transform.includes('sha256'))).toBe(true);
    // The configuration fact is read from the response in the HAR, as in a scan.
    expect(leakyFindings.facts.map((f) => f.kind)).toContain('automatic-advanced-matching');
    const cleanFindings = await readBundleJson<FindingsFile>(join(outputDir, clean!, 'pixel-audit'), 'findings.json');
    expect(cleanFindings.findings).toEqual([]);
  });
});
