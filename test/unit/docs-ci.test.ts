import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

const read = (path: string): string => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');

/** The scan command a job runs must upload its run folder and gate on the baseline and --fail-on. */
function expectGatedScan(script: string): void {
  expect(script).toMatch(/\bscan\b/);
  expect(script).toContain('--out');
  expect(script).toContain('--fail-on');
  expect(script).toContain('pixel-audit.baseline.json');
  expect(script).toContain('--baseline');
}

const step = z.object({ name: z.string().optional(), uses: z.string().optional(), run: z.string().optional(), if: z.string().optional(), with: z.record(z.string(), z.unknown()).optional() });
const githubWorkflow = z.object({
  name: z.string(),
  on: z.object({ pull_request: z.unknown(), workflow_dispatch: z.object({ inputs: z.object({ preview_url: z.object({ type: z.literal('string') }) }) }) }),
  permissions: z.object({ contents: z.literal('read') }),
  env: z.object({ PIXEL_AUDIT_IMAGE: z.string(), PREVIEW_URL: z.string(), FAIL_ON: z.string() }),
  jobs: z.record(z.string(), z.object({ 'runs-on': z.string(), steps: z.array(step).min(3) })),
});

const gitlabJob = z.object({
  stage: z.string(),
  image: z.object({ name: z.string(), entrypoint: z.tuple([z.literal('')]) }),
  rules: z.array(z.object({ if: z.string() })).min(1),
  script: z.array(z.string()).min(1),
  artifacts: z.object({
    when: z.literal('always'),
    paths: z.array(z.string()).min(1),
    reports: z.object({ junit: z.string() }),
  }),
});

describe('docs/ci: the CI examples parse and do what docs/ci.md says', () => {
  it('GitHub Actions: on pull_request, scans the preview, uploads the run folder always, fails on findings', () => {
    const workflow = githubWorkflow.parse(parse(read('docs/ci/github-actions.yml')));
    const steps = Object.values(workflow.jobs)[0]!.steps;
    expect(steps[0]!.uses).toMatch(/^actions\/checkout@/);
    const scan = steps.find((s) => s.run?.includes('docker run'))!;
    expectGatedScan(scan.run!);
    expect(scan.run).toContain('$PIXEL_AUDIT_IMAGE');
    expect(scan.run).toContain('--shm-size');
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.if).toBe('always()');
    expect(upload.with?.path).toBe('pixel-audit-out/');
    // The scan writes where the upload reads.
    expect(scan.run).toContain('--out /work/pixel-audit-out');
  });

  it('GitLab CI: a merge-request job with the run folder and junit.xml as artifacts', () => {
    const doc = parse(read('docs/ci/gitlab-ci.yml')) as Record<string, unknown>;
    const job = gitlabJob.parse(doc['pixel-audit']);
    expect((doc.stages as string[])).toContain(job.stage);
    expect(job.rules[0]!.if).toContain('merge_request_event');
    expectGatedScan(job.script.join('\n'));
    expect(job.script.join('\n')).toContain('node /app/bin/pixel-audit.js');
    expect(job.artifacts.paths).toContain('pixel-audit-out/');
    expect(job.artifacts.reports.junit).toBe('pixel-audit-out/*/junit.xml');
  });

  it('docs/ci.md names both files and the exit codes that fail the job', () => {
    const doc = read('docs/ci.md');
    expect(doc).toContain('ci/github-actions.yml');
    expect(doc).toContain('ci/gitlab-ci.yml');
    for (const code of ['`0`', '`1`', '`2`', '`3`']) expect(doc).toContain(code);
  });
});
