import { execFile } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempOut } from '../helpers/fixture-scan.js';

const BIN = fileURLToPath(new URL('../../bin/pixel-audit.js', import.meta.url));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 170_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('the pixel-audit command, as a user runs it', () => {
  let out: string;
  let demo: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    out = await tempOut();
    demo = await cli(['demo', '--out', out]);
  });

  it('demo: says who received which hashes from which form, where the evidence is, and exits 1', () => {
    expect(demo.code).toBe(1);
    expect(demo.stdout).toMatch(/Meta Pixel \(Meta Platforms Ireland Ltd, IE; pixel\/account id \d+\) received/);
    expect(demo.stdout).toMatch(/SHA-256 of the e-mail address/);
    expect(demo.stdout).toMatch(/phone number/);
    expect(demo.stdout).toMatch(/first name/);
    expect(demo.stdout).toMatch(/last name/);
    expect(demo.stdout).toMatch(/typed into the form at \/offert/);
    expect(demo.stdout).toMatch(/evidence: .*sites\/www\.tryggbo-forsakring\.test/);
    expect(demo.stdout).toMatch(/exit 1: findings at or above --fail-on low/);
  });

  it('verify: passes on the fresh bundle and names the file when one byte is altered', async () => {
    const [runId] = await readdir(out);
    const runDir = join(out, runId!);
    const ok = await cli(['verify', runDir]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^ok: /m);
    const bundle = join(runDir, 'sites', 'www.tryggbo-forsakring.test');
    const file = join(bundle, 'findings.json');
    const bytes = await readFile(file);
    bytes[10] = bytes[10] === 0x20 ? 0x21 : 0x20;
    await writeFile(file, bytes);
    const bad = await cli(['verify', bundle]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('altered: findings.json');
  });

  it('analyze: re-judges the saved bundle without a browser and finds the same leaks', async () => {
    const [runId] = await readdir(out);
    const bundle = join(out, runId!, 'sites', 'www.tryggbo-forsakring.test');
    const fresh = await cli(['analyze', bundle, '--json']);
    expect(fresh.code).toBe(1);
    const original = JSON.parse(await readFile(join(bundle, 'evidence.json'), 'utf8'));
    const findings = JSON.parse(fresh.stdout).findings as Array<{ requestId: string }>;
    expect(findings.length).toBeGreaterThan(0);
    const ids = new Set(original.requests.map((r: { id: string }) => r.id));
    for (const f of findings) expect(ids.has(f.requestId)).toBe(true);
  });

  it('bad usage: one line naming the flag, exit 2', async () => {
    const result = await cli(['scan', 'https://www.example.se/', '--fail-on', 'severe']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--fail-on/);
    const none = await cli(['scan']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/at least one URL/);
  });

  it('a missing browser is one line saying how to install one, exit 2', async () => {
    const result = await cli(['scan', 'https://www.example.se/', '--browser', '/nonexistent/chrome']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--browser \/nonexistent\/chrome: no executable there/);
  });

  it('rules lint and rules test pass on the bundled rules', async () => {
    expect((await cli(['rules', 'lint'])).code).toBe(0);
    const tested = await cli(['rules', 'test']);
    expect(tested.code).toBe(0);
    expect(tested.stdout).toMatch(/\d+ passed, 0 failed/);
  });
});
