import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile } from '../config/read-json-file.js';
import { evidenceSchema, type Evidence } from './schema.js';

/** File names inside a site bundle (contract, DESIGN §5). */
export const BUNDLE_FILES = {
  evidence: 'evidence.json',
  har: 'requests.har',
  findings: 'findings.json',
  manifest: 'manifest.json',
  screenshots: 'screenshots',
} as const;

/** A filesystem-safe, readable folder name for a site: `www.example.se` or `www.example.se-8443`. */
export function siteSlug(url: URL): string {
  const port = url.port ? `-${url.port}` : '';
  const path = url.pathname.replace(/\/+$/, '');
  const pathPart = path ? `-${path.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40)}` : '';
  return `${url.hostname}${port}${pathPart}`.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
}

/** Writes JSON with a trailing newline; two-space indentation keeps evidence diffable. */
export async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

export async function ensureDir(path: string): Promise<string> {
  await mkdir(path, { recursive: true });
  return path;
}

/** Reads and validates a bundle's `evidence.json`; a damaged file is a one-line UsageError. */
export async function readEvidence(bundleDir: string): Promise<Evidence> {
  const file = join(bundleDir, BUNDLE_FILES.evidence);
  return readJsonFile(file, evidenceSchema, { reading: 'evidence' });
}
