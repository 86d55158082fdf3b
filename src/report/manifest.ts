import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { z } from 'zod';
import { redactUrlPassword } from '../shared/redact-url.js';

/** Version of the `manifest.json` layout. */
export const MANIFEST_SCHEMA_VERSION = 1;

const isoUtc = z.iso.datetime({ offset: false });

/** One file of the bundle and its digest. */
export const manifestFileSchema = z.strictObject({
  /** Bundle-relative path with `/` separators. */
  path: z.string(),
  /** SHA-256 of the file's bytes, lower-case hex (what `sha256sum` prints). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Size in bytes. */
  size: z.number().int().nonnegative(),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

/** Facts about how the evidence was made; the manifest records them beside the digests. */
export const manifestContextSchema = z.strictObject({
  /** pixel-audit's version, and the git commit when run from a checkout (null from a package). */
  tool: z.strictObject({ name: z.literal('pixel-audit'), version: z.string(), commit: z.string().nullable() }),
  /** Node.js version (`process.version`). */
  node: z.string(),
  /** Playwright version. */
  playwright: z.string(),
  /** The browser that made the evidence: version, executable, and how it was found (DESIGN §9). */
  chromium: z.strictObject({
    version: z.string(),
    path: z.string(),
    source: z.enum(['option', 'env', 'playwright', 'system']),
  }),
  /** User agent the browser presented. */
  userAgent: z.string(),
  /** Scan options as given, secrets redacted. */
  options: z.record(z.string(), z.unknown()),
  /** SHA-256 digest of the rule set that judged the evidence. */
  rulesDigest: z.string(),
  /** UTC start and end of the site's scan. */
  startedAt: isoUtc,
  endedAt: isoUtc,
  /** Case reference (`--case`), when given. */
  caseRef: z.string().optional(),
  /** Inspectors (`--inspector`), in the order given. */
  inspectors: z.array(z.string()),
});
export type ManifestContext = z.infer<typeof manifestContextSchema>;

/**
 * `manifest.json`: SHA-256 and size of every other file of a site bundle, with the facts of how
 * it was made (DESIGN §5). `manifest.sig`, when present, signs these exact bytes.
 */
export const manifestSchema = z.strictObject({
  schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
  /** Site the bundle is about (origin). */
  site: z.string(),
  ...manifestContextSchema.shape,
  /**
   * UTC time `pixel-audit report` last rewrote the reports (and this manifest) from the saved
   * evidence; absent when the manifest is the one the scan wrote.
   */
  reportsRegeneratedAt: isoUtc.optional(),
  /** Every file of the bundle except `manifest.json` and `manifest.sig`, sorted by path. */
  files: z.array(manifestFileSchema),
}).meta({ title: 'pixel-audit manifest.json', description: 'SHA-256 and size of every file of a site bundle, with tool and browser versions, options and times.' });
export type Manifest = z.infer<typeof manifestSchema>;

export const MANIFEST_NAME = 'manifest.json';
/** The detached signature of `manifest.json` (`--sign-key`); never listed in the manifest. */
export const SIGNATURE_NAME = 'manifest.sig';

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every file below `dir` except the manifest and its signature, sorted by path. */
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
  return out.filter((p) => p !== MANIFEST_NAME && p !== SIGNATURE_NAME).sort();
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

/** Options as recorded in the manifest: secrets replaced (and a URL's password, e.g. `--store postgres://u:pw@…`), undefined dropped. */
export function redactOptions(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(options)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, SECRET.test(k) ? '[redacted]' : typeof v === 'string' ? redactUrlPassword(v) : v]),
  );
}
