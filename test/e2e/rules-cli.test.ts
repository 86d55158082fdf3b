import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/pixel-audit.js', import.meta.url));
const RULES = fileURLToPath(new URL('../../rules/', import.meta.url));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** A folder holding one rule file: a copy of a bundled rule with `change` applied. */
async function ruleDir(base: string, change: (rule: Record<string, unknown>) => void, name = 'my-rule.json'): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pixel-audit-rules-e2e-'));
  const rule = JSON.parse(await readFile(join(RULES, `${base}.json`), 'utf8')) as Record<string, unknown>;
  change(rule);
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(rule, null, 2));
  return { dir, file };
}

describe('pixel-audit rules, as a user runs it', () => {
  it('list: an aligned table with a header, one row per rule', async () => {
    const { code, stdout } = await cli(['rules', 'list']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+VENDOR\s+HOSTS\s+DATA IT CAN CARRY$/);
    const meta = lines.find((l) => l.startsWith('meta-pixel '))!;
    expect(meta.indexOf('Meta Platforms Ireland Ltd (IE)')).toBe(lines[0]!.indexOf('VENDOR'));
    for (const id of ['meta-capi-gateway', 'google-ads', 'google-analytics', 'google-sgtm', 'google-floodlight', 'google-tag']) {
      expect(lines.some((l) => l.startsWith(`${id} `)), id).toBe(true);
    }
  });

  it('lint: exit 0 and a count for a valid user folder', async () => {
    const { dir } = await ruleDir('google-ads', (r) => { r.id = 'my-ads'; });
    const { code, stdout } = await cli(['rules', 'lint', dir]);
    expect(code).toBe(0);
    expect(stdout).toBe(`ok: 1 rule file(s) in ${dir}\n`);
  });

  it('lint: exit 2 and one line naming file, field and value on the first error', async () => {
    const { dir, file } = await ruleDir('meta-pixel', (r) => { (r.vendor as Record<string, unknown>).country = 'SWE'; });
    const { code, stdout, stderr } = await cli(['rules', 'lint', dir]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`pixel-audit: ${file}: vendor.country: expected a two-letter ISO country code such as IE (got "SWE")\n`);
  });

  it('lint: exit 2 for a discoveredFrom naming no loaded rule, and for a broken regular expression', async () => {
    const orphan = await ruleDir('meta-capi-gateway', (r) => {
      r.id = 'my-gateway';
      (r.endpoints as Array<Record<string, { rule: string }>>)[1]!.discoveredFrom!.rule = 'no-such-pixel';
    });
    const a = await cli(['rules', 'lint', orphan.dir]);
    expect(a.code).toBe(2);
    expect(a.stderr).toBe(`pixel-audit: ${orphan.file}: endpoints.1.discoveredFrom.rule: no loaded rule has this id (got "no-such-pixel")\n`);
    const regex = await ruleDir('google-floodlight', (r) => { r.id = 'my-fl'; r.accountIdPathPattern = '[;/]src=(\\d+'; });
    const b = await cli(['rules', 'lint', regex.dir]);
    expect(b.code).toBe(2);
    expect(b.stderr).toBe(`pixel-audit: ${regex.file}: accountIdPathPattern: not a valid regular expression (got "[;/]src=(\\\\d+")\n`);
  });

  it('test: runs every example; a wrong expectation fails with exit 1 and says what differed', async () => {
    const ok = await cli(['rules', 'test']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^\d+ passed, 0 failed \(\d+ rules\)$/m);
    const { dir } = await ruleDir('google-analytics', (r) => {
      r.id = 'my-ga';
      r.endpoints = [{ hosts: ['ga.example.test'], paths: ['/g/collect'], role: 'collect' }];
      r.examples = [{ request: { url: 'https://ga.example.test/g/collect?v=2&tid=G-X1&en=page_view' }, expect: { role: 'collect', accountId: 'G-WRONG', event: 'page_view' } }];
    });
    const bad = await cli(['rules', 'test', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('FAIL my-ga: GET https://ga.example.test/g/collect?v=2&tid=G-X1&en=page_view\n  accountId: expected "G-WRONG", got "G-X1"\n');
    expect(bad.stdout).toMatch(/\d+ passed, 1 failed/);
  });
});
