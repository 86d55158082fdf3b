import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../config/errors.js';
import { MANIFEST_NAME } from '../../report/manifest.js';
import { verifyBundle } from '../../report/verify.js';

/** Site bundles under a path: the path itself when it has a manifest, else `sites/*` of a run folder. */
async function bundlesAt(path: string): Promise<string[]> {
  if (await stat(join(path, MANIFEST_NAME)).then(() => true, () => false)) return [path];
  const sites = join(path, 'sites');
  const names = await readdir(sites).catch(() => {
    throw new UsageError(`${path}: neither a site bundle (no ${MANIFEST_NAME}) nor a run folder (no sites/)`);
  });
  return names.sort().map((name) => join(sites, name));
}

export function registerVerify(program: Command, setExit: (code: number) => void): void {
  program
    .command('verify')
    .description('check every file of a bundle (or run folder) against its manifest; exit 1 naming each altered or missing file')
    .argument('<bundle>', 'site bundle or run folder')
    .action(async (path: string) => {
      let bad = 0;
      for (const bundle of await bundlesAt(path)) {
        const result = await verifyBundle(bundle);
        if (result.ok) process.stdout.write(`ok: ${bundle} (${result.checked} files)\n`);
        else {
          bad += 1;
          for (const problem of result.problems) process.stdout.write(`FAILED: ${bundle}: ${problem}\n`);
        }
      }
      setExit(bad ? 1 : 0);
    });
}
