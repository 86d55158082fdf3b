import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanOptionsSchema, type ScanOptionsInput } from '../../src/config/options.js';
import { startFixtureServer, type FixtureServer } from '../../src/demo/fixture-server.js';
import type { Evidence } from '../../src/evidence/schema.js';
import type { FindingsFile } from '../../src/judge/finding.js';
import { runScan } from '../../src/run/scan-run.js';

export { startFixtureServer, type FixtureServer };

/** A scratch folder for one test's run folders. */
export function tempOut(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'pixel-audit-test-'));
}

/** Scans fixture URLs through the server's host mapping, as the demo does. */
export async function scanFixtures(server: FixtureServer, urls: string[], extra: Partial<ScanOptionsInput> = {}) {
  const out = await tempOut();
  const options = scanOptionsSchema.parse({
    urls,
    out,
    seed: 'test-seed',
    hostResolverRules: server.hostResolverRules,
    ignoreHttpsErrors: true,
    maxPages: 4,
    pageTimeout: 15,
    concurrency: 2,
    ...extra,
  });
  return runScan(options);
}

export async function readBundleJson<T = unknown>(bundleDir: string, name: string): Promise<T> {
  return JSON.parse(await readFile(join(bundleDir, name), 'utf8')) as T;
}

export const readFindings = (dir: string) => readBundleJson<FindingsFile>(dir, 'findings.json');
export const readEvidenceJson = (dir: string) => readBundleJson<Evidence>(dir, 'evidence.json');
