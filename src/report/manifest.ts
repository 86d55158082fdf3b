import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Version of the `manifest.json` layout. */
export const MANIFEST_SCHEMA_VERSION = 1;

export interface ManifestFile {
  /** Bundle-relative path with `/` separators. */
  path: string;
  sha256: string;
  size: number;
}

/** Facts about how the evidence was made; the manifest records them beside the digests. */
export interface ManifestContext {
  tool: { name: 'pixel-audit'; version: string; commit: string | null };
  node: string;
  playwright: string;
  chromium: { version: string; path: string; source: string };
  userAgent: string;
  /** Scan options as given, secrets redacted. */
  options: Record<string, unknown>;
  rulesDigest: string;
  startedAt: string;
  endedAt: string;
  caseRef?: string;
  inspectors: string[];
}

export interface Manifest extends ManifestContext {
  schemaVersion: number;
  site: string;
  files: ManifestFile[];
}

export const MANIFEST_NAME = 'manifest.json';

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every file below `dir` except the manifest itself, sorted by path. */
export async function listBundleFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  await walk(dir);
  return out.filter((p) => p !== MANIFEST_NAME).sort();
}

/** Digests every evidence file of a site bundle. */
export async function buildManifest(dir: string, site: string, context: ManifestContext): Promise<Manifest> {
  const files: ManifestFile[] = [];
  for (const path of await listBundleFiles(dir)) {
    const full = join(dir, path);
    files.push({ path, sha256: await sha256File(full), size: (await stat(full)).size });
  }
  return { schemaVersion: MANIFEST_SCHEMA_VERSION, site, ...context, files };
}

/** Option names whose values never go into evidence. */
const SECRET = /(token|secret|password|passphrase|key|credential|auth(?!or)|webhook)/i;

/** Options as recorded in the manifest: secrets replaced, undefined dropped. */
export function redactOptions(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(options)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, SECRET.test(k) ? '[redacted]' : v]),
  );
}
