import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/config/errors.js';
import { planTargets, readPriorRun, reportFromBundle, splitResumed } from '../../../src/run/resume.js';
import { buildEvidence, SITE } from '../../helpers/evidence-builder.js';

const summaryOf = (targets: ReturnType<typeof planTargets>, sites: unknown[]) => ({
  schemaVersion: 1, runId: 'r1', runDir: '/elsewhere/r1', tool: { name: 'pixel-audit', version: '0.1.0' },
  startedAt: '2026-03-01T02:00:00.000Z', seed: 's', failOn: 'low', targets, sites,
});
const site = (input: string, bundle: string, status: string) => ({
  input, site: new URL(input).origin, bundle, status, pages: 1, forms: 1, requests: 3, findings: 0,
  startedAt: '2026-03-01T02:00:01.000Z', endedAt: '2026-03-01T02:00:09.000Z',
});
const findingsFile = { schemaVersion: 1, site: 'x', generatedAt: '2026-03-01T02:00:09.000Z', rulesDigest: 'd', couldNotAssess: [], findings: [] };

describe('resume', () => {
  it('plans every target with its bundle folder, duplicates apart, malformed ones without a bundle', () => {
    expect(planTargets(['https://a.example/', 'a.example', 'not a url'])).toEqual([
      { input: 'https://a.example/', site: 'https://a.example', bundle: 'sites/a.example' },
      { input: 'a.example', site: 'https://a.example', bundle: 'sites/a.example-x' },
      { input: 'not a url' },
    ]);
  });

  it('skips complete bundles, redoes missing, half-written and failed ones', async () => {
    const runDir = await mkdtemp(join(tmpdir(), 'pixel-audit-resume-'));
    const targets = planTargets(['https://done.example/', 'https://half.example/', 'https://failed.example/', 'https://todo.example/', 'https://killed.example/']);
    for (const slug of ['done.example', 'failed.example', 'killed.example']) {
      await mkdir(join(runDir, 'sites', slug), { recursive: true });
      await writeFile(join(runDir, 'sites', slug, 'manifest.json'), '{}');
      await writeFile(join(runDir, 'sites', slug, 'findings.json'), JSON.stringify(findingsFile));
    }
    await mkdir(join(runDir, 'sites', 'half.example'), { recursive: true }); // evidence, no manifest
    // killed.example finished its bundle but the run died before run.json listed it.
    await writeFile(join(runDir, 'sites', 'killed.example', 'evidence.json'), '{"broken": true}');
    await writeFile(join(runDir, 'run.json'), JSON.stringify(summaryOf(targets, [
      site('https://done.example/', 'sites/done.example', 'ok'),
      site('https://failed.example/', 'sites/failed.example', 'failed'),
    ])));
    const prior = await readPriorRun(runDir);
    expect(prior.runDir).toBe(runDir);
    const { done, todo } = await splitResumed(prior);
    expect(done.map((r) => r.summary.input)).toEqual(['https://done.example/']);
    expect(done[0]!.bundleDir).toBe(join(runDir, 'sites', 'done.example'));
    // killed.example's evidence cannot be read here, so it is scanned again rather than guessed.
    expect(todo.map((t) => t.input)).toEqual(['https://half.example/', 'https://failed.example/', 'https://todo.example/', 'https://killed.example/']);
  });

  it('sums up a bundle the old run.json does not list from its evidence, as the scan would have', async () => {
    const runDir = await mkdtemp(join(tmpdir(), 'pixel-audit-resume-'));
    const bundle = 'sites/www.example.se';
    await mkdir(join(runDir, bundle), { recursive: true });
    const evidence = buildEvidence({ errors: [{ stage: 'fill', message: 'a form could not be filled', at: '2026-03-01T10:00:30.000Z' }] });
    await writeFile(join(runDir, bundle, 'evidence.json'), JSON.stringify(evidence));
    await writeFile(join(runDir, bundle, 'findings.json'), JSON.stringify(findingsFile));
    const report = await reportFromBundle(runDir, { input: `${SITE}/`, site: SITE, bundle });
    expect(report.summary).toMatchObject({
      input: `${SITE}/`, site: SITE, bundle, status: 'partial', error: 'a form could not be filled',
      requests: evidence.requests.length, forms: evidence.forms.length, findings: 0, startedAt: evidence.startedAt, endedAt: evidence.endedAt,
    });
  });

  it('refuses a folder without run.json, or a run.json without a plan, in one line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pixel-audit-resume-'));
    await expect(readPriorRun(dir)).rejects.toThrow(UsageError);
    await writeFile(join(dir, 'run.json'), JSON.stringify({ ...summaryOf([], []), targets: undefined }));
    await expect(readPriorRun(dir)).rejects.toThrow(/no planned target list/);
  });
});
