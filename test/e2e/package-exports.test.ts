import { execFile } from 'node:child_process';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A consumer's code, typed against the package's generated `.d.ts` through its `exports`. */
const CONSUMER = `
import { analyze, scan, startDemoSites, UsageError, type AnalyzeResult, type ScanResult } from 'pixel-audit';
import { expect, test, type Audit } from 'pixel-audit/test';

export async function run(): Promise<number> {
  const sites = await startDemoSites();
  const result: ScanResult = await scan({ urls: [sites.demo], failOn: 'high', ...sites.scanOptions });
  const again: AnalyzeResult = await analyze(result.reports[0]!.bundleDir!, { rulesDir: 'my-rules' });
  // @ts-expect-error maxPages is a number
  await scan({ urls: ['https://a.example/'], maxPages: 'ten' });
  // @ts-expect-error no such severity
  await scan({ urls: ['https://a.example/'], failOn: 'severe' });
  if (!(new UsageError('x') instanceof Error)) return -1;
  return (result.summary.exitCode ?? 0) + again.findings.findings.length;
}

test.use({ auditOptions: { seed: 's', failOn: 'high' } });
test('types', async ({ page, audit }) => {
  const a: Audit = audit;
  await page.goto('https://www.example.se/');
  const forms = await a.fillForms(page);
  const found = await audit.findings();
  expect(forms.length + found.length).toBeGreaterThanOrEqual(0);
  await expect(audit).toHaveNoLeaks({ atOrAbove: 'high' });
  // @ts-expect-error no such severity
  await expect(audit).toHaveNoLeaks({ atOrAbove: 'severe' });
});
`;

function tsc(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), ...args], { cwd: ROOT, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out: stdout + stderr }));
  });
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => join(e.parentPath, e.name));
}

describe("the package's exports", () => {
  // Inside the repository, so that 'pixel-audit' resolves through the package's own exports.
  const file = join(ROOT, 'test', 'e2e', `.consumer-${process.pid}.ts`);
  afterAll(() => rm(file, { force: true }));

  it("type-check a consumer's code: 'pixel-audit' and 'pixel-audit/test', with real types", async () => {
    await writeFile(file, CONSUMER);
    const result = await tsc(['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022',
      '--skipLibCheck', '--types', 'node', file]);
    expect(result.out).toBe('');
    expect(result.code).toBe(0);
  });

  it("import @playwright/test only from the pixel-audit/test entry (it is an optional peer dependency)", async () => {
    const importers: string[] = [];
    for (const path of await sourceFiles(join(ROOT, 'src'))) {
      if (/from '@playwright\/test'|import\('@playwright\/test'\)/.test(await readFile(path, 'utf8'))) importers.push(relative(ROOT, path));
    }
    expect(importers).toEqual(['src/test-fixture/index.ts']);
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, { types: string; import: string }> };
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
    expect(pkg.exports['./test']).toEqual({ types: './dist/test-fixture/index.d.ts', import: './dist/test-fixture/index.js' });
  });
});
