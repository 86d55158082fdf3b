import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { listBundleFiles, MANIFEST_NAME, sha256File, type Manifest } from './manifest.js';

export interface VerifyResult {
  ok: boolean;
  /** One line per problem: `altered: evidence.json`, `missing: …`, `not in manifest: …`. */
  problems: string[];
  checked: number;
}

/** Recomputes every digest of a site bundle and compares it with its manifest. */
export async function verifyBundle(dir: string): Promise<VerifyResult> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, MANIFEST_NAME), 'utf8')) as Manifest;
  } catch (error) {
    return { ok: false, problems: [`no readable ${MANIFEST_NAME} in ${dir} (${(error as Error).message})`], checked: 0 };
  }
  if (!Array.isArray(manifest.files)) return { ok: false, problems: [`${MANIFEST_NAME} in ${dir} lists no files`], checked: 0 };
  const problems: string[] = [];
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const file of manifest.files) {
    // A manifest is input too: a path leaving the bundle is refused, never read.
    if (typeof file.path !== 'string' || isAbsolute(file.path) || file.path.split('/').includes('..')) {
      problems.push(`unsafe path in manifest: ${JSON.stringify(file.path)}`);
      continue;
    }
    const full = join(dir, file.path);
    const size = await stat(full).then((s) => s.size, () => undefined);
    if (size === undefined) problems.push(`missing: ${file.path}`);
    else if (size !== file.size || (await sha256File(full)) !== file.sha256) problems.push(`altered: ${file.path}`);
  }
  for (const path of await listBundleFiles(dir)) if (!listed.has(path)) problems.push(`not in manifest: ${path}`);
  return { ok: problems.length === 0, problems, checked: manifest.files.length };
}
