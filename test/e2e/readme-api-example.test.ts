import { execFile } from 'node:child_process';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempOut } from '../helpers/fixture-scan.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The first ```js block of the README's "Use it as a library" section, verbatim. */
async function readmeExample(): Promise<string> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## Use it as a library$/m)[1]?.split(/^## /m)[0];
  const code = section && /^```js\n([\s\S]*?)^```$/m.exec(section)?.[1];
  if (!code) throw new Error('README.md: no ```js block under "## Use it as a library"');
  return code;
}

describe('the library example in the README', () => {
  // Inside the repository, so that `import 'pixel-audit'` resolves through the package's own exports.
  const script = join(ROOT, 'test', 'e2e', `.readme-example-${process.pid}.mjs`);
  afterAll(() => rm(script, { force: true }));

  it('runs as written: scans the demo site, prints the findings, and analyze finds them again', async () => {
    const cwd = await tempOut();
    await writeFile(script, await readmeExample());
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [script], { cwd, timeout: 170_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }));
    });
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const total = /^exit code 1: (\d+) finding\(s\)$/.exec(lines[0] ?? '');
    expect(total, run.stdout).not.toBeNull();
    expect(Number(total![1])).toBeGreaterThan(0);
    expect(lines[1]).toMatch(/^Meta Pixel received the e-mail address as normalize:email → sha256 → hex in \S+\[em\]$/);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe(`analyze: ${total![1]} finding(s) from the saved bundle`);
    // The run folder is where the README says, and the library kept no history store.
    expect(await readdir(join(cwd, 'pixel-audit-out'))).toHaveLength(1);
    expect(await readdir(cwd)).toEqual(['pixel-audit-out']);
  });
});
